"""The benchmark's measurements run on the real catalogue, briefly, so they cannot rot. No timing is asserted."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python -m bench` runs from the repository's root; so do these tests
    sys.path.insert(0, str(ROOT))

import bench  # noqa: E402


def test_quality_queries_are_read() -> None:
    queries = bench.quality_queries()
    assert len(queries) >= 20 and all(isinstance(query, str) and query for query in queries)


def test_search_latency_is_measured(tmp_path: Path) -> None:
    queries = bench.quality_queries()[:3]
    cold = bench.cold_search_ms(bench.REAL_CONFIG, queries[0], index_home=tmp_path)
    searcher = bench.open_catalogue_searcher(bench.REAL_CONFIG, index_home=tmp_path)
    try:
        warm = bench.warm_search_latency(searcher, queries, repeats=2)
    finally:
        searcher.close()
    assert cold > 0
    assert warm.samples == 6 and 0 < warm.median_ms <= warm.p90_ms


def test_percentile_is_the_nearest_rank() -> None:
    assert bench.percentile([float(value) for value in range(1, 11)], 0.9) == 9.0
    assert bench.percentile([5.0], 0.9) == 5.0


def test_site_index_size_and_the_results_file(real_site: Path, tmp_path: Path) -> None:
    catalogue = bench.load_catalogue(bench.REAL_CONFIG)
    size = bench.site_index_size(real_site, catalogue)
    assert size.index_bytes > 0 and size.text_bytes > 0 and size.ratio > 0
    # Every record's text is counted: the real catalogue's cases alone are tens of kilobytes.
    assert size.text_bytes > sum(len(case.summary.encode()) for case in catalogue.cases)
    pages = bench.page_sizes(real_site)
    assert pages.overview > 0 and pages.matrix > 0 and pages.facets > 0
    figures = bench.Figures("real", 31, bench.Latency(1.5, 2.5, 6), 120.0, size, pages)
    written = bench.write_results(tmp_path / "RESULTS.md", [figures, replace(figures, catalogue="synthetic")],
                                  bench.quality_queries(), repeats=2)
    text = written.read_text(encoding="utf-8")
    assert bench.table([figures]).splitlines()[0] in text
    assert "| real | 31 | 1.50 | 2.50 | 120 |" in text and "| synthetic |" in text
    assert "Python" in text and "Whoosh" in text and "MkDocs" in text
    assert f"| {pages.overview:,} | {pages.matrix:,} | {pages.facets:,} |" in text


def test_bench_is_not_packaged() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert not any(package.split(".")[0] == "bench" for package in settings["tool"]["setuptools"]["packages"])
