"""The offline copy's zip: `<site>-offline.zip` beside the site's folder, whole or not at all.

`katalog build --offline` packs the site it built (all but publish.py's marker) under one folder
named like the zip, so unpacking `site-offline.zip` gives `site-offline/index.html`. Like the site
folder, the zip replaces only what `katalog` made: an absent file, or a zip whose archive comment
says `katalog build --offline` wrote it; never someone's file of the same name. It is written in a
marked staging folder beside it (publish.py's, so a killed run's is removed by the next one) and
renamed over the old zip in one step, so nobody ever meets half a zip.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .problems import Problem
from .publish import MARKER, new_staging, remove_leftovers, remove_site

SUFFIX = "-offline.zip"
COMMENT = b"Helhedskataloget: kopi til brug uden net, skrevet af 'katalog build --offline'.\n"
"""The zip's archive comment, which marks it as ours to replace."""
HINT = ("flyt eller omdøb filen, hvis den skal gemmes, eller byg sitet i en anden mappe med -d (zip-filen "
        "lægges ved siden af mappen).")


def archive_beside(site: Path) -> Path:
    """Where the offline copy of the site in `site` is packed: `site-offline.zip` beside `site/`."""
    site = Path(os.path.abspath(site))
    return site.with_name(site.name + SUFFIX)


def is_our_archive(path: Path) -> bool:
    """A zip `katalog build --offline` wrote: a regular file whose archive comment says so."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def archive_refusal(path: Path) -> Problem | None:
    """Why the offline copy must not be packed into `path`, or None when it may."""
    if path.is_symlink():
        return Problem(path, "Stien til zip-filen er et symbolsk link; katalog erstatter kun sine egne filer.", HINT)
    if path.is_dir():
        return Problem(path, "Stien til zip-filen er en mappe; katalog sletter den ikke.", HINT)
    if path.exists() and not is_our_archive(path):
        return Problem(path, "Filen findes og er ikke en zip-fil, som 'katalog build --offline' har skrevet, så "
                             "katalog overskriver den ikke.", HINT)
    return None


def pack(site: Path, archive: Path) -> Path:
    """Zip the site in `site` in a staging folder beside `archive`; the packed file, not yet in place.

    Each file goes under a folder named like the zip; publish.py's marker stays out, so a folder
    unpacked from the zip is never taken for one `katalog build` may replace.
    """
    remove_leftovers(archive)
    staging = new_staging(archive)
    packed = staging / archive.name
    try:
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as writer:
            writer.comment = COMMENT
            for path in sorted(site.rglob("*")):
                if path.is_file() and not path.is_symlink() and path != site / MARKER:
                    writer.write(path, f"{archive.stem}/{path.relative_to(site).as_posix()}")
    except BaseException:
        remove_site(staging)
        raise
    return packed


def put_in_place(packed: Path, archive: Path) -> None:
    """Replace `archive` by the packed zip in one step, and remove its staging folder."""
    os.replace(packed, archive)
    remove_site(packed.parent)


def discard(packed: Path) -> None:
    """Remove a packed zip that is not to be put in place, with its staging folder."""
    remove_site(packed.parent)
