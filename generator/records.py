"""Record files read before, kept while they are unchanged: `katalog serve` re-reads and re-checks only
the files an edit changed.

A file is unchanged while its version (loader.file_version: modification and change time, size, inode)
is; a change of permissions changes its change time, so a file made readable is read again. What is kept
for a file is what depends on that file alone: its document (or the problem that stopped it) and the
results of the checks that read nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Document, Version, file_version, load_document
from .problems import Problem

FileCheck = Callable[[Document], list[Problem]]


@dataclass
class Kept:
    version: Version
    document: Document | None
    problem: Problem | None
    checked: dict[FileCheck, list[Problem]] = field(default_factory=dict)


class RecordCache:
    """Each record file's document, and its own checks' results, by path."""

    def __init__(self) -> None:
        self._kept: dict[Path, Kept] = {}

    def load(self, path: Path) -> tuple[Document | None, Problem | None]:
        """`path` as `load_document` reads it, read again only when its version changed. The version is
        taken before the file is read, so a change made while it is read is seen next time."""
        try:
            version = file_version(path)
        except OSError:
            self._kept.pop(path, None)
            return load_document(path)
        kept = self._kept.get(path)
        if kept is None or kept.version != version:
            kept = self._kept[path] = Kept(version, *load_document(path))
        return kept.document, kept.problem

    def checked(self, document: Document, check: FileCheck) -> list[Problem]:
        """`check(document)`, run once for each version of the document's file."""
        kept = self._kept.get(document.path)
        if kept is None or kept.document is not document:
            return check(document)
        if check not in kept.checked:
            kept.checked[check] = check(document)
        return kept.checked[check]

    def keep_only(self, paths: set[Path]) -> None:
        """Forget the files not among `paths` (deleted or renamed since), so memory follows the catalogue."""
        for path in self._kept.keys() - paths:
            del self._kept[path]
