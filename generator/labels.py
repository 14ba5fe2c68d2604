"""Danish words for the schema's values, and Danish formatting of numbers and dates."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import format_date
from babel.numbers import format_decimal

from .schema import Kind, Period, SourceType, Status

STATUS = {Status.ongoing: "Igangværende", Status.completed: "Afsluttet", Status.pilot: "Forsøg"}

SOURCE_TYPE = {
    SourceType.evaluation: "Evaluering",
    SourceType.interview: "Interview",
    SourceType.municipal_count: "Kommunal opgørelse",
    SourceType.self_evaluation: "Selvevaluering",
    SourceType.press: "Artikel i fagpresse",
}

KIND_SINGULAR = {Kind.principle: "Princip", Kind.prerequisite: "Forudsætning", Kind.model: "Organiseringsmodel"}
KIND_DEFINITE = {Kind.principle: "princippet", Kind.prerequisite: "forudsætningen", Kind.model: "modellen"}
KIND_PLURAL = {
    Kind.principle: "Principper for koordinerende sagsbehandling",
    Kind.prerequisite: "Forudsætninger for en velkoordineret indsats",
    Kind.model: "Organiseringsmodeller",
}

CENTS = Decimal("0.01")
DIGITS = 400
"""Enough digits for any finite float (at most 309 before the decimal point) plus two after it."""


def number(value: float) -> str:
    """A figure as a Danish reader writes it: "." between thousands, "," before decimals.

    At most two decimals, rounded half up from the number as written in the record (2.005 → "2,01",
    0.999 → "1", 2.001 → "2"); trailing zeros are dropped, so a whole number has no decimals
    (2168000 → "2.168.000", 2.5 → "2,5"), and a value that rounds to zero is "0", never "-0".
    """
    written = Decimal(repr(float(value)))  # the shortest decimal that reads back as this float
    with localcontext(prec=DIGITS, rounding=ROUND_HALF_UP):  # Babel rounds in the current context
        rounded = written.quantize(CENTS)
        return format_decimal(rounded if rounded else Decimal(0), format="#,##0.##", locale="da_DK")


def period(span: Period) -> str:
    start = f"ca. {span.start}" if span.approximate else str(span.start)
    if span.end is None:
        return f"{start}–"
    return start if span.end == span.start else f"{start}–{span.end}"


def named_count(total: int, shown: int | None) -> int:
    """How many of `total` names a list shortened to `shown` names: all, when at most one would be left
    over ("1 andre" is no Danish), else `shown`."""
    return total if shown is None or total <= shown + 1 else shown


def enumeration(names: list[str], shown: int | None = None, total: int | None = None) -> str:
    """Names as a Danish sentence lists them: "A, B og C". With `shown`, at most that many and a count of
    the rest ("A, B, C og 6 andre"), for a line that must stay short whatever a trial spans. `total`, when
    `names` holds only the first of them: how many there are in all (so the rest need not be made)."""
    total = len(names) if total is None else total
    named = names[:named_count(total, shown)]
    listed = named if len(named) == total else [*named, f"{total - len(named)} andre"]
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} og {listed[-1]}"


def date(day: datetime.date) -> str:
    """26. november 2026."""
    return format_date(day, format="d. MMMM y", locale="da")


def short_date(day: datetime.date) -> str:
    """18.12.2019: the numeric Danish date, as a reference gives the day a web page was seen."""
    return format_date(day, format="dd.MM.y", locale="da")


CHECKLIST_CHOICES = (
    ("0", "Ikke påbegyndt", "I har ikke taget fat på det endnu."),
    ("1", "På vej", "I er gået i gang, men det er ikke på plads."),
    ("2", "Etableret", "Det er på plads og bruges i det daglige arbejde."),
    ("3", "Forankret", "Det er fast praksis, som holder, også når medarbejdere og ledere skifter."),
    ("?", "Ved ikke / ikke relevant", "Tæller ikke med i resultatet."),
)
"""The checklist's answers: the stored value, its Danish name and what it means. The script scores
0–3 and counts "?" apart, so the values are part of the stored format: keep them."""
