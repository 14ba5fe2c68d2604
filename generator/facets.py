"""The facets a reader filters the cases by, and the one small script that carries them to the browser.

The overview and the matrix list every case in their HTML, so that a reader without JavaScript
sees them all; which facet values each case has would make that HTML grow by a hundred bytes a
case. It goes instead into `FACETS_URI`, a script the filter (assets/javascripts/filter.js)
loads on the pages that have a filter: a `<script>` file, unlike JSON, loads from `file://` too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from . import labels
from .catalogue import Catalogue
from .citations import plain_name, plain_words
from .loader import slugify
from .schema import Case, Kind, Status

FACETS_URI = "eksempler/facetter.js"
"""Beside the overview, so that its address relative to any page in a folder of its own is the same
whether MkDocs writes directory URLs or not."""


@dataclass(frozen=True)
class FacetValue:
    id: str
    """How the value is written in the page's address, e.g. "relation" or "aarhus-kommune"."""
    label: str
    """The Danish words the filter shows, unescaped (the script sets them as text)."""


@dataclass(frozen=True)
class Facet:
    key: str
    """The query parameter, e.g. "kommune"."""
    label: str
    values: list[FacetValue]
    of: Callable[[Case], list[str]]
    """The ids of this facet's values that a case has."""

    def counts(self, cases: list[Case]) -> dict[str, int]:
        counted = {value.id: 0 for value in self.values}
        for case in cases:
            for value in self.of(case):
                counted[value] += 1
        return counted


def municipality_ids(cases: list[Case]) -> dict[str, str]:
    """Each municipality as the cases write it (plain words) → its id in the address: its slug, with
    "-2", "-3" … after a slug that an earlier name took ("Aarhus Kommune" and "Århus kommune" are two
    names, and two checkboxes, until an editor writes them alike)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    next_number: dict[str, int] = {}
    for name in sorted({plain_name(name) for case in cases for name in case.municipalities}, key=str.casefold):
        slug = candidate = slugify(name)
        while candidate in taken:  # each slug's counter only moves on, so n names cost n tries in all
            next_number[slug] = next_number.get(slug, 1) + 1
            candidate = f"{slug}-{next_number[slug]}"
        ids[name] = candidate
        taken.add(candidate)
    return ids



def status_id(status: Status) -> str:
    """The status in Danish words in the address ("igangvaerende"), as the filter shows it."""
    return slugify(labels.STATUS[status])


def numbered(catalogue: Catalogue, kind: Kind) -> list[FacetValue]:
    return [FacetValue(p.id, f"{p.number}. {plain_words(p.title)}") for p in catalogue.of_kind(kind)]


UNSPECIFIED = FacetValue("ikke-angivet", "Ikke angivet")
"""The target group of a case none of whose tags names one: still found by the target-group filter."""


def target_group_tags(catalogue: Catalogue) -> list[str]:
    """The tags that name a group of citizens, in the vocabulary's order: the target-group facet's values."""
    return [slug for slug, tag in catalogue.vocabulary.items() if tag.target_group]


def facets(catalogue: Catalogue) -> list[Facet]:
    """Every facet in the order the filter shows them; values in the order a reader looks for them."""
    municipalities = municipality_ids(catalogue.cases)
    target_groups = target_group_tags(catalogue)
    return [
        Facet("kommune", "Kommune", [FacetValue(id, name) for name, id in municipalities.items()],
              lambda case: [municipalities[plain_name(name)] for name in case.municipalities]),
        Facet("model", "Organiseringsmodel", numbered(catalogue, Kind.model), lambda case: [item.id for item in case.organisation_models]),
        Facet("maalgruppe", "Målgruppe", [FacetValue(slug, plain_words(catalogue.vocabulary[slug].label))
                                           for slug in target_groups] + [UNSPECIFIED],
              lambda case: [tag for tag in case.tags if tag in target_groups] or [UNSPECIFIED.id]),
        Facet("princip", "Princip", numbered(catalogue, Kind.principle), lambda case: [item.id for item in case.principles]),
        Facet("forudsaetning", "Forudsætning", numbered(catalogue, Kind.prerequisite),
              lambda case: [item.id for item in case.prerequisites]),
        Facet("status", "Status", [FacetValue(status_id(status), labels.STATUS[status]) for status in Status],
              lambda case: [status_id(case.status)]),
        Facet("emne", "Emne", [FacetValue(slug, plain_words(tag.label)) for slug, tag in catalogue.vocabulary.items()],
              lambda case: list(case.tags)),
    ]


def facet_data(catalogue: Catalogue) -> dict[str, object]:
    """The facets with their values and counts, and each case's values as indices into them (compact)."""
    described = facets(catalogue)
    positions = [{value.id: index for index, value in enumerate(facet.values)} for facet in described]
    return {
        "facets": [{"key": facet.key, "label": facet.label,
                    "values": [[value.id, value.label, count] for value, count in
                               zip(facet.values, facet.counts(catalogue.cases).values())]}
                   for facet in described],
        "cases": {case.id: [[position[value] for value in facet.of(case)] for facet, position in zip(described, positions)]
                  for case in catalogue.cases},
    }


def facet_script(catalogue: Catalogue) -> str:
    """The facet data as a script that hands it to the filter; ASCII JSON, so no text can end the literal."""
    data = json.dumps(facet_data(catalogue), ensure_ascii=True, separators=(",", ":"))
    return f"window.katalogFacets = {data};\n"
