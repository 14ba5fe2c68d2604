"""The facets the overview and the matrix filter by, and the pages that list every case without JavaScript."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from generator.catalogue import Catalogue, load_catalogue
from generator.citations import plain_words
from generator.facets import FACETS_URI, facet_data, facet_script, municipality_ids
from generator.loader import slugify
from generator.render import MATRIX, case_uri, excerpt, template_prose
from generator.schema import Kind
from generator.search.documents import page_path


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


def expected_values(catalogue: Catalogue, case) -> dict[str, set[str]]:
    """A case's value ids in each facet, read straight from its record."""
    return {
        "kommune": {slugify(plain_words(name)) for name in case.municipalities},
        "model": {item.id for item in case.organisation_models},
        "maalgruppe": {tag for tag in case.tags if catalogue.vocabulary[tag].target_group} or {"ikke-angivet"},
        "princip": {item.id for item in case.principles},
        "forudsaetning": {item.id for item in case.prerequisites},
        "status": {{"ongoing": "igangvaerende", "completed": "afsluttet", "pilot": "forsoeg"}[case.status.value]},
        "emne": set(case.tags),
    }


def decoded(data: dict) -> dict[str, dict[str, set[str]]]:
    """Each case's value ids by facet key, from the compact indices the script carries."""
    return {case_id: {facet["key"]: {facet["values"][position][0] for position in positions}
                      for facet, positions in zip(data["facets"], values)}
            for case_id, values in data["cases"].items()}


def test_each_case_has_exactly_the_facet_values_of_its_record(catalogue: Catalogue) -> None:
    cases = decoded(facet_data(catalogue))
    assert list(cases) == [case.id for case in catalogue.cases]
    for case in catalogue.cases:
        assert cases[case.id] == expected_values(catalogue, case), case.id
    assert any(cases[case.id]["maalgruppe"] for case in catalogue.cases)


def test_each_value_counts_the_cases_that_have_it(catalogue: Catalogue) -> None:
    data = facet_data(catalogue)
    cases = decoded(data)
    for facet in data["facets"]:
        for value_id, label, count in facet["values"]:
            assert label.strip()
            assert count == sum(value_id in values[facet["key"]] for values in cases.values()), (facet["key"], value_id)
    principles = next(facet for facet in data["facets"] if facet["key"] == "princip")
    assert [label for _, label, _ in principles["values"]] == [
        f"{p.number}. {p.title}" for p in catalogue.of_kind(Kind.principle)]


def test_the_facet_script_is_ascii_and_holds_the_data(catalogue: Catalogue) -> None:
    script = facet_script(catalogue)
    assert script.isascii()
    prefix = "window.katalogFacets = "
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix):-2]) == facet_data(catalogue)


def test_the_overview_lists_every_case_for_a_reader_without_javascript(read_page, real_site: Path,
                                                                       catalogue: Catalogue) -> None:
    page = read_page("eksempler/")
    entries = page.select("ul.katalog-entries > li")
    assert len(entries) == len(catalogue.cases)
    for entry, case in zip(entries, catalogue.cases):
        link = entry.select_one("a")
        assert link["href"] == f"{case.id}/" and link.get_text() == case.title
        text = entry.get_text()
        assert all(plain_words(name) in text for name in case.municipalities) and str(case.status_year) in text
    box = page.select_one(".katalog-filter[data-facets]")
    assert box.has_attr("hidden")
    assert (real_site / "eksempler" / box["data-facets"]).is_file()
    assert (real_site / FACETS_URI).read_text(encoding="utf-8") == facet_script(catalogue)


def test_the_overview_stays_small_per_case(read_page) -> None:
    """What each case adds to the overview's HTML; the benchmark reports the page at 1 000 cases."""
    entries = read_page("eksempler/").select("ul.katalog-entries > li")
    assert max(len(str(entry)) for entry in entries) < 300


def test_each_matrix_cell_says_whether_the_case_shows_it_and_links_to_the_passage(read_page,
                                                                                 catalogue: Catalogue) -> None:
    page = read_page(page_path(MATRIX))
    for kind, region_id in ((Kind.principle, "principper"), (Kind.prerequisite, "forudsaetninger")):
        table = page.find(id=region_id).find_next("table")
        columns = catalogue.of_kind(kind)
        assert [th.get_text() for th in table.select("thead th")[1:]] == [f"{p.number}. {p.title}" for p in columns]
        rows = table.select("tbody tr[data-case]")
        assert [row["data-case"] for row in rows] == [case.id for case in catalogue.cases]
        for row, case in zip(rows, catalogue.cases):
            shown = {item.id for item in (case.principles if kind is Kind.principle else case.prerequisites)}
            for cell, principle in zip(row.select("td"), columns):
                link = cell.select_one("a")
                if principle.id in shown:
                    assert link["href"] == f"../{page_path(case_uri(case))}#vist-{principle.id}"
                    case_page = read_page(page_path(case_uri(case)))
                    passage = case_page.find(id=f"vist-{principle.id}")
                    assert passage is not None and passage.name == "li"
                    assert cell.get_text().rstrip(" …")[:30] in passage.get_text()
                else:
                    assert link is None and "katalog-gap" in cell["class"]
    assert page.select("td.katalog-gap"), "the real catalogue has gaps to show"


def test_two_spellings_of_a_municipality_are_two_values_with_two_ids(catalogue: Catalogue) -> None:
    case = catalogue.cases[0]
    cases = [case.model_copy(update={"municipalities": [name]}) for name in ("Aarhus Kommune", "Århus kommune", "Odder")]
    assert municipality_ids(cases) == {"Aarhus Kommune": "aarhus-kommune", "Odder": "odder",
                                       "Århus kommune": "aarhus-kommune-2"}


def test_names_that_share_a_slug_get_the_next_free_number_and_one_spelling_in_two_encodings_is_one(
        catalogue: Catalogue) -> None:
    case = catalogue.cases[0]
    names = ["Nord!", "Nord?", "Nord 2", "Nord.", "A\u030arhus", "\u00c5rhus"]
    assert municipality_ids([case.model_copy(update={"municipalities": names})]) == {
        "Nord 2": "nord-2", "Nord!": "nord", "Nord.": "nord-3", "Nord?": "nord-4", "\u00c5rhus": "aarhus"}
    many = [f"Kommune nr{'!' * n}" for n in range(1, 301)]  # one slug: the counter moves on, no search from 2
    assert len(set(municipality_ids([case.model_copy(update={"municipalities": many})]).values())) == 300


def test_a_case_without_a_target_group_tag_is_found_as_unspecified(catalogue: Catalogue) -> None:
    untagged = catalogue.cases[0].model_copy(update={"tags": []})
    data = facet_data(replace(catalogue, cases=[untagged, *catalogue.cases[1:]]))
    assert decoded(data)[untagged.id]["maalgruppe"] == {"ikke-angivet"}


@pytest.mark.parametrize(("how", "shown"), [
    ("Ca. 50 pct. af borgerne fik hjælp. Resten fik ikke.", "Ca. 50 pct. af borgerne fik hjælp. …"),
    ("Holm-Petersen m.fl. beskriver det [@x]. Og mere.", "Holm-Petersen m.fl. beskriver det. …"),
    ("Kort og godt [@x].", "Kort og godt."),
    ("[@jensen2018]", "Beskrevet"),
    ("& " * 60, "& " * 44 + "& …"),
    ("Et " + "meget " * 30 + "langt ord.", "Et " + "meget " * 13 + "meget …"),
])
def test_a_matrix_cell_shows_the_start_of_the_text_as_a_reader_sees_it(how: str, shown: str) -> None:
    assert html.unescape(markdown.markdown(str(excerpt(how)))).removeprefix("<p>").removesuffix("</p>") == shown
