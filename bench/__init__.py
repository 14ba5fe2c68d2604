"""Benchmarks of the catalogue's two searches: `katalog search` latency and the size of the site's search index.

Each measurement is a small function of a catalogue (its mkdocs.yml), so the same functions can be
run on the real catalogue and, later, on synthetic catalogues of any size. `python -m bench` runs
them on the real catalogue, prints a table and writes bench/RESULTS.md.
"""

from __future__ import annotations

import html
import os
import platform
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import yaml

from generator import markup
from generator.catalogue import Catalogue
from generator.facets import FACETS_URI
from generator.search.engine import Searcher
from generator.search.queries import parse_query
from generator.search.store import open_searcher
from generator.sitebuild import katalog_plugin, load_mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
REAL_CONFIG = ROOT / "mkdocs.yml"
QUALITY_SET = ROOT / "tests" / "search_quality.yml"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
LIMIT = 10
MUNICIPALITIES = 98
"""Results asked for per query: `katalog search`'s default."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


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


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


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


# --- The site's search index ----------------------------------------------------------------------

def build_site(config_file: Path, site_dir: Path) -> Path:
    """The catalogue's site, built with --strict into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), strict=True, site_dir=str(site_dir)))
    return site_dir


def load_catalogue(config_file: Path) -> Catalogue:
    config = load_mkdocs_config(config_file)
    return katalog_plugin(config).catalogue(config)


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


# --- Synthetic catalogues -------------------------------------------------------------------------

TRIAL_EVERY = 10
"""Every tenth synthetic case is a trial across TRIAL_SIZE municipalities, like the trial across nine."""
TRIAL_SIZE = 9


def municipalities_of(number: int) -> list[str]:
    return [f"Kommune {(number + step) % MUNICIPALITIES}"
            for step in range(TRIAL_SIZE if number % TRIAL_EVERY == 0 else 1)]


def synthetic_project(cases: int, folder: Path) -> Path:
    """A copy of the real project with `cases` cases made from the real ones in turn (each with its own
    id, title and municipality, every field, cross-reference and citation kept); its mkdocs.yml."""
    import shutil

    for name in ("principles",):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("bibliography.bib", "mkdocs.yml"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "generator" / "pages").mkdir(parents=True)
    (folder / "cases").mkdir()
    originals = sorted((ROOT / "cases").glob("*.yml"))
    for number in range(cases):
        original = originals[number % len(originals)]
        text = original.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        text = text.replace(f"title: {data['title']}", f"title: {data['title']} {number}", 1)
        text = text.replace(f"municipalities:\n  - {data['municipalities'][0]}\n",
                            f"municipalities: [{', '.join(municipalities_of(number))}]\n", 1)
        (folder / "cases" / f"{original.stem}-{number}.yml").write_text(text, encoding="utf-8")
    return folder / "mkdocs.yml"


# --- Report ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    """Everything measured on one catalogue: one row of the results table."""

    catalogue: str
    documents: int
    """Cases, principles (of every kind) and sources: the documents `katalog search` indexes."""
    warm: Latency
    cold_ms: float
    index: IndexSize
    pages: PageSizes


def measure(name: str, config_file: Path, site_dir: Path, queries: list[str], *, repeats: int = 20,
            index_home: Path | None = None) -> Figures:
    """Every figure for one catalogue; the site is built into `site_dir`."""
    catalogue = load_catalogue(config_file)
    documents = len(catalogue.cases) + len(catalogue.principles) + len(catalogue.bibliography.sources)
    cold = cold_search_ms(config_file, queries[0], index_home)
    searcher = open_catalogue_searcher(config_file, index_home)
    try:
        warm = warm_search_latency(searcher, queries, repeats)
    finally:
        searcher.close()
    site = build_site(config_file, site_dir)
    return Figures(name, documents, warm, cold, site_index_size(site, catalogue), page_sizes(site))


def read_proc(path: str, key: str) -> str | None:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    try:
        cores = str(sum(1 for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")))
    except OSError:
        cores = str(os.cpu_count())
    memory = read_proc("/proc/meminfo", "MemTotal")
    memory_text = f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB" if memory else "unknown"
    return {
        "Date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{read_proc('/proc/cpuinfo', 'model name') or platform.processor() or 'unknown'}, {cores} cores",
        "Memory": memory_text,
        "Python": platform.python_version(),
        "Whoosh": version("Whoosh-Reloaded"),
        "MkDocs": version("mkdocs"),
        "Material": version("mkdocs-material"),
    }


COLUMNS = ("Catalogue", "Documents", "Warm median (ms)", "Warm p90 (ms)", "Cold: open + 1st query (ms)",
           "search_index.json (bytes)", "Records' text (bytes)", "Index ÷ text", "Overview (bytes)",
           "Matrix (bytes)", "Facet script (bytes)")


def table(rows: list[Figures]) -> str:
    """The figures as a Markdown table, one row per catalogue."""
    alignment = ["---", *("---:" for _ in COLUMNS[1:])]
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(alignment) + "|"]
    for row in rows:
        cells = (row.catalogue, str(row.documents), f"{row.warm.median_ms:.2f}", f"{row.warm.p90_ms:.2f}",
                 f"{row.cold_ms:.0f}", f"{row.index.index_bytes:,}", f"{row.index.text_bytes:,}",
                 f"{row.index.ratio:.2f}", f"{row.pages.overview:,}", f"{row.pages.matrix:,}",
                 f"{row.pages.facets:,}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def results_markdown(rows: list[Figures], queries: list[str], repeats: int, environment: dict[str, str]) -> str:
    return "\n".join([
        "# Benchmark",
        "",
        "Written by `python -m bench` (see bench/__init__.py); run it again to update the figures.",
        "",
        *(f"- {key}: {value}" for key, value in environment.items()),
        "",
        table(rows),
        "",
        f"- *Warm*: one open searcher (`katalog search`'s index, already built); each of the quality set's "
        f"{len(queries)} queries (tests/search_quality.yml) {repeats} times after one untimed pass, "
        f"{LIMIT} results (with snippets) per query; median and 90th percentile of all "
        f"{len(queries) * repeats} timings.",
        "- *Cold*: in the same process, after imports: load mkdocs.yml, fingerprint the sources, open the index, "
        "first query. A new `katalog search` process also spends time starting Python and importing.",
        "- *Index ÷ text*: bytes of the built site's `search/search_index.json` divided by the UTF-8 bytes of "
        "the records' text (every string value in every case and principle record via `model_dump()`, plus each "
        "source's reference as plain text).",
        "- *Overview*, *Matrix*: the HTML of `eksempler/index.html` and `matrix/index.html`, which list every "
        "case (target for the overview at 1 000 cases: at most 300 KB). *Facet script*: "
        f"`{FACETS_URI}`, the values each case has in each filter, which both pages load.",
        f"- Synthetic catalogues spread their cases over {MUNICIPALITIES} municipalities, as many as Denmark has.",
        "",
    ])


def write_results(path: Path, rows: list[Figures], queries: list[str], repeats: int) -> Path:
    path.write_text(results_markdown(rows, queries, repeats, machine()), encoding="utf-8")
    return path


def main(repeats: int = 20, results: Path = RESULTS, synthetic: Iterable[int] = ()) -> list[Figures]:
    """Measure the real catalogue and a synthetic one of each size in `synthetic`."""
    import tempfile

    queries = quality_queries()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as site_dir:
        rows = [measure("real", REAL_CONFIG, Path(site_dir), queries, repeats=repeats)]
    for cases in synthetic:
        with tempfile.TemporaryDirectory(prefix="bench-project-") as project, \
                tempfile.TemporaryDirectory(prefix="bench-site-") as site_dir:
            config_file = synthetic_project(cases, Path(project))
            rows.append(measure(f"{cases} cases", config_file, Path(site_dir), queries, repeats=repeats))
    print(table(rows))
    print(f"\nWritten: {write_results(results, rows, queries, repeats)}")
    return rows
