"""The controlled tag vocabulary: which tags a case may use, and the Danish name of each.

The vocabulary is data, `generator/data/tags.yml`, a mapping slug → label and description.
It is read like any record (the loader's size limit, no anchors or tags, lines kept) and
checked against `schema.Tags`; a broken file is a problem with its line, never a crash.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .loader import SLUG, Document, load_document, shorten, slugify
from .problems import Problem, shown_path
from .schema import MAX_ID, MAX_ITEMS, Tag, Tags
from .validate import check_markup, schema_problem

VOCABULARY = Path(__file__).resolve().parent / "data" / "tags.yml"
"""The vocabulary the package ships; a project's `Sources` may name another file."""
VOCABULARY_NAME = "generator/data/tags.yml"
"""The file as messages name it to a maintainer."""

TAGS = TypeAdapter(Tags)
KEY = "[key]"
"""The last part of pydantic's location for a problem with a mapping's key rather than its value."""


@dataclass(frozen=True)
class Vocabulary(Mapping[str, Tag]):
    """Slug → tag, in the file's order."""

    tags: dict[str, Tag] = field(default_factory=dict)
    path: Path = VOCABULARY

    @property
    def name(self) -> str:
        """The file as a maintainer finds it in the repository."""
        return VOCABULARY_NAME if self.path == VOCABULARY else str(shown_path(self.path))

    def suggestions(self, unknown: str) -> list[str]:
        """The tags a mistyped slug may have meant: close slugs, then slugs whose label is close."""
        by_label = {slugify(tag.label): slug for slug, tag in self.tags.items()}
        close = [*difflib.get_close_matches(unknown, list(self.tags), n=3),
                 *(by_label[form] for form in difflib.get_close_matches(unknown, list(by_label), n=3))]
        return list(dict.fromkeys(close))[:3]

    def __getitem__(self, slug: str) -> Tag:
        return self.tags[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tags)

    def __len__(self) -> int:
        return len(self.tags)


def load_vocabulary(path: Path) -> tuple[Vocabulary | None, list[Problem]]:
    """The vocabulary in `path`, or None with every problem found in it."""
    document, problem = load_document(path)
    if document is None:
        return None, [problem] if problem else []
    problems = check_markup(document)
    try:
        tags = TAGS.validate_python(document.data)
    except ValidationError as error:
        return None, [*(tag_problem(document, detail) for detail in error.errors()), *problems]
    return (None, problems) if problems else (Vocabulary(tags, path), [])


def tag_problem(document: Document, detail: Any) -> Problem:
    """A schema problem in the vocabulary; a bad slug is told as a bad tag id, with a better one."""
    location = tuple(detail["loc"])
    if location[-1:] != (KEY,):
        return schema_problem(document, detail)
    key = str(location[0])
    line = document.line_of(location[:1])
    if len(key) > MAX_ID:
        return Problem(document.path, f"Emnets id '{shorten(key)}' er for langt: højst {MAX_ID} tegn.",
                       "Giv emnet et kortere id.", line)
    return Problem(
        document.path,
        f"Emnets id '{shorten(key)}' er ikke gyldigt: brug kun små bogstaver a-z, tal og bindestreg.",
        f"Omdøb det, fx til '{slugify(key)}', og skriv det danske navn med æ, ø og å under 'label'.",
        line,
    )


def check_tags(document: Document, vocabulary: Vocabulary) -> list[Problem]:
    """Every tag of a case is in the vocabulary, once; a tag that is no slug is left to the schema.

    Like the other references, read from the loaded data, valid or not, so that a schema error
    elsewhere in the file does not hide these problems; a list too long for the schema is left to
    its message, so that a hundred copies of one mistake are not told a hundred times.
    """
    tags = document.data.get("tags")
    if not isinstance(tags, list) or len(tags) > MAX_ITEMS:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, tag in enumerate(tags):
        if not isinstance(tag, str) or not SLUG.match(tag):
            continue
        line = document.line_of(("tags", index))
        if tag in seen:
            problems.append(Problem(document.path, f"Emnet '{tag}' står to gange under 'tags'.",
                                    "Slet den ene forekomst.", line))
        elif tag not in vocabulary:
            problems.append(unknown_tag(document.path, tag, line, vocabulary))
        seen.add(tag)
    return problems


def unknown_tag(path: Path, tag: str, line: int | None, vocabulary: Vocabulary) -> Problem:
    close = vocabulary.suggestions(tag)
    named = [f"'{slug}' ({shorten(vocabulary[slug].label)})" for slug in close]
    meant = " eller ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    suggestion = f"Mente du {meant}? " if close else ""
    return Problem(
        path,
        f"Emnet '{shorten(tag)}' findes ikke i listen over emner, {vocabulary.name}.",
        f"{suggestion}Brug et emne, der står i {vocabulary.name}, eller tilføj det nye emne dér "
        "med et dansk navn ('label') og en beskrivelse på én linje ('description').",
        line,
    )
