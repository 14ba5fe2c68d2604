"""Records that do not fit the schema or point at things that do not exist."""

from __future__ import annotations

import pytest

from generator.catalogue import load_catalogue
from generator.problems import CatalogueError, Problem

CASE = "cases/testby-en-indgang.yml"


def problems_of(project) -> list[Problem]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    return raised.value.problems


def test_fixture_catalogue_is_valid(project) -> None:
    catalogue = load_catalogue(project.sources)
    assert [case.id for case in catalogue.cases] == ["testby-en-indgang"]
    assert [p.id for p in catalogue.principles] == ["relation", "maalgruppe", "ny-enhed"]


def test_real_catalogue_is_valid(real_sources) -> None:
    catalogue = load_catalogue(real_sources)
    assert len(catalogue.cases) >= 3
    assert {p.kind.value for p in catalogue.principles} == {"principle", "prerequisite", "model"}


def test_missing_required_field_names_the_field_and_its_section(project) -> None:
    project.edit(CASE, "  lessons: Det kræver brede kompetencer [@jensen2018].\n", "")
    [problem] = problems_of(project)
    assert problem.path.name == "testby-en-indgang.yml"
    assert problem.message == "Feltet 'sections → lessons' mangler."
    assert problem.line == 11  # the 'sections:' line


def test_wrong_type_is_explained_in_plain_danish(project) -> None:
    project.edit(CASE, "value: 2168000", "value: mange")
    [problem] = problems_of(project)
    assert "results → punkt 1 → value" in problem.message
    assert "skal være et tal" in problem.message
    assert problem.line == 22


def test_unknown_enum_value_lists_the_allowed_ones(project) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    [problem] = problems_of(project)
    assert "'igang'" in problem.message
    assert "ongoing" in problem.hint and "completed" in problem.hint


def test_misspelled_field_is_reported(project) -> None:
    project.edit(CASE, "tags:", "tagz:")
    [problem] = problems_of(project)
    assert problem.message == "Feltet 'tagz' kendes ikke."


def test_unknown_principle_id_lists_the_known_ones(project) -> None:
    project.edit(CASE, "  - id: relation", "  - id: relationen")
    [problem] = problems_of(project)
    assert problem.message == "'relationen' er ikke et kendt princip."
    assert "relation" in problem.hint
    assert problem.line == 28


def test_unknown_organisation_model_is_reported(project) -> None:
    project.edit(CASE, "id: ny-enhed", "id: matrix")
    [problem] = problems_of(project)
    assert "ikke en kendt organiseringsmodel" in problem.message


def test_prerequisite_id_used_as_principle_is_rejected(project) -> None:
    project.edit(CASE, "  - id: relation", "  - id: maalgruppe")
    [problem] = problems_of(project)
    assert "'maalgruppe' er ikke et kendt princip" in problem.message


def test_unknown_citation_key_suggests_close_keys(project) -> None:
    project.edit(CASE, "background: Kommunen ville samle indgangen [@jensen2018]",
                 "background: Kommunen ville samle indgangen [@jensen2019]")
    problems = problems_of(project)
    unknown = [p for p in problems if "findes ikke" in p.message]
    assert len(unknown) == 1
    assert unknown[0].message == "Kilden 'jensen2019' findes ikke i bibliography.bib."
    assert "jensen2018" in unknown[0].hint
    assert unknown[0].line == 12


def test_unknown_key_in_a_figure_is_reported(project) -> None:
    project.edit(CASE, "cite: jensen2018", "cite: vive2018")
    problems = problems_of(project)
    assert any(p.message == "Kilden 'vive2018' findes ikke i bibliography.bib." and p.line == 26 for p in problems)


def test_sources_must_list_exactly_what_is_cited(project) -> None:
    project.edit(CASE, "sources: [jensen2018]", "sources: [jensen2018, implement2021]")
    [problem] = problems_of(project)
    assert "'implement2021' står under 'sources', men citeres ingen steder" in problem.message


def test_malformed_citation_is_reported(project) -> None:
    project.edit(CASE, "Dokumentationen var svær [@jensen2018]", "Dokumentationen var svær [@jensen2018; jensen2018]")
    problems = problems_of(project)
    assert any("kan ikke læses" in p.message for p in problems)


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<b>fed</b>", "<img src=x onerror=alert(1)>"])
def test_html_in_a_text_field_is_rejected(project, markup: str) -> None:
    project.edit(CASE, "summary: Borgerne møder én fagperson", f"summary: Borgerne møder {markup} én fagperson")
    [problem] = problems_of(project)
    assert problem.message == "'summary' indeholder HTML-kode, som ikke må stå i kataloget."
    assert "Markdown" in problem.hint


@pytest.mark.parametrize(("markup", "message"), [
    ("![spor](https://tracker.example.com/pixel.png)", "indeholder et billede"),
    ("[klik her](javascript:alert(1))", "javascript: eller data:"),
    ("[klik her]( DATA:text/html;base64,PHNjcmlwdD4=)", "javascript: eller data:"),
])
def test_images_and_script_links_are_rejected(project, markup: str, message: str) -> None:
    project.edit(CASE, "summary: Borgerne møder én fagperson", f"summary: Borgerne møder {markup} én fagperson")
    [problem] = problems_of(project)
    assert message in problem.message
    assert problem.line == 10


def test_ordinary_markdown_links_are_allowed(project) -> None:
    project.edit(CASE, "summary: Borgerne møder én fagperson", "summary: Borgerne møder [VIVE](https://www.vive.dk/)")
    assert load_catalogue(project.sources).cases


def test_comparison_signs_in_text_are_not_mistaken_for_html(project) -> None:
    project.edit(CASE, "Halvdelen af målgruppen er ny", "Under 5 < 10 og 20 > 10 af målgruppen er ny")
    assert load_catalogue(project.sources).cases


def test_duplicate_question_id_is_reported(project) -> None:
    project.edit("principles/maalgruppe.yml", "id: maalgruppe-kriterier", "id: relation-antal")
    [problem] = problems_of(project)
    assert "'relation-antal' bruges mere end én gang" in problem.message
    assert problem.path.name == "relation.yml"
    assert "også i maalgruppe.yml" in problem.message


def test_duplicate_case_title_is_reported(project) -> None:
    text = (project.root / CASE).read_text(encoding="utf-8")
    project.write("cases/testby-kopi.yml", text)
    [problem] = problems_of(project)
    assert problem.path.name == "testby-kopi.yml"
    assert "bruges også i testby-en-indgang.yml" in problem.message


def test_id_field_is_refused_because_the_file_name_is_the_id(project) -> None:
    project.edit(CASE, "title: Én indgang", "id: en-anden\ntitle: Én indgang")
    [problem] = problems_of(project)
    assert "filnavn" in problem.message


def test_period_ending_before_it_starts_is_reported(project) -> None:
    project.edit(CASE, "end: null", "end: 2010")
    [problem] = problems_of(project)
    assert problem.message == "Perioden slutter før den begynder."


def test_all_problems_in_all_files_are_reported_in_one_run(project) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    project.edit(CASE, "  - id: relation", "  - id: relationen")
    project.edit("principles/relation.yml", "number: 1", "number: en")
    project.write("cases/tom.yml", "")
    project.write("cases/Forkert Navn.yml", "title: x\n")
    problems = problems_of(project)
    names = sorted(p.path.name for p in problems)
    assert names == ["Forkert Navn.yml", "relation.yml", "testby-en-indgang.yml", "tom.yml"]


def test_report_lists_every_problem_with_file_and_line(project) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    project.write("cases/tom.yml", "")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    report = raised.value.report()
    assert report.startswith("Kataloget har 2 problemer:")
    assert "testby-en-indgang.yml:4:" in report
    assert "tom.yml: Filen er tom." in report
    assert report.count("Gør sådan:") == 2


def test_broken_bibliography_is_reported_once_not_as_every_citation(project) -> None:
    project.write("bibliography.bib", "@misc{broken, title = {B}\n  year = {2020}}\n")
    [problem] = problems_of(project)
    assert problem.path.name == "bibliography.bib"
