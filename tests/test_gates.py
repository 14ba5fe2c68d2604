"""The quality gates catch what they guard against: each planted defect makes its gate fail.

A small fixture site is built with a theme override that adds one defect, then the same
gate the real site passes is run on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT
from mkdocs.config import load_config

from gates import axe_failures, link_failures, open_page, orphan_failures, serve

DEFECTS = {
    "unlabelled-control": '{% block content %}{{ super() }}<input type="text" id="uden-label">{% endblock %}',
    "third-party-font": '{% block fonts %}<link rel="stylesheet" '
                        'href="https://fonts.googleapis.com/css?family=Roboto">{% endblock %}',
    "broken-link": '{% block content %}{{ super() }}<a href="{{ base_url }}/findes-ikke/">Død</a>'
                   '<a href="#intet-anker">Intet anker</a>{% endblock %}',
    "console-error": '{% block scripts %}{{ super() }}<script>console.error("planlagt fejl")</script>{% endblock %}',
}


def build_with(project, tmp_path: Path, defect: str | None) -> Path:
    if defect:
        overrides = project.root / "overrides"
        overrides.mkdir()
        (overrides / "main.html").write_text('{% extends "base.html" %}\n' + DEFECTS[defect], encoding="utf-8")
        project.edit("mkdocs.yml", "  font: false", "  font: false\n  custom_dir: overrides")
    return project.build(tmp_path / "site")


def check_front_page(browser, site: Path) -> dict[str, list[str]]:
    with serve(site) as base_url:
        context = browser.new_context()
        page, visit = open_page(context, base_url, "")
        found = {"axe": axe_failures(page, visit.url), "privacy": visit.privacy_failures(base_url),
                 "errors": visit.error_failures()}
        context.close()
    found["links"] = link_failures(site)
    return found


@pytest.mark.browser
def test_fixture_site_without_defects_passes_every_gate(browser, project, tmp_path: Path) -> None:
    found = check_front_page(browser, build_with(project, tmp_path, None))
    assert found == {"axe": [], "privacy": [], "errors": [], "links": []}
    assert orphan_failures(tmp_path / "site") == []


@pytest.mark.browser
@pytest.mark.parametrize(("defect", "gate", "evidence"), [
    ("unlabelled-control", "axe", "label"),
    ("third-party-font", "privacy", "fonts.googleapis.com"),
    ("broken-link", "links", "findes-ikke"),
    ("console-error", "errors", "planlagt fejl"),
])
def test_planted_defect_is_caught(browser, project, tmp_path: Path, defect: str, gate: str, evidence: str) -> None:
    found = check_front_page(browser, build_with(project, tmp_path, defect))
    assert found[gate], f"the {gate} gate missed the {defect} defect"
    assert any(evidence in failure for failure in found[gate]), found[gate]


def test_broken_anchor_is_caught(project, tmp_path: Path) -> None:
    failures = link_failures(build_with(project, tmp_path, "broken-link"))
    assert any("intet-anker" in failure for failure in failures), failures


def test_page_that_nothing_links_to_is_caught(project, tmp_path: Path) -> None:
    site = build_with(project, tmp_path, None)
    stray = site / "glemt" / "index.html"
    stray.parent.mkdir()
    stray.write_text("<html><body><a href='../'>Forside</a></body></html>", encoding="utf-8")
    assert orphan_failures(site) == ["/glemt/ is not linked from anywhere"]


def test_fixture_site_loads_the_same_theme_and_assets_as_the_real_site() -> None:
    """The gates are proven on the fixture site, so it must run the real site's script, styles and theme.

    The stylesheets and scripts come from the plugins, so each configuration is compared as a build
    sees it: after every plugin's on_config.
    """
    def site_settings(config_file: Path) -> dict:
        config = load_config(str(config_file))
        config = config.plugins.on_config(config)
        return {"extra_css": list(config.extra_css), "extra_javascript": [str(script) for script in
                                                                          config.extra_javascript],
                "theme_dirs": list(config.theme.dirs), "features": config.theme.get("features"),
                "palette": config.theme.get("palette")}
    real = site_settings(ROOT / "mkdocs.yml")
    assert "stylesheets/katalog.css" in real["extra_css"] and "javascripts/katalog.js" in real["extra_javascript"]
    assert site_settings(MINIMAL / "mkdocs.yml") == real


@pytest.mark.browser
def test_fixture_site_runs_the_sites_script(open_context, project, tmp_path: Path) -> None:
    with serve(build_with(project, tmp_path, None)) as base_url:
        page, _ = open_page(open_context(375), base_url, "")
        assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "false"
