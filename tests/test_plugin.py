"""The real catalogue built by MkDocs through the plugin: pages, links, citations, privacy."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urljoin, urlparse, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.bibliography import load_bibliography
from generator.catalogue import load_catalogue
from generator.plugin import ASSETS, SCRIPTS, STYLESHEETS
from generator.problems import CatalogueError
from generator.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue(real_sources):
    """The real catalogue; the tests loop over its records, so an empty one would let them check nothing."""
    loaded = load_catalogue(real_sources)
    assert len(loaded.cases) >= 3 and len(loaded.principles) >= 10, "the real catalogue loaded (almost) empty"
    return loaded


def html_pages(site: Path) -> dict[Path, BeautifulSoup]:
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in site.rglob("*.html")}


def test_every_record_has_its_page(real_site: Path, catalogue) -> None:
    for case in catalogue.cases:
        assert (real_site / "eksempler" / case.id / "index.html").is_file()
    sections = {"principle": "principper", "prerequisite": "forudsaetninger", "model": "organisering"}
    for principle in catalogue.principles:
        assert (real_site / sections[principle.kind.value] / principle.id / "index.html").is_file()
    for page in ("", "eksempler", "principper", "forudsaetninger", "organisering", "kilder", "bidrag", "om"):
        assert (real_site / page / "index.html").is_file()


def test_pages_are_danish(read_page) -> None:
    page = read_page("eksempler")
    assert page.html["lang"] == "da"
    assert page.find("input", attrs={"name": "query"})["placeholder"] == "Søg"


def test_the_contribute_page_has_a_tab_and_the_front_and_about_pages_lead_to_it(read_page) -> None:
    assert "Bidrag til kataloget" in read_page("bidrag").select_one("article h1").get_text()
    home = read_page("")
    tabs = [(link.get_text(strip=True), link["href"]) for link in home.select(".md-tabs a")]
    assert ("Bidrag", "bidrag/") in tabs
    assert [name for name, _ in tabs][-2:] == ["Bidrag", "Om kataloget"]
    card = next(item for item in home.select(".grid.cards li") if "vil bidrage" in item.get_text())
    assert card.select_one('a[href="bidrag/"]') is not None
    assert read_page("om").select_one('article a[href="../bidrag/"]') is not None


def test_case_links_to_principles_and_they_list_the_case_with_how(read_page, catalogue) -> None:
    principles = {principle.id: principle for principle in catalogue.principles}
    sections = {"principle": "principper", "prerequisite": "forudsaetninger", "model": "organisering"}
    for case in catalogue.cases:
        case_page = read_page(f"eksempler/{case.id}")
        links = {a["href"] for a in case_page.select("article a[href]")}
        for shown in [*case.organisation_models, *case.principles, *case.prerequisites]:
            section = sections[principles[shown.id].kind.value]
            assert f"../../{section}/{shown.id}/" in links, (case.id, shown.id)
            target = read_page(f"{section}/{shown.id}")
            back = target.select_one(f'article a[href="../../eksempler/{case.id}/"]')
            assert back is not None, (shown.id, case.id)
            item_text = back.find_parent("li").get_text(" ", strip=True)
            first_words = " ".join(shown.how.split()[:4])
            assert first_words in item_text


def test_every_citation_resolves_to_the_reference_list_of_its_page(real_site: Path) -> None:
    checked = 0
    for path, page in html_pages(real_site).items():
        article = page.select_one("article")
        assert article is not None, f"{path} has no <article>: the theme's markup changed, so nothing was checked"
        cited = {a["href"][1:] for a in article.select('a[href^="#kilde-"]')}
        checked += len(cited)
        listed = {span["id"] for span in article.select('span[id^="kilde-"]')}
        if path.parent.name == "kilder":
            assert cited <= listed
        else:
            assert cited == listed, path
        for code in article.find_all("code"):
            code.decompose()  # the contributor guide shows the syntax on purpose
        assert "[@" not in article.get_text(), f"unrendered citation on {path}"
    assert checked >= 10, f"only {checked} citations found in the whole site: the selector no longer matches"


def test_case_pages_cite_with_author_year(read_page) -> None:
    page = read_page("eksempler/fredericia-din-indgang")
    labels = {a.get_text() for a in page.select('article a[href^="#kilde-"]')}
    assert "Jensen m.fl. 2018" in labels
    references = page.select_one("#kilder-paa-siden").find_next("ol").get_text(" ")
    assert "Jensen, Maya m.fl. (2018)" in references


def test_bibliography_page_lists_every_source_with_links_back(real_site: Path, read_page) -> None:
    bibliography, _ = load_bibliography(ROOT / "bibliography.bib")
    page = read_page("kilder")
    followed = 0
    for key in bibliography.sources:
        item = page.find(id=f"kilde-{key}").find_parent("li")
        for link in item.select("a[href]"):
            href = link["href"]
            if urlparse(href).scheme:
                continue
            target = (real_site / "kilder" / href.split("#")[0] / "index.html").resolve()
            assert target.is_file(), (key, href)
            cited_there = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            assert cited_there.select_one(f'a[href="#kilde-{key}"]') is not None, (key, href)
            followed += 1
    assert followed >= len(bibliography.sources) // 2, f"only {followed} links back from the bibliography followed"
    assert page.find(id="kilde-jensen2018").find_parent("li").select('a[href*="eksempler/fredericia-din-indgang"]')


RESOURCE_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "source": "src", "iframe": "src",
                       "audio": "src", "video": "src", "embed": "src", "object": "data"}


def test_no_resource_is_loaded_from_another_host(real_site: Path) -> None:
    pages = html_pages(real_site)
    resources = [(path, tag, attribute, element) for path, page in pages.items()
                 for tag, attribute in RESOURCE_ATTRIBUTES.items() for element in page.find_all(tag)]
    assert len(pages) >= 20 and len(resources) >= 5 * len(pages), "too few pages or resources found to check"
    for path, tag, attribute, element in resources:
        value = element.get(attribute)
        if value and urlparse(value).netloc and not (tag == "link" and element.get("rel") == ["canonical"]):
            pytest.fail(f"{path}: <{tag} {attribute}={value!r}> loads from another host")
    for stylesheet in real_site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, stylesheet


def test_build_writes_nothing_into_the_source_tree(tmp_path: Path) -> None:
    def snapshot() -> dict[str, str]:
        """Every file under the sources, with its content's hash (no git needed: a tarball has none)."""
        files = [path for name in ("cases", "principles", "generator/assets", "generator/pages", "bibliography.bib")
                 for path in [ROOT / name, *(ROOT / name).rglob("*")] if path.is_file()]
        return {path.relative_to(ROOT).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    before = snapshot()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site")))
    assert snapshot() == before
    assert not list((ROOT / "generator" / "assets").rglob("*.md"))


def linked(site: Path, page: Path, tag: str, attribute: str) -> list[str]:
    """The site paths a page's `tag` elements point at, as the browser resolves them."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    here = "/" + page.relative_to(site).as_posix()
    return [urlsplit(urljoin(here, element[attribute])).path.lstrip("/")
            for element in soup.find_all(tag, attrs={attribute: True})]


def test_plugin_adds_its_stylesheets_and_scripts_to_every_page_once(project, tmp_path: Path) -> None:
    """mkdocs.yml names none of them; one a user lists anyway is not loaded twice, and the user's own
    stylesheet comes after the catalogue's, so it can override them."""
    (project.root / "pages" / "stylesheets").mkdir()
    project.write("pages/stylesheets/kommune.css", "body { color: black; }\n")
    project.edit("mkdocs.yml", "plugins:", "extra_css:\n  - stylesheets/kommune.css\n  - stylesheets/katalog.css\n"
                                           "extra_javascript:\n  - javascripts/katalog.js\nplugins:")
    site = project.build(tmp_path / "site")
    for asset in STYLESHEETS + SCRIPTS:
        assert (site / asset).read_bytes() == (ASSETS / asset).read_bytes(), asset
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 8, "too few pages built to check"
    for page in pages:
        stylesheets = [path for path in linked(site, page, "link", "href") if path.startswith("stylesheets/")]
        scripts = [path for path in linked(site, page, "script", "src") if path.startswith("javascripts/")]
        assert stylesheets == [*STYLESHEETS, "stylesheets/kommune.css"], page
        assert scripts == list(SCRIPTS), page


def test_serve_watches_the_assets_too(project) -> None:
    """A change to a stylesheet, a script or the tag vocabulary rebuilds the preview, though mkdocs.yml
    names none of them."""
    from mkdocs.config import load_config
    config = load_config(str(project.config_file))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["katalog"].on_serve(Server(), config=config, builder=None)
    assert str(ASSETS) in watched
    assert str(VOCABULARY) in watched


def test_reflection_questions_have_stable_anchors(read_page, catalogue) -> None:
    sections = {"principle": "principper", "prerequisite": "forudsaetninger", "model": "organisering"}
    questions = 0
    for principle in catalogue.principles:
        page = read_page(f"{sections[principle.kind.value]}/{principle.id}")
        for question in principle.questions:
            item = page.find("li", id=f"spm-{question.id}")
            assert item is not None and item.get_text(strip=True) == question.text
            assert len(page.find_all(id=f"spm-{question.id}")) == 1
            questions += 1
    assert questions >= len(catalogue.principles), f"only {questions} reflection questions found to check"


def test_the_tags_option_names_a_vocabulary_relative_to_mkdocs_yml(project) -> None:
    """The package's vocabulary by default; `tags:` under the plugin names the project's own, whose
    problems are told with its path like any other file's."""
    assert project.sources.vocabulary == VOCABULARY
    config, plugin = project.plugin_naming("tags", "emner.yml", "rehabilitering:\n  label: Rehabilitering\n")
    assert plugin.sources(config).vocabulary == project.root / "emner.yml"
    with pytest.raises(CatalogueError) as raised:
        plugin.catalogue(config)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (project.root / "emner.yml", 1)
    assert problem.message == "Feltet 'rehabilitering → description' mangler."


def test_a_written_generated_page_lets_go_of_its_text_but_keeps_its_title(project) -> None:
    """Later pages' navigation shows a page's title, which MkDocs works out from its Markdown unless pinned."""
    config = load_config(str(project.config_file))
    plugin = config.plugins["katalog"]
    file = File("eksempler/index.md", None, config.site_dir, config.use_directory_urls)
    file.content_string = "# Eksempler\n\nTekst."
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    plugin._generated = {file.src_uri}
    assert plugin._release_page("<html>", page=page, config=config) == "<html>"
    assert (page.markdown, page.content, file.content_string) == (None, None, "")
    assert page.title == "Eksempler"
