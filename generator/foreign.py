"""What a built site would load from another host, found in its files.

The offline copy is for machines that may not reach the internet and must ask no other host for
anything, so `katalog build --offline` stops when one of its files would make the browser fetch an
http(s) address by itself: an element that loads its `src` (or a stylesheet's, icon's or
preload's `href`), a `url()` or `@import` in CSS, or `importScripts`, `fetch`, a worker or a
script's `.src` in JavaScript, in a file or inline in a page. Links to other sites, as a source's
address, are fine: a reader follows them or not. Any address on a CDN host is refused wherever it
stands (see offline.CDN_HOSTS), as nothing there is meant to be read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .offline import CDN_HOSTS
from .problems import Problem

LOADED_BY: dict[str, tuple[str, ...]] = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"),
    "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "link": ("href",),
}
"""The elements that make the browser fetch an attribute's address by itself."""
NOT_LOADED = frozenset({"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me",
                        "external", "nofollow", "noopener", "noreferrer", "tag"})
"""`<link rel>` values that only tell where something is: such a link is not fetched."""
REMOTE = r"(?:https?:)?//[^\s\"'`()<>]+"
REMOTE_ADDRESS = re.compile(rf"\s*({REMOTE})", re.IGNORECASE)
QUOTED_REMOTE = re.compile(rf"[\"'`]({REMOTE})", re.IGNORECASE)
FETCHES_WHAT_FOLLOWS = re.compile(r"""(?:\b(?:importScripts|fetch|Worker|SharedWorker|EventSource|WebSocket|sendBeacon|import)
                                     \s*\(             # a call that fetches its argument
                                   | \.src\s*=          # an element's address, set by a script
                                   | \b(?:import|from)   # a module's static import
                                   )\s*$""", re.VERBOSE)
"""What, just before a quoted address in a script, makes the browser fetch it."""
LOOK_BACK = 40
CSS_LOADS = re.compile(rf"""(?:url\(\s*["']?|@import\s+["'])\s*({REMOTE})""", re.IGNORECASE)
CDN_ADDRESS = re.compile(r"(?:https?:)?//(?:%s)(?:[/:][^\s\"'`()<>]*)?" % "|".join(map(re.escape, CDN_HOSTS)),
                         re.IGNORECASE)
ELEMENT = re.compile(r"""<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
INLINE = re.compile(r"""<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>(.*?)</\1\s*>""", re.IGNORECASE | re.DOTALL)
"""A page's elements, their attributes, and its inline scripts and styles. Regular expressions, not an
HTML parser: Python's costs a second a megabyte, and these read what MkDocs and Material write."""
TEXT_SUFFIXES = frozenset({".html", ".htm", ".js", ".mjs", ".css", ".json", ".xml", ".svg", ".txt", ".map",
                           ".webmanifest"})
"""Files read for addresses; the rest (images, fonts, PDF) are not."""

HINT = ("læg filen i sitet selv (i docs_dir), og henvis til den dér, eller fjern det, der henter den. Kommer "
        "adressen fra mkdocs.yml ('extra_css', 'extra_javascript', 'extra'), fra en skabelon i 'custom_dir' "
        "eller fra en fil i docs_dir, så ret den dér, og byg igen. Er det en skrifttype fra Google Fonts, så "
        "sæt 'font: false' under 'theme' i mkdocs.yml.")


@dataclass(frozen=True)
class Load:
    """One address a file would make the browser fetch, and what fetches it."""

    address: str
    by: str


def attributes(text: str) -> dict[str, str]:
    """An element's attributes, by lower-case name, with character references resolved."""
    return {match[1].lower(): html.unescape(match[2] or match[3] or match[4] or "") for match in ATTRIBUTE.finditer(text)}


def page_loads(text: str) -> list[Load]:
    """What a page's elements fetch (see LOADED_BY and NOT_LOADED), and its inline scripts and styles."""
    loads: list[Load] = []
    for element in ELEMENT.finditer(text):
        tag = element[1].lower()
        if tag not in LOADED_BY and "style" not in element[2].lower():
            continue
        values = attributes(element[2])
        if tag in LOADED_BY and (tag != "link" or set(values.get("rel", "").lower().split()) - NOT_LOADED):
            for attribute in LOADED_BY[tag]:
                value = values.get(attribute, "")
                for candidate in value.split(",") if attribute.endswith("srcset") else [value]:
                    if match := REMOTE_ADDRESS.match(candidate):
                        loads.append(Load(match[1], f"<{tag} {attribute}>"))
        loads += css_loads(values.get("style", ""))
    for inline in INLINE.finditer(text):
        loads += script_loads(inline[2]) if inline[1].lower() == "script" else css_loads(inline[2])
    return loads


def css_loads(text: str) -> list[Load]:
    return [Load(match[1], "url() eller @import i CSS") for match in CSS_LOADS.finditer(text)]


def script_loads(text: str) -> list[Load]:
    """Quoted addresses a script fetches: found first, as they are few, then what stands before each."""
    return [Load(match[1], "et script") for match in QUOTED_REMOTE.finditer(text)
            if FETCHES_WHAT_FOLLOWS.search(text, max(0, match.start() - LOOK_BACK), match.start())]


def file_loads(path: Path, text: str) -> list[Load]:
    """What `path` would load, by its kind, and every other CDN address in it, whatever its kind; each
    address once."""
    loads: list[Load] = []
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        loads = page_loads(text)
    elif suffix in (".js", ".mjs"):
        loads = script_loads(text)
    elif suffix == ".css":
        loads = css_loads(text)
    if any(host in text.lower() for host in CDN_HOSTS):
        loads += [Load(match[0], "en adresse på et CDN") for match in CDN_ADDRESS.finditer(text)]
    unique: dict[str, Load] = {}
    for load in loads:
        unique.setdefault(load.address, load)
    return list(unique.values())


def text_files(site_dir: Path) -> Iterator[Path]:
    for path in sorted(site_dir.rglob("*")):
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
            yield path


def foreign_loads(site_dir: Path, shown_as: Path) -> list[Problem]:
    """One problem per address that a file in `site_dir` would fetch from another host, naming the
    first file (as it will be in `shown_as`, the site's folder) and how many files fetch it."""
    found: dict[str, tuple[Path, Load, int]] = {}
    for path in text_files(site_dir):
        for load in file_loads(path, path.read_text(encoding="utf-8", errors="replace")):
            first, first_load, count = found.get(load.address, (path, load, 0))
            found[load.address] = (first, first_load, count + 1)
    return [Problem(shown_as / first.relative_to(site_dir),
                    f"Kopien til brug uden net ville hente {load.address} fra en anden vært ({load.by})"
                    + (f"; det gør {count} filer." if count > 1 else "."), HINT)
            for first, load, count in found.values()]
