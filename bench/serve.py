"""`katalog serve`'s answer to an edit of one case file.

On every change the preview (generator/devserver.py, Preview.build) loads mkdocs.yml afresh, but MkDocs
keeps its one plugin instance, which keeps each record file as read and checked (generator/records.py): the
edited file is read again and the checks across files run again, then the whole site is rendered and built
strictly into a staging folder that is swapped in. That call, in a process whose imports are warm as a
running `serve`'s are, is what is timed here, after one edit of one case's title.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.devserver import Preview
from generator.problems import CatalogueError, Problem

from .project import copy_project
from .stats import Spread, seconds_of

ADDRESS = "127.0.0.1:8000"
"""`katalog serve`'s default address; nothing listens on it here, it only sets the site's URL."""


def good(problems: list[Problem]) -> None:
    """A build that found problems measured the wrong thing: stop with them."""
    if problems:
        raise RuntimeError(CatalogueError(problems).report())


def edit_title(case_file: Path, original: str, number: int) -> None:
    """The case file as it was at first, its title changed by `number`: a real edit, seen on every page
    that lists the case."""
    title = yaml.safe_load(original)["title"]
    edited = original.replace(f"title: {title}", f"title: {title} (rettet {number})", 1)
    if edited == original:
        raise RuntimeError(f"{case_file}: no 'title: {title}' line to edit")
    case_file.write_text(edited, encoding="utf-8")


def serve_edit_seconds(config_file: Path, work: Path, repeats: int) -> Spread:
    """Seconds of the preview's rebuild after each of `repeats` edits of one case, on a copy of the project
    in `work`, after the untimed first build `serve` does on start."""
    config_copy = copy_project(config_file.parent, work / "serve-project")
    served = work / "serve-site"
    served.mkdir()
    preview = Preview(config_copy, served, ADDRESS, None, f"http://{ADDRESS}/")
    good(preview.build())
    case_file = sorted((config_copy.parent / "cases").glob("*.yml"))[0]
    original = case_file.read_text(encoding="utf-8")
    timings = []
    for number in range(repeats):
        edit_title(case_file, original, number)
        problems: list[Problem] = []
        timings.append(seconds_of(lambda: problems.extend(preview.build())))
        good(problems)
    return Spread.of(timings)
