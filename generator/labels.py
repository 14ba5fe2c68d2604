"""Danish words for the schema's values, and Danish formatting of numbers and dates."""

from __future__ import annotations

import datetime

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

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli",
          "august", "september", "oktober", "november", "december")


def number(value: float) -> str:
    """2168000 → "2.168.000", 2.5 → "2,5": Danish separators."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + fraction


def period(span: Period) -> str:
    start = f"ca. {span.start}" if span.approximate else str(span.start)
    if span.end is None:
        return f"{start}–"
    return start if span.end == span.start else f"{start}–{span.end}"


def date(day: datetime.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


CHECKLIST_CHOICES = (
    ("0", "Ikke påbegyndt", "I har ikke taget fat på det endnu."),
    ("1", "På vej", "I er gået i gang, men det er ikke på plads."),
    ("2", "Etableret", "Det er på plads og bruges i det daglige arbejde."),
    ("3", "Forankret", "Det er fast praksis, som holder, også når medarbejdere og ledere skifter."),
    ("?", "Ved ikke / ikke relevant", "Tæller ikke med i resultatet."),
)
"""The checklist's answers: the stored value, its Danish name and what it means. The script scores
0–3 and counts "?" apart, so the values are part of the stored format: keep them."""
