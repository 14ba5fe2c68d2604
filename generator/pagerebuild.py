"""One page built again on its own, with what the last full build knew: `katalog serve` shows an edited
case's page this way within a second or two, and then rebuilds the whole site behind it.

The page goes through the steps MkDocs takes for every page (the plugins' page events, Markdown, the
theme's template) with the last build's files, navigation and theme, so it comes out as the full build
writes it whenever the edit changes nothing on other pages that this page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import Environment
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation


@dataclass(frozen=True)
class LastBuild:
    """What a full build used to build its pages, kept by the plugin for a preview."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment


def rebuilt_page(last: LastBuild, src_uri: str, markdown: str) -> tuple[str, str] | None:
    """The page of `src_uri` built from `markdown` as its source: its path in the site and its HTML, or
    None when the last build had no such page."""
    file = last.files.get_file_from_path(src_uri)
    if file is None or file.page is None:
        return None
    page = file.page
    file.content_string = markdown
    if not any(listed is page for listed in last.nav.pages):
        page.__dict__.pop("title", None)  # pinned by the last build; the new source has its own (the nav's stays)
    _populate_page(page, last.config, last.files)  # mkdocs is pinned below 2, where this step is stable
    page.active = True
    try:
        context = get_context(last.nav, last.files.documentation_pages(), last.config, page)
        template = last.env.get_template(page.meta.get("template", "main.html"))
        context = last.config.plugins.on_page_context(context, page=page, config=last.config, nav=last.nav)
        output = last.config.plugins.on_post_page(template.render(context), page=page, config=last.config)
    finally:
        page.active = False
    return file.dest_uri, output


def rebuilt_pages(last: LastBuild, pages: Iterable[tuple[str, str]]) -> dict[str, str] | None:
    """Each (`src_uri`, `markdown`) page built again, by its path in the site; None when the last build did not
    have one of them."""
    built: dict[str, str] = {}
    for src_uri, markdown in pages:
        if (page := rebuilt_page(last, src_uri, markdown)) is None:
            return None
        built[page[0]] = page[1]
    return built
