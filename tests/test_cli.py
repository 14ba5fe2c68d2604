"""`katalog check` and `katalog build` as a maintainer runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main


def run(project, *arguments: str) -> int:
    return main(["-f", str(project.config_file), *arguments])


def test_check_passes_on_a_valid_catalogue(project, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "check") == 0
    assert "Kataloget er i orden: 1 eksempel, 3 principper" in capsys.readouterr().out


def test_check_fails_and_names_file_line_and_fix(project, capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("cases/testby-en-indgang.yml", "status: ongoing", "status: igang")
    project.write("principles/tom.yml", "")
    assert run(project, "check") == 1
    error = capsys.readouterr().err
    assert "Kataloget har 2 problemer" in error
    assert "testby-en-indgang.yml:4: 'status' har værdien 'igang'" in error
    assert "tom.yml: Filen er tom." in error


def test_missing_config_file_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_build_writes_the_site(project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run(project, "build", "-d", str(site)) == 0
    assert (site / "index.html").is_file()
    assert (site / "eksempler" / "testby-en-indgang" / "index.html").is_file()
    assert leftovers(tmp_path) == []


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".site-"))


def previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("forrige version")
    return site


def test_invalid_catalogue_leaves_the_previous_site_untouched(project, tmp_path: Path) -> None:
    site = previous_site(tmp_path)
    project.edit("cases/testby-en-indgang.yml", "[@jensen2018].\nroles", "[@ukendt2020].\nroles")
    assert run(project, "build", "-d", str(site)) == 1
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "forrige version"
    assert leftovers(tmp_path) == []


def test_failing_strict_build_leaves_the_previous_site_untouched(project, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = previous_site(tmp_path)
    project.edit("mkdocs.yml", "  - Kilder: kilder.md", "  - Kilder: kilder.md\n  - Findes ikke: findes-ikke.md")
    assert run(project, "build", "-d", str(site)) == 1
    assert "ikke ændret" in capsys.readouterr().err
    assert (site / "index.html").read_text() == "forrige version"
    assert leftovers(tmp_path) == []


def test_successful_build_replaces_the_previous_site(project, tmp_path: Path) -> None:
    site = previous_site(tmp_path)
    assert run(project, "build", "-d", str(site)) == 0
    assert "forrige version" not in (site / "index.html").read_text()
    assert leftovers(tmp_path) == []
