"""`katalog check` and `katalog build` as a user runs them, each in a fresh interpreter, against a plain
MkDocs + Material build of the same pages run alternately in the same run: wall time and peak memory.

A fresh process per run makes every run pay the same imports and start with empty caches, as the
commands do, and gives each run's own peak memory.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.structure.files import Files
from mkdocs.utils.yaml import yaml_load

from generator.catalogue import Catalogue
from generator.render import CASES_DIR
from generator.sitebuild import PLUGIN_NAME, load_mkdocs_config

from .project import load_catalogue
from .stats import Spread, seconds_of

KATALOG_ENTRY = "import sys; from generator.cli import main; sys.exit(main())"
"""What the `katalog` console script runs (pyproject.toml: `katalog = "generator.cli:main"`), for `python -c`,
so that no installed script is needed and the interpreter is the benchmark's own."""
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
"""Bytes per unit of ru_maxrss: kilobytes on Linux, bytes on macOS."""


@dataclass(frozen=True)
class Run:
    """One command in a fresh process: wall seconds from start to exit, and its own peak resident memory."""

    seconds: float
    peak_bytes: int


LAUNCHER = """
import os, subprocess, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""
"""Runs a command and writes its wall seconds and its own peak memory (os.wait4) to a file. The benchmark
starts commands through it because a child started straight from the benchmark's process (vfork, then
exec) counts that large process's peak as its own: the launcher is small, so its child's peak is the
command's."""


def run_fresh(argv: Sequence[str], cwd: Path) -> Run:
    """Run `argv` through LAUNCHER with its output discarded; raise with the end of its stderr if it fails."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory(prefix="bench-run-") as folder:
        report = Path(folder) / "run"
        process = subprocess.run([sys.executable, "-c", LAUNCHER, str(report), *argv], cwd=cwd,
                                 stdout=subprocess.DEVNULL, stderr=errors)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, argv))} exited with {process.returncode}:\n{tail}")
        seconds, peak = report.read_text(encoding="utf-8").split()
    return Run(float(seconds), int(peak) * MAXRSS_UNIT)


def katalog(config_file: Path, *arguments: str) -> list[str]:
    """The command line of `katalog -f mkdocs.yml …`."""
    return [sys.executable, "-c", KATALOG_ENTRY, "-f", str(config_file), *arguments]


def plain_mkdocs_build(config_file: Path, site_dir: Path) -> list[str]:
    """The command line of `mkdocs build -f mkdocs.yml -d site_dir`, not strict."""
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]


# --- katalog check --------------------------------------------------------------------------------

def check_seconds(config_file: Path, repeats: int) -> Spread:
    """Wall seconds of `katalog check`, each run a new process (start-up and imports included)."""
    return Spread.of([run_fresh(katalog(config_file, "check"), config_file.parent).seconds for _ in range(repeats)])


def loaded_catalogue(config_file: Path, repeats: int) -> tuple[Catalogue, Spread]:
    """The catalogue, and the seconds of `repeats` further loads in this process, each with a fresh
    configuration (no plugin cache): the part of `check` that grows with the catalogue. The first load,
    untimed, pays the lazy imports."""
    catalogue = load_catalogue(config_file)
    return catalogue, Spread.of([seconds_of(lambda: load_catalogue(config_file)) for _ in range(repeats)])


# --- The plain MkDocs + Material baseline ---------------------------------------------------------

def plugin_entry_name(entry: str | dict) -> str:
    """The name of one entry of mkdocs.yml's plugins list: `- search` or `- search: {…}`."""
    return entry if isinstance(entry, str) else next(iter(entry))


def plain_project(config_file: Path, folder: Path) -> Path:
    """A plain MkDocs project in `folder` whose docs_dir holds, as ordinary files, exactly what the catalogue's
    plugin generates for this catalogue (pages, data files, facet script), over a copy of the project's own
    docs_dir; its mkdocs.yml.

    The mkdocs.yml inherits the project's (theme, nav of section index pages only, markdown_extensions with
    the custom slugify, validation) and lists the project's plugins but `katalog`. Nothing of the plugin runs
    in its build: no sanitising, no case links resolved, no search index tuning, none of its assets.
    """
    config = load_mkdocs_config(config_file)
    docs = folder / "docs"
    shutil.copytree(config.docs_dir, docs)
    generated = config.plugins.on_files(Files([]), config=config)  # as MkDocs runs it, noting who made each file
    for file in (file for file in generated if file.generated_by == PLUGIN_NAME):
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
    with open(config_file, "rb") as source:
        plugins = [entry for entry in yaml_load(source).get("plugins", []) if plugin_entry_name(entry) != PLUGIN_NAME]
    plain_config = folder / "mkdocs.yml"
    plain_config.write_text(yaml.safe_dump({"INHERIT": str(config_file.resolve()), "docs_dir": "docs",
                                            "plugins": plugins}, allow_unicode=True), encoding="utf-8")
    return plain_config


# --- katalog build against the baseline -----------------------------------------------------------

@dataclass(frozen=True)
class BuildFigures:
    """`katalog build` against the plain build: seconds, their ratio, peak memory in bytes."""

    katalog: Spread
    plain: Spread
    ratio: Spread
    """Of each katalog build to the plain build run right after it."""
    katalog_peak: Spread
    plain_peak: Spread

    @classmethod
    def of(cls, katalog_runs: list[Run], plain_runs: list[Run]) -> BuildFigures:
        return cls(Spread.of([run.seconds for run in katalog_runs]), Spread.of([run.seconds for run in plain_runs]),
                   Spread.of([mine.seconds / plain.seconds for mine, plain in zip(katalog_runs, plain_runs)]),
                   Spread.of([run.peak_bytes for run in katalog_runs]), Spread.of([run.peak_bytes for run in plain_runs]))


def compare_builds(config_file: Path, work: Path, site: Path, repeats: int) -> BuildFigures:
    """`repeats` clean `katalog build`s into `site` (the last one stays there) and as many plain builds in
    `work`, alternating, so that a busy spell on the machine slows both alike."""
    plain_config = plain_project(config_file, work / "plain-project")
    plain_site = work / "plain-site"
    katalog_runs, plain_runs = [], []
    for _ in range(repeats):
        shutil.rmtree(site, ignore_errors=True)
        katalog_runs.append(run_fresh(katalog(config_file, "build", "-d", str(site)), config_file.parent))
        plain_runs.append(run_fresh(plain_mkdocs_build(plain_config, plain_site), plain_config.parent))
        shutil.rmtree(plain_site)
    return BuildFigures.of(katalog_runs, plain_runs)


@dataclass(frozen=True)
class CasePages:
    """The bytes of each case's own page (its index.html), over all cases."""

    median_bytes: float
    max_bytes: int


def case_page_sizes(site: Path, catalogue: Catalogue) -> CasePages:
    sizes = [(site / CASES_DIR / case.id / "index.html").stat().st_size for case in catalogue.cases]
    return CasePages(statistics.median(sizes), max(sizes))
