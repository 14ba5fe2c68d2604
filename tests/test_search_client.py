"""The site search's index (generator/search/client.py), as the real site's build writes it."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from generator import markup
from generator.catalogue import Catalogue, load_catalogue
from generator.render import template_prose
from generator.search.client import (INDEX_PATH, TYPE_NAMES, client_stem, expanded, merge_subsections,
                                     read_client_index, relative_locations, split, use_catalogue_worker)
from generator.render import case_uri, principle_uri
from generator.citations import plain_words
from generator.search.documents import page_path

RATIO_LIMIT = 1.35
"""A guard against the index growing back, just above what the build reaches on the real catalogue
(1.31). The issue's aim, ≤ 1.0, is met at scale (bench/RESULTS.md: 0.98 at 1 000 cases); with three
cases, the pages whose number does not grow with the cases (home, about, contributing, checklist, data) and the
configuration (the separator and the synonym groups) weigh more than they will."""


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


@pytest.fixture(scope="module")
def index_file(real_site: Path) -> Path:
    return real_site / INDEX_PATH


@pytest.fixture(scope="module")
def written(index_file: Path) -> dict:
    """The index file as written, compact."""
    return json.loads(index_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(index_file: Path) -> dict:
    """The index as the worker gives it to Material."""
    return read_client_index(index_file)


@pytest.fixture(scope="module")
def separator(index: dict) -> re.Pattern[str]:
    return re.compile(index["config"]["separator"])


def entries_of(index: dict, page: str) -> list[dict]:
    return [entry for entry in index["docs"] if entry["location"].split("#")[0] == page]


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in strings(item)]
    return []


def test_index_is_utf8_without_escapes(index_file: Path) -> None:
    raw = index_file.read_bytes()
    text = raw.decode("utf-8")
    assert "\\u00e6" not in text and "\\u00f8" not in text and "\\u00e5" not in text
    assert "æ" in text and "ø" in text and "å" in text


@pytest.mark.parametrize(("text", "tokens"), [
    ("tovholderen", ["tovhold"]),
    ("tovholder", ["tovhold"]),
    ("familien", ["famili"]),
    ("familierne", ["famili"]),
    ("familiesagerne", ["famili", "sag"]),
    ("familieteam", ["famili", "team"]),
    ("sagsbehandlingen", ["sag", "behandling"]),
    ("Familieteamet, og LAB-loven.", ["famili", "team", "lab", "lov"]),
    ("Hvordan finder vi de borgere, der har brug for det?", ["find", "borg", "brug"]),  # stop words go
    ("delmål", ["del", "mål"]),
    ("videndeling", ["videndeling"]),  # a short first part ("del") splits only at the start of a word
])
def test_separator_cuts_endings_and_splits_compounds(separator: re.Pattern[str], text: str, tokens: list[str]) -> None:
    """The worker splits the indexed text and the query alike, so both meet at these tokens."""
    assert split(text, separator) == tokens


def test_a_compound_and_its_parts_apart_share_tokens(separator: re.Pattern[str]) -> None:
    apart = set(split("jobcentrets medarbejdere", separator)) | set(split("jobcenter", separator))
    assert set(split("jobcentermedarbejderne", separator)) <= apart | {client_stem("jobcenter")}


def test_case_how_text_is_indexed_on_its_case_page_only(index: dict, catalogue: Catalogue) -> None:
    case = next(case for case in catalogue.cases if case.principles)
    how = html.escape(search_documents_plain(case.principles[0].how.split("[@")[0]), quote=False)
    assert len(how) > 40
    pages = {page_of(entry) for entry in index["docs"] if how in entry["text"]}
    assert pages == {page_path(case_uri(case))}


def search_documents_plain(text: str) -> str:
    return " ".join(plain_words(text).split())


def page_of(entry: dict) -> str:
    return entry["location"].split("#")[0]


def test_reference_lists_and_repeats_are_not_indexed(index: dict, catalogue: Catalogue) -> None:
    locations = [entry["location"] for entry in index["docs"]]
    assert not [location for location in locations if location.endswith("#kilder-paa-siden")]
    assert not [location for location in locations if location.endswith("#eksempler-fra-kommunerne")]
    assert "selvevaluering/" in locations, "the checklist's intro stays"
    assert not [location for location in locations if location.startswith("selvevaluering/#omraade-")]
    principle = catalogue.principles[0]
    question = search_documents_plain(principle.questions[0].text)[:60]
    assert {page_of(entry) for entry in index["docs"] if question in entry["text"]} == {
        page_path(principle_uri(principle))}, "a reflection question is found on its principle's page, not the checklist"


def test_text_holds_no_markup_and_no_citations(index: dict, catalogue: Catalogue) -> None:
    for entry in index["docs"]:
        assert "<li>" not in entry["text"] and "<p>" not in entry["text"].removeprefix("<p>")
    label = next(iter(catalogue.bibliography.sources.values())).label
    cited = [entry["location"] for entry in index["docs"] if f"({label})" in entry["text"]]
    assert cited == []


def test_every_article_entry_has_one_fixed_type_tag(index: dict) -> None:
    articles = [entry for entry in index["docs"] if "#" not in entry["location"]]
    assert articles
    for entry in index["docs"]:
        if "#" in entry["location"]:
            assert "tags" not in entry
        else:
            assert len(entry["tags"]) == 1 and entry["tags"][0] in TYPE_NAMES, entry["location"]
    types = {entry["location"]: entry["tags"][0] for entry in articles}
    assert types["eksempler/assens-job-og-familie/"] == "Eksempel"
    assert types[""] == "Forside"
    assert types["kilder/"] == "Kilder"
    assert index["config"]["fields"]["tags"]["boost"] < index["config"]["fields"]["title"]["boost"]


def test_synonym_groups_travel_once_in_the_configuration_as_the_workers_tokens(
        index: dict, separator: re.Pattern[str], catalogue: Catalogue) -> None:
    """The worker widens a query with the groups; no page repeats them as keywords."""
    groups = index["config"]["synonyms"]
    listed = catalogue.synonyms
    assert len(groups) == len(listed) > 0
    for group, written in zip(groups, listed, strict=True):
        assert group == list(dict.fromkeys(" ".join(split(word, separator)) for word in written))
    coordinator = next(group for group in groups if "koordinator" in group)
    assert "tovhold" in coordinator  # "tovholder", as the separator leaves it: "tovholderen" meets it
    assert split("tovholderen", separator) == ["tovhold"]
    assert not [entry["location"] for entry in index["docs"] if "keywords" in entry]
    assert "keywords" not in index["config"]["fields"]


def test_index_size_against_the_records_text(index_file: Path, index: dict, catalogue: Catalogue) -> None:
    records = sum(len(text.encode()) for record in [*catalogue.cases, *catalogue.principles]
                  for text in strings(record.model_dump()))
    sources = sum(len(html.unescape(markup.plain_text(source.reference_html)).encode())
                  for source in catalogue.bibliography.sources.values())
    size = index_file.stat().st_size
    ratio = size / (records + sources)
    by_page = Counter()
    for entry in index["docs"]:
        by_page[entry["location"].split("#")[0]] += len(json.dumps(entry, ensure_ascii=False).encode())
    print(f"\nclient index {size} bytes, records' text {records} + sources {sources} bytes: ratio {ratio:.3f}")
    print(f"separator {len(index['config']['separator'])} characters, {len(index['docs'])} entries")
    for page, size_of_page in by_page.most_common(8):
        print(f"  {size_of_page:6} {page or '(forside)'}")
    assert ratio <= RATIO_LIMIT


def test_the_file_is_compact_and_reads_back_whole(written: dict, index: dict) -> None:
    """Sections on the page before them are written as their anchor, texts without their paragraph;
    the worker (as `expanded`) puts both back."""
    locations = [entry["location"] for entry in written["docs"]]
    assert "#baggrund" in locations and not [location for location in locations if "/#" in location]
    assert not [entry for entry in written["docs"] if entry["text"].startswith("<p>")]
    full = [entry["location"] for entry in index["docs"]]
    assert "eksempler/assens-job-og-familie/#baggrund" in full
    assert not [location for location in full if location.startswith("#") and location.split("#")[0] != ""]
    assert all(entry["text"].startswith("<p>") for entry in index["docs"] if entry["text"])


def test_a_subsection_is_found_in_its_section(index: dict, catalogue: Catalogue) -> None:
    """A case's roles (an h3 under "Organisering og roller") have no entry of their own; their text is
    in the section's."""
    case = next(case for case in catalogue.cases if case.roles)
    entries = {entry["location"]: entry["text"] for entry in entries_of(index, page_path(case_uri(case)))}
    page = page_path(case_uri(case))
    assert f"{page}#roller" not in entries and f"{page}#organiseringsmodel" not in entries
    role = html.escape(case.roles[0].title, quote=False)
    assert f"Roller. {role}" in entries[f"{page}#organisering-og-roller"]


@pytest.mark.parametrize(("docs", "subsections", "expected"), [
    # A subsection joins the section before it, its title as the first words of its text.
    ([("a/", "A", "x"), ("a/#b", "B", "y"), ("a/#c", "C?", "z"), ("a/#d", "D", "w")], {"a/": {"c"}},
     [("a/", "A", "x"), ("a/#b", "B", "y C? z"), ("a/#d", "D", "w")]),
    # Only on its own page, and never as the first entry.
    ([("a/#c", "C", "z"), ("b/", "B", "y"), ("b/#c", "C", "")], {"a/": {"c"}},
     [("a/#c", "C", "z"), ("b/", "B", "y"), ("b/#c", "C", "")]),
])
def test_merge_subsections(docs: list, subsections: dict, expected: list) -> None:
    entries = [{"location": location, "title": title, "text": text} for location, title, text in docs]
    assert [(entry["location"], entry["title"], entry["text"]) for entry in merge_subsections(entries, subsections)] \
        == expected


def test_relative_locations_read_back_as_written() -> None:
    locations = ["", "#intro", "a/", "a/#b", "a/#c", "b/#x", "b/", "kilder/#kilde-a", "kilder/#kilde-b"]
    docs = [{"location": location, "text": "t"} for location in locations]
    compact = relative_locations(docs)
    assert [entry["location"] for entry in compact] == ["", "#intro", "a/", "#b", "#c", "b/#x", "b/", "kilder/#kilde-a",
                                                        "#kilde-b"]
    assert [entry["location"] for entry in expanded({"docs": compact})["docs"]] == locations


def test_every_written_page_names_the_catalogues_search_worker(real_site: Path) -> None:
    pages = [path for path in real_site.rglob("*.html")]
    assert len(pages) > 10 and real_site / "404.html" in pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert re.search(r'"search": ?"[^"]*javascripts/katalog-search-worker\.js#search\.[0-9a-f]+\.min\.js"', text), path
        assert "assets/javascripts/workers/search." not in text, path


CONFIG = '<script id="__config" type="application/json">{{"base": "..", "search": "{}", "tags": null}}</script>'


@pytest.mark.parametrize(("written", "expected"), [
    ("../assets/javascripts/workers/search.a7633da7.min.js", "../javascripts/katalog-search-worker.js#search.a7633da7.min.js"),
    ("/katalog/assets/javascripts/workers/search.0123abcd.min.js",
     "/katalog/javascripts/katalog-search-worker.js#search.0123abcd.min.js"),
])
def test_the_worker_is_swapped_in_the_written_page_whatever_template_wrote_it(written: str, expected: str) -> None:
    # A record's text quoting the same words comes first in the page and stays as it is.
    quoted = '<p>"search": "../assets/javascripts/workers/search.a7633da7.min.js"</p>'
    page = f"<html><body>{quoted}{CONFIG.format(written)}</body></html>"
    assert use_catalogue_worker(page) == f"<html><body>{quoted}{CONFIG.format(expected)}</body></html>"


def test_without_directory_urls_the_entries_follow_the_pages(project, tmp_path: Path) -> None:
    """A site built with `use_directory_urls: false` (as an offline copy is) has its sources and a case's
    facts on the pages it writes, not on folders it does not have."""
    project.edit("mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    site = project.build(tmp_path / "site")
    docs = read_client_index(site / INDEX_PATH)["docs"]
    sources = [entry["location"] for entry in docs if entry["location"].startswith("kilder")]
    assert "kilder.html#kilde-jensen2018" in sources and not [location for location in sources if "/" in location]
    case = next(entry for entry in docs if entry["location"] == "eksempler/testby-en-indgang.html")
    assert case["municipality"] and case["facts"]
    for entry in docs:
        page = entry["location"].split("#")[0]
        assert page == "" or (site / page).is_file(), entry["location"]
