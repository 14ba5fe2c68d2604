"""The site's search box: Material's client search (lunr in a web worker), fed a tuned index.

Material's search plugin writes `search/search_index.json` with one entry per page section. This
module rewrites that file after the build:

- the separator, which the worker splits both the indexed text and the query with, also cuts
  Danish inflection endings off a word, drops stop words and splits compounds after the catalogue's
  own first parts, so "tovholderen" finds "tovholder" and "familiesagerne" finds "familien … sager";
- the configuration carries the synonym groups as the worker's tokens: the catalogue's worker
  (assets/javascripts/katalog-search-worker.js) widens a query with them, so no page repeats them;
- each page's article entry gets one tag naming its type ("Eksempel"), which Material shows as a
  chip under the result's title; a case's article gets its municipality and facts in boosted fields;
- every source gets an entry of its own at its place on the bibliography page;
- every page names the catalogue's worker (assets/javascripts/katalog-search-worker.js) instead of
  Material's in its configuration; ours loads Material's and analyses the query first;
- the text keeps no markup and no author–year citations (the sources are found on their own page),
  and the file is written as UTF-8, not as \\u escapes;
- it is kept small, because every visitor's browser loads it: a subsection (h3 and below) is part of
  its section's entry; an entry's text drops Material's `<p>` wrapper, and a section's location is
  only its anchor ("#roller") when its page's entry comes just before it. The worker restores both
  before Material reads the index (`read_client_index` does the same in Python).

Pure functions: no MkDocs, no whoosh (the stop words come from `engine`).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

from .. import labels
from ..catalogue import Catalogue
from ..checklist import CHECKLIST_URI
from ..export import DATA_PAGE
from ..render import ABOUT, BIBLIOGRAPHY, CASES_DIR, CONTRIBUTE, HOME, TAGS_INDEX, case_uri, kind_index_uri, principle_uri
from ..schema import Kind
from . import engine
from .corpus import Corpus
from . import documents
from .lexicon import Lexicon

INDEX_PATH = Path("search") / "search_index.json"
MATERIAL_WORKER = re.compile(r'(<script id="__config" type="application/json">[^<]*?"search": ?"[^"<>]*?)'
                             r'assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js")')
"""Where the page's configuration (Material's `__config` script, which holds no `<`) names Material's
search worker; the same words in a page's text are left alone."""
CATALOGUE_WORKER = r"\1javascripts/katalog-search-worker.js#\2"
"""Ours, beside the catalogue's other scripts, with Material's file name after the "#"."""

LETTER = "[A-Za-zÀ-ÖØ-öø-ÿ]"
"""A letter, as the worker's regular expression (no flags) and Python's `re` both read it."""
WORD_CHARACTER = "[A-Za-zÀ-ÖØ-öø-ÿ0-9]"
SUFFIXES = ("hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer heds es endes erendes "
            "enes ernes eres ens hedens erens ers ets erets et eret s").split()
"""The inflection endings of the Danish Snowball stemmer's first step. Written in lower case only: a
word in capitals is a name or an abbreviation, which Danish does not inflect."""
SUFFIX = "(?:" + "|".join(sorted(SUFFIXES, key=lambda suffix: (-len(suffix), suffix))) + ")"
"""Longest first, so that at any one place the longest ending is cut."""
MIN_STEM = 3
"""Letters an ending needs before it: "sager" → "sag", but "ene" stays "ene"."""
MIN_TAIL = 3
"""Letters a compound's second part needs: "familieråd" splits, "familien" does not."""
MOST_HEADS = 150
"""At most this many compound heads go into the separator: it runs over every word, in the browser."""
MAX_HEAD = 20
"""Longest head that goes into the separator, in letters: real first parts are shorter, and long ones
would make the separator slow on every word of every page."""

WHITESPACE_AND_PUNCTUATION = "[^A-Za-zÀ-ÖØ-öø-ÿ0-9]+"
"""Everything between words: spaces, newlines, hyphens, punctuation."""
ENDING = f"(?<={LETTER}{{{MIN_STEM}}}){SUFFIX}(?!{WORD_CHARACTER})"
ENDINGS_ONLY = re.compile(f"{WHITESPACE_AND_PUNCTUATION}|{ENDING}")

FIELDS = {"title": 10, "municipality": 10, "text": 1, "facts": 3, "tags": 1}
"""The fields the worker indexes, with their boosts. Material's own are title 1000, text 1 and tags
1 000 000, so that a word in a title outranks any amount of text: every question holding a word of a
case's title ("job") then put that case first. Ten is close to the command line's weights (title 4
against body 1 in BM25F, where a long body counts for less); a case's municipality names it as its
title does, its facts (target groups, model, topics) count three times the text, and tags, which hold
only the page type here, count as text: a type must not outweigh what a page says."""

CASE_TYPE = "Eksempel"
OVERVIEW_TYPE = "Oversigt"
BIBLIOGRAPHY_TYPE = "Kilder"
FIXED_TYPES = {HOME: "Forside", f"{CASES_DIR}/index.md": OVERVIEW_TYPE, CHECKLIST_URI: "Selvevaluering",
               BIBLIOGRAPHY: BIBLIOGRAPHY_TYPE, ABOUT: "Om kataloget", CONTRIBUTE: "Bidrag", DATA_PAGE: "Data", TAGS_INDEX: OVERVIEW_TYPE,
               **{kind_index_uri(kind): OVERVIEW_TYPE for kind in Kind}}
TYPE_NAMES = frozenset({CASE_TYPE, *FIXED_TYPES.values(), *labels.KIND_SINGULAR.values()})
"""Every tag this module puts into the index: Material inserts a tag into the page as HTML, so a tag
is one of these fixed strings, never record text."""

MARKUP = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)>")
"""The tags Material keeps in an entry's text; its text is HTML-escaped, so no other `<` is left."""


def split(text: str, separator: re.Pattern[str]) -> list[str]:
    """The tokens the worker makes of `text`: split as Material's `split` does, then lower-cased."""
    tokens, start = [], 0
    for match in separator.finditer(text):
        if start < match.start():
            tokens.append(text[start:match.start()].lower())
        start = max(start, match.end())
    if start < len(text):
        tokens.append(text[start:].lower())
    return tokens


def client_stem(word: str) -> str:
    """`word` with its inflection ending cut off, as the separator cuts it: "familierne" → "famili"."""
    tokens = split(word, ENDINGS_ONLY)
    return tokens[0] if len(tokens) == 1 else word.lower()


def compound_heads(lexicon: Lexicon, most: int = MOST_HEADS) -> list[tuple[str, str]]:
    """The first parts of the catalogue's compounds, each as (stem, rest): the separator splits a word
    after the stem and drops the rest of the part and the linking letter ("familie|sagerne" →
    stem "famili", rest "e"; "sag|s|behandling" → "sag", "s"), so the part yields the same token
    as the word on its own ("familien" → "famili")."""
    links: dict[str, Counter[str]] = defaultdict(Counter)
    for word in lexicon.words:
        parts = lexicon.parts(word)
        if parts:
            head = parts[0]
            links[head][word[len(head):word.index(parts[1], len(head))]] += 1
    heads = []
    for head in lexicon.heads(most, least_uses=1):
        stem = client_stem(head)
        if len(stem) < MIN_STEM or len(head) > MAX_HEAD or not head.startswith(stem):
            continue
        link = links[head].most_common(1)[0][0] if links[head] else ""
        heads.append((stem, head[len(stem):] + link))
    return heads


def either_case(word: str) -> str:
    """A word's first letter in either case: "Familieteamet" starts a sentence."""
    first = word[0]
    return f"[{first}{first.upper()}]{re.escape(word[1:])}" if first.upper() != first else re.escape(word)


MIN_FREE_HEAD = 5
"""A shorter head splits only at the start of a word: "del" in "del|mål", never in "videndel|ing"."""


def word_start(length: int) -> str:
    """What a head of `length` letters must follow: anything for a long head, which may split a longer
    compound again ("job|center|medarbejder"), a non-letter for a short one."""
    return "" if length >= MIN_FREE_HEAD else f"(?<!{LETTER})"


def compound_split(heads: Iterable[tuple[str, str]]) -> str:
    """A split after any of the heads, unless only an inflection ending follows ("familierne").

    Lookbehinds are grouped by length, so each is of fixed width and Python's `re` reads the same
    pattern as the browser (tests check the splits with it)."""
    by_rest: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for stem, rest in heads:
        by_rest[rest][len(stem)].add(stem)
    if not by_rest:
        return ""
    branches = []
    for rest in sorted(by_rest, key=lambda rest: (-len(rest), rest)):  # consuming the most wins at a place
        behind = "|".join(f"(?<={word_start(length)}(?:{'|'.join(map(either_case, sorted(stems)))}))"
                          for length, stems in sorted(by_rest[rest].items()))
        branches.append(f"(?:{behind}){re.escape(rest)}")
    return f"(?!{SUFFIX}(?!{WORD_CHARACTER}))(?:{'|'.join(branches)})(?={LETTER}{{{MIN_TAIL}}})"


def stop_words() -> str:
    """A whole stop word, cut out like a space: the worker leaves a query's words unfiltered (it
    matches each as a prefix), so "de" in a question would otherwise find every "deltager" and "det"."""
    words = sorted(engine.STOPWORDS, key=lambda word: (-len(word), word))
    return f"(?<!{LETTER})(?:{'|'.join(either_case(word) for word in words)})(?!{WORD_CHARACTER})"


def separator(lexicon: Lexicon, most: int = MOST_HEADS) -> str:
    """The worker's separator: spaces and punctuation, stop words, inflection endings, and splits in compounds."""
    branches = [WHITESPACE_AND_PUNCTUATION, stop_words(), ENDING]
    if compounds := compound_split(compound_heads(lexicon, most)):
        branches.append(compounds)
    return "|".join(branches)


def page_types(catalogue: Catalogue) -> dict[str, str]:
    """The type of each generated page, by its source path (as render.py names it): "Eksempel" …"""
    types = dict(FIXED_TYPES)
    types.update({case_uri(case): CASE_TYPE for case in catalogue.cases})
    types.update({principle_uri(principle): labels.KIND_SINGULAR[principle.kind] for principle in catalogue.principles})
    return types


def case_facts(corpus: Corpus, location: Callable[[str], str]) -> dict[str, dict[str, str]]:
    """What a case is filed under, by its page's location (`location` makes it of a source path): its
    municipality, and its target groups,
    organisation model and topics, each field as HTML-escaped text (the worker shows no field but
    title, text and tags, but it highlights every field as HTML)."""
    def escaped(*texts: str) -> str:
        return html.escape(" ".join(" ".join(texts).split()), quote=False)

    return {location(document.src_uri): {"municipality": escaped(document.municipality),
                            "facts": escaped(document.target_groups, document.model_title, document.tag_labels)}
            for document in corpus.documents if document.type == documents.CASE_TYPE}


def citation_pattern(catalogue: Catalogue) -> re.Pattern[str] | None:
    """An author–year citation as it stands in an entry's text: "(Assens Kommune u.å.a, u.å.b, 2017;
    Reiermann u.å., s. 3)". Only the labels of the catalogue's sources are matched, so a year in
    brackets in running text stays."""
    sources = catalogue.bibliography.sources.values()
    names = {html.escape(text, quote=False) for source in sources for text in (source.label, source.year_label)}
    if not names:
        return None
    link = "(?:" + "|".join(re.escape(name) for name in sorted(names, key=lambda name: (-len(name), name))) + ")"
    item = rf"{link}(?:, [^;()]*?)?"
    return re.compile(rf" ?\({item}(?:(?:, |; ){item})*\)")


def plain_entry_text(text: str, citations: re.Pattern[str] | None) -> str:
    """An entry's text as one paragraph, without markup: the lists and paragraphs inside it would only
    cost bytes (the worker wraps it in the `p` Material styles a result's text by)."""
    text = MARKUP.sub(" ", text)
    if citations is not None:
        text = citations.sub("", text)
    return " ".join(text.split()).replace(" .", ".").replace(" ,", ",")


def synonym_groups(lexicon: Lexicon, separator: re.Pattern[str]) -> list[list[str]]:
    """The synonym groups as the worker reads its tokens: each word as its tokens, space-separated
    ("forløbskoordinator" → "forløb koordinator"); a word the separator drops entirely is left out."""
    groups = [list(dict.fromkeys(tokens for word in group if (tokens := " ".join(split(word, separator)))))
              for group in lexicon.synonym_groups]
    return [group for group in groups if len(group) > 1]


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def anchor_of(location: str) -> str:
    return location.partition("#")[2]


def merge_subsections(docs: list[dict], subsections: Mapping[str, Collection[str]]) -> list[dict]:
    """Each subsection's entry (its anchor in `subsections`, by page) added to the entry before it, as
    its title and text: a result then leads to the section ("Organisering og roller") rather than to
    its parts ("Roller"), and the index spends no location, title and keys on them."""
    merged: list[dict] = []
    for entry in docs:
        location = entry["location"]
        if merged and anchor_of(location) in subsections.get(page_of(location), ()) \
                and page_of(merged[-1]["location"]) == page_of(location):
            title = entry.get("title", "")
            heading = title if not title or title[-1] in ".:?!" else f"{title}."
            merged[-1]["text"] = " ".join(part for part in (merged[-1].get("text", ""), heading, entry.get("text", ""))
                                          if part)
        else:
            merged.append(entry)
    return merged


def relative_locations(docs: list[dict]) -> list[dict]:
    """Each section's location as its anchor alone ("#roller") when the entry before it is on the same
    page: the page's path is the longest part of a section's entry after its text."""
    compact, previous_page = [], None
    for entry in docs:
        page = page_of(entry["location"])
        if page == previous_page and "#" in entry["location"]:
            entry = {**entry, "location": "#" + anchor_of(entry["location"])}
        compact.append(entry)
        previous_page = page
    return compact


def expanded(data: dict) -> dict:
    """The index as Material reads it: what the catalogue's worker does on loading it, in Python."""
    docs, page = [], ""
    for entry in data["docs"]:
        location = entry["location"]
        if location.startswith("#"):
            location = page + location
        page = page_of(location)
        docs.append({**entry, "location": location, "text": f"<p>{entry['text']}</p>" if entry.get("text") else ""})
    return {**data, "docs": docs}


def read_client_index(path: Path) -> dict:
    """A built site's index file, as the worker gives it to Material."""
    return expanded(json.loads(path.read_text(encoding="utf-8")))


def source_entries(corpus: Corpus, location: Callable[[str], str]) -> list[dict]:
    """One entry per source, at its place on the bibliography page ("kilder/#kilde-x", or
    "kilder.html#kilde-x" without directory URLs), titled by its author–year label: Material's parser
    sees the whole list as one section, so a search for an author could only ever lead to the top of
    the page."""
    return [{"location": f"{location(document.src_uri)}#{document.anchor}", "title": html.escape(document.authors, quote=False),
             "text": html.escape(document.body, quote=False)}
            for document in corpus.documents if document.type == documents.SOURCE_TYPE]


def tune_client_index(data: dict, lexicon: Lexicon, page_types: Mapping[str, str], *,
                      facts: Mapping[str, Mapping[str, str]] | None = None, citations: re.Pattern[str] | None = None,
                      sources: list[dict] | None = None, subsections: Mapping[str, Collection[str]] | None = None,
                      ) -> dict:
    """Material's index, tuned: the separator, the synonyms, the fields and their boosts, text without
    markup and citations, a type tag on each article entry and a case's facts; with `sources`, the
    bibliography page's text gives way to one entry per source; `subsections` (anchors, by page) are
    merged into their sections; locations are relative.

    `page_types`, `facts` and `subsections` are keyed by page location as Material writes it ("eksempler/x/")."""
    unknown = set(page_types.values()) - TYPE_NAMES
    if unknown:
        raise ValueError(f"not a page type: {sorted(unknown)}")
    pattern = separator(lexicon)
    config = {**data["config"], "separator": pattern, "synonyms": synonym_groups(lexicon, re.compile(pattern)),
              "fields": {name: {"boost": boost} for name, boost in FIELDS.items()}}
    bibliography = next((location for location, kind in page_types.items() if kind == BIBLIOGRAPHY_TYPE), None)
    docs = []
    for entry in data["docs"]:
        location = entry["location"]
        listing_sources = sources is not None and page_of(location) == bibliography
        if listing_sources and location != bibliography:
            continue
        tuned = {key: value for key, value in entry.items() if key not in ("tags", "text")}
        tuned["text"] = "" if listing_sources else plain_entry_text(entry.get("text", ""), citations)
        if location == page_of(location):
            if page_type := page_types.get(location):
                tuned["tags"] = [page_type]
            if facts and location in facts:
                tuned.update(facts[location])
        docs.append(tuned)
    docs += sources or []
    return {"config": config, "docs": relative_locations(merge_subsections(docs, subsections or {}))}


def use_catalogue_worker(page_html: str) -> str:
    """`page_html` with its search box's worker ours: done on the written page, not in a template, so
    a municipality's own main.html (Material's way to change a page) cannot leave it out."""
    return MATERIAL_WORKER.sub(CATALOGUE_WORKER, page_html, count=1)


def dumps(data: dict) -> str:
    """Compact, UTF-8 (not \\u escapes) and the same for the same site."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def rewrite_client_index(site_dir: Path, tune: Callable[[dict], dict]) -> bool:
    """Tune the index file in `site_dir`; False when there is none (the search plugin is off)."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(dumps(tune(data)), encoding="utf-8")
    return True


def tune_site_index(site_dir: Path, catalogue: Catalogue, corpus: Corpus, url_of: Callable[[str], str],
                    subsections: Mapping[str, Collection[str]]) -> bool:
    """Tune the index Material wrote for `catalogue`'s site; `url_of` turns a page's source path
    ("eksempler/x.md") into its location as Material writes it ("eksempler/x/"), and `subsections`
    holds each page's subsection anchors by that location. False when the site has no index (the
    search plugin is off)."""
    def location(uri: str) -> str:
        return url_of(uri).removeprefix("./")  # MkDocs calls the home page "./", Material's index ""

    def tune(data: dict) -> dict:
        return tune_client_index(
            data, corpus.lexicon, {location(uri): kind for uri, kind in page_types(catalogue).items()},
            facts=case_facts(corpus, location), citations=citation_pattern(catalogue),
            sources=source_entries(corpus, location), subsections=subsections)

    return rewrite_client_index(site_dir, tune)
