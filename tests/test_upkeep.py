"""Upkeep warnings: what a maintainer should look after although nothing is wrong. They never fail a check."""

from __future__ import annotations

import datetime

from conftest import FIXTURE_DAY
from generator.bibliography import load_bibliography
from generator.catalogue import load_catalogue
from generator.problems import LISTED, Problem
from generator.upkeep import possible_duplicates, stale_since, uncited_sources

CASE = "cases/testby-en-indgang.yml"
DUPLICATE = """
@techreport{jensen2018b,
  author      = {Jensen, Maya and others},
  title       = {Din indgang: et nyt tilbud},
  institution = {VIVE},
  year        = {2018}
}
"""


def warnings_of(project) -> list[Problem]:
    return load_catalogue(project.sources).warnings


def test_a_record_not_reviewed_for_two_years_is_told_at_its_date(project) -> None:
    long_ago = stale_since(FIXTURE_DAY) - datetime.timedelta(days=1)
    project.edit(CASE, "last_reviewed: 2026-11-25", f"last_reviewed: {long_ago.isoformat()}")
    project.edit(CASE, "status_year: 2018", f"status_year: {min(2018, long_ago.year)}")
    [warning] = warnings_of(project)
    assert warning.path.name == "testby-en-indgang.yml" and warning.line == 35
    assert f"sidst gennemgået {long_ago.isoformat()}, for mere end 2 år siden" in warning.message
    assert "'last_reviewed'" in warning.hint


def test_a_review_two_years_ago_today_is_still_recent(project) -> None:
    recent = stale_since(FIXTURE_DAY)
    project.edit(CASE, "last_reviewed: 2026-11-25", f"last_reviewed: {recent.isoformat()}")
    project.edit(CASE, "status_year: 2018", f"status_year: {min(2018, recent.year)}")
    assert warnings_of(project) == []


def test_two_years_before_a_leap_day_is_the_28th() -> None:
    assert stale_since(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)


def test_a_case_that_shows_no_principle_is_told(project) -> None:
    project.edit(CASE, "principles:\n  - id: relation\n    how: Borgeren har én fagperson at forholde sig til "
                       "[@jensen2018].\n", "principles: []\n")
    [warning] = warnings_of(project)
    assert warning.line == 27 and "viser ikke nogen af katalogets principper" in warning.message


def test_a_source_nothing_cites_is_told_at_its_entry(project) -> None:
    project.write("bibliography.bib", (project.root / "bibliography.bib").read_text(encoding="utf-8") +
                  "\n@techreport{glemt2020,\n  author = {Glemt, Gerda},\n  title = {Ingen citerer mig},\n  institution = {VIVE},\n  year = {2020}\n}\n")
    [warning] = warnings_of(project)
    assert warning.path.name == "bibliography.bib"
    assert warning.message == "Kilden 'glemt2020' bliver ikke citeret nogen steder."
    lines = (project.root / "bibliography.bib").read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1].startswith("@techreport{glemt2020")


def test_the_same_work_under_two_keys_is_told_at_the_second(project) -> None:
    project.write("bibliography.bib", (project.root / "bibliography.bib").read_text(encoding="utf-8") + DUPLICATE)
    project.edit(CASE, "sources: [jensen2018]", "sources: [jensen2018, jensen2018b]")
    project.edit(CASE, "lessons: Det kræver brede kompetencer [@jensen2018].",
                 "lessons: Det kræver brede kompetencer [@jensen2018b].")
    [warning] = warnings_of(project)
    assert "'jensen2018b' har samme titel og år som 'jensen2018'" in warning.message
    lines = (project.root / "bibliography.bib").read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1].startswith("@techreport{jensen2018b")


def test_the_real_catalogue_warns_only_of_upkeep(real_sources) -> None:
    """The real catalogue's warnings, whatever they are, each name a file, a line and what to do."""
    for warning in load_catalogue(real_sources).warnings:
        assert warning.line and warning.hint


def test_many_copies_of_one_work_are_told_up_to_the_cap_and_the_rest_counted(tmp_path) -> None:
    bib = tmp_path / "bibliography.bib"
    copies = LISTED + 30
    bib.write_text("".join(f"@misc{{k{n}, author = {{Navn{n}, A}}, title = {{Samme titel}}, year = {{2020}}}}\n"
                           for n in range(copies)), encoding="utf-8")
    bibliography, problems = load_bibliography(bib)
    assert problems == []
    warnings = possible_duplicates(bibliography, bib)
    assert len(warnings) == LISTED + 1
    assert [warning.line for warning in warnings[:LISTED]] == list(range(2, LISTED + 2))
    assert all("har samme titel og år som 'k0'" in warning.message for warning in warnings[:LISTED])
    assert warnings[-1].message.startswith(f"… og {copies - 1 - LISTED} kilder mere har samme titel og år")
    assert warnings[-1].line == warnings[-2].line and warnings[-1].hint


def test_many_uncited_sources_are_told_up_to_the_cap_and_the_rest_counted(tmp_path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("".join(f"@misc{{k{n}, author = {{Navn{n}, A}}, title = {{Titel {n}}}, year = {{2020}}}}\n"
                           for n in range(LISTED + 7)), encoding="utf-8")
    bibliography, problems = load_bibliography(bib)
    assert problems == []
    warnings = uncited_sources(bibliography, {"k0"}, bib)
    assert all(warning.message.endswith("bliver ikke citeret nogen steder.") for warning in warnings[:LISTED])
    assert "Kilden 'k0' bliver ikke citeret nogen steder." not in {warning.message for warning in warnings}
    assert len(warnings) == LISTED + 1
    assert warnings[-1].message.startswith("… og 6 kilder mere bliver ikke citeret; ")
