"""Files that cannot be read at all: each is reported with file, line and what to do."""

from __future__ import annotations

from pathlib import Path

from generator.loader import load_folder, slugify


def only_problem(folder: Path):
    documents, problems = load_folder(folder)
    assert len(problems) == 1, problems
    return documents, problems[0]


def test_reads_values_and_remembers_their_lines(tmp_path: Path) -> None:
    (tmp_path / "en-post.yml").write_text("title: Hej\nsections:\n  background: Tekst\nlist:\n  - a\n  - b\n")
    documents, problems = load_folder(tmp_path)
    assert problems == []
    document = documents[0]
    assert document.data["sections"]["background"] == "Tekst"
    assert document.line_of(("sections", "background")) == 3
    assert document.line_of(("list", 1)) == 6
    assert document.line_of(("list", 1, "missing")) == 6


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "skaev.yml"
    path.write_text("title: Hej\nsummary: [ikke lukket\nstatus: ongoing\n")
    _, problem = only_problem(tmp_path)
    assert problem.path == path
    assert problem.line == 3
    assert "YAML-syntaksfejl" in problem.message
    assert "indrykningen" in problem.hint


def test_non_utf8_file_is_reported_with_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yml"
    path.write_bytes("title: Hej\nmunicipality: Køge Kommune\n".encode("latin-1"))
    documents, problem = only_problem(tmp_path)
    assert documents == []
    assert problem.line == 2
    assert "UTF-8" in problem.message and "UTF-8" in problem.hint


def test_empty_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "tom.yml").write_text("  \n\n")
    _, problem = only_problem(tmp_path)
    assert problem.message == "Filen er tom."


def test_file_of_only_comments_is_reported(tmp_path: Path) -> None:
    (tmp_path / "kommentar.yml").write_text("# kun en kommentar\n")
    _, problem = only_problem(tmp_path)
    assert "kommentarer" in problem.message


def test_file_name_that_is_not_a_slug_gets_a_suggested_name(tmp_path: Path) -> None:
    (tmp_path / "Fredericia Din Indgang.yml").write_text("title: x\n")
    documents, problem = only_problem(tmp_path)
    assert documents == []
    assert "ikke et gyldigt id" in problem.message
    assert "fredericia-din-indgang.yml" in problem.hint


def test_wrong_suffix_is_reported(tmp_path: Path) -> None:
    (tmp_path / "aarhus.yaml").write_text("title: x\n")
    _, problem = only_problem(tmp_path)
    assert ".yml" in problem.hint


def test_duplicate_key_is_reported_at_its_second_line(tmp_path: Path) -> None:
    (tmp_path / "dobbelt.yml").write_text("title: A\nsummary: x\ntitle: B\n")
    _, problem = only_problem(tmp_path)
    assert problem.line == 3
    assert "'title'" in problem.message


def test_top_level_list_is_reported(tmp_path: Path) -> None:
    (tmp_path / "liste.yml").write_text("- a\n- b\n")
    _, problem = only_problem(tmp_path)
    assert "navn: værdi" in problem.message


def test_every_unreadable_file_is_reported_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "tom.yml").write_text("")
    (tmp_path / "Stort.yml").write_text("title: x\n")
    (tmp_path / "ok.yml").write_text("title: x\n")
    documents, problems = load_folder(tmp_path)
    assert [document.stem for document in documents] == ["ok"]
    assert len(problems) == 2


def test_slugify_turns_danish_letters_into_ascii() -> None:
    assert slugify("Århus Sociale Forhold & Beskæftigelse") == "aarhus-sociale-forhold-beskaeftigelse"
