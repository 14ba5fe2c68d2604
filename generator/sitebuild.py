"""One strict build of the site into a folder: what `katalog build` and `katalog serve` share.

Both build the same way (strict, catalogue checked first), so the preview shows what the
published site will be, and both report every problem instead of raising.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .archive import discard, pack, put_in_place
from .buildlog import STRICT_HINT, kept_warnings
from .foreign import foreign_loads
from .plugin import ASSETS, KatalogPlugin
from .problems import CatalogueError, Problem
from .vocabulary import VOCABULARY
from .publish import Guarded, new_staging, remove_leftovers, remove_site, swap_into_place

PLUGIN_NAME = "katalog"
PACKAGE_DATA = VOCABULARY.parent
"""The package's data folder (its tag vocabulary and synonym list): an input like its assets."""
BUG_HINT = ("det er en fejl i katalog, ikke i dine filer: send denne besked til dem, der vedligeholder "
            "kataloget.")


def load_mkdocs_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    """Load mkdocs.yml, turning MkDocs' own complaints about it into problems."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = {key: value for key, value in overrides.items() if value is not None}
    with kept_warnings(config_file) as warnings:
        try:
            return load_config(str(config_file), **settings)
        except (MkDocsException, SystemExit) as error:
            problems = warnings.problems() or [
                Problem(config_file, f"Filen kunne ikke læses: {error}", "ret linjen, fejlen nævner.")]
            raise CatalogueError(problems) from None


def katalog_plugin(config: MkDocsConfig) -> KatalogPlugin:
    """The catalogue's plugin in this configuration; a problem if mkdocs.yml leaves it out."""
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, KatalogPlugin):
        raise CatalogueError([Problem(Path(config.config_file_path), f"Pluginen '{PLUGIN_NAME}' er ikke slået til.",
                                      f"tilføj '- {PLUGIN_NAME}' under 'plugins' i mkdocs.yml.")])
    return plugin


def guarded_folders(config: MkDocsConfig) -> Guarded:
    """The project's folders and inputs, which no site folder may replace.

    docs_dir is an input even though the catalogue's pages are generated, and so are the folders the
    plugin copies its stylesheets and scripts and takes its own tag vocabulary and synonym list from.
    A project's own bibliography, vocabulary or synonym list may sit beside mkdocs.yml, so their
    folders only enclose.
    """
    sources = katalog_plugin(config).sources(config)
    return Guarded.around(Path(config.config_file_path).parent,
                          [sources.cases, sources.principles, Path(config.docs_dir), ASSETS, PACKAGE_DATA],
                          [("kildelistens mappe", sources.bibliography), ("emnelistens mappe", sources.vocabulary),
                           ("synonymlistens mappe", sources.synonyms)])


@dataclass(frozen=True)
class Built:
    """What one build found: problems, which stopped it, and the catalogue's warnings, which never do."""

    problems: list[Problem]
    warnings: list[Problem]


def build_site(config: MkDocsConfig, target: Path, offline_archive: Path | None = None) -> Built:
    """Build strictly beside `target` and swap the result in; on any problem leave `target` as it was.

    With `offline_archive` the site is the offline copy: it must load nothing from another host, and
    it is packed into that zip, which is put in place right after the site (generator/archive.py).
    """
    try:
        catalogue = katalog_plugin(config).catalogue(config)
    except CatalogueError as error:
        return Built(error.problems, error.warnings)
    target = Path(os.path.abspath(target))
    try:
        return Built(_build_and_swap(config, target, offline_archive), catalogue.warnings)
    except OSError as error:
        return Built([Problem(target, f"Mappen kunne ikke skrives: {error.strerror} ({error.filename}).",
                              "tjek, at mappen findes, at du må skrive i den, og at disken ikke er fuld.")],
                     catalogue.warnings)


def _build_and_swap(config: MkDocsConfig, target: Path, offline_archive: Path | None) -> list[Problem]:
    """The build itself: a staging folder is removed again on every way out but success."""
    config_file = Path(config.config_file_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = new_staging(target)
    try:
        with kept_warnings(config_file) as warnings:
            config.site_dir = str(staging)
            build(config)
    except (MkDocsException, SystemExit) as error:
        remove_site(staging)
        return warnings.problems() or [Problem(config_file, f"Bygningen stoppede: {error}", STRICT_HINT)]
    except Exception as error:
        remove_site(staging)
        return [Problem(config_file, f"Uventet fejl under bygningen: {type(error).__name__}: {error}", BUG_HINT)]
    except BaseException:
        remove_site(staging)
        raise
    packed = None
    try:
        if offline_archive is not None:
            if problems := foreign_loads(staging, target):
                remove_site(staging)
                return problems
            packed = pack(staging, offline_archive)
        swap_into_place(staging, target)
    except BaseException:
        if packed is not None:
            discard(packed)
        if staging.is_dir():
            remove_site(staging)
        raise
    if packed is not None:
        put_in_place(packed, offline_archive)
    return []
