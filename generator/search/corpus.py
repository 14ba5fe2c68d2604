"""The catalogue as the search sees it: its documents and the lexicon of their words, made once.

The index, the site search's tuning and the related cases all need both; a build makes them once
and hands them on, since turning every record's Markdown into plain text is not free.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from . import engine
from .documents import SearchDocument, search_documents
from .lexicon import Lexicon


@dataclass(frozen=True)
class Corpus:
    documents: list[SearchDocument]
    """One per case, principle, prerequisite, model and source, cases first in the catalogue's order."""
    lexicon: Lexicon


def corpus_of(catalogue: Catalogue) -> Corpus:
    documents = search_documents(catalogue)
    return Corpus(documents, engine.lexicon_of(documents, catalogue.synonyms))
