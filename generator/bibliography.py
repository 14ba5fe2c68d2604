"""Sources from bibliography.bib, labelled author–year and formatted in Danish by pybtex.

pybtex's built-in styles print English words and change the case of titles, so this module
defines a small Danish style: "og" between two names, "m.fl." for more, "u.å." for no year,
Danish alphabetical order (… Z Æ Ø Å), Danish quotation marks in titles (”…”) and the day a web
page was seen as a numeric Danish date ("set 18.12.2019").
"""

from __future__ import annotations

import bisect
import datetime
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field as dataclass_field
from itertools import groupby
from pathlib import Path

import pybtex.errors
from markupsafe import Markup
from pybtex.backends.html import Backend as HtmlBackend
from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import DuplicateField, Parser as BibtexParser, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.scanner import PrematureEOF, PybtexSyntaxError, TokenRequired
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import (FieldIsMissing, Node, field, href, join, node, optional, optional_field, sentence,
                                   tag)

from .labels import short_date
from .loader import read_text
from .markup import clean_reference
from .problems import Problem
from .schema import CITE_KEY, PLACEHOLDER

NO_YEAR = "u.å."
SUPPORTED_TYPES = ("article", "techreport", "misc", "book")

# pybtex looks its backends up through importlib entry points on every render_as() call,
# which makes 10 000 entries take minutes: one instance of each, made once.
HTML = HtmlBackend()
PLAIN = PlainBackend()


@dataclass(frozen=True)
class Source:
    key: str
    reference_html: Markup
    """The full reference, as HTML formatted by pybtex and sanitized like record text."""
    names: str
    """The author part of the label, e.g. "Jensen m.fl.": citations of one author are merged by it."""
    year_label: str
    """The year part of the label, e.g. "2018" or "u.å.b"."""
    title: str = ""
    """The work's title as plain text (for an interview without one, how it came about): what search finds it by."""
    entry: Entry | None = dataclass_field(default=None, compare=False, repr=False)
    """The entry as pybtex read it from the file, for the data files (BibTeX, CSL-JSON)."""
    line: int | None = dataclass_field(default=None, compare=False)
    """Where the entry starts in bibliography.bib, for a warning about it."""

    @property
    def label(self) -> str:
        """Author–year as cited in running text, e.g. "Jensen m.fl. 2018"."""
        return f"{self.names} {self.year_label}"


@dataclass(frozen=True)
class Bibliography:
    sources: dict[str, Source]
    """Every source, in Danish bibliographic order."""

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def ordered(self, keys: set[str]) -> list[Source]:
        """The given sources in bibliographic order, as a reference list shows them."""
        return [source for key, source in self.sources.items() if key in keys]


def load_bibliography(path: Path, allow_unfilled: bool = False) -> tuple[Bibliography, list[Problem]]:
    """Every source in `path`, or every problem found in it. With `allow_unfilled`, a field a template left
    as 'SKRIV: …' is no problem (see `unfilled_fields`): `katalog new-source` adds to a list that has them."""
    text, problem = read_text(path) if path.exists() or path.is_symlink() \
        else (None, missing_file(path))
    if text is None:
        return Bibliography({}), [problem] if problem else []
    lines = EntryLines(text)
    macros = [macro_problem(path, lines.line_at(match.start())) for match in STRING_COMMAND.finditer(text)]
    if macros:
        return Bibliography({}), macros
    data, parse_errors = parse(text)
    first_syntax_errors = {lines.key_at(error.error_context_info[0]): error for error in reversed(parse_errors)
                           if isinstance(error, PybtexSyntaxError)}
    problems = [parse_problem(path, lines, error) for error in parse_errors
                if not isinstance(error, PybtexSyntaxError) or error in first_syntax_errors.values()]
    problems += [problem for key, entry in data.entries.items() if key not in first_syntax_errors
                 for problem in entry_problems(path, lines, key, entry, allow_unfilled)]
    if problems:
        return Bibliography({}), problems
    bibliography, problems = build(data, lambda key, error: unreadable_entry(path, lines.of(key), key, error),
                                   lines.of)
    return (Bibliography({}), problems) if problems else (bibliography, [])


STRING_COMMAND = re.compile(r"@\s*string\s*[{(]", re.IGNORECASE)
"""@string macros can double in size with every definition: a 1 KB file that expands to gigabytes."""


def parse(text: str) -> tuple[BibliographyData, list[PybtexError]]:
    """Parse everything pybtex can, collecting its errors instead of stopping at the first."""
    with pybtex.errors.capture() as errors:
        data = BibtexParser().parse_string(text)
    return data, list(errors)


class EntryLines:
    """Where every entry starts, found in one pass (a search per key is quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.lines: dict[str, list[int]] = {}
        self.starts: list[tuple[int, int, str]] = []
        self.indices: dict[str, list[int]] = {}
        """Each key → its entries' places in `starts`, so a field's line is found without a pass over all."""
        line, position = 1, 0
        for match in ENTRY_START.finditer(text):
            line += text.count("\n", position, match.start())
            position = match.start()
            self.lines.setdefault(match.group(1), []).append(line)
            self.indices.setdefault(match.group(1), []).append(len(self.starts))
            self.starts.append((position, line, match.group(1)))

    def of(self, key: str, occurrence: int = 1) -> int | None:
        found = self.lines.get(key, [])
        return found[occurrence - 1] if len(found) >= occurrence else None

    def line_at(self, position: int) -> int:
        return bisect.bisect_right(self.line_starts, position)

    def key_at(self, position: int) -> str | None:
        """The key of the entry that a position in the file belongs to."""
        index = bisect.bisect_right(self.starts, (position, sys.maxsize, "")) - 1
        return self.starts[index][2] if index >= 0 else None

    def of_field(self, key: str, field_name: str, occurrence: int = 1) -> int | None:
        """The line where an entry names a field (for the `occurrence`th time), else the entry's line."""
        named = re.compile(rf"(?<![\w-]){re.escape(field_name)}\s*=", re.IGNORECASE)
        for index in self.indices.get(key, []):
            position, line, _ = self.starts[index]
            end = self.starts[index + 1][0] if index + 1 < len(self.starts) else len(self.text)
            matches = list(named.finditer(self.text, position, end))
            if len(matches) >= occurrence:
                return line + self.text.count("\n", position, matches[occurrence - 1].start())
        return self.of(key)


ENTRY_START = re.compile(r"@\w+\s*[{(]\s*([^\s,}]+)")


Unreadable = Callable[[str, Exception], Problem]


def unknown_line(key: str) -> None:
    """For entries that come from no file of their own (tests build a bibliography from text)."""
    return None


def build(data: BibliographyData, unreadable: Unreadable,
          line_of: Callable[[str], int | None] = unknown_line) -> tuple[Bibliography, list[Problem]]:
    """Label, sort and format every entry; one whose LaTeX pybtex cannot decode becomes a problem."""
    problems: list[Problem] = []
    keys: dict[str, tuple[str, str, str]] = {}
    for entry in data.entries.values():
        try:
            keys[entry.key] = sort_key(entry)
        except Exception as error:  # untrusted text through a third-party LaTeX decoder
            problems.append(unreadable(entry.key, error))
    entries = sorted((entry for entry in data.entries.values() if entry.key in keys), key=lambda e: keys[e.key])
    labels = label_entries(entries)
    style = DanishStyle()
    sources = {}
    for entry in entries:
        names, year_label = labels[entry.key]
        shown = Entry(entry.type, fields=shown_fields(entry, year_label), persons=entry.persons)
        shown.key = entry.key
        try:
            reference = style.format_entry(f"{names} {year_label}", shown).text.render(HTML).replace("\n", " ")
            title = plain(title_of(entry))
        except Exception as error:  # as above
            problems.append(unreadable(entry.key, error))
            continue
        sources[entry.key] = Source(entry.key, clean_reference(reference), names, year_label, title, entry,
                                    line_of(entry.key))
    return Bibliography(sources), problems


def shown_fields(entry: Entry, year_label: str) -> dict[str, str]:
    """The fields as the style prints them: the year label, ”…” in the title, a Danish access date."""
    fields = {**entry.fields, "yearlabel": year_label}
    if "title" in fields:
        fields["title"] = danish_quotes(fields["title"])
    seen = iso_date(fields.get("urldate", ""))
    if seen is not None:
        fields["urldate"] = short_date(seen)
    return fields


QUOTATION_MARKS = re.compile(r"„|“|‟|``|''|(?<!\\)\"")
"""Opening and closing quotation marks as a title may be typed: „…“, “…”, ``…'' (LaTeX) or "…"
(but not \" of a LaTeX umlaut)."""


def danish_quotes(title: str) -> str:
    """„Hel Familie“ → ”Hel Familie”: Danish print uses the same mark on both sides."""
    return QUOTATION_MARKS.sub("”", title)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> datetime.date | None:
    """2019-12-18 → a date; anything else (another format, a day that does not exist) → None."""
    if not ISO_DATE.fullmatch(text.strip()):
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def title_of(entry: Entry) -> str:
    """What names the work: its title, or for a @misc without one (an interview) how it came about."""
    return entry.fields.get("title", entry.fields.get("howpublished", ""))


def author_names(entry: Entry) -> str:
    """The author part of a label: one name, "A og B", or "A m.fl."."""
    persons = entry.persons.get("author", [])
    names = [last_name(person) for person in persons]
    if not names:
        return plain(title_of(entry) or entry.key)
    if len(names) > 2 or "others" in names:
        return f"{names[0]} m.fl."
    return " og ".join(names)


def last_name(person: Person) -> str:
    return " ".join(part.render(PLAIN) for part in person.rich_last_names)


def plain(latex: str) -> str:
    return Text.from_latex(latex).render(PLAIN)


def label_entries(entries: list[Entry]) -> dict[str, tuple[str, str]]:
    """Author and year label of each entry, with a, b, … where one author has several works a year."""
    labels: dict[str, tuple[str, str]] = {}
    base = {entry.key: (author_names(entry), " ".join(entry.fields.get("year", NO_YEAR).split())) for entry in entries}
    for (names, year), group in groupby(entries, key=lambda entry: base[entry.key]):
        same = list(group)
        for index, entry in enumerate(same):
            labels[entry.key] = (names, year + (letter_suffix(index) if len(same) > 1 else ""))
    return labels


def letter_suffix(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: as many as an author can publish in a year."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "ü": "y", "é": "e"})


def danish_collation(text: str) -> str:
    """A key that sorts … z æ ø å, with "aa" as å, as a Danish reader expects."""
    return text.lower().replace("aa", "å").translate(DANISH_ORDER)


def sort_key(entry: Entry) -> tuple[str, str, str]:
    year = entry.fields.get("year", NO_YEAR)
    title = plain(title_of(entry))
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


def place_and_publisher(publisher: Node) -> Node:
    """København: VIVE. `publisher` is the field that names who published: optional, or required."""
    return sentence[join(sep=": ")[optional_field("address"), publisher]]


web_reference = optional[join(sep=" ")[href(field("url", raw=True))[field("url", raw=True)],
                                       optional[join["(set ", field("urldate"), ")"]]]]


italic_title = sentence[tag("em")[field("title")]]


def reference(entry: Entry, title: Node, *details: Node) -> Node:
    """Author (year). Title. Details. Note. URL (set date). Addendum: the shape every Danish reference shares.

    The addendum says what the catalogue corrected in a source's details, after the URL it is often about;
    only then does the URL end with a full stop.
    """
    web = sentence[web_reference] if "addendum" in entry.fields else web_reference
    return toplevel[sentence[author_year], title, *details, sentence[optional_field("note")], web,
                    optional[sentence[field("addendum")]]]


class DanishStyle(BaseStyle):
    default_name_style = "lastfirst"
    default_label_style = "number"
    default_sorting_style = "none"

    def get_article_template(self, entry: Entry):
        pages = optional[join["s. ", field("pages")]]
        return reference(entry, sentence[field("title")],
                         sentence[tag("em")[field("journal")], optional[join["nr. ", field("number")]], pages],
                         place_and_publisher(optional_field("publisher")))

    def get_techreport_template(self, entry: Entry):
        return reference(entry, italic_title, sentence[optional_field("type")], place_and_publisher(optional_field("institution")))

    def get_book_template(self, entry: Entry):
        return reference(entry, italic_title, place_and_publisher(field("publisher")))

    def get_misc_template(self, entry: Entry):
        """A work with a title of its own, then how it was published ("Artikel, september 2021"); a work
        without one, such as an interview, is named by how it came about alone, so its kind is said once
        ("Interview, Fredericia", not "Interview. Interview, Fredericia")."""
        if "title" not in entry.fields:
            return reference(entry, sentence[field("howpublished")])
        return reference(entry, italic_title, sentence[optional_field("howpublished")])


def macro_problem(path: Path, line: int) -> Problem:
    return Problem(path, "Kildelisten bruger @string, som kataloget ikke understøtter.",
                   "Slet @string-posten, og skriv værdien direkte i hvert felt, fx institution = {VIVE}.", line)


def unreadable_entry(path: Path, line: int | None, key: str, error: Exception | None = None) -> Problem:
    """An entry the style could not format: a field its type needs is missing, or LaTeX pybtex cannot decode."""
    if isinstance(error, FieldIsMissing):
        return Problem(path, f"Posten '{key}' mangler feltet '{error.field_name}', som kildelisten skal have for at "
                             "kunne vise den.", f"Tilføj {error.field_name} = {{…}} til posten.", line)
    return Problem(path, f"Posten '{key}' indeholder LaTeX-kode, som ikke kan læses, fx en omvendt skråstreg (\\) "
                         "sidst i et felt.",
                   "Skriv æ, ø, å og andre tegn direkte, og fjern \\ og LaTeX-kommandoer fra posten.", line)


def missing_file(path: Path) -> Problem:
    return Problem(path, "Kildelisten findes ikke.", "Opret bibliography.bib ved siden af mkdocs.yml.")


SYNTAX_HINT = ("Tjek at posten har formen @type{nøgle, felt = {værdi}, …} med parenteser der går op, "
               "og et komma mellem felterne.")
EXPECTED = {"entry key": "en nøgle", "a valid name": "et feltnavn", "','": "et komma",
            "'{' or '('": "'{' eller '('", "a number": "et tal"}


def parse_problem(path: Path, lines: EntryLines, error: PybtexError) -> Problem:
    """One of pybtex's errors, told in Danish at its line."""
    if isinstance(error, PybtexSyntaxError):
        return Problem(path, f"BibTeX-syntaksfejl: {syntax_detail(error)}.", SYNTAX_HINT, error.lineno)
    detail = str(error)
    key = detail.rsplit(": ", 1)[-1] if detail.startswith("repeated bibliography entry") else ""
    if key:
        return Problem(path, f"Kildenøglen '{key}' bruges til to poster.",
                       "Giv hver post sin egen nøgle, eller slet den dobbelte post.", lines.of(key, occurrence=2))
    if isinstance(error, DuplicateField):
        duplicate = re.match(r"entry with key (\S+) has a duplicate (\S+) field", detail)
        entry_key, field_name = duplicate.groups() if duplicate else ("", "")
        return Problem(path, f"Posten '{entry_key}' har feltet '{field_name}' to gange.",
                       "Slet det ene felt, eller slå dem sammen.", lines.of_field(entry_key, field_name, occurrence=2))
    return Problem(path, "Kildelisten har en fejl, som ikke kan læses.",
                   "Tjek posten ud fra eksemplerne i CONTRIBUTING.md: navne skrives 'Efternavn, Fornavn' adskilt af 'and'.")


def syntax_detail(error: PybtexSyntaxError) -> str:
    if isinstance(error, PrematureEOF):
        return "filen slutter, før den sidste post er lukket med '}'"
    if isinstance(error, UndefinedMacro):
        return "en feltværdi står uden krøllede parenteser eller anførselstegn"
    if isinstance(error, TokenRequired):
        wanted = str(error.args[0]).removesuffix(" expected") if error.args else ""
        if wanted in ("'}'", "')'"):
            return f"her skulle posten slutte med {wanted} – mangler der et komma efter feltet før"
        return f"her skulle der stå {EXPECTED.get(wanted, wanted)}"
    return "posten kan ikke læses"


REQUIRED_FIELDS: dict[str, dict[str, str]] = {
    "article": {"journal": "Tilføj tidsskriftets navn, fx journal = {Social Kritik}. Er kilden ikke en artikel i et "
                           "tidsskrift, så skriv den som @misc, fx med howpublished = {Artikel}."},
    "book": {"publisher": "Tilføj forlaget, fx publisher = {Hans Reitzels Forlag}. Har kilden intet forlag, så skriv "
                          "den som @techreport med institution = {…} (en rapport) eller som @misc."},
}
"""Besides author and title, the fields `DanishStyle` cannot show an entry of a type without, and what to
write instead; the style shows every other field only when it is there."""
TYPE_NAMES = {"article": "en artikel (@article)", "book": "en bog (@book)"}


def unfilled_fields(entry: Entry) -> list[str]:
    """The fields and names a template left as 'SKRIV: …' for a maintainer to fill in."""
    return [name for name, value in entry.fields.items() if value.lstrip().startswith(PLACEHOLDER)] + \
        [role for role, persons in entry.persons.items() if any(PLACEHOLDER in str(person) for person in persons)]


def missing_field_problems(path: Path, lines: EntryLines, key: str, entry: Entry) -> list[Problem]:
    """The fields of REQUIRED_FIELDS that the entry lacks, each told with what to write."""
    return [Problem(path, f"Posten '{key}' er {TYPE_NAMES[entry.type]}, men har intet '{name}'-felt, som den "
                          "type skal have.", hint, lines.of(key))
            for name, hint in REQUIRED_FIELDS.get(entry.type, {}).items() if name not in entry.fields]


def entry_problems(path: Path, lines: EntryLines, key: str, entry: Entry,
                   allow_unfilled: bool = False) -> list[Problem]:
    """An entry the Danish style cannot show: a bad key, an unknown type, no author or title or another field its
    type needs, a bad url; and a field still unfilled from a template, unless `allow_unfilled`."""
    line = lines.of(key)
    problems = []
    if not CITE_KEY.match(key):
        problems.append(Problem(path, f"Kildenøglen '{key}' indeholder tegn, som ikke er tilladt.",
                                "Brug kun bogstaverne a-z og A-Z, tal, bindestreg, punktum, kolon og understreg, "
                                "fx jensen2018.", line))
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
    if "title" not in entry.fields and not (entry.type == "misc" and "howpublished" in entry.fields):
        problems.append(Problem(path, f"Posten '{key}' har intet 'title'-felt.",
                                "Tilføj title = {…}; et interview uden titel er en @misc med "
                                "howpublished = {Interview, By, måned år}." if entry.type == "misc"
                                else "Tilføj title = {…}.", line))
    problems += missing_field_problems(path, lines, key, entry)
    odd_fields = [name for name in entry.fields if not FIELD_NAME.match(name)]
    if odd_fields:
        problems.append(Problem(path, f"Posten '{key}' har et felt med et navn, som ikke er tilladt: '{odd_fields[0]}'.",
                                "Et feltnavn består kun af bogstaverne a-z, fx title, year eller url.",
                                lines.of_field(key, odd_fields[0]) or line))
    unfilled = unfilled_fields(entry)
    if not allow_unfilled:
        problems += [Problem(path, f"Feltet '{name}' i posten '{key}' er ikke udfyldt endnu: der står '{PLACEHOLDER} "
                                   "…' fra skabelonen.",
                             "Udfyld feltet, som kommentaren over posten beskriver, eller slet det, hvis det er "
                             "valgfrit.", lines.of_field(key, name) or line) for name in unfilled]
    urldate = entry.fields.get("urldate")
    if urldate is not None and "urldate" not in unfilled and iso_date(urldate) is None:
        problems.append(Problem(path, f"Posten '{key}' har en urldate, som ikke er en dato på formen år-måned-dag.",
                                "Skriv den dag, siden blev set, som fx urldate = {2019-12-18}; "
                                "siden viser den som 18.12.2019.", lines.of_field(key, "urldate")))
    url = entry.fields.get("url")
    if url is not None and "url" not in unfilled and not is_web_address(url):
        problems.append(Problem(path, f"Posten '{key}' har en url, som ikke er en almindelig webadresse.",
                                "Skriv hele adressen, som den står i browseren, fx url = {https://www.vive.dk/}; "
                                "kun adresser, der begynder med https:// eller http://, er tilladt.",
                                lines.of_field(key, "url")))
    return problems


FIELD_NAME = re.compile(r"^[a-z]+$", re.IGNORECASE)
"""A BibTeX field's name: another program reading the data files could take "@book" for a new entry."""

WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>`\\{}|^]+$", re.IGNORECASE)


def is_web_address(url: str) -> bool:
    return bool(WEB_ADDRESS.match(url))
