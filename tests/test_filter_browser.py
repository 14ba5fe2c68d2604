"""The case filter in a real browser: narrow the overview and the matrix with the keyboard, share the
view by its address, and download exactly the cases shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gates import address, axe_failures, open_page, settle
from generator.catalogue import Catalogue, load_catalogue
from generator.citations import plain_words
from generator.citations import plain_name
from generator.facets import municipality_ids
from generator.render import template_prose
from test_export import read_csv

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


@pytest.fixture(scope="module")
def choice(catalogue: Catalogue) -> tuple[str, str, list[str]]:
    """A principle shown by more than one case but not all, a municipality of one of them, and the cases with both."""
    principle = next(p for p in catalogue.principles
                     if 1 < sum(p.id in {item.id for item in case.principles} for case in catalogue.cases)
                     < len(catalogue.cases))
    municipality = next(case.municipalities[0] for case in catalogue.cases
                        if principle.id in {item.id for item in case.principles})
    expected = [case.id for case in catalogue.cases
                if municipality in case.municipalities and principle.id in {item.id for item in case.principles}]
    return municipality, principle.id, expected


def address_of(catalogue: Catalogue, case) -> str:
    """A case's (first) municipality as the filter writes it in the address."""
    return municipality_ids(catalogue.cases)[plain_name(case.municipalities[0])]


def shown_cases(page, selector: str = "ul.katalog-entries > li[data-case]") -> list[str]:
    return [entry.get_attribute("data-case") for entry in page.locator(selector).all() if entry.is_visible()]


def tick_with_keyboard(page, group: str, label: str) -> None:
    """Open a facet group and tick one value, with the keyboard alone."""
    summary = page.locator("summary", has_text=group)
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.focus()
        page.keyboard.press("Enter")
    page.get_by_label(label, exact=False).focus()
    page.keyboard.press("Space")


def test_a_municipality_and_a_principle_leave_exactly_the_matching_cases(real_site_url: str, context, catalogue,
                                                                         choice) -> None:
    municipality, principle_id, expected = choice
    principle = catalogue.principles_by_id[principle_id]
    page, visit = open_page(context, real_site_url, "eksempler/")
    page.locator(".katalog-filter-form").wait_for()
    assert shown_cases(page) == [case.id for case in catalogue.cases]
    tick_with_keyboard(page, "Kommune", plain_words(municipality))
    tick_with_keyboard(page, "Princip", f"{principle.number}. {principle.title}")
    assert shown_cases(page) == expected
    assert page.get_by_role("status").inner_text() == f"Viser {len(expected)} af {len(catalogue.cases)} eksempler."
    assert f"kommune={address_of(catalogue, next(c for c in catalogue.cases if c.id == expected[0]))}" in address(page)
    assert f"princip={principle_id}" in address(page)
    assert visit.error_failures() == []


def test_a_shared_address_gives_the_same_view(real_site_url: str, context, catalogue, choice) -> None:
    municipality, principle_id, expected = choice
    query = f"eksempler/?kommune={address_of(catalogue, next(c for c in catalogue.cases if c.id == expected[0]))}" \
            f"&princip={principle_id}"
    page, visit = open_page(context, real_site_url, query)
    page.locator(".katalog-filter-form").wait_for()
    assert shown_cases(page) == expected
    assert page.locator(f"input[name='princip'][value='{principle_id}']").is_checked()
    assert page.locator("summary", has_text="Kommune").inner_text().endswith("(1 valgt)")
    page.get_by_role("button", name="Nulstil filteret").click()
    assert shown_cases(page) == [case.id for case in catalogue.cases]
    assert "princip=" not in address(page)
    assert visit.error_failures() == []


def test_a_filter_no_case_matches_says_so(real_site_url: str, context, catalogue) -> None:
    first, second = catalogue.cases[0], catalogue.cases[1]
    query = f"eksempler/?kommune={address_of(catalogue, first)}&status=afsluttet,forsoeg,igangvaerende&emne=" + \
            ",".join(tag for tag in second.tags if tag not in first.tags)
    page, visit = open_page(context, real_site_url, query)
    page.locator(".katalog-filter-form").wait_for()
    assert shown_cases(page) == []
    assert "Ingen af de" in page.get_by_role("status").inner_text()


@pytest.mark.parametrize("button,name", [("Hent de viste som regneark (CSV)", "eksempler-udvalg.csv"),
                                         ("Hent de viste som JSON", "eksempler-udvalg.json")])
def test_the_shown_cases_download_as_csv_and_json(real_site_url: str, real_site: Path, context, catalogue, choice,
                                                  tmp_path: Path, button: str, name: str) -> None:
    municipality, principle_id, expected = choice
    page, visit = open_page(context, real_site_url, f"eksempler/?princip={principle_id}")
    page.locator(".katalog-filter-form").wait_for()
    shown = shown_cases(page)
    assert 0 < len(shown) < len(catalogue.cases)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button).click()
    download = download_info.value
    assert download.suggested_filename == name
    saved = tmp_path / name
    download.save_as(saved)
    raw = saved.read_bytes()
    if name.endswith(".csv"):
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = read_csv(raw)
        assert [row["ID"] for row in rows] == shown
        whole = read_csv((real_site / "data" / "cases.csv").read_bytes())
        assert rows == [row for row in whole if row["ID"] in shown]
    else:
        data = json.loads(raw)
        assert [case["id"] for case in data["cases"]] == shown
        whole = json.loads((real_site / "data" / "katalog.json").read_bytes())
        assert data["cases"] == [case for case in whole["cases"] if case["id"] in shown]
        for key in ("principles", "tags", "sources"):
            assert [{**record, "cases": [id for id in record["cases"] if id in shown]} for record in whole[key]] \
                == data[key]
            assert any(set(record["cases"]) - set(shown) for record in whole[key]), key
        assert {key: value for key, value in data.items() if key not in ("cases", "principles", "tags", "sources")} \
            == {key: value for key, value in whole.items() if key not in ("cases", "principles", "tags", "sources")}
    assert visit.error_failures() == []


def test_the_matrix_filters_its_rows_and_its_cells_lead_to_the_passage(real_site_url: str, context, catalogue,
                                                                       choice) -> None:
    municipality, principle_id, expected = choice
    showing = [case.id for case in catalogue.cases if principle_id in {item.id for item in case.principles}]
    page, visit = open_page(context, real_site_url, f"matrix/?princip={principle_id}")
    page.locator(".katalog-filter-form").wait_for()
    assert shown_cases(page, "#principper ~ .katalog-matrix >> nth=0 >> tr[data-case]") == showing
    cell = page.locator(f"tr[data-case='{showing[0]}'] a[href$='#vist-{principle_id}']")
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{showing[0]}/#vist-{principle_id}")
    assert page.locator(f"#vist-{principle_id}").is_visible()
    assert visit.error_failures() == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["eksempler/", "matrix/"])
def test_the_open_filter_passes_the_accessibility_gate(real_site_url: str, open_context, width: int, path: str) -> None:
    page, visit = open_page(open_context(width), real_site_url, path + "?status=igangvaerende")
    page.locator(".katalog-filter-form").wait_for()
    for summary in page.locator(".katalog-facet-group > summary").all():
        summary.click()
    settle(page)
    assert axe_failures(page, visit.url) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
