"""Files that cannot be read at all: each is reported with file, line and what to do."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml

from generator import loader
from generator.loader import CHECKPOINT, Span, VisibleIndex, load_folder, read_text, slugify
from generator.problems import Problem


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


def test_file_name_that_is_not_a_slug_gets_a_suggested_name_and_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "Fredericia Din Indgang.yml").write_text("title: x\n")
    documents, problem = only_problem(tmp_path)
    assert [document.data for document in documents] == [{"title": "x"}]
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
    assert [document.stem for document in documents] == ["Stort", "ok"]
    assert [problem.path.name for problem in problems] == ["Stort.yml", "tom.yml"]


def test_slugify_turns_danish_letters_into_ascii() -> None:
    assert slugify("Århus Sociale Forhold & Beskæftigelse") == "aarhus-sociale-forhold-beskaeftigelse"


# Hostile files (issue 13): every one becomes a Danish problem with its line, never a traceback or a hang.

@pytest.fixture(params=["PureRecordLoader", "FastRecordLoader"], autouse=True)
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with PyYAML's parser and with libyaml's: they must behave the same."""
    monkeypatch.setattr(loader, "RECORD_LOADER", getattr(loader, request.param))


def problem_of(tmp_path: Path, text: str) -> Problem:
    (tmp_path / "post.yml").write_text(text, encoding="utf-8")
    documents, problem = only_problem(tmp_path)
    assert documents == []
    return problem


SECRET = "password: hunter2\n"


@pytest.mark.parametrize("target", ["secret.yml", "missing.yml", "loop.yml", "folder"])
def test_symlinks_are_refused_without_reading_their_target(tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text(SECRET)
    (outside / "folder").mkdir()
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "link.yml").symlink_to(folder / "link.yml" if target == "loop.yml" else outside / target)
    documents, problem = only_problem(folder)
    assert documents == []
    assert problem.path == folder / "link.yml"
    assert "symbolsk link" in problem.message
    assert "hunter2" not in str(problem)


def test_a_symlinked_file_given_by_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.bib").write_text(SECRET)
    (tmp_path / "bibliography.bib").symlink_to(tmp_path / "secret.bib")
    text, problem = read_text(tmp_path / "bibliography.bib")
    assert text is None and problem is not None
    assert "symbolsk link" in problem.message
    assert "hunter2" not in str(problem)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    outcome: list[tuple[list, list]] = []
    reader = threading.Thread(target=lambda: outcome.append(load_folder(tmp_path)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # free the stuck reader before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert outcome, "load_folder hung on a FIFO"
    [(documents, [problem])] = outcome
    assert documents == []
    assert "ikke en almindelig fil" in problem.message


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_read(path: str) -> None:
    text, problem = read_text(Path(path))
    assert text is None and problem is not None
    assert "ikke en almindelig fil" in problem.message


def test_a_folder_is_not_read_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "mappe.yml").mkdir()
    text, problem = read_text(tmp_path / "mappe.yml")
    assert text is None and problem is not None
    assert "ikke en almindelig fil" in problem.message


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, who may read anything, so the refusal is simulated."""
    (tmp_path / "laast.yml").write_text("title: x\n")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    _, problem = only_problem(tmp_path)
    assert "ikke adgang" in problem.message
    assert "Permission" not in str(problem)


def test_a_record_larger_than_the_limit_is_refused_and_the_message_states_the_limit(tmp_path: Path) -> None:
    body = "title: x\nsummary: " + "a" * loader.RECORD_MAX_BYTES + "\n"
    problem = problem_of(tmp_path, body)
    assert "256 KiB" in problem.message


def test_any_file_larger_than_the_general_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.bib"
    path.write_bytes(b"%" * (loader.MAX_BYTES + 1))
    text, problem = read_text(path)
    assert text is None and problem is not None
    assert "4 MiB" in problem.message


def test_a_record_at_the_limit_is_read(tmp_path: Path) -> None:
    head = "title: x\nsummary: "
    (tmp_path / "post.yml").write_text(head + "a" * (loader.RECORD_MAX_BYTES - len(head) - 1) + "\n")
    documents, problems = load_folder(tmp_path)
    assert problems == [] and len(documents) == 1


BILLION_LAUGHS = "".join(
    f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9) if level else 'lol'}]\n" for level in range(10))
MANY_ALIASES = "title: x\ns: &s " + "x" * 10_000 + "\nl: [" + ", ".join(["*s"] * 20_000) + "]\n"


@pytest.mark.parametrize(("text", "message", "line"), [
    (BILLION_LAUGHS, "YAML-anker", 1),
    (MANY_ALIASES, "YAML-anker", 2),
    ("title: x\na: &a [*a]\n", "YAML-anker", 2),
    ("title: x\nsummary: &s tekst\n", "YAML-anker", 2),
    ("title: x\nsummary: !!binary aGVq\n", "mærket med '!!binary'", 2),
    ("title: !!python/object/apply:os.system ['ls']\n", "mærket med '!!python/object/apply:os", 1),
    ("title: x\nsummary: !foo x\n", "mærket med '!foo'", 2),
    ("title: x\nsummary: ! 12\n", "mærket med '!'", 2),
    ("title: x\n? [a, b]\n: c\n", "feltnavne skal være ord", 2),
    ("title: x\n{a: 1}: c\n", "feltnavne skal være ord", 2),
    ("title: x\n1: x\n", "Feltnavnet '1'", 2),
    ("title: x\ntrue: x\n", "Feltnavnet 'true'", 2),
    ("title: x\nnull: x\n", "Feltnavnet 'null'", 2),
    ("title: x\n~: x\n", "Feltnavnet '~'", 2),
    ("title: x\nvalue: " + "9" * 5000 + "\n", "højst 30 cifre", 2),
    ("title: x\nvalue: 0b_\n", "'0b_' kan ikke læses som et tal", 2),
    ("title: x\nvalue: [1, 0x_]\n", "'0x_' kan ikke læses som et tal", 2),
    ("title: x\nv: " + "[" * 10_000 + "]" * 10_000 + "\n", "mere end 20 niveauer", 2),
    ("title: x\nv:" + "".join(f"\n{'  ' * depth}- " for depth in range(30)) + "x\n", "mere end 20 niveauer", 22),
])
def test_yaml_that_records_have_no_use_for_is_refused_at_its_line(tmp_path: Path, text: str, message: str,
                                                                  line: int) -> None:
    problem = problem_of(tmp_path, text)
    assert message in problem.message
    assert problem.line == line


@pytest.mark.parametrize("text", [
    "a: 12\nb: -0x1F\nc: 1_000\nd: 1:30\ne: 0o17\nf: 017\n",
    "a: 1.5\nb: .inf\nc: -.INF\nd: 6.8523015e+5\ne: 190:20:30.15\n",
    "a: yes\nb: Off\nc: true\nd: ~\ne: null\nf:\ng: ''\n",
    "a: 2026-02-30\nb: 2026-11-27T10:00:00Z\n<<: merge\n=: value\n",
    "? a\n: [1, {b: c}, [d, e]]\nf: {}\ng: []\n",
    "a: |\n  første\n\n  anden\nb: >-\n  foldet\n  tekst\nc: 'it''s'\nd: \"\\u00e6\\tø\"\n",
    "a: tekst\r\n  fortsat\r\nb: x - y # kommentar\n",
])
def test_a_record_holds_what_pyyaml_would_build_from_it(tmp_path: Path, text: str) -> None:
    """`read_node` builds the values itself instead of PyYAML's constructor: they must be the same."""
    document, problem = loader.parse_yaml(tmp_path / "post.yml", text)
    assert problem is None
    expected = yaml.load(text, Loader=loader.RECORD_LOADER)
    assert document.data == expected and repr(document.data) == repr(expected)


@pytest.mark.parametrize(("character", "kind"), [
    ("\x00", "styretegn"), ("\x01", "styretegn"), ("\x7f", "styretegn"), ("\x85", "styretegn"),
    ("\x1b", "styretegn"), ("\ufffe", "styretegn"), ("\u2028", "styretegn"),
    ("\u202e", "vender tekstens retning"), ("\u202a", "vender tekstens retning"),
    ("\u2066", "vender tekstens retning"), ("\u2069", "vender tekstens retning"),
])
def test_control_and_bidi_characters_are_refused_with_line_and_column(tmp_path: Path, character: str,
                                                                      kind: str) -> None:
    problem = problem_of(tmp_path, f"title: x\n# kommentar\nsummary: ab{character}c\n")
    assert kind in problem.message
    assert f"U+{ord(character):04X}" in problem.message
    assert "tegn nr. 12" in problem.message
    assert problem.line == 3


@pytest.mark.parametrize("escape", ["\\u202e", "\\0", "\\x01", "\\e", "\\L"])
def test_control_and_bidi_characters_written_as_escapes_are_refused(tmp_path: Path, escape: str) -> None:
    problem = problem_of(tmp_path, f'title: x\nsummary: "første linje\n  anden {escape} linje"\n')
    assert "må ikke stå" in problem.message or "ikke må stå" in problem.message
    assert problem.line == 3


def test_tabs_and_windows_line_breaks_are_allowed(tmp_path: Path) -> None:
    (tmp_path / "post.yml").write_bytes(b"title: x\r\nsummary: |\r\n  a\tb\r\n")
    documents, problems = load_folder(tmp_path)
    assert problems == []
    assert documents[0].data["summary"] == "a\tb\n"


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30", "2026-11-25"])
def test_dates_stay_text_for_the_schema_to_check(tmp_path: Path, date: str) -> None:
    (tmp_path / "post.yml").write_text(f"title: x\nlast_reviewed: {date}\n")
    documents, problems = load_folder(tmp_path)
    assert problems == []
    assert documents[0].data["last_reviewed"] == date


def test_merge_keys_are_plain_field_names(tmp_path: Path) -> None:
    (tmp_path / "post.yml").write_text("title: x\n<<: {status: ongoing}\n")
    documents, _ = load_folder(tmp_path)
    assert documents[0].data == {"title": "x", "<<": {"status": "ongoing"}}


def test_an_unexpected_error_names_the_file_and_the_others_are_still_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-fejl.yml").write_text("title: x\n")
    (tmp_path / "b-ok.yml").write_text("title: y\n")
    parse = loader.parse_yaml

    def fail_on_first(path: Path, text: str):
        if path.name == "a-fejl.yml":
            raise RuntimeError("boom")
        return parse(path, text)

    monkeypatch.setattr(loader, "parse_yaml", fail_on_first)
    documents, [problem] = load_folder(tmp_path)
    assert [document.stem for document in documents] == ["b-ok"]
    assert problem.path.name == "a-fejl.yml"
    assert problem.message == "Filen kunne ikke læses på grund af en uventet fejl (RuntimeError)."
    assert "udvikler" in problem.hint


def test_a_file_name_the_site_uses_for_its_own_page_is_refused_and_still_read(tmp_path: Path) -> None:
    (tmp_path / "index.yml").write_text("title: x\n")
    documents, problem = only_problem(tmp_path)
    assert "optaget" in problem.message
    assert [document.data for document in documents] == [{"title": "x"}]


def test_a_too_long_file_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / ("a" * 81 + ".yml")).write_text("title: x\n")
    _, problem = only_problem(tmp_path)
    assert "højst 80 tegn" in problem.message


MARK = "MÆRKE"


@pytest.mark.parametrize(("text", "location", "line"), [
    ("title: x\ntext: |\n  første linje\n\n  anden MÆRKE her\n  tredje\nnext: y\n", ("text",), 5),
    ("title: x\ntext: >-\n  første linje\n  fortsat\n\n    mere indrykket\n  og MÆRKE\nnext: y\n", ("text",), 7),
    ("title: x\ntext: første linje\n  anden\n\n  fjerde MÆRKE\nnext: y\n", ("text",), 5),
    ("title: x\ntext: 'it''s første\n  an''den\n  MÆRKE'\nnext: y\n", ("text",), 4),
    ('title: x\ntext: "første \\"citat\\" \\u00e6\\x20\\\n  fortsat\\n\n  \\t MÆRKE"\n', ("text",), 4),
    ('title: x\nlist: [a, "b\n  c", d\n   e MÆRKE]\n', ("list", 2), 4),
    ("title: x\r\ntext: |\r\n  a\r\n  b MÆRKE\r\n", ("text",), 4),
    ("title: x\ntext: MÆRKE på første linje\n", ("text",), 2),
    ("title: x\nsections:\n  background: |\n    a\n    b\n\n    c MÆRKE\n", ("sections", "background"), 7),
])
def test_line_at_finds_the_line_of_a_place_inside_a_multi_line_text(tmp_path: Path, text: str,
                                                                     location: tuple, line: int) -> None:
    (tmp_path / "post.yml").write_bytes(text.encode("utf-8"))
    documents, problems = load_folder(tmp_path)
    assert problems == []
    value = documents[0].value_at(location)
    assert documents[0].line_at(location, value.index(MARK)) == line
    assert documents[0].line_at(location, value.strip().index(MARK)) == line  # offsets into stripped text too


def test_line_at_reads_a_long_text_once_for_many_places_in_it(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks ask for the line of every citation in a text: each must not be a pass over the text."""
    count = 2000
    (tmp_path / "post.yml").write_text("title: x\ntext: |\n" + "".join(f"  linje {n} {MARK}\n\n" for n in range(count)),
                                       encoding="utf-8")
    [document], _ = load_folder(tmp_path)
    value = document.value_at(("text",))
    counted = 0
    original = loader.visible_count

    def counting(*arguments):
        nonlocal counted
        counted += 1
        return original(*arguments)
    monkeypatch.setattr(loader, "visible_count", counting)
    offsets = [match for match in range(len(value)) if value.startswith(MARK, match)]
    assert [document.line_at(("text",), offset) for offset in offsets] == list(range(3, 3 + 2 * count, 2))
    assert counted <= 2 * count + 2, f"{counted} lines read for {count} places"


def test_line_at_falls_back_to_the_field_line_for_what_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "post.yml").write_text("title: x\nperiod:\n  start: 2017\n")
    [document], _ = load_folder(tmp_path)
    assert document.line_at(("period", "start"), 3) == 3
    assert document.line_at(("period", "missing"), 0) == 2


@pytest.mark.parametrize(("text", "told", "line"), [
    ("title: x\nsummary: a: b\n", "et kolon står", 2),
    ("title: x\ntags: [a, b\n", "ikke lukket", 3),
    ('title: x\nsummary: "ikke lukket\n', "ikke lukket", 3),
    ("title: x\nsections:\n\tbackground: x\n", "tabulator", 3),
    ("title: x\nsections:\n  background: x\n effort: y\n", "indrykningen passer ikke", 4),
    ("title: x\ntags:\n  - a\n  b: 1\n", "indrykningen passer ikke", 4),
    ('title: x\nsummary: "C:\\q"\n', "kode med \\", 2),
    ("title: x\n---\ntitle: y\n", "mere end ét dokument", 2),
    ("title: @x\n", "skal stå i anførselstegn", 1),
])
def test_yaml_syntax_errors_are_told_in_danish_at_their_line(tmp_path: Path, text: str, told: str,
                                                             line: int) -> None:
    problem = problem_of(tmp_path, text)
    assert problem.message.startswith("YAML-syntaksfejl: ")
    assert told in problem.message
    assert not {"found", "expected", "while", "token"} & set(problem.message.replace(".", " ").split())
    assert problem.line == line


def test_a_lone_surrogate_written_as_an_escape_is_refused(tmp_path: Path) -> None:
    problem = problem_of(tmp_path, 'title: x\nsummary: "a\\ud800b"\n')
    assert problem.line == 2


def test_a_record_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "post.yml").write_text("title: x\n")
    (tmp_path / "cases").symlink_to(outside)
    documents, [problem] = load_folder(tmp_path / "cases")
    assert documents == []
    assert "symbolsk link" in problem.message


def test_a_subfolder_named_like_a_record_is_refused_and_others_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "mappe.yml").mkdir()
    (tmp_path / "billeder").mkdir()
    documents, [problem] = load_folder(tmp_path)
    assert documents == []
    assert problem.path.name == "mappe.yml"
    assert "ikke en almindelig fil" in problem.message


def test_control_characters_are_refused_in_any_input_file(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.bib"
    path.write_text("@misc{a,\n  title = {A\x00B},\n}\n", encoding="utf-8")
    text, problem = read_text(path)
    assert text is None and problem is not None
    assert "U+0000" in problem.message
    assert problem.line == 2


def test_the_visible_count_before_an_offset_is_exact_across_checkpoints() -> None:
    """The index keeps a count every CHECKPOINT characters (small memory) and counts the rest on demand."""
    value = "".join("ab c\n\td " if n % 7 else "  " for n in range(3 * CHECKPOINT))
    index = VisibleIndex.of(value, Span(0, 0, 0, 0, "|"), [])
    for offset in [0, 1, CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, len(value) // 2, len(value) - 1, len(value), -1]:
        assert index.before(offset) == sum(not character.isspace() for character in value[:offset]), offset
    assert len(index.checkpoints) == -(-len(value) // CHECKPOINT) + 1
