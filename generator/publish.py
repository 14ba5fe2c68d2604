"""The site folder: which folders `katalog` may replace, and how it replaces one safely.

A site folder that `katalog` built carries a marker file. Only an absent folder, an empty one
or a marked one is ever replaced, so a mistyped `-d` cannot delete the project, its records,
`.git` or someone's home folder.

The new site is built into a staging folder next to the target and then swapped in. On Linux
the swap is `renameat2(RENAME_EXCHANGE)`: one system call that exchanges the two folders, so a
web server (or a reader) sees either the whole old site or the whole new one, never nothing,
and `site/` stays a real folder (a symlink switch would work too, but it changes what deployers
copy and upload, and some hosts refuse symlinks). Where the exchange is not available the swap
falls back to two renames; a kill between them leaves the old site in a marked folder beside
the target. Staging and retired folders carry the marker and our name pattern, and the next run
removes those whose process is gone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

MARKER = ".katalog-site"
MARKER_TEXT = "Denne mappe er bygget af 'katalog build' og erstattes helt ved næste build.\n"
LEFTOVER = re.compile(r"\.(?P<name>.+)-katalog-(?:ny|gammel)-(?P<pid>\d+)-[A-Za-z0-9_]+")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Guarded:
    """Folders a site must never replace: the project and its inputs, and where the user stands.

    Each folder comes with the words that name it in a message. An input folder may hold
    nothing else; the others may hold a site folder, but not be one.
    """

    inputs: tuple[tuple[str, Path], ...]
    enclosing: tuple[tuple[str, Path], ...]

    @classmethod
    def around(cls, project_root: Path, inputs: list[Path], files: list[tuple[str, Path]]) -> Guarded:
        """`files` are input files, each with the words for its folder: a folder that holds one may hold
        a site folder too (a bibliography beside mkdocs.yml), but not be one."""
        enclosing = [("projektets mappe", project_root), *((label, path.parent) for label, path in files),
                     ("den mappe, du står i", Path.cwd()), ("din hjemmemappe", Path(os.path.expanduser("~"))),
                     ("filsystemets rod", Path("/"))]
        return cls(tuple(("input-mappen", path.resolve()) for path in inputs),
                   tuple((label, path.resolve()) for label, path in enclosing))


def is_ours(folder: Path) -> bool:
    """A folder `katalog` built: it holds our marker as a regular file."""
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def refusal(target: Path, guarded: Guarded) -> Problem | None:
    """Why `target` must not be replaced by a built site, or None when it may be."""
    absolute = Path(os.path.abspath(target))
    hint = "vælg en ny eller tom mappe, fx 'site', med -d eller 'site_dir' i mkdocs.yml."
    if absolute.is_symlink():
        return Problem(target, "Mappen til sitet er et symbolsk link; katalog erstatter kun rigtige mapper.", hint)
    resolved = absolute.resolve()
    if ".git" in resolved.parts:
        return Problem(target, "Mappen til sitet ligger i Git-mappen '.git', som sitet ville ødelægge.", hint)
    for label, folder in guarded.enclosing:
        if folder.is_relative_to(resolved):
            return Problem(target, f"Mappen til sitet er eller rummer {label} ({folder}), "
                                   "som ville blive slettet.", hint)
    for label, folder in guarded.inputs:
        if resolved.is_relative_to(folder) or folder.is_relative_to(resolved):
            return Problem(target, f"Mappen til sitet er, ligger i eller rummer {label} {folder}, "
                                   "hvis indhold ville blive slettet.", hint)
    if resolved.exists() and not resolved.is_dir():
        return Problem(target, "Stien til sitet er en fil, ikke en mappe; katalog sletter den ikke.", hint)
    if resolved.is_dir() and any(resolved.iterdir()) and not is_ours(resolved):
        return Problem(target, f"Mappen til sitet er ikke tom og er ikke bygget af katalog (den mangler filen "
                               f"{MARKER}), så katalog sletter den ikke.",
                       "vælg en ny eller tom mappe, eller flyt selv indholdet væk, hvis det skal væk.")
    return None


BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def boot_line() -> str | None:
    """This boot's random id (Linux), which no file in a pull request can know in advance."""
    try:
        return f"boot: {BOOT_ID.read_text(encoding='ascii').strip()}\n"
    except OSError:
        return None


def new_staging(target: Path) -> Path:
    """A marked folder beside `target` to build into; marked at once so a killed build is ours to remove.

    The marker also names this boot, so that a folder a contributor committed under a staging
    name, marker and all, is never taken for one of ours.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-katalog-ny-{os.getpid()}-", dir=target.parent))
    (staging / MARKER).write_text(MARKER_TEXT + (boot_line() or ""), encoding="utf-8")
    return staging


def made_this_boot(folder: Path) -> bool:
    """A staging folder of ours: its marker names the current boot."""
    line = boot_line()
    try:
        return line is not None and is_ours(folder) and line in (folder / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's renameat2; False where the system cannot."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` so that a reader never sees a half-written or missing site."""
    staging.chmod(0o755)
    if not target.exists():
        staging.rename(target)
    elif exchange(staging, target):
        remove_site(staging)
    else:
        retired = target.with_name(staging.name.replace("-katalog-ny-", "-katalog-gammel-"))
        target.rename(retired)
        staging.rename(target)
        remove_site(retired)


def remove_site(folder: Path) -> None:
    """Delete a folder of ours, the marker last, so a kill midway still leaves it recognisably ours."""
    for entry in folder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def remove_leftovers(target: Path) -> list[Path]:
    """Remove staging and retired folders that earlier, killed runs of this boot left beside `target`.

    One left before a restart stays (its marker names another boot) until removed by hand.
    """
    removed = []
    if not target.parent.is_dir():
        return removed
    for entry in target.parent.iterdir():
        match = LEFTOVER.fullmatch(entry.name)
        if (match and match["name"] == target.name and entry.is_dir() and not entry.is_symlink()
                and not _running(int(match["pid"])) and (made_this_boot(entry) or not any(entry.iterdir()))):
            remove_site(entry)
            removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    """Whether the process that made a leftover may still be building into it."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
