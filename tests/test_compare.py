"""The comparison page as built: its frame, its text without JavaScript, its links, and no search entry.

The comparison itself is put together in the browser (tests/test_compare_browser.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

from generator.render import CASES_DIR, COMPARE
from generator.search.client import INDEX_PATH, read_client_index
from generator.search.documents import page_path
from gates import file_for

OVERVIEW = f"{CASES_DIR}/index.md"


def test_the_page_is_a_frame_for_the_script_with_a_message_without_it(read_page) -> None:
    page = read_page(page_path(COMPARE))
    assert page.find("h1").find(string=True, recursive=False).strip() == "Sammenlign eksempler"
    assert page.title.get_text().startswith("Sammenlign eksempler")
    no_script = page.select_one(".katalog-compare-nojs")
    assert "kræver JavaScript" in no_script.get_text()
    assert no_script.get("hidden") is None, "shown until the script hides it"
    frame = page.select_one(".katalog-compare-page")
    assert frame.get("hidden") is not None, "shown only by the script"
    assert frame.select_one(".katalog-compare-message")["role"] == "status"
    how = page.select_one(".katalog-compare-howto").get_text()
    assert "Sammenlign de valgte" in how and "kryds" in how


def test_the_page_and_the_overview_link_to_each_other(real_site: Path, read_page) -> None:
    compare_url = "/" + page_path(COMPARE)
    overview = read_page(page_path(COMPARE)).select_one("a.katalog-compare-overview")
    assert file_for(real_site, urlparse(urljoin(compare_url, overview["href"])).path) == \
        real_site / page_path(OVERVIEW) / "index.html"
    back = read_page(page_path(OVERVIEW)).select_one("a.katalog-compare-link")
    overview_url = "/" + page_path(OVERVIEW)
    assert file_for(real_site, urlparse(urljoin(overview_url, back["href"])).path) == \
        real_site / page_path(COMPARE) / "index.html"


def test_the_page_stays_out_of_the_search_index(real_site: Path) -> None:
    """It has no text of its own: a search for a case's words should find the case."""
    locations = [entry["location"] for entry in read_client_index(real_site / INDEX_PATH)["docs"]]
    assert "" in locations, "the index holds the site's pages"
    assert not [location for location in locations if location.startswith(page_path(COMPARE))]


def test_without_directory_urls_the_page_links_to_the_overview_file(project, tmp_path: Path) -> None:
    """An offline copy has no directory URLs: the link the script fetches the overview by is a file's."""
    project.edit("mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "sammenligning.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("a.katalog-compare-overview")["href"] == "eksempler/index.html"
