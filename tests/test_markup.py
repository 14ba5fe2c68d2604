"""Untrusted text → HTML: what a record or a bibliography entry can put on a page, and what not."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.loader import walk_strings
from generator.markup import (MAX_NESTING, LinkCollector, heading_slug, may_hold_link, plain_text, render_markdown,
                              sanitize_page, text_issues, to_html)

SCRIPT_PAYLOADS = [
    "Angreb <svg onload=alert(1)",
    'Slut "><svg onload=alert(2)//',
    "*x*{: tabindex=0 autofocus onfocus=alert(3) }",
    "tekst { onclick=alert(4) }",
    "[a](https://x.dk){: href=javascript:alert(5) }",
    '*x*{: style="background:url(https://evil.example/x)" }',
    "[x][r]\n\n[r]: javascript:alert(6)",
    "![i][r]\n\n[r]: https://evil.example/p.png",
    "[x](\x01javascript:alert(7))",
    "![a [b] c](https://evil.example/p.png)",
    "[x](&#106;avascript:alert(8))",
    "[x](jav&#x09;ascript:alert(9))",
    "<script>alert(10)</script>",
    "<iframe src=https://evil.example/></iframe>",
    "<style>body{background:url(https://evil.example/s)}</style>",
    "<a href=javascript:alert(11)>x</a>",
    "<javascript:alert(12)>",
    "*x*{: #kilde-jensen2018 .md-header }",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](https://x.dk/\"onfocus=\"alert(13))",
]


def page_markdown(fragment: str) -> str:
    """The fragment as a page sees it: converted again by Markdown with the site's extensions."""
    page = markdown.Markdown(extensions=["attr_list", "def_list", "md_in_html", "tables", "toc"],
                             extension_configs={"toc": {"slugify": heading_slug}})
    return page.convert(f"# {fragment}\n\n- **Titel**: {fragment}\n\n| a | b |\n|---|---|\n| {fragment} | x |\n\n"
                        f"{fragment}\n{{: .katalog-lead }}\n")


def live_features(page_html: str) -> list[str]:
    """Anything in the HTML that could run, load, style or take over an id."""
    found = []
    soup = BeautifulSoup(page_html, "html.parser")
    for element in soup.find_all(True):
        if element.name in ("script", "style", "img", "iframe", "svg", "object", "embed", "link", "meta"):
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or name in ("style", "tabindex", "autofocus", "src"):
                found.append(f"{element.name}[{name}]")
            if name == "href" and not value.startswith(("https://", "http://", "#")):
                found.append(f"href={value!r}")
            if (name == "id" and value.startswith("kilde-")) or (name == "class" and value != "katalog-lead"):
                found.append(f"{name}={value!r}")
    return found


@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
@pytest.mark.parametrize("inline", [True, False])
def test_hostile_text_renders_inert_even_inside_a_page(payload: str, inline: bool) -> None:
    fragment = to_html(payload, inline=inline)
    assert live_features(fragment) == []
    assert live_features(page_markdown(fragment)) == []


def test_inline_text_is_one_markdown_line_whatever_it_holds() -> None:
    fragment = to_html("| a | b |\n\n# Overskrift\n\n- punkt\n\n---", inline=True)
    assert "\n" not in fragment
    assert not re.search(r"[|#-]", re.sub(r"&#\d+;", "", fragment))
    assert BeautifulSoup(fragment, "html.parser").get_text() == "| a | b | Overskrift  punkt"


def test_ordinary_markdown_still_works() -> None:
    fragment = to_html("Se *VIVE* og **KL** på [vive.dk](https://www.vive.dk/?a=1&b=2), 4-20 uger.", inline=False)
    soup = BeautifulSoup(fragment, "html.parser")
    assert soup.find("em").get_text() == "VIVE" and soup.find("strong").get_text() == "KL"
    assert soup.find("a")["href"] == "https://www.vive.dk/?a=1&b=2"
    assert soup.get_text() == "Se VIVE og KL på vive.dk, 4-20 uger."


def test_plain_text_is_escaped_for_any_attribute_or_element() -> None:
    text = plain_text(to_html('Job & "Familie" <svg onload=alert(1)> *x*', inline=True))
    assert text == "Job &amp; &quot;Familie&quot; &lt;svg onload=alert(1)&gt; x"
    assert html.unescape(text) == 'Job & "Familie" <svg onload=alert(1)> x'


def test_page_sanitizer_keeps_what_templates_make_and_drops_the_rest() -> None:
    page = ('<h2 id="kilder">Kilder<a class="headerlink" href="#kilder" title="Link">¶</a></h2>'
            '<div class="katalog-facts"><dl><dt>Kommune</dt><dd><a href="../../principper/relation/">x</a></dd></dl></div>'
            '<table><tr><td style="text-align: right; background: url(https://evil.example/)">1</td></tr></table>'
            '<p onclick="alert(1)" style="color:red">t<img src="https://evil.example/p.png"><script>alert(2)</script></p>'
            '<a href="javascript:alert(3)">j</a><form action="https://evil.example/"><button formaction="x">b</button>'
            '</form>')
    cleaned = BeautifulSoup(sanitize_page(page), "html.parser")
    assert cleaned.find("h2")["id"] == "kilder"
    assert cleaned.find("a", class_="headerlink")["href"] == "#kilder"
    assert cleaned.find("dd").find("a")["href"] == "../../principper/relation/"
    assert cleaned.find("td")["style"] == "text-align:right"
    assert cleaned.find("p").attrs == {}
    assert not cleaned.find_all(["img", "script", "form", "button"])
    assert [a.get("href") for a in cleaned.find_all("a")][-1] is None


def test_page_sanitizer_keeps_the_checklists_form_and_nothing_more() -> None:
    page = ('<div class="katalog-area" data-area="relation" data-area-url="javascript:alert(3)" hidden>'
            '<fieldset data-question="q"><legend>Spørgsmål</legend>'
            '<input type="radio" name="svar-q" id="svar-q-0" value="0" onchange="alert(1)" checked>'
            '<label for="svar-q-0">0</label>'
            '<input type="image" src="https://evil.example/p.png" formaction="https://evil.example/">'
            '<input type="file" data-area="x"></fieldset>'
            '<textarea id="note" data-note="relation" rows="3" autofocus onfocus="alert(2)"></textarea></div>')
    cleaned = BeautifulSoup(sanitize_page(page), "html.parser")
    area = cleaned.find("div")
    assert area.attrs == {"class": ["katalog-area"], "data-area": "relation",
                          "hidden": ""}
    radio, image, file = cleaned.find_all("input")
    assert radio.attrs == {"type": "radio", "name": "svar-q", "id": "svar-q-0", "value": "0"}
    assert image.attrs == {} and file.attrs == {}  # another kind of field is only a plain text box
    assert cleaned.find("label")["for"] == "svar-q-0"
    assert cleaned.find("textarea").attrs == {"id": "note", "data-note": "relation", "rows": "3"}


@pytest.mark.parametrize(("text", "kind"), [
    ("Tekst med <b>fed</b>", "html"),
    ("Tekst <svg onload=alert(1)", "html"),
    ("![spor](https://tracker.example.com/pixel.png)", "image"),
    ("![a [b] c](https://evil.example/p.png)", "image"),
    ("[x](javascript:alert(1))", "link"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "link"),
    ("[@a](javascript:alert(1))", "link"),
    ("[@a] [r]\n\n[r]: javascript:alert(1)", "link"),
    ("Se [@a].\n\n[@a]: javascript:alert(1)", "link"),
    ("[se [@a]](javascript:alert(1))", "link"),
    ("[x](&#106;avascript:alert(1))", "link"),
    ("[x]( DATA:text/html;base64,PHNjcmlwdD4=)", "link"),
    ("[Din Indgang](../fredericia-din-indgang/)", "relative_link"),
    ("*x*{: onclick=alert(1) }", "attributes"),
    ("afsnit { #kilde-jensen2018 }", "attributes"),
])
def test_text_issues_name_what_a_maintainer_must_fix(text: str, kind: str) -> None:
    assert kind in [issue.kind for issue in text_issues(text)]


@pytest.mark.parametrize("text", [
    "Under 5 < 10 og 20 > 10 af målgruppen er ny",
    "Se [VIVE](https://www.vive.dk/) eller skriv til [os](mailto:katalog@example.dk).",
    "Et forløb varer 4-20 uger [@jensen2018; @fredericia2020, s. 3].",
    "Mængden {a, b} og tegnet !",
])
def test_ordinary_text_has_no_issues(text: str) -> None:
    assert text_issues(text) == []


CASES = Path(__file__).resolve().parent.parent / "cases"
LINK_SHAPES = ["[@a](https://x.dk)", "[@a] [r]\n\n[r]: https://x.dk", "[@a]\n[r]\n\n[r]: https://x.dk",
               "Se [@a].\n\n[@a]: https://x.dk", "[se [@a]](https://x.dk)", "<https://x.dk>", "<a@x.dk>",
               "[@a; @b, s. 4]", "Tekst [@a] og [@b].", "[@a]: https://x.dk", "[x]: https://x.dk\n\n[x]",
               # found by an attacker's pass: an escaped bracket, definitions in quotes and lists, a lone CR
               "Se [@a\\] b](javascript:alert(1)) her.", "Se [@a] her.\n\n> [@a]: javascript:x",
               "Se [@a] her.\n>[@a]: javascript:x", "Se [@a] her.\n\n- [@a]: javascript:x",
               "Se [@a] her.\n\n1. [@a]: javascript:x", "Se [@a] her.\r[@a]: javascript:x",
               "Se [@a] her.\n\n[@a]:\n  javascript:x"]


@pytest.mark.parametrize("text", LINK_SHAPES + [text for path in sorted(CASES.glob("*.yml"))
                                               for _, text in walk_strings(yaml.safe_load(path.read_text()))])
def test_a_text_spared_rendering_has_no_link(text: str) -> None:
    """`katalog check` renders a text to find its links only where one could be: never wrongly spared."""
    collector = LinkCollector()
    collector.feed(render_markdown(text))
    assert may_hold_link(text) or not collector.hrefs


def test_citations_alone_spare_a_text_rendering() -> None:
    assert not may_hold_link("Tekst [@a] og [@b, s. 4; @c].\n\n- punkt [@d]")
    assert not may_hold_link("Målene er [@a]:\n\n- et mål\n- et andet")  # a lead-in, not a definition


def test_issue_offset_points_at_the_problem() -> None:
    text = "Første linje.\nAnden linje med <b>fed</b>."
    [issue] = text_issues(text)
    assert text[issue.offset:].startswith("<b>")


def test_heading_ids_never_take_a_citation_anchor() -> None:
    assert heading_slug("Kilde jensen2018", "-") == "afsnit-kilde-jensen2018"
    assert heading_slug("Spm relation", "-") == "afsnit-spm-relation"
    assert heading_slug("Omraade relation", "-") == "afsnit-omraade-relation"
    assert heading_slug("Svar fra kommunen", "-") == "afsnit-svar-fra-kommunen"
    assert heading_slug("Kilder på denne side", "-") == "kilder-pa-denne-side"


@pytest.mark.parametrize("text", ["- " * 600 + "x", "> " * 600 + "x", "1. " * 600 + "x", "١. " * 600 + "x",
                                  "Indledning.\r" + "- " * 600 + "x",
                                  "\n".join("    " * depth + "- x" for depth in range(600))])
def test_deep_nesting_is_an_issue_and_never_a_crash(text: str) -> None:
    assert [issue.kind for issue in text_issues(text)] == ["nesting"]
    assert "x" in to_html(text, inline=False)


@pytest.mark.parametrize("level", ["- ", "* ", "+ ", ">", "> ", "1. ", "1) ", "١. ", "１) ", "\t", "    "])
def test_the_shortest_line_eleven_levels_deep_is_an_issue(level: str) -> None:
    """`text_issues` measures depth only where MAYBE_TOO_DEEP finds a line that could pass MAX_NESTING: the
    most compact way to write each level must still be found, at the limit and one level past it."""
    def line(levels: int) -> str:
        return level * levels + "x"
    assert [issue.kind for issue in text_issues(f"Indledning.\n{line(MAX_NESTING + 1)}")] == ["nesting"]
    assert "nesting" not in [issue.kind for issue in text_issues(f"Indledning.\n{line(MAX_NESTING)}")]


def test_ordinary_nested_lists_are_fine() -> None:
    text = "- a\n    - b\n        - c\n\n> citat\n> - punkt"
    assert text_issues(text) == []


@pytest.mark.parametrize(("text", "shown"), [
    ("`a & b`", "a & b"),  # Markdown escapes a code span's "&" itself: it must not be escaped twice
    ("`&amp;` og `&lt;x&gt;`", "&amp; og &lt;x&gt;"),  # a reference in code shows as written, never as markup
])
def test_an_ampersand_in_code_shows_as_written(text: str, shown: str) -> None:
    fragment = str(to_html(text, inline=True))
    assert html.unescape(re.sub(r"<[^>]+>", "", fragment)) == shown
    assert "<x>" not in fragment


def test_a_fragment_starting_with_a_number_and_a_full_stop_stays_a_paragraph() -> None:
    """A summary or tag description "1\\. Første punkt" starts a line in a template: it must not become a list."""
    fragment = str(to_html("1\\. Første punkt", inline=True))
    page = markdown.markdown(f"{fragment}\n{{: .katalog-lead }}", extensions=["attr_list"])
    assert "<ol>" not in page and BeautifulSoup(page, "html.parser").get_text() == "1. Første punkt"
