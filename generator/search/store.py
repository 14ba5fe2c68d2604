"""Where `katalog search` keeps its index: a cache folder beside mkdocs.yml, rebuilt only when an input changed.

The folder `.katalog-cache` is marked as a cache with the standard CACHEDIR.TAG file (backup tools
skip it). `katalog` only ever writes in or deletes from a cache folder that carries that mark, so it
never touches a folder of the same name that someone else made.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..catalogue import Catalogue, Fingerprint
from ..problems import CatalogueError, Problem
from . import engine
from .corpus import corpus_of
from .lexicon import Lexicon

CACHE_FOLDER = ".katalog-cache"
CACHE_TAG = "CACHEDIR.TAG"
CACHE_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                  "# Denne mappe er lavet af katalog (Helhedskataloget) og kan slettes; den bygges igen.\n")
SIGNATURE = CACHE_TAG_TEXT.splitlines()[0].encode()
INDEX_FOLDER = "search"
LOCK = "search.lock"
MAX_MANIFEST = 64 * 1024 * 1024
"""The manifest lists the catalogue's words: some MB at thousands of cases, never this many."""
WRITE_HINT = "tjek, at du må skrive i projektets mappe, og at disken ikke er fuld."
MANIFEST = "katalog-search.json"
FORMAT = "helhedskataloget-search"
VERSION = 1
"""Raise when the index's fields or analysis change, so older indexes are rebuilt."""
BUILDING = "search-ny-"


def fingerprint_of(sources: Fingerprint) -> str:
    """One string for the inputs and this version of the analysis."""
    return hashlib.sha256(json.dumps([FORMAT, VERSION, list(sources)]).encode()).hexdigest()


def is_our_tag(tag: Path) -> bool:
    """A regular CACHEDIR.TAG with the standard signature; only its first line is read."""
    if not tag.is_file() or tag.is_symlink():
        return False
    with tag.open("rb") as opened:
        return opened.read(len(SIGNATURE)) == SIGNATURE


def cache_root(project: Path) -> Path:
    """The project's cache folder, made and marked if missing; a problem if a folder of that name is not ours."""
    root = project / CACHE_FOLDER
    try:
        if not root.exists() and not root.is_symlink():
            make_marked(root)
        ours = not root.is_symlink() and is_our_tag(root / CACHE_TAG)
    except OSError as error:
        raise CatalogueError([Problem(root, f"Mappen til søgeindekset kunne ikke laves eller læses: {error.strerror}.",
                                      WRITE_HINT)]) from None
    if not ours:
        raise CatalogueError([Problem(root, "Mappen findes allerede, men er ikke lavet af katalog, så søgeindekset "
                                            "kan ikke gemmes i den.",
                                      "omdøb eller flyt mappen; katalog laver så sin egen.")])
    return root


def make_marked(root: Path) -> None:
    """Make `root` with its tag inside before it takes its name, so that another `katalog` starting at
    the same moment never sees it unmarked (and refuses it as not ours); if one made it first, use theirs.
    Whatever fails, the half-made folder is removed."""
    building = root.with_name(f"{root.name}-ny-{secrets.token_hex(8)}")
    building.mkdir()  # not mkdtemp: the folder gets the usual permissions, as one made by hand would
    try:
        (building / CACHE_TAG).write_text(CACHE_TAG_TEXT, encoding="utf-8")
        building.rename(root)
    except BaseException as error:  # an interrupt too: no half-made folder is left in the project
        (building / CACHE_TAG).unlink(missing_ok=True)
        building.rmdir()
        if not isinstance(error, OSError) or not root.exists():
            raise


def read_manifest(folder: Path) -> dict | None:
    """The index's manifest, or None for anything else (missing, a link, a pipe, too large, damaged)."""
    path = folder / MANIFEST
    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_MANIFEST:
            return None
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if is_manifest(manifest) else None


def is_manifest(manifest: object) -> bool:
    """Our manifest, of this version, with every list of the kind the lexicon takes."""
    if not isinstance(manifest, dict) or (manifest.get("format"), manifest.get("version")) != (FORMAT, VERSION):
        return False
    synonyms = manifest.get("synonyms")
    return (isinstance(manifest.get("fingerprint"), str) and is_words(manifest.get("words"))
            and is_words(manifest.get("stems")) and isinstance(synonyms, list) and all(map(is_words, synonyms)))


def is_words(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(word, str) for word in value)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Held while one `katalog search` checks and builds the index, so two at once never build over each other."""
    try:
        descriptor = os.open(root / LOCK, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise CatalogueError([Problem(root / LOCK, f"Søgeindekset kunne ikke låses: {error.strerror}.",
                                      f"slet {root}; katalog laver den igen.")]) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def lexicon_from(manifest: dict) -> Lexicon:
    return Lexicon(words=frozenset(manifest["words"]), stems=frozenset(manifest["stems"]),
                   synonym_groups=tuple(tuple(group) for group in manifest["synonyms"]), stem=engine.stem,
                   stopwords=engine.STOPWORDS)


def build_index(root: Path, catalogue: Catalogue, fingerprint: str) -> dict:
    """Write a new index beside the old one, then put it in its place; its manifest. Run under the
    build lock, so what a killed run left behind can be removed without touching another's work."""
    for leftover in root.glob(f"{BUILDING}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=BUILDING, dir=root))
    corpus = corpus_of(catalogue)
    lexicon = corpus.lexicon
    engine.write_index(building, corpus.documents, lexicon)
    manifest = {"format": FORMAT, "version": VERSION, "fingerprint": fingerprint, "words": sorted(lexicon.words),
                "stems": sorted(lexicon.stems), "synonyms": [list(group) for group in lexicon.synonym_groups]}
    (building / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    target = root / INDEX_FOLDER
    retired = root / f"{BUILDING}gammel-{os.getpid()}"
    if target.exists():
        target.rename(retired)
    building.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return manifest


def open_searcher(project: Path, sources: Fingerprint, load: Callable[[], Catalogue],
                  on_build: Callable[[], None] = lambda: None) -> engine.Searcher:
    """The project's index, built first when it is missing or older than its inputs.

    `load` gives the checked catalogue and raises CatalogueError with its problems; it is called
    only when the index must be built, and `on_build` is told before that happens.
    """
    root = cache_root(project)
    fingerprint = fingerprint_of(sources)
    if searcher := current_searcher(root, fingerprint):
        return searcher
    with build_lock(root):
        if searcher := current_searcher(root, fingerprint):  # built by another run while this one waited
            return searcher
        on_build()
        try:
            manifest = build_index(root, load(), fingerprint)
        except OSError as error:
            raise CatalogueError([Problem(root, f"Søgeindekset kunne ikke gemmes: {error.strerror} "
                                                f"({error.filename}).", WRITE_HINT)]) from None
        return engine.Searcher(root / INDEX_FOLDER, lexicon_from(manifest))


def current_searcher(root: Path, fingerprint: str) -> engine.Searcher | None:
    """The index in the cache if it is whole and of these inputs; None if it must be built."""
    manifest = read_manifest(root / INDEX_FOLDER)
    if manifest is None or manifest["fingerprint"] != fingerprint:
        return None
    try:
        return engine.Searcher(root / INDEX_FOLDER, lexicon_from(manifest))
    except engine.UnreadableIndex:
        return None
