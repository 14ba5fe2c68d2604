"""The offline copy (`katalog build --offline`): a site that works opened from the disk (file://).

It is built as Material's offline plugin builds one: without directory URLs (a browser opens no
index.html for a folder on the disk), with the search index also as a script,
`search/search_index.js` (a page on file:// may not fetch a file, but may load a script), and
with the iframe-worker shim, which runs the search worker in a hidden iframe (no browser starts
a Worker from file://). Material's plugin loads that shim from a CDN; here it is vendored in
`assets/javascripts/vendor/` and served from the site.

Material's bundle also names two CDN scripts it loads only when needed (Mermaid, for a diagram; a
ResizeObserver polyfill, for an old browser). In the copy those addresses are emptied, so such a
load fails at once instead of asking another host, and Material's source maps, which quote them
and only serve a developer's tools, are left out. Anything else that would load from another host
is found by `foreign.py` and stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_theme_dir

from .search.client import INDEX_PATH

VENDOR = "javascripts/vendor/"
"""Scripts of others that the catalogue serves itself, beside its own (relative to the assets folder)."""
SHIM = f"{VENDOR}iframe-worker-shim.js"
SHIM_NAME = "iframe-worker"
"""How Material's offline plugin recognises a shim already in `extra.polyfills`: by this in its address."""
INDEX_SCRIPT = INDEX_PATH.with_suffix(".js")
INDEX_VARIABLE = "var __index = "
"""What Material's bundle reads the index from on file:// (as its offline plugin writes it)."""

CDN_HOSTS = ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com", "fonts.gstatic.com")
"""Hosts that only serve files for a page to load: no offline copy may name them (see foreign.py)."""
CDN_LITERAL = re.compile(r"""(["'`])(?:https?:)?//(?:%s)/[^"'`\s]*\1""" % "|".join(map(re.escape, CDN_HOSTS)),
                         re.IGNORECASE)
"""A CDN address written as a string in a script."""
SOURCE_MAP_COMMENT = re.compile(r"^//# sourceMappingURL=\S*[ \t]*$", re.MULTILINE)


def offline_polyfills(polyfills: Iterable[object]) -> list[object]:
    """`extra.polyfills` with the vendored shim in place of any other iframe-worker shim (Material's
    offline plugin adds one from a CDN); safe to apply twice."""
    return [entry for entry in polyfills if SHIM_NAME not in str(entry)] + [SHIM]


def local_script(text: str) -> str:
    """A theme script with every CDN address emptied (a script element with an empty address fails
    without a request) and without the name of its source map, which the copy leaves out."""
    return SOURCE_MAP_COMMENT.sub("", CDN_LITERAL.sub(r"\1\1", text))


def offline_files(files: Files, config: MkDocsConfig) -> None:
    """Make Material's own scripts local and leave out its source maps, in place. Only the theme's
    files are changed: anything a project adds that loads from elsewhere is reported instead."""
    theme = Path(get_theme_dir("material"))
    for file in list(files):
        if file.src_dir is None or Path(file.src_dir) != theme:
            continue
        if file.src_uri.endswith(".map"):
            files.remove(file)
        elif file.src_uri.endswith(".js") and (local := local_script(text := file.content_string)) != text:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=local))


def without_vendored(files: Files, assets: Path) -> None:
    """Leave the vendored scripts in `assets` out of a site that is not an offline copy: nothing there
    loads them."""
    for file in [file for file in files if file.src_dir == str(assets) and file.src_uri.startswith(VENDOR)]:
        files.remove(file)


def write_index_script(site_dir: Path) -> bool:
    """Write the search index as the script the bundle loads on file://; False when the site has no
    index (the search plugin is off). Run after the index is tuned, so the script holds the tuned one."""
    index = site_dir / INDEX_PATH
    if not index.is_file():
        return False
    (site_dir / INDEX_SCRIPT).write_text(INDEX_VARIABLE + index.read_text(encoding="utf-8"), encoding="utf-8")
    return True
