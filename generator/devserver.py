"""`katalog serve`: a preview that builds exactly like `katalog build` and shows what broke.

MkDocs' own `serve` builds non-strict, prints in English, and when a rebuild fails it leaves
every browser waiting. Here each rebuild is the strict build of `katalog build`, into a staging
folder swapped in only on success, so the last good site stays served. The problems of a failed
rebuild are printed and also shown at the top of every page (or as the whole page, before the
first good build), and vanish with the next good rebuild: the live-reload script MkDocs injects
reloads the browser after every rebuild, good or bad.

When only cases were edited, their pages are built again on their own first, then the pages that list
them (plugin `pages_shown_first`); each batch is written into the served site and shown, and the whole
site is rebuilt behind them. Should that full build fail, the pages shown first are put back as they
were, so the site served is again the last good one.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _timestamp

from .buildlog import kept_warnings
from .plugin import KatalogPlugin
from .problems import CatalogueError, Problem, count_phrase, warning_phrase, warning_report
from .sitebuild import build_site, katalog_plugin, load_mkdocs_config

Snapshot = dict[str, tuple[int, int]]

BODY_START = re.compile(rb"<body[^>]*>")
PANEL_STYLE = ("margin:0;padding:1rem 1.5rem;background:#7a0c0c;color:#fff;font:16px/1.5 system-ui,sans-serif;"
               "position:relative;z-index:10")


@dataclass
class ShownFirst:
    """What a preview showed of an edit before its full rebuild."""

    replaced: dict[Path, bytes | None] = field(default_factory=dict)
    """What each file written held before (None: no file), to put back should the full build fail."""
    after: list[float] = field(default_factory=list)
    """Seconds from the edit to each batch shown: the cases' own pages, then the pages that list them."""

    def told(self) -> str:
        listing = f" og siderne, der viser det, efter {seconds(self.after[1])} s" if len(self.after) > 1 else ""
        return f"Eksemplets side er vist efter {seconds(self.after[0])} s{listing}"


class Preview:
    """Builds the site into the served folder on demand and remembers the last build's problems."""

    def __init__(self, config_file: Path, root: Path, address: str, site_url: str | None, url: str) -> None:
        self.config_file = config_file
        self.root = root
        self.address = address
        self.site_url = site_url
        self.url = url
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.watched: list[Path] = []
        self._snapshot: Snapshot = {}
        self._plugin: KatalogPlugin | None = None
        """The last good build's plugin, which can build a case's page again on its own."""
        self.show: Callable[[], None] = lambda: None
        """Shows browsers what the site folder holds now, before the rebuild is over (the server sets it)."""

    def rebuild(self) -> None:
        """Build once and print one line (and the warnings, when they changed); never raises, or MkDocs'
        server would stall every browser. Edited cases' pages are shown first when they can be."""
        started = time.monotonic()
        changed = self.changed_files()
        what = f"Ændret: {briefly(changed)}. " if changed else ""
        warned_before = self.warnings
        shown = self.show_first(changed, started) if changed else ShownFirst()
        if shown.after:
            print(f"[{time.strftime('%H:%M:%S')}] {what}{shown.told()}; resten af sitet bygges nu.", flush=True)
            what = ""
        problems = self.build()
        if problems:
            put_back(shown.replaced)
        self.problems = problems
        elapsed = since(started)
        if self.problems:
            count = len(self.problems)
            print(f"[{time.strftime('%H:%M:%S')}] {what}Bygningen fejlede efter {elapsed} s med "
                  f"{count_phrase(count)}; den seneste gode version vises "
                  f"stadig, med problemerne øverst på siden.\n{CatalogueError(self.problems).report()}", flush=True)
        else:
            print(f"[{time.strftime('%H:%M:%S')}] {what}Bygget på {elapsed} s.", flush=True)
        if self.warnings and self.warnings != warned_before:
            print(warning_report(self.warnings), flush=True)
        elif self.warnings:
            print(f"    ({warning_phrase(len(self.warnings))} som før; de stopper ikke bygningen.)", flush=True)

    def build(self) -> list[Problem]:
        """One strict build, the same as `katalog build`, with the local address as site_url."""
        self._plugin = None
        try:
            config = load_mkdocs_config(self.config_file, strict=True, dev_addr=self.address, site_url=self.site_url)
            plugin = katalog_plugin(config)
        except CatalogueError as error:
            self.warnings = []
            return error.problems
        config.site_url = self.url
        plugin.keep_records()
        built = build_site(config, self.root)
        self.warnings = built.warnings
        if not built.problems:
            self._plugin = plugin
        return built.problems

    def show_first(self, changed: list[Path], started: float) -> ShownFirst:
        """Write the pages an edit of case files changes, built on their own (the cases' own pages, then the
        pages that list them), into the served site, and show each batch to the browsers, when the last build
        was good and nothing but cases changed. A batch MkDocs warns about is not written: the full build
        tells why. `started`: when the edit was seen, for the seconds told."""
        shown = ShownFirst()
        if self._plugin is None:
            return shown
        try:
            with kept_warnings(self.config_file) as warnings:
                for pages in self._plugin.pages_shown_first(changed, self.root):
                    if warnings.problems():
                        break
                    for target, content in write_batch(self.root, pages).items():
                        shown.replaced.setdefault(target, content)  # what it held before the first batch
                    self.show()
                    shown.after.append(time.monotonic() - started)
        except Exception:  # the full build comes next and tells what went wrong; what was shown stays
            pass
        return shown

    def changed_files(self) -> list[Path]:
        """The watched files that changed since the last build (none on the first)."""
        before, self._snapshot = self._snapshot, snapshot(self.watched)
        if not before:
            return []
        return [Path(path) for path in sorted(before.keys() | self._snapshot.keys())
                if before.get(path) != self._snapshot.get(path)]


def briefly(paths: list[Path]) -> str:
    """Changed files for the rebuild line: the first three, and how many more."""
    shown = [os.path.relpath(path) for path in paths[:3]]
    return ", ".join(shown) + (f" og {len(paths) - 3} flere" if len(paths) > 3 else "")


def since(started: float) -> str:
    """Seconds since `started`, with a decimal comma."""
    return seconds(time.monotonic() - started)


def seconds(elapsed: float) -> str:
    """`elapsed` seconds with one decimal and a decimal comma."""
    return f"{elapsed:.1f}".replace(".", ",")


def write_atomically(target: Path, content: bytes) -> None:
    """Replace `target` in one step, so the server never sends half a page."""
    temporary = target.with_name(f".{target.name}.katalog-tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_batch(root: Path, pages: dict[str, str]) -> dict[Path, bytes | None]:
    """Write `pages` (path in the site → HTML) into the site at `root`, all of them or, should one fail, none;
    what each file held before (None: no file), to put back."""
    replaced: dict[Path, bytes | None] = {}
    try:
        for dest_uri, output in pages.items():
            target = root / dest_uri
            replaced[target] = target.read_bytes() if target.is_file() else None
            write_atomically(target, output.encode("utf-8", errors="xmlcharrefreplace"))
    except BaseException:
        put_back(replaced)
        raise
    return replaced


def put_back(replaced: dict[Path, bytes | None]) -> None:
    """The files `show_first` wrote, as they were before."""
    for target, content in replaced.items():
        if content is None:
            target.unlink(missing_ok=True)
        else:
            write_atomically(target, content)


def snapshot(paths: list[Path]) -> Snapshot:
    """Modification time and size of every file under `paths`, without following links."""
    found: Snapshot = {}
    for path in paths:
        for folder, _, names in os.walk(path) if path.is_dir() else [(str(path.parent), [], [path.name])]:
            for name in names:
                try:
                    status = os.lstat(os.path.join(folder, name))
                except OSError:
                    continue
                found[os.path.join(folder, name)] = (status.st_mtime_ns, status.st_size)
    return found


def problems_panel(problems: list[Problem]) -> str:
    """The problems as an HTML panel; every text is escaped, since it quotes contributors' input."""
    count = len(problems)
    items = "".join(
        f"<li style='margin:.5rem 0'><code style='color:#fff'>{html.escape(str(p.path))}"
        f"{':' + str(p.line) if p.line else ''}</code>: {html.escape(p.message)}<br>"
        f"Gør sådan: {html.escape(p.hint)}</li>" for p in problems)
    return (f"<section id='katalog-problemer' role='alert' style='{PANEL_STYLE}'>"
            f"<h2 style='margin:0;color:#fff'>Kataloget har {count_phrase(count)}"
            f"</h2><p style='margin:.25rem 0'>Siden viser den seneste gode version. Ret problemerne, så "
            f"bygges og genindlæses siden af sig selv.</p><ul>{items}</ul></section>")


def problems_page(problems: list[Problem]) -> bytes:
    """A whole page of problems, for when no build has succeeded yet."""
    return ("<!doctype html><html lang='da'><head><meta charset='utf-8'><title>Kataloget har problemer</title>"
            f"</head><body style='margin:0'>{problems_panel(problems)}</body></html>").encode()


class KatalogServer(LiveReloadServer):
    """MkDocs' live-reload server, with the preview's problems on every page it serves."""

    def __init__(self, preview: Preview, host: str, port: int, mount_path: str) -> None:
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(preview.root),
                         mount_path=mount_path)
        self.preview = preview
        preview.show = self.show_now
        self.error_handler = self.error_page
        self.serve_thread.daemon = True  # nothing left half-done can keep the process alive

    def rebuild(self) -> None:
        """The preview's rebuild. Should it have shown pages early (`show_now`), the finished site is a
        newer version still, so that browsers reload again once MkDocs' server publishes it."""
        shown_before = self._visible_epoch
        self.preview.rebuild()
        if self._visible_epoch != shown_before:
            self._wanted_epoch = self._newer_epoch()

    def _newer_epoch(self) -> int:
        """A version of the site newer than the one browsers were last told of: each reload needs one."""
        return max(_timestamp(), self._visible_epoch + 1)

    def show_now(self) -> None:
        """Reload the browsers now, in the middle of a rebuild, and serve the site folder meanwhile (MkDocs'
        server holds requests back while a rebuild runs; the preview's site folder is whole but for the
        moment of the swap where Linux's one-step exchange is missing (publish.py), when a request may meet
        a 404 page, which the reload after the rebuild replaces)."""
        with self._epoch_cond:
            self._wanted_epoch = self._newer_epoch()
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Tell the address once it is ready: the socket listens and the watcher has taken its first look."""
        print(f"Forhåndsvisningen kører på {self.url} (stop med Ctrl+C).", flush=True)
        super().serve_forever(poll_interval)

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Watch as MkDocs does, and tell the preview, which names the changed files."""
        super().watch(path, func, recursive=recursive)
        self.preview.watched.append(Path(path))

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """MkDocs' own hook for every HTML page served (mkdocs is pinned below 2)."""
        content = super()._inject_js_into_html(content, epoch)
        problems = self.preview.problems
        if not problems:
            return content
        panel = problems_panel(problems).encode()
        match = BODY_START.search(content)
        end = match.end() if match else 0
        return content[:end] + panel + content[end:]

    def error_page(self, code: int) -> bytes | None:
        """The problems page while there is no good site; else the site's own 404 page."""
        page = self.preview.root / f"{code}.html"
        if self.preview.problems and not (self.preview.root / "index.html").is_file():
            return self._inject_js_into_html(problems_page(self.preview.problems), self._visible_epoch)
        if page.is_file():
            return self._inject_js_into_html(page.read_bytes(), self._visible_epoch)
        return None


def serve_catalogue(config_file: Path, address: str, site_url: str | None) -> int:
    """Serve the catalogue until Ctrl+C (or SIGTERM), rebuilding on every change."""
    try:
        config = load_mkdocs_config(config_file, strict=True, dev_addr=address, site_url=site_url)
    except CatalogueError as error:
        print(error.report(), file=sys.stderr)
        return 1
    root = Path(tempfile.mkdtemp(prefix="katalog-serve-"))
    host, port = config.dev_addr
    mount_path = ("/" + urlsplit(config.site_url or "/").path.lstrip("/")).rstrip("/") + "/"
    preview = Preview(config_file, root, address, site_url, f"http://{host}:{port}{mount_path}")
    server = KatalogServer(preview, host, port, mount_path)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    quiet_request_log()
    try:
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        server = config.plugins.on_serve(server, config=config, builder=preview.rebuild)
        for item in config.watch:
            server.watch(item)
        preview.rebuild()
        server.serve()
    except KeyboardInterrupt:
        print("Forhåndsvisningen er stoppet.", flush=True)
    except OSError as error:
        print(f"Forhåndsvisningen kunne ikke starte på {address}: {error.strerror}.\n"
              "    Gør sådan: vælg en anden port, fx katalog serve -a 127.0.0.1:8001.", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    return 0


def quiet_request_log() -> None:
    """Keep the server's request log out of the build's strict warning count, and off the screen."""
    request_log = logging.getLogger("mkdocs.livereload")
    request_log.propagate = False
    request_log.addHandler(logging.StreamHandler())
    request_log.setLevel(logging.ERROR)


def _interrupt(signum: int, frame: object) -> None:
    """Stop on SIGTERM as on Ctrl+C, once: a second signal must not cut the clean-up short."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt
