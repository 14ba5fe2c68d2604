"""Search quality: the queries users type (tests/search_quality.yml) against `katalog search` and the site's search box.

Each query names the page that must come first or in the top three. `katalog search` and the site's
search box must each find at least MIN_RATE of them; each test prints a table of every query and
reports the misses when it fails.
Run with -s to see the tables when everything passes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from gates import open_page, type_search
from generator.cli import main
from generator.search.queries import parse_query
from generator.search.store import open_searcher
from generator.sitebuild import katalog_plugin, load_mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
QUALITY_SET = Path(__file__).resolve().parent / "search_quality.yml"
MIN_RATE = 0.9
"""The issue's bar, for both searches. What each misses now, and why:
- `katalog search` (32 of 35): "støttekontaktpersonerne" puts the Fredericia case second, as below;
  "matrixorganisation" finds nothing, because the command splits a compound only after a first part
  the records write alone, and they write "matrix" only inside compounds (the worker also takes a
  first part that starts two compounds); "én samlet plan for borgeren" puts the principle on the
  relation first, which speaks of one plan too.
- The search box (33 of 35): "støttekontaktpersonerne" puts the Fredericia case second, after the
  page on the new-unit model, whose text names the same role; a question about a social worker
  changing job puts the cases first, because Material ranks a page's first entry up to 2.5 times a
  section, and the answer stands in sections of the principle page."""
SIDES = ("cli", "browser")


@dataclass(frozen=True)
class Expectation:
    query: str
    expect: str
    """The page path below the site root, as `katalog search --json` reports it."""
    within: int
    why: str
    only: str | None = None
    """'cli' or 'browser' when the query applies to one search only."""


def quality_set() -> list[Expectation]:
    entries = yaml.safe_load(QUALITY_SET.read_text(encoding="utf-8"))
    return [Expectation(**entry) for entry in entries]


def entries_for(side: str) -> list[Expectation]:
    return [entry for entry in quality_set() if entry.only in (None, side)]


Result = tuple[str, ...]
"""One result as links: the page first, then (in the browser) the sections of it that matched."""


def found(entry: Expectation, results: list[Result]) -> bool:
    """Whether the expected page is among the first `within` results: as the result itself, or, for an
    anchor on a page (a source on the bibliography), as one of the result's matching sections."""
    return any(result[0] == entry.expect or ("#" in entry.expect and entry.expect in result)
               for result in results[:entry.within])


def shown(result: Result, entry: Expectation) -> str:
    return entry.expect if "#" in entry.expect and entry.expect in result else result[0] or "(forsiden)"


def report(side: str, entries: list[Expectation], answers: list[list[Result]]) -> tuple[float, str, list[str]]:
    """The hit rate, a table of every query, and one line per miss."""
    rows, misses = [], []
    for entry, results in zip(entries, answers, strict=True):
        ok = found(entry, results)
        top = ", ".join(shown(result, entry) for result in results[:3]) or "(ingen)"
        rows.append(f"{'ok ' if ok else 'MISS'} {entry.query[:44]:44} top{entry.within} {entry.expect:52} → {top}")
        if not ok:
            misses.append(f"{entry.query!r}: expected {entry.expect} in the top {entry.within}, got {top}"
                          f"  ({entry.why})")
    rate = (len(entries) - len(misses)) / len(entries)
    table = "\n".join([f"Search quality, {side}: {len(entries) - len(misses)}/{len(entries)} = {rate:.0%}", *rows])
    return rate, table, misses


def test_quality_set_is_well_formed() -> None:
    entries = quality_set()
    assert len(entries) >= 20
    assert len({entry.query.lower() for entry in entries}) == len(entries), "a query is listed twice"
    for entry in entries:
        assert entry.within in (1, 3), entry
        assert entry.only in (None, *SIDES), entry
        assert entry.why.strip(), entry
        assert ":" not in entry.query, f"{entry.query!r}: no field syntax, the search box has none"
        assert not entry.expect.startswith("/") and (entry.expect.endswith("/") or "#" in entry.expect), entry


def test_every_expected_page_exists_in_the_built_site(real_site: Path) -> None:
    missing = []
    for entry in quality_set():
        page, _, anchor = entry.expect.partition("#")
        html_file = real_site / page / "index.html"
        if not html_file.is_file():
            missing.append(f"{entry.query!r}: {entry.expect} (no page {page})")
        elif anchor and BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").find(id=anchor) is None:
            missing.append(f"{entry.query!r}: {entry.expect} (no element with id {anchor} on {page})")
    assert not missing, "\n".join(missing)


# --- katalog search -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):
    """`katalog search`'s searcher over the real catalogue, opened once as the command opens it, with
    the index built afresh in a temporary folder so it always reflects the current analysis."""
    config = load_mkdocs_config(ROOT / "mkdocs.yml")
    plugin = katalog_plugin(config)
    opened = open_searcher(tmp_path_factory.mktemp("search-index"), plugin.sources(config).fingerprint(),
                           load=lambda: plugin.catalogue(config))
    yield opened
    opened.close()


def cli_results(searcher, query: str) -> list[Result]:
    _, hits = searcher.search(parse_query(query), 3)
    return [(hit.path,) for hit in hits]


def test_katalog_search_finds_the_expected_pages(searcher) -> None:
    entries = entries_for("cli")
    rate, table, misses = report("katalog search", entries, [cli_results(searcher, entry.query) for entry in entries])
    print("\n" + table)
    assert rate >= MIN_RATE, f"hit rate {rate:.0%} < {MIN_RATE:.0%}; misses:\n" + "\n".join(misses)


@pytest.mark.parametrize("query", ["familiebehandleren",
                                   "hvordan får vi jobcentret og børneområdet til at arbejde sammen"])
def test_the_command_answers_as_the_searcher_the_quality_test_uses(
        searcher, real_project: Path, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The quality test asks the searcher in-process; the command must give the same pages."""
    assert main(["-f", str(real_project / "mkdocs.yml"), "search", query, "--json", "-n", "3"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [(result["path"],) for result in printed["results"]] == cli_results(searcher, query)


@pytest.mark.parametrize(("query", "first"), [
    ("kommune:Fredericia koordinator", "eksempler/fredericia-din-indgang/"),
    ("type:kilde Holm-Petersen", "kilder/#kilde-holm-petersen2019"),
    ("princip:roed-traad familieplan", "eksempler/assens-job-og-familie/"),
])
def test_field_terms_narrow_the_search(searcher, query: str, first: str) -> None:
    """Field terms are `katalog search`'s own (the search box has none), so they are tested apart."""
    assert cli_results(searcher, query)[:1] == [(first,)]


# --- The site's search box ------------------------------------------------------------------------

RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
    [...item.querySelectorAll('a')].map(a => {
        const url = new URL(a.href);
        return url.pathname.slice(1) + url.hash;
    }))"""
def ask_search_box(page, query: str) -> list[Result]:
    """Clear the search box, type `query` as a user does, and read the results once the worker has
    answered the last keystroke and the list has settled."""
    page.locator(".md-search__input").focus()
    type_search(page, query)
    return [tuple(links) for links in page.evaluate(RESULTS) if links]


@pytest.mark.browser
def test_site_search_box_finds_the_expected_pages(real_site_url: str, context) -> None:
    page, visit = open_page(context, real_site_url, "")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'query'")
    entries = entries_for("browser")
    started = time.monotonic()
    answers = [ask_search_box(page, entry.query) for entry in entries]
    rate, table, misses = report("the site's search box", entries, answers)
    print("\n" + table + f"\n({time.monotonic() - started:.1f} s for {len(entries)} queries)")
    assert visit.error_failures() == []
    assert page.evaluate("window.__searchAsked") >= len(entries), "the wait for the search worker saw no queries"
    assert rate >= MIN_RATE, f"hit rate {rate:.0%} < {MIN_RATE:.0%}; misses:\n" + "\n".join(misses)
