"""Run hostile payloads through `katalog check` and `katalog build`, bounded, and judge what they did.

A payload changes one thing in a copy of the minimal fixture catalogue. `katalog` runs in a
child process with a wall-clock timeout and an address-space limit, so a bomb fails its test
instead of hanging or killing the test run. A refused payload must get a Danish message that
names its file and line; a built one must leave nothing executable and nothing from another
host in the site, judged against a build of the clean fixture.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Error as PlaywrightError

from generator.markup import heading_slug
from generator.plugin import SCRIPTS

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"

TIMEOUT_S = 150
"""Generous: the largest honest payload (10 000 bibliography entries) takes some 20 s idle and 50 s on a
busy two-core machine; a bomb that hangs is still stopped, and only a broken build ever waits this long."""
MEMORY_BYTES = 1 << 30
FILE_SIZE_BYTES = 256 << 20
OUTPUT_LIMIT = 1 << 20
MESSAGE_LIMIT = 50_000
PAGE_LIMIT = 8 << 20
WORKERS = 2

Expect = Literal["refuse", "either"]

# --------------------------------------------------------------------------- changes to a project


def fixture_text(relative: str) -> str:
    return (MINIMAL / relative).read_text(encoding="utf-8")


class Change(Protocol):
    path: str

    def apply(self, root: Path, outside: Path) -> None: ...

    def lines(self, marker: str | None) -> tuple[int, ...]: ...


@dataclass(frozen=True)
class Edit:
    """Replace one exact, unique piece of a fixture file; the line is derived from where it sits."""

    path: str
    old: str
    new: str

    def __post_init__(self) -> None:
        count = fixture_text(self.path).count(self.old)
        if count != 1:
            raise ValueError(f"{self.old!r} occurs {count} times in {self.path}, not once")

    def apply(self, root: Path, outside: Path) -> None:
        target = root / self.path
        target.write_text(target.read_text(encoding="utf-8").replace(self.old, self.new, 1), encoding="utf-8")

    def lines(self, marker: str | None) -> tuple[int, ...]:
        text = fixture_text(self.path)
        first = text[: text.index(self.old)].count("\n") + 1
        offset = self.new[: self.new.index(marker)].count("\n") if marker and marker in self.new else 0
        return (first + offset,)


@dataclass(frozen=True)
class Write:
    """Write a whole file (a bomb, a record with a forbidden name); `at` lists the acceptable lines."""

    path: str
    content: bytes
    at: tuple[int, ...] = ()

    def apply(self, root: Path, outside: Path) -> None:
        (root / self.path).write_bytes(self.content)

    def lines(self, marker: str | None) -> tuple[int, ...]:
        return self.at


def remove(path: Path) -> Path:
    """Clear the way for a payload that replaces a fixture file or folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    return path


@dataclass(frozen=True)
class Link:
    """Make `path` a symlink to `target`: absolute, "outside/…" (a folder beside the project), or as written."""

    path: str
    target: str
    outside_files: tuple[tuple[str, bytes], ...] = ()

    def apply(self, root: Path, outside: Path) -> None:
        for relative, content in self.outside_files:
            (outside / relative).parent.mkdir(parents=True, exist_ok=True)
            (outside / relative).write_bytes(content)
        link = remove(root / self.path)
        inside_outside = self.target.removeprefix("outside/")
        link.symlink_to(outside / inside_outside if inside_outside != self.target else self.target)

    def lines(self, marker: str | None) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class Fifo:
    path: str

    def apply(self, root: Path, outside: Path) -> None:
        os.mkfifo(remove(root / self.path))

    def lines(self, marker: str | None) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class Folder:
    path: str

    def apply(self, root: Path, outside: Path) -> None:
        (root / self.path).mkdir()

    def lines(self, marker: str | None) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class Payload:
    """One hostile input: what it changes, what must happen, and a marker to trace its effect."""

    name: str
    target: str
    """The field or case of issue 13 it covers, e.g. "case.title" or "fs.fifo"."""
    expect: Expect
    change: Change
    marker: str | None = None
    secret: str | None = None
    """Text that must never appear in any output or built file (a secret, or proof of execution)."""
    at: tuple[int, ...] | None = None
    """The acceptable lines for the message, where the change cannot derive them."""
    allowed_new_ids: str | None = None
    """A regex of ids the payload may legitimately add to the site (new bibliography entries)."""

    @property
    def file_name(self) -> str:
        return Path(self.change.path).name

    @property
    def lines(self) -> tuple[int, ...]:
        return self.at if self.at is not None else self.change.lines(self.marker)


@dataclass(frozen=True)
class Unchanged:
    """The clean fixture, built once as the baseline every built payload is judged against."""

    path: str = "mkdocs.yml"

    def apply(self, root: Path, outside: Path) -> None:
        pass

    def lines(self, marker: str | None) -> tuple[int, ...]:
        return ()


CLEAN = Payload("clean-fixture", "baseline", "either", Unchanged())


def copy_fixture(destination: Path) -> Path:
    """A runnable copy of the minimal fixture: its docs_dir is its own, and the plugin brings its assets."""
    shutil.copytree(MINIMAL, destination)
    return destination


# --------------------------------------------------------------------------- bounded child processes


@dataclass(frozen=True)
class Run:
    """What one bounded child process did; `returncode` is None when it ran out of time."""

    arguments: tuple[str, ...]
    returncode: int | None
    output: str
    seconds: float

    def describe(self) -> str:
        status = "timed out" if self.returncode is None else f"exit {self.returncode}"
        tail = self.output[-1500:]
        return f"`katalog {' '.join(self.arguments)}` ({status}, {self.seconds:.1f} s):\n{tail}"


KATALOG = ("import runpy, sys\nsys.argv[0] = 'katalog'\n"
           "runpy.run_module('generator.cli', run_name='__main__', alter_sys=True)\n")


def limited(code: str, memory: int) -> str:
    """Python source that sets the child's own limits first: safe with threads, unlike preexec_fn."""
    return (f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({FILE_SIZE_BYTES}, {FILE_SIZE_BYTES}))\n"
            f"resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n{code}")


def run_bounded(code: str, arguments: list[str], cwd: Path, timeout: float = TIMEOUT_S,
                memory: int = MEMORY_BYTES) -> Run:
    """Run Python `code` with `arguments` in its own session; kill that session on timeout."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    with tempfile.TemporaryFile() as sink:  # a file, not a pipe: a chatty child can neither block nor flood memory
        child = subprocess.Popen([sys.executable, "-c", limited(code, memory), *arguments], cwd=cwd, env=env,
                                 stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        try:
            returncode: int | None = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            returncode = None
        seconds = time.monotonic() - started
        sink.seek(0)
        output = sink.read(OUTPUT_LIMIT).decode("utf-8", errors="replace")
    return Run(tuple(arguments), returncode, output, seconds)


def katalog(project: Path, *arguments: str) -> Run:
    return run_bounded(KATALOG, ["-f", "mkdocs.yml", *arguments], cwd=project)


# --------------------------------------------------------------------------- judging messages

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|"
                       r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning|Interrupt|Exit)\b")
ENGLISH = re.compile(r"\b(?:error|errors|warning|warnings|aborted|exception|found|expected|unexpected|while|"
                     r"could not|cannot|invalid|the|is not|does not|should|must)\b", re.IGNORECASE)
DANISH = re.compile(r"[æøåÆØÅ]|\b(?:ikke|filen|feltet|mappen|linje|skal|kan|må|eller)\b")


def output_failures(run: Run) -> list[str]:
    """Whatever katalog printed: never a traceback or a Python exception name."""
    found = TRACEBACK.search(run.output)
    return [f"shows Python internals ({found.group(0)!r}) in {run.describe()}"] if found else []


def refusal_failures(payload: Payload, run: Run) -> list[str]:
    """A refusal exits non-zero in time, in Danish, and names the file and the payload's line."""
    if run.returncode is None:
        return [f"did not finish within {TIMEOUT_S} s: {run.describe()}"]
    if run.returncode < 0:
        return [f"was killed by signal {-run.returncode} (memory or file-size limit): {run.describe()}"]
    failures = []
    if payload.file_name not in run.output:
        failures.append(f"the message does not name the file {payload.file_name}: {run.describe()}")
    if payload.lines and not any(names_line(run.output, payload.file_name, line) for line in payload.lines):
        failures.append(f"the message does not give line {' or '.join(map(str, payload.lines))} "
                        f"of {payload.file_name}: {run.describe()}")
    if not DANISH.search(run.output):
        failures.append(f"the message is not in Danish: {run.describe()}")
    english = ENGLISH.search(run.output)
    if english:
        failures.append(f"the message holds English ({english.group(0)!r}): {run.describe()}")
    if len(run.output) > MESSAGE_LIMIT:
        failures.append(f"the message is {len(run.output)} characters long, not a clear message")
    return failures


def names_line(output: str, file_name: str, line: int) -> bool:
    """True if one line of the output names the file together with `line` (file:N or 'linje N')."""
    pattern = re.compile(rf"(?::|\blinje\s+){line}\b")
    return any(file_name in text and pattern.search(text) for text in output.splitlines())


# --------------------------------------------------------------------------- judging a built site

SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
                  "srcdoc", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc", "icon")
RESOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "ping", "manifest", "codebase", "lowsrc",
                       "dynsrc", "xlink:href")
EMBEDDING_TAGS = ("img", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "link", "meta",
                  "base", "form", "input", "button", "textarea", "select", "video", "audio", "source", "track",
                  "picture", "template", "portal", "image", "use", "foreignobject")
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]+)|@import\s+['\"]([^'\"]+)", re.IGNORECASE)
# Material's scripts are under assets/; the only others are the ones the katalog plugin adds.
THEME_SCRIPT = re.compile(r"^(?:\.\./)*\.?/?(?:assets/[\w./-]+\.js|%s)$" % "|".join(map(re.escape, SCRIPTS)))
CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))


def normalised_url(value: str) -> str:
    """A URL as a browser reads it: tabs and newlines dropped, controls and spaces trimmed."""
    return re.sub(r"[\t\n\r]", "", value).strip(CONTROL_OR_SPACE).lower()


def is_script_url(value: str) -> bool:
    return normalised_url(value).startswith(SCRIPT_SCHEMES)


def is_other_host(value: str) -> bool:
    url = normalised_url(value)
    return url.startswith("//") or (urlparse(url).scheme not in ("", "file") and not url.startswith(SCRIPT_SCHEMES))


def css_urls(css: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(css)]


@dataclass(frozen=True)
class PageShape:
    """What the clean build's page holds that a payload must not add to."""

    ids: frozenset[str]
    counts: Counter


@dataclass(frozen=True)
class Baseline:
    pages: dict[str, PageShape]
    inline_scripts: frozenset[str]
    styles: frozenset[str]

    @classmethod
    def of(cls, site: Path) -> Baseline:
        pages, scripts, styles = {}, set(), set()
        for relative, soup in html_pages(site):
            pages[relative] = PageShape(frozenset(element["id"] for element in soup.find_all(id=True)),
                                        embedding_counts(soup))
            scripts |= {script.get_text() for script in soup.find_all("script") if not script.get("src")}
            styles |= {element["style"] for element in soup.find_all(style=True)}
            styles |= {style.get_text() for style in soup.find_all("style")}
        return cls(pages, frozenset(scripts), frozenset(styles))


def html_pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"),
                                                               "html.parser")


def embedding_counts(soup: BeautifulSoup) -> Counter:
    """Elements that load, embed or submit, each counted with the names of its attributes."""
    return Counter(" ".join([element.name, *sorted(element.attrs)]) for element in soup.find_all(EMBEDDING_TAGS))


def element_failures(element: Tag, where: str, baseline: Baseline) -> Iterator[str]:
    """What one element may not carry: handlers, script URLs, foreign scripts, styles, other-host loads."""
    for name, value in element.attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        if name.lower().startswith("on"):
            yield f"{where}: <{element.name} {name}={text!r}> (an event handler)"
        elif name.lower() in URL_ATTRIBUTES and is_script_url(text):
            yield f"{where}: <{element.name} {name}={text!r}> (a script URL)"
        if name.lower() in RESOURCE_ATTRIBUTES and any(is_other_host(part.split()[0]) for part in text.split(",")
                                                        if part.strip()):
            yield f"{where}: <{element.name} {name}={text!r}> (loads from another host)"
        if name.lower() == "style" and text not in baseline.styles:
            yield f"{where}: <{element.name} style={text!r}> (a style the clean build has not)"
    if element.name == "script":
        source = element.get("src")
        if source is not None and not THEME_SCRIPT.match(str(source)):
            yield f"{where}: <script src={source!r}> (not the theme's own)"
        if source is None and element.get_text() not in baseline.inline_scripts:
            yield f"{where}: <script>{element.get_text()[:120]!r} (an inline script the clean build has not)"
    if element.name == "style" and element.get_text() not in baseline.styles:
        yield f"{where}: <style>{element.get_text()[:120]!r} (a style element the clean build has not)"
    if element.name == "link" and is_other_host(str(element.get("href", ""))) and element.get("rel") != ["canonical"]:
        yield f"{where}: <link href={element.get('href')!r}> (loads from another host)"
    for url in css_urls(str(element.get("style", "")) + (element.get_text() if element.name == "style" else "")):
        if is_other_host(url) or is_script_url(url):
            yield f"{where}: <{element.name}> CSS url({url!r}) (loads from another host)"


def is_heading_slug(element: Tag) -> bool:
    """An id that toc derived from its heading's own text: a slug, which a payload cannot choose freely."""
    if element.name not in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    permalink = element.find("a", class_="headerlink")
    text = element.get_text().removesuffix(permalink.get_text() if permalink else "")
    return re.fullmatch(re.escape(heading_slug(text, "-")) + r"(?:_\d+)?", element["id"]) is not None


def page_failures(soup: BeautifulSoup, where: str, shape: PageShape, baseline: Baseline,
                  allowed_new_ids: str | None) -> list[str]:
    failures = [failure for element in soup.find_all(True) for failure in element_failures(element, where, baseline)]
    with_id = soup.find_all(id=True)
    ids = Counter(element["id"] for element in with_id)
    failures += [f"{where}: id {name!r} occurs {count} times (taken over)" for name, count in ids.items() if count > 1]
    failures += [f"{where}: id {element['id']!r} is not in the clean build (set by the payload)" for element in with_id
                 if element["id"] not in shape.ids and not is_heading_slug(element)
                 and not (allowed_new_ids and re.fullmatch(allowed_new_ids, element["id"]))]
    added = embedding_counts(soup) - shape.counts
    failures += [f"{where}: {count} <{name}> more than the clean build" for name, count in sorted(added.items())]
    return failures


def site_failures(site: Path, baseline: Baseline, payload: Payload) -> list[str]:
    """Every page and every search entry, judged against the clean build."""
    failures = []
    for path in sorted(site.rglob("*.html")):
        if path.stat().st_size > PAGE_LIMIT:
            failures.append(f"{path.relative_to(site)} is {path.stat().st_size >> 20} MB (the payload was expanded)")
    if failures:
        return failures
    for relative, soup in html_pages(site):
        shape = baseline.pages.get(relative)
        if shape is None:
            failures.append(f"{relative}: a page the clean build does not have")
            continue
        failures += page_failures(soup, relative, shape, baseline, payload.allowed_new_ids)
    failures += search_failures(site, baseline)
    if payload.secret:
        failures += [f"{path.relative_to(site)} holds {payload.secret!r}" for path in site.rglob("*")
                     if path.is_file() and payload.secret.encode() in path.read_bytes()]
    return failures


def search_failures(site: Path, baseline: Baseline) -> list[str]:
    """Material shows search titles and texts as HTML: judge each entry as a fragment of a page."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    empty = PageShape(frozenset(), Counter())
    failures = []
    for document in json.loads(index.read_text(encoding="utf-8"))["docs"]:
        where = f"search entry {document.get('location')!r}"
        for key in ("title", "text"):
            fragment = BeautifulSoup(str(document.get(key, "")), "html.parser")
            failures += [failure for failure in page_failures(fragment, where, empty, baseline, None)
                         if "not in the clean build" not in failure]
    return failures


# --------------------------------------------------------------------------- the corpus


@dataclass
class Outcome:
    """What a payload did: the runs, the built site (if any), and every failure found."""

    check: Run
    build: Run | None = None
    site: Path | None = None
    failures: list[str] = field(default_factory=list)


def evaluate(payload: Payload, workdir: Path, baseline: Future[Baseline] | None) -> Outcome:
    """Apply the payload to a fresh copy of the fixture, check it, and build it where it is accepted."""
    project = copy_fixture(workdir / "project")
    outside = workdir / "outside"
    outside.mkdir()
    payload.change.apply(project, outside)
    outcome = Outcome(katalog(project, "check"))
    outcome.failures += output_failures(outcome.check)
    if outcome.check.returncode != 0:
        outcome.failures += refusal_failures(payload, outcome.check)
    else:
        build_site(payload, workdir / "site", outcome, baseline)
    if payload.secret:
        runs = [outcome.check] + ([outcome.build] if outcome.build else [])
        outcome.failures += [f"prints {payload.secret!r}: {run.describe()}" for run in runs
                             if payload.secret in run.output]
    return outcome


def build_site(payload: Payload, site: Path, outcome: Outcome, baseline: Future[Baseline] | None) -> None:
    """Build an accepted payload; a `refuse` payload is built only to say what its acceptance leads to."""
    outcome.build = katalog(site.parent / "project", "build", "-d", str(site))
    outcome.failures += output_failures(outcome.build)
    if payload.expect == "refuse":
        outcome.failures.append(f"`katalog check` accepted it; then {outcome.build.describe()}")
    elif outcome.build.returncode != 0:
        outcome.failures.append(f"`katalog check` passed but the build failed: {outcome.build.describe()}")
    elif baseline is not None:
        outcome.site = site
        outcome.failures += site_failures(site, baseline.result(), payload)


class Corpus:
    """Runs payloads two at a time in the background; a test waits only for its own payload."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pool = ThreadPoolExecutor(max_workers=WORKERS)
        self.futures: dict[str, Future[Outcome]] = {}
        self.baseline: Future[Baseline] = self.pool.submit(self._baseline)

    def _baseline(self) -> Baseline:
        outcome = evaluate(CLEAN, self.workdir / CLEAN.name, None)
        if outcome.failures or outcome.build is None or outcome.build.returncode != 0:
            raise RuntimeError(f"the clean fixture does not build: {outcome.failures or outcome.check.describe()}")
        return Baseline.of(self.workdir / CLEAN.name / "site")

    def start(self, payloads: list[Payload]) -> None:
        for payload in payloads:
            if payload.name not in self.futures:
                self.futures[payload.name] = self.pool.submit(evaluate, payload, self.workdir / payload.name,
                                                              self.baseline)

    def outcome(self, payload: Payload) -> Outcome:
        self.start([payload])
        return self.futures[payload.name].result(timeout=4 * TIMEOUT_S + 120)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


# --------------------------------------------------------------------------- a real browser

LOAD_TIMEOUT_MS = 20_000

POKE = """() => {
    // Focus every focusable element (Playwright keeps each page focused, so focus events fire); fire hover
    // and focus events at, and click, any element with a handler or a script URL; follow no ordinary link.
    addEventListener('click', event => {
        const link = event.target.closest && event.target.closest('a[href], area[href]');
        if (link && !/^(javascript|data|vbscript):/i.test(link.protocol)) event.preventDefault();
    }, true);
    addEventListener('submit', event => event.preventDefault(), true);
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        if (element.tabIndex >= 0 && typeof element.focus === 'function') element.focus({preventScroll: true});
        let scripted = false;
        for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name)) {
                found.push(`<${element.localName} ${attribute.name}>`);
                scripted = true;
            }
        }
        if (scripted) {
            for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'focusin', 'toggle', 'animationstart']) {
                element.dispatchEvent(new Event(type));
            }
        }
        for (const property of ['href', 'src', 'action', 'formAction', 'data']) {
            let url = element[property];
            if (url && url.baseVal !== undefined) url = url.baseVal;
            if (typeof url === 'string' && /^\\s*(javascript|data|vbscript):/i.test(url)) {
                found.push(`<${element.localName} ${property}=${url.slice(0, 80)}>`);
                scripted = true;
            }
        }
        if (scripted) element.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    }
    return found;
}"""


def marked_pages(site: Path, payload: Payload, home: str) -> list[str]:
    """The payload's own page, and every page its marker reached."""
    pages = {home}
    if payload.marker:
        pages |= {path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if payload.marker.encode() in path.read_bytes()}
    return sorted(pages)


IDLE = "new Promise(resolve => requestIdleCallback(() => resolve(), {timeout: 2000}))"
"""Resolves once the page's queued tasks have run; it cannot while a dialog the page opened is still open."""


def browser_failures(browser, base_url: str, pages: list[str]) -> list[str]:
    """Open the pages side by side, focus and poke everything in each; no dialog, no request off the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    local = urlparse(base_url).netloc
    requests: list[str] = []
    dialogs: list[str] = []
    context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc == local
                  else route.abort())
    context.on("request", lambda request: requests.append(request.url))
    failures: list[str] = []
    try:
        opened = []
        for path in pages:
            page = context.new_page()
            page.set_default_timeout(LOAD_TIMEOUT_MS)
            page.on("dialog", lambda dialog, path=path: (dialogs.append(f"{path}: {dialog.type} {dialog.message!r}"),
                                                         dialog.dismiss()))
            page.goto(urljoin(base_url, path), wait_until="commit")
            opened.append((path, page))
        for path, page in opened:
            try:
                page.wait_for_load_state("networkidle")
                failures += [f"{path}: live DOM has {found}" for found in page.evaluate(POKE)]
            except PlaywrightError as error:
                failures.append(f"{path}: the page navigated away or never settled: {error.message.splitlines()[0]}")
        for path, page in opened:  # let a script URL a click queued run before judging, however slow the machine
            try:
                page.evaluate(IDLE)
            except PlaywrightError:
                pass  # closed, or navigating away: it has nothing left to run
    finally:
        context.close()
    failures += [f"dialog fired: {dialog}" for dialog in dialogs]
    failures += [f"request to another host: {url}" for url in requests
                 if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != local]
    return failures
