"""Sources from bibliography.bib, labelled author–year and formatted in Danish by pybtex.

pybtex's built-in styles print English words and change the case of titles, so this module
defines a small Danish style: "og" between two names, "m.fl." for more, "u.å." for no year,
and Danish alphabetical order (… Z Æ Ø Å).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from pybtex.database import BibliographyData, BibliographyDataError, Entry, Person, parse_string
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import field, href, join, node, optional, optional_field, sentence, tag

from .loader import read_text
from .problems import Problem

NO_YEAR = "u.å."
SUPPORTED_TYPES = ("article", "techreport", "misc", "book")


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    """Author–year as cited in running text, e.g. "Jensen m.fl. 2018"."""
    reference_html: str
    """The full reference, as HTML escaped by pybtex."""


@dataclass(frozen=True)
class Bibliography:
    sources: dict[str, Source]
    """Every source, in Danish bibliographic order."""

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def ordered(self, keys: set[str]) -> list[Source]:
        """The given sources in bibliographic order, as a reference list shows them."""
        return [source for key, source in self.sources.items() if key in keys]


def load_bibliography(path: Path) -> tuple[Bibliography, list[Problem]]:
    text, problem = read_text(path) if path.is_file() else (None, missing_file(path))
    if text is None:
        return Bibliography({}), [problem] if problem else []
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        return Bibliography({}), [syntax_problem(path, error)]
    except BibliographyDataError as error:
        return Bibliography({}), [data_problem(path, text, error)]
    problems = [problem for key, entry in data.entries.items() for problem in entry_problems(path, text, key, entry)]
    if problems:
        return Bibliography({}), problems
    return build(data), []


def build(data: BibliographyData) -> Bibliography:
    entries = sorted(data.entries.values(), key=sort_key)
    labels = label_entries(entries)
    style = DanishStyle()
    sources = {}
    for entry in entries:
        label = labels[entry.key]
        year_label = label.rsplit(" ", 1)[1]
        shown = Entry(entry.type, fields={**entry.fields, "yearlabel": year_label}, persons=entry.persons)
        shown.key = entry.key
        reference = style.format_entry(label, shown).text.render_as("html").replace("\n", " ")
        sources[entry.key] = Source(entry.key, label, reference)
    return Bibliography(sources)


def author_names(entry: Entry) -> str:
    """The author part of a label: one name, "A og B", or "A m.fl."."""
    persons = entry.persons.get("author", [])
    names = [last_name(person) for person in persons]
    if not names:
        return plain(entry.fields.get("title", entry.key))
    if len(names) > 2 or "others" in names:
        return f"{names[0]} m.fl."
    return " og ".join(names)


def last_name(person: Person) -> str:
    return " ".join(part.render_as("text") for part in person.rich_last_names)


def plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def label_entries(entries: list[Entry]) -> dict[str, str]:
    """Author–year labels, with a, b, … where one author has several works the same year."""
    labels: dict[str, str] = {}
    base = {entry.key: f"{author_names(entry)} {entry.fields.get('year', NO_YEAR)}" for entry in entries}
    for label, group in groupby(entries, key=lambda entry: base[entry.key]):
        same = list(group)
        for index, entry in enumerate(same):
            suffix = "abcdefghijklmnopqrstuvwxyz"[index] if len(same) > 1 else ""
            labels[entry.key] = label + suffix
    return labels


DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "ü": "y", "é": "e"})


def danish_collation(text: str) -> str:
    """A key that sorts … z æ ø å, with "aa" as å, as a Danish reader expects."""
    return text.lower().replace("aa", "å").translate(DANISH_ORDER)


def sort_key(entry: Entry) -> tuple[str, str, str]:
    year = entry.fields.get("year", NO_YEAR)
    title = plain(entry.fields.get("title", ""))
    return danish_collation(author_names(entry)), year, danish_collation(title)


@node
def danish_names(children, context, role: str = "author") -> Text:
    """Names as "Efternavn, Fornavn", joined with "og"; "others" becomes "m.fl."."""
    persons = context["entry"].persons[role]
    named = [person for person in persons if str(person) != "others"]
    formatted = [context["style"].format_name(person, False) for person in named]
    text = join(sep=", ", sep2=" og ", last_sep=" og ")[formatted].format_data(context)
    return Text(text, " m.fl.") if len(named) < len(persons) else text


author_year = join(sep=" ")[danish_names, join["(", field("yearlabel"), ")"]]
place_and_publisher = join(sep=": ")[optional_field("address"), optional_field("institution")]
web_reference = optional[join(sep=" ")[href(field("url", raw=True))[field("url", raw=True)],
                                       optional[join["(set ", field("urldate"), ")"]]]]


italic_title = sentence[tag("em")[field("title")]]


def reference(title, *details):
    """Author (year). Title. Details. Note. URL: the shape every Danish reference shares."""
    return toplevel[sentence[author_year], title, *details, sentence[optional_field("note")], web_reference]


class DanishStyle(BaseStyle):
    default_name_style = "lastfirst"
    default_label_style = "number"
    default_sorting_style = "none"

    def get_article_template(self, entry: Entry):
        pages = optional[join["s. ", field("pages")]]
        return reference(sentence[field("title")], sentence[tag("em")[field("journal")], optional[join["nr. ", field("number")]], pages])

    def get_techreport_template(self, entry: Entry):
        return reference(italic_title, sentence[optional_field("type")], sentence[place_and_publisher])

    def get_book_template(self, entry: Entry):
        return reference(italic_title, sentence[join(sep=": ")[optional_field("address"), field("publisher")]])

    def get_misc_template(self, entry: Entry):
        return reference(italic_title, sentence[optional_field("howpublished")])


def missing_file(path: Path) -> Problem:
    return Problem(path, "Kildelisten findes ikke.", "Opret bibliography.bib ved siden af mkdocs.yml.")


def syntax_problem(path: Path, error: PybtexSyntaxError) -> Problem:
    return Problem(
        path,
        f"BibTeX-syntaksfejl: {error.error_type if hasattr(error, 'error_type') else error}.",
        "Tjek at posten har formen @type{nøgle, felt = {værdi}, …} med parenteser der går op, "
        "og et komma mellem felterne.",
        getattr(error, "lineno", None),
    )


def data_problem(path: Path, text: str, error: BibliographyDataError) -> Problem:
    key_match = re.search(r"entry: (\S+)", str(error))
    key = key_match.group(1) if key_match else ""
    return Problem(
        path,
        f"Kildenøglen '{key}' bruges til to poster." if key else f"Fejl i kildelisten: {error}.",
        "Giv hver post sin egen nøgle, eller slet den dobbelte post.",
        line_of_key(text, key, occurrence=2) if key else None,
    )


def entry_problems(path: Path, text: str, key: str, entry: Entry) -> list[Problem]:
    """An entry the Danish style cannot show: an unknown type, or no author or title."""
    line = line_of_key(text, key)
    problems = []
    if entry.type not in SUPPORTED_TYPES:
        problems.append(Problem(
            path,
            f"Posten '{key}' har typen @{entry.type}, som kataloget ikke kan vise.",
            f"Brug en af typerne {', '.join('@' + name for name in SUPPORTED_TYPES)} "
            "(en rapport er @techreport med type = {Rapport}).",
            line,
        ))
    if "author" not in entry.persons:
        problems.append(Problem(path, f"Posten '{key}' har intet 'author'-felt.",
                                "Tilføj author = {Efternavn, Fornavn}; en organisation skrives i dobbelte "
                                "krøllede parenteser: author = {{Assens Kommune}}.", line))
    if "title" not in entry.fields:
        problems.append(Problem(path, f"Posten '{key}' har intet 'title'-felt.", "Tilføj title = {…}.", line))
    return problems


def line_of_key(text: str, key: str, occurrence: int = 1) -> int | None:
    matches = list(re.finditer(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text))
    if len(matches) < occurrence:
        return None
    return text[: matches[occurrence - 1].start()].count("\n") + 1
