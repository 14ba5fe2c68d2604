"""`katalog review`: the reviewer's report on a pull request's cases, as Danish Markdown on stdout.

`katalog check` says whether the files are valid; this says what a person must still judge: every
figure with the citation beside it, every paragraph or list that cites nothing, the new sources, tags and
principles, and a checklist. CI posts it as the pull request's summary, so all record text in it is
escaped: a record is untrusted and must not become markup, links or HTML there.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from pybtex.database import Entry

from . import labels, markup
from .bibliography import Bibliography, parse
from .catalogue import Catalogue, Sources
from .citations import MARKER, Citation, parse_marker, strip_citations
from .citestyle import SUBHEADING, blocks, is_cited_prose, uncited_units
from .loader import YAML_SUFFIX, Document, Location, load_document, shorten
from .problems import CatalogueError, Problem, first_listed, shown_path
from .schema import Case
from .sitebuild import katalog_plugin
from .validate import describe

SHOWN_SENTENCE = 200
"""Longest sentence shown; the line number leads to the rest."""
GIT_TIMEOUT = 30
DEFAULT_BASES = ("origin/main", "main")

CHECKLIST = (
    "Hvert tal stemmer med kilden på den side, der henvises til.",
    "Teksten er skrevet med bidragyderens egne ord; ingen sætninger er kopieret fra kilderne.",
    "Kilden er den primære, hvor en sådan findes (beskriver en nyhedsartikel en rapport, så citér rapporten).",
    "Hvert tilknyttet princip, hver forudsætning og hver organiseringsmodel er tydeligt understøttet af kilderne.",
    "Periode, status og statusår (`period`, `status`, `status_year`) passer med den nyeste kilde.",
    "Emnerne, der er målgrupper, passer til indsatsens målgrupper.",
    "Der står ingen personoplysninger om borgere.",
)

UNCITED_NOTE = ("Afsnittene og listerne herunder har ingen kildehenvisning nogen steder, heller ikke i sætningen, "
                "der leder ind til en liste; hvert vises med sin første sætning. De skal have en, eller begynde "
                "med 'Katalogets vurdering:'.")

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$#])")
HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
BOUNDARY = re.compile(rf"\n[ \t]*\n\s*|\n[ \t]*(?={markup.LIST_MARKER}[ \t])|{markup.SENTENCE_END.pattern}")
"""Where a sentence ends: where a paragraph ends (a blank line, or a line that starts a list item), or
at markup.SENTENCE_END. One pass of a regex without nested repetition: linear time."""
LEADING_MARKUP = re.compile(rf"\s*(?:{markup.LIST_MARKER}[ \t]+)?")
NUMBER = re.compile(r"\d(?:[\d.,]*\d)?(?:[ \t]?[-–][ \t]?\d(?:[\d.,]*\d)?)?")
"""A figure as prose writes it: 50, 2.168.000, 2,5 or a range like 4-20."""


def escape(text: str) -> str:
    """Record text as Markdown shows it literally, on one line: no link, emphasis, table cell or HTML."""
    one_line = " ".join(text.split())
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return "".join(HTML_SPECIAL.get(character, character) for character in escaped)


class Usage(Exception):
    """A request `katalog review` cannot carry out (exit status 2), told in Danish."""


@dataclass(frozen=True)
class Reviewed:
    """A case file to report on, and how it came into the pull request."""

    path: Path
    status: str
    """'nyt eksempel', 'ændret eksempel' or 'angivet ved kørslen'."""


@dataclass(frozen=True)
class Changes:
    """What the report covers: case files, and the bibliography as it was at the base."""

    cases: list[Reviewed]
    before: dict[str, Entry] | None
    """The base's bibliography entries; None when the files were named, not found by git: every
    source a case cites is then shown."""

    def new_keys(self, bibliography: Bibliography) -> set[str] | None:
        """Keys the working bibliography has and the base has not, or has with other content."""
        if self.before is None:
            return None
        before = self.before
        return {key for key, source in bibliography.sources.items() if before.get(key) != source.entry}


def review(config: MkDocsConfig, files: list[Path], changed: bool, base: str | None) -> int:
    """Print the report; 0 when the catalogue loads (warnings allowed), 1 with problems, 2 on usage errors."""
    sources = katalog_plugin(config).sources(config)
    try:
        changes = (changes_since(Path(config.config_file_path).parent, sources, base) if changed
                   else named_files(sources, files, base))
    except Usage as usage:
        print(f"katalog review: {usage}", file=sys.stderr)
        return 2
    print("# Gennemgang af eksempler\n")
    try:
        catalogue = katalog_plugin(config).catalogue(config)
    except CatalogueError as error:
        print(broken_report(error))
        return 1
    new_keys = changes.new_keys(catalogue.bibliography)
    if not changes.cases and not new_keys:
        print("Ingen nye eller ændrede eksempler eller kilder.")
    for reviewed in changes.cases:
        print("\n".join(case_report(catalogue, reviewed, new_keys)) + "\n")
    print("\n".join(unused_new_sources(catalogue, changes.cases, new_keys or set())))
    return 0


def broken_report(error: CatalogueError) -> str:
    """The problems `katalog check` would report, first: nothing else can be judged before they are fixed."""
    problems = "\n".join(problem_lines(error.problems))
    return (f"## Kataloget kan ikke indlæses\n\n`katalog check` fejler, så eksemplerne kan ikke gennemgås, før "
            f"dette er rettet:\n\n{escape(error.report().splitlines()[0])}\n\n{problems}")


def named_files(sources: Sources, files: list[Path], base: str | None) -> Changes:
    if base is not None:
        raise Usage("--base bruges kun sammen med --changed.")
    if not files:
        raise Usage("angiv eksemplernes filer (fx cases/testby-en-indgang.yml), eller brug --changed.")
    for path in files:
        if not is_case_file(sources, path):
            raise Usage(f"{shown_path(path)} er ikke en eksempelfil i {shown_path(sources.cases)}/ "
                        f"(en fil, der ender på {YAML_SUFFIX}).")
    return Changes([Reviewed(path, "angivet ved kørslen") for path in dict.fromkeys(files)], None)


def is_case_file(sources: Sources, path: Path) -> bool:
    """A file the loader reads as a case: a .yml file, not hidden (the loader skips those), in the cases folder."""
    return (path.suffix == YAML_SUFFIX and not path.name.startswith(".") and path.is_file()
            and path.resolve().parent == sources.cases.resolve())


# --- what changed, according to git ---------------------------------------------------------------


def git(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run git in the project's folder; a missing or hanging git is a usage error, never a traceback."""
    try:
        return subprocess.run(["git", "--no-optional-locks", *arguments], cwd=root, capture_output=True, text=True,
                              timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise Usage("git er ikke installeret, så --changed kan ikke finde ændringerne. Installér git, eller "
                    "angiv filerne selv.") from None
    except subprocess.TimeoutExpired:
        raise Usage(f"git svarede ikke inden for {GIT_TIMEOUT} sekunder.") from None


def git_output(root: Path, *arguments: str) -> str:
    result = git(root, *arguments)
    if result.returncode:
        raise Usage(f"'git {' '.join(arguments)}' mislykkedes: {' '.join(result.stderr.split())[:300]}")
    return result.stdout


def base_commit(root: Path, base: str | None) -> str:
    """The commit to compare with: --base, else origin/main, else main."""
    if base is not None and (base.startswith("-") or not base.strip()):
        raise Usage(f"'{base}' er ikke et gyldigt git-navn til --base.")
    for candidate in [base] if base is not None else DEFAULT_BASES:
        result = git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        if result.returncode == 0:
            return result.stdout.strip()
    tried = f"'{base}'" if base is not None else " eller ".join(f"'{name}'" for name in DEFAULT_BASES)
    raise Usage(f"git kender ikke {tried}. Angiv grenen, ændringen skal sammenlignes med, med --base, fx "
                "--base origin/main, og hent den først (git fetch origin main; i GitHub Actions: fetch-depth: 0).")


def changes_since(root: Path, sources: Sources, base: str | None) -> Changes:
    """The case files added or changed since the merge base with `base`, committed or not, and the
    bibliography as it was at `base`; git runs in `root`, the project's folder."""
    toplevel = git(root, "rev-parse", "--show-toplevel")
    if toplevel.returncode:
        raise Usage(f"{shown_path(root)} er ikke i et git-arkiv, så --changed kan ikke finde ændringerne. "
                    "Angiv filerne selv.")
    top = Path(toplevel.stdout.strip())
    commit = base_commit(root, base)
    statuses = committed_changes(root, commit) | uncommitted_changes(root)
    cases = [Reviewed(path, "nyt eksempel" if new else "ændret eksempel")
             for name, new in sorted(statuses.items()) if is_case_file(sources, path := top / name)]
    return Changes(cases, bibliography_at(root, top, commit, sources.bibliography))


def committed_changes(root: Path, commit: str) -> dict[str, bool]:
    """Each path added (True) or modified (False) on this branch since it left `commit`."""
    # --no-renames: a renamed case is a new file here, so a rename cannot hide a rewritten case.
    fields = git_output(root, "diff", "--name-status", "--no-renames", "--diff-filter=AM", "-z",
                        f"{commit}...HEAD").split("\0")
    return {name: status == "A" for status, name in zip(fields[::2], fields[1::2])}


def uncommitted_changes(root: Path) -> dict[str, bool]:
    """Each path new (True) or modified (False) in the working tree or the index; deletions are left out."""
    fields = iter(git_output(root, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=all").split("\0"))
    changes: dict[str, bool] = {}
    for field in fields:
        status, name = field[:2], field[3:]
        if status[:1] in ("R", "C"):
            next(fields, None)  # the name it had before
        if name and "D" not in status:
            changes[name] = status == "??" or "A" in status
    return changes


def bibliography_at(root: Path, top: Path, commit: str, bibliography: Path) -> dict[str, Entry]:
    """The entries of bibliography.bib at `commit`; none if it had no such file."""
    shown = git(root, "show", f"{commit}:{bibliography.resolve().relative_to(top.resolve()).as_posix()}")
    return dict(parse(shown.stdout)[0].entries) if shown.returncode == 0 else {}


# --- the report on one case -----------------------------------------------------------------------


def case_report(catalogue: Catalogue, reviewed: Reviewed, new_keys: set[str] | None) -> list[str]:
    case = next((case for case in catalogue.cases if case.id == reviewed.path.stem), None)
    if case is None:  # not read as a case (is_case_file follows the loader, so this is a safeguard)
        return [f"## {escape(str(shown_path(reviewed.path)))}", "Kataloget læser ikke filen som et eksempel."]
    document, _ = load_document(reviewed.path)
    assert document is not None, "the catalogue has loaded it"
    return [f"## {escape(case.title)} – {labels.enumeration([escape(name) for name in case.municipalities])}",
            f"Fil: {escape(str(shown_path(reviewed.path)))} ({reviewed.status})",
            *section("Advarsler fra katalog check", file_warnings(catalogue, reviewed.path)),
            *section("Resultater i tal", result_lines(case, document, catalogue.bibliography)),
            *section("Tal i teksten", capped(with_figures(document),
                                             partial(figure_line, document, catalogue.bibliography))),
            *section("Afsnit og lister uden kildehenvisning", capped(uncited(document), partial(uncited_line, document)),
                     UNCITED_NOTE),
            *section("Kilder, der er nye i ændringen" if new_keys is not None else "Kilder",
                     source_lines(catalogue, case, new_keys)),
            *section("Emner, som intet andet eksempel bruger", new_tag_lines(catalogue, case)),
            *section("Principper, forudsætninger og organiseringsmodeller", linked_lines(catalogue, case, document)),
            "", "### Det skal en person stadig tjekke", "", *(f"- [ ] {item}" for item in CHECKLIST)]


def section(heading: str, lines: list[str], note: str = "") -> list[str]:
    """A heading and its list; nothing when the list is empty, so the report shows only what to look at."""
    return ["", f"### {heading}", "", *([note, ""] if note else []), *lines] if lines else []


def capped(found: Iterator[Sentence], shown_as: Callable[[Sentence], str]) -> list[str]:
    """The first LISTED items as `shown_as` writes them, and how many more there are: those are only
    counted, since finding a line costs a pass over its text."""
    shown, more = first_listed(found)
    return [shown_as(item) for item in shown] + ([f"- … og {more} mere (se filen)."] if more else [])


def file_warnings(catalogue: Catalogue, path: Path) -> list[str]:
    return problem_lines([warning for warning in catalogue.warnings if warning.path.resolve() == path.resolve()],
                         "Advarsel: ")


def where(document: Document, location: Location, offset: int | None = None) -> str:
    line = document.line_of(location) if offset is None else document.line_at(location, offset)
    return f"linje {line} ({escape(describe(location))})"


def result_lines(case: Case, document: Document, bibliography: Bibliography) -> list[str]:
    return [f"- {where(document, ('results', index))}: **{escape(labels.number(result.value))} "
            f"{escape(result.unit)}**, {escape(result.measures)}. Kildetype: {labels.SOURCE_TYPE[result.source_type]}. "
            f"Kilde: {escape(bibliography.sources[result.cite].label)}"
            for index, result in enumerate(case.results)]


@dataclass(frozen=True)
class Sentence:
    location: Location
    offset: int
    text: str


def sentences(document: Document) -> Iterator[Sentence]:
    """Every sentence of the case's prose (summary, sections, how texts, role descriptions)."""
    for location, text in document.strings():
        if is_cited_prose(location):
            yield from text_sentences(location, text)


def text_sentences(location: Location, text: str) -> Iterator[Sentence]:
    """The sentences of one text, with their offsets, in one pass; list markers and emphasis-only
    subheadings are left out."""
    start = 0
    for boundary in [*BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        lead = LEADING_MARKUP.match(text, start, end)
        begin = lead.end() if lead else start
        words = text[begin:end].rstrip()
        if words and not SUBHEADING.fullmatch(words):
            yield Sentence(location, begin, words)
        if boundary:
            start = boundary.end()


def cited(sentence: str, bibliography: Bibliography) -> list[str]:
    """The sentence's citations as a reader sees them: 'Jensen m.fl. 2018, s. 12'."""
    return [f"{bibliography.sources[item.key].label}{', ' + item.locator if item.locator else ''}"
            for marker in MARKER.finditer(sentence) for item in parse_marker(marker.group(1))
            if isinstance(item, Citation) and item.key in bibliography]


def shown_sentence(text: str) -> str:
    return escape(shorten(strip_citations(text), SHOWN_SENTENCE))


def figures_in(sentence: Sentence) -> list[re.Match[str]]:
    """The numbers a sentence states, its citations' page numbers left out."""
    return list(NUMBER.finditer(MARKER.sub(lambda m: " " * len(m.group()), sentence.text)))


def with_figures(document: Document) -> Iterator[Sentence]:
    return (sentence for sentence in sentences(document) if figures_in(sentence))


def figure_line(document: Document, bibliography: Bibliography, sentence: Sentence) -> str:
    figures = figures_in(sentence)
    citations = "; ".join(cited(sentence.text, bibliography)) or "ingen kildehenvisning"
    numbers = ", ".join(escape(match.group()) for match in figures)
    return (f"- {where(document, sentence.location, sentence.offset + figures[0].start())}: **{numbers}** "
            f"i »{shown_sentence(sentence.text)}« – kilde: {escape(citations)}")


def uncited(document: Document) -> Iterator[Sentence]:
    """The first sentence of each paragraph or list of the prose that cites nothing, judged as `katalog check`
    judges it (citestyle.py): one citation covers its paragraph, and a list is covered by one in it or in
    the lead-in before it. A paragraph that starts 'Katalogets vurdering:' needs none."""
    for location, text in document.strings():
        if is_cited_prose(location):
            for unit in uncited_units(blocks(text)):
                first = unit[0]
                yield Sentence(location, first.offset, markup.SENTENCE_END.split(first.texts()[0], maxsplit=1)[0])


def uncited_line(document: Document, sentence: Sentence) -> str:
    return f"- {where(document, sentence.location, sentence.offset)}: »{shown_sentence(sentence.text)}«"


def source_lines(catalogue: Catalogue, case: Case, new_keys: set[str] | None) -> list[str]:
    """The case's sources a reviewer must look up: new ones, or, for named files, all, each with its
    full reference and whether another case cites it too."""
    return [reference_line(catalogue.bibliography, key) + other_users(catalogue, case, key)
            for key in case.sources if new_keys is None or key in new_keys]


def reference_line(bibliography: Bibliography, key: str) -> str:
    """'- Jensen m.fl. 2018 (jensen2018): the full reference', as plain text."""
    source = bibliography.sources[key]
    reference = html.unescape(markup.plain_text(str(source.reference_html)))
    return f"- {escape(source.label)} ({escape(key)}): {escape(reference)}"


def other_users(catalogue: Catalogue, case: Case, key: str) -> str:
    others = sum(1 for other in catalogue.cases if other.id != case.id and key in other.sources)
    return f" – citeres også af {others} andre eksempler" if others > 1 else \
        " – citeres også af 1 andet eksempel" if others else " – intet andet eksempel citerer den"


def new_tag_lines(catalogue: Catalogue, case: Case) -> list[str]:
    return [f"- {escape(catalogue.vocabulary[tag].label)} ({escape(tag)})" for tag in case.tags
            if all(other.id == case.id for other in catalogue.tagged[tag])]


def linked_lines(catalogue: Catalogue, case: Case, document: Document) -> list[str]:
    """Each principle, prerequisite and model the case claims, with what it says shows it."""
    linked = [*((("organisation_models", index), shown) for index, shown in enumerate(case.organisation_models)),
              *((("principles", index), shown) for index, shown in enumerate(case.principles)),
              *((("prerequisites", index), shown) for index, shown in enumerate(case.prerequisites))]
    lines = []
    for location, shown in linked:
        principle = catalogue.principles_by_id[shown.id]
        first = next((s.text for s in text_sentences(location + ("how",), shown.how)), shown.how)
        citations = "; ".join(cited(first, catalogue.bibliography)) or "ingen kildehenvisning"
        lines.append(f"- {where(document, location)}: {labels.KIND_SINGULAR[principle.kind]} "
                     f"{escape(shown.id)}, *{escape(principle.title)}*: »{shown_sentence(first)}« – kilde: "
                     f"{escape(citations)}")
    return lines


def unused_new_sources(catalogue: Catalogue, cases: list[Reviewed], new_keys: set[str]) -> list[str]:
    """New sources that no reviewed case cites: a principle may, or nothing does (check warns then)."""
    reviewed = {reviewed.path.stem for reviewed in cases}
    citing = {key for case in catalogue.cases if case.id in reviewed for key in case.sources}
    lines = [reference_line(catalogue.bibliography, key) for key in sorted(new_keys - citing)]
    return section("Andre nye eller ændrede kilder i bibliography.bib", lines)


def problem_lines(problems: list[Problem], marked: str = "") -> list[str]:
    return [f"- {escape(problem.told(marked))}" for problem in problems]
