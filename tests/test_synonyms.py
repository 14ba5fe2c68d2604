"""The search's synonym list, generator/data/synonyms.yml: loading and checking it like any record."""

from __future__ import annotations

import dataclasses

import pytest

from generator.catalogue import load_catalogue
from generator.problems import CatalogueError
from generator.synonyms import SYNONYMS, load_synonyms


def test_the_real_synonym_list_loads() -> None:
    groups, problems = load_synonyms(SYNONYMS)
    assert problems == [] and groups
    assert ("koordinator", "tovholder", "kontaktperson", "forløbskoordinator") in groups
    assert all(len(group) >= 2 for group in groups)


@pytest.mark.parametrize("text, line, says", [
    ("koordinator: [tovholder, Tov Holder]\n", 1, "'koordinator → punkt 2' skal være ét ord med små bogstaver"),
    ("koordinator: tovholder\n", 1, "skal være en liste"),
    ("koordinator: []\n", 1, "'koordinator' er tom"),
    ("# en kommentar\nborger: [deltager]\nJob: [arbejde]\n", 3, "skal være ét ord"),
    ("- [koordinator, tovholder]\n", 1, "felter på formen 'navn: værdi'"),
])
def test_a_broken_list_is_told_with_its_line(project, text: str, line: int, says: str) -> None:
    path = project.write("synonymer.yml", text)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(dataclasses.replace(project.sources, synonyms=path))
    [problem] = raised.value.problems
    assert problem.path == path and problem.line == line
    assert says in problem.message, problem.message


def test_the_synonyms_option_names_a_list_relative_to_mkdocs_yml(project) -> None:
    assert project.sources.synonyms == SYNONYMS
    config, plugin = project.plugin_naming("synonyms", "synonymer.yml", "fagperson: [medarbejder]\n")
    assert plugin.sources(config).synonyms == project.root / "synonymer.yml"
    assert plugin.catalogue(config).synonyms == (("fagperson", "medarbejder"),)


def test_a_word_in_two_groups_is_refused_with_both_lines(project) -> None:
    """A word widened by many groups would multiply in the index: each word stands in one group only."""
    path = project.write("synonymer.yml", "koordinator: [tovholder]\nborger: [deltager]\ntovholder: [ankerperson]\n")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(dataclasses.replace(project.sources, synonyms=path))
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (path, 3)
    assert "Ordet 'tovholder' står også på linje 1" in problem.message


def test_a_synonym_list_beside_mkdocs_yml_does_not_stop_a_build_into_site(project) -> None:
    """Its folder is the project's, which may hold the site: only the file itself is an input."""
    from generator.cli import main
    project.write("synonymer.yml", "fagperson: [medarbejder]\n")
    project.edit("mkdocs.yml", "  - katalog\n", "  - katalog:\n      synonyms: synonymer.yml\n")
    assert main(["-f", str(project.config_file), "build", "-d", str(project.root / "site")]) == 0
    assert (project.root / "site" / "index.html").is_file()
    assert main(["-f", str(project.config_file), "build", "-d", str(project.root)]) == 1  # never the project itself
