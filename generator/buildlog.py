"""MkDocs' warnings during a build, kept and told in Danish.

A strict MkDocs build counts its warnings and stops with "Aborted with 2 warnings in strict
mode!", while the warnings themselves go to a logger nobody prints. This module keeps them and
turns the kinds a maintainer meets into problems that name the file and say what to do.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import Problem

STRICT_HINT = "ret det, advarslen nævner; bygningen er streng, så hver advarsel stopper den."
PAGE_HINT = ("siden er lavet af posten med samme navn i cases/ eller principles/ (eller af en skabelon): "
             "ret linket dér, og kør 'katalog check'.")

NAV_REFERENCE = re.compile(r"A reference to '(?P<target>.+)' is included in the 'nav' configuration")
PAGE_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
                       r"link '(?P<href>.*)', (?P<rest>.*)", re.DOTALL)
MISSING_ANCHOR = re.compile(r"but the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']*)'")
CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<detail>.*)", re.DOTALL)


class _Keeper(logging.Handler):
    """Keeps the warnings logged by one thread: a dev server logs requests from others."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


class Warnings:
    """The warnings one build logged, as problems for a maintainer."""

    def __init__(self, config_file: Path, keeper: _Keeper) -> None:
        self.config_file = config_file
        self._keeper = keeper

    def problems(self) -> list[Problem]:
        return [translate(record.getMessage(), self.config_file) for record in self._keeper.records]


@contextmanager
def kept_warnings(config_file: Path) -> Iterator[Warnings]:
    """Keep every warning MkDocs (and its theme and plugins) logs inside the block."""
    logger = logging.getLogger("mkdocs")
    keeper = _Keeper()
    logger.addHandler(keeper)
    try:
        yield Warnings(config_file, keeper)
    finally:
        logger.removeHandler(keeper)


def translate(message: str, config_file: Path) -> Problem:
    """One MkDocs warning as a Danish problem where we know its kind, else quoted as it is."""
    if match := NAV_REFERENCE.search(message):
        return Problem(config_file, f"'nav' nævner siden '{match['target']}', som ikke findes.",
                       "ret navnet, eller fjern linjen fra 'nav'.", line_of(config_file, match["target"]))
    if match := PAGE_LINK.match(message):
        if anchor := MISSING_ANCHOR.search(match["rest"]):
            what = f"men siden '{anchor['doc']}' har intet afsnit '{anchor['anchor']}'."
        elif "absolute" in message or "unrecognized" in message:
            what = "som ikke peger på en side i kataloget."
        else:
            what = "som ikke findes blandt sitets sider."
        return Problem(Path(match["page"]), f"Siden linker til '{match['href']}', {what}", PAGE_HINT)
    if match := CONFIG_VALUE.match(message):
        return Problem(config_file, f"Indstillingen '{match['key']}' er forkert: {match['detail']}",
                       f"ret '{match['key']}' i {config_file.name}.", line_of(config_file, f"{match['key']}:"))
    return Problem(config_file, f"MkDocs advarede: {message}", STRICT_HINT)


def line_of(config_file: Path, text: str) -> int | None:
    """The first line of the config file that mentions `text`, to point the maintainer at it."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, 1) if text in line), None)
