"""`katalog new-case` and `katalog new-source`: templates a maintainer fills in, which `katalog check` holds
to account until every placeholder is gone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from pybtex.database import parse_string

from conftest import FIXTURE_DAY
from generator.bibliography import load_bibliography
from generator.cli import main
from generator.problems import LISTED
from generator.scaffold import SOURCE_KINDS
from generator.schema import PLACEHOLDER, Case, Demonstration, Period, Result, Role, Sections

SLUG = "odense-samlet-indgang"


def run(project, *arguments: str) -> int:
    return main(["-f", str(project.config_file), *arguments])


def new_case(project, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(project, "new-case", SLUG) == 0
    capsys.readouterr()
    return project.root / "cases" / f"{SLUG}.yml"


# --- katalog new-case ------------------------------------------------------------------------------

def test_new_case_writes_every_field_under_the_editors_schema_line(project, capsys) -> None:
    path = new_case(project, capsys)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=https://helhedskataloget.example.dk/data/case.schema.json"
    data = yaml.safe_load(text)
    assert set(data) == set(Case.model_fields) - {"id"}
    for part, model in [(data["period"], Period), (data["sections"], Sections), (data["roles"][0], Role),
                        (data["results"][0], Result), (data["organisation_models"][0], Demonstration),
                        (data["principles"][0], Demonstration), (data["prerequisites"][0], Demonstration)]:
        assert set(part) == set(model.model_fields), model
    assert data["period"]["end"] is None and data["period"]["approximate"] is False
    assert max(len(line) for line in text.splitlines()[1:] if line.lstrip().startswith("#")) <= 100


def test_the_comments_are_the_schemas_descriptions(project, capsys) -> None:
    text = new_case(project, capsys).read_text(encoding="utf-8")
    comments = " ".join(line.strip().removeprefix("# ") for line in text.splitlines() if line.strip().startswith("#"))
    for name, field in [*Case.model_fields.items(), *Result.model_fields.items()]:
        if name != "id":
            assert field.description in comments, name
    assert "pilot = forsøg" in comments and "municipal_count = kommunens egen opgørelse" in comments


def placeholder_lines(text: str) -> set[int]:
    """Where `katalog check` must point: a placeholder's line, or the key's line of a block of text."""
    lines = text.splitlines()
    return {number - 1 if lines[number - 2].endswith("|") else number
            for number, line in enumerate(lines, 1) if PLACEHOLDER in line and not line.lstrip().startswith("#")}


def test_check_names_every_unfilled_field_at_its_line_and_fails(project, capsys) -> None:
    path = new_case(project, capsys)
    assert run(project, "check") == 1
    error = capsys.readouterr().err
    expected = placeholder_lines(path.read_text(encoding="utf-8"))
    assert len(expected) >= 25
    assert f"Kataloget har {len(expected)} problemer:" in error
    assert "Advarsel" not in error, "a placeholder is not judged for its citations"
    told = [line for line in error.splitlines() if line.startswith(f"{path}:")]
    assert {int(line.split(":")[1]) for line in told} == expected
    assert all("er ikke udfyldt endnu: der står 'SKRIV: …' fra skabelonen." in line for line in told)
    assert f"{path}:8: 'title' er ikke udfyldt endnu" in error
    assert "'results → punkt 1 → source_type' er ikke udfyldt endnu" in error
    assert "Gør sådan: Udfyld feltet, som kommentaren over det beskriver" in error


FILLED: dict[tuple[Any, ...], Any] = {
    ("title",): "Samlet indgang i Odense", ("municipalities", 0): "Odense Kommune", ("period", "start"): 2019,
    ("status",): "ongoing", ("status_year",): 2020, ("target_groups", 0): "Voksne med sociale udfordringer",
    ("organisation_models", 0, "id"): "ny-enhed", ("principles", 0, "id"): "relation",
    ("prerequisites", 0, "id"): "maalgruppe", ("tags", 0): "udsatte-familier", ("sources", 0): "jensen2018",
    ("results", 0, "value"): 75, ("results", 0, "unit"): "pct.", ("results", 0, "source_type"): "evaluation",
    ("results", 0, "cite"): "jensen2018", ("roles", 0, "title"): "Koordinator",
    ("results", 0, "measures"): "Andel af borgerne med én kontaktperson (omtrentligt: tre ud af fire)",
}
PROSE = "Borgeren møder én fagperson, som samler forløbet [@jensen2018]."


def filled(value: Any, location: tuple[Any, ...] = ()) -> Any:
    """The template with every placeholder replaced as a maintainer would: real-looking values, cited."""
    if isinstance(value, dict):
        return {key: filled(part, (*location, key)) for key, part in value.items()}
    if isinstance(value, list):
        return [filled(part, (*location, index)) for index, part in enumerate(value)]
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        if location == ("last_reviewed",):
            return FIXTURE_DAY.isoformat()
        return FILLED.get(location, PROSE)
    return value


def test_a_filled_in_case_passes_check_and_is_built(project, capsys, tmp_path: Path) -> None:
    path = new_case(project, capsys)
    path.write_text(yaml.safe_dump(filled(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    assert run(project, "check") == 0, capsys.readouterr().err
    assert "Kataloget er i orden: 2 eksempler" in capsys.readouterr().out
    site = tmp_path / "site"
    assert run(project, "build", "-d", str(site)) == 0
    page = (site / "eksempler" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Samlet indgang i Odense" in page and "Odense Kommune" in page
    assert SLUG in (site / "eksempler" / "index.html").read_text(encoding="utf-8")


def test_the_schema_line_names_the_published_address(project, capsys) -> None:
    project.edit("mkdocs.yml", "site_name: Testkatalog", "site_name: Testkatalog\nsite_url: https://kommune.dk/katalog/")
    assert run(project, "new-case", SLUG) == 0
    assert "Advarsel" not in capsys.readouterr().err
    first = (project.root / "cases" / f"{SLUG}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://kommune.dk/katalog/data/case.schema.json"


def test_a_placeholder_site_url_is_told_but_the_case_is_written(project, capsys) -> None:
    project.edit("mkdocs.yml", "site_name: Testkatalog",
                 "site_name: Testkatalog\nsite_url: https://helhedskataloget.example.dk/")
    assert run(project, "new-case", SLUG) == 0
    output = capsys.readouterr()
    assert "Eksemplet er oprettet" in output.out
    assert "'site_url' er stadig pladsholderen" in output.err and "Ret adressen i linjen" in output.err
    assert (project.root / "cases" / f"{SLUG}.yml").is_file()


@pytest.mark.parametrize(("slug", "told"), [
    ("Odense Samlet Indgang", "Skriv fx: katalog new-case odense-samlet-indgang"),
    ("århus-én-indgang", "Skriv fx: katalog new-case aarhus-en-indgang"),
    ("../udenfor", "Skriv fx: katalog new-case udenfor"),
    ("index", "er optaget"),
    ("a" * 81, "for langt"),
])
def test_a_bad_id_is_refused_with_a_suggestion(project, capsys, slug: str, told: str) -> None:
    before = sorted(path.name for path in (project.root / "cases").iterdir())
    assert run(project, "new-case", slug) == 1
    error = capsys.readouterr().err
    assert error.startswith("Intet er skrevet:") and told in error and "Gør sådan:" in error
    assert sorted(path.name for path in (project.root / "cases").iterdir()) == before
    assert not (project.root / "udenfor.yml").exists()


def test_an_existing_file_is_never_overwritten(project, capsys) -> None:
    path = project.root / "cases" / "testby-en-indgang.yml"
    before = path.read_bytes()
    assert run(project, "new-case", "testby-en-indgang") == 1
    assert "Filen findes allerede, og den bliver ikke overskrevet." in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_missing_cases_folder_is_refused(project, capsys) -> None:
    (project.root / "cases").rename(project.root / "eksempler")
    assert run(project, "new-case", SLUG) == 1
    assert "Mappen til eksemplerne findes ikke" in capsys.readouterr().err
    assert not (project.root / "cases").exists()


# --- katalog new-source ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", SOURCE_KINDS)
def test_new_source_prints_an_entry_bibtex_reads_with_guidance_it_skips(project, capsys, kind: str) -> None:
    assert run(project, "new-source", "ny2024", "--type", kind) == 0
    printed = capsys.readouterr().out
    entry = parse_string(printed, "bibtex").entries["ny2024"]
    assert entry.type == SOURCE_KINDS[kind].entry_type
    assert set(entry.fields) | set(entry.persons) == set(SOURCE_KINDS[kind].fields)
    guidance = [line for line in printed.splitlines() if line.startswith("%")]
    assert guidance and not any("@" in line for line in guidance), "an at sign in a comment starts an entry"
    for field in SOURCE_KINDS[kind].fields:
        assert any(line.startswith(f"% {field}:") for line in guidance), field


def test_a_web_page_and_an_interview_are_written_as_contributing_says(project, capsys) -> None:
    assert run(project, "new-source", "side2019", "--type", "web") == 0
    web = parse_string(capsys.readouterr().out, "bibtex").entries["side2019"]
    assert web.type == "misc" and {"url", "urldate", "title"} <= set(web.fields)
    assert run(project, "new-source", "interview2019", "--type", "interview") == 0
    interview = parse_string(capsys.readouterr().out, "bibtex").entries["interview2019"]
    assert interview.type == "misc" and "title" not in interview.fields
    assert interview.fields["howpublished"].startswith(f"{PLACEHOLDER} Interview")


def test_write_appends_the_entry_and_keeps_every_old_byte(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    before = bib.read_bytes()
    assert run(project, "new-source", "odense2021", "--type", "techreport", "--title", "Samlet indgang",
               "--year", "2021", "--write") == 0
    output = capsys.readouterr()
    after = bib.read_bytes()
    assert after.startswith(before)
    line = after.decode("utf-8").splitlines().index("@techreport{odense2021,") + 1
    assert f"Kilden 'odense2021' er tilføjet sidst i {bib}, linje {line}." in output.out
    _, problems = load_bibliography(bib)
    lines = after.decode("utf-8").splitlines()
    unfilled = {number for number, text in enumerate(lines, 1) if "= {SKRIV:" in text}
    assert unfilled and {problem.line for problem in problems} == unfilled
    assert all("er ikke udfyldt endnu" in problem.message for problem in problems)
    assert "{Samlet indgang}" in after.decode("utf-8") and "{2021}" in after.decode("utf-8")
    assert not [path for path in bib.parent.iterdir() if path.name.endswith(".tmp")]


def test_a_second_source_is_added_while_an_earlier_template_is_still_unfilled(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    assert run(project, "new-source", "ny2024", "--type", "book", "--write") == 0
    capsys.readouterr()
    first = bib.read_text(encoding="utf-8").splitlines().index("@book{ny2024,") + 1
    assert run(project, "new-source", "ny2025", "--type", "misc", "--write") == 0
    output = capsys.readouterr()
    assert "Kilden 'ny2025' er tilføjet sidst i" in output.out
    assert (f"{bib}:{first}: Advarsel: Posten 'ny2024' har stadig 5 felter med 'SKRIV: …' fra skabelonen: title, "
            "publisher, address, year, author.") in output.err
    assert "samme titel og år" not in output.err, "two templates' placeholders are not the same work"
    text = bib.read_text(encoding="utf-8")
    assert "@book{ny2024," in text and "@misc{ny2025," in text
    assert run(project, "new-source", "NY2024", "--type", "web", "--write") == 1
    refused = capsys.readouterr().err
    assert f"{bib}:{first}: Kildenøglen 'ny2024' findes allerede." in refused
    assert bib.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("kind", SOURCE_KINDS)
def test_a_written_template_is_told_only_as_unfilled(project, capsys, kind: str) -> None:
    """Every template has the fields its type needs: `katalog check` asks only that each be filled in."""
    bib = project.root / "bibliography.bib"
    assert run(project, "new-source", "ny2024", "--type", kind, "--write") == 0
    _, problems = load_bibliography(bib)
    assert problems and all("er ikke udfyldt endnu" in problem.message for problem in problems), problems


def test_a_list_with_windows_line_endings_keeps_them(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    bib.write_bytes(bib.read_bytes().replace(b"\n", b"\r\n"))
    before = bib.read_bytes()
    assert run(project, "new-source", "ny2024", "--type", "misc", "--write") == 0
    after = bib.read_bytes()
    assert after.startswith(before)
    assert b"\n" not in after.replace(b"\r\n", b""), "every line ends as the file's own lines do"
    line = after.decode("utf-8").split("\r\n").index("@misc{ny2024,") + 1
    assert f"linje {line}." in capsys.readouterr().out


def test_an_existing_key_is_refused_whatever_its_case(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    before = bib.read_bytes()
    assert run(project, "new-source", "Jensen2018", "--type", "book", "--write") == 1
    assert "Kildenøglen 'jensen2018' findes allerede." in capsys.readouterr().err
    assert run(project, "new-source", "jensen2018", "--type", "book") == 1
    assert bib.read_bytes() == before


def test_the_same_title_and_year_under_another_key_is_warned_about(project, capsys) -> None:
    assert run(project, "new-source", "vive2018", "--type", "techreport", "--title", "Din indgang: et nyt tilbud",
               "--year", "2018") == 0
    error = capsys.readouterr().err
    assert "Advarsel: Kilden 'jensen2018' har samme titel og år som den nye kilde 'vive2018'" in error
    assert "citér [@jensen2018]" in error


def test_an_entry_that_would_break_the_list_is_refused(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    before = bib.read_bytes()
    assert run(project, "new-source", "ny2024", "--type", "misc", "--title", "Halv } titel", "--write") == 1
    assert "ville ændre BibTeX-posten" in capsys.readouterr().err
    assert bib.read_bytes() == before


def test_nothing_is_added_to_a_list_with_problems(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{halv,\n  title = {Mangler slutningen}\n",
                   encoding="utf-8")
    before = bib.read_bytes()
    assert run(project, "new-source", "ny2024", "--type", "misc", "--write") == 1
    assert "Kør katalog check" in capsys.readouterr().err
    assert bib.read_bytes() == before


def test_a_failed_write_leaves_the_list_as_it_was(project, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    bib = project.root / "bibliography.bib"
    before = bib.read_bytes()

    def fail(source: str | Path, target: str | Path) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    assert run(project, "new-source", "ny2024", "--type", "misc", "--write") == 1
    assert "kunne ikke skrives (No space left on device), så intet er ændret" in capsys.readouterr().err
    assert bib.read_bytes() == before
    assert sorted(path.name for path in bib.parent.iterdir() if path.is_file()) == ["bibliography.bib", "mkdocs.yml"]


@pytest.mark.parametrize(("arguments", "told"), [
    (["Jensen 2018", "--type", "web"], "Brug fx efternavn og år: jensen-2018"),
    (["ny2024", "--type", "rapport"], "'rapport' er ikke en kildetype"),
    (["ny2024", "--type", "book", "--year", "18"], "'18' er ikke et årstal med fire cifre"),
])
def test_bad_arguments_are_told_in_danish(project, capsys, arguments: list[str], told: str) -> None:
    try:
        code = run(project, "new-source", *arguments)
    except SystemExit as stopped:
        code = stopped.code
    assert code != 0
    assert told in capsys.readouterr().err


@pytest.mark.parametrize("title", ["X},\n  url = {javascript:alert(1)", "X}}\n@comment{", "50 % af", "a\\\\b"])
def test_a_title_that_would_change_the_entry_is_refused(project, capsys, title: str) -> None:
    bib = project.root / "bibliography.bib"
    before = bib.read_bytes()
    assert run(project, "new-source", "odense2021", "--type", "techreport", "--title", title, "--write") == 1
    assert "ville ændre BibTeX-posten" in capsys.readouterr().err
    assert bib.read_bytes() == before


def test_an_unwritable_cases_folder_is_told_in_danish(project, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*arguments, **keywords):
        raise PermissionError(13, "Adgang nægtet")

    monkeypatch.setattr("generator.scaffold.open", refuse, raising=False)
    assert run(project, "new-case", "odense-samlet-indgang") == 1
    error = capsys.readouterr().err
    assert "kunne ikke skrives (Adgang nægtet), så intet er ændret" in error and "Traceback" not in error


def test_many_unfilled_templates_are_told_up_to_the_cap(project, capsys) -> None:
    bib = project.root / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "".join(
        f"@misc{{ny{n},\n  author = {{SKRIV: Navn}},\n  title = {{SKRIV: Titel}}\n}}\n" for n in range(LISTED + 3)),
        encoding="utf-8")
    assert run(project, "new-source", "sidste2025", "--type", "misc") == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "Advarsel:" in line]
    assert len(warnings) == LISTED + 1
    assert "… og 3 poster mere har felter, der ikke er udfyldt" in warnings[-1]
