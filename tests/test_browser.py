"""The real site in a real browser: accessibility, privacy, errors, keyboard, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import axe_failures, open_page, sitemap_paths

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
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


def test_search_results_pass_the_same_gates(real_site_url: str, context) -> None:
    page, visit = open_page(context, real_site_url, "")
    search(page, "familieplan")
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    assert "Job og Familie" in page.locator(".md-search-result").inner_text()
    assert axe_failures(page, visit.url + " (søgeresultater)") == []
    assert visit.privacy_failures(real_site_url) + visit.error_failures() == []


def focused(page) -> dict:
    return page.evaluate("""() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
            tag: element.tagName.toLowerCase(), text: (element.innerText || element.value || '').trim(),
            href: element.getAttribute('href'), name: element.getAttribute('name') || '',
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            onScreen: (box => box.width > 0 && box.right > 0 && box.left < innerWidth)(element.getBoundingClientRect()),
            shadow: style.boxShadow !== 'none',
        };
    }""")


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
    while focused(page)["text"] != "Eksempler":
        page.keyboard.press("Shift+Tab")
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
    const elements = [...document.querySelectorAll(selector)].filter(visible);
    elements.forEach((element, index) => element.dataset.focusIndex = index);
    return elements.length;
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["", "eksempler/fredericia-din-indgang/", "principper/relation/"])
def test_every_visible_control_is_reached_by_tab_with_a_visible_focus(browser, real_site_url: str, path: str,
                                                                      width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    page, _ = open_page(context, real_site_url, path)
    count = page.evaluate(FOCUSABLE)
    reached: set[str] = set()
    unmarked: list[dict] = []
    for _ in range(count + 10):
        page.keyboard.press("Tab")
        stop = focused(page)
        index = page.evaluate("document.activeElement.dataset.focusIndex")
        if index is not None:
            reached.add(index)
        if stop["tag"] != "body" and not ((stop["outline"] or stop["shadow"]) and stop["onScreen"]):
            unmarked.append(stop)
    missed = page.evaluate("""reached => [...document.querySelectorAll('[data-focus-index]')]
        .filter(element => !reached.includes(element.dataset.focusIndex))
        .map(element => element.outerHTML.slice(0, 120))""", sorted(reached))
    context.close()
    assert missed == [], f"never reached by Tab on /{path}"
    assert unmarked == [], f"focus not visible on /{path}"


def test_menu_and_search_open_with_the_keyboard_on_a_phone(browser, real_site_url: str) -> None:
    phone = browser.new_context(viewport={"width": 375, "height": 800}, locale="da-DK")
    page, _ = open_page(phone, real_site_url, "")
    menu = page.get_by_role("button", name="Menu")
    for _ in range(5):
        page.keyboard.press("Tab")
        if menu.evaluate("element => element === document.activeElement"):
            break
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
    while focused(page)["text"] != "Eksempler":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/eksempler/")
    search_button = page.get_by_role("button", name="Søg")
    search_button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.name === 'query'")
    page.keyboard.type("familieplan")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    phone.close()


def test_search_box_is_reachable_and_results_open_with_the_keyboard(real_site_url: str, context) -> None:
    page, _ = open_page(context, real_site_url, "")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page)["tag"] == "input":
            break
    assert focused(page)["name"] == "query"
    page.keyboard.type("koblingskompetencer")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("ArrowDown")
    assert focused(page)["tag"] == "a"
    page.keyboard.press("Enter")
    page.wait_for_url("**?h=koblingskompetencer*")
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
    ("forside", ""), ("eksempel", "eksempler/fredericia-din-indgang/"), ("oversigt", "eksempler/"),
])
def test_screenshots_for_review_without_horizontal_overflow(browser, real_site_url: str, name: str, path: str,
                                                             width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.goto(real_site_url + path, wait_until="networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
