"""The catalogues measured: the real one, copies of it, and synthetic ones of any size made from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.catalogue import Catalogue
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
    """The catalogue as `katalog check` loads it: a fresh configuration, so no plugin's cache is reused."""
    config = load_mkdocs_config(config_file)
    return katalog_plugin(config).catalogue(config)


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
    id, title and municipality, every field, cross-reference and citation kept); its mkdocs.yml."""
    config_file = copy_project(ROOT, folder, tuple(name for name in PROJECT_INPUTS if name != "cases"))
    (folder / "cases").mkdir()
    originals = sorted((ROOT / "cases").glob("*.yml"))
    for number in range(cases):
        original = originals[number % len(originals)]
        text = original.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        text = text.replace(f"title: {data['title']}", f"title: {data['title']} {number}", 1)
        text = text.replace(f"municipalities:\n  - {data['municipalities'][0]}\n",
                            f"municipalities: [{', '.join(municipalities_of(number))}]\n", 1)
        (folder / "cases" / f"{original.stem}-{number}.yml").write_text(text, encoding="utf-8")
    return config_file
