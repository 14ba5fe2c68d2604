"""Record files read before, kept while they are unchanged: `katalog serve` re-reads and re-checks only
the files an edit changed.

A file is unchanged while its version (loader.file_version: modification and change time, size, inode)
is; a change of permissions changes its change time, so a file made readable is read again. What is kept
for a file is what was read from it (a record file's document, or the problem that stopped it; the
bibliography) and the results of the checks of a document that read nothing but the document and inputs
kept here themselves, such as the bibliography.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .loader import Document, Version, file_version, load_document
from .problems import Problem

Read = TypeVar("Read")
Checked = TypeVar("Checked")


@dataclass
class Kept:
    version: Version
    read: Any
    """What the reader made of the file."""
    checked: dict[Callable[..., Any], tuple[tuple[object, ...], Any]] = field(default_factory=dict)
    """For each check of the file's document, the other inputs it ran with and its result."""


class RecordCache:
    """Each record file's document, and its own checks' results, by path."""

    def __init__(self) -> None:
        self._kept: dict[Path, Kept] = {}

    def read(self, path: Path, reader: Callable[[Path], Read]) -> Read:
        """`reader(path)`, run again only when the file's version changed. The version is taken before the
        file is read, so a change made while it is read is seen next time."""
        try:
            version = file_version(path)
        except OSError:
            self._kept.pop(path, None)
            return reader(path)
        kept = self._kept.get(path)
        if kept is None or kept.version != version:
            kept = self._kept[path] = Kept(version, reader(path))
        return kept.read

    def load(self, path: Path) -> tuple[Document | None, Problem | None]:
        """`path` as `load_document` reads it, read again only when it changed."""
        return self.read(path, load_document)

    def checked(self, document: Document, check: Callable[..., Checked], *inputs: object) -> Checked:
        """`check(document, *inputs)`, run once for each version of the document's file and each set of
        `inputs`, each the same object or an equal one: a catalogue-wide input, as the bibliography, stays the
        same object while its file is unchanged when it too is read through this cache; a day is equal to
        itself as a new object."""
        kept = self._kept.get(document.path)
        if kept is None or kept.read[0] is not document:  # a record file's `read` is load's (document, problem)
            return check(document, *inputs)
        if check not in kept.checked or not same_inputs(kept.checked[check][0], inputs):
            kept.checked[check] = (inputs, check(document, *inputs))
        return kept.checked[check][1]

    def keep_only(self, paths: set[Path]) -> None:
        """Forget the files not among `paths` (deleted or renamed since), so memory follows the catalogue."""
        for path in self._kept.keys() - paths:
            del self._kept[path]


def same_inputs(first: tuple[object, ...], second: tuple[object, ...]) -> bool:
    return len(first) == len(second) and all(one is other or one == other for one, other in zip(first, second))
