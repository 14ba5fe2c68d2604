"""The offline copy's zip (generator/archive.py): beside the site, whole or not at all, and never over
a file `katalog` did not write."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.archive import archive_beside, archive_refusal, discard, is_our_archive, pack, put_in_place
from generator.cli import main
from generator.publish import MARKER


def a_site(folder: Path) -> Path:
    site = folder / "site"
    (site / "eksempler").mkdir(parents=True)
    (site / "index.html").write_text("forside", encoding="utf-8")
    (site / "eksempler" / "a.html").write_text("æøå", encoding="utf-8")
    (site / MARKER).write_text("bygget af katalog", encoding="utf-8")
    return site


def packed_names(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as packed:
        return sorted(packed.namelist())


def test_the_zip_lies_beside_the_site_and_is_named_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert archive_beside(Path("udgivet/site")) == tmp_path / "udgivet" / "site-offline.zip"


def test_a_packed_zip_holds_the_site_but_its_marker_and_replaces_ours_in_one_step(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    archive = archive_beside(site)
    put_in_place(pack(site, archive), archive)
    assert packed_names(archive) == ["site-offline/eksempler/a.html", "site-offline/index.html"]
    assert is_our_archive(archive) and archive_refusal(archive) is None
    (site / "index.html").write_text("ny forside", encoding="utf-8")
    put_in_place(pack(site, archive), archive)
    with zipfile.ZipFile(archive) as packed:
        assert packed.read("site-offline/index.html") == "ny forside".encode()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "site-offline.zip"]


def test_a_discarded_zip_leaves_the_old_one_and_nothing_else(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    archive = archive_beside(site)
    put_in_place(pack(site, archive), archive)
    before = archive.read_bytes()
    (site / "index.html").write_text("ny forside", encoding="utf-8")
    discard(pack(site, archive))
    assert archive.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "site-offline.zip"]


def test_a_killed_runs_staging_folder_is_removed_by_the_next(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    archive = archive_beside(site)
    left = pack(site, archive)  # as if the process were killed before putting it in place
    os.rename(left.parent, left.parent.with_name(f".site-offline.zip-katalog-ny-{2 ** 22 + 1}-abc"))
    put_in_place(pack(site, archive), archive)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "site-offline.zip"]


def someone_elses_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as other:
        other.writestr("rapport.txt", "vigtig")


def a_folder(path: Path) -> None:
    path.mkdir()
    (path / "rapport.txt").write_text("vigtig")


def a_symlink_to_our_zip(path: Path) -> None:
    site = a_site(path.parent / "andet")
    ours = archive_beside(site)
    put_in_place(pack(site, ours), ours)
    path.symlink_to(ours)


NOT_OURS: dict[str, tuple[Callable[[Path], None], str]] = {
    "a text file": (lambda path: path.write_text("vigtig"), "ikke en zip-fil, som 'katalog build --offline' har skrevet"),
    "someone else's zip": (someone_elses_zip, "ikke en zip-fil, som 'katalog build --offline' har skrevet"),
    "a folder": (a_folder, "er en mappe"),
    "a symlink to our zip": (a_symlink_to_our_zip, "symbolsk link"),
}


@pytest.mark.parametrize("name", NOT_OURS)
def test_build_offline_refuses_to_overwrite_what_it_did_not_write_and_changes_nothing(
        project, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "udgivet"
    folder.mkdir()
    make, reason = NOT_OURS[name]
    make(folder / "site-offline.zip")
    before = sorted(str(path) for path in folder.rglob("*"))
    assert main(["-f", str(project.config_file), "build", "--offline", "-d", str(folder / "site")]) == 1
    error = capsys.readouterr().err
    assert "Sitet blev ikke bygget, og intet er ændret" in error
    assert f"{folder / 'site-offline.zip'}: " in error and reason in error and "Gør sådan: flyt eller omdøb" in error
    assert sorted(str(path) for path in folder.rglob("*")) == before
    assert "Traceback" not in error


def test_build_offline_replaces_its_own_zip_and_a_normal_build_leaves_it(project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["-f", str(project.config_file), "build", "--offline", "-d", str(site)]) == 0
    archive = tmp_path / "site-offline.zip"
    first = archive.read_bytes()
    assert "site-offline/principper/relation.html" in packed_names(archive)
    project.edit("principles/relation.yml", "title: ", "title: Ny ")
    assert main(["-f", str(project.config_file), "build", "--offline", "-d", str(site)]) == 0
    assert archive.read_bytes() != first
    second = archive.read_bytes()
    assert main(["-f", str(project.config_file), "build", "-d", str(site)]) == 0
    assert archive.read_bytes() == second
    assert (site / "principper" / "relation" / "index.html").is_file()
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []
