"""The real site in a real browser: accessibility, privacy, errors, keyboard, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import (FOCUS_RING, axe_failures, contrast_failures, focus_ring_contrast, open_page, sitemap_paths,
                   type_search)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def test_every_page_passes_axe_privacy_and_error_gates(real_site: Path, real_site_url: str, context) -> None:
    paths = sitemap_paths(real_site)
    assert len(paths) >= 20  # front page, indexes, every record and the bibliography
    failures: list[str] = []
    for path in [*paths, "404.html"]:
        page, visit = open_page(context, real_site_url, path)
        failures += axe_failures(page, visit.url) + visit.privacy_failures(real_site_url)
        if path != "404.html":
            failures += visit.error_failures()
        page.close()
    assert not failures, "\n".join(failures)


def search(page, query: str) -> None:
    """Open search as a user would (the '/' key, or the header button on a phone), unless it is open,
    type `query` and wait until the results have settled (gates.type_search)."""
    if page.evaluate("document.activeElement.name") != "query":
        if page.viewport_size["width"] < 960:
            page.get_by_role("button", name="Søg").click()
        else:
            page.keyboard.press("/")
        page.wait_for_function("document.activeElement.name === 'query'")
    type_search(page, query)


def test_search_results_pass_the_same_gates(real_site_url: str, context) -> None:
    page, visit = open_page(context, real_site_url, "")
    search(page, "familieplan")
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    assert "Job og Familie" in page.locator(".md-search-result").inner_text()
    assert axe_failures(page, visit.url + " (søgeresultater)") == []
    assert contrast_failures(page, visit.url + " (søgeresultater)", [".md-search-result__meta"]) == []
    assert visit.privacy_failures(real_site_url) + visit.error_failures() == []


def focused(page) -> dict:
    """What has focus now, how its focus is shown, and the colours of its focus ring."""
    return page.evaluate("""() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
            tag: element.tagName.toLowerCase(), text: (element.innerText || element.value || '').trim(),
            href: element.getAttribute('href'), name: element.getAttribute('name') || '',
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            onScreen: (box => box.width > 0 && box.right > 0 && box.left < innerWidth)(element.getBoundingClientRect()),
            shadow: style.boxShadow !== 'none', ring: (""" + FOCUS_RING + """)(element),
        };
    }""")


def press_until(page, key: str, text: str, limit: int = 40) -> None:
    """Press `key` until the element reading `text` has focus; fail after `limit` presses, never loop forever."""
    seen = []
    for _ in range(limit):
        seen.append(focused(page)["text"])
        if seen[-1] == text:
            return
        page.keyboard.press(key)
    pytest.fail(f"{text!r} never got focus in {limit} presses of {key}; focus went to {seen}")


def tab_through(page, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    return stops


def test_navigation_and_search_work_with_the_keyboard_alone(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    stops = tab_through(page, 20)
    texts = [stop["text"] for stop in stops]
    for tab in ("Eksempler", "Principper", "Forudsætninger", "Organisering", "Kilder", "Om kataloget"):
        assert tab in texts, f"navigation tab {tab!r} never got focus: {texts}"
    assert all(stop["outline"] or stop["shadow"] for stop in stops if stop["tag"] in ("a", "input", "button")), \
        [stop for stop in stops if not (stop["outline"] or stop["shadow"])]
    # Reach the 'Eksempler' tab by keyboard and follow it with Enter.
    page.keyboard.press("Shift+Tab")
    press_until(page, "Shift+Tab", "Eksempler")
    page.keyboard.press("Enter")
    page.wait_for_url("**/eksempler/")
    assert page.title().startswith("Eksempler")


FOCUSABLE = """() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex]';
    const visible = element => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return element.tabIndex >= 0 && box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
            && !element.disabled
            && !element.closest('[hidden], [aria-hidden="true"], [inert]');
    };
    // A group of radio buttons is one stop for Tab: its first button while none is chosen.
    const firstOfGroup = element => element.type !== 'radio'
        || element === document.querySelector(`input[type=radio][name="${CSS.escape(element.name)}"]`);
    const elements = [...document.querySelectorAll(selector)].filter(visible).filter(firstOfGroup);
    elements.forEach((element, index) => element.dataset.focusIndex = index);
    return elements.length;
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["", "eksempler/fredericia-din-indgang/", "principper/relation/", "selvevaluering/", "data/"])
def test_every_visible_control_is_reached_by_tab_with_a_visible_focus(open_context, real_site_url: str, path: str,
                                                                      width: int) -> None:
    page, _ = open_page(open_context(width), real_site_url, path)
    count = page.evaluate(FOCUSABLE)
    assert count >= 5, f"only {count} focusable controls found on /{path}: the selector no longer matches"
    reached: set[str] = set()
    unmarked: list[dict] = []
    faint: list[str] = []
    for _ in range(count + 10):
        page.keyboard.press("Tab")
        stop = focused(page)
        index = page.evaluate("document.activeElement.dataset.focusIndex")
        if index is not None:
            reached.add(index)
        if stop["tag"] != "body" and not ((stop["outline"] or stop["shadow"]) and stop["onScreen"]):
            unmarked.append(stop)
        elif stop["tag"] != "body" and focus_ring_contrast(stop["ring"]) < 3:
            faint.append(f"{stop['text'] or stop['href']}: {focus_ring_contrast(stop['ring']):.2f}:1 {stop['ring']}")
    missed = page.evaluate("""reached => [...document.querySelectorAll('[data-focus-index]')]
        .filter(element => !reached.includes(element.dataset.focusIndex))
        .map(element => element.outerHTML.slice(0, 120))""", sorted(reached))
    assert missed == [], f"never reached by Tab on /{path}"
    assert unmarked == [], f"focus not visible on /{path}"
    assert faint == [], f"focus ring under 3:1 against its surroundings on /{path}"


def test_menu_and_search_open_with_the_keyboard_on_a_phone(open_context, real_site_url: str) -> None:
    page, _ = open_page(open_context(375), real_site_url, "")
    menu = page.get_by_role("button", name="Menu")
    page.keyboard.press("Tab")
    press_until(page, "Tab", "", limit=5)
    assert menu.evaluate("element => element === document.activeElement"), "Tab never reached the menu button"
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.activeElement.getBoundingClientRect().left >= 0", timeout=3_000)
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Menu'")
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    press_until(page, "Tab", "Eksempler")
    page.keyboard.press("Enter")
    page.wait_for_url("**/eksempler/")
    search_button = page.get_by_role("button", name="Søg")
    search_button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.name === 'query'")
    type_search(page, "familieplan")


def test_search_box_is_reachable_and_results_open_with_the_keyboard(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page)["tag"] == "input":
            break
    assert focused(page)["name"] == "query"
    type_search(page, "koblingskompetencer")
    page.keyboard.press("ArrowDown")
    assert focused(page)["tag"] == "a"
    page.keyboard.press("Enter")
    page.wait_for_url("**?h=koblingskompetenc*")
    assert "koblingskompetencer" in page.locator("article").inner_text().lower()


def test_citation_links_move_focus_to_the_reference(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "eksempler/fredericia-din-indgang/")
    link = page.locator('article a[href="#kilde-jensen2018"]').first
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#kilde-jensen2018"
    assert page.locator("#kilde-jensen2018").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("name", "path"), [
    ("forside", ""), ("eksempel", "eksempler/fredericia-din-indgang/"), ("oversigt", "eksempler/"), ("data", "data/"),
])
def test_screenshots_for_review_without_horizontal_overflow(open_context, real_site_url: str, name: str, path: str,
                                                             width: int) -> None:
    page = open_context(width).new_page()
    page.goto(real_site_url + path, wait_until="networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def open_search(query: str):
    return lambda page: search(page, query)


def open_more_results(page) -> None:
    search(page, "kommune")
    page.locator("details.md-search-result__more > summary").first.click()


def choose_first_result(page) -> None:
    search(page, "kommune")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector(".md-search-result__link:focus")


def point_at_first_result(page) -> None:
    search(page, "kommune")
    page.locator(".md-search-result__link").first.hover()


def hover(selector: str):
    return lambda page: page.locator(selector).first.hover()


def focus_by_keyboard(selector: str):
    """Focus the element as Tab would, so that :focus-visible styles apply."""
    def act(page) -> None:
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
    return act


def scroll_down_then_up(page) -> None:
    """Past the heading the header shows the page title; scrolling back up shows 'back to top'."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_selector(".md-header__title--active")
    page.evaluate("window.scrollBy(0, -100)")
    page.wait_for_selector(".md-top:not([hidden])")


def hover_back_to_top(page) -> None:
    scroll_down_then_up(page)
    page.locator(".md-top").hover()


def open_menu(page) -> None:
    page.get_by_role("button", name="Menu").click()
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.locator(".md-sidebar--primary .md-nav__link").nth(1).hover()


# Markup that record text may produce and Material styles, though no page shows it yet.
TYPESET_SAMPLE = (
    "<table><thead><tr><th>Kolonne</th></tr></thead><tbody><tr><td>Celle</td></tr><tr><td>Celle</td></tr></tbody>"
    "</table><p><code>kode</code> <kbd>Ctrl</kbd> <mark>markeret</mark> <del>slettet</del> <small>lille</small></p>"
    "<pre><code>kodeblok</code></pre><blockquote><p>Citat</p></blockquote><h5>Lille overskrift</h5><h6>Mindst</h6>"
)


def add_typeset_sample(page) -> None:
    page.locator("article").evaluate("(article, html) => article.insertAdjacentHTML('beforeend', html)",
                                     TYPESET_SAMPLE)
    page.locator("article tbody tr").last.hover()


CASE = "eksempler/fredericia-din-indgang/"
# Each state Material can show: where, how to reach it, what axe must have measured, at which widths.
COLOUR_STATES = {
    "søgeresultater": ("", open_search("familieplan"), [".md-search-result__meta", ".md-search-result mark"]),
    "ingen-søgeresultater": ("", open_search("xyzzyq"), [".md-search-result__meta"]),
    "flere-søgeresultater": ("", open_more_results, [".md-search-result__more > summary > div",
                                                     ".md-search-result__more[open] .md-search-result__link h2"]),
    "valgt-søgeresultat": ("", choose_first_result, [".md-search-result__link:focus p"]),
    "søgeresultat-under-musen": ("", point_at_first_result, [".md-search-result__link:hover p"]),
    "fremhævede-søgeord": ("eksempler/assens-job-og-familie/?h=familieplan",
                           lambda page: page.wait_for_selector("article mark"), ["article mark"]),
    "link-med-fokus": (CASE, focus_by_keyboard("article p a"), ["article a:focus"]),
    "link-under-musen": (CASE, hover("article p a"), ["article a:hover"]),
    "faneblad-under-musen": (CASE, hover(".md-tabs__link:not(.md-tabs__link--active)"), [".md-tabs__link:hover"],
                             [1280]),
    "indhold-under-musen": (CASE, hover(".md-sidebar--secondary .md-nav__link"),
                            [".md-sidebar--secondary .md-nav__link:hover .md-ellipsis"], [1280]),
    "åben-menu": (CASE, open_menu, [".md-sidebar--primary .md-nav__title",
                                    ".md-sidebar--primary .md-nav__link:hover .md-ellipsis"], [375]),
    "rullet-side": (CASE, scroll_down_then_up, ["[data-md-component=header-topic] .md-ellipsis", ".md-top"]),
    "tilbage-til-toppen-under-musen": (CASE, hover_back_to_top, [".md-top:hover"]),
    "sidefod-under-musen": (CASE, hover(".md-copyright a"), [".md-copyright a:hover"]),
    "tabel-og-kode": (CASE, add_typeset_sample, ["article tr:hover td", "article th", "article p code", "article kbd",
                                                 "article p mark", "article pre code", "article blockquote p",
                                                 "article h5", "article h6"]),
    "ikke-fundet": ("404.html", lambda page: None, ["article h1"]),
}


@pytest.mark.parametrize(("state", "width"), [
    (state, width) for state, spec in COLOUR_STATES.items() for width in (spec[3] if len(spec) > 3 else (375, 1280))
])
def test_every_colour_material_can_show_has_enough_contrast(open_context, real_site_url: str, state: str,
                                                             width: int) -> None:
    path, act, probes = COLOUR_STATES[state][:3]
    page, visit = open_page(open_context(width), real_site_url, path)
    act(page)
    assert contrast_failures(page, f"{visit.url} ({state}, {width}px)", probes) == []
