"""Printing: case and principle pages print without what is only for the screen, with their citations
and reference list, and a link to another site prints its address."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import open_page, serve

pytestmark = pytest.mark.browser

SCREEN_ONLY = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
               ".katalog-copy-button", ".md-top"]
KEPT = ["article h1", "#kilder-paa-siden", "[id^='kilde-']", ".katalog-cite"]
SHOWN = "selector => [...document.querySelectorAll(selector)].some(element => element.getClientRects().length > 0)"


@pytest.mark.parametrize(("path", "kept"), [("eksempler/fredericia-din-indgang/", [".katalog-facts"]),
                                            ("principper/relation/", [".katalog-questions"])])
def test_a_page_prints_without_navigation_and_with_its_references(real_site_url: str, context, path: str,
                                                                   kept: list[str], tmp_path: Path) -> None:
    page, visit = open_page(context, real_site_url, path)
    page.wait_for_selector(".katalog-copy-button", state="visible")  # copy.js adds them once the page is shown
    page.emulate_media(media="print")
    assert [selector for selector in SCREEN_ONLY if page.evaluate(SHOWN, selector)] == []
    assert [selector for selector in [*KEPT, *kept] if not page.evaluate(SHOWN, selector)] == []
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert visit.error_failures() == []


AFTER = "selector => getComputedStyle(document.querySelector(selector), '::after').content"


def test_a_link_to_another_site_prints_its_address_but_a_reference_does_not_twice(project, tmp_path: Path,
                                                                                    context) -> None:
    project.edit("cases/testby-en-indgang.yml", "background: Kommunen ville samle indgangen",
                 "background: Kommunen ville ifølge [VIVE](https://www.vive.dk/) samle indgangen")
    site = project.build(tmp_path / "site")
    with serve(site) as base_url:
        page, _ = open_page(context, base_url, "eksempler/testby-en-indgang/")
        page.emulate_media(media="print")
        assert page.evaluate(AFTER, "article a[href='https://www.vive.dk/']") == '" (https://www.vive.dk/)"'
        page.emulate_media(media="screen")
        assert page.evaluate(AFTER, "article a[href='https://www.vive.dk/']") in ("none", "normal")
