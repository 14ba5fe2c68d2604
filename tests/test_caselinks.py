"""Links in record text to another case, by id: checked by `katalog check`, written as the page's address."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.catalogue import load_catalogue
from generator.problems import CatalogueError

CASE = "cases/testby-en-indgang.yml"
CHALLENGES = "  challenges: Dokumentationen var svær [@jensen2018]."
PRINCIPLE_HOW = "    how: Borgeren har én fagperson at forholde sig til [@jensen2018]."


def link_to(project, target: str) -> None:
    project.edit(CASE, CHALLENGES, f"{CHALLENGES} Se også [Vestby]({target}).")


def add_second_case(project) -> None:
    text = (project.root / CASE).read_text(encoding="utf-8")
    project.write("cases/vestby-en-indgang.yml", text.replace("title: Én indgang", "title: Vestbys indgang"))


def test_a_link_to_an_unknown_case_is_told_at_its_line_with_the_closest_ids(project) -> None:
    add_second_case(project)
    link_to(project, "eksempel:vestby-indgang")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    [problem] = raised.value.problems
    assert problem.line == 16
    assert problem.message == "'sections → challenges' linker til eksemplet 'vestby-indgang', som ikke findes."
    assert problem.hint.startswith("Mente du 'vestby-en-indgang'")


@pytest.mark.parametrize("target", ["eksempel:Vestby", "../vestby-en-indgang/", "vestby-en-indgang.md"])
def test_a_case_link_in_another_form_is_refused(project, target: str) -> None:
    add_second_case(project)
    link_to(project, target)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    [problem] = raised.value.problems
    assert problem.line == 16
    assert ("id skrives kun med små bogstaver" if target.startswith("eksempel:") else "som ikke er en hel webadresse") \
        in problem.message
    assert "eksempel:fredericia-din-indgang" in problem.hint


@pytest.mark.parametrize(("directory_urls", "from_case", "from_principle"), [
    (True, "../vestby-en-indgang/", "../../eksempler/vestby-en-indgang/"),
    (False, "vestby-en-indgang.html", "../eksempler/vestby-en-indgang.html"),
])
def test_a_case_link_becomes_the_address_of_the_case_page(project, tmp_path: Path, directory_urls: bool,
                                                          from_case: str, from_principle: str) -> None:
    add_second_case(project)
    link_to(project, "eksempel:vestby-en-indgang")
    project.edit(CASE, PRINCIPLE_HOW, f"{PRINCIPLE_HOW[:-1]} ligesom i [Vestby](eksempel:vestby-en-indgang).")
    if not directory_urls:
        project.edit("mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    site = project.build(tmp_path / "site")
    suffix = "/index.html" if directory_urls else ".html"
    case_page = BeautifulSoup((site / f"eksempler/testby-en-indgang{suffix}").read_text(encoding="utf-8"), "html.parser")
    principle = BeautifulSoup((site / f"principper/relation{suffix}").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in case_page.select("article a") if a.get_text() == "Vestby"] == [from_case, from_case]
    assert [a["href"] for a in principle.select("article a") if a.get_text() == "Vestby"] == [from_principle]
    assert "eksempel:" not in (site / f"eksempler/testby-en-indgang{suffix}").read_text(encoding="utf-8")


@pytest.mark.parametrize("written", [
    "Se også [Vestby][v].\n\n    [v]: eksempel:{id}",
    'Se også [Vestby](eksempel:{id} "Vestbys indgang").',
])
def test_every_form_of_a_link_is_checked(project, written: str) -> None:
    """Reference links and links with a title reach the page too, so check reads the links as rendered."""
    add_second_case(project)
    project.edit(CASE, "  challenges: Dokumentationen var svær [@jensen2018].",
                 "  challenges: |\n    Dokumentationen var svær [@jensen2018]. " + written.format(id="vestby-indgang"))
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    assert [problem.message for problem in raised.value.problems] == [
        "'sections → challenges' linker til eksemplet 'vestby-indgang', som ikke findes."]


def test_the_overview_is_no_case_to_link_to(project) -> None:
    link_to(project, "eksempel:index")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    assert "linker til eksemplet 'index', som ikke findes" in raised.value.problems[0].message
