"""The checklist page as built: every question from the records, real form controls, the links to it,
and the recommendations computed from the cases. Its behaviour in a browser is in test_checklist_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from generator.catalogue import load_catalogue
from generator.checklist import AREA_KINDS, RECOMMENDED_CASES, checklist_areas
from generator.render import KIND_DIRS
from generator.schema import Kind

CHECKLIST = "selvevaluering/"
SCRIPTS = ROOT / "generator" / "assets" / "javascripts"


@pytest.fixture(scope="module")
def catalogue(real_sources):
    return load_catalogue(real_sources)


@pytest.fixture(scope="module")
def checklist(read_page) -> BeautifulSoup:
    return read_page(CHECKLIST)


def scored(catalogue):
    return [principle for kind in AREA_KINDS for principle in catalogue.of_kind(kind)]


def test_every_question_of_every_prerequisite_and_principle_is_asked_once_in_order(catalogue, checklist) -> None:
    asked = [(fieldset["data-question"], fieldset.legend.get_text(" ", strip=True))
             for fieldset in checklist.select(".katalog-area fieldset[data-question]")]
    expected = [(question.id, question.text) for principle in scored(catalogue) for question in principle.questions]
    assert len(expected) >= 30
    assert asked == expected
    areas = [(area["data-area"], area["data-area-code"]) for area in checklist.select(".katalog-area")]
    assert areas == [(p.id, f"{AREA_KINDS[p.kind]}{p.number}") for p in scored(catalogue)]
    assert areas[0][1] == "F1" and areas[5][1] == "P1"  # prerequisites first, then principles


def test_organisation_models_are_not_scored(catalogue, checklist) -> None:
    models = catalogue.of_kind(Kind.model)
    assert len(models) == 3
    for model in models:
        assert checklist.select(f'[data-area="{model.id}"]') == []
        assert all(checklist.find(id=f"svar-{question.id}-0") is None for question in model.questions)
    assert checklist.select_one(f'a[href="../{KIND_DIRS[Kind.model]}/"]') is not None  # but results point to them


def test_each_question_is_a_fieldset_of_labelled_radio_buttons(checklist) -> None:
    fieldsets = checklist.select(".katalog-area fieldset")
    assert fieldsets
    for fieldset in fieldsets:
        question = fieldset["data-question"]
        assert fieldset["id"] == f"spm-{question}"
        assert fieldset.legend.get_text(strip=True)
        radios = fieldset.select("input")
        assert [radio["type"] for radio in radios] == ["radio"] * 5
        assert {radio["name"] for radio in radios} == {f"svar-{question}"}
        assert [radio["value"] for radio in radios] == ["0", "1", "2", "3", "?"]
        labels = [checklist.select_one(f'label[for="{radio["id"]}"]').get_text(strip=True) for radio in radios]
        assert labels == ["0 · Ikke påbegyndt", "1 · På vej", "2 · Etableret", "3 · Forankret",
                          "Ved ikke / ikke relevant"]
    ids = [element["id"] for element in checklist.select("[id]")]
    assert len(ids) == len(set(ids)), "an id is used twice on the checklist page"


def test_every_area_has_a_labelled_note(checklist) -> None:
    for area in checklist.select(".katalog-area"):
        note = area.select_one("textarea")
        assert note["data-note"] == area["data-area"]
        label = checklist.select_one(f'label[for="{note["id"]}"]')
        assert label.get_text(strip=True) == f"Noter om {area['data-area-title']}"


def test_no_question_text_or_id_is_written_into_the_scripts(catalogue) -> None:
    scripts = "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS.glob("*.js"))
    assert "checklist" in scripts  # the checklist's scripts are there to search
    for principle in catalogue.principles:
        assert principle.title not in scripts
        for question in principle.questions:
            assert question.id not in scripts and question.text[:40] not in scripts


def test_every_principle_and_prerequisite_page_links_to_its_part_of_the_checklist(catalogue, read_page,
                                                                                   checklist) -> None:
    for principle in catalogue.principles:
        page = read_page(f"{KIND_DIRS[principle.kind]}/{principle.id}/")
        links = page.select(f'article a[href="../../{CHECKLIST}#omraade-{principle.id}"]')
        if principle.kind in AREA_KINDS:
            assert links, f"{principle.id} does not link to its part of the checklist"
            assert checklist.find(id=f"omraade-{principle.id}").name == "h3"
        else:
            assert not page.select(f'article a[href^="../../{CHECKLIST}"]')


def test_the_front_pages_project_lead_entry_leads_to_the_checklist(read_page) -> None:
    card = next(item for item in read_page("").select(".grid.cards li") if "Projektleder" in item.get_text())
    assert card.select_one(f'a[href="{CHECKLIST}"]') is not None


def test_recommendations_are_the_cases_that_show_each_area(catalogue, checklist) -> None:
    for principle in scored(catalogue):
        source = checklist.select_one(f'#checklist-recommendation-source [data-recommend="{principle.id}"]')
        linked = [link["href"] for link in source.select('a[href^="../eksempler/"]')]
        showing = [case for case in catalogue.cases
                   if principle.id in {shown.id for shown in (*case.principles, *case.prerequisites)}]
        assert linked == [f"../eksempler/{case.id}/" for case in showing]
        if not showing:
            assert "ingen eksempler" in source.get_text()
    assert checklist.select_one("#checklist-recommendation-source").has_attr("hidden")


def test_a_new_case_is_recommended_with_no_code_change(project, tmp_path: Path) -> None:
    project.write("cases/nyby-familieteam.yml", NEW_CASE)
    catalogue = load_catalogue(project.sources)
    areas = {area.principle.id: area for _, kind_areas in checklist_areas(catalogue) for area in kind_areas}
    assert [showing.case.id for showing in areas["relation"].showings] == ["nyby-familieteam", "testby-en-indgang"]
    page = BeautifulSoup((project.build(tmp_path / "site") / CHECKLIST / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    source = page.select_one('#checklist-recommendation-source [data-recommend="relation"]')
    assert "Familieteamet i Nyby" in source.get_text()
    assert source.select_one('a[href="../eksempler/nyby-familieteam/"]') is not None


def test_an_area_shown_by_many_cases_recommends_a_few_and_links_to_the_rest(project, tmp_path: Path) -> None:
    for number in range(6):
        project.write(f"cases/by{number}-team.yml", NEW_CASE.replace("Familieteamet i Nyby", f"Team {number}"))
    page = BeautifulSoup((project.build(tmp_path / "site") / CHECKLIST / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    source = page.select_one('#checklist-recommendation-source [data-recommend="relation"]')
    assert len(source.select('li a[href^="../eksempler/"]')) == RECOMMENDED_CASES
    more = source.select_one('a[href="../principper/relation/#eksempler-fra-kommunerne"]')
    assert more is not None and more.get_text() == "Se alle 7 eksempler"


def test_the_about_page_says_where_the_answers_are_kept_and_how_to_delete_them(read_page) -> None:
    privacy = read_page("om/").find(id="privatliv").find_next_siblings(["p", "ul"])
    text = " ".join(element.get_text(" ", strip=True) for element in privacy)
    assert "localStorage" in text and "Slet" in text and "aldrig sendt" in text


NEW_CASE = """\
title: Familieteamet i Nyby
municipalities: [Nyby Kommune]
period: {start: 2020, end: null}
status: ongoing
status_year: 2021
target_groups:
  - Familier med sager i flere forvaltninger
organisation_models:
  - id: ny-enhed
    how: Et team samler sagerne [@jensen2018].
summary: Familien har én kontaktperson [@jensen2018].
sections:
  background: Familierne efterspurgte én indgang [@jensen2018].
  effort: Teamet holder fælles møder [@jensen2018].
  organisation: Teamet har fire fagligheder [@jensen2018].
  results: Færre møder for familien [@jensen2018].
  challenges: Samtykke tog tid [@jensen2018].
  lessons: Ledelsen skal gå forrest [@jensen2018].
principles:
  - id: relation
    how: Familien har én fast kontaktperson i teamet [@jensen2018].
sources: [jensen2018]
last_reviewed: 2026-11-25
"""
