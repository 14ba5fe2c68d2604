"""Quality gates shared by the real-site tests and the tests that prove the gates bite.

Each gate returns a list of failures, each naming the page and what is wrong, so a test
can assert that the real site has none and that a site with a planted defect has one.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from coloraide import Color

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def sitemap_paths(site_dir: Path) -> list[str]:
    """Every page MkDocs listed in the sitemap, as a path relative to the site root."""
    tree = ElementTree.parse(site_dir / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [urlparse(loc.text or "").path.lstrip("/") for loc in tree.findall(".//s:loc", namespace)]


@dataclass
class Visit:
    """What a page did while it loaded: what it asked for, and what went wrong."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def privacy_failures(self, base_url: str) -> list[str]:
        local = urlparse(base_url).netloc
        return [f"{self.url}: request to another host: {url}" for url in self.requests
                if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != local]

    def error_failures(self) -> list[str]:
        return [f"{self.url}: console error: {text}" for text in self.console_errors] + \
               [f"{self.url}: failed request: {text}" for text in self.failed]


WAIT_MS = 10_000  # every Playwright wait fails after this instead of hanging


def new_context(browser, width: int):
    """A fresh browser profile: no cache, storage or search index shared with any other test."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS * 3)
    return context


SEARCH_PENDING = """(() => {
    // Counts the queries Material has sent its search worker and not yet had answered (message
    // type 2 is a query, type 3 its result), so a test can tell when the last keystroke's answer is in.
    const Native = window.Worker;
    window.__searchPending = 0;
    window.__searchAsked = 0;
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', event => {
                if (event.data && event.data.type === 3) window.__searchPending -= 1;
            });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) {
                window.__searchPending += 1;
                window.__searchAsked += 1;
            }
            return super.postMessage(message, ...rest);
        }
    };
})();"""
"""Installed in every page open_page opens; each keystroke sends a query, and each answer redraws the list."""
SEARCH_SETTLED_MS = 300
"""After the worker has answered every query, the results must stay the same this long."""
SEARCH_SETTLED = """([query, settled]) => {
    const input = document.querySelector('.md-search__input');
    const meta = document.querySelector('.md-search-result__meta').textContent;
    if (input.value !== query || window.__searchPending !== 0 || !/resultat/i.test(meta)) {
        window.__searchSeen = null;
        return false;
    }
    const links = [...document.querySelectorAll('.md-search-result__item')].slice(0, 3)
        .map(item => item.querySelector('a') ? item.querySelector('a').href : '');
    const seen = meta + '|' + links.join(' ');
    if (!window.__searchSeen || window.__searchSeen.seen !== seen) {
        window.__searchSeen = {seen, since: performance.now()};
        return false;
    }
    return performance.now() - window.__searchSeen.since >= settled;
}"""


def type_search(page, query: str) -> None:
    """Replace what the focused search box holds with `query`, typed as a user does, and wait until the
    worker has answered the last keystroke and the results have stayed the same for a moment: an
    answer to an earlier keystroke redraws the list, taking focus, hover and open details with it."""
    assert page.evaluate("document.activeElement.name") == "query", "the search box does not have focus"
    assert page.evaluate("typeof window.__searchPending") == "number", "open the page with SEARCH_PENDING installed"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("!/resultat/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.type(query)
    page.wait_for_function(SEARCH_SETTLED, arg=[query, SEARCH_SETTLED_MS], polling=100)


def open_page(context, base_url: str, path: str):
    """Open `path`, recording requests and errors; requests to other hosts are blocked, not sent."""
    page = context.new_page()
    visit = Visit(urljoin(base_url, path))
    local = urlparse(base_url).netloc

    def route(request_route) -> None:
        if urlparse(request_route.request.url).netloc == local:
            request_route.continue_()
        else:
            request_route.abort()

    page.route("**/*", route)
    page.add_init_script(SEARCH_PENDING)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and visit.failed.append(
        f"{response.status} {response.url}"))
    page.goto(visit.url, wait_until="networkidle")
    return page, visit


def address(page) -> str:
    """The page's address now: Playwright's page.url learns of history.replaceState only a moment later."""
    return page.evaluate("location.href")


def axe_failures(page, url: str) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    failures = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        failures.append(f"{url}: {violation['id']} ({violation['help']}) at {targets}")
    return failures


def settle(page) -> None:
    """Wait until no CSS transition or animation runs, so that axe measures the final colours."""
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')",
                           timeout=WAIT_MS)


PROBE = "data-contrast-probe"


def contrast_failures(page, label: str, probes: list[str]) -> list[str]:
    """axe's colour-contrast rule on the page as it is now; each probe selector must have been measured.

    axe skips what it cannot measure (hidden, covered, mid-transition) without a violation, so a
    state that never appeared would pass having checked nothing: every probe must be among
    the elements axe found to pass or fail.
    """
    settle(page)
    missing = [probe for probe in probes if page.locator(probe).count() == 0]
    for number, probe in enumerate(probes):
        page.locator(probe).evaluate_all(
            "(elements, mark) => elements.forEach(element => element.setAttribute(mark[0], mark[1]))",
            [PROBE, str(number)])
    response = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}}).response
    failures = [f"{label}: {node['target']} {node['any'][0]['message']}"
                for violation in response["violations"] for node in violation["nodes"]]
    targets = [node["target"][0] for result in (*response["passes"], *response["violations"])
               for node in result["nodes"]]
    measured = set(page.evaluate("([targets, mark]) => targets.map(target => "
                                 "document.querySelector(target).getAttribute(mark))", [targets, PROBE]))
    unmeasured = [probe for number, probe in enumerate(probes) if probe not in missing and str(number) not in measured]
    failures += [f"{label}: {probe} is not on the page" for probe in missing]
    failures += [f"{label}: axe could not measure {probe}" for probe in unmeasured]
    return failures


FOCUS_RING = """element => {
    const style = getComputedStyle(element);
    const around = [];
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        around.push(getComputedStyle(parent).backgroundColor);
    }
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? [style.outlineColor] : [];
    return {colours: [...outline, ...(style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [])], around};
}"""


def focus_ring_contrast(ring: dict) -> float:
    """The best contrast a colour of the focus indicator has with what is around it (WCAG 1.4.11 asks 3:1).

    The ring is drawn outside the element, so it is measured against the parents' background.
    """
    around = Color.layer([*ring["around"], "white"])
    return max((Color.layer([colour, around]).contrast(around, method="wcag21") for colour in ring["colours"]),
               default=1.0)


def link_failures(site_dir: Path) -> list[str]:
    """Every internal href/src, and every #anchor, must point at something that exists."""
    pages = {path: parse(path) for path in site_dir.rglob("*.html")}
    failures = []
    for path, soup in pages.items():
        page_url = page_url_of(site_dir, path)
        for element, attribute in internal_references(soup):
            target_url = urljoin(page_url, element[attribute])
            target = file_for(site_dir, urlparse(target_url).path)
            if target is None:
                failures.append(f"{page_url}: <{element.name} {attribute}={element[attribute]!r}> finds nothing")
                continue
            fragment = urlparse(target_url).fragment
            if fragment and target.suffix == ".html":
                target_soup = pages.get(target) or parse(target)
                if not (target_soup.find(id=fragment) or target_soup.find(attrs={"name": fragment})):
                    failures.append(f"{page_url}: link {element[attribute]!r} to a missing anchor")
    return failures


def orphan_failures(site_dir: Path) -> list[str]:
    """Pages that no chain of links from the front page reaches."""
    start = site_dir / "index.html"
    reached, queue = {start}, [start]
    while queue:
        path = queue.pop()
        page_url = page_url_of(site_dir, path)
        for element, attribute in internal_references(parse(path)):
            if element.name != "a":
                continue
            target = file_for(site_dir, urlparse(urljoin(page_url, element[attribute])).path)
            if target is not None and target.suffix == ".html" and target not in reached:
                reached.add(target)
                queue.append(target)
    pages = {path for path in site_dir.rglob("*.html") if path.name != "404.html"}
    return sorted(f"{page_url_of(site_dir, path)} is not linked from anywhere" for path in pages - reached)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url_of(site_dir: Path, path: Path) -> str:
    relative = path.relative_to(site_dir).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def internal_references(soup: BeautifulSoup) -> Iterator[tuple[object, str]]:
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value or urlparse(value).scheme or value.startswith("//"):
                continue
            yield element, attribute


def file_for(site_dir: Path, url_path: str) -> Path | None:
    candidate = site_dir / url_path.lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None
