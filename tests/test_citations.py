"""The [@key] syntax: parsing, linking and escaping."""

from __future__ import annotations

from pathlib import Path

from generator.bibliography import load_bibliography
from generator.citations import CitationRenderer, cited_keys, malformed_citations, strip_citations

ROOT = Path(__file__).resolve().parent.parent


def renderer() -> CitationRenderer:
    bibliography, _ = load_bibliography(ROOT / "bibliography.bib")
    return CitationRenderer(bibliography)


def test_keys_are_found_in_single_multiple_and_located_citations() -> None:
    text = "A [@jensen2018]. B [@holm-petersen2019; @regeringen-kl2019, s. 4]. C [ikke en kilde]."
    assert cited_keys(text) == ["jensen2018", "holm-petersen2019", "regeringen-kl2019"]
    assert malformed_citations(text) == []
    assert malformed_citations("D [@ok; fejl]") == ["fejl"]


def test_citations_become_author_year_links_to_the_reference_list() -> None:
    cite = renderer()
    html = cite.text("Halvdelen [@jensen2018; @regeringen-kl2019, s. 4].")
    assert html == ("Halvdelen ([Jensen m.fl. 2018](#kilde-jensen2018); "
                    "[Regeringen og KL 2019, s. 4](#kilde-regeringen-kl2019)).")
    assert list(cite.cited) == ["jensen2018", "regeringen-kl2019"]
    assert [source.key for source in cite.sources()] == ["jensen2018", "regeringen-kl2019"]


def test_markup_in_text_is_escaped_never_passed_through() -> None:
    html = renderer().text("<script>alert('x')</script> & mere")
    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;")
    assert "&amp; mere" in html


def test_strip_citations_leaves_clean_text() -> None:
    assert strip_citations("Én indgang [@jensen2018]. Mere tekst [@a; @b], her.") == "Én indgang. Mere tekst, her."
