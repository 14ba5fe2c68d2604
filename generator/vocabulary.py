"""The controlled tag vocabulary: which tags a case may use, and the Danish name of each.

The vocabulary is data, by default the package's `generator/data/tags.yml` (the plugin's `tags`
option names another), a mapping slug → label and description. It is read like any record (the
loader's size limit, no anchors or tags, lines kept) and checked by `validate.validate_vocabulary`;
a broken file is a problem with its line, never a crash.
"""

from __future__ import annotations

from pathlib import Path

from .loader import load_document
from .problems import Problem
from .schema import Tag
from .validate import validate_vocabulary

VOCABULARY = Path(__file__).resolve().parent / "data" / "tags.yml"
"""The vocabulary the package ships, which every project uses unless it names another."""

Vocabulary = dict[str, Tag]
"""Slug → tag, in the file's order."""


def load_vocabulary(path: Path) -> tuple[Vocabulary | None, list[Problem]]:
    """The vocabulary in `path`, or None with every problem found in it."""
    document, problem = load_document(path)
    if document is None:
        return None, [problem] if problem else []
    return validate_vocabulary(document)
