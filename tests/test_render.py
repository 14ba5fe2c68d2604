"""Records → Markdown: escaping, cross-links and per-page reference lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from markupsafe import Markup

from generator import bibliography, render
from generator.catalogue import Catalogue, load_catalogue
from generator.problems import CatalogueError
from generator.plugin import KatalogPlugin
from generator.render import SiteRenderer, relative


def pages_by_uri(catalogue: Catalogue) -> dict[str, str]:
    return {page.src_uri: page.content for page in SiteRenderer(catalogue).render()}


def test_one_page_per_record_plus_indexes(project) -> None:
    catalogue = load_catalogue(project.sources)
    uris = set(pages_by_uri(catalogue))
    assert uris == {
        "index.md", "bidrag.md", "om.md", "kilder.md", "eksempler/index.md", "eksempler/testby-en-indgang.md",
        "principper/index.md", "principper/relation.md", "forudsaetninger/index.md",
        "forudsaetninger/maalgruppe.md", "organisering/index.md", "organisering/ny-enhed.md",
        "selvevaluering/index.md", "emner/index.md", *(f"emner/{slug}.md" for slug in catalogue.vocabulary),
        "matrix/index.md", "sammenligning.md",
    }


def test_markup_that_slipped_past_validation_is_still_escaped(project) -> None:
    catalogue = load_catalogue(project.sources)
    case = catalogue.cases[0]
    hostile = case.model_copy(update={"title": "<script>alert(1)</script>", "summary": "<img src=x onerror=alert(1)>"})
    pages = pages_by_uri(Catalogue([hostile], catalogue.principles, catalogue.bibliography, catalogue.vocabulary))
    for content in pages.values():
        assert "<script>" not in content and "<img" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["eksempler/testby-en-indgang.md"]


def test_case_page_links_to_what_it_shows_and_back(project) -> None:
    pages = pages_by_uri(load_catalogue(project.sources))
    case_page = pages["eksempler/testby-en-indgang.md"]
    assert "(../principper/relation.md)" in case_page
    assert "(../forudsaetninger/maalgruppe.md)" in case_page
    assert "(../organisering/ny-enhed.md)" in case_page
    principle_page = pages["principper/relation.md"]
    assert "[Én indgang](../eksempler/testby-en-indgang.md)" in principle_page
    assert "Borgeren har én fagperson at forholde sig til" in principle_page


def test_reference_list_holds_exactly_the_works_cited_on_the_page(project) -> None:
    pages = pages_by_uri(load_catalogue(project.sources))
    relation = pages["principper/relation.md"]
    # The principle cites regeringen-kl2019; the case's "how" sentence shown on it cites jensen2018.
    assert 'id="kilde-regeringen-kl2019"' in relation and 'id="kilde-jensen2018"' in relation
    assert 'id="kilde-implement2021"' not in relation and 'id="kilde-holm-petersen2019"' not in relation
    case_page = pages["eksempler/testby-en-indgang.md"]
    assert case_page.count('id="kilde-') == 1


def test_bibliography_page_links_back_to_every_citing_page(project) -> None:
    kilder = pages_by_uri(load_catalogue(project.sources))["kilder.md"]
    jensen = kilder.split('id="kilde-jensen2018"')[1].split('id="kilde-')[0]
    for target in ("eksempler/testby-en-indgang.md", "principper/relation.md",
                   "forudsaetninger/maalgruppe.md", "organisering/ny-enhed.md"):
        assert f"]({target})" in jensen
    # Index pages list titles, without the citations their records hold.
    assert "principper/index.md" not in jensen and "eksempler/index.md" not in jensen


def test_figures_use_danish_number_format(project) -> None:
    case_page = pages_by_uri(load_catalogue(project.sources))["eksempler/testby-en-indgang.md"]
    assert "| 2.168.000 kr. om året |" in case_page
    assert "ca. 2017–" in case_page


def test_relative_links_between_sections() -> None:
    assert relative("eksempler/a.md", "principper/b.md") == "../principper/b.md"
    assert relative("index.md", "eksempler/index.md") == "eksempler/index.md"
    assert relative("eksempler/index.md", "eksempler/a.md") == "a.md"


HOSTILE_TITLE = 'Angreb <svg onload=alert(1)> & *x*{: onclick=alert(2) } </title><script>alert(3)</script>'
HOSTILE_SUMMARY = 'Borgerne "><svg onload=alert(4)// [x][r] [@jensen2018]\n\n[r]: javascript:alert(5)'


def build_with_hostile_records(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               title: str = HOSTILE_TITLE) -> Path:
    """Records that validation would refuse, built anyway: rendering alone must keep them inert."""
    clean = load_catalogue(project.sources)
    case = clean.cases[0]
    sections = case.sections.model_copy(update={
        "results": "*x*{: tabindex=0 autofocus onfocus=alert(6) #kilde-jensen2018 } [a](https://x.dk){: href=javascript:alert(7) }",
        "effort": "[y](\x01javascript:alert(8)) [z](&#106;avascript:alert(9)) <iframe src=https://evil.example/></iframe> "
                  "<style>body{background:url(https://evil.example/s)}</style>{: style=\"background:url(https://evil.example/x)\" }",
    })
    hostile = case.model_copy(update={"title": title, "summary": HOSTILE_SUMMARY, "sections": sections,
                                      "municipalities": ["![a [b] c](https://evil.example/p.png) Kilde jensen2018"]})
    text = (project.root / "bibliography.bib").read_text(encoding="utf-8").replace(
        "author      = {Jensen, Maya and others}",
        'author = {Jensen<img src=x onerror=alert(10)>, Maya and others},\n  url = {https://x.dk/"onfocus="alert(11)},\n'
        "  note = {[n](javascript:alert(12)) <script>alert(13)</script> *{: onclick=alert(14)}*}")
    data, errors = bibliography.parse(text)
    assert errors == []
    built, problems = bibliography.build(data, lambda key, error: pytest.fail(f"{key}: {error}"))
    assert problems == []
    catalogue = Catalogue([hostile], clean.principles, built, clean.vocabulary)
    monkeypatch.setattr(KatalogPlugin, "catalogue", lambda self, config: catalogue)
    return project.build(tmp_path / "site")


def test_hostile_records_that_slip_past_validation_build_inert(project, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = build_with_hostile_records(project, tmp_path, monkeypatch)
    clean_scripts = None
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            live = [name for name in element.attrs if name.startswith("on") or name in ("autofocus", "srcdoc")]
            styled = element.get("style") not in (None, "text-align:right")  # a table column's alignment
            assert not live and not styled, (path, str(element)[:200])
            for name in ("href", "src", "action"):
                value = element.get(name, "")
                assert "javascript:" not in value.lower() and "evil.example" not in value or element.name == "a", \
                    (path, str(element)[:200])
        article = soup.select_one("article")
        assert article is not None, path
        assert not article.find_all(["script", "style", "img", "iframe", "svg", "object", "embed"]), path
        assert [span for span in article.select('[id="kilde-jensen2018"]') if span.name != "span"] == [], path
        scripts = sorted(script.get("src", "inline") for script in soup.find_all("script"))
        clean_scripts = clean_scripts or len(scripts)
        assert len(scripts) == clean_scripts, (path, scripts)


def test_titles_and_descriptions_reach_the_theme_escaped(project, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    site = build_with_hostile_records(project, tmp_path, monkeypatch)
    page = BeautifulSoup((site / "eksempler" / "testby-en-indgang" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    shown_title = 'Angreb <svg onload=alert(1)> & x{: onclick=alert(2) } </title><script>alert(3)</script>'
    assert page.title.get_text() == f"{shown_title} - Testkatalog"
    assert page.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == shown_title
    assert page.find("meta", attrs={"name": "description"})["content"].startswith('Borgerne "><svg onload=alert(4)//')
    assert page.select_one("article h1").get_text().rstrip("¶") == shown_title


def test_citations_in_template_prose_are_checked_with_the_records(project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "home.md.j2").write_text(
        "# Forside\n\nEt udsagn [@jensen2018].\n\nSyntaksen vises som `[@nøgle]`.\n\n"
        "Et andet [@jensen2019] og [@jensen2018; fejl].\n", encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    project.edit("cases/testby-en-indgang.yml", "status: ongoing", "status: igang")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources, prose=render.template_prose())
    assert sorted((problem.path.name, problem.line, problem.message) for problem in raised.value.problems) == [
        ("home.md.j2", 7, "Kildehenvisningen '[fejl]' kan ikke læses."),
        ("home.md.j2", 7, "Kilden 'jensen2019' findes ikke i bibliography.bib."),
        ("testby-en-indgang.yml", 4, "'status' har værdien 'igang', som ikke er tilladt."),
    ]


def test_the_real_templates_cite_only_known_sources(real_sources) -> None:
    assert load_catalogue(real_sources, prose=render.template_prose()).cases


def test_front_matter_survives_any_character(project, tmp_path: Path) -> None:
    """An emoji once turned the front matter into page text; a quote or colon must not break it either."""
    project.edit("cases/testby-en-indgang.yml", "title: Én indgang", "title: 'Én indgang 🙂: \"x\" \\ y'")
    project.edit("cases/testby-en-indgang.yml", "summary: Borgerne møder", "summary: 🙂 Borgerne møder")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "eksempler" / "testby-en-indgang" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.title.get_text() == 'Én indgang 🙂: "x" \\ y - Testkatalog'
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("🙂 Borgerne møder")
    assert "hide:" not in page.select_one("article").get_text()


def test_a_question_id_cannot_take_over_an_anchor_of_its_page(project, tmp_path: Path) -> None:
    project.edit("principles/relation.yml", "id: relation-antal", "id: kilder-paa-siden")
    project.edit("principles/relation.yml", "id: relation-kontinuitet", "id: kilde-regeringen-kl2019")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "principper" / "relation" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for anchor in ("kilder-paa-siden", "kilde-regeringen-kl2019"):
        [target] = page.find_all(id=anchor)
        assert target.name != "li", anchor
    assert page.find("li", id="spm-kilder-paa-siden") is not None


@pytest.mark.browser
@pytest.mark.parametrize("title", [
    "<img src=x onerror=alert(21)> " + "Én indgang til hjælp for borgere med komplekse problemer " * 4,
    "&lt;img src=x onerror=alert(22)&gt; " + "Én indgang til hjælp for borgere med komplekse problemer " * 4,
])
def test_a_long_hostile_title_stays_text_when_the_theme_shows_it(project, tmp_path: Path, monkeypatch, context,
                                                                  title: str) -> None:
    """Material once re-read the text of an overflowing header title as HTML for its tooltip."""
    from gates import open_page, serve
    site = build_with_hostile_records(project, tmp_path, monkeypatch, title=title)
    dialogs: list[str] = []
    with serve(site) as base_url:
        page, visit = open_page(context, base_url, "eksempler/testby-en-indgang/")
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.mouse.wheel(0, 600)
        page.wait_for_function("document.querySelector('[data-md-component=header-topic]:last-child')"
                               ".getBoundingClientRect().height > 0", timeout=10_000)
        for selector in ("[data-md-component=header-topic] .md-ellipsis", "article h1", ".md-sidebar--secondary a"):
            for element in page.locator(selector).all()[:3]:
                if element.is_visible():
                    for event in ("mouseenter", "mouseover", "focusin"):
                        element.dispatch_event(event)
                    element.hover(force=True)
        page.wait_for_timeout(300)
        images = page.locator("img").count()
    assert dialogs == [] and images == 0
    assert visit.privacy_failures(base_url) == []


def test_a_case_names_its_organisation_model_in_its_own_labelled_place(project) -> None:
    case_page = pages_by_uri(load_catalogue(project.sources))["eksempler/testby-en-indgang.md"]
    heading = case_page.index("### Organiseringsmodel: Én organisation")
    assert case_page.index("## Organisering og roller") < heading < case_page.index("Én enhed tager imod alle nye")
    assert case_page.count("Én enhed tager imod alle nye") == 1


def test_a_case_says_which_year_its_status_is_told_for(project) -> None:
    pages = pages_by_uri(load_catalogue(project.sources))
    assert "Igangværende ifølge kilderne fra 2018" in pages["eksempler/testby-en-indgang.md"]
    assert "Igangværende (2018)" in pages["eksempler/index.md"]


def test_a_case_titled_like_a_section_leaves_the_section_its_anchor(project, tmp_path: Path) -> None:
    """The comparison, the matrix and the search link to a case's sections by these anchors."""
    project.edit("cases/testby-en-indgang.yml", "title: Én indgang", "title: Resultater")
    site = project.build(tmp_path / "site")
    page = BeautifulSoup((site / "eksempler" / "testby-en-indgang" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for anchor in ("baggrund", "indsatsen", "organisering-og-roller", "roller", "resultater", "udfordringer",
                   "erfaringer", "principper", "forudsaetninger", "emner"):
        assert page.find(id=anchor).name in ("h2", "h3"), anchor
    assert page.find("h1")["id"] != "resultater"


def test_a_pages_list_is_danish_and_escapes_what_is_not_markup() -> None:
    assert render.enumeration(["<b>", Markup("<em>x</em>")]) == "&lt;b&gt; og <em>x</em>"
    assert render.enumeration(["A", "B", "C", "D", "E"], 3) == "A, B, C og 2 andre"
    assert render.enumeration(["A", "B", "C", "D"], 3) == "A, B, C og D"  # one more is named, not counted
