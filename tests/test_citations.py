"""The [@key] syntax: parsing, linking and escaping."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.bibliography import load_bibliography
from generator.citations import MARKER, Citation, CitationRenderer, parse_marker, strip_citations

ROOT = Path(__file__).resolve().parent.parent


def parsed(text: str) -> list[Citation | str]:
    return [item for marker in MARKER.finditer(text) for item in parse_marker(marker.group(1))]


def renderer() -> CitationRenderer:
    bibliography, _ = load_bibliography(ROOT / "bibliography.bib")
    return CitationRenderer(bibliography)


def test_keys_are_found_in_single_multiple_and_located_citations() -> None:
    text = "A [@jensen2018]. B [@holm-petersen2019; @regeringen-kl2019, s. 4]. C [ikke en kilde]."
    assert parsed(text) == [Citation("jensen2018", None), Citation("holm-petersen2019", None),
                            Citation("regeringen-kl2019", "s. 4")]
    assert parsed("D [@ok; fejl]") == [Citation("ok", None), "fejl"]


def test_citations_become_author_year_links_to_the_reference_list() -> None:
    cite = renderer()
    html = BeautifulSoup(cite.inline("Halvdelen [@jensen2018; @regeringen-kl2019, s. 4]."), "html.parser")
    assert html.get_text() == "Halvdelen (Jensen m.fl. 2018; Regeringen og KL 2019, s. 4)."
    assert [(a["href"], a.get_text()) for a in html.find_all("a")] == [
        ("#kilde-jensen2018", "Jensen m.fl. 2018"), ("#kilde-regeringen-kl2019", "Regeringen og KL 2019, s. 4")]
    assert list(cite.cited) == ["jensen2018", "regeringen-kl2019"]
    assert [source.key for source in cite.sources()] == ["jensen2018", "regeringen-kl2019"]


def test_markup_in_text_is_shown_as_text_never_passed_through() -> None:
    html = renderer().block("<script>alert('x')</script> & mere")
    assert "<script" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == "<script>alert('x')</script> & mere"


def test_block_text_keeps_paragraphs_and_lists_inline_text_is_one_line() -> None:
    text = "Først [@jensen2018].\n\n- a\n- b"
    block = BeautifulSoup(renderer().block(text), "html.parser")
    assert [element.name for element in block.find_all(recursive=False)] == ["p", "ul"]
    inline = renderer().inline(text)
    assert "\n" not in inline and "<p>" not in inline and "<li>" not in inline


def test_strip_citations_leaves_clean_text() -> None:
    assert strip_citations("Én indgang [@jensen2018]. Mere tekst [@a; @b], her.") == "Én indgang. Mere tekst, her."
