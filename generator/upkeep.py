"""What a maintainer should look after although nothing is wrong: warnings, never failures.

A case or principle not reviewed for two years, a case that shows no principle, a source nothing
cites, and a work that may stand in bibliography.bib twice under two keys. Each is told at
its line, with what to do, after any problems (see `catalogue.load_catalogue`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path

from .bibliography import Bibliography, Source
from .citations import MARKER, Citation, parse_marker
from .loader import Document
from .problems import LISTED, Problem, first_listed
from .schema import PLACEHOLDER, Case, Principle

STALE_AFTER_YEARS = 2


def stale_since(today: datetime.date) -> datetime.date:
    """The last review date that is still recent enough (two years ago today; 28 February for a 29th)."""
    try:
        return today.replace(year=today.year - STALE_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year - STALE_AFTER_YEARS, day=28)


def stale_reviews(records: Iterable[tuple[Document, Case | Principle]], today: datetime.date) -> list[Problem]:
    since = stale_since(today)
    return [Problem(document.path, f"Posten er sidst gennemgået {record.last_reviewed.isoformat()}, for mere end "
                                   f"{STALE_AFTER_YEARS} år siden.",
                    "Gennemgå teksten og tallene mod kilderne igen (og søg efter nyere kilder), og sæt så "
                    "'last_reviewed' til dagens dato.", document.line_of(("last_reviewed",)))
            for document, record in records if record.last_reviewed < since]


def cases_without_principles(cases: Iterable[tuple[Document, Case]]) -> list[Problem]:
    return [Problem(document.path, "Eksemplet viser ikke nogen af katalogets principper ('principles' er tom).",
                    "Læs principperne i mappen principles/, og tilføj under 'principles' dem, kilderne viser, at "
                    "eksemplet lever op til, hver med 'id' og 'how' (hvordan, med kilde). Viser kilderne ingen, så "
                    "overvej, om eksemplet hører hjemme i kataloget.",
                    document.line_of(("principles",)) or 1)
            for document, case in cases if not case.principles]


def cited_in(prose: Iterable[tuple[Path, str]]) -> set[str]:
    """The keys a text cites (the templates' own prose)."""
    return {item.key for _, text in prose for marker in MARKER.finditer(text) for item in parse_marker(marker.group(1))
            if isinstance(item, Citation)}


def uncited_sources(bibliography: Bibliography, cited: set[str], path: Path) -> list[Problem]:
    return at_most_listed([
        Problem(path, f"Kilden '{key}' bliver ikke citeret nogen steder.",
                "Citér den i et eksempel eller et princip, eller slet posten fra bibliography.bib.", source.line)
        for key, source in bibliography.sources.items() if key not in cited], path, "kilder mere bliver ikke citeret")


def at_most_listed(warnings: list[Problem], path: Path, rest: str) -> list[Problem]:
    """The first LISTED warnings of one kind, and one more that counts the rest (`rest` says what they are)."""
    shown, more = first_listed(warnings)
    if not more:
        return shown
    return [*shown,
            Problem(path, f"… og {more} {rest}; de er ikke nævnt her, da listen viser højst {LISTED}.",
                    "Ret dem, der er nævnt ovenfor, og kør så katalog check igen for at se resten.", shown[-1].line)]


def work_of(source: Source) -> tuple[str, str] | None:
    """A source's title and year as a comparison sees them (case, spaces and punctuation aside); None
    without a title, which cannot tell two works apart, or with a title or year still to be written
    ('SKRIV: …' from `katalog new-source`), which every new template shares."""
    year = source.entry.fields.get("year", "") if source.entry is not None else ""
    if source.title.lstrip().startswith(PLACEHOLDER) or year.lstrip().startswith(PLACEHOLDER):
        return None
    title = " ".join(re.findall(r"\w+", source.title.casefold()))
    return (title, year) if title else None


def possible_duplicates(bibliography: Bibliography, path: Path) -> list[Problem]:
    """Each source whose work (`work_of`) an earlier entry has, told at its line: one pass, keyed by work."""
    first_key: dict[tuple[str, str], str] = {}
    warnings: list[Problem] = []
    for key, source in sorted(bibliography.sources.items(), key=lambda item: item[1].line or 0):
        work = work_of(source)
        if work is None:
            continue
        if work not in first_key:
            first_key[work] = key
        else:
            warnings.append(Problem(path, f"Kilden '{key}' har samme titel og år som '{first_key[work]}'; det kan være "
                                          "det samme værk to gange.",
                                    f"Er det samme værk, så slet '{key}' og citér '{first_key[work]}' i stedet.",
                                    source.line))
    return at_most_listed(warnings, path, "kilder mere har samme titel og år som en kilde før dem")


def upkeep_warnings(cases: list[tuple[Document, Case]], principles: list[tuple[Document, Principle]],
                    bibliography: Bibliography, bibliography_path: Path, prose: Iterable[tuple[Path, str]], today: datetime.date) -> list[Problem]:
    """Every upkeep warning for a catalogue that loaded without problems; `prose` is the templates' own text."""
    cited = cited_in(prose) | {key for _, record in [*cases, *principles] for key in record.sources}
    return [*stale_reviews([*cases, *principles], today), *cases_without_principles(cases),
            *uncited_sources(bibliography, cited, bibliography_path),
            *possible_duplicates(bibliography, bibliography_path)]
