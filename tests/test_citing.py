"""How to cite a page (generator/citing.py): the reference and its BibTeX on every case and principle page."""

from __future__ import annotations

import datetime

import pytest
from pybtex.database import parse_string

from generator import labels
from generator.catalogue import Catalogue, load_catalogue
from generator.citing import Citing, bibtex_text
from generator.export import Links
from generator.render import case_uri, principle_uri, template_prose
from generator.search.documents import page_path

SITE_URL = "https://helhedskataloget.example.dk/"


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


LATEX_READS = [(r"\textbackslash{}", "\\"), (r"\textbraceleft{}", "{"), (r"\textbraceright{}", "}"),
               (r"\^{}", "^"), (r"\~{}", "~"), *((f"\\{character}", character) for character in "%&$#_")]
"""How LaTeX prints what bibtex_text writes (pybtex's own decoder leaves these escapes as they are)."""


def decoded(latex: str) -> str:
    """The field as LaTeX prints it: each escape read once, left to right."""
    out, index = [], 0
    while index < len(latex):
        escape = next(((written, shown) for written, shown in LATEX_READS if latex.startswith(written, index)), None)
        if escape:
            out.append(escape[1])
            index += len(escape[0])
        else:
            out.append(latex[index])
            index += 1
    return "".join(out)


@pytest.mark.parametrize("title", [
    "Din Indgang", "100 % & mere: #1_2 ^ ~", "Lukker }, note = {indsprøjtet", "Streg \\ og {klammer}",
    "@misc{falsk, title={x}}",
])
def test_a_title_stays_one_field_whatever_it_holds(title: str) -> None:
    citation = Citing("Helhedskataloget", Links(SITE_URL, lambda uri: "x/")).cite(
        "x", title, datetime.date(2025, 3, 12), "x.md")
    entries = parse_string(citation.bibtex, "bibtex").entries
    assert list(entries) == ["helhedskataloget-x"]
    entry = entries["helhedskataloget-x"]
    assert set(entry.fields) == {"title", "year", "url", "note"}
    assert decoded(entry.fields["title"]) == title
    assert entry.fields["year"] == "2025" and entry.fields["url"] == f"{SITE_URL}x/"


def test_bibtex_text_escapes_what_latex_reads_as_commands() -> None:
    assert bibtex_text("a & b {c}") == r"a \& b \textbraceleft{}c\textbraceright{}"
    citing = Citing("Kataloget for Århus Kommune", Links("", lambda uri: "x/"))
    assert citing.cite("x", "T", datetime.date(2025, 1, 2), "x.md").bibtex.startswith("@misc{kataloget-for-aarhus-kommune-x,")


def cite_section(read_page, uri: str):
    section = read_page(page_path(uri)).select_one(".katalog-cite")
    assert section is not None, uri
    return section


def test_every_case_page_says_how_to_cite_it(read_page, catalogue: Catalogue) -> None:
    for case in catalogue.cases:
        section = cite_section(read_page, case_uri(case))
        url = SITE_URL + page_path(case_uri(case))
        text = section.select_one(".katalog-copy-reference").get_text()
        assert text == (f"Helhedskataloget ({case.last_reviewed.year}): {case.title} ({labels.enumeration(list(case.municipalities))}). "
                        f"Senest gennemgået {labels.date(case.last_reviewed)}. {url}")
        entry = next(iter(parse_string(section.select_one(".katalog-copy-bibtex").get_text(), "bibtex").entries.values()))
        assert entry.fields["url"] == url and entry.fields["year"] == str(case.last_reviewed.year)
        assert [str(person) for person in entry.persons["author"]] == ["{Helhedskataloget}"]


def test_every_principle_prerequisite_and_model_page_says_how_to_cite_it(read_page, catalogue: Catalogue) -> None:
    for principle in catalogue.principles:
        section = cite_section(read_page, principle_uri(principle))
        text = section.select_one(".katalog-copy-reference").get_text()
        assert principle.title in text and labels.KIND_SINGULAR[principle.kind] in text
        assert text.endswith(SITE_URL + page_path(principle_uri(principle)))
        assert f"Senest gennemgået {labels.date(principle.last_reviewed)}" in text
