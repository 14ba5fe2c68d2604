"""The catalogue as search documents: one per case, principle, prerequisite, model and source.

Built from the validated records, never from the HTML, with each record's fields kept apart so
a query can ask for one (`kommune:Assens`) and the ranking can weigh them.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from .. import markup
from ..catalogue import Catalogue
from ..citations import anchor, plain_words
from ..render import BIBLIOGRAPHY, case_uri, principle_uri
from ..schema import Case, Kind, Principle

CASE_TYPE = "eksempel"
SOURCE_TYPE = "kilde"
KIND_TYPES = {Kind.principle: "princip", Kind.prerequisite: "forudsaetning", Kind.model: "model"}
TYPE_LABELS = {CASE_TYPE: "eksempel", KIND_TYPES[Kind.principle]: "princip",
               KIND_TYPES[Kind.prerequisite]: "forudsætning", KIND_TYPES[Kind.model]: "model", SOURCE_TYPE: "kilde"}
"""The type of each document as a user names it: the word `type:` takes and a result shows."""


@dataclass(frozen=True)
class SearchDocument:
    src_uri: str
    """The page's source path, as render.py names it: "eksempler/assens-job-og-familie.md" or "kilder.md"."""
    anchor: str
    """The document's place on the page ("kilde-x" for a source), or "" for the whole page."""
    type: str
    title: str
    body: str
    municipality: str = ""
    target_groups: str = ""
    models: tuple[str, ...] = ()
    """The ids of the organisation models the case follows, with their titles in `model_title`."""
    model_title: str = ""
    principles: tuple[str, ...] = ()
    """The ids of the principles and prerequisites the case shows, with their titles in `principle_titles`."""
    principle_titles: str = ""
    tags: tuple[str, ...] = ()
    tag_labels: str = ""
    authors: str = ""
    """A source's author–year label, e.g. "Holm-Petersen m.fl. 2019"."""

    @property
    def path(self) -> str:
        """The page, relative to the site's root as `katalog search` shows it: "eksempler/x/" or "kilder/#kilde-x"."""
        return f"{page_path(self.src_uri)}#{self.anchor}" if self.anchor else page_path(self.src_uri)


def page_path(src_uri: str) -> str:
    """A page's address below the site's root, as MkDocs writes it with directory URLs."""
    stem = src_uri.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def case_document(case: Case, principles: dict[str, Principle], catalogue: Catalogue) -> SearchDocument:
    shown = [*case.principles, *case.prerequisites]
    sections = case.sections
    texts = [case.summary, sections.background, sections.effort, sections.organisation, sections.results,
             sections.challenges, sections.lessons, *(item.how for item in case.organisation_models),
             *(f"{role.title}: {role.description}" for role in case.roles),
             *(result.measures for result in case.results), *(item.how for item in shown)]
    return SearchDocument(
        src_uri=case_uri(case), anchor="", type=CASE_TYPE, title=plain_words(case.title),
        body="\n".join(plain_words(text) for text in texts),
        municipality=", ".join(plain_words(name) for name in case.municipalities),
        target_groups="\n".join(plain_words(group) for group in case.target_groups),
        models=tuple(item.id for item in case.organisation_models),
        model_title="\n".join(plain_words(principles[item.id].title) for item in case.organisation_models),
        principles=tuple(item.id for item in shown),
        principle_titles="\n".join(plain_words(principles[item.id].title) for item in shown),
        tags=tuple(case.tags), tag_labels="\n".join(catalogue.vocabulary[tag].label for tag in case.tags),
    )


def principle_document(principle: Principle) -> SearchDocument:
    texts = [principle.short, principle.description, *(question.text for question in principle.questions)]
    return SearchDocument(src_uri=principle_uri(principle), anchor="", type=KIND_TYPES[principle.kind],
                          title=plain_words(principle.title), body="\n".join(plain_words(text) for text in texts))


def source_documents(catalogue: Catalogue) -> list[SearchDocument]:
    return [SearchDocument(src_uri=BIBLIOGRAPHY, anchor=anchor(key), type=SOURCE_TYPE,
                           title=" ".join(source.title.split()) or source.label, authors=source.label,
                           body=html.unescape(markup.plain_text(source.reference_html)))
            for key, source in catalogue.bibliography.sources.items()]


def search_documents(catalogue: Catalogue) -> list[SearchDocument]:
    """Every document of the catalogue, cases first."""
    principles = catalogue.principles_by_id
    return [*(case_document(case, principles, catalogue) for case in catalogue.cases),
            *(principle_document(principle) for principle in catalogue.principles),
            *source_documents(catalogue)]
