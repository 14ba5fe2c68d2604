"""The site folder is swapped in one step, and what killed builds leave behind is removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from generator import publish
from generator.cli import main
from generator.publish import MARKER, exchange, remove_leftovers, swap_into_place

ROOT = Path(__file__).resolve().parent.parent


def marked_site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text)
    (folder / MARKER).write_text("bygget af katalog")
    return folder


def beside(site: Path) -> list[str]:
    """Staging or retired folders next to the site, by any name a build gave them."""
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(f".{site.name}-"))


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    old = marked_site(tmp_path / "site", "gammel")
    new = marked_site(tmp_path / "ny", "ny")
    assert exchange(new, old)
    assert (old / "index.html").read_text() == "ny"
    assert (new / "index.html").read_text() == "gammel"


@pytest.mark.parametrize("exchange_works", [True, False], ids=["renameat2", "fallback"])
def test_swap_replaces_the_site_and_removes_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        exchange_works: bool) -> None:
    if not exchange_works:
        monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    site = marked_site(tmp_path / "site", "gammel")
    staging = marked_site(tmp_path / ".site-katalog-ny-1-abc", "ny")
    swap_into_place(staging, site)
    assert (site / "index.html").read_text() == "ny"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_leftovers_removed_are_only_ours_and_abandoned(tmp_path: Path) -> None:
    gone = 2 ** 22 + 1  # above Linux's largest process id, so no process has it (a just-ended child's may be reused)
    site = marked_site(tmp_path / "site", "nuværende")
    abandoned = marked_site(tmp_path / f".site-katalog-ny-{gone}-x1", "halv")
    (abandoned / MARKER).write_text(publish.MARKER_TEXT + publish.boot_line())
    planted = marked_site(tmp_path / f".site-katalog-ny-{gone}-x6", "lagt ind af en bidragyder")
    (planted / MARKER).write_text(publish.MARKER_TEXT + "boot: 00000000-0000-0000-0000-000000000000\n")
    (tmp_path / f".site-katalog-gammel-{gone}-x2").mkdir()
    unmarked = tmp_path / f".site-katalog-ny-{gone}-x3"
    unmarked.mkdir()
    (unmarked / "noget.txt").write_text("ikke vores")
    running = marked_site(tmp_path / f".site-katalog-ny-{os.getppid()}-x4", "i gang")
    other_site = marked_site(tmp_path / f".andet-katalog-ny-{gone}-x5", "et andet site")
    removed = remove_leftovers(site)
    assert sorted(path.name for path in removed) == sorted([abandoned.name, f".site-katalog-gammel-{gone}-x2"])
    assert unmarked.is_dir() and running.is_dir() and other_site.is_dir() and planted.is_dir()
    assert (site / "index.html").read_text() == "nuværende"


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from generator import sitebuild
    from generator.cli import main

    def {name}(*arguments):
        print("{word}", flush=True)
        time.sleep(600)
    {patch}
    main(sys.argv[1:])
""")

WHERE = {
    "before the swap": ("swap_into_place", "sitebuild.swap_into_place = swap_into_place"),
    "after the swap": ("remove_site", "import generator.publish; generator.publish.remove_site = remove_site"),
}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("moment", WHERE)
def test_a_killed_build_leaves_a_whole_site_and_the_next_build_tidies_up(
        project, tmp_path: Path, moment: str, sig: signal.Signals) -> None:
    site = tmp_path / "site"
    assert main(["-f", str(project.config_file), "build", "-d", str(site)]) == 0
    (site / "kendetegn.txt").write_text("forrige build")
    name, patch = WHERE[moment]
    script = KILLED_BUILD.format(name=name, word="stop-her", patch=patch)
    with subprocess.Popen([sys.executable, "-c", script, "-f", str(project.config_file), "build", "-d", str(site)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as build:
        watchdog = threading.Timer(120, build.kill)
        watchdog.start()
        try:
            assert any("stop-her" in line for line in iter(build.stdout.readline, "")), "the build never got there"
        finally:
            watchdog.cancel()
            build.send_signal(sig)
            build.wait(timeout=60)
    assert (site / "index.html").is_file()
    assert (site / MARKER).is_file()
    assert ((site / "kendetegn.txt").is_file()) == (moment == "before the swap")
    assert beside(site), "the killed build left nothing to clean up"
    assert main(["-f", str(project.config_file), "build", "-d", str(site)]) == 0
    assert beside(site) == []
    assert not (site / "kendetegn.txt").exists()
