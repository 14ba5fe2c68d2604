"""Danish word knowledge both searches share: compound splitting and synonyms.

Compounds are split against the catalogue's own words, so "familiesagerne" also means
"familie" + "sagerne" once the catalogue speaks of families and of cases. Stemming is passed
in (the engine owns the stemmer), so this module needs no search engine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+")
"""A word: a run of letters, so "LAB-loven" is two words and "2019" none."""
MIN_PART = 3
"""The shortest part of a compound: "job" in "jobcenter"."""
MIN_COMPOUND = 2 * MIN_PART
LINKS = ("s", "e", "")
"""Letters Danish puts between the parts of a compound: sag-s-behandling, børn-e-have."""
MAX_PARTS = 4
MAX_SYNONYMS = 19
"""Most synonyms a word is widened by: a group's size. Words of several groups can share a stem, and
each extra synonym is one more term wherever the word stands."""
ENDINGS = frozenset({
    "ing", "inger", "ingen", "ingerne", "ning", "ninger", "ende", "endes", "tende", "kende", "else", "elsen", "elser",
    "elserne", "hed", "heden", "heder", "lig", "lige", "ligt", "lighed", "ere", "erer", "erne", "ene", "ens", "ets",
    "ret", "rets", "ede", "isk", "iske", "mer", "let", "ser", "sigt", "vis", "tet", "skab"})
"""Endings that make one word of another ("etable-ret", "borger-ens"), never the tail of a compound."""
DERIVATIONS = ("hed", "ing", "else", "lig", "skab")
"""A tail starting so is a derivation's ending in some inflection ("virksom-hederne"), unless the
catalogue writes it as a word of its own."""
MIN_STEMMED_HEAD = 6
"""A first part may be known by its stem from this length: shorter ones ("sam" of "samme") split at random."""
MAX_COMPOUND = 48
"""Longer words are not split: real compounds are shorter, and splitting costs time by the length squared."""


KnownTails = dict[tuple[str, int], tuple[str, ...]]
"""While splitting one word: (tail, most parts) → its parts, so no tail is tried twice."""


def words_in(text: str) -> list[str]:
    """The words of `text`, lower-cased."""
    return [word.lower() for word in WORD.findall(text)]


@dataclass
class Lexicon:
    """The catalogue's vocabulary: what it knows to split a compound and to widen a word with synonyms."""

    words: frozenset[str]
    """Every word the catalogue uses, lower-cased, stop words left out."""
    stems: frozenset[str]
    """The stems of those words."""
    synonym_groups: tuple[tuple[str, ...], ...]
    """Words a user takes to mean the same, each group as written in the synonym list."""
    stem: Callable[[str], str]
    stopwords: frozenset[str] = frozenset()
    _synonyms_by_stem: dict[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_stem: dict[str, list[str]] = {}
        for group in self.synonym_groups:
            for word in group:
                by_stem.setdefault(self.stem(word), []).extend(other for other in group if other != word)
        self._synonyms_by_stem = {stem: tuple(dict.fromkeys(others))[:MAX_SYNONYMS] for stem, others in by_stem.items()}
        self.parts = lru_cache(maxsize=65536)(self._parts)

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The other words of every synonym group `word` (in any inflection) belongs to."""
        return self._synonyms_by_stem.get(self.stem(word.lower()), ())

    def knows(self, part: str, *, inflected: bool) -> bool:
        """Whether `part` is a word of the catalogue as written, or by its stem if it is a compound's
        tail or long enough (as a first part) not to be a stem of some other word by chance: the
        catalogue may only write "virksomheder", yet "virksomhed" starts "virksomhedssamarbejde"."""
        if len(part) < MIN_PART or part in self.stopwords:
            return False
        by_stem = inflected or len(part) >= MIN_STEMMED_HEAD
        return part in self.words or (by_stem and self.stem(part) in self.stems)

    def _parts(self, word: str) -> tuple[str, ...]:
        """The parts of a compound, longest first part first, or () when `word` is not one.

        "jobcentermedarbejderne" → ("jobcenter", "medarbejderne"): the first part must be a word of
        the catalogue as written, the rest a word in any inflection or itself a compound.
        """
        word = word.lower()
        return self._split(word, MAX_PARTS, {}) if len(word) <= MAX_COMPOUND else ()

    def _split(self, word: str, most: int, known_tails: KnownTails) -> tuple[str, ...]:
        """Split `word` into at most `most` parts; `known_tails` remembers each tail's answer, so no
        tail is tried twice."""
        if most < 2 or len(word) < MIN_COMPOUND:
            return ()
        if (word, most) not in known_tails:
            known_tails[word, most] = self._first_split(word, most, known_tails)
        return known_tails[word, most]

    def _first_split(self, word: str, most: int, known_tails: KnownTails) -> tuple[str, ...]:
        """The first split that works, trying first parts the catalogue writes as they are before those
        known by their stem ("beskæftigelse" + s + "indsats", not "beskæftigelses" + "indsats"), each
        longest first."""
        heads = [word[:end] for end in range(len(word) - MIN_PART, MIN_PART - 1, -1)
                 if self.knows(word[:end], inflected=False)]
        for head in sorted(heads, key=lambda head: head not in self.words):  # stable: longest first within each
            end = len(head)
            for link in LINKS:
                tail = word[end + len(link):] if word.startswith(link, end) else ""
                if len(tail) < MIN_PART or tail in ENDINGS or (tail.startswith(DERIVATIONS) and tail not in self.words):
                    continue
                if self.knows(tail, inflected=True):
                    return head, tail
                if rest := self._split(tail, most - 1, known_tails):
                    return head, *rest
        return ()

    def heads(self, most: int, least_uses: int = 2) -> list[str]:
        """The first parts of the catalogue's own compounds that start `least_uses` of them or more, most
        used first: what a client can split at without a lexicon."""
        counted = Counter(parts[0] for word in self.words if (parts := self.parts(word)))
        ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        return [head for head, uses in ranked[:most] if uses >= least_uses]


def make_lexicon(texts: Iterable[str], synonym_groups: Iterable[Iterable[str]], stem: Callable[[str], str],
                 stopwords: frozenset[str]) -> Lexicon:
    """The lexicon of a catalogue whose text is `texts`."""
    words = frozenset(word for text in texts for word in words_in(text)
                      if len(word) >= MIN_PART and word not in stopwords)
    return Lexicon(words=words, stems=frozenset(stem(word) for word in words),
                   synonym_groups=tuple(tuple(word.lower() for word in group) for group in synonym_groups),
                   stem=stem, stopwords=stopwords)
