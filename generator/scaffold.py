"""Templates for a maintainer's new records: `katalog new-case` and `katalog new-source`.

A new case is written from the published JSON Schema of a case file (generator/export/schemas.py), so the
comment above each field is the description an editor shows for it, and there is one text to keep true.
Every value still to be written is a placeholder ('SKRIV: …', schema.PLACEHOLDER) that `katalog check`
refuses by field and line, so a template can never be published as it stands.

A new source is a BibTeX entry of one of the types CONTRIBUTING.md describes, with Danish guidance as
`%` lines, which BibTeX and pybtex read as text between entries (so it must never hold an at sign, which
starts an entry). Added to bibliography.bib with --write, the file is checked to parse first and is
replaced in one step, never left half written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pybtex.database import Entry

from .bibliography import Bibliography, Source, load_bibliography, parse, plain, unfilled_fields
from .export.schemas import file_schema
from .loader import RESERVED_IDS, SLUG, YAML_SUFFIX, slugify
from .problems import Problem, count_phrase
from .schema import CITE_KEY, MAX_ID, MAX_LINE, PLACEHOLDER, Case
from .upkeep import at_most_listed, work_of

WIDTH = 100
"""Longest line of a template, comments included, as the project's own files."""
FIRST_FIELDS = ("title", "municipalities", "period", "status", "status_year")
"""Fields a new case starts with, as the existing cases do; the others follow in the model's order."""


class Refused(Exception):
    """Nothing was written, for the reason the problem tells."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


# --- katalog new-case ------------------------------------------------------------------------------

def write_case(cases: Path, slug: str, schema_address: str) -> Path:
    """Write a new case's template to `cases`/`slug`.yml; refuse a bad id, a missing folder or an existing file."""
    path = cases / f"{slug}{YAML_SUFFIX}"
    if problem := slug_problem(path, slug):
        raise Refused(problem)
    if cases.is_symlink() or not cases.is_dir():
        raise Refused(Problem(cases, "Mappen til eksemplerne findes ikke (eller er et symbolsk link).",
                              "Kør kommandoen fra projektets mappe, eller ret 'cases' under pluginen 'katalog' i "
                              "mkdocs.yml, så den peger på mappen med eksemplerne."))
    try:
        with open(path, "x", encoding="utf-8") as file:  # "x": never over an existing file, or a link's target
            file.write(case_template(slug, schema_address))
    except FileExistsError:
        raise Refused(Problem(path, "Filen findes allerede, og den bliver ikke overskrevet.",
                              "Vælg et andet id, eller ret den eksisterende fil.")) from None
    except OSError as error:
        raise Refused(unwritable(path, error)) from None
    return path


def slug_problem(path: Path, slug: str) -> Problem | None:
    """What is wrong with a new case's id, as the command line gave it."""
    if not SLUG.match(slug):
        return Problem(path, f"'{slug}' er ikke et gyldigt id: brug kun små bogstaver a-z, tal og bindestreg "
                             "(æ → ae, ø → oe, å → aa).", f"Skriv fx: katalog new-case {slugify(slug)}")
    if len(slug) > MAX_ID:
        return Problem(path, f"Id'et er for langt: højst {MAX_ID} tegn.", "Vælg et kortere id.")
    if slug in RESERVED_IDS:
        return Problem(path, f"Id'et '{slug}' er optaget: sitet bruger det til oversigten over eksemplerne.",
                       "Vælg et id, der nævner kommune og indsats, fx odense-samlet-indgang.")
    return None


def case_template(slug: str, schema_address: str) -> str:
    """A new case file: the editor's schema line, then every field with its description above it."""
    schema = file_schema(Case)
    intro = (f"Nyt eksempel, skrevet af 'katalog new-case'. Filnavnet, {slug}, er eksemplets id. Erstat hver værdi, "
             f"der begynder med '{PLACEHOLDER}', og slet de valgfri felter og listepunkter, du ikke bruger. "
             "Kommentaren over hvert felt siger, hvad det skal indeholde. Kør så 'katalog check': den nævner "
             "hvert felt, der ikke er udfyldt endnu, med linjenummer. Se også CONTRIBUTING.md.")
    lines = [f"# yaml-language-server: $schema={schema_address}", *comment(intro, 0), ""]
    for name in ordered(schema["properties"]):
        lines += field_lines(name, schema["properties"][name], schema, 0)
    return "\n".join(lines) + "\n"


def ordered(properties: dict[str, Any]) -> list[str]:
    return [*(name for name in FIRST_FIELDS if name in properties),
            *(name for name in properties if name not in FIRST_FIELDS)]


def comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - indent - 2, break_long_words=False,
                                                       break_on_hyphens=False)]


def resolved(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A property's schema with its $ref looked up; the property's own title and description win."""
    if "$ref" not in node:
        return node
    target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}


def field_lines(name: str, node: dict[str, Any], schema: dict[str, Any], indent: int) -> list[str]:
    """One field: its description as comments, then its key with a placeholder, its default or its parts."""
    node = resolved(node, schema)
    pad = " " * indent
    lines = comment(node.get("description", ""), indent)
    if node.get("type") == "object":
        return [*lines, f"{pad}{name}:", *object_lines(node, schema, indent + 2)]
    if node.get("type") == "array":
        item = resolved(node["items"], schema)
        if item.get("type") == "object":
            return [*lines, f"{pad}{name}:", *list_item(object_lines(item, schema, indent + 4), indent + 2)]
        return [*lines, f"{pad}{name}:", f"{pad}  - {placeholder(item, node.get('title', name))}"]
    if "default" in node:
        return [*lines, f"{pad}{name}: {json.dumps(node['default'])}"]
    if node.get("type") == "string" and node.get("maxLength", 0) > MAX_LINE:
        return [*lines, f"{pad}{name}: |", f"{pad}  {PLACEHOLDER} {node.get('title', name)}"]
    return [*lines, f"{pad}{name}: {placeholder(node, node.get('title', name))}"]


def object_lines(node: dict[str, Any], schema: dict[str, Any], indent: int) -> list[str]:
    return [line for name, part in node["properties"].items() for line in field_lines(name, part, schema, indent)]


def list_item(lines: list[str], indent: int) -> list[str]:
    """A mapping's lines made the one item of a list: '- ' before its first key, its comments above that."""
    first = next(index for index, line in enumerate(lines) if not line.lstrip().startswith("#"))
    pad = " " * indent
    return [*(line[2:] for line in lines[:first]), f"{pad}- {lines[first][indent + 2:]}", *lines[first + 1:]]


def placeholder(node: dict[str, Any], title: str) -> str:
    """'"SKRIV: Status – ongoing, completed eller pilot"': what to write, quoted, so the YAML stays valid."""
    if "enum" in node:
        title += " – " + either([str(value) for value in node["enum"]])
    elif node.get("format") == "date":
        title += " (ÅÅÅÅ-MM-DD)"
    return json.dumps(f"{PLACEHOLDER} {title}", ensure_ascii=False)


def either(values: list[str]) -> str:
    """'a, b eller c'."""
    return " eller ".join(filter(None, [", ".join(values[:-1]), values[-1]]))


# --- katalog new-source ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceKind:
    """A kind of source as CONTRIBUTING.md describes it: its BibTeX type and the fields it is written with."""

    entry_type: str
    about: str
    fields: tuple[str, ...]


SOURCE_KINDS = {
    "article": SourceKind("article", "en artikel i et tidsskrift", ("author", "title", "journal", "number", "pages",
                                                                     "year")),
    "book": SourceKind("book", "en bog", ("author", "title", "publisher", "address", "year")),
    "techreport": SourceKind("techreport", "en rapport, fx en evaluering",
                             ("author", "title", "type", "institution", "address", "year")),
    "misc": SourceKind("misc", "et andet dokument, fx en artikel på en hjemmeside eller et notat",
                       ("author", "title", "howpublished", "year")),
    "web": SourceKind("misc", "en hjemmeside", ("author", "title", "url", "urldate", "year")),
    "interview": SourceKind("misc", "et interview (uden titel)", ("author", "howpublished", "year")),
}
"""The choices of `katalog new-source --type`."""

FIELD_GUIDE: dict[str, tuple[str, str]] = {
    "author": (f"{PLACEHOLDER} Efternavn, Fornavn",
               "Forfattere som 'Efternavn, Fornavn', adskilt af 'and'; 'and others' bliver til 'm.fl.'. En "
               "organisation skrives i dobbelte krøllede parenteser: {{Assens Kommune}}."),
    "title": (f"{PLACEHOLDER} Titel", "Værkets titel, som den står på forsiden."),
    "journal": (f"{PLACEHOLDER} Tidsskrift", "Tidsskriftets navn."),
    "number": (f"{PLACEHOLDER} Nummer", "Valgfrit: tidsskriftets nummer. Slet linjen, hvis der ikke er et."),
    "pages": (f"{PLACEHOLDER} Sider, fx 1--5", "Valgfrit: siderne, med to bindestreger mellem første og sidste side."),
    "publisher": (f"{PLACEHOLDER} Forlag", "Forlaget."),
    "institution": (f"{PLACEHOLDER} Institution", "Den, der har udgivet rapporten, fx VIVE."),
    "type": ("Rapport", "Rapportens art, som henvisningen viser; oftest Rapport."),
    "address": (f"{PLACEHOLDER} By", "Valgfrit: udgivelsesstedet, fx København. Slet linjen, hvis det er ukendt."),
    "howpublished": (f"{PLACEHOLDER} Artikel",
                     "Valgfrit: hvilken slags dokument det er, fx Artikel eller Notat. Slet linjen, hvis du ikke "
                     "bruger den."),
    "url": (f"{PLACEHOLDER} https://", "Hele adressen, som den står i browserens adresselinje, med https://."),
    "urldate": (f"{PLACEHOLDER} ÅÅÅÅ-MM-DD", "Den dag, du så siden, fx 2019-12-18; siden viser 'set 18.12.2019'."),
    "year": (f"{PLACEHOLDER} Udgivelsesår", "Udgivelsesåret, fx 2018. Mangler det, så slet linjen; siden viser 'u.å.'."),
}
"""Each field's placeholder and what to write in it (CONTRIBUTING.md, "Ny kilde" under "Sådan citerer du")."""
INTERVIEW_GUIDE = (f"{PLACEHOLDER} Interview, By, måned år",
                   "Hvordan interviewet kom i stand, fx Interview, Fredericia, december 2019. Et interview har "
                   "ingen titel: det er det, siden viser i stedet.")


def source_fields(kind: str, title: str | None, year: str | None) -> dict[str, tuple[str, str]]:
    """The entry's fields with their values and guidance; a title and year given on the command line are filled in."""
    fields = {name: INTERVIEW_GUIDE if (kind, name) == ("interview", "howpublished") else FIELD_GUIDE[name]
              for name in SOURCE_KINDS[kind].fields}
    given = {"title": title, "year": year}
    return {name: (given.get(name) or value, guide) for name, (value, guide) in fields.items()}


def source_entry(key: str, kind: str, title: str | None = None, year: str | None = None) -> str:
    """The BibTeX entry of a new source, its '=' aligned as in bibliography.bib."""
    fields = source_fields(kind, title, year)
    width = max(map(len, fields))
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, (value, _) in fields.items())
    return f"@{SOURCE_KINDS[kind].entry_type}{{{key},\n{body}\n}}\n"


def source_guidance(kind: str) -> list[str]:
    """What to write in each field, as lines BibTeX skips ('% …'); never with an at sign, which starts an entry."""
    intro = (f"Ny kilde: {SOURCE_KINDS[kind].about}. Erstat hver værdi, der begynder med '{PLACEHOLDER}'. "
             "Se CONTRIBUTING.md.")
    lines = [intro, *(f"{name}: {guide}" for name, (_, guide) in source_fields(kind, None, None).items())]
    return [f"% {part}" for line in lines
            for part in textwrap.wrap(line.replace("@", ""), WIDTH - 2, break_long_words=False)]


def key_problem(path: Path, key: str) -> Problem | None:
    """A key that `katalog check` would refuse, refused before anything is written, with a key it would take."""
    if CITE_KEY.match(key) and len(key) <= MAX_ID:
        return None
    return Problem(path, f"'{key}' er ikke en gyldig kildenøgle: brug bogstaverne a-z og A-Z, tal, '-', '.', ':' "
                         f"og '_', højst {MAX_ID} tegn, og begynd med et bogstav eller et tal.",
                   f"Brug fx efternavn og år: {slugify(key)}")


@dataclass(frozen=True)
class NewSource:
    """A new source's entry, and what a maintainer should know before adding it."""

    entry: str
    guidance: list[str]
    duplicates: list[Problem]
    """Sources already in the list with the same title and year: perhaps the same work under another key."""
    unfilled: list[Problem]
    """Sources already in the list with fields still to be filled in from an earlier template."""


BIBTEX_SPECIAL = re.compile(r"[{}@%\\\n\r]")
"""Characters that, in a value given on the command line, could end the field or the entry, or start another."""


def new_source(bibliography: Path, key: str, kind: str, title: str | None = None, year: str | None = None) -> NewSource:
    """The entry for `key`, checked against the list it goes into: refused when the key is taken, the list has
    problems or the entry cannot be read; with a warning for a work the list may already hold."""
    if problem := key_problem(bibliography, key):
        raise Refused(problem)
    if any(value and BIBTEX_SPECIAL.search(value) for value in (title, year)):
        raise Refused(Problem(bibliography, "Titlen eller året indeholder et tegn, der ville ændre BibTeX-posten: "
                                            "{ } @ % \\ eller et linjeskift.",
                              "Skriv titlen uden de tegn (du kan rette den i kildelisten bagefter), og året med "
                              "cifre, fx 2018."))
    entry = source_entry(key, kind, title, year)
    data, errors = parse(entry)
    if errors or [found.lower() for found in data.entries] != [key.lower()]:
        raise Refused(Problem(bibliography, "Posten kan ikke læses som BibTeX med den titel eller det år, du gav.",
                              "Skriv titlen uden krøllede parenteser, der ikke går op, og året med cifre, fx 2018."))
    sources = readable(bibliography).sources
    taken = next((found for found in sources if found.lower() == key.lower()), None)
    if taken:
        raise Refused(Problem(bibliography, f"Kildenøglen '{taken}' findes allerede.",
                              f"Citér den eksisterende kilde med [@{taken}], eller vælg en anden nøgle.",
                              sources[taken].line))
    return NewSource(entry, source_guidance(kind), same_work(bibliography, sources, data.entries[key], key),
                     unfilled_sources(bibliography, sources))


def readable(bibliography: Path) -> Bibliography:
    """The list a new source goes into; refused when it has problems, so nothing is added to a broken list.
    A field still 'SKRIV: …' from an earlier template is no problem here: the list reads as it is, and the
    maintainer is told (`unfilled_sources`); `katalog check` holds it to account."""
    found, problems = load_bibliography(bibliography, allow_unfilled=True)
    if problems:
        raise Refused(Problem(bibliography, f"Kildelisten har {count_phrase(len(problems))} i forvejen, så der "
                                            f"tilføjes ikke noget til den. Det første: {problems[0].message}",
                              "Kør katalog check, ret det, den melder om kildelisten, og prøv så igen.",
                              problems[0].line))
    return found


def unfilled_sources(bibliography: Path, sources: dict[str, Source]) -> list[Problem]:
    """One warning for each source with fields still to be filled in, at its line."""
    found = [(key, source, unfilled_fields(source.entry)) for key, source in sources.items()
             if source.entry is not None]
    return at_most_listed([
        Problem(bibliography, f"Posten '{key}' har stadig {len(names)} {'felt' if len(names) == 1 else 'felter'} "
                              f"med '{PLACEHOLDER} …' fra skabelonen: {', '.join(names)}.",
                "Udfyld dem, eller slet de valgfri: katalog check godkender ikke kildelisten, før de er væk.",
                source.line)
        for key, source, names in sorted(found, key=lambda item: item[1].line or 0) if names],
        bibliography, "poster mere har felter, der ikke er udfyldt")


def same_work(bibliography: Path, sources: dict[str, Source], entry: Entry, key: str) -> list[Problem]:
    """Sources with the new entry's title and year, compared as `katalog check` compares two sources."""
    new = work_of(Source(key, Markup(""), "", "", plain(entry.fields.get("title", "")), entry))
    return [Problem(bibliography, f"Kilden '{found}' har samme titel og år som den nye kilde '{key}'; det kan være "
                                  "det samme værk.",
                    f"Er det samme værk, så citér [@{found}] i stedet for at tilføje '{key}'.", source.line)
            for found, source in sources.items() if new is not None and work_of(source) == new]


def append_source(bibliography: Path, source: NewSource) -> int:
    """Add the entry at the end of bibliography.bib in one step (a new file renamed over the old), after
    checking that the whole file still parses with every old entry; the line the entry starts on."""
    old = bibliography.read_bytes()
    newline = line_ending(old)
    separator = b"" if not old or old.endswith(newline * 2) else newline if old.endswith(newline) else newline * 2
    new = old + separator + source.entry.encode("utf-8").replace(b"\n", newline)
    before, _ = parse(old.decode("utf-8-sig"))
    after, errors = parse(new.decode("utf-8-sig"))
    if errors or len(after.entries) != len(before.entries) + 1:
        raise Refused(Problem(bibliography, "Kildelisten ville ikke kunne læses med den nye post, så intet er ændret.",
                              "Kør katalog check, ret det, den melder om kildelisten, og prøv så igen."))
    try:
        replace_file(bibliography, new)
    except OSError as error:
        raise Refused(unwritable(bibliography, error)) from None
    return (old + separator).count(b"\n") + 1


def line_ending(content: bytes) -> bytes:
    """The file's own line ending, which an added entry keeps: CRLF when most of its lines end so, else LF."""
    windows = content.count(b"\r\n")
    return b"\r\n" if windows and windows * 2 >= content.count(b"\n") else b"\n"


def unwritable(path: Path, error: OSError) -> Problem:
    return Problem(path, f"Filen kunne ikke skrives ({error.strerror or error}), så intet er ændret.",
                   "Tjek, at du har lov at skrive i mappen, og at disken ikke er fuld, og prøv så igen.")


def replace_file(path: Path, content: bytes) -> None:
    """Write `content` beside `path` and rename it over `path`: a reader sees the old file or the new, never half."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
