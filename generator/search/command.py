"""`katalog search`: the catalogue's search from the command line, for people and for scripts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..sitebuild import katalog_plugin
from .documents import TYPE_LABELS
from .engine import Hit
from .queries import QueryError, parse_query
from .store import open_searcher

USAGE_ERROR = 2


def search_catalogue(config: MkDocsConfig, raw_query: str, *, limit: int, as_json: bool) -> int:
    """Print the best `limit` results for `raw_query`; exit code 0, 1 for catalogue problems, 2 for a bad query."""
    try:
        asked = parse_query(raw_query)
    except QueryError as error:
        print(f"Søgningen kan ikke køres: {error.message}\n    Gør sådan: {error.hint}", file=sys.stderr)
        return USAGE_ERROR
    plugin = katalog_plugin(config)
    sources = plugin.sources(config)
    searcher = open_searcher(Path(config.config_file_path).parent, sources.fingerprint(),
                             load=lambda: plugin.catalogue(config), on_build=announce_build)
    try:
        total, hits = searcher.search(asked, limit)
    finally:
        searcher.close()
    print(as_json_text(raw_query, total, hits) if as_json else as_text(raw_query, total, hits))
    return 0


def announce_build() -> None:
    print("Søgeindekset bygges, fordi kataloget er ændret (det sker kun første gang efter en ændring) …",
          file=sys.stderr, flush=True)


def as_text(raw_query: str, total: int, hits: list[Hit]) -> str:
    if not hits:
        return (f"Ingen resultater for '{raw_query}'.\n"
                "    Prøv færre ord, et ord i grundform, eller fjern et felt som kommune:.")
    best = "den bedste" if len(hits) == 1 else f"de {len(hits)} bedste"
    shown = f", her er {best}" if total > len(hits) else ""
    lines = [f"{total} {'resultat' if total == 1 else 'resultater'} for '{raw_query}'{shown}:", ""]
    for rank, hit in enumerate(hits, 1):
        lines += [f"{rank}. {hit.title} ({TYPE_LABELS[hit.type]})", f"   {hit.path}", f"   {hit.snippet}", ""]
    return "\n".join(lines).rstrip()


def as_json_text(raw_query: str, total: int, hits: list[Hit]) -> str:
    results = [{"rank": rank, "title": hit.title, "type": hit.type, "type_label": TYPE_LABELS[hit.type],
                "path": hit.path, "snippet": hit.snippet, "score": round(hit.score, 4)}
               for rank, hit in enumerate(hits, 1)]
    return json.dumps({"query": raw_query, "total": total, "results": results}, ensure_ascii=False, indent=2)
