"""Related cases: every case page lists the cases most like it, with what they share, and the
lists follow the catalogue when a case is added or removed."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.catalogue import Catalogue, load_catalogue
from generator.render import case_uri, render_site
from generator.search.corpus import corpus_of
from generator.search.related import Related, related_cases

MODEL_YAML = """kind: model
number: 2
title: Et helt andet slags team
short: En anden model [@regeringen-kl2019].
description: Modellen er en anden [@regeringen-kl2019].
questions:
  - id: andet-team-a
    text: Hvem er med?
  - id: andet-team-b
    text: Hvem leder?
  - id: andet-team-c
    text: Hvem betaler?
sources: [regeringen-kl2019]
last_reviewed: 2026-11-26
"""


def case_yaml(title: str, *, municipality: str = "Testby Kommune", target: str = "Voksne med sociale udfordringer",
              model: str = "ny-enhed", text: str = "Kommunen samler indgangen for borgerne",
              principles: tuple[str, ...] = (), prerequisites: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> str:
    """A valid case whose every section says `text` (with a citation), so its words are easy to control."""
    def shown(ids: tuple[str, ...]) -> str:
        return "".join(f"\n  - id: {id_}\n    how: {text} [@jensen2018]." for id_ in ids) if ids else " []"
    sections = "".join(f"\n  {name}: {text} [@jensen2018]."
                       for name in ("background", "effort", "organisation", "results", "challenges", "lessons"))
    return f"""title: {title}
municipalities: [{municipality}]
period: {{start: 2019, end: null}}
status: ongoing
target_groups:
  - {target}
organisation_models:
  - id: {model}
    how: {text} [@jensen2018].
summary: {text} [@jensen2018].
sections:{sections}
principles:{shown(principles)}
prerequisites:{shown(prerequisites)}
tags: [{", ".join(tags)}]
sources: [jensen2018]
last_reviewed: 2026-11-25
status_year: 2019
"""


FIXTURE_TEXT = ("Borgerne møder én fagperson. Kommunen ville samle indgangen. Et forløb varer fire til tyve uger. "
                "Fagpersoner fra flere områder arbejder sammen. Dokumentationen var svær")
"""The fixture case's words (tests/fixtures/minimal/cases/testby-en-indgang.yml), nearly."""


def related_of(catalogue: Catalogue) -> dict[str, list[Related]]:
    return related_cases(catalogue, corpus_of(catalogue))


def related_ids(catalogue: Catalogue) -> dict[str, list[str]]:
    return {case_id: [item.case.id for item in items] for case_id, items in related_of(catalogue).items()}


def section(page: str) -> str:
    """The Markdown of a case page's related section, or '' when it has none."""
    if "## Relaterede eksempler" not in page:
        return ""
    return page.split("## Relaterede eksempler", 1)[1].split("\n## ", 1)[0]


def case_pages(catalogue: Catalogue) -> dict[str, str]:
    pages = {page.src_uri: page.content for page in render_site(catalogue, related_of(catalogue))}
    return {case.id: pages[case_uri(case)] for case in catalogue.cases}


# --------------------------------------------------------------------------- the real catalogue


@pytest.fixture(scope="module")
def real(real_sources) -> Catalogue:
    loaded = load_catalogue(real_sources)
    assert len(loaded.cases) >= 3
    return loaded


def test_every_real_case_page_lists_related_cases_whose_links_resolve(real_site: Path, real) -> None:
    for case in real.cases:
        page = real_site / "eksempler" / case.id / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = soup.find("h2", id="relaterede-eksempler")
        assert heading is not None, case.id
        items = heading.find_next_sibling("ul").find_all("li", recursive=False)
        assert len(items) == min(3, len(real.cases) - 1), case.id
        linked = set()
        for item in items:
            href = item.find("a")["href"]
            target = Path(posixpath.normpath(posixpath.join(f"eksempler/{case.id}/", href)))
            assert (real_site / target / "index.html").is_file(), (case.id, href)
            assert target.parts[0] == "eksempler" and target.name != case.id, (case.id, href)
            linked.add(target.name)
            assert "Fælles:" in item.get_text() or "Beslægtet indhold" in item.get_text()
        assert len(linked) == len(items), f"{case.id} lists a case twice"
        emner = soup.find("h2", id="emner")
        if emner is not None:
            assert heading.sourceline < emner.sourceline, "the related cases come before the tags"


def test_the_shared_line_names_principles_both_cases_really_show(real) -> None:
    principles = {principle.id: principle for principle in real.principles}
    pages = case_pages(real)
    named = 0
    for case in real.cases:
        lines = section(pages[case.id]).splitlines()
        for item in related_of(real)[case.id]:
            assert set(item.principles) == {shown.id for shown in case.principles} & {
                shown.id for shown in item.case.principles}
            assert set(item.prerequisites) == {shown.id for shown in case.prerequisites} & {
                shown.id for shown in item.case.prerequisites}
            assert set(item.models) == {shown.id for shown in case.organisation_models} & {
                shown.id for shown in item.case.organisation_models}
            line = next(line for line in lines if f"]({item.case.id}.md)" in line)
            for principle_id in item.principles[:3]:
                assert f"*{principles[principle_id].title}*" in line, (case.id, item.case.id, principle_id)
                named += 1
            shared = {*item.principles, *item.prerequisites, *item.models}
            for principle_id in set(principles) - shared:
                assert f"*{principles[principle_id].title}*" not in line, (case.id, item.case.id, principle_id)
    assert named, "no related case shared a principle, so nothing was checked"


def test_related_lists_are_the_same_every_time(real) -> None:
    assert related_ids(real) == related_ids(real)


# --------------------------------------------------------------------------- the fixture catalogue


def test_a_catalogue_of_one_case_has_no_related_section(project) -> None:
    catalogue = load_catalogue(project.sources)
    assert related_ids(catalogue) == {"testby-en-indgang": []}
    assert section(case_pages(catalogue)["testby-en-indgang"]) == ""


def test_a_near_copy_becomes_the_first_related_case_and_leaves_no_trace_when_removed(project) -> None:
    project.write("cases/nordby-familier.yml", case_yaml(
        "Familier i centrum", municipality="Nordby Kommune", target="Børnefamilier med en aktiv børnesag",
        text="Familierådgiveren holder familiemøder med forældrene og skolen om børnenes trivsel",
        principles=("relation",), tags=("familier", "boern")))
    project.write("cases/sydby-unge.yml", case_yaml(
        "Unge på vej", municipality="Sydby Kommune", target="Unge uden uddannelse",
        text="Ungevejlederen følger de unge fra folkeskolen til uddannelse og job", prerequisites=("maalgruppe",),
        tags=("unge",)))
    before = related_ids(load_catalogue(project.sources))
    assert len(before["testby-en-indgang"]) == 2

    copy = project.write("cases/vestby-en-indgang.yml", case_yaml(
        "Én indgang for alle", municipality="Vestby Kommune", text=FIXTURE_TEXT,
        principles=("relation",), prerequisites=("maalgruppe",), tags=("rehabilitering",)))
    catalogue = load_catalogue(project.sources)
    after = related_ids(catalogue)
    assert after["testby-en-indgang"][0] == "vestby-en-indgang"
    assert after["testby-en-indgang"][1:] == before["testby-en-indgang"][:2]
    assert after["vestby-en-indgang"][0] == "testby-en-indgang"
    first = related_of(catalogue)["testby-en-indgang"][0]
    assert (first.models, first.principles, first.prerequisites, first.tags) == (
        ("ny-enhed",), ("relation",), ("maalgruppe",), ("rehabilitering",))
    assert "voksne" in first.target_words
    lines = section(case_pages(catalogue)["testby-en-indgang"]).splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert items[0].startswith("- **[Én indgang for alle](vestby-en-indgang.md)** (Vestby Kommune). Fælles: ")
    assert "*Skabe relationen til borgeren*" in items[0] and "emnet Rehabilitering" in items[0]

    copy.unlink()
    assert related_ids(load_catalogue(project.sources)) == before


def test_a_case_sharing_no_words_is_ordered_by_what_it_shares_then_by_title(project) -> None:
    for name, title in (("b", "Bølgen"), ("a", "Aalborg-modellen"), ("c", "Cirklen")):
        project.write(f"cases/{name}.yml", case_yaml(title, text=FIXTURE_TEXT))
    project.write("cases/zulu.yml", case_yaml(
        "Zulu", target="Xylofonister", text="Qwertz yxilop vrumfad glimsk"))
    catalogue = load_catalogue(project.sources)
    related = related_of(catalogue)["zulu"]
    # Only the model is shared, alike with all four: the three shown are the first by title.
    assert [item.case.title for item in related] == ["Aalborg-modellen", "Bølgen", "Cirklen"]
    assert all(item.models == ("ny-enhed",) and not (item.principles or item.target_words or item.tags) for item in related)
    assert related_ids(catalogue) == related_ids(load_catalogue(project.sources))
    line = next(line for line in section(case_pages(catalogue)["zulu"]).splitlines() if line.startswith("- "))
    assert line.endswith("Fælles: organiseringsmodellen *Én organisation til en afgrænset målgruppe*")


def test_alike_text_without_anything_structured_in_common_says_so(project) -> None:
    project.write("principles/andet-team.yml", MODEL_YAML)
    project.write("cases/oestby.yml", case_yaml(
        "Østby", municipality="Østby Kommune", target="Pensionister", model="andet-team", text=FIXTURE_TEXT))
    project.write("cases/zulu.yml", case_yaml(
        "Zulu", target="Xylofonister", model="andet-team", text="Qwertz yxilop vrumfad glimsk"))
    catalogue = load_catalogue(project.sources)
    related = related_of(catalogue)
    # Much alike text outweighs a shared model alone.
    assert [item.case.id for item in related["oestby"]] == ["testby-en-indgang", "zulu"]
    alike = related["oestby"][0]
    assert not alike.shares_structure and alike.score > 0
    # Zulu shares the model with Østby and nothing at all with the fixture case, so it never lists it.
    assert [item.case.id for item in related["zulu"]] == ["oestby"]
    assert [item.case.id for item in related["testby-en-indgang"]] == ["oestby"]
    lines = section(case_pages(catalogue)["testby-en-indgang"]).splitlines()
    assert "- **[Østby](oestby.md)** (Østby Kommune). Beslægtet indhold: beskrivelserne ligner hinanden." in lines


def test_many_alike_cases_each_get_three_others(project) -> None:
    """Two thousand cases, each compared only with the cases that share one of its best terms (the
    time it takes belongs in the benchmark, not here)."""
    base = load_catalogue(project.sources)
    case = base.cases[0]
    words = [f"ord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(26 * 26)]
    cases = [case.model_copy(update={
        "id": f"sag-{n}", "title": f"Sag {n} {words[n % len(words)]}",
        "sections": case.sections.model_copy(update={"background": " ".join(words[(n * 7 + k) % len(words)]
                                                                              for k in range(40))}),
    }) for n in range(2000)]
    catalogue = Catalogue(cases, base.principles, base.bibliography, base.vocabulary)
    related = related_of(catalogue)
    assert len(related) == 2000
    assert all(len(items) == 3 and case_id not in {item.case.id for item in items}
               for case_id, items in related.items())
