"""`katalog serve`'s answer to an edit of one case file: how soon the edited page is shown, then the pages
that list it, and how soon the whole site is rebuilt behind them.

On every change the preview (generator/devserver.py, Preview.rebuild) first builds the edited case's page on
its own and writes it into the served site, then the pages that list it (`Preview.show_first`). MkDocs keeps
its one plugin instance, which keeps each record file as read and checked (generator/records.py), so only the
edited file is read and checked again, besides the checks across files. Then it loads mkdocs.yml afresh,
renders the whole site and builds it strictly into a staging folder that is swapped in (`Preview.build`).
All three are timed here, after one edit of one case's title, in a process whose imports are warm as a
running `serve`'s are.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ServeFigures:
    shown: Spread
    """Seconds from the edit until the edited case's page is in the served site."""
    listed: Spread
    """Seconds from the edit until the pages that list the case are too."""
    rebuilt: Spread
    """Seconds of the full rebuild that follows."""


def serve_edit_seconds(config_file: Path, work: Path, repeats: int) -> ServeFigures:
    """Seconds of the preview's two steps after each of `repeats` edits of one case, on a copy of the project
    in `work`, after the untimed first build `serve` does on start."""
    config_copy = copy_project(config_file.parent, work / "serve-project")
    served = work / "serve-site"
    served.mkdir()
    preview = Preview(config_copy, served, ADDRESS, None, f"http://{ADDRESS}/")
    preview.watched.append(config_copy.parent / "cases")
    good(preview.build())
    preview.changed_files()
    case_file = sorted((config_copy.parent / "cases").glob("*.yml"))[0]
    original = case_file.read_text(encoding="utf-8")
    shown, listed, rebuilt = [], [], []
    for number in range(repeats):
        edit_title(case_file, original, number)
        first = preview.show_first(preview.changed_files(), time.monotonic())
        if len(first.after) != 2 or not all(f"(rettet {number})" in page.read_text(encoding="utf-8")
                                            for page in first.replaced):
            raise RuntimeError(f"the edit of {case_file} was not shown first")
        shown.append(first.after[0])
        listed.append(first.after[1])
        problems: list[Problem] = []
        rebuilt.append(seconds_of(lambda: problems.extend(preview.build())))
        good(problems)
    return ServeFigures(Spread.of(shown), Spread.of(listed), Spread.of(rebuilt))
