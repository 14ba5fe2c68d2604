"""The site's search box in a real browser: Material's worker with the tuned index (generator/search/client.py)."""

from __future__ import annotations

import pytest

from gates import open_page
from test_browser import search

pytestmark = pytest.mark.browser

TOP_RESULTS = """([path, most]) => [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]
    .slice(0, most).some(link => new URL(link.href).pathname.endsWith(path))"""


def search_for(page, query: str, expected_path: str, most: int = 3) -> None:
    """Search for `query` and wait until `expected_path` is among the first `most` results."""
    search(page, query)
    page.wait_for_function(TOP_RESULTS, arg=[expected_path, most])


def test_inflected_forms_and_compounds_find_their_pages(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    search_for(page, "tovholderen", "/principper/relation/", most=5)

    page.fill("input[name=query]", "")
    search_for(page, "familiesagerne", "/eksempler/assens-job-og-familie/")


def test_a_result_says_which_type_of_page_it_is(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    search_for(page, "Job og Familie", "/eksempler/assens-job-og-familie/", most=1)
    first = page.locator(".md-search-result__item").first
    assert first.locator(".md-tag").all_inner_texts() == ["Eksempel"]
