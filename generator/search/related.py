"""Related cases: for each case, the few other cases most like it, and what they share.

Computed at build time from the words the search indexes (Danish stems, compound parts and
synonyms, see `engine.indexing_terms`), so "familiesagerne" and "familier" meet here as they do there.

Text similarity is the cosine of TF-IDF vectors cut to each case's `TOP_TERMS` best terms, the idea
of more_like_this. Candidates come from inverted indexes: a case is compared only with the cases that
share one of its best terms, a target-group word or a tag (failing those, its model, a principle or a
prerequisite), each term leading to at most `MAX_POSTINGS` cases; the best few by that first estimate
are then scored exactly. The work grows with the number of cases times `TOP_TERMS` × `MAX_POSTINGS`
at most, not with its square (some 4 s for 2 000 cases that all look alike).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..catalogue import Catalogue
from ..schema import Case
from . import engine
from .corpus import Corpus
from .lexicon import Lexicon, words_in

TOP_TERMS = 30
"""The terms of a case's text that stand for it: enough to tell its subject, few enough to stay fast."""
TITLE_WEIGHT = 3
"""A word of the title counts as this many words of the body: the title names what the case is about."""
FUNCTION_WORDS = frozenset({"både", "samt", "enten", "hverken", "mindst", "højst", "flere", "andre", "anden",
                            "andet", "hvilke", "hvilken", "hvilket", "uden", "inden", "mellem", "blandt",
                            "hvem", "ofte", "især", "fx", "eks", "mv", "osv", "herunder"})
"""Danish words the search's stop list keeps but that say nothing about who a target group is."""
MAX_POSTINGS = 100
"""Most cases a term leads to when looking for candidates, those it weighs most in: a term in the
best terms of more cases than that says little about any one of them."""
SHORTLIST = 4
"""Scored exactly: this many times `most` of the cases the postings rate best."""

TEXT = 4.0
TARGET_GROUP = 2.0
MODEL = 1.0
PRINCIPLE = 0.5
PREREQUISITE = 0.3
TAG = 0.25
MAX_TAGS = 8
"""The weights of a related case's score, added up:

- TEXT × the cosine of the two texts (0 to 1): the text is what sets cases apart, as the
  structured fields have few values (three models, five principles), so it weighs the most;
  a near copy scores almost 4 here alone.
- TARGET_GROUP × the cosine of the target groups' words, weighted by rarity: a reader looking
  for a comparable case looks first for one with the same citizens.
- MODEL for following an organisation model in common (once, however many): useful, but a third of the catalogue may share one.
- PRINCIPLE for each principle both show, PREREQUISITE for each prerequisite: each says a little,
  many together say a lot; a prerequisite is a condition more than what the case is, so less.
- TAG for each shared tag, at most MAX_TAGS counted, so a case with long tag lists cannot win on
  tags alone.

Ties are broken by title, then id. A case that shares nothing with another is never related to it.
"""


@dataclass(frozen=True)
class Related:
    """Another case like this one, and what the two share (ids, as data; the template words it)."""

    case: Case
    score: float
    models: tuple[str, ...]
    """The organisation models both follow, in the catalogue's order."""
    principles: tuple[str, ...]
    """The principles both show, in the catalogue's order."""
    prerequisites: tuple[str, ...]
    """The prerequisites both show, in the catalogue's order."""
    target_words: tuple[str, ...]
    """Words both target groups use (as the other case writes them), rarest in the catalogue's text first."""
    tags: tuple[str, ...]
    """Tags both carry, rarest first."""

    @property
    def shares_structure(self) -> bool:
        """Whether the two share more than alike text: a model, principle, prerequisite, target-group word or tag."""
        return bool(self.models or self.principles or self.prerequisites or self.target_words or self.tags)


class Traits(NamedTuple):
    """What a case is compared by besides its text. While a case's traits and another's are unchanged, so is
    what `sharing` says the two share, whatever else is edited (`carried_over`)."""

    models: frozenset[str]
    principles: frozenset[str]
    prerequisites: frozenset[str]
    tags: frozenset[str]
    target_groups: tuple[str, ...]
    """As written: the words the two share are found in them (`Analysis.target_terms`)."""


def traits(case: Case) -> Traits:
    return Traits(models=frozenset(item.id for item in case.organisation_models),
                  principles=frozenset(item.id for item in case.principles),
                  prerequisites=frozenset(item.id for item in case.prerequisites), tags=frozenset(case.tags),
                  target_groups=tuple(case.target_groups))


def carried_over(related: dict[str, list[Related]], before: dict[str, Case], now: dict[str, Case],
                 case_ids: Iterable[str]) -> dict[str, list[Related]] | None:
    """The related cases worked out before an edit, for the pages of `case_ids`, pointing at the cases as
    they are now (by id): pages a preview shows before the full rebuild, which works them out again.
    None when the edit may have changed what two cases share (their `traits`), or removed a related case.
    Text edits can still change which cases are related, and the order of shared words; the rebuild shows it."""
    case_ids = list(case_ids)
    if any(case_id not in before or case_id not in now or traits(before[case_id]) != traits(now[case_id])
           for case_id in case_ids):
        return None
    items = {case_id: related.get(case_id, []) for case_id in case_ids}
    if any(item.case.id not in now for listed in items.values() for item in listed):
        return None
    return {case_id: [replace(item, case=now[item.case.id]) for item in listed] for case_id, listed in items.items()}


@dataclass
class Profile:
    """What one case is compared by."""

    case: Case
    text: dict[str, float]
    """Its best terms → TF-IDF weight, the vector of unit length."""
    target: dict[str, float]
    """Its target groups' terms → rarity weight, the vector of unit length."""
    surface: dict[str, str]
    """Each target-group term → the word the case writes for it."""
    traits: Traits


def idf(cases: int, having: int) -> float:
    """Rarity: 1 for a term every case has, more for rarer ones (the smoothed form, never zero)."""
    return math.log((1 + cases) / (1 + having)) + 1


def unit(weights: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {term: weight / length for term, weight in weights.items()} if length else {}


def cosine(one: dict[str, float], other: dict[str, float]) -> float:
    if len(other) < len(one):
        one, other = other, one
    return sum(weight * other[term] for term, weight in one.items() if term in other)


class Analysis:
    """The search's analysis of words, each word analysed once: a catalogue repeats its words a lot.

    A word's terms do not depend on the words around it, so text is analysed word by word. Words are
    runs of letters: a shared year or count says nothing about what two cases are about.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.terms = engine.indexing_terms(lexicon)
        self.known: dict[str, list[str]] = {}

    def word(self, word: str) -> list[str]:
        terms = self.known.get(word)
        if terms is None:
            terms = self.known[word] = self.terms(word)
        return terms

    def text(self, text: str) -> list[str]:
        return [term for word in words_in(text) for term in self.word(word)]

    def target_terms(self, groups: Iterable[str]) -> dict[str, str]:
        """The terms of the target groups → the word written for each: the word itself for its own stem
        and its synonyms', the part for a compound's part ("beskæftigelse" for "beskæftigelsessag")."""
        surface: dict[str, str] = {}
        for group in groups:
            for word in words_in(group):
                terms = [] if word in FUNCTION_WORDS else self.word(word)
                if not terms:
                    continue
                surface.setdefault(terms[0], word)
                for part in self.lexicon.parts(word):
                    for term in self.word(part)[:1]:
                        surface.setdefault(term, part)
                for term in terms[1:]:
                    surface.setdefault(term, word)
        return surface


def related_cases(catalogue: Catalogue, corpus: Corpus, most: int = 3) -> dict[str, list[Related]]:
    """Each case's id → up to `most` other cases, most related first (see the weights above)."""
    cases = catalogue.cases
    if len(cases) < 2:
        return {case.id: [] for case in cases}
    documents = corpus.documents
    analysis = Analysis(corpus.lexicon)
    each_traits = [traits(case) for case in cases]
    counts: list[Counter[str]] = []
    surfaces: list[dict[str, str]] = []
    for case_traits, document in zip(each_traits, documents):  # the principles' documents follow the cases'
        counted = Counter(analysis.text(document.body))
        for term in analysis.text(document.title):
            counted[term] += TITLE_WEIGHT
        counts.append(counted)
        surfaces.append(analysis.target_terms(case_traits.target_groups))
    text_having = Counter(term for counted in counts for term in counted)
    target_having = Counter(term for surface in surfaces for term in surface)
    tag_having = Counter(tag for case_traits in each_traits for tag in case_traits.tags)
    total = len(cases)

    profiles = []
    for case, counted, surface, case_traits in zip(cases, counts, surfaces, each_traits):
        weights = {term: (1 + math.log(count)) * idf(total, text_having[term]) for term, count in counted.items()}
        best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS]
        profiles.append(Profile(
            case=case, text=unit(dict(best)),
            target=unit({term: idf(total, target_having[term]) for term in surface}), surface=surface,
            traits=case_traits,
        ))

    text_postings = postings(profile.text for profile in profiles)
    target_postings = postings(profile.target for profile in profiles)
    tag_postings = postings(dict.fromkeys(profile.traits.tags, 1.0) for profile in profiles)
    structure_postings = postings(dict.fromkeys(structure_keys(profile), 1.0) for profile in profiles)
    word_having = text_having + target_having
    order = {principle.id: index for index, principle in enumerate(catalogue.principles)}
    related: dict[str, list[Related]] = {}
    for index, profile in enumerate(profiles):
        # A first estimate from the postings, to pick the few worth scoring exactly.
        estimate: dict[int, float] = defaultdict(float)
        sources = ((profile.text, text_postings, TEXT), (profile.target, target_postings, TARGET_GROUP),
                   (dict.fromkeys(profile.traits.tags, 0.0), tag_postings, 0.0))  # a tag finds; `structure` scores
        for vector, found, weight in sources:
            for term, mine in vector.items():
                for other, theirs in found.get(term, ()):
                    estimate[other] += weight * mine * theirs
        estimate.pop(index, None)
        if len(estimate) < most:
            for key in structure_keys(profile):
                for other, _ in structure_postings.get(key, ()):
                    estimate[other] += 0.0
            estimate.pop(index, None)
        for other in estimate:
            estimate[other] += structure(profile, profiles[other])
        shortlist = heapq.nsmallest(SHORTLIST * most, estimate, key=lambda other: (-estimate[other], other))
        scored = sorted((-score, profiles[other].case.title.casefold(), profiles[other].case.id, other)
                        for other in shortlist if (score := round(similarity(profile, profiles[other]), 9)) > 0)
        related[profile.case.id] = [
            sharing(profile, profiles[other], -negated, order, word_having, tag_having)
            for negated, _, _, other in scored[:most]
        ]
    return related


def structure_keys(profile: Profile) -> list[str]:
    shown = profile.traits
    return [*(f"model:{id_}" for id_ in shown.models), *(f"principle:{id_}" for id_ in shown.principles),
            *(f"prerequisite:{id_}" for id_ in shown.prerequisites)]


def postings(vectors: Iterable[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    """Each term → the cases it weighs most in, with its weight there: at most MAX_POSTINGS, ties in the
    catalogue's order."""
    found: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            found[term].append((-weight, index))
    return {term: [(index, -negated) for negated, index in sorted(entries)[:MAX_POSTINGS]]
            for term, entries in found.items()}


def structure(one: Profile, other: Profile) -> float:
    """The score for what the two share besides their words."""
    mine, theirs = one.traits, other.traits
    return ((MODEL if mine.models & theirs.models else 0.0)
            + PRINCIPLE * len(mine.principles & theirs.principles)
            + PREREQUISITE * len(mine.prerequisites & theirs.prerequisites)
            + TAG * min(len(mine.tags & theirs.tags), MAX_TAGS))


def similarity(one: Profile, other: Profile) -> float:
    return TEXT * cosine(one.text, other.text) + TARGET_GROUP * cosine(one.target, other.target) + structure(one, other)


def sharing(one: Profile, other: Profile, score: float, order: dict[str, int], having: Counter[str],
            tag_having: Counter[str]) -> Related:
    """What `other` shares with `one`, as `one`'s page tells it."""
    in_order = lambda ids: tuple(sorted(ids, key=lambda id_: (order.get(id_, len(order)), id_)))  # noqa: E731
    shared_terms = sorted(one.target.keys() & other.target.keys(),
                          key=lambda term: (having[term], other.surface[term], term))
    words = tuple(dict.fromkeys(other.surface[term] for term in shared_terms))
    mine, theirs = one.traits, other.traits
    tags = tuple(sorted(mine.tags & theirs.tags, key=lambda tag: (tag_having[tag], tag)))
    return Related(case=other.case, score=score, models=in_order(mine.models & theirs.models),
                   principles=in_order(mine.principles & theirs.principles),
                   prerequisites=in_order(mine.prerequisites & theirs.prerequisites), target_words=words, tags=tags)
