"""`katalog check` and `katalog build` as a maintainer runs them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.devserver import Preview
from generator.publish import MARKER


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
    """A site folder as an earlier `katalog build` left it: marked as ours."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("forrige version")
    (site / MARKER).write_text("bygget af katalog")
    return site


def test_invalid_catalogue_leaves_the_previous_site_untouched(project, tmp_path: Path) -> None:
    site = previous_site(tmp_path)
    project.edit("cases/testby-en-indgang.yml", "[@jensen2018].\nroles", "[@ukendt2020].\nroles")
    assert run(project, "build", "-d", str(site)) == 1
    assert sorted(path.name for path in site.iterdir()) == [MARKER, "index.html"]
    assert (site / "index.html").read_text() == "forrige version"
    assert leftovers(tmp_path) == []


def test_failing_strict_build_leaves_the_previous_site_untouched(project, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = previous_site(tmp_path)
    project.edit("mkdocs.yml", "  - Kilder: kilder.md", "  - Kilder: kilder.md\n  - Findes ikke: findes-ikke.md")
    assert run(project, "build", "-d", str(site)) == 1
    error = capsys.readouterr().err
    assert "ikke ændret" in error
    assert "Kataloget har 1 problem" in error
    assert f"{project.config_file}:{nav_line(project)}: 'nav' nævner siden 'findes-ikke.md', som ikke findes." in error
    assert (site / "index.html").read_text() == "forrige version"
    assert leftovers(tmp_path) == []


def test_successful_build_replaces_the_previous_site(project, tmp_path: Path) -> None:
    site = previous_site(tmp_path)
    assert run(project, "build", "-d", str(site)) == 0
    assert "forrige version" not in (site / "index.html").read_text()
    assert leftovers(tmp_path) == []


def nav_line(project) -> int:
    lines = project.config_file.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "findes-ikke.md" in line)


def tree(folder: Path) -> dict[str, str]:
    """Every path under `folder` with a digest of its content, to see that nothing was touched."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_symlink():
            found[relative] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[relative] = "folder"
    return found


def foreign_folder(project) -> Path:
    folder = project.root.parent / "andres"
    folder.mkdir()
    (folder / "rapport.docx").write_text("vigtig")
    return folder


def a_file(project) -> Path:
    path = project.root.parent / "site"
    path.write_text("en fil")
    return path


def a_symlink(project) -> Path:
    """Even a link to a site katalog built: replacing it would not replace what the link points to."""
    elsewhere = project.root.parent / "elsewhere"
    elsewhere.mkdir()
    link = project.root.parent / "site-link"
    link.symlink_to(previous_site(elsewhere))
    return link


TARGETS: dict[str, tuple[Callable[..., Path], str]] = {
    "project root": (lambda project: project.root, "projektets mappe"),
    "parent of the project": (lambda project: project.root.parent, "projektets mappe"),
    "cases": (lambda project: project.root / "cases", "input-mappen"),
    "inside principles": (lambda project: project.root / "principles" / "site", "input-mappen"),
    "git folder": (lambda project: project.root / ".git", "'.git'"),
    "inside the git folder": (lambda project: project.root / ".git" / "site", "'.git'"),
    "root": (lambda project: Path("/"), "projektets mappe"),
    "foreign folder": (foreign_folder, "ikke bygget af katalog"),
    "file": (a_file, "er en fil"),
    "symlink": (a_symlink, "symbolsk link"),
}


@pytest.mark.parametrize("name", TARGETS)
def test_build_refuses_a_folder_it_did_not_make_and_touches_nothing(
        project, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / ".git").mkdir()
    (project.root / ".git" / "HEAD").write_text("ref: refs/heads/main")
    make, reason = TARGETS[name]
    target = make(project)
    before = tree(project.root.parent)
    assert run(project, "build", "-d", str(target)) == 1
    error = capsys.readouterr().err
    assert "Sitet blev ikke bygget, og intet er ændret" in error
    assert reason in error
    assert "Gør sådan:" in error
    assert tree(project.root.parent) == before


def test_build_refuses_the_current_folder(project, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`katalog build -d .` from the project once removed the whole repository and said it was done."""
    (project.root / ".git").mkdir()
    monkeypatch.chdir(project.root)
    before = tree(project.root)
    assert main(["build", "-d", "."]) == 1
    assert "projektets mappe" in capsys.readouterr().err
    assert tree(project.root) == before


def test_build_refuses_the_home_folder(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert run(project, "build", "-d", str(home)) == 1
    assert "din hjemmemappe" in capsys.readouterr().err


def test_site_dir_in_mkdocs_yml_is_guarded_too(project, capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "site_name: Testkatalog", "site_name: Testkatalog\nsite_dir: cases")
    before = tree(project.root)
    assert run(project, "build") == 1
    assert "input-mappen" in capsys.readouterr().err
    assert tree(project.root) == before


def test_build_fills_an_empty_folder_and_marks_it(project, tmp_path: Path) -> None:
    site = tmp_path / "tom"
    site.mkdir()
    assert run(project, "build", "-d", str(site)) == 0
    assert (site / "index.html").is_file()
    assert (site / MARKER).is_file()


def test_placeholder_site_url_is_warned_about_once(project, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "site_name: Testkatalog",
                 "site_name: Testkatalog\nsite_url: https://helhedskataloget.example.dk/")
    assert run(project, "build", "-d", str(tmp_path / "site")) == 0
    error = capsys.readouterr().err
    assert error.count("Advarsel: 'site_url' er stadig pladsholderen") == 1
    assert "katalog build --site-url" in error


def test_site_url_option_makes_the_404_page_work_under_a_sub_path(project, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert run(project, "build", "-d", str(site), "--site-url", "https://kommune.dk/katalog/") == 0
    assert "Advarsel" not in capsys.readouterr().err
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    local = [urlsplit(element.get("href") or element.get("src")).path
             for element in page.select("link[href], script[src], a[href]")
             if not urlsplit(element.get("href") or element.get("src")).netloc]
    assert local, "the 404 page links to nothing local"
    for path in local:
        assert path.startswith("/katalog/"), path
        relative = path.removeprefix("/katalog/")
        assert (site / relative).is_file() or (site / relative / "index.html").is_file(), path


def test_help_is_danish_and_shows_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "-h"])
    output = capsys.readouterr().out
    assert output.startswith("Brug: katalog serve")
    assert "(standard: 127.0.0.1:8000)" in output
    assert "vis denne hjælp og stop" in output


def test_version_comes_from_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"katalog {version('helhedskataloget')}"


def test_config_file_may_follow_the_command(project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-f", str(project.config_file)]) == 0
    assert "Kataloget er i orden" in capsys.readouterr().out


def test_a_wrong_command_is_explained_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["byg"])
    assert stopped.value.code == 2
    assert "Gør sådan: skriv 'katalog -h'" in capsys.readouterr().err


UNCITED = ("description: Møder borgeren [@jensen2018].", "description: Møder borgeren.")
WARNING = ("testby-en-indgang.yml:20: Advarsel: 'roles → punkt 1 → description': afsnittet, der begynder "
           "'Møder borgeren.', har ingen kildehenvisning.\n    Gør sådan: Tilføj kilden")


def test_check_with_only_warnings_tells_them_and_passes(project, capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("cases/testby-en-indgang.yml", *UNCITED)
    assert run(project, "check") == 0
    output = capsys.readouterr()
    assert output.err.startswith("Kataloget har 1 advarsel (de stopper ikke bygningen):\n")
    assert WARNING in output.err
    assert output.out.startswith("Kataloget er i orden: 1 eksempel")
    assert output.out.rstrip().endswith("1 advarsel bør ses efter, men stopper ikke bygningen.")


def test_check_with_an_error_and_warnings_fails_and_tells_the_warnings_after_the_error(
        project, capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("cases/testby-en-indgang.yml", *UNCITED)
    project.edit("principles/relation.yml", "description: Færre kontaktpersoner giver en mere tillidsfuld relation "
                 "[@regeringen-kl2019].", "description: Færre kontaktpersoner giver en god relation.")
    project.edit("cases/testby-en-indgang.yml", "status: ongoing", "status: igang")
    assert run(project, "check") == 1
    error = capsys.readouterr().err
    assert error.index("Kataloget har 1 problem:") < error.index("Kataloget har 2 advarsler") < error.index(WARNING)
    assert "relation.yml:5: Advarsel: 'description': afsnittet" in error


def test_build_and_serve_show_warnings_and_build_anyway(project, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("cases/testby-en-indgang.yml", *UNCITED)
    assert run(project, "build", "-d", str(tmp_path / "site")) == 0
    output = capsys.readouterr()
    assert WARNING in output.err and "Sitet er bygget" in output.out
    preview = Preview(project.config_file, tmp_path / "preview", "127.0.0.1:8000", None, "http://127.0.0.1:8000/")
    preview.rebuild()
    preview.rebuild()
    shown = capsys.readouterr().out
    assert preview.problems == [] and (tmp_path / "preview" / "index.html").is_file()
    assert shown.count(WARNING) == 1 and "(1 advarsel som før; de stopper ikke bygningen.)" in shown
