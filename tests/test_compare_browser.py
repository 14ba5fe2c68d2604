"""Sammenlign eksempler in Chromium: choosing cases on the overview with the keyboard, the comparison
side by side with citations into each case's reference list, removing a case, print, the gates at 375
and 1280 px, at most four cases, a site without directory URLs, and a copy opened from files."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from gates import address, axe_failures, open_page, serve
from generator.catalogue import Catalogue, load_catalogue
from generator.render import COMPARE
from generator.schema import Case
from generator.search.documents import page_path

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FREDERICIA, ASSENS = "fredericia-din-indgang", "assens-job-og-familie"
AARHUS = "aarhus-sociale-forhold-og-beskaeftigelse"
TABLE = ".katalog-compare-table"
STATUS = ".katalog-compare-status"  # on the overview, where the filter has a status line of its own
MESSAGE = ".katalog-compare-message"
SHOWN = "selector => [...document.querySelectorAll(selector)].some(element => element.getClientRects().length > 0)"
CELLS = """name => [...document.querySelectorAll('.katalog-compare-table tbody tr')]
    .find(row => row.querySelector('th').textContent === name)
    .querySelectorAll('td')"""


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources)


@pytest.fixture(scope="module")
def cases(catalogue: Catalogue) -> dict[str, Case]:
    return {case.id: case for case in catalogue.cases}


def compare_path(*ids: str) -> str:
    return f"{page_path(COMPARE)}?eksempler={','.join(ids)}"


def cell_texts(page, row: str) -> list[str]:
    return page.evaluate(f"name => [...({CELLS})(name)].map(cell => cell.innerText.trim())", row)


def cell_links(page, row: str) -> list[list[str]]:
    return page.evaluate(f"name => [...({CELLS})(name)].map(cell => "
                         "[...cell.querySelectorAll('a[href]')].map(link => link.getAttribute('href')))", row)


def column_titles(page) -> list[str]:
    return page.locator(f"{TABLE} thead th a").all_inner_texts()


def press(page, locator, key: str) -> None:
    locator.focus()
    page.keyboard.press(key)


def test_two_cases_chosen_with_the_keyboard_are_compared_side_by_side(real_site_url: str, context, catalogue, cases,
                                                                     read_page) -> None:
    page, visit = open_page(context, real_site_url, "eksempler/")
    chosen = [cases[FREDERICIA], cases[ASSENS]]
    for case in chosen:
        box = page.get_by_role("checkbox", name=f"Sammenlign {case.title}")
        press(page, box, "Space")
        assert box.is_checked()
    assert f"sammenlign={FREDERICIA},{ASSENS}" in address(page)
    press(page, page.get_by_role("link", name="Sammenlign de valgte (2)"), "Enter")
    page.wait_for_url(re.compile(re.escape(compare_path(FREDERICIA, ASSENS)) + "$"))
    page.wait_for_selector(TABLE)

    assert column_titles(page) == [case.title for case in chosen]
    assert cell_texts(page, "Kommune") == [" ".join(case.municipalities) for case in chosen]
    models = [" ".join(catalogue.principles_by_id[item.id].title for item in case.organisation_models)
              for case in chosen]
    assert cell_texts(page, "Organisering") == models
    for case, principles in zip(chosen, cell_texts(page, "Principper")):
        assert all(catalogue.principles_by_id[item.id].title in principles for item in case.principles)
    for case, links in zip(chosen, cell_links(page, "Resultater")):
        citations = [urldefrag(urljoin(page.url, href)) for href in links if "#kilde-" in href]
        assert citations, f"no citation among the results of {case.id}"
        for url, anchor in citations:
            assert urlparse(url).path == f"/eksempler/{case.id}/"
            assert read_page(f"eksempler/{case.id}/").find(id=anchor) is not None, anchor
    assert all(sources for sources in cell_texts(page, "Kilder"))
    assert page.locator(f"{TABLE} [id]:not(caption)").count() == 0, "no id copied from the case pages"
    assert visit.error_failures() + visit.privacy_failures(real_site_url) == []


def test_removing_a_case_updates_the_address_and_the_view(real_site_url: str, context, cases) -> None:
    page, visit = open_page(context, real_site_url, compare_path(FREDERICIA, ASSENS, AARHUS))
    page.wait_for_selector(TABLE)
    removed = cases[ASSENS].title
    press(page, page.get_by_role("button", name=f"Fjern {removed} fra sammenligningen"), "Enter")
    assert address(page).endswith(compare_path(FREDERICIA, AARHUS))
    assert column_titles(page) == [cases[FREDERICIA].title, cases[AARHUS].title]
    assert f"{removed} er fjernet" in page.locator(MESSAGE).inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Fjern", "focus stays among the columns"

    press(page, page.get_by_role("button", name=re.compile("^Fjern ")).first, "Enter")
    assert address(page).endswith(compare_path(AARHUS))
    assert not page.evaluate(SHOWN, TABLE)
    assert "Vælg mindst ét eksempel mere" in page.locator(MESSAGE).inner_text()
    overview = page.locator("a.katalog-compare-overview").get_attribute("href")
    assert overview.endswith(f"?sammenlign={AARHUS}"), "the overview opens with what is left chosen"
    assert visit.error_failures() == []


def test_an_address_asking_for_unknown_cases_is_not_repeated_on_the_page(real_site_url: str, context) -> None:
    """The address is anyone's to write: only what looks like a case id is named back."""
    page, visit = open_page(context, real_site_url, compare_path(FREDERICIA, ASSENS, "ingen-saadan") +
                            ",Siden%20er%20flyttet%20-%20g%C3%A5%20til%20https%3A%2F%2Fangriber.example")
    page.wait_for_selector(TABLE)
    message = page.locator(MESSAGE).inner_text()
    assert "Kataloget har ikke 2 af de valgte eksempler." in message
    assert "angriber" not in message and "flyttet" not in message
    page, visit = open_page(context, real_site_url, compare_path(FREDERICIA, ASSENS, "ingen-saadan"))
    page.wait_for_selector(TABLE)
    assert "Kataloget har ikke eksemplet »ingen-saadan«." in page.locator(MESSAGE).inner_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_overview_and_the_comparison_pass_the_gates(open_context, real_site_url: str, width: int) -> None:
    context = open_context(width)
    page, visit = open_page(context, real_site_url, f"eksempler/?sammenlign={FREDERICIA}")
    assert page.locator(STATUS).inner_text().startswith("1 eksempel valgt")
    failures = axe_failures(page, visit.url) + visit.error_failures() + visit.privacy_failures(real_site_url)

    page, visit = open_page(context, real_site_url, compare_path(FREDERICIA, ASSENS, AARHUS))
    page.wait_for_selector(TABLE)
    failures += axe_failures(page, visit.url) + visit.error_failures() + visit.privacy_failures(real_site_url)
    assert failures == []
    box = page.locator(".katalog-table-scroll")
    scrolls = page.evaluate("box => box.scrollWidth > box.clientWidth + 1", box.element_handle())
    assert scrolls == (width == 375), "a phone scrolls the table sideways; a wide screen shows it whole"
    if scrolls:
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert page.get_by_role("region", name="Sammenligning af 3 eksempler").count() == 1
    page.screenshot(path=str(ARTIFACTS / f"sammenligning-{width}.png"), full_page=True)


def test_the_comparison_prints_without_buttons_and_with_its_citations(real_site_url: str, context) -> None:
    page, visit = open_page(context, real_site_url, compare_path(FREDERICIA, ASSENS))
    page.wait_for_selector(TABLE)
    assert page.evaluate(SHOWN, ".katalog-compare-remove")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-tabs", ".md-search", ".md-footer", ".katalog-compare-remove", ".katalog-compare-howto"]
    assert [selector for selector in hidden if page.evaluate(SHOWN, selector)] == []
    kept = [TABLE, f"{TABLE} thead th a", f"{TABLE} a[href*='#kilde-']", ".katalog-compare-sources"]
    assert [selector for selector in kept if not page.evaluate(SHOWN, selector)] == []
    page.pdf(path=str(ARTIFACTS / "sammenligning-udskrift.pdf"), format="A4")
    assert visit.error_failures() == []


def test_at_most_four_are_chosen_and_the_comparison_works_without_directory_urls(project, tmp_path: Path,
                                                                                  context) -> None:
    """Five cases in a site built as an offline copy is (use_directory_urls: false), served over http."""
    project.edit("mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    case = (project.root / "cases" / "testby-en-indgang.yml").read_text(encoding="utf-8")
    for number in range(2, 6):
        project.write(f"cases/testby-{number}.yml", case.replace("title: Én indgang", f"title: Indgang {number}"))
    site = project.build(tmp_path / "site")
    with serve(site) as base_url:
        page, visit = open_page(context, base_url, "eksempler/index.html")
        entries = page.locator(".katalog-entries > li")
        ids = [PurePosixPath(href).stem for href in entries.evaluate_all(
            "items => items.map(item => item.querySelector('a').getAttribute('href'))")]
        boxes = page.locator(".katalog-entries input[type='checkbox']")  # by role, a hidden entry's box is not found
        assert boxes.count() == len(ids) == 5
        for index in range(5):
            press(page, boxes.nth(index), "Space")
        assert [boxes.nth(index).is_checked() for index in range(5)] == [True] * 4 + [False]
        assert "højst sammenligne fire" in page.locator(STATUS).inner_text()
        assert f"sammenlign={','.join(ids[:4])}" in address(page)

        # An entry the filter hides keeps its place in the choice.
        entries.first.evaluate("item => { item.hidden = true; }")
        press(page, boxes.nth(1), "Space")
        assert f"sammenlign={ids[0]},{ids[2]},{ids[3]}" in address(page)
        page.reload()
        assert [boxes.nth(index).is_checked() for index in range(5)] == [True, False, True, True, False]

        press(page, page.get_by_role("link", name="Sammenlign de valgte (3)"), "Enter")
        page.wait_for_selector(TABLE)
        assert urlparse(page.url).path == "/sammenligning.html"
        assert len(column_titles(page)) == 3
        first = next(href for href in cell_links(page, "Resultater")[0] if "#kilde-" in href)
        assert urljoin(page.url, first) == urljoin(base_url, f"eksempler/{ids[0]}.html#kilde-jensen2018")
        assert visit.error_failures() == []


def test_a_copy_opened_from_files_says_the_comparison_needs_a_web_server(real_site: Path, context) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((real_site / page_path(COMPARE) / "index.html").as_uri() + f"?eksempler={FREDERICIA},{ASSENS}")
    page.locator(MESSAGE).filter(has_text="webserver").wait_for()
    assert not page.evaluate(SHOWN, ".katalog-compare-nojs")
    assert [error for error in errors if "search" not in error] == []
