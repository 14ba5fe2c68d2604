"""The search's synonym list: words a user takes to mean the same, e.g. koordinator and tovholder.

Like the tag vocabulary it is data (by default the package's `generator/data/synonyms.yml`; the
plugin's `synonyms` option names another), read like any record and checked, so a broken file is
a problem with its line, never a crash.
"""

from __future__ import annotations

from pathlib import Path

from .loader import load_document
from .problems import Problem
from .validate import validate_synonyms

SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.yml"

SynonymGroups = tuple[tuple[str, ...], ...]


def load_synonyms(path: Path) -> tuple[SynonymGroups | None, list[Problem]]:
    """The synonym groups in `path`, or None with every problem found in it."""
    document, problem = load_document(path)
    if document is None:
        return None, [problem] if problem else []
    groups, problems = validate_synonyms(document)
    return (None, problems) if groups is None else (tuple(tuple(group) for group in groups), [])
