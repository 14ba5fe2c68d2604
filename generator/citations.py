"""The citation syntax of record text: [@key], [@key, s. 12] and [@a; @b].

Validation uses `MARKER` and `parse_marker` to find what a text cites; rendering uses
`CitationRenderer` to turn the markers into author–year links and to remember what each page cited.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from markupsafe import Markup

from . import markup
from .bibliography import Bibliography, Source
from .schema import CITE_KEY_PATTERN

MARKER = re.compile(r"\[(@[^\[\]]*)\]")
ITEM = re.compile(rf"^@(?P<key>{CITE_KEY_PATTERN})\s*(?:,\s*(?P<locator>.+))?$")


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str | None


def parse_marker(inner: str) -> list[Citation | str]:
    """The citations in one marker; a malformed item is returned as its raw text."""
    parsed: list[Citation | str] = []
    for item in inner.split(";"):
        match = ITEM.match(item.strip())
        parsed.append(Citation(match["key"], match["locator"]) if match else item.strip())
    return parsed


def anchor(key: str) -> str:
    return f"{markup.CITATION_ANCHOR_PREFIX}{key}"


def question_anchor(question_id: str) -> str:
    """A reflection question's anchor, stable as long as its id is: saved checklist answers point at it."""
    return f"{markup.QUESTION_ANCHOR_PREFIX}{question_id}"


@dataclass
class CitationRenderer:
    """Renders the citations of one page and remembers which sources it cited."""

    bibliography: Bibliography
    cited: dict[str, None] = field(default_factory=dict)

    def block(self, text: str) -> Markup:
        """Record text as paragraphs and lists, citations linked: sanitized, inert HTML."""
        return markup.to_html(self._markdown(text), inline=False)

    def inline(self, text: str) -> Markup:
        """Record text for a heading, list item or table cell: one line of sanitized, inert HTML."""
        return markup.to_html(self._markdown(text), inline=True)

    def cite(self, key: str) -> Markup:
        """One author–year link, for a figure's source column."""
        return markup.to_html(self._link(Citation(key, None)), inline=True)

    def prose(self, prose: str) -> Markup:
        """A template's own Markdown, which is trusted, with its citations as links."""
        return Markup(self._markdown(str(prose)))

    def _markdown(self, text: str) -> str:
        return MARKER.sub(self._marker, text)

    def sources(self) -> list[Source]:
        return self.bibliography.ordered(set(self.cited))

    def _marker(self, match: re.Match[str]) -> str:
        """'(Assens Kommune u.å.a, u.å.b, 2017; Jensen m.fl. 2018)': consecutive works of one author
        are named once, each year its own link; with a page number, years part by ';' instead of ','."""
        runs: list[list[Citation] | str] = []
        for item in parse_marker(match.group(1)):
            last = runs[-1] if runs else None
            if isinstance(item, Citation) and isinstance(last, list) and self._names(last[0]) == self._names(item):
                last.append(item)
            else:
                runs.append([item] if isinstance(item, Citation) else item)
        return "(" + "; ".join(run if isinstance(run, str) else self._run(run) for run in runs) + ")"

    def _names(self, citation: Citation) -> str:
        return self.bibliography.sources[citation.key].names

    def _run(self, run: list[Citation]) -> str:
        separator = "; " if any(citation.locator for citation in run) else ", "
        return separator.join(self._link(citation, with_names=index == 0) for index, citation in enumerate(run))

    def _link(self, citation: Citation, with_names: bool = True) -> str:
        self.cited[citation.key] = None
        source = self.bibliography.sources[citation.key]
        label = source.label if with_names else source.year_label
        if citation.locator:
            label = f"{label}, {citation.locator}"
        return f"[{escape_markdown(label)}](#{anchor(citation.key)})"


MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: a source's label may hold any character."""
    return MARKDOWN_ESCAPABLE.sub(r"\\\1", " ".join(text.split()))


def strip_citations(text: str) -> str:
    """Text without citation markers, for places that cannot hold links (page descriptions)."""
    return " ".join(MARKER.sub("", text).split()).replace(" .", ".").replace(" ,", ",")


PLAIN_WORDS = re.compile(r"[^\W_]+(?:[ -][^\W_]+)*")
"""Letters and digits, with single spaces and hyphens between them: text Markdown shows as written, as most names
and titles are, so `plain_words` need not render it (the check asks for every case's names)."""


def plain_words(text: str) -> str:
    """Record text as the words a reader sees, unescaped: no markup, no citation markers. For the
    search and the data files, never for HTML."""
    if PLAIN_WORDS.fullmatch(text):
        return text
    return html.unescape(markup.plain_text(markup.to_html(strip_citations(text), inline=False)))


def plain_name(text: str) -> str:
    """A name (a municipality) as lists and filters tell names apart: its plain words, spaces collapsed, in
    Unicode's composed form, so that "å" typed as one character or as "a" and a ring is one name."""
    return unicodedata.normalize("NFC", " ".join(plain_words(text).split()))
