"""The catalogues measured: the real one, copies of it, and synthetic ones of any size made from it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator import catalogue
from generator.catalogue import Catalogue
from generator.render import template_prose
from generator.sitebuild import katalog_plugin, load_mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
REAL_CONFIG = ROOT / "mkdocs.yml"
PROJECT_INPUTS = ("cases", "principles", "bibliography.bib", "mkdocs.yml", "generator/pages")
"""What a catalogue project is made of, relative to its mkdocs.yml (the real project's layout)."""
MUNICIPALITIES = 98
"""As many as Denmark has: synthetic cases are spread over them."""
TRIAL_EVERY = 10
"""Every tenth synthetic case is a trial across TRIAL_SIZE municipalities, like the trial across nine."""
TRIAL_SIZE = 9


def load_catalogue(config_file: Path) -> Catalogue:
    """The catalogue as a new `katalog check` process loads it: every file read and checked. Not through the
    plugin's `catalogue`: MkDocs keeps one plugin instance per process, whose cache would answer instead."""
    config = load_mkdocs_config(config_file)
    return catalogue.load_catalogue(katalog_plugin(config).sources(config), prose=template_prose())


def copy_project(source: Path, folder: Path, inputs: tuple[str, ...] = PROJECT_INPUTS) -> Path:
    """The project in `source` (its `inputs`) copied to `folder`, to be changed there; its mkdocs.yml."""
    for name in inputs:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / name).is_dir():
            shutil.copytree(source / name, target)
        else:
            shutil.copy(source / name, target)
    return folder / "mkdocs.yml"


def municipalities_of(number: int) -> list[str]:
    return [f"Kommune {(number + step) % MUNICIPALITIES}"
            for step in range(TRIAL_SIZE if number % TRIAL_EVERY == 0 else 1)]


def synthetic_project(cases: int, folder: Path) -> Path:
    """A copy of the real project with `cases` cases made from the real ones in turn (each with its own
    id, title and municipality, every field, cross-reference and citation kept); its mkdocs.yml.

    Every text of a synthetic case differs from the same text in every other (`distinct`), as a real
    catalogue's texts do: a cache keyed by text must not make a copied catalogue look faster than a real one.
    """
    config_file = copy_project(ROOT, folder, tuple(name for name in PROJECT_INPUTS if name != "cases"))
    (folder / "cases").mkdir()
    originals = sorted((ROOT / "cases").glob("*.yml"))
    for number in range(cases):
        original = originals[number % len(originals)]
        data = distinct(yaml.safe_load(original.read_text(encoding="utf-8")), number)
        data["title"] = f"{data['title']} {number}"
        data["municipalities"] = municipalities_of(number)
        (folder / "cases" / f"{original.stem}-{number}.yml").write_text(as_yaml(data), encoding="utf-8")
    return config_file


PROSE_WORD = re.compile(r"(?<!\S)([a-zæøå]{5})[a-zæøå]{3}(?=[\s,.;]|$)")
"""A word of at least eight letters in running text, away from link targets, citation keys and ids."""


def distinct(data: Any, number: int) -> Any:
    """`data` with the first long word of each prose text ending in three letters that spell `number`:
    the same length and Markdown, a text of its own."""
    if isinstance(data, dict):
        return {key: distinct(value, number) for key, value in data.items()}
    if isinstance(data, list):
        return [distinct(value, number) for value in data]
    if isinstance(data, str) and data.count(" ") >= 3:
        code = "".join(chr(ord("a") + number // 26 ** place % 26) for place in range(3))
        return PROSE_WORD.sub(lambda match: match.group(1) + code, data, count=1)
    return data


class BlockDumper(yaml.SafeDumper):
    """Writes a text of several lines as a literal block, as maintainers write them."""


BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def as_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=BlockDumper, allow_unicode=True, sort_keys=False, width=100)
