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
    assert problem.hint == "Brug et af disse id'er: relation (Skabe relationen til borgeren)."
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
    names = sorted({p.path.name for p in problems})
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


# Hostile and careless input (issue 13): refused with a Danish message at the exact line; one run tells everything.

@pytest.mark.parametrize("figure", [".nan", ".inf", "-.inf", "1e999"])
def test_a_figure_that_is_not_a_finite_number_is_refused(project, figure: str) -> None:
    project.edit(CASE, "value: 2168000", f"value: {figure}")
    [problem] = problems_of(project)
    assert "ikke .nan eller .inf" in problem.message
    assert problem.line == 22


@pytest.mark.parametrize(("old", "new", "limit"), [
    ("title: Én indgang", "title: " + "Å" * 501, "højst 500 tegn"),
    ("  effort: Et forløb", "  effort: " + "a" * 20_001 + " Et forløb", "højst 20000 tegn"),
    ("tags: [rehabilitering]", "tags: [" + ", ".join(["tag"] * 101) + "]", "højst 100"),
    ("    how: Borgeren har", "    how: Borgeren " + "a" * 20_001, "højst 20000 tegn"),
])
def test_every_text_and_list_has_a_length_limit_that_the_message_states(project, old: str, new: str,
                                                                         limit: str) -> None:
    project.edit(CASE, old, new)
    [problem] = problems_of(project)
    assert limit in problem.message


@pytest.mark.parametrize("title", ['"\\u200b"', '"\\u200b\\u200d \\u2060"', '"\\u3164"', '"\\u00ad\\ufeff"'])
def test_a_title_of_only_invisible_characters_is_refused(project, title: str) -> None:
    project.edit(CASE, "title: Én indgang", f"title: {title}")
    [problem] = problems_of(project)
    assert problem.message == "'title' indeholder ingen synlige tegn, kun mellemrum eller usynlige tegn."
    assert problem.line == 1


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30", "26-11-2026"])
def test_an_impossible_date_gets_the_date_message_at_its_line(project, date: str) -> None:
    project.edit(CASE, "last_reviewed: 2026-11-25", f"last_reviewed: {date}")
    [problem] = problems_of(project)
    assert "ÅÅÅÅ-MM-DD" in problem.message
    assert problem.line == 35


@pytest.mark.parametrize("folder", ["cases", "principles"])
def test_a_record_named_index_is_refused_because_it_would_replace_the_overview(project, folder: str) -> None:
    source = CASE if folder == "cases" else "principles/relation.yml"
    project.write(f"{folder}/index.yml", (project.root / source).read_text(encoding="utf-8"))
    (project.root / source).unlink()
    problems = problems_of(project)
    assert [p.path.name for p in problems if "optaget" in p.message] == ["index.yml"]


def test_a_schema_error_does_not_hide_citation_and_reference_errors(project) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    project.edit(CASE, "  - id: relation", "  - id: relationen")
    project.edit(CASE, "Dokumentationen var svær [@jensen2018]", "Dokumentationen var svær [@jensen2019]")
    project.edit("principles/relation.yml", "number: 1", "number: en")
    project.edit("principles/relation.yml", "[@regeringen-kl2019].\nquestions", "[@regeringen-kl2020].\nquestions")
    messages = {(p.path.name, p.message) for p in problems_of(project)}
    assert ("testby-en-indgang.yml", "'relationen' er ikke et kendt princip.") in messages
    assert ("testby-en-indgang.yml", "Kilden 'jensen2019' findes ikke i bibliography.bib.") in messages
    assert ("relation.yml", "Kilden 'regeringen-kl2020' findes ikke i bibliography.bib.") in messages


def test_a_bad_file_name_is_told_once_and_the_content_is_still_checked(project) -> None:
    text = (project.root / CASE).read_text(encoding="utf-8")
    project.write("cases/Forkert Navn.yml", text.replace("status: ongoing", "status: igang"))
    (project.root / CASE).unlink()
    problems = problems_of(project)
    assert len(problems) == 2
    assert "ikke et gyldigt id" in problems[0].message
    assert "'igang'" in problems[1].message and problems[1].line == 4


def test_an_id_field_is_told_and_the_rest_still_checked(project) -> None:
    project.edit(CASE, "title: Én indgang", "id: en-anden\ntitle: Én indgang")
    project.edit(CASE, "status: ongoing", "status: igang")
    messages = [p.message for p in problems_of(project)]
    assert len(messages) == 2
    assert "filnavn" in messages[0] and "'igang'" in messages[1]


def test_a_typo_in_a_cite_key_is_told_once_as_unknown(project) -> None:
    project.edit(CASE, "Dokumentationen var svær [@jensen2018]", "Dokumentationen var svær [@jensen2019]")
    project.edit(CASE, "Det kræver brede kompetencer [@jensen2018]", "Det kræver brede kompetencer [@jensen2019]")
    [problem] = problems_of(project)
    assert problem.message == "Kilden 'jensen2019' findes ikke i bibliography.bib."
    assert problem.line == 16


def test_a_typo_in_sources_is_told_once_as_unknown_at_its_line(project) -> None:
    project.edit(CASE, "sources: [jensen2018]", "sources:\n  - jensen2018\n  - jensen2019")
    [problem] = problems_of(project)
    assert problem.message == "Kilden 'jensen2019' findes ikke i bibliography.bib."
    assert problem.line == 36


BLOCK_SECTION = """  challenges: |
    Dokumentationen var svær [@jensen2018].

    - Første punkt.
    - Andet punkt [@{key}].
"""


@pytest.mark.parametrize(("style", "line"), [("|", 20), (">", 20)])
def test_a_citation_problem_inside_a_block_of_text_is_told_at_its_own_line(project, style: str, line: int) -> None:
    block = BLOCK_SECTION.replace("|", style)
    project.edit(CASE, "  challenges: Dokumentationen var svær [@jensen2018].\n", block.format(key="jensen2019"))
    [problem] = problems_of(project)
    assert problem.message == "Kilden 'jensen2019' findes ikke i bibliography.bib."
    assert problem.line == line


def test_a_malformed_citation_in_a_multi_line_quoted_text_is_told_at_its_own_line(project) -> None:
    project.edit(CASE, "  challenges: Dokumentationen var svær [@jensen2018].\n",
                 '  challenges: "Dokumentationen var svær [@jensen2018].\n    Og mere\n    [@jensen2018; fejl]."\n')
    [problem] = problems_of(project)
    assert "kan ikke læses" in problem.message
    assert problem.line == 18


def test_a_report_shows_paths_relative_to_the_current_folder(project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    monkeypatch.chdir(project.root)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    assert "\ncases/testby-en-indgang.yml:4: " in raised.value.report()


def test_markup_deep_in_a_text_block_is_reported_at_its_own_line(project) -> None:
    project.edit(CASE, "  background: Kommunen ville samle indgangen [@jensen2018].",
                 "  background: |\n    Kommunen ville samle indgangen [@jensen2018].\n\n"
                 "    Se [rapporten][r] og *dette*{: onclick=alert(1) }.\n\n    [r]: javascript:alert(2)")
    problems = problems_of(project)
    assert sorted((p.line, p.message.split(",")[0]) for p in problems) == [
        (15, "'sections → background' indeholder en attributliste"),
        (17, "'sections → background' indeholder et link til 'javascript:alert(2)'"),
    ]


@pytest.mark.parametrize("markup", ["[x](&#106;avascript:alert(1))", "[x](jav&#x09;ascript:alert(1))",
                                    "[x][r]\\n\\n[r]: javascript:alert(1)", "<javascript:alert(1)>"])
def test_disguised_script_links_are_rejected(project, markup: str) -> None:
    project.edit(CASE, "summary: Borgerne møder én fagperson [@jensen2018].",
                 f'summary: "Borgerne møder én fagperson [@jensen2018]. {markup}"')
    [problem] = problems_of(project)
    assert problem.line == 10
    assert any(words in problem.message for words in ("aldrig javascript:", "HTML-kode", "ikke en hel webadresse"))


def test_a_status_year_after_the_last_review_is_reported_at_its_line(project) -> None:
    project.edit(CASE, "status_year: 2018", "status_year: 2027")
    [problem] = problems_of(project)
    assert problem.message == "'status_year' ligger efter 'last_reviewed'."
    assert problem.line == 36


@pytest.mark.parametrize(("old", "new", "line", "name"), [
    ("title: Én indgang", "title: '[@jensen2018]'", 1, "title"),
    ("municipalities: [Testby Kommune]", "municipalities: [Testby Kommune, '[@jensen2018]']", 2,
     "municipalities → punkt 2")])
def test_a_name_made_only_of_citations_is_refused(project, old: str, new: str, line: int, name: str) -> None:
    """It would be empty in the overview's list and in the filter, which leave citations out."""
    project.edit("cases/testby-en-indgang.yml", old, new)
    [problem] = problems_of(project)
    assert (problem.line, problem.message) == (line, f"'{name}' har ingen ord, kun kildehenvisninger.")


def test_a_municipality_typed_in_another_unicode_form_is_the_same(project) -> None:
    project.edit("cases/testby-en-indgang.yml", "municipalities: [Testby Kommune]",
                 "municipalities: [\"\u00c5by Kommune\", \"A\u030aby Kommune\"]")
    [problem] = problems_of(project)
    assert problem.message == "'municipalities → punkt 2': \u00c5by Kommune er nævnt to gange."


def test_a_municipality_named_twice_is_refused(project) -> None:
    """It would be counted twice in the overview and the filter; case and spacing do not make it another."""
    project.edit("cases/testby-en-indgang.yml", "municipalities: [Testby Kommune]",
                 "municipalities:\n  - Testby Kommune\n  - Nordby Kommune\n  - testby  kommune")
    [problem] = problems_of(project)
    assert (problem.line, problem.message, problem.hint) == (
        5, "'municipalities → punkt 3': testby kommune er nævnt to gange.", "Slet den ene.")


@pytest.mark.parametrize(("old", "new", "line", "field", "renamed"), [
    ("municipalities: [Testby Kommune]", "municipality: Testby Kommune", 2, "municipality", "municipalities"),
    ("organisation_models:\n  - id: ny-enhed\n    how:", "organisation_model:\n  id: ny-enhed\n  how:", 7,
     "organisation_model", "organisation_models")])
def test_a_field_that_became_a_list_is_told_its_new_name(project, old: str, new: str, line: int, field: str,
                                                        renamed: str) -> None:
    """A case written before a trial could span several municipalities or models is told how to write it now."""
    project.edit("cases/testby-en-indgang.yml", old, new)
    problems = problems_of(project)
    told = next(problem for problem in problems if "hedder nu" in problem.message)
    assert told.line == line
    assert told.message.startswith(f"Feltet '{field}' hedder nu '{renamed}' og er en liste")
    assert f"'{renamed}:'" in told.hint
    assert not any(problem.message == f"Feltet '{renamed}' mangler." for problem in problems)


def test_a_principle_with_a_case_field_is_told_it_is_unknown(project) -> None:
    """The new name would be no better in a principle: the field is simply not one of a principle's."""
    project.edit("principles/relation.yml", "kind: principle", "kind: principle\nmunicipality: Testby")
    [problem] = problems_of(project)
    assert problem.message == "Feltet 'municipality' kendes ikke."


def test_a_trial_across_municipalities_and_models_is_one_case(project) -> None:
    """Several municipalities and models pass the check, each model's id checked like a principle's."""
    project.edit("cases/testby-en-indgang.yml", "municipalities: [Testby Kommune]",
                 "municipalities: [Testby Kommune, Nordby Kommune]")
    project.edit("cases/testby-en-indgang.yml", "    how: Én enhed tager imod alle nye borgere [@jensen2018].",
                 "    how: Én enhed tager imod alle nye borgere [@jensen2018].\n"
                 "  - id: ny-enhed\n    how: Nordby gør det samme [@jensen2018].")
    [problem] = problems_of(project)
    assert problem.message == "'ny-enhed' er nævnt to gange." and problem.line == 10


def test_the_summary_is_counted_as_a_reader_sees_it(project) -> None:
    """Citations do not count towards the summary's 500 characters: citing costs a maintainer nothing."""
    cited = " ".join(["Borgerne møder én fagperson [@jensen2018]."] * 12)  # 13 × 39 = 503 raw, 12 × 30 + 11 = 371 seen
    project.edit(CASE, "summary: Borgerne møder én fagperson [@jensen2018].", f"summary: {cited}")
    assert len(cited) > 500 and load_catalogue(project.sources).cases
    project.edit(CASE, f"summary: {cited}", f"summary: {'a' * 501} [@jensen2018].")
    [problem] = problems_of(project)
    assert (problem.line, problem.message) == (10, "'summary' er for lang: 502 tegn, som læseren ser dem; højst 500.")
    assert "Kildehenvisningerne tæller ikke med." in problem.hint


def test_a_summary_that_is_longer_on_the_page_than_as_written_is_still_counted(project) -> None:
    """An e-mail autolink shows each '&' as '&amp;': a check that judged the text as written would pass it."""
    summary = f"{'a' * 470} [@jensen2018] <&&&&&&&&@x.dk>."
    project.edit(CASE, "summary: Borgerne møder én fagperson [@jensen2018].", f"summary: '{summary}'")
    [problem] = problems_of(project)
    assert problem.message.startswith("'summary' er for lang: 5") and problem.line == 10


def test_a_long_how_is_refused_at_its_place(project) -> None:
    project.edit(CASE, "    how: Borgeren har én fagperson at forholde sig til [@jensen2018].",
                 f"    how: {'Borgeren har én fagperson. ' * 25}[@jensen2018].")
    [problem] = problems_of(project)
    assert problem.message == "'principles → punkt 1 → how' er for lang: 675 tegn, som læseren ser dem; højst 600."
    assert problem.line == 29 and "'sections'" in problem.hint


def test_a_summary_of_citations_cannot_fill_a_page(project) -> None:
    """Citations do not count towards the 500 characters, but the text as written is capped at four times that."""
    project.edit(CASE, "summary: Borgerne møder én fagperson [@jensen2018].",
                 f"summary: Borgerne møder én fagperson {'[@jensen2018, s. 1]' * 110}.")
    [problem] = problems_of(project)
    assert (problem.line, problem.message) == (10, "'summary' er for lang: højst 2000 tegn.")
