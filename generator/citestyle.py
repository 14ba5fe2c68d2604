"""How record text cites: warnings that never stop a build.

A list whose every item ends with the same citation is hard to read; a paragraph of a record's
prose that cites nothing is an unsourced claim, unless it is the catalogue's own judgement. Both
are told to a maintainer as warnings, by file and line, and the site is built anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice

from .citations import MARKER, Citation, parse_marker
from .loader import Document, Location, shorten
from .markup import LIST_MARKER, lines_with_offsets
from .problems import Problem
from .schema import PLACEHOLDER, Sections
from .validate import describe

ITEM = "*"
"""Stands for any list index in the shape of a text's location."""
CITED_PROSE: frozenset[tuple[str, ...]] = frozenset({
    ("summary",), ("short",), ("description",), *(("sections", name) for name in Sections.model_fields),
    ("organisation_models", ITEM, "how"), ("principles", ITEM, "how"), ("prerequisites", ITEM, "how"),
    ("roles", ITEM, "description")})
"""The texts of several sentences whose claims must name their sources; titles, units and questions are left out."""
LIST_ITEM = re.compile(rf"^ {{0,3}}{LIST_MARKER}[ \t]+(?=\S)")
CLOSING = " \t\n.,;:!?)*_"
"""What may follow a text's last citation: closing punctuation and emphasis."""
JUDGEMENT = re.compile(r"[*_]*katalogets vurdering[*_]*\s*:", re.IGNORECASE)
"""How a paragraph that is the catalogue's own conclusion starts: it cites nothing."""
JUDGEMENT_PREFIX = "Katalogets vurdering:"
SUBHEADING = re.compile(r"([*_]{1,2})[^*_\n]+\1")
"""A paragraph that is all emphasis, like '*Resultater*', heads what follows: it is no claim to cite."""


def is_cited_prose(location: Location) -> bool:
    return tuple(ITEM if isinstance(part, int) else part for part in location) in CITED_PROSE


@dataclass
class Block:
    """A paragraph (one part) or a list (one part per item) of record text, each part with the offset
    where it starts and its lines."""

    is_list: bool
    parts: list[tuple[int, list[str]]]

    @property
    def offset(self) -> int:
        return self.parts[0][0]

    def texts(self) -> list[str]:
        return ["\n".join(lines) for _, lines in self.parts]

    @property
    def text(self) -> str:
        return "\n".join(self.texts())


def blocks(text: str) -> list[Block]:
    """Paragraphs and top-level lists as Markdown reads them: blank lines part paragraphs; a line
    that starts with '- ', '* ', '+ ' or '1. ' starts a list item; a following line belongs to the
    item when it is indented or follows without a blank line."""
    found: list[Block] = []
    current: Block | None = None
    after_blank = False
    for line, offset in lines_with_offsets(text):
        start = offset + len(line) - len(line.lstrip())
        if not line.strip():
            current = current if current and current.is_list else None
        elif marker := LIST_ITEM.match(line):
            if current is None or not current.is_list:
                current = Block(True, [])
                found.append(current)
            current.parts.append((start, [line[marker.end():].strip()]))
        elif current is not None and (not after_blank or (current.is_list and line[:2] in ("  ", "\t"))):
            current.parts[-1][1].append(line.strip())
        else:
            current = Block(False, [(start, [line.strip()])])
            found.append(current)
        after_blank = not line.strip()
    return found


WARNINGS_PER_TEXT = 3
"""Enough to show what to fix in a text; each one's line is found by reading the text from its start."""


def citation_warnings(document: Document) -> list[Problem]:
    """How the document's prose cites, where it makes a page hard to read or a claim unsourced."""
    warnings: list[Problem] = []
    for location, text in document.strings():
        if not is_cited_prose(location) or text.lstrip().startswith(PLACEHOLDER):
            continue  # a template's placeholder is a problem already (validate.py): no citation to judge yet
        found = blocks(text)
        in_text = chain((repeated_citation(document, location, block, citation) for block in found
                         if block.is_list and (citation := repeats_one_citation(block))),
                        (uncited(document, location, unit) for unit in uncited_units(found)))
        warnings += islice(in_text, WARNINGS_PER_TEXT)  # lazily: a warning not shown costs no line search
    return warnings


def repeats_one_citation(block: Block) -> Citation | None:
    """The one citation every item of a list of two or more ends with, if there is one."""
    endings: set[Citation] = set()
    for item in block.texts():
        cited = parse_marker(ending.group(1)) if (ending := final_marker(item)) else []
        if len(cited) != 1 or not isinstance(cited[0], Citation):
            return None
        endings.add(cited[0])
    return endings.pop() if len(block.parts) > 1 and len(endings) == 1 else None


def final_marker(text: str) -> re.Match[str] | None:
    """The citation a text ends with, before any closing punctuation or emphasis."""
    end = text.rstrip(CLOSING)
    return MARKER.fullmatch(end, end.rfind("[")) if end.endswith("]") else None


def repeated_citation(document: Document, location: Location, block: Block, citation: Citation) -> Problem:
    marker = f"[@{citation.key}{', ' + citation.locator if citation.locator else ''}]"
    return Problem(
        document.path,
        f"'{describe(location)}': alle {len(block.parts)} punkter i listen slutter med den samme "
        f"kildehenvisning, {marker}.",
        f"Skriv {marker} én gang i sætningen, der leder ind til listen (fx '… disse erfaringer {marker}:'), "
        "og slet den efter hvert punkt. Har listen ingen indledende sætning, så skriv en.",
        document.line_at(location, block.offset))


def units(found: list[Block]) -> list[list[Block]]:
    """What one citation can cover: a paragraph, a list, or a lead-in ending in ':' with its list."""
    grouped: list[list[Block]] = []
    for block in found:
        lead_in = grouped[-1] if grouped else None
        if block.is_list and lead_in and len(lead_in) == 1 and not lead_in[0].is_list \
                and lead_in[0].text.rstrip("*_ ").endswith(":"):
            lead_in.append(block)
        else:
            grouped.append([block])
    return grouped


def uncited_units(found: list[Block]) -> Iterator[list[Block]]:
    """The units that cite nothing: a citation anywhere in a paragraph covers all its sentences, and one
    in a list or in the lead-in ending in ':' before it covers the list's items."""
    return (unit for unit in units(found) if not cites(unit))


def cites(unit: list[Block]) -> bool:
    """A citation anywhere in the unit, or the catalogue's own judgement, which cites nothing."""
    first = unit[0]
    if JUDGEMENT.match(first.text) or (first.is_list and all(JUDGEMENT.match(item) for item in first.texts())):
        return True
    if len(unit) == 1 and not first.is_list and SUBHEADING.fullmatch(first.text):
        return True
    return any(MARKER.search(block.text) for block in unit)


def uncited(document: Document, location: Location, unit: list[Block]) -> Problem:
    first = unit[0]
    what = "listen" if first.is_list else "afsnittet"
    start = shorten(" ".join(first.texts()[0].split()), 50)
    return Problem(
        document.path,
        f"'{describe(location)}': {what}, der begynder '{start}', har ingen kildehenvisning.",
        f"Tilføj kilden, fx [@nøgle], efter det, den støtter. Er det katalogets egen konklusion, så begynd "
        f"{what} med '{JUDGEMENT_PREFIX}' – så skal der ingen kildehenvisning stå.",
        document.line_at(location, first.offset))
