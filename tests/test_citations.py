"""The [@key] syntax: parsing, linking and escaping."""

from __future__ import annotations

import html
from pathlib import Path

from bs4 import BeautifulSoup

from generator.bibliography import load_bibliography
from generator import markup
from generator.citations import (MARKER, PLAIN_WORDS, Citation, CitationRenderer, parse_marker, plain_words,
                                 strip_citations)
from generator.loader import load_folder

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


def links(html: str) -> list[tuple[str, str]]:
    return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_consecutive_works_of_one_author_are_named_once_each_year_its_own_link() -> None:
    cite = renderer()
    html = cite.inline("Hel Familie [@assens-hel-familie; @assens-job-og-familie; @assens2017].")
    assert BeautifulSoup(html, "html.parser").get_text() == "Hel Familie (Assens Kommune u.å.a, u.å.b, 2017)."
    assert links(html) == [("#kilde-assens-hel-familie", "Assens Kommune u.å.a"),
                           ("#kilde-assens-job-og-familie", "u.å.b"), ("#kilde-assens2017", "2017")]
    assert list(cite.cited) == ["assens-hel-familie", "assens-job-og-familie", "assens2017"]


def test_another_author_in_between_breaks_the_run_and_the_order_is_kept() -> None:
    html = renderer().inline("X [@assens2017; @jensen2018; @assens-hel-familie; @jensen2018; @holm-petersen2019].")
    assert BeautifulSoup(html, "html.parser").get_text() == (
        "X (Assens Kommune 2017; Jensen m.fl. 2018; Assens Kommune u.å.a; Jensen m.fl. 2018; "
        "Holm-Petersen m.fl. 2019).")


def test_a_locator_stays_with_its_year_and_years_then_part_by_semicolons() -> None:
    html = renderer().inline("X [@assens2017, s. 3; @assens-hel-familie; @jensen2018, s. 12].")
    assert BeautifulSoup(html, "html.parser").get_text() == (
        "X (Assens Kommune 2017, s. 3; u.å.a; Jensen m.fl. 2018, s. 12).")
    assert links(html) == [("#kilde-assens2017", "Assens Kommune 2017, s. 3"), ("#kilde-assens-hel-familie", "u.å.a"),
                           ("#kilde-jensen2018", "Jensen m.fl. 2018, s. 12")]


def test_works_of_the_same_names_and_year_are_merged_with_their_letters(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@misc{a, author = {{Odense Kommune}}, title = {Første}, year = {2021}}\n"
                   "@misc{b, author = {{Odense Kommune}}, title = {Anden}, year = {2021}}\n"
                   "@misc{c, author = {Jensen, Maya and Holm, Ib}, title = {Tredje}, year = {2020}}\n"
                   "@misc{d, author = {Jensen, Maya and Holm, Ib}, title = {Fjerde}}\n", encoding="utf-8")
    bibliography, problems = load_bibliography(bib)
    assert problems == []
    html = CitationRenderer(bibliography).inline("X [@a; @b; @c; @d].")
    # The letters follow the titles (Anden before Første); the order is the writer's.
    assert BeautifulSoup(html, "html.parser").get_text() == "X (Odense Kommune 2021b, 2021a; Jensen og Holm 2020, u.å.)."
    assert [href for href, _ in links(html)] == ["#kilde-a", "#kilde-b", "#kilde-c", "#kilde-d"]


def rendered_words(text: str) -> str:
    """`plain_words` the long way, through Markdown, the sanitizer and back to text."""
    return html.unescape(markup.plain_text(markup.to_html(strip_citations(text), inline=False)))


def test_words_markdown_would_leave_alone_are_taken_as_written_and_nothing_else_is() -> None:
    """`plain_words` skips rendering for text PLAIN_WORDS matches: for every run of words in the real
    catalogue, and for names as municipalities write them, that must be what rendering gives."""
    runs = {" ".join(words[start:start + size])
            for document in [*load_folder(Path("cases"))[0], *load_folder(Path("principles"))[0]]
            for _, text in document.strings()
            for words in [text.split()] for size in (1, 2, 5) for start in range(0, len(words), size)}
    runs |= {"Høje-Taastrup", "Lyngby-Taarbæk", "Ærø", "Ringkøbing-Skjern Kommune", "2 kommuner", "Ⅻ", "ﬁ"}
    taken = [text for text in runs if PLAIN_WORDS.fullmatch(text)]
    assert len(taken) > 500
    assert [text for text in taken if rendered_words(text) != text] == []
    for marked in ["**fed**", "1. maj", "- punkt", "a_b_c", "to  mellemrum", "-start", "slut-", "a &amp; b",
                   "x\ny", "[@jensen2018]", "A <b>"]:
        assert not PLAIN_WORDS.fullmatch(marked)
        assert plain_words(marked) == rendered_words(marked)
