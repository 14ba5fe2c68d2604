"""The benchmark's measurements, run briefly (the real catalogue, and a synthetic one of ten cases measured
once), so they cannot rot. No timing is asserted: only that each figure is there and sane."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python -m bench` runs from the repository's root; so do these tests
    sys.path.insert(0, str(ROOT))

import bench  # noqa: E402
from bench import builds, report, search  # noqa: E402
from bench.project import REAL_CONFIG, load_catalogue, synthetic_project  # noqa: E402
from bench.stats import Spread, percentile  # noqa: E402

MB = 1000 * 1000


def test_quality_queries_are_read() -> None:
    queries = search.quality_queries()
    assert len(queries) >= 20 and all(isinstance(query, str) and query for query in queries)


def test_search_latency_is_measured(tmp_path: Path) -> None:
    queries = search.quality_queries()[:3]
    warm, cold = search.search_latency(REAL_CONFIG, queries, repeats=2, index_home=tmp_path)
    assert cold > 0
    assert warm.samples == 6 and 0 < warm.median_ms <= warm.p90_ms


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([float(value) for value in range(1, 11)], 0.9) == 9.0
    assert percentile([5.0], 0.9) == 5.0


def test_a_spread_is_the_median_and_the_range() -> None:
    spread = Spread.of([3.0, 1.0, 2.0])
    assert (spread.median, spread.low, spread.high, spread.samples) == (2.0, 1.0, 3.0, 3)
    assert spread.text(1) == "2.0 (1.0–3.0)" and Spread.of([2.5e6]).text(0, 1 / MB) == "2"


def test_a_target_is_marked_only_up_to_its_size() -> None:
    assert report.OVERVIEW.mark(299_000, 1000) == " ✓" and report.OVERVIEW.mark(301_000, 1000) == " ✗"
    assert report.OVERVIEW.mark(301_000, 5000) == ""
    assert report.BUILD_RATIO.mark(0.9, 100_000) == " ✓"


def test_site_index_size(real_site: Path) -> None:
    catalogue = load_catalogue(REAL_CONFIG)
    size = search.site_index_size(real_site, catalogue)
    assert size.index_bytes > 0 and size.text_bytes > 0 and size.ratio > 0
    # Every record's text is counted: the real catalogue's cases alone are tens of kilobytes.
    assert size.text_bytes > sum(len(case.summary.encode()) for case in catalogue.cases)
    pages = search.page_sizes(real_site)
    assert pages.overview > 0 and pages.matrix > 0 and pages.facets > 0


def test_a_commands_peak_memory_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    """A child started straight from a large process reports that process's peak; the launcher's child does not."""
    held = bytearray(300 * MB)
    held[::4096] = b"\x01" * len(held[::4096])  # touched, so resident
    run = builds.run_fresh([sys.executable, "-c", "x = bytearray(30 * 1000 * 1000); x[::4096] = b'1' * len(x[::4096])"],
                           tmp_path)
    assert 30 * MB < run.peak_bytes < 150 * MB and run.seconds > 0
    del held


def test_a_failing_command_is_told(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="exited with 3"):
        builds.run_fresh([sys.executable, "-c", "import sys; sys.exit(3)"], tmp_path)


def test_the_plain_baseline_holds_the_generated_pages_without_the_plugin(tmp_path: Path) -> None:
    plain_config = builds.plain_project(REAL_CONFIG, tmp_path / "plain")
    settings = yaml.safe_load(plain_config.read_text(encoding="utf-8"))
    assert settings["INHERIT"] == str(REAL_CONFIG) and settings["plugins"] == [{"search": {"lang": "da"}}]
    docs = plain_config.parent / settings["docs_dir"]
    for case in load_catalogue(REAL_CONFIG).cases:
        assert case.summary.split()[0] in (docs / "eksempler" / f"{case.id}.md").read_text(encoding="utf-8")
    assert (docs / "eksempler" / "index.md").is_file() and (docs / "kilder.md").is_file()


def test_synthetic_cases_made_from_one_real_case_have_texts_of_their_own(tmp_path: Path) -> None:
    """A cache keyed by text must not make a synthetic catalogue faster than a real one of as many cases."""
    synthetic_project(4, tmp_path)
    first, fourth = (yaml.safe_load(path.read_text(encoding="utf-8"))
                     for path in sorted((tmp_path / "cases").glob("*-[03].yml")))
    for field in ("summary", "sections"):
        assert first[field] != fourth[field] and len(str(first[field])) == len(str(fourth[field]))


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> report.Figures:
    """Every figure of a synthetic catalogue of ten cases, each command run once."""
    config_file = synthetic_project(10, tmp_path_factory.mktemp("bench-project"))
    return bench.measure("10 cases", config_file, tmp_path_factory.mktemp("bench-work"),
                         search.quality_queries()[:2], repeats=1, search_repeats=1)


def test_every_figure_is_measured(measured: report.Figures) -> None:
    assert measured.cases == 10 and measured.documents > 10
    assert measured.check.samples == 1 and measured.check.median > 0 and measured.load.median > 0
    build = measured.builds
    assert build.katalog.median > 0 and build.plain.median > 0
    assert build.ratio.median == pytest.approx(build.katalog.median / build.plain.median)
    # A process running MkDocs holds tens of megabytes at least, and surely less than ten gigabytes.
    assert 20 * MB < build.katalog_peak.median < 10_000 * MB and 20 * MB < build.plain_peak.median < 10_000 * MB
    assert 1000 < measured.case_pages.median_bytes <= measured.case_pages.max_bytes
    assert measured.serve.shown.samples == 1 and 0 < measured.serve.shown.median
    assert measured.serve.listed.samples == 1 and measured.serve.listed.median > measured.serve.shown.median
    assert measured.serve.rebuilt.median > 0
    assert measured.index.ratio > 0 and measured.pages.overview > 0


def test_the_results_file_has_both_tables(measured: report.Figures, tmp_path: Path) -> None:
    written = report.write_results(tmp_path / "RESULTS.md", [measured, replace(measured, catalogue="synthetic")],
                                   queries=2, repeats=1, search_repeats=1)
    text = written.read_text(encoding="utf-8")
    for columns in (report.SEARCH_COLUMNS, report.BUILD_COLUMNS):
        assert "| " + " | ".join(columns) + " |" in text
    rows = [line for line in text.splitlines() if line.startswith("| 10 cases |")]
    assert [len(row.split(" | ")) for row in rows] == [len(report.SEARCH_COLUMNS), len(report.BUILD_COLUMNS)]
    assert "| synthetic |" in text and ("✓" in text or "✗" in text)
    assert "Python" in text and "Whoosh" in text and "MkDocs" in text
    assert "≤ 500 MB at 5 000 cases" in text and "≤ 2 s" in text and "≤ 40 KB" in text
    assert report.MISSED.read_text(encoding="utf-8") in text  # why each missed target is missed
    assert report.table([measured]) == report.search_table([measured]) + "\n\n" + report.build_table([measured])


def test_bench_is_not_packaged() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert not any(package.split(".")[0] == "bench" for package in settings["tool"]["setuptools"]["packages"])
