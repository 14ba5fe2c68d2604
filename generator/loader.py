"""Read a folder of YAML files into plain data, remembering the line of every value.

Nothing here knows what a case or a principle is: the loader only turns bytes into
mappings and reports files that cannot be read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YAML_SUFFIX = ".yml"

Location = tuple[Any, ...]


@dataclass
class Document:
    """One YAML file as data, with a line number for every key and list item."""

    path: Path
    data: dict[str, Any]
    lines: dict[Location, int] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return self.path.stem

    def line_of(self, location: Location) -> int | None:
        """The line of the deepest part of `location` that exists in the file."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None


def load_folder(folder: Path) -> tuple[list[Document], list[Problem]]:
    """Load every record file in `folder`; files that cannot be read become problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        hint = f"Opret mappen {folder.name}/ ved siden af mkdocs.yml."
        return [], [Problem(folder, "Mappen findes ikke.", hint)]
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        name_problem = check_file_name(path)
        if name_problem:
            problems.append(name_problem)
            continue
        document, problem = load_document(path)
        if problem:
            problems.append(problem)
        if document:
            documents.append(document)
    return documents, problems


def check_file_name(path: Path) -> Problem | None:
    """Record ids come from file names, so a name must be a plain lowercase slug."""
    if path.suffix != YAML_SUFFIX:
        return Problem(
            path,
            f"Filen har ikke endelsen {YAML_SUFFIX} og kan ikke læses som en post.",
            f"Giv filen endelsen {YAML_SUFFIX}, eller flyt den ud af mappen.",
        )
    if not SLUG.match(path.stem):
        suggestion = slugify(path.stem)
        return Problem(
            path,
            "Filnavnet er ikke et gyldigt id: brug kun små bogstaver a-z, tal og bindestreg.",
            f"Omdøb filen, fx til {suggestion}{YAML_SUFFIX}.",
        )
    return None


DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"}


def slugify(text: str) -> str:
    """A slug suggestion for a maintainer who named a file in plain words."""
    lowered = text.lower()
    for letter, replacement in DANISH_LETTERS.items():
        lowered = lowered.replace(letter, replacement)
    return re.sub(r"[^a-z0-9]+", "-", lowered).strip("-") or "nyt-id"


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file as text; a Problem where it is not UTF-8 or holds nothing."""
    raw = path.read_bytes()
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
    return text, None


def load_document(path: Path) -> tuple[Document | None, Problem | None]:
    text, problem = read_text(path)
    if text is None:
        return None, problem
    return parse_yaml(path, text)


def parse_yaml(path: Path, text: str) -> tuple[Document | None, Problem | None]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Problem(path, "Filen indeholder kun kommentarer.", "Udfyld filen, eller slet den.")
        lines: dict[Location, int] = {}
        duplicate = record_lines(node, (), lines)
        if duplicate:
            return None, duplicate_key_problem(path, *duplicate)
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return None, yaml_problem(path, error)
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, Problem(
            path,
            "Filen skal bestå af felter på formen 'navn: værdi', men indeholder noget andet.",
            "Se et eksisterende eksempel i samme mappe og følg dets opbygning.",
            1,
        )
    return Document(path, data, lines), None


def record_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> tuple[str, int] | None:
    """Fill `lines` for `node` and its children; return the first duplicate key found."""
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                return key, key_node.start_mark.line + 1
            seen.add(key)
            duplicate = record_lines(value_node, location + (key,), lines)
            if duplicate:
                return duplicate
            lines[location + (key,)] = key_node.start_mark.line + 1  # point at the key, not its value
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            duplicate = record_lines(item, location + (index,), lines)
            if duplicate:
                return duplicate
    return None


def duplicate_key_problem(path: Path, key: str, line: int) -> Problem:
    return Problem(
        path,
        f"Feltet '{key}' står to gange i samme afsnit.",
        "Slet den ene forekomst, eller slå de to værdier sammen.",
        line,
    )


def yaml_problem(path: Path, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    detail = getattr(error, "problem", None) or str(error)
    return Problem(
        path,
        f"YAML-syntaksfejl: {detail}.",
        "Tjek indrykningen (mellemrum, ikke tabulator), at hvert felt har formen 'navn: værdi', "
        "og sæt tekst med kolon eller anførselstegn i anførselstegn.",
        line,
    )
