"""The figures of each catalogue as two Markdown tables (search, build) with notes, and bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from generator.facets import FACETS_URI

from .builds import BuildFigures, CasePages
from .project import MUNICIPALITIES
from .search import LIMIT, IndexSize, Latency, PageSizes
from .serve import ServeFigures
from .stats import Spread

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
MISSED = RESULTS.with_name("MISSED.md")
"""Written by hand from profiles: why each missed target is missed and what meeting it would take."""
KB = 1000
MB = 1000 * 1000


@dataclass(frozen=True)
class Figures:
    """Everything measured on one catalogue: one row of each table."""

    catalogue: str
    cases: int
    documents: int
    """Cases, principles (of every kind) and sources: the documents `katalog search` indexes."""
    warm: Latency
    cold_ms: float
    index: IndexSize
    pages: PageSizes
    check: Spread
    """Seconds of `katalog check` in a new process."""
    load: Spread
    """Seconds to load the catalogue in-process."""
    builds: BuildFigures
    case_pages: CasePages
    serve: ServeFigures
    """Seconds until the preview shows an edit of one case, and of its full rebuild after."""


@dataclass(frozen=True)
class Target:
    """A ceiling from issue 19. One stated at a size of catalogue is marked on rows of at most that many
    cases, where it must hold all the more; larger rows are left unmarked."""

    limit: float
    up_to_cases: int | None = None

    def mark(self, value: float, cases: int) -> str:
        if self.up_to_cases is not None and cases > self.up_to_cases:
            return ""
        return " ✓" if value <= self.limit else " ✗"


CHECK = Target(1.0, 1000)
BUILD_RATIO = Target(1.0)
SERVE_EDIT = Target(2.0)
INDEX_RATIO = Target(1.0)
CASE_PAGE = Target(40 * KB)
OVERVIEW = Target(300 * KB, 1000)
PEAK_MEMORY = Target(500 * MB, 5000)

SEARCH_COLUMNS = ("Catalogue", "Documents", "Warm median (ms)", "Warm p90 (ms)", "Cold: open + 1st query (ms)",
                  "search_index.json (bytes)", "Records' text (bytes)", "Index ÷ text", "Overview (bytes)",
                  "Matrix (bytes)", "Facet script (bytes)")
BUILD_COLUMNS = ("Catalogue", "Cases", "`check` (s)", "Load in-process (s)", "`build` (s)", "Plain build (s)",
                 "`build` ÷ plain", "Peak memory `build` (MB)", "Peak memory plain (MB)", "Case page median (KB)",
                 "Case page max (KB)", "`serve` edit shown (s)", "`serve` lists shown (s)",
                 "`serve` rebuilt (s)")


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, the first column left-aligned and the figures right-aligned."""
    alignment = ["---", *("---:" for _ in columns[1:])]
    return "\n".join(["| " + " | ".join(columns) + " |", "|" + "|".join(alignment) + "|",
                      *("| " + " | ".join(cells) + " |" for cells in rows)])


def search_cells(row: Figures) -> list[str]:
    return [row.catalogue, str(row.documents), f"{row.warm.median_ms:.2f}", f"{row.warm.p90_ms:.2f}",
            f"{row.cold_ms:.0f}", f"{row.index.index_bytes:,}", f"{row.index.text_bytes:,}",
            f"{row.index.ratio:.2f}{INDEX_RATIO.mark(row.index.ratio, row.cases)}",
            f"{row.pages.overview:,}{OVERVIEW.mark(row.pages.overview, row.cases)}", f"{row.pages.matrix:,}",
            f"{row.pages.facets:,}"]


def build_cells(row: Figures) -> list[str]:
    builds, cases = row.builds, row.cases
    return [row.catalogue, str(cases), row.check.text() + CHECK.mark(row.check.median, cases), row.load.text(),
            builds.katalog.text(1), builds.plain.text(1),
            builds.ratio.text() + BUILD_RATIO.mark(builds.ratio.median, cases),
            builds.katalog_peak.text(0, 1 / MB) + PEAK_MEMORY.mark(builds.katalog_peak.median, cases),
            builds.plain_peak.text(0, 1 / MB), f"{row.case_pages.median_bytes / KB:.1f}",
            f"{row.case_pages.max_bytes / KB:.1f}{CASE_PAGE.mark(row.case_pages.max_bytes, cases)}",
            row.serve.shown.text(2) + SERVE_EDIT.mark(row.serve.shown.median, cases), row.serve.listed.text(1),
            row.serve.rebuilt.text(1)]


def search_table(rows: Sequence[Figures]) -> str:
    return markdown_table(SEARCH_COLUMNS, [search_cells(row) for row in rows])


def build_table(rows: Sequence[Figures]) -> str:
    return markdown_table(BUILD_COLUMNS, [build_cells(row) for row in rows])


def table(rows: Sequence[Figures]) -> str:
    """The search table and the build table, one row per catalogue in each."""
    return f"{search_table(rows)}\n\n{build_table(rows)}"


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


def search_notes(queries: int, search_repeats: int) -> list[str]:
    return [
        f"- *Warm*: one open searcher (`katalog search`'s index, already built); each of the quality set's "
        f"{queries} queries (tests/search_quality.yml) {search_repeats} times after one untimed pass, "
        f"{LIMIT} results (with snippets) per query; median and 90th percentile of all "
        f"{queries * search_repeats} timings.",
        "- *Cold*: in the same process, after imports: load mkdocs.yml, fingerprint the sources, open the index, "
        "first query. A new `katalog search` process also spends time starting Python and importing.",
        "- *Index ÷ text*: bytes of the built site's `search/search_index.json` divided by the UTF-8 bytes of "
        "the records' text (every string value in every case and principle record via `model_dump()`, plus each "
        "source's reference as plain text). Target ≤ 1.0.",
        "- *Overview*, *Matrix*: the HTML of `eksempler/index.html` and `matrix/index.html`, which list every "
        "case. Target for the overview: ≤ 300 KB at 1 000 cases. *Facet script*: "
        f"`{FACETS_URI}`, the values each case has in each filter, which both pages load.",
    ]


def build_notes(repeats: int) -> list[str]:
    return [
        f"- Build table: median (min–max) of {repeats} runs each; KB and MB are 1 000 and 1 000 000 bytes.",
        "- *`check`*: wall time of `katalog -f mkdocs.yml check` in a new Python process (start-up and imports "
        "included, output discarded), as the `katalog` script runs it (`generator.cli:main`). Target ≤ 1 s at "
        "1 000 cases. *Load in-process*: loading mkdocs.yml and the catalogue (read and check every file, "
        "generator.catalogue.load_catalogue) in the benchmark's process after one untimed load (which pays the "
        "lazy imports), past the plugin, whose one instance per process would answer from its cache: the part "
        "of `check` that grows with the catalogue.",
        "- *`build`*: wall time of `katalog -f mkdocs.yml build -d SITE` (check, strict build into a staging "
        "folder, swap) in a new process, SITE removed before each run. *Plain build*: `mkdocs build` (not "
        "strict) in a new process, of a project whose docs_dir holds as ordinary files exactly the pages, data "
        "files and facet script the plugin generates for the catalogue, with an mkdocs.yml that inherits the "
        "project's (Material theme, nav of the section index pages only, so the cases are left out of it, same "
        "markdown_extensions) and its plugins but `katalog` (so `search` stays); it builds without warnings "
        "(it passed --strict on the real catalogue). Its build runs none of our "
        "code but the headings' slugify: no loading, no rendering, no sanitising, no case links, no index "
        "tuning. The two builds alternate, one plain right after each `build`.",
        "- *`build` ÷ plain*: median (min–max) of the ratio of each `build` to the plain build run right after "
        "it. Target ≤ 1.0 (stretch 0.5).",
        "- *Peak memory*: the peak resident set size (ru_maxrss) of that one build process, from os.wait4 in a "
        "small launcher process (bench/builds.py LAUNCHER: a child started straight from the benchmark's large "
        "process would report that process's peak). "
        "Target for `build` ≤ 500 MB at 5 000 cases.",
        "- *Case page*: the bytes of each case's own `eksempler/<id>/index.html` in the last `build`'s site, "
        "median and largest over all cases. Target ≤ 40 KB, flat in the number of cases (the largest is marked).",
        "- *`serve` edit shown*: after `katalog serve`'s first build (untimed), one case's title is edited and "
        "the time until the preview has written that case's page into the served site is timed "
        "(generator/devserver.py `Preview.show_first`, in the benchmark's process with warm imports, on a copy "
        "of the project): it reads and checks again only the edited file (generator/records.py) and the checks "
        "across files, and builds that one page with the last build's files, navigation and theme "
        "(generator/pagerebuild.py). Not included: MkDocs' watcher noticing the change (it polls every 0.5 s "
        "and waits 0.1 s for more changes) and the browser's reload. Target ≤ 2 s.",
        "- *`serve` lists shown*: from the same edit until the pages that list the case (the overview, the "
        "matrix, the checklist and the pages of its principles and tags; generator/render.py `listing_pages`) "
        "are written too, built the same way after the case's page; the browser reloads again then.",
        "- *`serve` rebuilt*: the full strict rebuild that follows (`Preview.build`), which brings the sources' "
        "page, the search index and the data files up to date and is swapped in whole; the browser reloads "
        "again when it is done.",
        "- ✓ / ✗: the target is met / missed (by the median, for the case page by the largest). A target stated "
        "at a size is marked on rows of at most that many cases, where it must hold all the more.",
    ]


def results_markdown(rows: Sequence[Figures], queries: int, repeats: int, search_repeats: int,
                     environment: dict[str, str]) -> str:
    return "\n".join([
        "# Benchmark",
        "",
        "Written by `python -m bench` (see bench/__init__.py); run it again to update the figures.",
        "",
        *(f"- {key}: {value}" for key, value in environment.items()),
        f"- Synthetic catalogues spread their cases over {MUNICIPALITIES} municipalities, as many as Denmark has.",
        "",
        "## Search",
        "",
        search_table(rows),
        "",
        *search_notes(queries, search_repeats),
        "",
        "## Check, build and serve",
        "",
        build_table(rows),
        "",
        *build_notes(repeats),
        "",
        *([MISSED.read_text(encoding="utf-8")] if MISSED.is_file() else []),
    ])


def write_results(path: Path, rows: Sequence[Figures], queries: int, repeats: int, search_repeats: int) -> Path:
    path.write_text(results_markdown(rows, queries, repeats, search_repeats, machine()), encoding="utf-8")
    return path
