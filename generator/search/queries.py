"""A user's query: free words, which rank, and field terms such as `kommune:Assens`, which must all hold.

Field names are Danish, as a user writes them; each looks in a record's ids, its text, or both
(`princip:roed-traad` and `princip:"rød tråd"` find the same cases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .documents import TYPE_LABELS

MAX_QUERY = 500
"""Longest query, in characters: a question fits, a pasted page does not."""


@dataclass(frozen=True)
class Field:
    ids: str | None
    """The field of ids the value may name, e.g. 'principles'."""
    text: str | None
    """The text field the value's words may occur in, e.g. 'principle_titles'."""
    example: str


FIELDS = {
    "type": Field("type", None, "type:eksempel"),
    "kommune": Field(None, "municipality", "kommune:Assens"),
    "princip": Field("principles", "principle_titles", "princip:roed-traad"),
    "forudsætning": Field("principles", "principle_titles", "forudsætning:viden"),
    "model": Field("models", "model_title", "model:tvaergaaende-teams"),
    "målgruppe": Field(None, "target_groups", "målgruppe:unge"),
    "emne": Field("tags", "tag_labels", "emne:boern"),
    "titel": Field(None, "title", "titel:familie"),
}
ALIASES = {"forudsaetning": "forudsætning", "maalgruppe": "målgruppe", "tag": "emne"}
TYPE_NAMES = {label: type_id for type_id, label in TYPE_LABELS.items()} | {type_id: type_id for type_id in TYPE_LABELS}
FIELD_TERM = re.compile(r'(?<!\S)(?P<name>[^\W\d_]+):(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))?')


@dataclass(frozen=True)
class Condition:
    """One field term: the value must be one of the field's ids or occur in its text."""

    field: Field
    value: str


@dataclass(frozen=True)
class Query:
    text: str
    """The free words, with any "quoted phrase"."""
    conditions: tuple[Condition, ...]


class QueryError(ValueError):
    """A query that cannot be run, told in Danish with what to write instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def field_list() -> str:
    return ", ".join(field.example for field in FIELDS.values())


def parse_query(raw: str) -> Query:
    """Split a query into free words and field terms, or raise QueryError saying what is wrong."""
    if len(raw) > MAX_QUERY:
        raise QueryError(f"Søgningen er for lang: {len(raw)} tegn, højst {MAX_QUERY}.",
                         "Søg på de få ord, der betyder mest, fx 'familieteam jobcenter'.")
    conditions = [condition(match) for match in FIELD_TERM.finditer(raw)]
    text = " ".join(FIELD_TERM.sub(" ", raw).split())
    if text.count('"') % 2:
        raise QueryError("Søgningen har et anførselstegn (\"), der ikke bliver lukket.",
                         'Sæt anførselstegn om begge ender af en frase, fx "hele familien", eller fjern det.')
    if not text.replace('"', "").strip() and not conditions:
        raise QueryError("Søgningen er tom.",
                         f"Skriv et eller flere ord, fx 'tovholder', eller et felt: {field_list()}.")
    return Query(text, tuple(conditions))


def condition(match: re.Match[str]) -> Condition:
    name = match["name"].lower()
    name = ALIASES.get(name, name)
    field = FIELDS.get(name)
    if field is None:
        raise QueryError(f"Søgningen bruger feltet '{match['name']}:', som ikke findes.",
                         f"Brug et af felterne {field_list()}, eller skriv ordet uden kolon.")
    value = (match["quoted"] if match["quoted"] is not None else match["bare"] or "").strip()
    if not value:
        raise QueryError(f"Feltet '{match['name']}:' mangler en værdi.",
                         f"Skriv værdien lige efter kolonet, fx {field.example}.")
    if name == "type":
        if value.lower() not in TYPE_NAMES:
            raise QueryError(f"'{value}' er ikke en type, søgningen kender.",
                             f"Brug en af: {', '.join(TYPE_LABELS.values())}, fx type:eksempel.")
        value = TYPE_NAMES[value.lower()]
    return Condition(field, value)
