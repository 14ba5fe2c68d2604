"""The record cache `katalog serve` keeps between rebuilds: a file is read and checked again exactly when it
changed, and a catalogue loaded from the cache is the one a fresh load gives."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from conftest import FIXTURE_DAY
from generator import catalogue as catalogue_module
from generator.catalogue import load_catalogue
from generator.loader import Document
from generator.problems import CatalogueError, Problem
from generator.records import RecordCache

CASE = "cases/testby-en-indgang.yml"


def test_an_unchanged_file_is_not_read_again(project) -> None:
    records = RecordCache()
    path = project.root / CASE
    first, _ = records.load(path)
    again, _ = records.load(path)
    assert first is not None and again is first


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(project) -> None:
    """The change time catches what the modification time and size miss (an editor restoring the mtime)."""
    records = RecordCache()
    path = project.root / CASE
    first, _ = records.load(path)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Én indgang", "Én indhang", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    again, _ = records.load(path)
    assert again is not first and again.data["title"] == "Én indhang"


def test_a_file_that_could_not_be_read_is_told_again_until_it_can(project) -> None:
    records = RecordCache()
    path = project.write(CASE, "title: [ikke lukket\n")
    _, problem = records.load(path)
    assert problem is not None and records.load(path) == (None, problem)
    path.write_text("title: Lukket\n", encoding="utf-8")
    document, problem = records.load(path)
    assert problem is None and document.data == {"title": "Lukket"}


def test_a_files_own_check_runs_once_for_each_version(project) -> None:
    records = RecordCache()
    path = project.root / CASE
    runs: list[Path] = []

    def check(document: Document) -> list[Problem]:
        runs.append(document.path)
        return [Problem(document.path, f"kørsel {len(runs)}", "")]

    document, _ = records.load(path)
    assert records.checked(document, check) == records.checked(document, check) and len(runs) == 1
    project.edit(CASE, "Én indgang", "Én ny indgang")
    edited, _ = records.load(path)
    assert records.checked(edited, check)[0].message == "kørsel 2"


def test_a_check_runs_again_when_an_input_besides_the_document_changed(project) -> None:
    records = RecordCache()
    runs: list[object] = []

    def check(document: Document, bibliography: object) -> list[Problem]:
        runs.append(bibliography)
        return []

    document, _ = records.load(project.root / CASE)
    first, equal, changed = {"a": 1}, {"a": 1}, {"a": 2}
    for given in (first, first, equal, changed, changed):
        records.checked(document, check, given)
    assert runs == [first, changed] and runs[1] is changed


def test_the_bibliography_is_read_again_only_when_it_changed(project) -> None:
    records = RecordCache()
    outcome(project, records)
    read_before = records.read(project.sources.bibliography, lambda path: pytest.fail("read again unchanged"))
    assert read_before[1] == []
    bibliography = project.sources.bibliography
    bibliography.write_text(bibliography.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    read_after = records.read(bibliography, lambda path: ("read again", []))
    assert read_after == ("read again", [])


def test_files_no_longer_in_the_catalogue_are_forgotten(project) -> None:
    records = RecordCache()
    path = project.root / CASE
    first, _ = records.load(path)
    records.keep_only(set())
    again, _ = records.load(path)
    assert again is not first and again == first


def outcome(project, records: RecordCache | None) -> tuple:
    """What a load gives: the catalogue's cases and warnings, or its problems and warnings."""
    try:
        catalogue = load_catalogue(project.sources, records=records)
    except CatalogueError as error:
        return "problems", error.problems, error.warnings
    return "catalogue", catalogue.cases, catalogue.principles, catalogue.warnings


@pytest.mark.parametrize(("old", "new"), [
    ("title: Én indgang", "title: Én fælles indgang"),
    ("status: ongoing", "status: færdig"),  # a problem, then (below) its fix
    ("[@jensen2018].\n  effort", "\n  effort"),  # a warning: a paragraph without a source
    ("[@jensen2018]", "[@findes-ikke2020]"),  # a citation the bibliography does not have
])
def test_a_catalogue_loaded_with_the_cache_after_an_edit_is_a_fresh_load(project, old: str, new: str) -> None:
    records = RecordCache()
    assert outcome(project, records)[0] == "catalogue"
    project.edit(CASE, old, new)
    edited = outcome(project, records)
    assert edited == outcome(project, None)
    project.edit(CASE, new, old)
    assert outcome(project, records) == outcome(project, None) and outcome(project, records)[0] == "catalogue"


def test_citations_are_checked_again_when_the_bibliography_changed(project) -> None:
    records = RecordCache()
    assert outcome(project, records)[0] == "catalogue"
    project.edit("bibliography.bib", "jensen2018,", "jensen2019,")
    edited = outcome(project, records)
    assert edited[0] == "problems" and "jensen2018" in str(edited[1])
    assert edited == outcome(project, None)


def test_a_review_refused_as_after_today_is_accepted_once_that_day_has_come(project, monkeypatch) -> None:
    """A preview left running past midnight: a validation kept from yesterday does not hold today."""
    records = RecordCache()
    tomorrow = FIXTURE_DAY + datetime.timedelta(days=1)
    project.edit(CASE, "last_reviewed: 2026-11-25", f"last_reviewed: {tomorrow.isoformat()}")
    refused = outcome(project, records)
    assert refused[0] == "problems" and "efter i dag" in str(refused[1])
    monkeypatch.setattr(catalogue_module, "review_day", lambda: tomorrow + datetime.timedelta(days=1))
    assert outcome(project, records)[0] == "catalogue"


def test_a_link_to_a_case_is_checked_again_when_the_case_is_added(project) -> None:
    """The linking file is unchanged, so its links are kept; whether the linked case exists is asked anew."""
    records = RecordCache()
    project.edit(CASE, "Dokumentationen var svær", "Dokumentationen var svær, som i [Ny](eksempel:ny)")
    missing = outcome(project, records)
    assert missing[0] == "problems" and "'ny'" in str(missing[1])
    project.write("cases/ny.yml", (project.root / CASE).read_text(encoding="utf-8").replace("Én indgang", "Ny"))
    assert outcome(project, records) == outcome(project, None) and outcome(project, records)[0] == "catalogue"
