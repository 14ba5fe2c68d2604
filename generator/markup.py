"""Untrusted text → HTML that can show text and links, and nothing else.

Record text and bibliography fields come from outside contributors. None of it reaches a page as
Markdown that the page would interpret: each text is rendered here on its own, by a Markdown
configuration that knows no raw HTML and no attribute syntax, then cleaned by an allowlist
sanitizer (nh3, the binding of Rust's ammonia), and finally made inert, so that the page-level
Markdown it is embedded in (with attr_list, tables, def_list …) sees only plain characters.
The whole page is sanitized once more when MkDocs has rendered it (`sanitize_page`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import markdown
import nh3
from markdown.extensions.toc import slugify
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
CASE_LINK_SCHEME = "eksempel"
CASE_LINK = re.compile(rf"^{CASE_LINK_SCHEME}:([a-z0-9]+(?:-[a-z0-9]+)*)$")
"""A link in record text to another case, by its id: `[Din Indgang](eksempel:fredericia-din-indgang)`.
`katalog check` resolves the id (validate.py), the plugin writes the page's address (caselinks.py)."""
INLINE_TAGS = frozenset({"a", "em", "strong", "code", "br"})
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li", "blockquote"}
PAGE_TAGS = BLOCK_TAGS | {
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "div", "span", "dl", "dt", "dd", "sup", "sub", "small", "abbr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre", "kbd", "details", "summary",
    "fieldset", "legend", "input", "label", "textarea",
}
PAGE_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "hidden"},
    "a": {"href", "download"},  # download: the Data page's links to the data files (data.md.j2)
    "th": {"align", "colspan", "rowspan", "style", "scope"},
    "td": {"align", "colspan", "rowspan", "style"},
    "ol": {"start"},
    # The checklist's form and the data its script reads (generator/templates/checklist.md.j2).
    # The filter's box and what it filters (generator/templates/cases_index.md.j2, matrix.md.j2).
    "tr": {"data-case"},
    "ul": {"data-search-exclude"},
    "div": {"role", "tabindex", "aria-label", "data-facets", "data-area", "data-area-kind", "data-area-code", "data-area-title", "data-recommend",
            "data-search-exclude"},
    "p": {"role", "data-search-exclude"},
    "fieldset": {"data-question"},
    "input": {"type", "name", "value"},
    "label": {"for"},
    "textarea": {"rows", "data-note"},
    # data-search-exclude (also on div and p): what Material's search leaves out of its index, text that
    # only repeats a record shown on another page (generator/search/client.py); Material then removes it.
    "h2": {"data-search-exclude"},
    "h3": {"data-search-exclude"},
    "span": {"data-search-exclude"},
}
SEARCH_EXCLUDE = "data-search-exclude"
INPUT_TYPES = frozenset({"radio"})

MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>#+-!|~^=:$")
ENTITY_OR_SPECIAL = re.compile(r"&#?\w+;|[\n\r" + re.escape("".join(sorted(MARKDOWN_SPECIAL))) + "]")
TAG = re.compile(r"(<[^>]*>)")
URL_UNSAFE = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f]")
URL_SAFE = ":/?#@!$&*+,;=%~-._"


def safe_href(url: str, *, relative: bool) -> str | None:
    """A link with an allowed scheme, a same-page anchor or (where `relative`) a path on this site.

    Anything else is dropped. Characters that could end an attribute or start Markdown inside it
    on a later pass (brackets and parentheses make a link before raw HTML is recognised) are
    percent-encoded.
    """
    url = quote(url, safe=URL_SAFE)
    if url.startswith("#"):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme and not parts.netloc:
        return url if relative else None
    return url if parts.scheme.lower() in SAFE_SCHEMES else None


def record_href(element: str, attribute: str, value: str) -> str | None:
    """Record text links to other sites, to its citations or to another case (by id, resolved by the plugin):
    MkDocs resolves no relative path in it."""
    if attribute != "href":
        return value
    return value if CASE_LINK.match(value) else safe_href(value, relative=False)


def page_attribute(element: str, attribute: str, value: str) -> str | None:
    """Links as `safe_href` allows them; form fields only of the kinds the checklist uses."""
    if attribute == "href":
        return safe_href(value, relative=True)
    if element == "input" and attribute == "type":
        return value if value in INPUT_TYPES else None
    if attribute == SEARCH_EXCLUDE:
        return "true"  # a value, whatever the page wrote, so that Material's search finds and removes the mark
    return value


FRAGMENT_CLEANERS = {
    inline: nh3.Cleaner(tags=set(INLINE_TAGS if inline else BLOCK_TAGS), clean_content_tags={"script", "style"},
                        attributes={"a": {"href"}}, attribute_filter=record_href, link_rel=None,
                        url_schemes={*SAFE_SCHEMES, CASE_LINK_SCHEME})
    for inline in (True, False)
}
PAGE_CLEANER = nh3.Cleaner(tags=set(PAGE_TAGS), clean_content_tags={"script", "style"},
                           attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
                           attribute_filter=page_attribute, link_rel=None, url_schemes=set(SAFE_SCHEMES),
                           filter_style_properties={"text-align"})
"""Tables' column alignment is the only style a page keeps (Python-Markdown writes it as a style)."""
TEXT_CLEANER = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"})


@lru_cache(maxsize=1)
def markdown_converter() -> markdown.Markdown:
    """Python-Markdown without raw HTML, images or any extension: text, emphasis, lists, links."""
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    for name in ("html", "image_link", "image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name)
    return converter


CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)


def code_once_escaped(match: re.Match[str]) -> str:
    """Markdown escapes the "&" of code itself, after `render_markdown` has escaped every "&" once."""
    return f"<code>{match.group(1).replace('&amp;amp;', '&amp;')}</code>"


def render_markdown(text: str) -> str:
    """Record Markdown → HTML, where `&` is always just an ampersand, never a character reference.

    A reference (`&lt;img …&gt;`) would show markup-looking text, which any script that reads
    a page's text and writes it back as HTML (Material's tooltips did) turns into markup again.
    """
    converter = markdown_converter()
    try:
        return CODE.sub(code_once_escaped, converter.convert(text.replace("&", "&amp;")))
    except RecursionError:  # lists or quotes nested hundreds deep; `text_issues` tells the maintainer
        markdown_converter.cache_clear()  # a converter interrupted mid-parse is not to be trusted again
        return f"<p>{html.escape(text)}</p>"
    finally:
        converter.reset()


def inert(fragment: str) -> str:
    """Encode, in the text between tags, every character a later Markdown pass could act on.

    A numeric character reference shows the same character in the browser, but Markdown
    treats it as an opaque entity: no emphasis, link, attribute list or table cell can start
    from record text. Newlines become spaces, so the fragment also fits on one Markdown line.
    """
    parts = TAG.split(fragment)
    for index in range(0, len(parts), 2):
        parts[index] = ENTITY_OR_SPECIAL.sub(encode_special, parts[index])
    return LIST_NUMBER.sub(r"\1&#46;", "".join(part.replace("\n", " ") for part in parts), count=1)


LIST_NUMBER = re.compile(r"^(\s*\d+)\.")
"""A number and a full stop where a fragment starts a line: Markdown would start a numbered list ("1. …")."""


def encode_special(match: re.Match[str]) -> str:
    found = match.group()
    if found in "\n\r":
        return " "
    return found if len(found) > 1 else f"&#{ord(found)};"


def to_html(text: str, *, inline: bool) -> Markup:
    """Record Markdown → sanitized, inert HTML for a page: inline for headings, list items and cells."""
    return rendered(text, inline)


@lru_cache(maxsize=8192)
def rendered(text: str, inline: bool) -> Markup:
    """Cached: a title or summary is shown on many pages (overview, cards, principles, sources)."""
    cleaned = FRAGMENT_CLEANERS[inline].clean(render_markdown(text))
    return Markup(inert(cleaned.strip()))


def clean_reference(reference_html: str) -> Markup:
    """pybtex's HTML for one reference, held to the same allowlist as record text."""
    return Markup(inert(FRAGMENT_CLEANERS[True].clean(reference_html)))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, HTML-escaped including quotes: safe in any attribute or element.

    Material prints a page's title and description from its front matter without escaping,
    so what goes there must already be escaped.
    """
    text = html.unescape(TEXT_CLEANER.clean(fragment))
    return html.escape(" ".join(text.split()), quote=True)


CITATION_ANCHOR_PREFIX = "kilde-"
QUESTION_ANCHOR_PREFIX = "spm-"
AREA_ANCHOR_PREFIX = "omraade-"
FORM_ID_PREFIXES = ("svar-", "note-")
"""The checklist's answer buttons (svar-<question>-<value>) and notes (note-<area>)."""
"""Ids made from record data live in their own namespaces, apart from each other and from headings."""


def heading_slug(text: str, separator: str) -> str:
    """The toc extension's id for a heading, kept out of the references' and questions' namespaces.

    A heading made from record text ("Kilde jensen2018") would otherwise get the id of a
    reference and take over every citation link to it.
    """
    slug = slugify(text, separator)
    reserved = slug.startswith((CITATION_ANCHOR_PREFIX, QUESTION_ANCHOR_PREFIX, AREA_ANCHOR_PREFIX, *FORM_ID_PREFIXES))
    return f"afsnit{separator}{slug}" if reserved else slug


def sanitize_page(page_html: str) -> str:
    """The whole rendered page body, held to the allowlist of what our templates produce."""
    return PAGE_CLEANER.clean(page_html)


@dataclass(frozen=True)
class TextIssue:
    """Something in record text the site will not show as the writer meant."""

    offset: int
    kind: str
    """One of: html, image, link, case_link, relative_link, attributes, nesting."""
    detail: str = ""


HTML_LIKE = re.compile(r"<[A-Za-z/!?]")
LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])"
"""What starts a list item: a bullet, or a number with a full stop or parenthesis."""
SENTENCE_END = re.compile(r"(?<=[.!?])(?:[ \t]+|[ \t]*\n[ \t]*)(?=[*_]*[A-ZÆØÅ])")
"""Where a sentence ends: '. ', '! ' or '? ' (or a line break) before a capital letter, emphasised or not.
"ca. 50 pct. af" and "m.fl. beskriver" run on; a blank line is a paragraph's end, not matched here."""
NESTING_MARKER = re.compile(rf"[ \t]*(?:{LIST_MARKER}(?:[ \t]+|$)|>[ \t]*)")
MAX_NESTING = 10
"""Lists and quotes inside each other: readable text needs a few levels; Markdown recurses per level."""
MAYBE_TOO_DEEP = re.compile(rf"^[ \t>*+\-.)\d]{{{MAX_NESTING + 1}}}", re.MULTILINE)
"""A line that could be nested more than MAX_NESTING deep: each level (a marker, a quote's '>', four spaces or a
tab of indent) takes at least one of these characters at the line's start (any digit: Markdown numbers a list
with '١.' too), so a text without such a line is spared measuring every line's depth."""
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[#.:\w-][^{}\n]*\}")


class LinkCollector(HTMLParser):
    """The link targets in one rendered text, with character references decoded as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value or "" for name, value in attrs if name == "href"]


def text_issues(text: str) -> list[TextIssue]:
    """What a maintainer should fix in one text before it is published (linear-time checks only)."""
    issues = [TextIssue(match.start(), "html") for match in HTML_LIKE.finditer(text)][:1]
    issues += [TextIssue(match.start(), "attributes", match.group()) for match in ATTRIBUTE_LIST.finditer(text)
               if "=" in match.group() or match.group()[1:].lstrip(": \t")[:1] in "#."][:1]
    lines = text.replace("\r", "\n")  # Markdown breaks lines at a carriage return too; the offsets stay
    if MAYBE_TOO_DEEP.search(lines):
        deepest = max((nesting_depth(line), offset) for line, offset in lines_with_offsets(lines))
        if deepest[0] > MAX_NESTING:
            return [*issues, TextIssue(deepest[1], "nesting", str(deepest[0]))]
    if "![" in text:
        issues.append(TextIssue(text.index("!["), "image"))
    collector = LinkCollector()
    if may_hold_link(text):
        collector.feed(render_markdown(text))
    for href in collector.hrefs:
        if CASE_LINK.match(href):
            continue  # the id is checked against the cases (validate.check_case_links)
        if safe_href(href, relative=False) is None or href.startswith("#"):
            kind = ("relative_link" if is_relative(href) else
                    "case_link" if href.lower().startswith(f"{CASE_LINK_SCHEME}:") else "link")
            issues.append(TextIssue(text.find(href) if href in text else 0, kind, href))
    return issues


CITATION_NOT_LINK = re.compile(r"\[@[^\[\]\\]*\](?!\(|\s*\[|:[ \t]*(?:\r\n?|\n)?[ \t]*\S)")
"""A citation marker (citations.MARKER, without a backslash that would escape its bracket) that Markdown
cannot read as a link, a link's label or a link reference definition's: no '(' follows it, no '[' after any
space, and no ':' with an address after it on the same or the next line. Most record texts hold no
bracket but these; a lead-in ending in a citation and ':' before a list is still one."""


def may_hold_link(text: str) -> bool:
    """Whether Markdown could find a link in `text`: every link it knows starts with '[' or '<'. Rendering
    a text only to find its links is most of what `katalog check` spends; a text without is spared it."""
    return "<" in text or "[" in CITATION_NOT_LINK.sub("", text)


def case_link_ids(text: str) -> list[str]:
    """The case ids a text links to, in every form Markdown has for a link (inline, reference, with a
    title), as the page will render them: a check on the source text alone would miss some."""
    if f"{CASE_LINK_SCHEME}:" not in text.lower():
        return []
    collector = LinkCollector()
    collector.feed(render_markdown(text))
    return [match.group(1) for href in collector.hrefs if (match := CASE_LINK.match(href))]


def lines_with_offsets(text: str) -> list[tuple[str, int]]:
    offsets = [0] + [match.end() for match in re.finditer("\n", text)]
    return list(zip(text.split("\n"), offsets))


def nesting_depth(line: str) -> int:
    """How deep a line's list items and quotes are nested: markers at its start plus 4-space indents."""
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    depth, position = 0, 0
    while (marker := NESTING_MARKER.match(line, position)) and marker.end() > position:
        depth, position = depth + 1, marker.end()
    return depth + indent // 4


def is_relative(href: str) -> bool:
    """A path on this site (`../x/`, `x.md`), not a disguised scheme (`&#106;avascript:…`)."""
    before_path = href.split("/", 1)[0]
    return bool(href.strip()) and ":" not in before_path and not URL_UNSAFE.search(href)
