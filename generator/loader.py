"""Read a folder of YAML files into plain data, remembering the line of every value.

Nothing here knows what a case or a principle is: the loader only turns bytes into
mappings and reports files that cannot be read at all. Every input file is untrusted, so
files are read without following links, up to a size limit, and YAML is read as plain data:
no anchors, aliases or tags, keys that are words, dates left as text for the schema to check.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import Problem
from .schema import MAX_ID, SLUG_PATTERN

SLUG = re.compile(SLUG_PATTERN)
YAML_SUFFIX = ".yml"
RESERVED_IDS = frozenset({"index"})
"""Ids the site uses for its own pages: a record `index.yml` would replace its section's overview."""

MAX_BYTES = 4 * 1024 * 1024
"""Largest input file of any kind, i.e. the bibliography: room for about 10 000 entries."""
RECORD_MAX_BYTES = 256 * 1024
"""Largest record: the longest case today is 18 KB, so this leaves room for 14 times as much."""
MAX_DEPTH = 20
"""Deepest nesting of lists and sections; a record needs four."""
MAX_DIGITS = 30
"""Longest whole number; Python refuses to read one of more than 4 300 digits."""

UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
"""Control characters (all but tab and line breaks), Unicode line separators, which YAML counts as
line breaks where editors do not, bidi overrides and isolates, which make text read otherwise
than it is stored, and what is no character at all (a lone surrogate from a "\\ud800" escape)."""
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

YAML_TAG_PREFIX = "tag:yaml.org,2002:"
STR_TAG = YAML_TAG_PREFIX + "str"
INT_TAG = YAML_TAG_PREFIX + "int"
KEPT_TAGS = {YAML_TAG_PREFIX + "bool", INT_TAG, YAML_TAG_PREFIX + "float", YAML_TAG_PREFIX + "null"}
LIBYAML_DEPTH_PROBLEM = "exceeded maximum nesting depth"
"""libyaml stops at 1 000 levels while scanning ahead, before the event that passes MAX_DEPTH."""
RECORD_RESOLVERS = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag in KEPT_TAGS]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
"""PyYAML's implicit types without dates, merge keys (<<) and '=': a date stays text, so an
impossible one like 2026-02-30 reaches the schema's Danish message instead of crashing PyYAML."""


class PureRecordLoader(yaml.SafeLoader):
    """PyYAML's own parser, for where libyaml is missing."""

    yaml_implicit_resolvers = RECORD_RESOLVERS


class FastRecordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser: about ten times faster, with the same events and marks."""

    yaml_implicit_resolvers = RECORD_RESOLVERS


RECORD_LOADER: type = FastRecordLoader
"""The loader in use; the tests run every loader test with both."""

Location = tuple[Any, ...]


@dataclass(frozen=True)
class Span:
    """Where a text value stands in its file: 0-based marks as YAML gives them, and its style."""

    line: int
    column: int
    end_line: int
    end_column: int
    style: str
    """'' for plain text, "'" or '"' for quoted, '|' or '>' for a block."""


@dataclass
class Document:
    """One YAML file as data, with a line number for every key and list item."""

    path: Path
    data: dict[str, Any]
    lines: dict[Location, int] = field(default_factory=dict, repr=False)
    spans: dict[Location, Span] = field(default_factory=dict, repr=False)
    """Where each text value stands, for `line_at`."""
    text: str = field(default="", repr=False)
    """The file as read, for `line_at`."""
    visible: dict[Location, VisibleIndex] = field(default_factory=dict, repr=False, compare=False)
    """Each text value's `VisibleIndex`, made on the first `line_at` into it."""

    @property
    def stem(self) -> str:
        return self.path.stem

    @cached_property
    def source_lines(self) -> list[str]:
        return self.text.splitlines()

    def line_of(self, location: Location) -> int | None:
        """The line of the deepest part of `location` that exists in the file."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None

    def line_at(self, location: Location, offset: int) -> int | None:
        """The line of character `offset` of the text at `location`, so that a problem deep in a
        block of text is reported where it stands, not at the field's first line.

        Folding and indentation change only whitespace, so the position is found by counting the
        other characters, which also makes an offset into the text with its ends stripped work.
        """
        span = self.spans.get(tuple(location))
        value = self.value_at(location)
        if span is None or not isinstance(value, str):
            return self.line_of(location)
        index = self.visible.get(tuple(location))
        if index is None or index.value is not value:
            index = self.visible[tuple(location)] = VisibleIndex.of(value, span, self.source_lines)
        return index.line_at(offset)

    def value_at(self, location: Location) -> Any:
        value: Any = self.data
        for part in location:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def strings(self) -> list[tuple[Location, str]]:
        """Every text value in the file with its location; found once, as every check goes through them."""
        return self._strings

    @cached_property
    def _strings(self) -> list[tuple[Location, str]]:
        return list(walk_strings(self.data))


CHECKPOINT = 256
"""Characters between the counts `VisibleIndex` keeps: memory a 256th of the text's, a lookup counts at most this many."""


def visible_in(text: str) -> int:
    """The non-space characters in `text`, counted at C speed: the checks ask this of every long text."""
    return len(text) - sum(map(str.isspace, text))


@dataclass(frozen=True)
class VisibleIndex:
    """Where a text value's non-space characters stand, counted once, so that finding the line of an offset
    is a search, not a pass over the text: the checks ask for many offsets into one long text."""

    value: str
    checkpoints: list[int]
    """How many non-space characters the value has before each multiple of CHECKPOINT."""
    seen: list[int]
    """How many non-space characters the value has up to and including each of `lines`."""
    lines: list[int]
    """The 0-based source lines that hold any of the value's non-space characters, in order."""
    first: int
    """The value's first line, for a value without any."""

    @classmethod
    def of(cls, value: str, span: Span, source_lines: list[str]) -> VisibleIndex:
        checkpoints = list(accumulate((visible_in(value[start:start + CHECKPOINT])
                                       for start in range(0, len(value), CHECKPOINT)), initial=0))
        seen, lines = [], []
        for number in range(span.line, min(span.end_line + 1, len(source_lines))):
            count = visible_count(source_lines[number], span, number)
            if count:
                seen.append((seen[-1] if seen else 0) + count)
                lines.append(number)
        return cls(value, checkpoints, seen, lines, span.line)

    def before(self, offset: int) -> int:
        """Non-space characters before `offset` (a negative one counts from the end, as a slice does)."""
        offset = slice(offset).indices(len(self.value))[1]
        start = offset - offset % CHECKPOINT
        return self.checkpoints[start // CHECKPOINT] + visible_in(self.value[start:offset])

    def line_at(self, offset: int) -> int:
        """The 1-based line of the first source line whose characters reach past the offset's; the last line
        with any when none does (the counts differ only when YAML has changed the text, as an escape does)."""
        found = bisect.bisect_right(self.seen, self.before(offset))
        if found < len(self.lines):
            return self.lines[found] + 1
        return (self.lines[-1] if self.lines else self.first) + 1


def walk_strings(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, location + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, location + (index,))


ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)?")


def visible_count(line: str, span: Span, number: int) -> int:
    """How many non-space characters of the value stand on source line `number`."""
    if span.style in ("|", ">"):
        return 0 if number == span.line else visible_in(line)
    end = span.end_column if number == span.end_line else len(line)
    start = 0
    if number == span.line:
        start = span.column + (1 if span.style else 0)  # skip the opening quote
    part = line[start:end]
    if span.style == "'":
        part = part.replace("''", "'")
    elif span.style == '"':
        part = ESCAPE.sub(unescape, part)
    return visible_in(part)


def unescape(match: re.Match[str]) -> str:
    """One double-quoted escape as the character it stands for ('' for a line continuation)."""
    code = match.group(1)
    if code is None:
        return ""
    if len(code) > 1:
        return chr(int(code[1:], 16))
    return Scanner.ESCAPE_REPLACEMENTS.get(code, code)


Version = tuple[int, int, int, int]
"""A file's modification time, change time (nanoseconds), size and inode: what changes when it is written,
replaced or has its permissions changed."""


def file_version(path: Path) -> Version:
    """The version of `path` itself, without following a link (a dangling one has one too)."""
    status = path.lstat()
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


Load = Callable[[Path], tuple["Document | None", "Problem | None"]]


def load_folder(folder: Path, load: Load | None = None) -> tuple[list[Document], list[Problem]]:
    """Load every record file in `folder` with `load` (`load_document` unless a cache's is given); files
    that cannot be read become problems.

    A file with a bad name is still read, so that one run reports its content problems too.
    """
    load = load or load_document
    documents: list[Document] = []
    problems: list[Problem] = []
    if folder.is_symlink():
        return [], [Problem(folder, "Mappen er et symbolsk link (en genvej til en anden mappe); "
                            "kataloget læser kun sine egne mapper.",
                            f"Erstat linket med en almindelig mappe {folder.name}/ med posterne i.")]
    if not folder.is_dir():
        hint = f"Opret mappen {folder.name}/ ved siden af mkdocs.yml."
        return [], [Problem(folder, "Mappen findes ikke.", hint)]
    with os.scandir(folder) as entries:
        paths = sorted((folder / entry.name, entry) for entry in entries if not entry.name.startswith("."))
    for path, entry in paths:
        if entry.is_symlink():
            problems.append(symlink_problem(path))
            continue
        if entry.is_dir(follow_symlinks=False) and path.suffix != YAML_SUFFIX:
            continue  # a subfolder; one named like a record is read, and refused as no regular file
        if path.suffix != YAML_SUFFIX:
            problems.append(suffix_problem(path))
            continue
        name_problem = check_file_name(path)
        if name_problem:
            problems.append(name_problem)
        document, problem = load(path)
        if problem:
            problems.append(problem)
        if document:
            documents.append(document)
    return documents, problems


def suffix_problem(path: Path) -> Problem:
    return Problem(
        path,
        f"Filen har ikke endelsen {YAML_SUFFIX} og kan ikke læses som en post.",
        f"Giv filen endelsen {YAML_SUFFIX}, eller flyt den ud af mappen.",
    )


def check_file_name(path: Path) -> Problem | None:
    """Record ids come from file names, so a name must be a short lowercase slug the site does not use.

    The schema leaves the id to this check, whose hints speak of the file's name."""
    if not SLUG.match(path.stem):
        suggestion = slugify(path.stem)
        return Problem(
            path,
            "Filnavnet er ikke et gyldigt id: brug kun små bogstaver a-z, tal og bindestreg.",
            f"Omdøb filen, fx til {suggestion}{YAML_SUFFIX}.",
        )
    if len(path.stem) > MAX_ID:
        return Problem(path, f"Filnavnet er for langt: højst {MAX_ID} tegn før {YAML_SUFFIX}.",
                       "Omdøb filen til et kortere navn.")
    if path.stem in RESERVED_IDS:
        return Problem(
            path,
            f"Filnavnet '{path.name}' er optaget: sitet bruger det til afsnittets oversigtsside.",
            "Omdøb filen til et navn, der siger, hvad posten handler om, fx testby-en-indgang.yml.",
        )
    return None


DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"}


def slugify(text: str) -> str:
    """A slug suggestion for a maintainer who named a file in plain words ("å" typed as "a" and a ring too)."""
    lowered = unicodedata.normalize("NFC", text).lower()
    for letter, replacement in DANISH_LETTERS.items():
        lowered = lowered.replace(letter, replacement)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-") or "nyt-id"


def read_text(path: Path, limit: int = MAX_BYTES) -> tuple[str | None, Problem | None]:
    """The file as text; a Problem where it is not a regular UTF-8 file of at most `limit` bytes,
    or holds a character that no input file has a use for."""
    raw, problem = read_bytes(path, limit)
    if raw is None:
        return None, problem
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(
            path,
            "Filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses.",
            "Gem filen igen med tegnsættet UTF-8 (i de fleste editorer: 'Gem som' → 'UTF-8').",
            line,
        )
    if not text.strip():
        return None, Problem(path, "Filen er tom.", "Udfyld filen, eller slet den.")
    unwanted = UNWANTED.search(text)
    if unwanted:
        line = text.count("\n", 0, unwanted.start()) + 1
        column = unwanted.start() - text.rfind("\n", 0, unwanted.start())
        return None, unwanted_problem(path, unwanted.group(), line, column, len(UNWANTED.findall(text)))
    return text, None


def read_bytes(path: Path, limit: int) -> tuple[bytes | None, Problem | None]:
    """At most `limit` bytes of a regular file.

    Opened without following a link and without waiting for a writer, then checked through
    the open handle, so nothing can be swapped in between the check and the read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        return None, open_problem(path, error)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None, Problem(
                path,
                "Filen er ikke en almindelig fil (men fx en mappe, en pipe eller en enhed) og læses ikke.",
                "Erstat den med en almindelig tekstfil, eller fjern den.",
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            raw = file.read(limit + 1)
    except OSError as error:
        return None, open_problem(path, error)
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        return None, Problem(
            path,
            f"Filen fylder mere end {human_size(limit)}, som er det meste, kataloget læser af én fil.",
            "Gør filen mindre, fx ved at korte de længste tekster. Er den blevet så stor ved en fejl, "
            "så tjek, at det er den rigtige fil.",
        )
    return raw, None


def human_size(size: int) -> str:
    return f"{size // 2**20} MiB" if size % 2**20 == 0 else f"{size // 2**10} KiB"


def symlink_problem(path: Path) -> Problem:
    return Problem(
        path,
        "Filen er et symbolsk link (en genvej til en anden fil); kataloget læser kun almindelige filer.",
        "Erstat linket med en kopi af filen, eller slet det.",
    )


def open_problem(path: Path, error: OSError) -> Problem:
    if error.errno == errno.ELOOP:
        return symlink_problem(path)
    if isinstance(error, PermissionError):
        return Problem(path, "Filen kan ikke læses: du har ikke adgang til den.",
                       "Giv dig selv læseadgang til filen (fx med 'chmod u+r'), eller slet den.")
    if isinstance(error, FileNotFoundError):
        return Problem(path, "Filen findes ikke.", "Opret filen, eller tjek stavningen af navnet.")
    return Problem(path, f"Filen kan ikke læses (fejlkode {errno.errorcode.get(error.errno or 0, error.errno)}).",
                   "Tjek, at filen er en almindelig fil, du kan åbne i en editor, og prøv igen.")


def load_document(path: Path) -> tuple[Document | None, Problem | None]:
    text, problem = read_text(path, RECORD_MAX_BYTES)
    if text is None:
        return None, problem
    try:
        return parse_yaml(path, text)
    except Exception as error:  # the last guard: one odd file must not stop the check of the others
        return None, Problem(
            path,
            f"Filen kunne ikke læses på grund af en uventet fejl ({type(error).__name__}).",
            "Sammenlign filen med et eksisterende eksempel i samme mappe og ret det, der afviger. "
            "Hjælper det ikke, så vis denne besked til en udvikler.",
        )


def parse_yaml(path: Path, text: str) -> tuple[Document | None, Problem | None]:
    """The file as a Document; the first thing that stops it from being plain record data as a Problem.

    `text` comes from `read_text`, which has refused the characters YAML would choke on.
    """
    try:
        problem = check_events(path, text)
        if problem:
            return None, problem
        loader = RECORD_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, Problem(path, "Filen indeholder kun kommentarer.", "Udfyld filen, eller slet den.")
            document = Document(path, {}, text=text)
            data, problem = read_node(node, (), document, loader.construct_object)
            if problem:
                return None, problem
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        return None, yaml_problem(path, error, text)
    if not isinstance(data, dict):
        return None, Problem(
            path,
            "Filen skal bestå af felter på formen 'navn: værdi', men indeholder noget andet.",
            "Se et eksisterende eksempel i samme mappe og følg dets opbygning.",
            1,
        )
    document.data = data
    problem = unwanted_in_values(document)
    return (None, problem) if problem else (document, None)


COLLECTION_STARTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
COLLECTION_ENDS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})
NODE_EVENTS = COLLECTION_STARTS | {yaml.ScalarEvent}
"""The events that can carry an anchor or a tag. `check_events` sees every event of every record, so it tells them
apart by exact type, a set lookup, rather than by isinstance and getattr."""


def check_events(path: Path, text: str) -> Problem | None:
    """Refuse what plain record data has no use for, before any of it is built:
    anchors and aliases (alias bombs), tags (PyYAML's Python objects) and deep nesting."""
    loader = RECORD_LOADER(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind in NODE_EVENTS:
                if event.anchor is not None:
                    return anchor_problem(path, event.start_mark.line + 1)
                if event.tag is not None:
                    return tag_problem(path, event.tag, event.start_mark.line + 1)
                if kind in COLLECTION_STARTS:
                    depth += 1
                    if depth > MAX_DEPTH:
                        return depth_problem(path, event.start_mark.line + 1)
            elif kind in COLLECTION_ENDS:
                depth -= 1
            elif kind is yaml.AliasEvent:
                return anchor_problem(path, event.start_mark.line + 1)
    finally:
        loader.dispose()
    return None


def anchor_problem(path: Path, line: int) -> Problem:
    return Problem(
        path,
        "Filen bruger et YAML-anker (&navn) eller en henvisning til et (*navn), som kataloget ikke tillader.",
        "Skriv værdien helt ud hvert sted, den skal stå, og slet &navn og *navn.",
        line,
    )


def tag_problem(path: Path, tag: str, line: int) -> Problem:
    return Problem(
        path,
        f"Værdien er mærket med '{shorten(tag.replace(YAML_TAG_PREFIX, '!!'))}', som kataloget ikke tillader.",
        "Slet mærket (ordet, der begynder med !), og skriv værdien som almindelig tekst eller tal.",
        line,
    )


def read_node(node: yaml.Node, location: Location, document: Document,
              construct: Callable[[yaml.Node], Any]) -> tuple[Any, Problem | None]:
    """The value of `node`, with the line of it and its children noted; or the first key or number a record
    cannot hold. Built in the same walk rather than by PyYAML's constructor, which would walk the nodes again:
    keys are words and tags are refused (check_events), so a value is a text, a number, true/false, null, a
    list or a mapping, and only the few numbers, true/false and nulls need the loader's `construct`."""
    document.lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == STR_TAG:
            document.spans[location] = Span(node.start_mark.line, node.start_mark.column,
                                            node.end_mark.line, node.end_mark.column, node.style or "")
            return node.value, None
        if node.tag == INT_TAG and len(node.value) > MAX_DIGITS:
            return None, number_problem(document.path, f"Tallet er for langt: højst {MAX_DIGITS} cifre.", node)
        try:
            return construct(node), None
        except ValueError:  # YAML takes "0b_" and "0x_" for numbers that Python cannot read
            return None, number_problem(document.path, f"'{shorten(node.value)}' kan ikke læses som et tal.", node)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            problem = key_problem(document.path, key_node, mapping)
            if problem:
                return None, problem
            key = key_node.value
            mapping[key], problem = read_node(value_node, location + (key,), document, construct)
            if problem:
                return None, problem
            document.lines[location + (key,)] = key_node.start_mark.line + 1  # point at the key, not its value
        return mapping, None
    items: list[Any] = []
    for index, item_node in enumerate(node.value):
        item, problem = read_node(item_node, location + (index,), document, construct)
        if problem:
            return None, problem
        items.append(item)
    return items, None


def number_problem(path: Path, message: str, node: yaml.Node) -> Problem:
    return Problem(path, message, "Ret tallet; skal det stå som tekst, så sæt det i anførselstegn.",
                   node.start_mark.line + 1)


def key_problem(path: Path, key_node: yaml.Node, seen: Container[str]) -> Problem | None:
    """A key must be a field name: a word, once per section."""
    line = key_node.start_mark.line + 1
    if not isinstance(key_node, yaml.ScalarNode):
        return Problem(path, "Et feltnavn er en liste eller et afsnit; feltnavne skal være ord.",
                       "Skriv feltet på formen 'navn: værdi', og slet et eventuelt '?' foran navnet.", line)
    if key_node.tag != STR_TAG:
        return Problem(path, f"Feltnavnet '{shorten(key_node.value)}' er et tal, true/false eller tomt; "
                       "feltnavne skal være ord.", "Ret feltnavnet. Se feltbeskrivelsen i CONTRIBUTING.md.", line)
    unwanted = UNWANTED.search(key_node.value)
    if unwanted:
        return unwanted_problem(path, unwanted.group(), line, None, 1)
    if key_node.value in seen:
        return duplicate_key_problem(path, key_node.value, line)
    return None


def unwanted_in_values(document: Document) -> Problem | None:
    """Escapes in double-quoted text ("\\u202e") can make the characters the raw text may not hold (`read_text`
    refused them there); no other style of text has escapes, so only double-quoted values are searched."""
    for location, span in document.spans.items():
        if span.style != '"':
            continue
        unwanted = UNWANTED.search(document.value_at(location))
        if unwanted:
            line = document.line_at(location, unwanted.start())
            return unwanted_problem(document.path, unwanted.group(), line, None, 1)
    return None


def unwanted_problem(path: Path, character: str, line: int | None, column: int | None, count: int) -> Problem:
    kind = "et tegn, der vender tekstens retning" if BIDI.match(character) else "et usynligt styretegn"
    where = f" (tegn nr. {column} på linjen)" if column else ""
    more = f" Filen har {count} af den slags tegn i alt." if count > 1 else ""
    return Problem(
        path,
        f"Her står {kind}, U+{ord(character):04X}{where}, som ikke må stå i kataloget.{more}",
        "Slet tegnet. Den slags tegn følger tit med, når tekst kopieres fra et andet program.",
        line,
    )


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def duplicate_key_problem(path: Path, key: str, line: int) -> Problem:
    return Problem(
        path,
        f"Feltet '{shorten(key)}' står to gange i samme afsnit.",
        "Slet den ene forekomst, eller slå de to værdier sammen.",
        line,
    )


def depth_problem(path: Path, line: int | None) -> Problem:
    return Problem(
        path,
        f"Lister og afsnit er lagt inden i hinanden i mere end {MAX_DEPTH} niveauer.",
        "Tjek parenteserne [ ] og { } og indrykningen; en post har højst fire niveauer.",
        line,
    )


YAML_SYNTAX = [
    (("tab",), "der står en tabulator, hvor indrykningen skal være mellemrum"),
    (("escape",), "en kode med \\ i tekst i dobbelte anførselstegn er ugyldig "
                  "(skriv \\\\ for en skråstreg, eller brug enkelte anførselstegn)"),
    (("another document", "single document"), "filen indeholder mere end ét dokument (en linje med ---)"),
    (("end of stream", "expected ',' or", "flow"), "en parentes [ { eller et anførselstegn er ikke lukket"),
    (("mapping values",), "et kolon står, hvor der ikke kan begynde et nyt felt"),
    (("cannot start any token",), "en værdi begynder med et tegn, der skal stå i anførselstegn (fx @ eller `)"),
    (("block end", "expected key", "expected ':'", "block mapping", "block collection", "'-' indicator"),
     "indrykningen passer ikke: et felt eller et punkt står ikke under det, det hører til"),
]
"""PyYAML's and libyaml's English problems, by words in them, told in Danish."""


def yaml_problem(path: Path, error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    detail = str(getattr(error, "problem", None) or "")
    if detail == LIBYAML_DEPTH_PROBLEM:
        return depth_problem(path, line)
    source_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        detail = "tab"  # libyaml does not say so
    told = next((danish for words, danish in YAML_SYNTAX if any(word in detail for word in words)),
                "filen kan ikke læses som YAML her")
    return Problem(
        path,
        f"YAML-syntaksfejl: {told}.",
        "Tjek indrykningen (mellemrum, ikke tabulator), at hvert felt har formen 'navn: værdi', "
        "og sæt tekst med kolon eller anførselstegn i anførselstegn.",
        line,
    )
