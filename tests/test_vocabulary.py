"""The controlled tag vocabulary, generator/data/tags.yml: loading, checking case tags, showing labels.

The fixture catalogue (tests/fixtures/minimal) has no vocabulary of its own: like every project, it
uses the package's (`Sources.vocabulary` defaults to it), so its one tag, `rehabilitering`, must stay
in the real vocabulary. Tests that need a broken or a special vocabulary write one into the project
and point `Sources.vocabulary` at it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.catalogue import load_catalogue
from generator.loader import SLUG
from generator.problems import CatalogueError, Problem
from generator.vocabulary import VOCABULARY, load_vocabulary

CASE = "cases/testby-en-indgang.yml"
TAGS_LINE = "tags: [rehabilitering]"
TAGS_LINE_NUMBER = 33

SMALL_VOCABULARY = """\
# Emner til testen.
rehabilitering:
  label: Rehabilitering
  description: Indsatser, der gør borgeren i stand til at klare mest muligt selv.
boern-og-unge:
  label: Børn og unge
  description: Indsatser rettet mod børn og unge.
"""


def problems_of(sources) -> list[Problem]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(sources)
    return raised.value.problems


def with_vocabulary(project, text: str):
    """The project's sources with a vocabulary of its own."""
    path = project.write("tags.yml", text)
    return dataclasses.replace(project.sources, vocabulary=path)


def test_real_vocabulary_loads_with_danish_labels() -> None:
    vocabulary, problems = load_vocabulary(VOCABULARY)
    assert problems == [] and vocabulary is not None
    assert vocabulary["boern"].label == "Børn"
    assert vocabulary["socialomraadet"].label == "Socialområdet"
    assert all(SLUG.match(slug) for slug in vocabulary)
    assert all(tag.label and tag.description.endswith(".") for tag in vocabulary.values())


def test_merged_duplicates_are_gone_from_the_vocabulary() -> None:
    vocabulary, _ = load_vocabulary(VOCABULARY)
    assert vocabulary is not None
    for merged in ("socialomraade", "familie", "ny-enhed", "kultur", "frivillige-foreninger",
                   "beskaeftigelsesomraadet", "ungeomraadet", "din-indgang"):
        assert merged not in vocabulary


def test_every_real_and_fixture_case_tag_is_in_the_vocabulary(real_sources, project) -> None:
    vocabulary, _ = load_vocabulary(VOCABULARY)
    assert vocabulary is not None
    for sources in (real_sources, project.sources):
        catalogue = load_catalogue(sources)
        assert catalogue.vocabulary == vocabulary
        for case in catalogue.cases:
            assert set(case.tags) <= set(vocabulary), case.id


def test_every_real_tag_is_used(real_sources) -> None:
    """A tag no case uses is a leftover of a merge or a typo in the vocabulary."""
    catalogue = load_catalogue(real_sources)
    used = {tag for case in catalogue.cases for tag in case.tags}
    assert set(catalogue.vocabulary) <= used | {"rehabilitering"}


def test_unknown_tag_is_reported_at_its_line_with_a_suggestion(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags:\n  - rehabilitering\n  - socialomraade")
    [problem] = problems_of(project.sources)
    assert problem.path.name == "testby-en-indgang.yml"
    assert problem.line == TAGS_LINE_NUMBER + 2
    assert problem.message == ("Emnet 'socialomraade' findes ikke i listen over emner, "
                               "generator/data/tags.yml.")
    assert problem.hint.startswith("Mente du 'socialomraadet' (Socialområdet)")
    assert "tilføj det nye emne dér med et dansk navn ('label') og en beskrivelse" in problem.hint


def test_unknown_tag_in_a_flow_list_is_reported_at_its_line(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags: [rehabilitering, brn]")
    [problem] = problems_of(project.sources)
    assert problem.line == TAGS_LINE_NUMBER
    assert "'boern' (Børn)" in problem.hint


def test_suggestions_come_from_labels_too(project) -> None:
    """A maintainer who writes the label in slug form is pointed at the tag, though its slug differs."""
    sources = with_vocabulary(project, SMALL_VOCABULARY.replace("boern-og-unge:", "unge:"))
    project.edit(CASE, TAGS_LINE, "tags: [rehabilitering, boern-og-unge]")
    [problem] = problems_of(sources)
    assert problem.hint.startswith("Mente du 'unge' (Børn og unge)?")
    assert "tags.yml" in problem.message


def test_unknown_tag_without_a_close_one_still_says_what_to_do(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags: [rehabilitering, kvantefysik]")
    [problem] = problems_of(project.sources)
    assert "Mente du" not in problem.hint
    assert problem.hint.startswith("Brug et emne, der står i generator/data/tags.yml")


def test_tag_named_twice_is_reported(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags:\n  - rehabilitering\n  - rehabilitering")
    [problem] = problems_of(project.sources)
    assert problem.message == "Emnet 'rehabilitering' står to gange under 'tags'."
    assert problem.line == TAGS_LINE_NUMBER + 2


def test_tag_that_is_no_slug_is_told_once_by_the_schema(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags: [Rehabilitering]")
    [problem] = problems_of(project.sources)
    assert "som ikke er et gyldigt id" in problem.message


BROKEN_VOCABULARIES = [
    pytest.param("  label: Børn og unge\n", "", "Feltet 'boern-og-unge → label' mangler.", 5, id="missing-label"),
    pytest.param("boern-og-unge:", "Børn og unge:",
                 "Emnets id 'Børn og unge' er ikke gyldigt: brug kun små bogstaver a-z, tal og bindestreg.", 5,
                 id="key-not-a-slug"),
    pytest.param("boern-og-unge:", "rehabilitering:", "Feltet 'rehabilitering' står to gange i samme afsnit.", 5,
                 id="duplicate-key"),
    pytest.param("label: Børn og unge", "label: Børn <b onmouseover=alert(1)>og</b> unge",
                 "'boern-og-unge → label' indeholder HTML-kode, som ikke må stå i kataloget.", 6, id="html-label"),
    pytest.param("label: Børn og unge", "label: \"\\u200b\"",
                 "'boern-og-unge → label' indeholder ingen synlige tegn, kun mellemrum eller usynlige tegn.", 6,
                 id="invisible-label"),
    pytest.param("label: Børn og unge", "label: " + "x" * 501, "'boern-og-unge → label' er for lang: højst 500 tegn.",
                 6, id="long-label"),
    pytest.param("  description: Indsatser rettet mod børn og unge.\n", "  description: [a, b]\n",
                 "'boern-og-unge → description': skal være tekst", 7, id="description-not-text"),
    pytest.param("boern-og-unge:\n", "boern-og-unge: &a\n", "YAML-anker", 5, id="anchor"),
    pytest.param("boern-og-unge:\n  label: Børn og unge\n  description: Indsatser rettet mod børn og unge.\n",
                 "boern-og-unge: Børn og unge\n", "'boern-og-unge': skal være et afsnit", 5, id="value-not-mapping"),
]


@pytest.mark.parametrize(("old", "new", "message", "line"), BROKEN_VOCABULARIES)
def test_broken_vocabulary_is_refused_with_file_and_line(project, old: str, new: str, message: str, line: int) -> None:
    assert SMALL_VOCABULARY.count(old) == 1
    sources = with_vocabulary(project, SMALL_VOCABULARY.replace(old, new))
    problems = problems_of(sources)
    assert [problem.path for problem in problems] == [sources.vocabulary], problems
    assert message in problems[0].message
    assert problems[0].line == line


def test_missing_vocabulary_is_one_problem_not_one_per_tag(project) -> None:
    sources = dataclasses.replace(project.sources, vocabulary=project.root / "findes-ikke.yml")
    [problem] = problems_of(sources)
    assert problem.message == "Filen findes ikke."
    assert problem.path == sources.vocabulary


def test_vocabulary_is_part_of_the_plugins_fingerprint(project) -> None:
    """`katalog serve` loads the catalogue again when the vocabulary changes (test_plugin: and watches it)."""
    assert VOCABULARY in project.sources.files()


def test_case_page_shows_the_danish_labels_in_the_cases_order(project, tmp_path: Path) -> None:
    project.edit(CASE, TAGS_LINE, "tags: [rehabilitering, boern, beskaeftigelse, socialomraadet]")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "eksempler" / "testby-en-indgang" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    heading = page.find("h2", id="emner")
    assert heading is not None
    assert heading.find_next("p").get_text() == "Rehabilitering · Børn · Beskæftigelse · Socialområdet"
    assert not [code for code in page.find_all("code") if code.get_text() in ("boern", "rehabilitering")]


def test_unknown_tag_named_twice_is_told_unknown_once(project) -> None:
    project.edit(CASE, TAGS_LINE, "tags: [rehabilitering, brn, brn]")
    first, second = problems_of(project.sources)
    assert "findes ikke" in first.message
    assert second.message == "Emnet 'brn' står to gange under 'tags'."


@pytest.mark.parametrize(("label", "shown"), [
    ("'[Rehabilitering](https://angriber.example/) **fed**'", "Rehabilitering fed"),
    ("'\\[Rehabilitering\\](https://angriber.example/)'", "[Rehabilitering](https://angriber.example/)"),
])
def test_a_label_is_shown_as_plain_text_never_as_a_link(project, tmp_path: Path, label: str, shown: str) -> None:
    """The case page links each tag to its page; the label is that link's plain text, never a link of its own."""
    project.write("tags.yml", f"rehabilitering:\n  label: {label}\n  description: Et emne.\n")
    project.edit("mkdocs.yml", "  - katalog\n", "  - katalog:\n      tags: tags.yml\n")
    site = project.build(tmp_path / "site")
    for path, selector in [("eksempler/testby-en-indgang", "#emner + p"), ("emner/rehabilitering", "h1"),
                           ("emner", "tbody tr")]:
        page = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        element = page.select_one(selector)
        assert shown in element.get_text(), path
        assert not [link["href"] for link in element.select("a") if "angriber.example" in link["href"]], path
        assert not element.select("strong, em"), path


def test_only_the_first_unknown_tags_of_a_case_get_a_suggestion(project) -> None:
    """Each suggestion compares the tag with the whole vocabulary; a case of a hundred typos stays quick."""
    typos = [f"rehabiliterin{letter}" for letter in "abcdefh"]
    project.edit(CASE, TAGS_LINE, f"tags: [{', '.join(typos)}]")
    hints = [problem.hint for problem in problems_of(project.sources)]
    assert len(hints) == 7
    assert all("Mente du 'rehabilitering'" in hint for hint in hints[:5])
    assert not any("Mente du" in hint for hint in hints[5:])


def test_a_tag_cannot_take_the_id_of_the_tags_overview(tmp_path: Path) -> None:
    path = tmp_path / "tags.yml"
    path.write_text("boern:\n  label: Børn\n  description: Et emne.\nindex:\n  label: Indeks\n  description: Et emne.\n",
                    encoding="utf-8")
    vocabulary, problems = load_vocabulary(path)
    assert vocabulary is None
    assert [(problem.message, problem.line) for problem in problems] == [
        ("Emnet 'index' har et id, som sitet bruger til oversigten over alle emner.", 4)]


def test_a_label_on_the_sources_page_is_plain_text(project, tmp_path: Path) -> None:
    """The sources page lists the pages citing a source by their titles: a tag page's title is its label."""
    project.write("tags.yml", "rehabilitering:\n  label: '\\[klik\\](https://angriber.example/) *fed*'\n"
                              "  description: Et emne.\n")
    project.edit("mkdocs.yml", "  - katalog\n", "  - katalog:\n      tags: tags.yml\n")
    project.edit("cases/testby-en-indgang.yml", "title: Én indgang", "title: Én indgang [@jensen2018]")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "kilder" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not [link["href"] for link in page.select("a") if "angriber.example" in link["href"]]
    tag_page = page.select_one('a[href="../emner/rehabilitering/"]')
    assert tag_page.get_text() == "[klik](https://angriber.example/) fed" and not tag_page.find_all(True)
