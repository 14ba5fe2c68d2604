"""A problem found in the catalogue's input, told so a maintainer can fix it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

Item = TypeVar("Item")

LISTED = 50
"""Most items of one kind a report or a list of warnings names (figures, uncited paragraphs, copies of a
source): a maintainer reads them all, and a huge file must not make a huge summary (GitHub cuts a step
summary at 1 MiB). The rest are counted."""


def first_listed(items: Iterable[Item]) -> tuple[list[Item], int]:
    """The first LISTED items, and how many more there are: those are only counted, never made or shown."""
    remaining = iter(items)
    return list(islice(remaining, LISTED)), sum(1 for _ in remaining)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file: where, what, and what to do about it."""

    path: Path
    message: str
    hint: str
    line: int | None = None

    def __str__(self) -> str:
        return self.told()

    def told(self, marked: str = "") -> str:
        """'file:line: message' and the fix below it; `marked` goes before the message ('Advarsel: ')."""
        shown = shown_path(self.path)
        where = f"{shown}:{self.line}" if self.line else f"{shown}"
        return f"{where}: {marked}{self.message}\n    Gør sådan: {self.hint}"


def shown_path(path: Path) -> Path:
    """The path as the maintainer typed it, relative to the current folder when it lies in it.

    Links are not resolved: a link's target is nobody's business in a message.
    """
    try:
        absolute = Path(os.path.abspath(path))
        return absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else path
    except OSError:  # the current folder was deleted
        return path


def count_phrase(count: int) -> str:
    """'1 problem', '3 problemer': the Danish count every report starts with."""
    return "1 problem" if count == 1 else f"{count} problemer"


def warning_phrase(count: int) -> str:
    """'1 advarsel', '3 advarsler'."""
    return "1 advarsel" if count == 1 else f"{count} advarsler"


def in_order(problems: list[Problem]) -> list[Problem]:
    """By file, then line: the order a maintainer works through them."""
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0))


def warning_report(warnings: list[Problem]) -> str:
    """Warnings, which never stop a build (already in order): each marked 'Advarsel' after its file and line."""
    body = "\n".join(warning.told("Advarsel: ") for warning in warnings)
    return f"Kataloget har {warning_phrase(len(warnings))} (de stopper ikke bygningen):\n{body}"


class CatalogueError(Exception):
    """Raised with every problem found, so one run reports them all.

    `warnings` are what was found besides, in the order they were made (see `catalogue.load_catalogue`),
    told after the problems (see `warning_report`).
    """

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = in_order(problems)
        self.warnings = warnings or []
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        heading = count_phrase(count)
        body = "\n".join(str(problem) for problem in self.problems)
        return f"Kataloget har {heading}:\n{body}"
