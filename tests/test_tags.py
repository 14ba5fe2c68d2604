"""Tag pages: every tag of the vocabulary has a page listing its cases, and the tags' index lists them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.catalogue import Catalogue, load_catalogue
from generator.render import TAGS_INDEX, case_uri, tag_uri, template_prose
from generator.search.client import INDEX_PATH, read_client_index
from generator.search.documents import page_path


@pytest.fixture(scope="module")
def catalogue(real_sources) -> Catalogue:
    return load_catalogue(real_sources, prose=template_prose())


def linked_cases(page: BeautifulSoup) -> list[str]:
    """The case pages a tag page lists, as page paths."""
    return [link["href"].removeprefix("../../") for link in page.select(".katalog-case-entries a[href]")]


def test_every_tag_has_a_page_listing_exactly_its_cases(read_page, catalogue: Catalogue) -> None:
    used = 0
    for slug, tag in catalogue.vocabulary.items():
        page = read_page(page_path(tag_uri(slug)))
        assert page.find("h1").find(string=True, recursive=False).strip() == tag.label
        expected = [page_path(case_uri(case)) for case in catalogue.cases if slug in case.tags]
        assert linked_cases(page) == expected, slug
        if expected:
            used += 1
        else:
            assert "Ingen eksempler" in page.get_text()
    assert used >= 10


def test_a_case_page_links_each_of_its_tags(read_page, catalogue: Catalogue) -> None:
    case = next(case for case in catalogue.cases if len(case.tags) > 2)
    page = read_page(page_path(case_uri(case)))
    section = page.find(id="emner").find_next("p")
    assert [link["href"] for link in section.select("a")] == [f"../../{page_path(tag_uri(slug))}" for slug in case.tags]
    assert [link.get_text() for link in section.select("a")] == [catalogue.vocabulary[slug].label for slug in case.tags]


def test_the_tags_index_lists_every_tag_with_its_count_and_the_overview_links_to_it(read_page, catalogue) -> None:
    index = read_page(page_path(TAGS_INDEX))
    rows = {row.select_one("a").get_text(): row.select("td")[-1].get_text() for row in index.select("tbody tr")}
    assert rows == {tag.label: str(len(catalogue.tagged[slug])) for slug, tag in catalogue.vocabulary.items()}
    assert read_page("eksempler/").select_one(f'a[href="../{page_path(TAGS_INDEX)}"]') is not None


def test_a_tag_given_to_a_case_puts_it_on_the_tags_page(project, tmp_path: Path) -> None:
    before = project.build(tmp_path / "before")
    assert "Ingen eksempler" in (before / "emner" / "satspulje" / "index.html").read_text(encoding="utf-8")
    case = project.root / "cases" / "testby-en-indgang.yml"
    text = case.read_text(encoding="utf-8")
    assert "\ntags: [rehabilitering]\n" in text
    case.write_text(text.replace("\ntags: [rehabilitering]\n", "\ntags: [rehabilitering, satspulje]\n", 1), encoding="utf-8")
    after = project.build(tmp_path / "after")
    page = BeautifulSoup((after / "emner" / "satspulje" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert linked_cases(page) == ["eksempler/testby-en-indgang/"]


def test_tag_pages_stay_out_of_the_search_index(real_site: Path, catalogue: Catalogue) -> None:
    """A tag's name is a fact of each of its cases; a page titled with that one word would outrank them."""
    docs = read_client_index(real_site / INDEX_PATH)["docs"]
    assert not [entry["location"] for entry in docs if entry["location"].startswith("emner/") and entry["location"] != "emner/"]
    assert {page_path(tag_uri(slug)) for slug in catalogue.vocabulary} <= {
        path.parent.relative_to(real_site).as_posix() + "/" for path in (real_site / "emner").glob("*/index.html")}
