"""What a built site would load from another host (generator/foreign.py), and `katalog build --offline`
refusing such a site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.foreign import Load, file_loads, foreign_loads

PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://www.kommune.dk/katalog/">
<link rel="prev" href="https://www.kommune.dk/katalog/a/">
<link rel="stylesheet" href="https://fonts.example.net/font.css">
<link rel="preconnect" href="//fonts.gstatic.com">
<script src="https://analyse.example.net/a.js"></script>
<script src="javascripts/egen.js"></script>
<script>importScripts("https://worker.example.net/w.js")</script>
<style>body { background: url('https://billeder.example.net/bg.png') }</style>
</head><body>
<a href="https://www.vive.dk/rapport.pdf">Rapporten</a>
<img src="../assets/logo.png" srcset="logo.png 1x, https://billeder.example.net/logo@2x.png 2x">
<p style="background: url(//billeder.example.net/p.png)">Tekst om https://unpkg.com/ som eksempel.</p>
</body></html>"""


def test_a_page_loads_what_its_elements_styles_and_scripts_fetch_and_nothing_it_links_to() -> None:
    assert set(file_loads(Path("index.html"), PAGE)) == {
        Load("https://fonts.example.net/font.css", "<link href>"),
        Load("//fonts.gstatic.com", "<link href>"),
        Load("https://analyse.example.net/a.js", "<script src>"),
        Load("https://worker.example.net/w.js", "et script"),
        Load("https://billeder.example.net/bg.png", "url() eller @import i CSS"),
        Load("https://billeder.example.net/logo@2x.png", "<img srcset>"),
        Load("//billeder.example.net/p.png", "url() eller @import i CSS"),
        Load("https://unpkg.com/", "en adresse på et CDN"),
    }


@pytest.mark.parametrize(("name", "text", "address"), [
    ("a.js", 'fetch("https://api.example.net/data")', "https://api.example.net/data"),
    ("a.js", "new Worker('//w.example.net/w.js')", "//w.example.net/w.js"),
    ("a.js", 'script.src = "https://s.example.net/s.js"', "https://s.example.net/s.js"),
    ("a.js", 'import{x}from"https://m.example.net/m.js"', "https://m.example.net/m.js"),
    ("a.js", 'load("https://cdn.jsdelivr.net/npm/x")', "https://cdn.jsdelivr.net/npm/x"),
    ("a.css", '@import "https://f.example.net/a.css";', "https://f.example.net/a.css"),
    ("a.css", "a { background: url( 'https://b.example.net/x.png' ) }", "https://b.example.net/x.png"),
    ("a.json", '{"note": "https://unpkg.com/x"}', "https://unpkg.com/x"),
])
def test_scripts_and_stylesheets_load_what_they_fetch_and_any_file_may_name_a_cdn(name: str, text: str,
                                                                                   address: str) -> None:
    assert [load.address for load in file_loads(Path(name), text)] == [address]


@pytest.mark.parametrize(("name", "text"), [
    ("a.js", 'location.href = "https://www.kl.dk/"; const licence = "http://www.mozilla.org/MPL/"'),
    ("a.css", "/* https://fontawesome.com/license/free */ a { color: red }"),
    ("a.json", '{"url": "https://www.vive.dk/rapport.pdf"}'),
])
def test_an_address_that_nothing_fetches_is_fine(name: str, text: str) -> None:
    assert file_loads(Path(name), text) == []


def test_each_address_is_told_once_with_the_first_file_and_how_many_fetch_it(tmp_path: Path) -> None:
    site = tmp_path / "staging"
    (site / "a").mkdir(parents=True)
    for page in ("index.html", "a/b.html", "a/c.html"):
        (site / page).write_text('<script src="https://analyse.example.net/a.js"></script>', encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG https://unpkg.com/")
    problems = foreign_loads(site, tmp_path / "site")
    assert [(problem.path, problem.message) for problem in problems] == [
        (tmp_path / "site" / "a" / "b.html", "Kopien til brug uden net ville hente https://analyse.example.net/a.js "
                                             "fra en anden vært (<script src>); det gør 3 filer.")]
    assert "docs_dir" in problems[0].hint


def test_an_offline_build_that_would_load_from_another_host_fails_and_changes_nothing(
        project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "udgivet" / "site"
    assert main(["-f", str(project.config_file), "build", "--offline", "-d", str(site)]) == 0
    before = {path: path.read_bytes() for path in site.parent.rglob("*") if path.is_file()}
    project.edit("mkdocs.yml", "plugins:", "extra_javascript:\n  - https://analyse.example.net/a.js\nplugins:")
    assert main(["-f", str(project.config_file), "build", "--offline", "-d", str(site)]) == 1
    error = capsys.readouterr().err
    assert f"Bygningen mislykkedes, og {site} og {site.parent / 'site-offline.zip'} er ikke ændret." in error
    assert (f"{site / '404.html'}: Kopien til brug uden net ville hente https://analyse.example.net/a.js fra en "
            "anden vært (<script src>); det gør") in error
    assert {path: path.read_bytes() for path in site.parent.rglob("*") if path.is_file()} == before
