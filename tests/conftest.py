"""Shared fixtures: the real catalogue, small fixture catalogues, and built sites."""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import catalogue as catalogue_module
from generator.catalogue import Sources

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
FIXTURE_DAY = datetime.date(2026, 11, 27)
"""The day the fixture catalogue is checked on in-process, whatever the calendar says: its reviews
(2026-11-25 and -26) would otherwise be told as over two years old from late 2028."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class Project:
    """A copy of a fixture catalogue in a temporary folder, to be broken on purpose."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_file = root / "mkdocs.yml"
        # No tags.yml of its own: the fixture uses the package's tag vocabulary (tests/test_vocabulary.py).
        self.sources = Sources(root / "cases", root / "principles", root / "bibliography.bib")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> Path:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def plugin_naming(self, option: str, relative: str, text: str):
        """Write `text` to `relative` and name it in the plugin's `option` in mkdocs.yml; the loaded
        configuration and the catalogue's plugin in it."""
        self.write(relative, text)
        self.edit("mkdocs.yml", "  - katalog\n", f"  - katalog:\n      {option}: {relative}\n")
        config = load_config(str(self.config_file))
        return config, config.plugins["katalog"]

    def build(self, site_dir: Path) -> Path:
        build(load_config(str(self.config_file), strict=True, site_dir=str(site_dir)))
        return site_dir


def copy_of_real(root: Path) -> Project:
    """The real catalogue copied to `root` as a fresh clone has it, so a test may add to it (and its search
    cache is not written into the repository)."""
    for folder in ("cases", "principles"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("bibliography.bib", "mkdocs.yml"):
        shutil.copy(ROOT / name, root / name)
    (root / "generator" / "pages").mkdir(parents=True)
    return Project(root)


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalogue copied to a temporary folder, so its search cache is not written into the repository."""
    return copy_of_real(tmp_path_factory.mktemp("real-project")).root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The minimal fixture catalogue, copied so a test may change it, and checked on FIXTURE_DAY."""
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    monkeypatch.setattr(catalogue_module, "review_day", lambda: FIXTURE_DAY)
    return Project(root)


@pytest.fixture(scope="session")
def real_sources() -> Sources:
    return Sources(ROOT / "cases", ROOT / "principles", ROOT / "bibliography.bib")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalogue, built once per test run with --strict."""
    site_dir = tmp_path_factory.mktemp("real-site")
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir)))
    return site_dir


@pytest.fixture(scope="session")
def read_page(real_site: Path) -> Callable[[str], BeautifulSoup]:
    def read(url_path: str) -> BeautifulSoup:
        html_file = real_site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else real_site / url_path
        return BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return read


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; `playwright install` cannot download one here."""
    from playwright.sync_api import sync_playwright

    from gates import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def real_site_url(real_site: Path):
    from gates import serve
    with serve(real_site) as base_url:
        yield base_url


@pytest.fixture
def open_context(browser):
    """Opens fresh browser profiles at a given width, and closes every one after the test, pass or fail.

    A context left open by a failed test would keep its pages and search worker running and slow
    down, or leak state into, the tests after it.
    """
    from gates import new_context
    opened = []

    def open_one(width: int = 1280):
        opened.append(new_context(browser, width))
        return opened[-1]

    yield open_one
    for one in opened:
        one.close()


@pytest.fixture
def context(open_context):
    """A fresh browser profile per test at desktop width, so no state leaks between tests."""
    return open_context(1280)

