"""The search engine: the one module that knows whoosh, so it can be replaced without touching the rest.

Danish analysis here is whoosh's (tokens, stop words, the Snowball stemmer) widened by the
lexicon: a compound also yields its parts, and when indexing a word also yields its synonyms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import highlight, index, qparser, query, scoring
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language

from .documents import SearchDocument
from .lexicon import Lexicon, make_lexicon
from .queries import Condition, Query

LANGUAGE = "da"
QUESTION_WORDS = frozenset({"hvem", "hvordan", "hvorfor", "hvornår", "hvilke", "hvilken", "hvilket", "kan", "må",
                            "bør", "får", "går", "gør", "vores", "én", "ét"})
"""Words of a question that say nothing of what it asks about; Snowball's list lacks them."""
STOPWORDS = frozenset(stopwords_for_language(LANGUAGE)) | QUESTION_WORDS
stem = lru_cache(maxsize=1 << 17)(stemmer_for_language(LANGUAGE))
"""The Danish Snowball stemmer, remembering its answers: "familierne" → "famili"."""

TEXT_FIELDS = {"title": 4.0, "municipality": 4.0, "target_groups": 2.0, "model_title": 1.5,
               "principle_titles": 1.5, "tag_labels": 2.0, "authors": 1.5, "body": 1.0}
"""The fields free text is looked for in, with their weight in the ranking."""
ID_FIELDS = ("type", "models", "principles", "tags")
SNIPPET_CHARACTERS = 220
TYPE_WEIGHTS = {"kilde": 0.3}
"""A source's entry is short and its title often repeats a case's name: it should not outrank the case."""
BODY_LENGTH_WEIGHT = 0.5
"""BM25's B for the body: how much a long text is held against it. A case's body is several times a
principle's, yet as much about its subject, so less than the usual 0.75."""


class LexiconFilter(Filter):
    """Yields each token, then its compound parts, then (when indexing) its synonyms, at the same place.

    A query's word is split only when the catalogue does not use it as it is: "socialforvaltningens"
    then finds the page that says so, not every page about social work and administration. The extra
    tokens keep the original's position and characters, so a highlight marks the whole word.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LexiconFilter) and other.lexicon is self.lexicon

    def __getstate__(self) -> dict:
        """whoosh stores the schema in the index; the lexicon is not stored with it, as every open
        passes the schema of the current lexicon (see Searcher)."""
        return {}

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            word = token.text
            yield token
            if token.mode == "index":
                extra = [*self.lexicon.parts(word), *self.lexicon.synonyms(word)]
            else:
                extra = [] if self.lexicon.knows(word, inflected=True) else list(self.lexicon.parts(word))
            for other in extra:
                token.text = other
                yield token


def analyzer(lexicon: Lexicon):
    return (RegexTokenizer(r"[^\W_]+") | LowercaseFilter() | StopFilter(stoplist=STOPWORDS, minsize=2)
            | LexiconFilter(lexicon) | StemFilter(lang=LANGUAGE, cachesize=1 << 16))


def lexicon_of(documents: list[SearchDocument], synonyms: Iterable[Iterable[str]]) -> Lexicon:
    """The lexicon of these documents' own words, so compounds split into words the catalogue uses."""
    texts = (text for document in documents for text in (document.title, document.body, document.target_groups))
    return make_lexicon(texts, synonyms, stem, STOPWORDS)


def schema(lexicon: Lexicon) -> Schema:
    analysis = analyzer(lexicon)
    fields = {name: TEXT(analyzer=analysis, stored=name in ("title", "body", "municipality"), field_boost=boost)
              for name, boost in TEXT_FIELDS.items()}
    return Schema(path=ID(stored=True, unique=True), type=ID(stored=True), **fields,
                  models=KEYWORD(lowercase=True, commas=True), principles=KEYWORD(lowercase=True, commas=True),
                  tags=KEYWORD(lowercase=True, commas=True), order=STORED)


def write_index(folder: Path, documents: list[SearchDocument], lexicon: Lexicon) -> None:
    """A new index of `documents` in the empty folder `folder`."""
    built = index.create_in(str(folder), schema(lexicon))
    writer = built.writer()
    for order, document in enumerate(documents):
        fields = dataclasses.asdict(document)
        for name in ("models", "principles", "tags"):
            fields[name] = ",".join(fields[name])
        fields["path"] = document.path  # where `katalog search` says the document is, made of these two
        del fields["src_uri"], fields["anchor"]
        writer.add_document(order=order, **{name: value for name, value in fields.items() if value})
    writer.commit()
    built.close()


@dataclass(frozen=True)
class Hit:
    path: str
    type: str
    title: str
    snippet: str
    """A passage around the best match, matched words in **bold**."""
    score: float


class Bold(highlight.Formatter):
    """Matched words as **word**: readable in a terminal and in JSON alike."""

    between = " … "

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


class TypeWeighted(scoring.BM25F):
    """BM25F with a milder length penalty for the body, and each document's final score multiplied by
    its type's weight (TYPE_WEIGHTS).

    A boost at indexing would not do: BM25 saturates term frequency, so it would hardly move a short
    source's entry below a case.
    """

    use_final = True

    def __init__(self, weights: dict[int, float]) -> None:
        super().__init__(body_B=BODY_LENGTH_WEIGHT)
        self.weights = weights

    def final(self, searcher, docnum: int, score: float) -> float:
        return score * self.weights.get(docnum, 1.0)


class UnreadableIndex(Exception):
    """The index folder holds something whoosh cannot open: it must be built again."""


class Searcher:
    """An open index, kept open so repeated queries are fast."""

    def __init__(self, folder: Path, lexicon: Lexicon) -> None:
        self.schema = schema(lexicon)
        try:
            self.index = index.open_dir(str(folder), schema=self.schema)
            with self.index.reader() as reader:
                weights = {docnum: TYPE_WEIGHTS[fields["type"]] for docnum, fields in reader.iter_docs()
                           if fields.get("type") in TYPE_WEIGHTS}
            self.searcher = self.index.searcher(weighting=TypeWeighted(weights))
        except Exception as error:  # whoosh raises many kinds (EOFError, pickle, its own) on a damaged index
            raise UnreadableIndex(str(error)) from error
        self.free_text = qparser.MultifieldParser(list(TEXT_FIELDS), self.schema,
                                                  fieldboosts=TEXT_FIELDS, group=qparser.OrGroup)
        self.free_text.remove_plugin_class(qparser.FieldsPlugin)

    def close(self) -> None:
        self.searcher.close()
        self.index.close()

    def search(self, asked: Query, limit: int) -> tuple[int, list[Hit]]:
        """The total number of matches and the best `limit`, best first."""
        wanted = self.free_text.parse(asked.text) if asked.text.replace('"', "").strip() else query.Every()
        required = [self._condition(condition) for condition in asked.conditions]
        restrict = query.And(required) if required else None
        results = self.searcher.search(wanted, limit=limit, filter=restrict, terms=True)
        results.formatter = Bold()
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARACTERS, surround=60)
        return len(results), [self._hit(result) for result in results]

    def _condition(self, condition: Condition) -> query.Query:
        """One field term: one of the field's ids, or every word of it in the field's text."""
        field = condition.field
        either = [query.Term(field.ids, condition.value.lower())] if field.ids else []
        if field.text:
            either.append(qparser.QueryParser(field.text, self.schema, group=qparser.AndGroup).parse(condition.value))
        return query.Or(either)

    @staticmethod
    def _hit(result) -> Hit:
        snippet = result.highlights("body", top=2) or " ".join(result.get("body", "").split())[:SNIPPET_CHARACTERS]
        return Hit(result["path"], result["type"], result["title"], " ".join(snippet.split()), float(result.score))


def indexing_terms(lexicon: Lexicon) -> Callable[[str], list[str]]:
    """A function giving the terms a text is indexed under (stems, compound parts and synonyms), made
    once so that its analyzer, and the stems it remembers, serve every text."""
    analyze = analyzer(lexicon)
    return lambda text: [token.text for token in analyze(text, mode="index")]
