"""Records → Markdown pages, through the Jinja templates in generator/templates/.

Each page gets its own CitationRenderer, so its reference list holds exactly the works
it cites; the bibliography page is rendered last, from what every other page cited.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import labels, markup
from .catalogue import Catalogue
from .checklist import CHECKLIST_URI, area_anchor, checklist_areas, is_scored
from .facets import FACETS_URI, target_group_tags
from .citations import CitationRenderer, anchor, escape_markdown, plain_words, question_anchor, strip_citations
from .schema import Case, Kind, Principle

if TYPE_CHECKING:
    from .citing import Citing
    from .export import OpenData
    from .search.related import Related

CASES_DIR = "eksempler"
KIND_DIRS = {Kind.principle: "principper", Kind.prerequisite: "forudsaetninger", Kind.model: "organisering"}
TAGS_DIR = "emner"
TAGS_INDEX = f"{TAGS_DIR}/index.md"
HOME = "index.md"
ABOUT = "om.md"
CONTRIBUTE = "bidrag.md"
MATRIX = "matrix/index.md"
"""In a folder of its own, like the overview, so that the facet script is at the same relative address
whether MkDocs writes directory URLs or not."""
COMPARE = "sammenligning.md"
BIBLIOGRAPHY = "kilder.md"


@dataclass(frozen=True)
class Page:
    src_uri: str
    """Where MkDocs should think the page's Markdown lives, e.g. "eksempler/x.md"."""
    content: str


def case_uri(case: Case) -> str:
    return f"{CASES_DIR}/{case.id}.md"


def principle_uri(principle: Principle) -> str:
    return f"{KIND_DIRS[principle.kind]}/{principle.id}.md"


def tag_uri(slug: str) -> str:
    return f"{TAGS_DIR}/{slug}.md"


def kind_index_uri(kind: Kind) -> str:
    return f"{KIND_DIRS[kind]}/index.md"


def relative(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one page's source to another's; MkDocs resolves and checks it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def plain(text: str) -> Markup:
    """Record text as escaped plain characters, for an attribute value: no markup, no citations."""
    return Markup(markup.plain_text(markup.to_html(strip_citations(text), inline=True)))


def plain_inline(text: str) -> Markup:
    """Record text as plain characters in the page's Markdown: no markup of its own, and nothing the
    page's Markdown could read as a link or emphasis (a tag's name inside a link, say)."""
    return Markup(markup.inert(str(plain(text))))


SHORT_LIST = 3
"""Municipalities named in a line that lists a case among others; the rest are counted."""


def enumeration(items: list[str], shown: int | None = None, total: int | None = None) -> Markup:
    """Items of a page listed as a Danish sentence lists them (labels.enumeration), each escaped unless it
    is markup already."""
    return Markup(labels.enumeration([escape(item) for item in items], shown, total))


def municipalities(case: Case, shown: int | None = SHORT_LIST) -> Markup:
    """A case's municipalities as plain, inert words in the page's Markdown: "Aarhus Kommune, Randers
    Kommune, Viborg Kommune og 6 andre"."""
    return Markup(markup.inert(labels.enumeration([str(plain(name)) for name in case.municipalities], shown)))


def shown_anchor(principle: Principle) -> str:
    """The anchor of the passage on a case's page that tells how the case shows a principle or prerequisite."""
    return f"vist-{principle.id}"


def shown_by(case: Case, kind: Kind) -> dict[str, str]:
    """The principles (or prerequisites) a case shows, by id, with how it shows each."""
    items = case.principles if kind is Kind.principle else case.prerequisites
    return {item.id: item.how for item in items}


EXCERPT_LENGTH = 90
EXCERPT_FALLBACK = "Beskrevet"
"""A cell's text when the text has no words of its own (only a citation)."""


def excerpt(text: str) -> Markup:
    """The start of a text, for a cell that links to the whole: its first sentence, cut at a word
    boundary within EXCERPT_LENGTH characters (counted in what a reader sees), with " …" if shortened."""
    words = " ".join(plain_words(text).split())
    cut = markup.SENTENCE_END.split(words, maxsplit=1)[0]
    if len(cut) > EXCERPT_LENGTH:
        cut = cut[:EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    shown = f"{cut} …" if cut != words else cut
    return Markup(markup.inert(str(escape(shown or EXCERPT_FALLBACK))))


def front_matter_value(text: str) -> Markup:
    """Record text as a front matter value (title, description): plain, HTML-escaped, no citations.

    Written as a double-quoted string that YAML reads back whole: Jinja's `tojson` writes an
    emoji as a surrogate pair, which libyaml refuses, and MkDocs then shows the front matter
    as page text instead of using it.
    """
    return Markup(json.dumps(str(plain(text)), ensure_ascii=False))


@pass_context
def cite_filter(context: Context, prose: str) -> Markup:
    """The template's own Markdown prose (trusted), with its citations linked."""
    return context["refs"].prose(prose)


@cache
def make_environment() -> Environment:
    """Autoescape is on: only record text that went through `markup` is marked safe. One per process, so
    each template is compiled once (Jinja compiles it again when its file changes)."""
    environment = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
    )
    environment.filters.update(
        cite=cite_filter, front_matter=front_matter_value, plain=plain, plain_inline=plain_inline, number=labels.number,
        period=labels.period, date=labels.date, excerpt=excerpt, municipalities=municipalities, enumeration=enumeration,
    )
    environment.globals.update(
        labels=labels, Kind=Kind, case_uri=case_uri, principle_uri=principle_uri, kind_index_uri=kind_index_uri,
        tag_uri=tag_uri, TAGS_INDEX=TAGS_INDEX,
        CASES_INDEX=f"{CASES_DIR}/index.md", HOME=HOME, ABOUT=ABOUT, CONTRIBUTE=CONTRIBUTE, BIBLIOGRAPHY=BIBLIOGRAPHY,
        anchor=anchor,
        question_anchor=question_anchor, KIND_DIRS=KIND_DIRS, CHECKLIST_URI=CHECKLIST_URI, area_anchor=area_anchor, is_scored=is_scored,
        MATRIX=MATRIX, COMPARE=COMPARE, FACETS_URI=FACETS_URI, shown_by=shown_by, shown_anchor=shown_anchor,
    )
    return environment


class SiteRenderer:
    def __init__(self, catalogue: Catalogue, environment: Environment | None = None,
                 related: dict[str, list[Related]] | None = None, open_data: OpenData | None = None,
                 citing: Citing | None = None) -> None:
        """`related`: each case's id → the cases its page lists as related (computed by the search);
        `open_data`: the data files the Data page describes (written by the export stage), or no Data page;
        `citing`: makes each case's and principle's "how to cite this page", or none is shown."""
        self.catalogue = catalogue
        self.related = related or {}
        self.open_data = open_data
        self.citing = citing
        self.environment = environment or make_environment()
        self.principles = catalogue.principles_by_id
        self.showings = catalogue.showings
        self.cited_on: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def render(self) -> list[Page]:
        pages = [
            self._page("home.md.j2", HOME, "Forside"),
            self.cases_index_page(),
            self.matrix_page(),
            *(self.case_page(case) for case in self.catalogue.cases),
            *(self._page("kind_index.md.j2", kind_index_uri(kind), labels.KIND_PLURAL[kind], kind=kind)
              for kind in Kind),
            *(self.principle_page(principle) for principle in self.catalogue.principles),
            self._page("tags_index.md.j2", TAGS_INDEX, "Emner"),
            *(self.tag_page(slug) for slug in self.catalogue.vocabulary),
            self.checklist_page(),
            self._page("contribute.md.j2", CONTRIBUTE, "Bidrag"),
            self._page("about.md.j2", ABOUT, "Om kataloget"),
            self._page("compare.md.j2", COMPARE, "Sammenlign eksempler"),
        ]
        if self.open_data is not None:
            pages.append(self._page("data.md.j2", self.open_data.page, "Data"))
        pages.append(self._page("bibliography.md.j2", BIBLIOGRAPHY, "Kilder", cited_on=self.cited_on))
        return pages

    def case_page(self, case: Case) -> Page:
        return self._page("case.md.j2", case_uri(case), case.title, case=case, related=self.related.get(case.id, []))

    def listing_pages(self, cases: Collection[Case]) -> list[Page]:
        """The other pages that show what these cases' records say (their titles, summaries, how each shows a
        principle): the overview, the matrix, their principles' and tags' pages, the checklist where it
        recommends one of them, and the pages of the cases that name one of them as related. Counts and the
        sources' page, which every page's citations make, are left out."""
        ids = {case.id for case in cases}
        shown = {item.id for case in cases
                 for item in (*case.organisation_models, *case.principles, *case.prerequisites)}
        tags = {slug for case in cases for slug in case.tags}
        recommended = {showing.case.id for _, areas in checklist_areas(self.catalogue) for area in areas
                       for showing in area.recommended}
        return [self.cases_index_page(), self.matrix_page(),
                *(self.principle_page(principle) for principle in self.catalogue.principles if principle.id in shown),
                *(self.tag_page(slug) for slug in self.catalogue.vocabulary if slug in tags),
                *([self.checklist_page()] if ids & recommended else []),
                *(self.case_page(case) for case in self.catalogue.cases
                  if case.id not in ids and any(item.case.id in ids for item in self.related.get(case.id, [])))]

    def cases_index_page(self) -> Page:
        return self._page("cases_index.md.j2", f"{CASES_DIR}/index.md", "Eksempler",
                          target_groups=target_group_tags(self.catalogue))

    def matrix_page(self) -> Page:
        return self._page("matrix.md.j2", MATRIX, "Principper og forudsætninger i eksemplerne")

    def principle_page(self, principle: Principle) -> Page:
        return self._page("principle.md.j2", principle_uri(principle), principle.title, principle=principle,
                          showings=self.showings[principle.id])

    def tag_page(self, slug: str) -> Page:
        tag = self.catalogue.vocabulary[slug]
        return self._page("tag.md.j2", tag_uri(slug), escape_markdown(plain_words(tag.label)), slug=slug, tag=tag,
                          cases=self.catalogue.tagged[slug])

    def checklist_page(self) -> Page:
        return self._page("checklist.md.j2", CHECKLIST_URI, "Selvevaluering", areas=checklist_areas(self.catalogue))

    def _page(self, template: str, uri: str, title: str, **context: Any) -> Page:
        refs = CitationRenderer(self.catalogue.bibliography)
        content = self.environment.get_template(template).render(
            catalogue=self.catalogue, principles=self.principles, refs=refs, title=title,
            link=lambda target: relative(uri, target), **{"open_data": self.open_data, "citing": self.citing, **context},
        )
        for key in refs.cited:
            self.cited_on[key].append((uri, title))
        return Page(uri, content)


TEMPLATES = Path(__file__).resolve().parent / "templates"
CODE_SPAN = re.compile(r"`[^`\n]*`")


def template_prose() -> list[tuple[Path, str]]:
    """The templates' own text, for the catalogue to check their citations with the records'.

    Code spans are blanked (keeping every line in place): there the syntax is shown, not used.
    """
    return [(path, CODE_SPAN.sub(lambda span: " " * len(span.group()), path.read_text(encoding="utf-8")))
            for path in sorted(TEMPLATES.glob("*.j2"))]


def render_site(catalogue: Catalogue, related: dict[str, list[Related]] | None = None,
                open_data: OpenData | None = None, citing: Citing | None = None) -> list[Page]:
    return SiteRenderer(catalogue, related=related, open_data=open_data, citing=citing).render()
