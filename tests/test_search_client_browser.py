"""The site's search box in a real browser: the catalogue's worker around Material's
(generator/assets/javascripts/katalog-search-worker.js), with the tuned index (generator/search/client.py)."""

from __future__ import annotations

import re

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

    search_for(page, "familiesagerne", "/eksempler/assens-job-og-familie/")


def test_a_result_says_which_type_of_page_it_is(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    search_for(page, "Job og Familie", "/eksempler/assens-job-og-familie/", most=1)
    first = page.locator(".md-search-result__item").first
    assert first.locator(".md-tag").all_inner_texts() == ["Eksempel"]


def test_the_search_box_runs_the_catalogues_worker(real_site_url: str, context) -> None:
    """The theme override names our worker, with Material's after the "#"; should Material move its
    worker, the override replaces nothing and this fails."""
    page, visit = open_page(context, real_site_url, "eksempler/")
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    assert re.fullmatch(r"\.\./javascripts/katalog-search-worker\.js#search\.[0-9a-f]+\.min\.js", worker), worker
    # No page writes this compound; only the worker's splitting into "virksomhed" and "samarbejde" finds it.
    search_for(page, "virksomhedssamarbejde", "/principper/bygge-bro/")
    assert visit.error_failures() == []


def test_a_compound_ranks_the_page_that_writes_it_first(real_site_url: str, context) -> None:
    """Both parts stand together only on the Fredericia case; other cases say "myndighed…" more often."""
    page, _ = open_page(context, real_site_url, "")
    search_for(page, "myndighedskoordinator", "/eksempler/fredericia-din-indgang/", most=1)


def test_a_query_with_lunr_syntax_is_left_to_material(real_site_url: str, context) -> None:
    page, visit = open_page(context, real_site_url, "")
    search_for(page, "+Fredericia -Assens", "/eksempler/fredericia-din-indgang/", most=1)
    links = page.evaluate("[...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]"
                          ".map(link => new URL(link.href).pathname)")
    assert not [link for link in links if "assens" in link]
    assert visit.error_failures() == []


def test_a_long_pasted_text_gets_an_answer(real_site_url: str, context) -> None:
    """Only the first words are analysed, and splitting a long unknown word is bounded: the worker
    answers a pasted paragraph of long made-up compounds instead of hanging on it."""
    page, visit = open_page(context, real_site_url, "")
    word = "sammenhængendebeskæftigelsesindsatsfamiliebehandlingsko"  # 55 letters, under MAX_WORD
    page.keyboard.press("/")
    page.fill("input[name=query]", " ".join([word] * 200))
    page.keyboard.type(" Fredericia")
    page.wait_for_function("/resultat/i.test(document.querySelector('.md-search-result__meta').textContent)")
    assert visit.error_failures() == []
