"""The catalogue's two searches: `katalog search` latency, and the size of the site's search index
against the text it indexes (with the sizes of the pages that list every case)."""

from __future__ import annotations

import html
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import markup
from generator.catalogue import Catalogue
from generator.facets import FACETS_URI
from generator.search.engine import Searcher
from generator.search.queries import parse_query
from generator.search.store import open_searcher
from generator.sitebuild import katalog_plugin, load_mkdocs_config

from .project import ROOT
from .stats import ms_since, percentile

QUALITY_SET = ROOT / "tests" / "search_quality.yml"
LIMIT = 10
"""Results asked for per query: `katalog search`'s default."""


def quality_queries() -> list[str]:
    """The queries of the search quality set, as users type them."""
    return [entry["query"] for entry in yaml.safe_load(QUALITY_SET.read_text(encoding="utf-8"))]


# --- katalog search -------------------------------------------------------------------------------

def open_catalogue_searcher(config_file: Path, index_home: Path | None = None) -> Searcher:
    """The searcher `katalog search` opens for this catalogue: config, fingerprint, index (built if stale).

    The index lives in `.katalog-cache` in `index_home`, by default the folder of mkdocs.yml as for the command.
    """
    config = load_mkdocs_config(config_file)
    plugin = katalog_plugin(config)
    home = index_home or Path(config.config_file_path).parent
    return open_searcher(home, plugin.sources(config).fingerprint(), load=lambda: plugin.catalogue(config))


def cold_search_ms(config_file: Path, query: str, index_home: Path | None = None) -> float:
    """Milliseconds from nothing open to the first answer: config, fingerprint, open the index, one query.

    The index is built (untimed) first if it is missing, so this is an ordinary run of the command
    after imports, not the first run after a change to the catalogue.
    """
    open_catalogue_searcher(config_file, index_home).close()
    start = time.perf_counter()
    searcher = open_catalogue_searcher(config_file, index_home)
    try:
        searcher.search(parse_query(query), LIMIT)
        return ms_since(start)
    finally:
        searcher.close()


@dataclass(frozen=True)
class Latency:
    median_ms: float
    p90_ms: float
    samples: int


def warm_search_latency(searcher: Searcher, queries: Iterable[str], repeats: int = 20) -> Latency:
    """Each query `repeats` times on an open searcher, after one untimed pass to warm it up."""
    asked = [parse_query(query) for query in queries]
    for query in asked:
        searcher.search(query, LIMIT)
    timings = []
    for query in asked:
        for _ in range(repeats):
            start = time.perf_counter()
            searcher.search(query, LIMIT)
            timings.append(ms_since(start))
    return Latency(statistics.median(timings), percentile(timings, 0.9), len(timings))


def search_latency(config_file: Path, queries: list[str], repeats: int,
                   index_home: Path | None = None) -> tuple[Latency, float]:
    """Warm latency over `queries` and the cold milliseconds of the first one."""
    cold = cold_search_ms(config_file, queries[0], index_home)
    searcher = open_catalogue_searcher(config_file, index_home)
    try:
        return warm_search_latency(searcher, queries, repeats), cold
    finally:
        searcher.close()


# --- The site's search index and the pages that list every case ----------------------------------

def strings_in(value: object) -> Iterator[str]:
    """Every string value in a dumped record, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


def records_text_bytes(catalogue: Catalogue) -> int:
    """UTF-8 bytes of the records' text: every string in every case and principle record, and each
    source's reference as plain text."""
    records = [*catalogue.cases, *catalogue.principles]
    texts = [text for record in records for text in strings_in(record.model_dump())]
    sources = catalogue.bibliography.sources.values()
    texts += [html.unescape(markup.plain_text(source.reference_html)) for source in sources]
    return sum(len(text.encode("utf-8")) for text in texts)


@dataclass(frozen=True)
class IndexSize:
    index_bytes: int
    text_bytes: int

    @property
    def ratio(self) -> float:
        return self.index_bytes / self.text_bytes


def site_index_size(site_dir: Path, catalogue: Catalogue) -> IndexSize:
    """The bytes of the built site's search index against the bytes of the text it indexes."""
    return IndexSize((site_dir / "search" / "search_index.json").stat().st_size, records_text_bytes(catalogue))


@dataclass(frozen=True)
class PageSizes:
    """The bytes of the pages that list every case, and of the facet script their filter loads."""

    overview: int
    matrix: int
    facets: int


def page_sizes(site_dir: Path) -> PageSizes:
    return PageSizes(*((site_dir / path).stat().st_size for path in
                       ("eksempler/index.html", "matrix/index.html", FACETS_URI)))
