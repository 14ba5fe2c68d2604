"""The MkDocs plugin: feeds the generated pages to MkDocs without writing them to disk.

It also adds the catalogue's own stylesheets and scripts, as MkDocs' search plugin adds its
own: their folder joins the theme's folders, so MkDocs copies them like the theme's files, and
mkdocs.yml names neither the folder nor the files.

MkDocs keeps a plugin that defines `on_startup` across `mkdocs serve` rebuilds (and across every
load of mkdocs.yml in one process), so the catalogue is loaded again only when one of its input
files changed, and for a preview (`keep_records`) only the changed files are read again.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Collection, Iterable, Iterator
from typing import Literal, TypeVar

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from material.plugins.offline.plugin import OfflinePlugin

from .caselinks import resolve_case_links
from .catalogue import Catalogue, Fingerprint, Sources, load_catalogue
from .citing import Citing
from .export import OPEN_DATA, Links, data_files
from .facets import FACETS_URI, facet_script
from .markup import sanitize_page
from .offline import offline_files, offline_polyfills, without_vendored, write_index_script
from .problems import CatalogueError
from .pagerebuild import LastBuild, rebuilt_pages
from .records import RecordCache
from .render import SiteRenderer, render_site, template_prose
from .search.client import tune_site_index, use_catalogue_worker
from .search.corpus import Corpus, corpus_of
from .search.related import Related, carried_over, related_cases
from .synonyms import SYNONYMS
from .vocabulary import VOCABULARY


class KatalogConfig(base.Config):
    cases = options.Type(str, default="cases")
    principles = options.Type(str, default="principles")
    bibliography = options.Type(str, default="bibliography.bib")
    tags = options.Type(str, default=str(VOCABULARY))
    """The tag vocabulary: the package's own unless mkdocs.yml names another (relative to its folder)."""
    synonyms = options.Type(str, default=str(SYNONYMS))
    """The search's synonym list: the package's own unless mkdocs.yml names another (relative to its folder)."""
    offline = options.Type(bool, default=False)
    """Build the copy that works opened from the disk (generator/offline.py); `katalog build --offline` sets it."""


Entry = TypeVar("Entry")
"""An entry of extra_css or extra_javascript: a path, or MkDocs' object for a script with attributes."""

ASSETS = Path(__file__).resolve().parent / "assets"
# The catalogue's stylesheets and scripts, relative to ASSETS, in the order every page loads them.
# They come before any a user lists in mkdocs.yml, so a municipality's own stylesheet can override
# them; one the user lists too is loaded once, at its place here.
STYLESHEETS = ("stylesheets/katalog.css", "stylesheets/checklist.css", "stylesheets/compare.css")
# dom.js holds the helpers the scripts after it share; each checklist script uses the ones before it,
# and checklist.js, which starts the page, comes last.
SCRIPTS = ("javascripts/katalog.js", "javascripts/copy.js", "javascripts/dom.js", "javascripts/filter.js",
           "javascripts/compare.js", "javascripts/checklist-store.js", "javascripts/checklist-results.js",
           "javascripts/checklist-report.js", "javascripts/checklist-team.js", "javascripts/checklist.js")


def assets_first(listed: list[Entry], assets: tuple[str, ...]) -> list[Entry | str]:
    """`assets` in their order, then the rest of `listed`; a listed asset keeps its entry (a script's
    `defer`, say) but is not repeated."""
    by_path = {str(entry): entry for entry in listed}
    return [by_path.get(asset, asset) for asset in assets] + [entry for entry in listed if str(entry) not in assets]


def url_of(src_uri: str, config: MkDocsConfig) -> str:
    """A page's address below the site's root, as MkDocs makes it from its source path."""
    return File(src_uri, None, config.site_dir, config.use_directory_urls).url


def site_links(config: MkDocsConfig) -> Links:
    """How pages and data files name a page of the site: by its address below site_url."""
    return Links(config.site_url or "", lambda src_uri: url_of(src_uri, config))


def subsection_anchors(toc: Iterable[AnchorLink]) -> set[str]:
    """The anchors of the headings below the second level in a page's table of contents."""
    anchors: set[str] = set()
    for link in toc:
        if link.level >= 3:
            anchors.add(link.id)
        anchors |= subsection_anchors(link.children)
    return anchors


class KatalogPlugin(BasePlugin[KatalogConfig]):
    def __init__(self) -> None:
        self._cached: tuple[Fingerprint, Catalogue] | None = None
        self._records: RecordCache | None = None
        """Each record file as last read and checked, for a preview only (`keep_records`)."""
        self._corpus: tuple[Catalogue, Corpus] | None = None
        self._subsections: dict[str, set[str]] = {}
        """The anchors of each built page's subsections (h3 and below), by page URL, for the search index."""
        self._generated: set[str] = set()
        """The source paths of the files this build generated, whose pages `_release_page` lets go of."""
        self._related: dict[str, list[Related]] = {}
        """For a preview only: each case's related cases in the last build."""
        self._nav: Navigation | None = None
        """This build's navigation, from `on_nav` until `on_env` keeps it."""
        self._last_build: LastBuild | None = None
        """For a preview only: what the last build built its pages with (`pages_shown_first`)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so MkDocs keeps this instance, and its cache, across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the catalogue's stylesheets and scripts; safe to run twice on the same config.

        Appended last, the folder cannot shadow a file of the theme or of a custom_dir, and the
        files in it are copied only where docs_dir has no file of the same path.
        """
        if str(ASSETS) not in config.theme.dirs:
            config.theme.dirs.append(str(ASSETS))
        config.extra_css[:] = assets_first(config.extra_css, STYLESHEETS)
        config.extra_javascript[:] = assets_first(config.extra_javascript, SCRIPTS)
        if self.offline(config):
            config.use_directory_urls = False
            config.extra["polyfills"] = offline_polyfills(config.extra.get("polyfills", []))
        return config

    def offline(self, config: MkDocsConfig) -> bool:
        """Whether this build is the offline copy: by this plugin's option, or by Material's offline
        plugin in mkdocs.yml, whose CDN shim this plugin then replaces by the vendored one."""
        return self.config.offline or any(isinstance(plugin, OfflinePlugin) and plugin.config.enabled
                                          for plugin in config.plugins.values())

    def sources(self, config: MkDocsConfig) -> Sources:
        root = Path(config.config_file_path).parent
        return Sources(root / self.config.cases, root / self.config.principles, root / self.config.bibliography,
                       root / self.config.tags, root / self.config.synonyms)

    def catalogue(self, config: MkDocsConfig) -> Catalogue:
        sources = self.sources(config)
        fingerprint = sources.fingerprint()
        if self._cached is None or self._cached[0] != fingerprint:
            self._cached = (fingerprint, load_catalogue(sources, prose=template_prose(), records=self._records))
        return self._cached[1]

    def keep_records(self) -> None:
        """Keep each record file as read and checked from one load to the next, so that a preview's rebuild
        re-reads only what changed. Only a preview asks: the kept files take three times the catalogue's memory."""
        if self._records is None:
            self._records = RecordCache()

    def corpus(self, catalogue: Catalogue) -> Corpus:
        """The search's view of this catalogue, made once for it: related cases and the site search share it."""
        if self._corpus is None or self._corpus[0] is not catalogue:
            self._corpus = (catalogue, corpus_of(catalogue))
        return self._corpus[1]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            catalogue = self.catalogue(config)
        except CatalogueError as error:
            raise PluginError(error.report()) from None
        links = site_links(config)
        related = related_cases(catalogue, self.corpus(catalogue))
        if self._records is not None:
            self._related = related
        pages = render_site(catalogue, related, OPEN_DATA, Citing(config.site_name, links))
        generated: dict[str, str | bytes] = {page.src_uri: page.content for page in pages}
        generated |= data_files(catalogue, links)
        generated[FACETS_URI] = facet_script(catalogue)
        self._generated = set(generated)
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        if self.offline(config):
            offline_files(files, config)
        else:
            without_vendored(files, ASSETS)
        return files

    @event_priority(-100)  # last: the navigation as every other plugin left it
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    @event_priority(-100)  # last, likewise
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep, for a preview, what this build builds its pages with: every page is read by now."""
        if self._records is not None and self._nav is not None:
            self._last_build = LastBuild(config, files, self._nav, env)
        self._nav = None
        return env

    def pages_shown_first(self, changed: Collection[Path], site_dir: Path) -> Iterator[dict[str, str]]:
        """What an edit of case files changes, built again page by page from the catalogue as it is now
        (pagerebuild.py), by path in the site (`site_dir`, the site the last build made): first the edited
        cases' own pages, then the pages that list them (render `listing_pages`, among them the pages of the
        cases that name them as related). A preview shows each batch before the whole site is rebuilt. Related
        cases are the last build's (search/related.py `carried_over`): they are worked out from every case.

        Nothing where that cannot show the edit: no build before, a changed file that is not a case known to
        that build, an edit of what cases share, or a problem in the catalogue (which the full build tells).
        """
        last, before = self._last_build, self._cached
        edited = [path for path in changed if not path.name.startswith(".")]  # an editor's swap file, say
        if last is None or before is None or not edited:
            return
        cases_folder = self.sources(last.config).cases
        if any(path.parent != cases_folder for path in edited):
            return
        try:
            catalogue = self.catalogue(last.config)
        except CatalogueError:
            return
        now = {case.id: case for case in catalogue.cases}
        edited_ids = [path.stem for path in edited]
        related = carried_over(self._related, {case.id: case for case in before[1].cases}, now,
                               [*edited_ids, *self._related])  # every case: a listing page names the edited ones
        if related is None:
            return
        last.config.site_dir = str(site_dir)
        renderer = SiteRenderer(catalogue, related=related, open_data=OPEN_DATA,
                                citing=Citing(last.config.site_name, site_links(last.config)))
        cases = [now[case_id] for case_id in edited_ids]
        own = rebuilt_pages(last, [(page.src_uri, page.content) for page in map(renderer.case_page, cases)])
        if own is None:
            return
        yield own
        listing = rebuilt_pages(last, [(page.src_uri, page.content) for page in renderer.listing_pages(cases)])
        if listing is not None:
            yield listing

    @event_priority(-100)  # last, so that nothing another plugin adds to a page escapes the allowlist
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Every page body, generated or not, is held to the allowlist before the theme gets it, its links
        to other cases first given their addresses."""
        return sanitize_page(resolve_case_links(html, page.file, files))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """A new build: what the last one kept for a preview is used by now, and let go so the two are
        never held at once."""
        self._subsections = {}
        self._last_build = None

    def _use_catalogue_search(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Point the page's search box at the catalogue's worker, whatever template wrote the page, and
        note its subsections, which the search index merges into their sections."""
        self._subsections[page.url] = subsection_anchors(page.toc)
        return use_catalogue_worker(output)

    @event_priority(-100)  # last: no other plugin's on_post_page may read the page's text after this
    def _release_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of a generated page's Markdown and HTML once its output is made. MkDocs renders every
        page before it writes any and keeps each page's text to the end of the build: with thousands of
        cases that, not the catalogue, is most of a build's memory. What it still needs is kept: the table of
        contents, the anchors other pages link to, and the title, which later pages' navigation shows and
        MkDocs would otherwise work out again from the Markdown (a weak property: assigning it pins it)."""
        if page.file.src_uri in self._generated:
            page.title = page.title
            page.markdown = page.content = None
            page.file.content_string = ""
        return output

    on_post_page = CombinedEvent(_use_catalogue_search, _release_page)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for the pages MkDocs writes from a template alone, as 404.html."""
        return use_catalogue_worker(output_content)

    # After Material's search plugin (priority 0) has written search/search_index.json, which this rewrites.
    @event_priority(-50)
    def _tune_search_index(self, *, config: MkDocsConfig) -> None:
        """Tune the site search's index (generator/search/client.py); nothing to do when search is off."""
        catalogue = self.catalogue(config)
        tune_site_index(Path(config.site_dir), catalogue, self.corpus(catalogue), lambda src_uri: url_of(src_uri, config),
                        self._subsections)

    # Last, as Material's offline plugin, so the script holds the tuned index.
    @event_priority(-100)
    def _write_offline_index(self, *, config: MkDocsConfig) -> None:
        """The offline copy's search index as a script, which a page opened from the disk can load."""
        if self.offline(config):
            write_index_script(Path(config.site_dir))

    on_post_build = CombinedEvent(_tune_search_index, _write_offline_index)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        sources = self.sources(config)
        for path in (sources.cases, sources.principles, sources.bibliography, sources.vocabulary, sources.synonyms,
                     ASSETS):
            server.watch(str(path))
        return server
