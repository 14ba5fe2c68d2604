"""Warnings on how record text cites (issue 15, generator/citestyle.py): told with file and line, never a failure."""

from __future__ import annotations

import pytest

from generator.catalogue import load_catalogue
from generator.problems import CatalogueError, Problem

CASE = "cases/testby-en-indgang.yml"

LESSONS = "  lessons: Det kræver brede kompetencer [@jensen2018].\n"


def warnings_of(project, lessons: str) -> list[Problem]:
    """The warnings once `sections → lessons` (line 17, its text from line 18) holds `lessons`."""
    project.edit(CASE, LESSONS, "  lessons: |\n" + "".join(f"    {line}\n" if line else "\n"
                                                         for line in lessons.split("\n")))
    return load_catalogue(project.sources).warnings


def test_the_fixture_catalogue_has_no_warnings(project) -> None:
    assert load_catalogue(project.sources).warnings == []


REPEATED = ("Erfaringerne er disse:\n\n- Det tager tid [@jensen2018].\n- Det kræver brede kompetencer [@jensen2018]."
            "\n- Ledelsen skal bakke op [@jensen2018]")
UNCITED = "Det kræver brede kompetencer [@jensen2018].\n\nTallet viser, at indsatsen virker. Det er\nen god nyhed."


@pytest.mark.parametrize("lessons, message, hint", [
    (REPEATED,  # told at the list's first item, line 20
     "'sections → lessons': alle 3 punkter i listen slutter med den samme kildehenvisning, [@jensen2018].",
     "Skriv [@jensen2018] én gang i sætningen, der leder ind til listen (fx '… disse erfaringer [@jensen2018]:'), "
     "og slet den efter hvert punkt. Har listen ingen indledende sætning, så skriv en."),
    (UNCITED,  # told at the paragraph's first line, line 20
     "'sections → lessons': afsnittet, der begynder 'Tallet viser, at indsatsen virker. Det er en god …', har "
     "ingen kildehenvisning.",
     "Tilføj kilden, fx [@nøgle], efter det, den støtter. Er det katalogets egen konklusion, så begynd afsnittet "
     "med 'Katalogets vurdering:' – så skal der ingen kildehenvisning stå."),
])
def test_a_warning_names_the_file_the_exact_line_and_what_to_do(project, lessons: str, message: str,
                                                                 hint: str) -> None:
    [warning] = warnings_of(project, lessons)
    assert (warning.path.name, warning.line) == ("testby-en-indgang.yml", 20)
    assert warning.message == message
    assert warning.hint == hint


@pytest.mark.parametrize("items", [
    "- Det tager tid [@jensen2018].\n- Ledelsen skal bakke op [@regeringen-kl2019].",  # the source changes
    "- Det tager tid [@jensen2018, s. 4].\n- Ledelsen skal bakke op [@jensen2018, s. 9].",  # pages differ
    "- Det tager tid [@jensen2018; @regeringen-kl2019].\n- Ledelsen skal bakke op [@jensen2018; @regeringen-kl2019].",
    "- Det tager tid [@jensen2018].\n- Ledelsen skal bakke op.",  # cited once is fine
    "- Kun ét punkt [@jensen2018].",
])
def test_a_list_citing_what_changes_is_not_warned(project, items: str) -> None:
    if "regeringen-kl2019" in items:
        project.edit(CASE, "sources: [jensen2018]", "sources: [jensen2018, regeringen-kl2019]")
    assert warnings_of(project, f"Erfaringerne er disse [@jensen2018]:\n\n{items}") == []


@pytest.mark.parametrize("judgement", [
    "Katalogets vurdering: Tallene må stamme fra tiden før indsatsen.",
    "*Katalogets vurdering:* Tallene må stamme fra tiden før indsatsen. Det siger ingen kilde.",
    "**Katalogets vurdering**: tallene må stamme fra tiden før indsatsen.",
])
def test_the_catalogues_own_judgement_needs_no_citation(project, judgement: str) -> None:
    assert warnings_of(project, f"Det kræver brede kompetencer [@jensen2018].\n\n{judgement}") == []


def test_a_sentence_of_judgement_after_cited_ones_is_no_warning_but_uncited_claims_before_it_are(project) -> None:
    assert warnings_of(project, "Det kræver kompetencer [@jensen2018]. Katalogets vurdering: det er svært.") == []
    project.edit(CASE, "Det kræver kompetencer [@jensen2018]. ", "Det kræver kompetencer. ")
    [warning] = load_catalogue(project.sources).warnings
    assert warning.line == 18 and "har ingen kildehenvisning" in warning.message


def test_a_lead_in_is_covered_by_a_citation_in_it_or_in_its_list(project) -> None:
    assert warnings_of(project, "Erfaringerne er disse:\n\n- Det tager tid [@jensen2018].\n- Og kræfter.") == []
    project.edit(CASE, "[@jensen2018].\n    - Og", ".\n    - Og")
    [warning] = load_catalogue(project.sources).warnings
    assert warning.line == 18  # the lead-in, which with its list says nothing cited
    assert warning.message.startswith("'sections → lessons': afsnittet, der begynder 'Erfaringerne er disse:'")


def test_a_list_without_lead_in_or_citation_is_warned_and_a_subheading_is_not(project) -> None:
    [warning] = warnings_of(project, "*Erfaringer*\n\nDet tager tid [@jensen2018].\n\n- Det tager tid.\n- Og kræfter.")
    assert warning.line == 22
    assert warning.message == ("'sections → lessons': listen, der begynder 'Det tager tid.', har ingen "
                               "kildehenvisning.")


def test_only_texts_of_several_sentences_are_checked(project) -> None:
    project.edit(CASE, "description: Møder borgeren [@jensen2018].", "description: Møder borgeren.")
    project.edit(CASE, "measures: anslået gevinst i sparede ydelser", "measures: anslået gevinst. I kroner.")
    project.edit("principles/relation.yml", "description: Færre kontaktpersoner giver en mere tillidsfuld relation "
                 "[@regeringen-kl2019].", "description: >-\n  Færre kontaktpersoner giver\n  en god relation.")
    warnings = load_catalogue(project.sources).warnings
    assert [(w.path.name, w.line, w.message.split(":")[0]) for w in warnings] == [
        ("testby-en-indgang.yml", 20, "'roles → punkt 1 → description'"), ("relation.yml", 6, "'description'")]


def test_warnings_are_found_beside_errors_and_told_after_them(project) -> None:
    project.edit(CASE, "status: ongoing", "status: igang")
    project.edit(CASE, "description: Møder borgeren [@jensen2018].", "description: Møder borgeren.")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    assert [problem.line for problem in raised.value.problems] == [4]
    assert [warning.line for warning in raised.value.warnings] == [20]


def test_a_text_tells_at_most_three_warnings_however_many_paragraphs_it_has(project) -> None:
    """Each warning's line is found by reading the text from its start: a text of thousands of uncited
    paragraphs must not make `katalog check` slow."""
    warnings = warnings_of(project, "\n\n".join(f"Afsnit {number} uden kilde." for number in range(500)))
    assert [warning.line for warning in warnings] == [18, 20, 22]
