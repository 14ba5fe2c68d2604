"""Danish author–year labels and references from the real bibliography.bib."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pybtex.database import Entry
from pybtex.style.template import FieldIsMissing

from generator.bibliography import danish_collation, load_bibliography, unreadable_entry

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bibliography():
    loaded, problems = load_bibliography(ROOT / "bibliography.bib")
    assert problems == []
    return loaded


@pytest.mark.parametrize(("key", "label"), [
    ("jensen2018", "Jensen m.fl. 2018"),
    ("albertsen2014", "Albertsen og Wiegman 2014"),
    ("regeringen-kl2019", "Regeringen og KL 2019"),
    ("implement2021", "Implement Consulting Group 2021"),
    ("assens-hel-familie", "Assens Kommune u.å.a"),
    ("assens-job-og-familie", "Assens Kommune u.å.b"),
    ("reiermann-ua", "Reiermann u.å."),
])
def test_labels_are_danish_author_year(bibliography, key: str, label: str) -> None:
    assert bibliography.sources[key].label == label


def shown(html_text: str) -> str:
    """A reference as the reader sees it: characters, not their HTML references."""
    return html.unescape(html_text)


def read(html_text: str) -> str:
    """A reference as the reader reads it: its text, without markup."""
    return shown(re.sub(r"<[^>]*>", "", html_text))


def loaded_from(tmp_path: Path, content: str):
    bib = tmp_path / "bibliography.bib"
    bib.write_text(content, encoding="utf-8")
    loaded, problems = load_bibliography(bib)
    assert problems == []
    return loaded


def test_references_use_danish_words_and_keep_title_case(bibliography) -> None:
    jensen = shown(bibliography.sources["jensen2018"].reference_html)
    assert jensen.startswith("Jensen, Maya m.fl. (2018).")
    assert "Din Indgang – et nyt tilbud?" in jensen
    assert "Rapport" in jensen and "København: VIVE" in jensen
    everything = shown(" ".join(source.reference_html for source in bibliography.sources.values()))
    for english in ("Technical Report", " and ", " et al", " In "):
        assert english not in everything
    assert "Albertsen, Karen og Wiegman, Inger-Marie (2014)" in shown(bibliography.sources["albertsen2014"].reference_html)


def test_order_is_danish_alphabetical(bibliography) -> None:
    labels = [source.label for source in bibliography.sources.values()]
    assert labels.index("Jørgensen m.fl. 2016") > labels.index("Jensen m.fl. 2018")
    assert labels.index("Jørgensen m.fl. 2016") < labels.index("Regeringen og KL 2019")
    assert sorted(["Åby", "Zealand", "Ørsted", "Æble", "Aabenraa"], key=danish_collation) == \
        ["Zealand", "Æble", "Ørsted", "Aabenraa", "Åby"]


@pytest.mark.parametrize(("content", "message", "line"), [
    ("@misc{ok, author = {A}, title = {A}, year = {2020}}\n\n@misc{broken, title = {B}\n  year = {2020}}\n",
     "BibTeX-syntaksfejl", 4),
    ("@misc{same, author = {A}, title = {A}}\n@misc{same, author = {B}, title = {B}}\n",
     "Kildenøglen 'same' bruges til to poster.", 2),
    ("@misc{ok, author = {A}, title = {A}, year = {2020}}\n@report{r, author = {B}, title = {B}, year = {2021}}\n",
     "har typen @report, som kataloget ikke kan vise", 2),
    ("@misc{ok, author = {A}, title = {A}, year = {2020}}\n\n@misc{anon, title = {B}}\n",
     "Posten 'anon' har intet 'author'-felt.", 3),
    ("@misc{ok, author = {A}, year = {2020}}\n", "Posten 'ok' har intet 'title'-felt.", 1),
])
def test_bad_entry_is_reported_with_its_line(tmp_path: Path, content: str, message: str, line: int) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text(content, encoding="utf-8")
    _, problems = load_bibliography(bib)
    [problem] = problems
    assert message in problem.message
    assert problem.line == line


@pytest.mark.parametrize(("entry", "message", "hint"), [
    ("@book{x, author={A B}, title={T}, year={2020}}",
     "Posten 'x' er en bog (@book), men har intet 'publisher'-felt, som den type skal have.", "publisher = {"),
    ("@article{x,\n  author = {A B},\n  title = {T}}",
     "Posten 'x' er en artikel (@article), men har intet 'journal'-felt, som den type skal have.", "journal = {"),
])
def test_a_field_the_type_needs_is_named_at_the_entry_not_called_latex(tmp_path: Path, entry: str, message: str,
                                                                       hint: str) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text(f"@misc{{ok, author = {{A}}, title = {{A}}}}\n\n{entry}\n", encoding="utf-8")
    _, problems = load_bibliography(bib)
    assert [(problem.message, problem.line) for problem in problems] == [(message, 3)]
    assert hint in problems[0].hint and "@misc" in problems[0].hint


@pytest.mark.parametrize("entry", [
    "@techreport{x, author = {A}, title = {T}}", "@misc{x, author = {A}, title = {T}}",
    "@misc{x, author = {A}, howpublished = {Interview}}",
    "@article{x, author = {A}, title = {T}, journal = {J}}", "@book{x, author = {A}, title = {T}, publisher = {P}}",
])
def test_every_supported_type_is_shown_with_author_title_and_what_it_needs(tmp_path: Path, entry: str) -> None:
    assert "x" in loaded_from(tmp_path, entry + "\n").sources


def test_a_field_the_style_misses_is_told_as_missing_not_as_latex(tmp_path: Path) -> None:
    problem = unreadable_entry(tmp_path / "bibliography.bib", 3, "x", FieldIsMissing("journal", Entry("article")))
    assert problem.message == "Posten 'x' mangler feltet 'journal', som kildelisten skal have for at kunne vise den."
    assert "journal = {" in problem.hint and problem.line == 3


def test_unsupported_type_hint_names_the_usable_types(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@report{r, author = {B}, title = {B}, year = {2021}}\n", encoding="utf-8")
    _, [problem] = load_bibliography(bib)
    assert "@techreport" in problem.hint


def test_non_utf8_bibliography_is_reported(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_bytes("@misc{k, title = {Køge}, year = {2020}}\n".encode("latin-1"))
    _, problems = load_bibliography(bib)
    assert "UTF-8" in problems[0].message


def test_missing_bibliography_is_reported(tmp_path: Path) -> None:
    _, [problem] = load_bibliography(tmp_path / "bibliography.bib")
    assert problem.message == "Kildelisten findes ikke."


@pytest.mark.parametrize(("content", "message", "line"), [
    ('@misc{ok, author = {A}, title = {A}}\n@misc{x"><svg/onload=alert(1)>, author = {B}, title = {B}}\n',
     "indeholder tegn, som ikke er tilladt", 2),
    ('@misc{ok, author = {A}, title = {A}}\n@misc{x"><svg onload=alert(1)>, author = {B}, title = {B}}\n',
     "BibTeX-syntaksfejl", 2),
    ("@misc{ok, author = {A}, title = {A},\n  url = {javascript:alert(1)}}\n", "ikke er en almindelig webadresse", 2),
    ('@misc{ok, author = {A}, title = {A},\n  url = {https://x.dk/"onfocus="alert(1)}}\n',
     "ikke er en almindelig webadresse", 2),
    ("@misc{a, author = {A}, title = {A}}\n@misc{b, author = {B},\n  title = {B},\n  title = {C}}\n",
     "Posten 'b' har feltet 'title' to gange.", 4),
    ("@misc{a, author = {A}, title = abc}\n", "uden krøllede parenteser", 1),
    ("@misc{a, author = {A}, title = {A}\n", "filen slutter", 2),
])
def test_hostile_or_broken_entry_is_reported_with_its_line(tmp_path: Path, content: str, message: str,
                                                           line: int) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text(content, encoding="utf-8")
    _, problems = load_bibliography(bib)
    assert [(message in problem.message, problem.line) for problem in problems] == [(True, line)], problems


def test_every_broken_entry_is_reported_in_one_run(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@misc{a, author = {A}, title = {A}\n  year = {2020}}\n"
                   "@misc{b, author = {B}, title = {B}}\n@misc{b, author = {C}, title = {C}}\n"
                   "@misc{c, title = {C}}\n", encoding="utf-8")
    _, problems = load_bibliography(bib)
    assert sorted((problem.line, problem.message.split(":")[0]) for problem in problems) == [
        (2, "BibTeX-syntaksfejl"), (4, "Kildenøglen 'b' bruges til to poster."), (5, "Posten 'c' har intet 'author'-felt.")]


def test_more_than_26_works_by_one_author_in_a_year_get_distinct_labels(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("".join(f"@misc{{k{n}, author = {{Jensen, A}}, title = {{T{n:02d}}}, year = {{2020}}}}\n"
                           for n in range(30)), encoding="utf-8")
    loaded, problems = load_bibliography(bib)
    assert problems == []
    labels = [source.label for source in loaded.sources.values()]
    assert len(set(labels)) == 30
    assert labels[0] == "Jensen 2020a" and labels[25] == "Jensen 2020z" and labels[26] == "Jensen 2020aa"


def test_formatting_does_not_look_up_plugins_per_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pybtex finds backends through importlib entry points, which made 10 000 entries take minutes."""
    import pybtex.plugin
    lookups: list[str] = []
    original = pybtex.plugin.find_plugin
    monkeypatch.setattr(pybtex.plugin, "find_plugin", lambda *args, **kwargs: lookups.append(args[0]) or
                        original(*args, **kwargs))
    bib = tmp_path / "bibliography.bib"
    for count in (10, 200):
        bib.write_text("".join(f"@misc{{k{n}, author = {{Navn{n}, A}}, title = {{T}}, year = {{2020}}}}\n"
                               for n in range(count)), encoding="utf-8")
        lookups.clear()
        loaded, _ = load_bibliography(bib)
        assert len(loaded.sources) == count
        assert len(lookups) < 20, f"{len(lookups)} plugin look-ups for {count} entries"


def test_string_macros_are_refused_before_they_can_expand(tmp_path: Path) -> None:
    """Each @string may double the one before: 1.6 KB of them expand to gigabytes."""
    bib = tmp_path / "bibliography.bib"
    macros = '@string{m0 = "xxxxxxxxxxxxxxxx"}\n' + "".join(f"@string{{m{n} = m{n - 1} # m{n - 1}}}\n" for n in range(1, 40))
    bib.write_text(macros + "@misc{a, author = {A}, title = m39}\n", encoding="utf-8")
    _, problems = load_bibliography(bib)
    assert len(problems) == 40
    assert problems[0].message == "Kildelisten bruger @string, som kataloget ikke understøtter."
    assert [problem.line for problem in problems[:2]] == [1, 2]


@pytest.mark.parametrize("fields", ["author = {B}, title = {Din Indgang\\}", "author = {B}, title = {B}, institution = {VIVE\\}",
                                    "author = {\\}, title = {B}"])
def test_latex_that_cannot_be_decoded_is_a_problem_not_a_traceback(tmp_path: Path, fields: str) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@misc{ok, author = {A}, title = {A}}\n\n@techreport{bad,\n  " + fields + "}\n", encoding="utf-8")
    _, problems = load_bibliography(bib)
    assert [(problem.line, "LaTeX-kode" in problem.message) for problem in problems] == [(3, True)], problems


@pytest.mark.parametrize(("key", "text"), [
    ("fredericia2020", "Fredericia Kommune (2020). Interview, Fredericia."),
    ("assens-familieteam2019", "Familieteamet for projekt Job og Familie, Assens Kommune (2019). Interview, Assens, december 2019."),
    ("henriksen2019", "Henriksen, Lotte (2019). Interview med socialchef, Aarhus Kommune, Aarhus, december 2019."),
])
def test_an_interview_says_it_is_an_interview_once(bibliography, key: str, text: str) -> None:
    assert read(bibliography.sources[key].reference_html) == text


def test_misc_without_a_title_is_named_by_howpublished_and_one_with_a_title_shows_both(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "@misc{samtale, author = {{Odense Kommune}}, howpublished = {Interview, Odense}, year = {2021}}\n"
                                   "@misc{artikel, author = {{Implement}}, title = {Sådan gør I},\n"
                                   "  howpublished = {Artikel, maj 2021}, year = {2021}}\n")
    assert shown(loaded.sources["samtale"].reference_html) == "Odense Kommune (2021). Interview, Odense."
    assert shown(loaded.sources["artikel"].reference_html) == "Implement (2021). <em>Sådan gør I</em>. Artikel, maj 2021."
    assert loaded.sources["samtale"].label == "Odense Kommune 2021"


def test_misc_with_neither_title_nor_howpublished_is_a_problem_that_suggests_howpublished(tmp_path: Path) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@misc{samtale, author = {{Odense Kommune}}, year = {2021}}\n", encoding="utf-8")
    _, [problem] = load_bibliography(bib)
    assert problem.message == "Posten 'samtale' har intet 'title'-felt."
    assert "howpublished = {Interview, By, måned år}" in problem.hint


def test_access_date_is_a_numeric_danish_date(bibliography) -> None:
    for key in ("assens-hel-familie", "assens-job-og-familie"):
        reference = read(bibliography.sources[key].reference_html)
        assert "(set 18.12.2019)" in reference and "2019-12-18" not in reference


@pytest.mark.parametrize("urldate", ["18-12-2019", "2019-12-18T10:00", "2019-02-30", "december 2019", "20191218"])
def test_access_date_that_is_not_a_day_written_year_month_day_is_reported_at_its_line(tmp_path: Path,
                                                                                      urldate: str) -> None:
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@misc{side, author = {A}, title = {Side},\n  url = {https://x.dk/},\n"
                   f"  urldate = {{{urldate}}}}}\n", encoding="utf-8")
    _, [problem] = load_bibliography(bib)
    assert "urldate, som ikke er en dato" in problem.message and "2019-12-18" in problem.hint
    assert problem.line == 3


def test_a_missing_year_is_said_by_u_aa_alone(bibliography) -> None:
    assert read(bibliography.sources["reiermann-ua"].reference_html) == \
        "Reiermann, Jens (u.å.). Arbejde på tværs af siloer: Voksne får arbejde, og børns trives bedre. Mandag Morgen."
    everything = read(" ".join(source.reference_html for source in bibliography.sources.values()))
    assert "ikke angivet" not in everything


def test_an_article_shows_its_place_and_publisher(bibliography) -> None:
    assert shown(bibliography.sources["albertsen2014"].reference_html) == (
        "Albertsen, Karen og Wiegman, Inger-Marie (2014). Relationel koordinering: Om tværfagligt samarbejde og "
        "kommunikation. <em>Karnov HR Guide</em>, nr. 3, s. 1–5. København: Karnov Group Denmark A/S.")


def test_real_titles_use_danish_quotation_marks(bibliography) -> None:
    assert read(bibliography.sources["assens-hel-familie"].reference_html).startswith(
        "Assens Kommune (u.å.a). Projekt ”Hel Familie”. Hjemmeside")
    assert read(bibliography.sources["assens2017"].reference_html) == \
        "Assens Kommune (2017). ”Projekt Hel Familie”: Selvevaluering af Assens Kommunes projekt Hel Familie samt bilag."
    everything = read(" ".join(source.reference_html for source in bibliography.sources.values()))
    for foreign in "„“\"«»":
        assert foreign not in everything


@pytest.mark.parametrize("typed", ["„Hel Familie“", "“Hel Familie”", "``Hel Familie''", '"Hel Familie"', "”Hel Familie”"])
@pytest.mark.parametrize("entry_type", ["article", "book", "techreport", "misc"])
def test_every_entry_type_quotes_a_title_with_danish_marks(tmp_path: Path, entry_type: str, typed: str) -> None:
    loaded = loaded_from(tmp_path, f"@{entry_type}{{k, author = {{A}}, title = {{Projekt {typed} i K{{\\\"o}}ge}},\n"
                                   "  journal = {J}, publisher = {P}, institution = {I}, year = {2020}}\n")
    assert "Projekt ”Hel Familie” i Köge" in read(loaded.sources["k"].reference_html)


def test_corrected_assens_addresses_match_their_titles_and_say_so_after_the_address(bibliography) -> None:
    base = "https://www.assens.dk/vores-kommune/en-kommune-i-udvikling/boern-og-uddannelse/boern-og-uddannelse-paa-tvaers/"
    note = ("Adressen er rettet, så den passer til titlen: kildelisten i artiklen ”Sammenhængende indsatser i nye "
            "organisatoriske enheder” har byttet om på adresserne til Hel Familie og Job og Familie.")
    for key, title, slug in (("assens-hel-familie", "Projekt ”Hel Familie”", "projekt-hel-familie/"),
                             ("assens-job-og-familie", "Projekt ”Job og Familie”", "projekt-job-og-familie/")):
        reference = read(bibliography.sources[key].reference_html)
        assert f"{title}. Hjemmeside, ikke længere tilgængelig. {base}{slug} (set 18.12.2019). {note}" in reference
        assert reference.endswith(note)


def test_an_entry_without_addendum_ends_with_its_address(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "@misc{side, author = {A}, title = {Side}, url = {https://x.dk/}, urldate = {2020-01-05}}\n")
    assert read(loaded.sources["side"].reference_html) == "A (u.å.). Side. https://x.dk/ (set 05.01.2020)"
