"""Records → Markdown: escaping, cross-links and per-page reference lists."""

from __future__ import annotations

from generator.catalogue import Catalogue, load_catalogue
from generator.render import SiteRenderer, relative


def pages_by_uri(catalogue: Catalogue) -> dict[str, str]:
    return {page.src_uri: page.content for page in SiteRenderer(catalogue).render()}


def test_one_page_per_record_plus_indexes(project) -> None:
    uris = set(pages_by_uri(load_catalogue(project.sources)))
    assert uris == {
        "index.md", "om.md", "kilder.md", "eksempler/index.md", "eksempler/testby-en-indgang.md",
        "principper/index.md", "principper/relation.md", "forudsaetninger/index.md",
        "forudsaetninger/maalgruppe.md", "organisering/index.md", "organisering/ny-enhed.md",
    }


def test_markup_that_slipped_past_validation_is_still_escaped(project) -> None:
    catalogue = load_catalogue(project.sources)
    case = catalogue.cases[0]
    hostile = case.model_copy(update={"title": "<script>alert(1)</script>", "summary": "<img src=x onerror=alert(1)>"})
    pages = pages_by_uri(Catalogue([hostile], catalogue.principles, catalogue.bibliography))
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
    for target in ("eksempler/testby-en-indgang.md", "eksempler/index.md", "principper/relation.md",
                   "forudsaetninger/maalgruppe.md", "organisering/ny-enhed.md"):
        assert f"]({target})" in jensen
    assert "principper/index.md" not in jensen


def test_figures_use_danish_number_format(project) -> None:
    case_page = pages_by_uri(load_catalogue(project.sources))["eksempler/testby-en-indgang.md"]
    assert "| 2.168.000 kr. om året |" in case_page
    assert "ca. 2017–" in case_page


def test_relative_links_between_sections() -> None:
    assert relative("eksempler/a.md", "principper/b.md") == "../principper/b.md"
    assert relative("index.md", "eksempler/index.md") == "eksempler/index.md"
    assert relative("eksempler/index.md", "eksempler/a.md") == "a.md"
