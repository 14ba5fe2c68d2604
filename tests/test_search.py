"""`katalog search` and the search package below it: Danish analysis, queries, the cached index."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.cli import main
from generator.search import engine
from generator.search.lexicon import make_lexicon
from generator.problems import CatalogueError
from generator.search.queries import QueryError, parse_query
from generator.search.store import (CACHE_FOLDER, CACHE_TAG, CACHE_TAG_TEXT, INDEX_FOLDER, MANIFEST, cache_root,
                                     is_our_tag)


def search(config_file: Path, *arguments: str) -> int:
    return main(["-f", str(config_file), "search", *arguments])


def found(capsys: pytest.CaptureFixture[str], config_file: Path, query: str, limit: int = 3) -> list[str]:
    assert search(config_file, query, "--json", "-n", str(limit)) == 0
    return [result["path"] for result in json.loads(capsys.readouterr().out)["results"]]


# The analysis ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lexicon():
    text = "En familie har flere sager. Jobcentret og et familieteam. Medarbejderne i jobcenter. Behandling af sag. Et team."
    return make_lexicon([text], [["koordinator", "tovholder"]], engine.stem, engine.STOPWORDS)


def test_a_compound_splits_into_words_the_catalogue_uses(lexicon) -> None:
    assert lexicon.parts("familiesagerne") == ("familie", "sagerne")
    assert lexicon.parts("jobcentermedarbejderne") == ("jobcenter", "medarbejderne")
    assert lexicon.parts("sagsbehandlingen") == ("sag", "behandlingen")  # a linking s between the parts
    assert lexicon.heads(10, least_uses=1) == ["familie"]  # the catalogue's own compound: familieteam


def test_a_word_that_is_not_a_compound_stays_whole(lexicon) -> None:
    assert lexicon.parts("familien") == ()
    assert lexicon.parts("medarbejder") == ()
    assert lexicon.parts("xylofonspiller") == ()


def test_synonyms_are_found_from_any_inflection(lexicon) -> None:
    assert lexicon.synonyms("tovholderen") == ("koordinator",)
    assert lexicon.synonyms("koordinatorerne") == ("tovholder",)
    assert lexicon.synonyms("familie") == ()


def test_analysis_stems_and_adds_parts_and_synonyms(lexicon) -> None:
    terms = engine.indexing_terms(lexicon)("Familiesagerne og tovholderen")
    assert {"famili", "sag", "koordinator", "tovhold"} <= set(terms)
    assert "og" not in terms  # a stop word


# The query ------------------------------------------------------------------------------------------

def test_field_terms_are_read_apart_from_free_words() -> None:
    query = parse_query('tovholder kommune:Assens princip:"rød tråd" Maalgruppe:unge type:forudsætning')
    assert query.text == "tovholder"
    assert [(c.field.text, c.value) for c in query.conditions] == [
        ("municipality", "Assens"), ("principle_titles", "rød tråd"), ("target_groups", "unge"), (None, "forudsaetning")]


@pytest.mark.parametrize("query, says", [
    ("", "Søgningen er tom"),
    ("   ", "Søgningen er tom"),
    ("foo:bar", "feltet 'foo:', som ikke findes"),
    ("kommune:", "Feltet 'kommune:' mangler en værdi"),
    ('"hele familien', "anførselstegn"),
    ("type:bog", "'bog' er ikke en type"),
    ("ord " * 200, "for lang"),
])
def test_a_query_that_cannot_run_is_explained(query: str, says: str) -> None:
    with pytest.raises(QueryError) as error:
        parse_query(query)
    assert says in error.value.message and error.value.hint


# `katalog search` on the real catalogue --------------------------------------------------------------

def test_inflected_compound_and_synonym_queries_find_their_pages(real_project: Path, capsys) -> None:
    config = real_project / "mkdocs.yml"
    assert "eksempler/assens-job-og-familie/" in found(capsys, config, "familiesagerne")
    assert "eksempler/fredericia-din-indgang/" in found(capsys, config, "jobcentermedarbejderne")
    assert "forudsaetninger/ansvar-og-betaling/" in found(capsys, config, "tovholderen")


def test_field_terms_filter_the_results(real_project: Path, capsys) -> None:
    config = real_project / "mkdocs.yml"
    assert found(capsys, config, "kommune:Assens", 10) == ["eksempler/assens-job-og-familie/"]
    assert sorted(found(capsys, config, "princip:roed-traad", 10)) == sorted(
        found(capsys, config, 'princip:"rød tråd"', 10))
    sources = found(capsys, config, "type:kilde", 100)
    assert sources and all(path.startswith("kilder/#kilde-") for path in sources)
    assert found(capsys, config, "type:kilde Henriksen")[0] == "kilder/#kilde-henriksen2019"


def test_text_results_show_title_type_path_and_a_marked_snippet(real_project: Path, capsys) -> None:
    assert search(real_project / "mkdocs.yml", "familieteam", "-n", "1") == 0
    out = capsys.readouterr().out
    assert "resultater for 'familieteam', her er den bedste:" in out
    assert "1. Job og Familie (eksempel)\n   eksempler/assens-job-og-familie/\n" in out
    assert "**familieteam" in out and [line[:2] for line in out.splitlines() if line[:2] in ("1.", "2.")] == ["1."]


def test_json_results_and_limit(real_project: Path, capsys) -> None:
    assert search(real_project / "mkdocs.yml", "kommune", "--json", "-n", "1") == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"] == "kommune" and answer["total"] > 1 and len(answer["results"]) == 1
    assert set(answer["results"][0]) == {"rank", "title", "type", "type_label", "path", "snippet", "score"}


def test_no_result_is_said_plainly(real_project: Path, capsys) -> None:
    assert search(real_project / "mkdocs.yml", "xyzzyq") == 0
    assert "Ingen resultater for 'xyzzyq'" in capsys.readouterr().out


@pytest.mark.parametrize("arguments", [("-n", "0"), ("-n", "101"), ("-n", "mange")])
def test_a_bad_limit_is_a_danish_command_line_error(real_project: Path, arguments, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        search(real_project / "mkdocs.yml", "familie", *arguments)
    assert stopped.value.code == 2
    assert "ikke et antal fra 1 til 100" in capsys.readouterr().err


def test_a_bad_query_exits_2_with_what_to_do(real_project: Path, capsys) -> None:
    assert search(real_project / "mkdocs.yml", "emne:") == 2
    error = capsys.readouterr().err
    assert "Søgningen kan ikke køres: Feltet 'emne:' mangler en værdi." in error and "Gør sådan:" in error


# The cached index -------------------------------------------------------------------------------------

def test_the_index_is_built_once_and_again_only_after_a_change(project, capsys) -> None:
    assert search(project.config_file, "fagperson") == 0
    assert "Søgeindekset bygges" in capsys.readouterr().err
    assert (project.root / CACHE_FOLDER / CACHE_TAG).is_file()
    assert search(project.config_file, "fagperson") == 0
    assert "Søgeindekset bygges" not in capsys.readouterr().err
    project.edit("cases/testby-en-indgang.yml", "Møder borgeren", "Møder borgeren som gennemgående ildsjæl")
    assert found(capsys, project.config_file, "ildsjælen") == ["eksempler/testby-en-indgang/"]


def test_a_damaged_index_is_built_again(project, capsys) -> None:
    assert search(project.config_file, "fagperson") == 0
    index_folder = project.root / CACHE_FOLDER / INDEX_FOLDER
    for path in index_folder.iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"\x00garbage")
    capsys.readouterr()
    assert found(capsys, project.config_file, "fagperson") == ["eksempler/testby-en-indgang/"]


def test_a_manifest_that_is_a_pipe_or_of_the_wrong_kind_is_built_again(project, capsys) -> None:
    """Neither hangs on a pipe nor crashes on a manifest whose lists hold numbers."""
    assert search(project.config_file, "fagperson") == 0
    manifest = project.root / CACHE_FOLDER / INDEX_FOLDER / MANIFEST
    good = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**good, "synonyms": [[1, 2]], "words": [None]}), encoding="utf-8")
    capsys.readouterr()
    assert found(capsys, project.config_file, "fagperson") == ["eksempler/testby-en-indgang/"]
    manifest.unlink()
    os.mkfifo(manifest)
    assert found(capsys, project.config_file, "fagperson") == ["eksempler/testby-en-indgang/"]


def test_searches_at_once_after_a_change_all_answer(project) -> None:
    """Several runs find the index stale together (its folder not made yet): one builds it, the others
    wait and use it."""
    project.edit("cases/testby-en-indgang.yml", "Møder borgeren", "Møder borgeren som ildsjæl")
    command = [sys.executable, "-m", "generator.cli", "-f", str(project.config_file), "search", "ildsjæl", "--json"]
    environment = {**os.environ, "PYTHONUTF8": "1"}  # the children write UTF-8 whatever the locale
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
                             env=environment) for _ in range(4)]
    answers = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [error for _, error in answers]
    assert all(json.loads(out)["results"][0]["path"] == "eksempler/testby-en-indgang/" for out, _ in answers)
    assert sum("Søgeindekset bygges" in error for _, error in answers) == 1
    assert not list((project.root / CACHE_FOLDER).glob("search-ny-*"))
    assert [path.name for path in project.root.glob(f"{CACHE_FOLDER}*")] == [CACHE_FOLDER]


def test_the_cache_folder_takes_its_name_with_its_tag_inside(tmp_path: Path, monkeypatch) -> None:
    """A second `katalog` starting at the same moment must never find the folder made but not yet marked."""
    renamed: list[list[str]] = []
    rename = Path.rename

    def noting(self: Path, target: Path) -> Path:
        renamed.append(sorted(path.name for path in self.iterdir()))
        return rename(self, target)
    monkeypatch.setattr(Path, "rename", noting)
    root = cache_root(tmp_path)
    assert renamed == [[CACHE_TAG]] and is_our_tag(root / CACHE_TAG)
    assert list(tmp_path.iterdir()) == [root]


def test_a_cache_folder_another_run_made_first_is_used(tmp_path: Path, monkeypatch) -> None:
    rename = Path.rename

    def other_run_first(self: Path, target: Path) -> Path:
        target.mkdir()
        (target / CACHE_TAG).write_text(CACHE_TAG_TEXT, encoding="utf-8")
        (target / "indeks").write_text("the other run's")
        return rename(self, target)
    monkeypatch.setattr(Path, "rename", other_run_first)
    assert cache_root(tmp_path) == tmp_path / CACHE_FOLDER
    assert list(tmp_path.iterdir()) == [tmp_path / CACHE_FOLDER]  # its own half-made folder is gone
    assert (tmp_path / CACHE_FOLDER / "indeks").read_text() == "the other run's"


def test_a_cache_folder_that_cannot_be_marked_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    def disk_full(self: Path, *arguments: object, **options: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(CatalogueError) as raised:
        cache_root(tmp_path)
    assert "kunne ikke laves" in raised.value.problems[0].message
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_someone_else_made_is_left_alone(project, capsys) -> None:
    foreign = project.root / CACHE_FOLDER
    foreign.mkdir()
    (foreign / "noter.txt").write_text("mine noter")
    assert search(project.config_file, "fagperson") == 1
    assert "ikke lavet af katalog" in capsys.readouterr().err
    assert sorted(path.name for path in foreign.iterdir()) == ["noter.txt"]


def test_a_broken_catalogue_is_reported_not_searched(project, capsys) -> None:
    project.edit("cases/testby-en-indgang.yml", "status: ongoing", "status: igang")
    assert search(project.config_file, "fagperson") == 1
    assert "'status' har værdien 'igang'" in capsys.readouterr().err


def test_a_cache_folder_that_is_a_link_is_not_followed(project, tmp_path: Path, capsys) -> None:
    elsewhere = tmp_path / "andet-sted"
    elsewhere.mkdir()
    (project.root / CACHE_FOLDER).symlink_to(elsewhere)
    assert search(project.config_file, "fagperson") == 1
    assert "ikke lavet af katalog" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
