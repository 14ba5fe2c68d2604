"""The sources as data: BibTeX for LaTeX and reference managers, CSL-JSON for Zotero, Mendeley and Pandoc."""

from __future__ import annotations

import re

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as BibtexWriter
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.backends.plaintext import Backend as PlainBackend

from ..bibliography import iso_date
from ..catalogue import Catalogue
from .links import Links
from .records import dumps

PLAIN = PlainBackend()


class LatexWriter(BibtexWriter):
    """pybtex's BibTeX writer for fields that are LaTeX already, as read from a .bib file: pybtex's own
    encodes them again ("\\&" → "\\\\&", "_" in an address → "\\_"). An "@" is written "{@}", so
    that no other program reading the file takes a value for the start of an entry."""

    def _encode(self, text: str) -> str:
        return text.replace("@", "{@}")


def bibtex(catalogue: Catalogue, links: Links) -> bytes:
    """Every source as pybtex read it, written out again: the file's comments and layout are not data."""
    entries = {key: source.entry for key, source in catalogue.bibliography.sources.items() if source.entry is not None}
    return LatexWriter().to_string(BibliographyData(entries)).encode("utf-8")


CSL_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "techreport": "report", "report": "report", "mastersthesis": "thesis",
    "phdthesis": "thesis", "thesis": "thesis", "online": "webpage", "unpublished": "manuscript",
}
"""BibTeX's entry types as CSL names them; a @misc is a web page when it has an address, an
interview when it says so, and a document otherwise."""

CSL_FIELDS = {
    "title": "title", "journal": "container-title", "booktitle": "container-title", "publisher": "publisher",
    "institution": "publisher", "school": "publisher", "address": "publisher-place", "volume": "volume",
    "number": "issue", "edition": "edition", "type": "genre", "howpublished": "medium", "note": "note",
}
"""BibTeX fields → CSL variables, read as LaTeX; a variable two fields map to takes the first one present."""
VERBATIM_FIELDS = {"url": "URL", "doi": "DOI", "isbn": "ISBN"}
"""Fields taken as written: an address is not LaTeX ("%20" is no comment, "~" no space)."""


def decoded(latex: str) -> str:
    """A field's LaTeX as plain text ("\\'e" → "é"); as written if pybtex cannot read it."""
    try:
        return Text.from_latex(latex).render(PLAIN)
    except (PybtexError, ValueError, IndexError):
        return latex


def csl_name(person: Person) -> dict[str, str]:
    """A person as CSL writes one; a body written in braces ({Assens Kommune}) is one literal name."""
    last = " ".join(person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    if not given and not person.prelast_names and last.startswith("{") and last.endswith("}"):
        return {"literal": decoded(last)}
    parts = {"family": last, "given": given, "non-dropping-particle": " ".join(person.prelast_names),
             "suffix": " ".join(person.lineage_names)}
    return {part: decoded(text) for part, text in parts.items() if text}


def csl_type(entry: Entry) -> str:
    kind = entry.type.lower()
    if kind == "misc":
        if "url" in entry.fields:
            return "webpage"
        if entry.fields.get("howpublished", "").lower().startswith("interview"):
            return "interview"
        return "document"
    return CSL_TYPES.get(kind, "document")


YEAR = re.compile(r"\d{4}")


def csl_item(key: str, entry: Entry) -> dict:
    item: dict = {"id": key, "type": csl_type(entry)}
    for field, variable in CSL_FIELDS.items():
        if field in entry.fields and variable not in item:
            item[variable] = decoded(entry.fields[field])
    for field, variable in VERBATIM_FIELDS.items():
        if field in entry.fields:
            item[variable] = entry.fields[field].strip()
    if "pages" in entry.fields:
        item["page"] = decoded(entry.fields["pages"]).replace("--", "–")
    for role in ("author", "editor"):
        names = [csl_name(person) for person in entry.persons.get(role, []) if str(person) != "others"]
        if names:
            item[role] = names
    year = entry.fields.get("year", "").strip()
    if YEAR.fullmatch(year):
        item["issued"] = {"date-parts": [[int(year)]]}
    seen = iso_date(entry.fields.get("urldate", ""))
    if seen is not None:
        item["accessed"] = {"date-parts": [[seen.year, seen.month, seen.day]]}
    return item


def csl_json(catalogue: Catalogue, links: Links) -> bytes:
    items = [csl_item(key, source.entry) for key, source in catalogue.bibliography.sources.items()
             if source.entry is not None]
    return dumps(items)
