"""The self-assessment checklist: which areas it scores, in what order, and which cases show each.

Everything here comes from the records at build time, so a question or case added to
`principles/` or `cases/` appears on the checklist with no change to templates or scripts.
The answers themselves never reach the server: the page's scripts keep them in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue, Showing
from .markup import AREA_ANCHOR_PREFIX
from .schema import Kind, Principle

CHECKLIST_URI = "selvevaluering/index.md"
AREA_KINDS = {Kind.prerequisite: "F", Kind.principle: "P"}
"""The kinds the checklist scores, in page order, with the letter of their short code (F1, P1).
Organisation models are not scored: they are ways to organise, not something to be ready for."""
RECOMMENDED_CASES = 5
"""Cases recommended per area; the rest are a link away on the area's own page, so the checklist
page does not grow with every case the catalogue gains."""


@dataclass(frozen=True)
class Area:
    """One scored part of the checklist: a prerequisite or principle with its questions."""

    principle: Principle
    showings: list[Showing]
    """The cases that show it: the recommendations when this area scores low."""

    @property
    def recommended(self) -> list[Showing]:
        return self.showings[:RECOMMENDED_CASES]

    @property
    def code(self) -> str:
        return f"{AREA_KINDS[self.principle.kind]}{self.principle.number}"


def is_scored(principle: Principle) -> bool:
    return principle.kind in AREA_KINDS


def area_anchor(principle: Principle) -> str:
    """The heading of the principle's part of the checklist; principle pages link to it."""
    return f"{AREA_ANCHOR_PREFIX}{principle.id}"


def checklist_areas(catalogue: Catalogue) -> list[tuple[Kind, list[Area]]]:
    """The scored areas grouped by kind, prerequisites first: readiness before practice."""
    showings = catalogue.showings
    return [(kind, [Area(principle, showings[principle.id]) for principle in catalogue.of_kind(kind)])
            for kind in AREA_KINDS]
