"""The whole catalogue, loaded and validated: the one object later stages work from."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .bibliography import Bibliography, load_bibliography
from .citestyle import citation_warnings
from .loader import file_version, load_folder
from .problems import CatalogueError, Problem, in_order
from .records import RecordCache
from .schema import Case, Kind, Principle
from .validate import (check_case_names, check_citations, check_duplicates, check_lengths,
                       check_markup, check_prose, check_references, linked_cases, validate_document,
                       validate_documents)
from .upkeep import upkeep_warnings
from .synonyms import SYNONYMS, SynonymGroups, load_synonyms
from .vocabulary import VOCABULARY, Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Showing:
    """A case showing a principle, prerequisite or model, and how it does."""

    case: Case
    how: str


@dataclass(frozen=True)
class Catalogue:
    cases: list[Case]
    """Sorted by title."""
    principles: list[Principle]
    """Sorted by kind, then number."""
    bibliography: Bibliography
    vocabulary: Vocabulary
    """The tags cases may use, with their Danish names."""
    warnings: list[Problem] = field(default_factory=list)
    """What a maintainer should look at but that does not stop a build (how text cites), sorted by file and line."""
    synonyms: SynonymGroups = ()
    """Words the search takes to mean the same."""

    def of_kind(self, kind: Kind) -> list[Principle]:
        return [principle for principle in self.principles if principle.kind is kind]

    @cached_property
    def principles_by_id(self) -> dict[str, Principle]:
        """Every principle, prerequisite and model by its id, as cases refer to them."""
        return {principle.id: principle for principle in self.principles}

    @cached_property
    def showings(self) -> dict[str, list[Showing]]:
        """For each principle, prerequisite and model id, the cases that show it, in the cases' order."""
        showings: dict[str, list[Showing]] = defaultdict(list)
        for case in self.cases:
            for shown in [*case.organisation_models, *case.principles, *case.prerequisites]:
                showings[shown.id].append(Showing(case, shown.how))
        return showings

    @cached_property
    def tagged(self) -> dict[str, list[Case]]:
        """For each tag of the vocabulary, the cases that have it, in the cases' order (none for an unused tag)."""
        tagged: dict[str, list[Case]] = {slug: [] for slug in self.vocabulary}
        for case in self.cases:
            for slug in case.tags:
                tagged[slug].append(case)
        return tagged


Fingerprint = tuple[tuple[str, int, int, int, int], ...]


@dataclass(frozen=True)
class Sources:
    """Where the catalogue's input lives."""

    cases: Path
    principles: Path
    bibliography: Path
    vocabulary: Path = VOCABULARY
    """The tag vocabulary; the package's own unless the plugin's `tags` option names another."""
    synonyms: Path = SYNONYMS
    """The search's synonym list; the package's own unless the plugin's `synonyms` option names another."""

    def fingerprint(self) -> Fingerprint:
        """Each input file with its version (loader.file_version): what changes when any input changes."""
        return tuple((str(path), *file_version(path)) for path in self.files())

    def files(self) -> list[Path]:
        found = [path for path in (self.bibliography, self.vocabulary, self.synonyms) if path.is_file()]
        for folder in (self.cases, self.principles):
            found += sorted(folder.iterdir()) if folder.is_dir() else []
        return found


def review_day() -> datetime.date:
    """The day reviews are judged against: one after it is refused, one over two years before it is told."""
    return datetime.date.today()


def load_catalogue(sources: Sources, prose: Sequence[tuple[Path, str]] = (),
                   records: RecordCache | None = None) -> Catalogue:
    """Load and check everything, and the citations in `prose` (the templates' own text);
    raise CatalogueError listing every problem found, and the warnings besides.

    `records` keeps what was read and checked of each file for the next load (`katalog serve`'s plugin).
    """
    records = records or RecordCache()
    case_documents, problems = load_folder(sources.cases, records.load)
    principle_documents, principle_problems = load_folder(sources.principles, records.load)
    bibliography, bibliography_problems = records.read(sources.bibliography, load_bibliography)
    vocabulary, vocabulary_problems = load_vocabulary(sources.vocabulary)
    synonyms, synonym_problems = load_synonyms(sources.synonyms)
    today = review_day()
    cases, case_problems = validate_documents(
        case_documents, lambda document: records.checked(document, validate_document, Case, today))
    principles, schema_problems = validate_documents(
        principle_documents, lambda document: records.checked(document, validate_document, Principle, today))
    problems = [*problems, *principle_problems, *bibliography_problems, *vocabulary_problems, *synonym_problems,
                *case_problems, *schema_problems]
    citations = None if bibliography_problems else \
        lambda document: records.checked(document, check_citations, bibliography)
    problems += check_references(case_documents, principle_documents, citations, vocabulary, sources.vocabulary,
                                 lambda document: records.checked(document, linked_cases))
    if not bibliography_problems:
        problems += [problem for path, text in prose for problem in check_prose(path, text, bibliography)]
    problems += check_duplicates(cases, principles) + check_case_names(cases) + check_lengths(cases)
    documents = [*case_documents, *principle_documents]
    records.keep_only({sources.bibliography, *(document.path for document in documents)})
    problems += [problem for document in documents for problem in records.checked(document, check_markup)]
    warnings = in_order([warning for document in documents for warning in records.checked(document, citation_warnings)])
    if problems or vocabulary is None or synonyms is None:
        raise CatalogueError(problems, warnings)
    warnings = in_order(warnings + upkeep_warnings(cases, principles, bibliography, sources.bibliography, prose,
                                                   today))
    kind_order = list(Kind)
    return Catalogue(
        cases=sorted((case for _, case in cases), key=lambda case: case.title.casefold()),
        principles=sorted((p for _, p in principles), key=lambda p: (kind_order.index(p.kind), p.number)),
        bibliography=bibliography,
        vocabulary=vocabulary,
        warnings=warnings,
        synonyms=synonyms,
    )
