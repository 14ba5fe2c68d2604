"""The benchmark of issue 19: every figure of its table, on the real catalogue and on synthetic ones.

`python -m bench [N …]` measures the real catalogue and a synthetic one of each N cases (made from the
real ones, bench/project.py), prints two tables and writes bench/RESULTS.md:

- search (bench/search.py): warm and cold `katalog search` latency, the site search index against the
  records' text, the sizes of the pages that list every case;
- check, build and serve (bench/builds.py, bench/serve.py): `katalog check` and `katalog build` in fresh
  processes, a plain MkDocs + Material build of the same pages in the same run, peak memory, the size of
  each case's page, and the preview's rebuild after an edit.

Each figure is a small function of a catalogue's mkdocs.yml, so the tests run them briefly (tests/test_bench.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .builds import case_page_sizes, check_seconds, compare_builds, loaded_catalogue
from .project import REAL_CONFIG, synthetic_project
from .report import RESULTS, Figures, table, write_results
from .search import page_sizes, quality_queries, search_latency, site_index_size
from .serve import serve_edit_seconds

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # also for every process the benchmark starts

REPEATS = 3
"""Runs of each command (check, each build, serve's rebuild): a few, since at 5 000 cases one takes minutes."""
SEARCH_REPEATS = 20
"""Times each quality-set query is asked of the warm searcher."""


def measure(name: str, config_file: Path, work: Path, queries: list[str], *, repeats: int = REPEATS,
            search_repeats: int = SEARCH_REPEATS, index_home: Path | None = None) -> Figures:
    """Every figure for one catalogue; sites and copies of the project go to `work`.

    Loads and searches first, in this process; then the commands, in fresh processes; the preview's
    rebuilds last, since they grow this process.
    """
    catalogue, load = loaded_catalogue(config_file, repeats)
    documents = len(catalogue.cases) + len(catalogue.principles) + len(catalogue.bibliography.sources)
    warm, cold = search_latency(config_file, queries, search_repeats, index_home)
    check = check_seconds(config_file, repeats)
    site = work / "site"
    builds = compare_builds(config_file, work, site, repeats)
    serve = serve_edit_seconds(config_file, work, repeats)
    return Figures(name, len(catalogue.cases), documents, warm, cold, site_index_size(site, catalogue),
                   page_sizes(site), check, load, builds, case_page_sizes(site, catalogue), serve)


def measure_synthetic(cases: int, queries: list[str], repeats: int, search_repeats: int) -> Figures:
    """The figures of a synthetic catalogue of `cases` cases, made and measured in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="bench-project-") as project, \
            tempfile.TemporaryDirectory(prefix="bench-work-") as work:
        config_file = synthetic_project(cases, Path(project))
        return measure(f"{cases} cases", config_file, Path(work), queries, repeats=repeats,
                       search_repeats=search_repeats)


def main(synthetic: Iterable[int] = (), repeats: int = REPEATS, search_repeats: int = SEARCH_REPEATS,
         results: Path = RESULTS) -> list[Figures]:
    """Measure the real catalogue and a synthetic one of each size in `synthetic`; print and write the tables."""
    queries = quality_queries()
    with tempfile.TemporaryDirectory(prefix="bench-work-") as work:
        rows = [measure("real", REAL_CONFIG, Path(work), queries, repeats=repeats, search_repeats=search_repeats)]
    rows += [measure_synthetic(cases, queries, repeats, search_repeats) for cases in synthetic]
    print(table(rows))
    print(f"\nWritten: {write_results(results, rows, len(queries), repeats, search_repeats)}")
    return rows
