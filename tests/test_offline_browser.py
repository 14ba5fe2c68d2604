"""The offline copy in Chromium, unpacked from its zip and opened from file:// as staff on a machine
without the internet open it: search (through the iframe-worker shim), a result, the navigation,
the checklist's saved answers, the case filter; and no request to anything but the files themselves."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from gates import SEARCH_PENDING
from generator.catalogue import load_catalogue
from generator.schema import Status
from test_checklist_browser import answer, checked
from test_offline import build_offline
from test_search_client_browser import search_for

pytestmark = pytest.mark.browser

NOT_A_FILE = re.compile(r"^(?!file:)")


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The real catalogue's offline zip, unpacked where a user might put it: the path has a space and
    Danish letters, and a folder that starts with "worker", where Material's worker cuts its own
    address under the shim (see SHIM_LUNR in katalog-search-worker.js)."""
    _, archive = build_offline(tmp_path / "bygget")
    folder = tmp_path / "workers" / "Hentet på skrivebordet"
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(folder)
    return folder / "site-offline"


def test_the_unpacked_copy_searches_navigates_and_keeps_checklist_answers_from_file_urls(unpacked: Path, context,
                                                                                         real_sources) -> None:
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(NOT_A_FILE, lambda route: route.abort())
    page = context.new_page()
    page.add_init_script(SEARCH_PENDING)  # the shim replaces the Worker it wraps, so only the settling counts here
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto((unpacked / "index.html").as_uri())
    search_for(page, "Fredericia", "/eksempler/fredericia-din-indgang.html", most=1)
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"/eksempler/fredericia-din-indgang\.html"))
    assert page.locator("h1").inner_text().startswith("Din Indgang")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"

    # From a page one folder down, and found only by the catalogue's own worker splitting the compound.
    search_for(page, "virksomhedssamarbejde", "/principper/bygge-bro.html")

    page.keyboard.press("Escape")
    page.locator(".md-tabs__link", has_text="Selvevaluering").click()
    page.wait_for_url(re.compile(r"/selvevaluering/index\.html$"))
    page.wait_for_selector("#checklist-app", state="visible")
    answer(page, "relation-antal-kontakter", 2)
    page.reload()
    page.wait_for_selector("#checklist-app", state="visible")
    assert checked(page) == {"relation-antal-kontakter": "2"}

    # The filter loads its facets as a script, which file:// allows (fetch would not).
    page.goto((unpacked / "eksempler" / "index.html").as_uri() + "?status=forsoeg")
    page.locator(".katalog-filter-form").wait_for()
    shown = [entry.get_attribute("data-case") for entry in page.locator(".katalog-entries > li").all()
             if entry.is_visible()]
    cases = load_catalogue(real_sources).cases
    trials = [case.id for case in cases if case.status is Status.pilot]
    assert shown == trials and 0 < len(trials) < len(cases)
    assert page.get_by_role("status").inner_text() == f"Viser {len(trials)} af {len(cases)} eksempler."

    assert requests and [url for url in requests if not url.startswith("file:")] == []
    assert errors == []
