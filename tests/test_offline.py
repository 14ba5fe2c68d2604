"""The offline copy (generator/offline.py): `katalog build --offline` on the real catalogue, its zip,
and the normal build left as it was."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from conftest import ROOT
from generator.archive import COMMENT
from generator.cli import main
from generator.foreign import foreign_loads
from generator.offline import INDEX_SCRIPT, INDEX_VARIABLE, SHIM, local_script, offline_polyfills
from generator.plugin import ASSETS
from generator.publish import MARKER
from generator.search.client import INDEX_PATH

SCRIPT_FROM_ANOTHER_HOST = re.compile(r"""<script[^>]*\ssrc=["']?(?:https?:)?//""", re.IGNORECASE)


def build_offline(folder: Path) -> tuple[Path, Path]:
    """The real catalogue built in `folder` with `katalog build --offline`: its site folder and its zip."""
    site = folder / "site"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "build", "--offline", "-d", str(site)]) == 0
    return site, folder / "site-offline.zip"


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_offline(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="module")
def offline_zip(offline_build: tuple[Path, Path]) -> Path:
    return offline_build[1]


def test_the_zip_holds_the_whole_site_under_one_folder_and_is_marked_ours(offline_build) -> None:
    site, archive = offline_build
    with zipfile.ZipFile(archive) as packed:
        names = set(packed.namelist())
        assert packed.comment == COMMENT
    expected = {f"site-offline/{path.relative_to(site).as_posix()}" for path in site.rglob("*")
                if path.is_file() and path.name != MARKER}
    assert names == expected
    assert "site-offline/index.html" in names and not [name for name in names if name.endswith(MARKER)]


def test_no_file_in_the_zip_names_a_cdn_or_loads_a_script_from_another_host(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as packed:
        for name in packed.namelist():
            text = packed.read(name).decode("utf-8", errors="replace")
            assert "unpkg" not in text.lower(), name
            assert not SCRIPT_FROM_ANOTHER_HOST.search(text), name
            assert not name.endswith(".map"), name


def test_nothing_in_the_offline_site_loads_from_another_host(offline_build) -> None:
    site, _ = offline_build
    assert foreign_loads(site, site) == []


def test_pages_are_files_and_every_page_loads_the_vendored_shim(offline_build) -> None:
    site, _ = offline_build
    assert (site / "eksempler" / "fredericia-din-indgang.html").is_file()
    assert not (site / "eksempler" / "fredericia-din-indgang").exists()
    assert (site / SHIM).read_bytes() == (ASSETS / SHIM).read_bytes()
    # 404.html is for a web server: it names its files from the site's root, as site_url gives it.
    pages = [page for page in site.rglob("*.html") if page.name != "404.html"]
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        sources = [script["src"] for script in soup.find_all("script", src=True)]
        shims = [source for source in sources if "iframe-worker" in source]
        assert len(shims) == 1 and (page.parent / shims[0]).resolve() == (site / SHIM).resolve(), page
        links = [link["href"] for link in soup.select("article a[href]") if not re.match(r"[a-z]+:|#", link["href"])]
        assert not [link for link in links if link.split("#")[0].endswith("/")], page


def test_the_index_script_holds_the_tuned_index(offline_build) -> None:
    site, _ = offline_build
    script = (site / INDEX_SCRIPT).read_text(encoding="utf-8")
    assert script == INDEX_VARIABLE + (site / INDEX_PATH).read_text(encoding="utf-8")
    index = json.loads(script.removeprefix(INDEX_VARIABLE))
    assert "synonyms" in index["config"]  # written by generator/search/client.py, not as Material wrote it
    assert "eksempler/fredericia-din-indgang.html" in {entry["location"] for entry in index["docs"]}


def test_the_normal_build_loads_no_shim_and_keeps_directory_urls(real_site: Path) -> None:
    assert not (real_site / "javascripts" / "vendor").exists()
    assert not (real_site / INDEX_SCRIPT).exists()
    assert (real_site / "eksempler" / "fredericia-din-indgang" / "index.html").is_file()
    for page in real_site.rglob("*.html"):
        assert "iframe-worker" not in page.read_text(encoding="utf-8"), page
    assert list((real_site / "assets" / "javascripts").glob("*.map")), "the normal build keeps Material's files"


def test_materials_own_offline_plugin_gets_the_vendored_shim_too(project, tmp_path: Path) -> None:
    """Following Material's documentation (`- offline` in mkdocs.yml) still asks no CDN for the shim."""
    project.edit("mkdocs.yml", "  - katalog\n", "  - katalog\n  - offline\n")
    config = load_config(str(project.config_file))
    assert config.plugins["katalog"].offline(config)
    site = project.build(tmp_path / "site")
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f'src="{SHIM}"' in page and "unpkg" not in page
    assert (site / "principper" / "relation.html").is_file()
    assert foreign_loads(site, site) == []


def test_the_option_in_mkdocs_yml_builds_the_copy_and_its_zip(project, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "  - katalog\n", "  - katalog:\n      offline: true\n")
    assert main(["-f", str(project.config_file), "build", "-d", str(tmp_path / "kopi")]) == 0
    assert (tmp_path / "kopi" / "om.html").is_file()
    assert zipfile.is_zipfile(tmp_path / "kopi-offline.zip")
    assert "kopi-offline.zip: pak den ud, og åbn index.html i mappen kopi-offline" in capsys.readouterr().out


@pytest.mark.parametrize(("script", "local"), [
    ('a=_t("https://unpkg.com/resize-observer-polyfill");b=1', 'a=_t("");b=1'),
    ("x('//cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js')", "x('')"),
    ('f("https://example.org/api")\n//# sourceMappingURL=bundle.min.js.map\n', 'f("https://example.org/api")\n\n'),
])
def test_a_theme_script_names_no_cdn_and_no_source_map(script: str, local: str) -> None:
    assert local_script(script) == local


def test_the_vendored_shim_replaces_a_cdn_one_once() -> None:
    polyfills = offline_polyfills(["javascripts/eget.js", "https://unpkg.com/iframe-worker/shim"])
    assert polyfills == ["javascripts/eget.js", SHIM]
    assert offline_polyfills(polyfills) == polyfills
