"""`katalog review`: the reviewer's report on new or changed cases, as a pull request's summary."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.problems import LISTED
from generator.review import escape

CASE = "cases/testby-en-indgang.yml"
LESSONS = ("lessons: |\n    Det kræver brede kompetencer [@jensen2018].\n\n"
           "    Katalogets vurdering: Det virker. Det er godt.\n\n    Det tog 3 år at lære.")
"""Lines 17-22 of the case: a cited paragraph, the catalogue's judgement, and an uncited figure on line 22."""


def review(project, *arguments: str) -> int:
    return main(["-f", str(project.config_file), "review", *arguments])


def test_a_named_case_shows_every_figure_with_its_citation_and_line(project, capsys) -> None:
    project.edit(CASE, "lessons: Det kræver brede kompetencer [@jensen2018].", LESSONS)
    assert review(project, str(project.root / CASE)) == 0
    report = capsys.readouterr().out
    assert "## Én indgang – Testby Kommune" in report
    assert "(angivet ved kørslen)" in report
    assert ("- linje 27 (results → punkt 1): **2.168.000 kr. om året**, anslået gevinst i sparede ydelser. "
            "Kildetype: Evaluering. Kilde: Jensen m.fl. 2018") in report
    assert "- linje 13 (sections → effort): **4-20** i »Et forløb varer 4-20 uger.« – kilde: Jensen m.fl. 2018" \
        in report
    assert "- linje 22 (sections → lessons): **3** i »Det tog 3 år at lære.« – kilde: ingen kildehenvisning" \
        in report


def with_lessons(project, lessons: str) -> int:
    """Write `lessons` as the case's `sections → lessons` block; the line its text starts on."""
    lines = (project.root / CASE).read_text(encoding="utf-8").split("\n")
    first = next(number for number, line in enumerate(lines, 2) if line.startswith("  lessons: "))
    project.edit(CASE, "lessons: Det kræver brede kompetencer [@jensen2018].",
                 "lessons: |\n" + "\n".join(f"    {line}" if line else "" for line in lessons.split("\n")))
    return first


COVERED_AND_NOT = "\n".join([
    "Det kræver brede kompetencer. Det tager tid [@jensen2018]. Ledelsen skal bakke op.",  # first
    "",
    "Erfaringerne er disse [@jensen2018]:",
    "",
    "- Borgerne kommer igen.",
    "- Sagsbehandlerne deler viden.",
    "",
    "Det tog 3 år at lære. Ingen målte det.",  # first + 7
    "",
    "Andre erfaringer er disse:",  # first + 9
    "",
    "- Mødet skal være kort.",
    "",
    "*Flere erfaringer*",
    "",
    "- Borgeren skal høres.",  # first + 15
    "- Planen skal være fælles.",
    "",
    "Katalogets vurdering: Det virker. Det er godt.",
])


def test_only_paragraphs_and_lists_citing_nothing_are_listed_once_by_their_first_sentence(project, capsys) -> None:
    """One citation covers its paragraph, and a list is covered by one in its lead-in: a paragraph or a
    list citing nothing, with or without a lead-in, is listed once, at its first line."""
    first = with_lessons(project, COVERED_AND_NOT)
    project.edit(CASE, "[@jensen2018].\n  effort", "[@jensen2018]. Det gik hurtigt.\n  effort")
    assert review(project, str(project.root / CASE)) == 0
    uncited = section(capsys.readouterr().out, "Afsnit og lister uden kildehenvisning")
    assert [line for line in uncited.split("\n") if line.startswith("- ")] == [
        f"- linje {first + 7} (sections → lessons): »Det tog 3 år at lære.«",
        f"- linje {first + 9} (sections → lessons): »Andre erfaringer er disse:«",
        f"- linje {first + 15} (sections → lessons): »Borgeren skal høres.«",
    ]
    assert "heller ikke i sætningen, der leder ind til en liste" in uncited


def test_the_warnings_sources_tags_principles_and_checklist_are_reported(project, capsys) -> None:
    project.edit(CASE, "lessons: Det kræver brede kompetencer [@jensen2018].", LESSONS)
    assert review(project, str(project.root / CASE)) == 0
    report = capsys.readouterr().out
    assert "har ingen kildehenvisning" in section(report, "Advarsler fra katalog check")
    assert ("- Jensen m.fl. 2018 (jensen2018): Jensen, Maya m.fl. (2018). Din Indgang – et nyt tilbud? VIVE. "
            "– intet andet eksempel citerer den") in section(report, "Kilder")
    assert "- Rehabilitering (rehabilitering)" in section(report, "Emner, som intet andet eksempel bruger")
    linked = section(report, "Principper, forudsætninger og organiseringsmodeller")
    assert ("- linje 33 (principles → punkt 1): Princip relation, *Skabe relationen til borgeren*: "
            "»Borgeren har én fagperson at forholde sig til.« – kilde: Jensen m.fl. 2018") in linked
    assert "Forudsætning maalgruppe, *Afklaring af hvem der har brug for en koordineret indsats*" in linked
    assert "Organiseringsmodel ny-enhed, *Én organisation til en afgrænset målgruppe*" in linked
    checklist = section(report, "Det skal en person stadig tjekke")
    assert checklist.count("- [ ] ") == 7
    assert "personoplysninger" in checklist


def test_record_text_cannot_become_markup(project, capsys) -> None:
    project.edit(CASE, "title: Én indgang", "title: 'Én [klik](https://x.example) *a* | `b` <3 @ mig'")
    project.edit(CASE, "Det kræver brede kompetencer", "Det kræver 2 & _brede_ `kompetencer`")
    assert review(project, str(project.root / CASE)) == 0
    report = capsys.readouterr().out
    assert "## Én \\[klik\\](https://x.example) \\*a\\* \\| \\`b\\` &lt;3 @ mig – Testby Kommune" in report
    assert "»Det kræver 2 &amp; \\_brede\\_ \\`kompetencer\\`.«" in report
    assert "[klik]" not in report and "<3" not in report


def test_record_text_in_a_broken_catalogues_problems_cannot_become_markup(project, capsys) -> None:
    project.edit(CASE, "title: Én indgang", "title: '<img src=x onerror=alert(1)> [klik](javascript:alert(1))'")
    assert review(project, str(project.root / CASE)) == 1
    report = capsys.readouterr().out
    assert "indeholder HTML-kode" in report
    assert "<img" not in report and "](javascript" not in report


def test_escape_leaves_no_markdown_or_html_and_keeps_one_line() -> None:
    assert escape("a\nb\r\n# c") == "a b \\# c"
    assert escape("<>&[]*_`|~$\\") == "&lt;&gt;&amp;\\[\\]\\*\\_\\`\\|\\~\\$\\\\"


def test_a_long_text_lists_at_most_the_cap_and_says_how_many_more(project, capsys) -> None:
    many = "\n\n".join(f"Dag {number} gik. Det var {number} timer." for number in range(500))
    first = with_lessons(project, f"Det kræver brede kompetencer [@jensen2018].\n\n{many}")
    assert review(project, str(project.root / CASE)) == 0
    uncited = section(capsys.readouterr().out, "Afsnit og lister uden kildehenvisning")
    assert uncited.count("\n- linje ") == LISTED
    assert f"\n- linje {first + 2} (sections → lessons): »Dag 0 gik.«\n" in uncited
    assert f"\n- linje {first + 2 * LISTED} (sections → lessons): »Dag {LISTED - 1} gik.«\n" in uncited
    assert f"- … og {500 - LISTED} mere (se filen)." in uncited


def test_a_broken_catalogue_puts_its_problems_first_and_fails(project, capsys) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    assert review(project, str(project.root / CASE)) == 1
    report = capsys.readouterr().out
    assert report.index("## Kataloget kan ikke indlæses") < report.index("testby-en-indgang.yml:4: 'status'")
    assert "## Én indgang" not in report


@pytest.mark.parametrize("arguments, told", [
    ((), "angiv eksemplernes filer"),
    (("mkdocs.yml",), "er ikke en eksempelfil"),
    (("--base", "main", CASE), "--base bruges kun sammen med --changed"),
])
def test_usage_errors_are_told_in_danish(project, capsys, monkeypatch, arguments, told) -> None:
    monkeypatch.chdir(project.root)
    assert review(project, *arguments) == 2
    assert told in capsys.readouterr().err


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.dk", "-c", "commit.gpgsign=false",
                    *arguments], cwd=root, check=True, capture_output=True, timeout=30)


NEW_SOURCE = "\n@techreport{hansen2024,\n  author = {Hansen, Ida},\n  title = {Ny evaluering},\n" \
             "  institution = {VIVE},\n  year = {2024}\n}\n"


@pytest.fixture
def repository(project):
    """The fixture catalogue committed on `main`, with a new case committed on a branch and a new
    source not committed yet."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Kataloget")
    git(project.root, "checkout", "-q", "-b", "forslag")
    text = (project.root / CASE).read_text(encoding="utf-8")
    project.write("cases/testby-to.yml", text.replace("title: Én indgang", "title: To indgange")
                  .replace("[@jensen2018].\n  effort", "[@hansen2024].\n  effort")
                  .replace("sources: [jensen2018]", "sources: [jensen2018, hansen2024]"))
    git(project.root, "add", "cases/testby-to.yml")
    git(project.root, "commit", "-q", "-m", "Nyt eksempel")
    with (project.root / "bibliography.bib").open("a", encoding="utf-8") as bibliography:
        bibliography.write(NEW_SOURCE)
    return project


def test_changed_reports_exactly_the_new_case_and_the_new_source(repository, capsys) -> None:
    assert review(repository, "--changed", "--base", "main") == 0
    report = capsys.readouterr().out
    assert report.count("\n## ") == 1
    assert "## To indgange – Testby Kommune\nFil: " in report
    assert "testby-to.yml (nyt eksempel)" in report
    new = section(report, "Kilder, der er nye i ændringen")
    assert "- Hansen 2024 (hansen2024): Hansen, Ida (2024). Ny evaluering. VIVE." in new
    assert "jensen2018" not in new


def test_changed_tells_a_missing_base_in_danish(repository, capsys) -> None:
    assert review(repository, "--changed", "--base", "findes-ikke") == 2
    error = capsys.readouterr().err
    assert "git kender ikke 'findes-ikke'" in error
    assert "Traceback" not in error


def test_changed_outside_a_repository_is_told(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.root.parent))
    assert review(project, "--changed") == 2
    assert "er ikke i et git-arkiv" in capsys.readouterr().err


def section(report: str, heading: str) -> str:
    """The text under one '### ' heading of the report, up to the next heading."""
    start = report.index(f"### {heading}\n")
    ends = [index for marker in ("\n### ", "\n## ") if (index := report.find(marker, start + 1)) != -1]
    return report[start:min(ends, default=len(report))]


def test_changed_compares_with_main_when_there_is_no_origin(repository, capsys) -> None:
    assert review(repository, "--changed") == 0
    assert "testby-to.yml (nyt eksempel)" in capsys.readouterr().out


@pytest.mark.parametrize("committed", [True, False])
def test_a_renamed_and_rewritten_case_is_reported_as_new(repository, capsys, committed: bool) -> None:
    """A rename must not hide a rewritten case from the reviewer, committed or not."""
    git(repository.root, "mv", CASE, "cases/testby-omdoebt.yml")
    repository.edit("cases/testby-omdoebt.yml", "value: 2168000", "value: 9999999")
    if committed:
        git(repository.root, "commit", "-q", "-am", "Omdøbt")
    assert review(repository, "--changed", "--base", "main") == 0
    report = capsys.readouterr().out
    assert "testby-omdoebt.yml (nyt eksempel)" in report and "9.999.999" in report


def test_a_hidden_file_is_no_case_to_review(project, capsys) -> None:
    hidden = project.write("cases/.skjult.yml", (project.root / CASE).read_text(encoding="utf-8"))
    assert review(project, str(hidden)) == 2
    assert "er ikke en eksempelfil" in capsys.readouterr().err
