"""Check loaded documents: first each against the schema, then the references between them.

Every check returns problems instead of stopping, so one run reports everything wrong.
Messages are Danish and written for a maintainer who is not a programmer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .bibliography import Bibliography
from .citations import MARKER, Citation, parse_marker
from .loader import SLUG, Document, Location, shorten
from .markup import MAX_NESTING, lines_with_offsets, text_issues
from .problems import Problem
from .schema import CITE_KEY, Case, Kind, Principle

RecordT = TypeVar("RecordT", bound=BaseModel)

SEE_GUIDE = "Se feltbeskrivelsen i CONTRIBUTING.md."
PLAIN_TEXT_HINT = "Skriv almindelig tekst; brug Markdown (*kursiv*, lister med '- ') til formatering."


def validate_documents(documents: list[Document], model: type[RecordT]) -> tuple[list[tuple[Document, RecordT]], list[Problem]]:
    """Turn documents into typed records; the id of each is its file name.

    The loader has already told what is wrong with a file name, so the schema's view of the
    id is left out; every other field is still checked.
    """
    records: list[tuple[Document, RecordT]] = []
    problems: list[Problem] = []
    for document in documents:
        if "id" in document.data:
            problems.append(Problem(
                document.path,
                "Feltet 'id' skal ikke skrives: en posts id er dens filnavn.",
                "Slet linjen med 'id:'. Vil du ændre id'et, så omdøb filen.",
                document.line_of(("id",)),
            ))
        try:
            records.append((document, model.model_validate({**document.data, "id": document.stem})))
        except ValidationError as error:
            problems.extend(schema_problem(document, detail) for detail in error.errors() if detail["loc"] != ("id",))
    return records, problems


def describe(location: Location) -> str:
    """A field's place in words: 'results → punkt 2 → cite'."""
    parts = [f"punkt {part + 1}" if isinstance(part, int) else shorten(str(part)) for part in location]
    return " → ".join(parts) or "filen"


def schema_problem(document: Document, detail: dict[str, Any]) -> Problem:
    location = tuple(detail["loc"])
    name = describe(location)
    message, hint = explain(detail, name)
    return Problem(document.path, message, hint, document.line_of(location))


def explain(detail: dict[str, Any], name: str) -> tuple[str, str]:
    kind = detail["type"]
    context = detail.get("ctx", {})
    value = detail.get("input")
    if kind == "missing":
        return f"Feltet '{name}' mangler.", f"Tilføj feltet. {SEE_GUIDE}"
    if kind == "extra_forbidden":
        return f"Feltet '{name}' kendes ikke.", f"Tjek stavningen af feltnavnet, eller slet feltet. {SEE_GUIDE}"
    if kind in RECORD_ERRORS:
        message, hint = RECORD_ERRORS[kind]
        return message.format(name=name), hint
    if kind == "enum":
        return (f"'{name}' har værdien '{value}', som ikke er tilladt.",
                f"Brug en af: {str(context.get('expected')).replace(' or ', ' eller ')}.")
    if kind == "string_pattern_mismatch":
        return (f"'{name}' har værdien '{value}', som ikke er et gyldigt id.",
                "Brug kun små bogstaver a-z, tal og bindestreg, fx 'job-og-familie'.")
    if kind in ("string_too_short", "too_short"):
        return f"'{name}' er tom eller har for få punkter.", f"Skriv mindst {context.get('min_length', 1)} punkt(er)."
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return f"'{name}' er for lang: højst {context.get('max_length')} tegn.", "Gør teksten kortere."
    if kind == "too_long":
        return (f"'{name}' har for mange punkter: højst {context.get('max_length')}.",
                "Slet punkter, eller slå nogle af dem sammen.")
    return f"'{name}': {TYPE_MESSAGES.get(kind, detail['msg'])} (fik: {shorten(repr(value), 60)}).", SEE_GUIDE


MARKUP_PROBLEMS = {
    "html": ("'{name}' indeholder HTML-kode, som ikke må stå i kataloget.", PLAIN_TEXT_HINT),
    "image": ("'{name}' indeholder et billede (![…](…)), som ville blive hentet fra en anden server.",
              "Fjern billedet; kataloget viser kun tekst."),
    "link": ("'{name}' indeholder et link til '{detail}', som ikke er tilladt: kun https://, http:// og mailto:, "
             "aldrig javascript: eller data:.",
             "Skriv hele adressen, som den står i browserens adresselinje, fx https://www.vive.dk/."),
    "relative_link": ("'{name}' linker til '{detail}', som ikke er en hel webadresse.",
                      "Skriv hele adressen med https://. Links til principper, forudsætninger og modeller laver "
                      "kataloget selv ud fra 'principles', 'prerequisites' og 'organisation_model'."),
    "attributes": ("'{name}' indeholder en attributliste, '{detail}', som kataloget ikke bruger.",
                   "Slet {…}, og formatér med Markdown (*kursiv*, **fed**) i stedet."),
    "nesting": ("'{name}' har lister eller citater inden i hinanden i {detail} niveauer.",
                f"Brug højst {MAX_NESTING} niveauer: skriv punkterne som én liste, eller del teksten i afsnit."),
}
"""Messages for what `markup.text_issues` finds, by kind."""

RECORD_ERRORS = {
    "period_order": ("Perioden slutter før den begynder.", "Ret 'start' eller 'end' under 'period'."),
    "status_year_after_review": ("'status_year' ligger efter 'last_reviewed'.",
                                 "Skriv året for den nyeste kilde, der fortæller om status, og som du har læst."),
    "invisible": ("'{name}' indeholder ingen synlige tegn, kun mellemrum eller usynlige tegn.",
                  "Skriv teksten, eller slet feltet, hvis det ikke er påkrævet."),
}
"""Messages for the schema's own error types (PydanticCustomError), by type."""

TYPE_MESSAGES = {
    "string_type": "skal være tekst",
    "int_type": "skal være et heltal",
    "int_parsing": "skal være et heltal",
    "int_from_float": "skal være et heltal",
    "float_type": "skal være et tal (brug punktum som decimaltegn, fx 2.5)",
    "float_parsing": "skal være et tal (brug punktum som decimaltegn, fx 2.5)",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "list_type": "skal være en liste, hvor hvert punkt står på sin egen linje og begynder med '- '",
    "dict_type": "skal være et afsnit med underfelter på formen 'navn: værdi'",
    "model_type": "skal være et afsnit med underfelter på formen 'navn: værdi'",
    "model_attributes_type": "skal være et afsnit med underfelter på formen 'navn: værdi'",
    "date_type": "skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2026-11-25",
    "date_parsing": "skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2026-11-25",
    "date_from_datetime_parsing": "skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2026-11-25",
    "finite_number": "skal være et almindeligt tal, ikke .nan eller .inf",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
}


def check_markup(document: Document) -> list[Problem]:
    """Markup the site would not show as written (HTML, images, attribute lists, unsafe links), at its line."""
    problems: list[Problem] = []
    for location, text in document.strings():
        for issue in text_issues(text):
            message, hint = MARKUP_PROBLEMS[issue.kind]
            problems.append(Problem(document.path, message.format(name=describe(location), detail=printable(issue.detail)),
                                    hint, document.line_at(location, issue.offset)))
    return problems


def printable(text: str) -> str:
    """A value from a file as a message can show it: control characters spelled out, and short."""
    return shorten("".join(character if character.isprintable() else f"\\x{ord(character):02x}" for character in text))


def check_references(cases: list[Document], principles: list[Document],
                     bibliography: Bibliography | None) -> list[Problem]:
    """The checks that need more than one file: the principles a case names, and citations.

    They read every loaded document, valid or not, so that a schema error in a file does not
    hide the problems of its references. Citations are checked only against a bibliography
    that loaded; otherwise every citation would be reported as unknown on top of the
    bibliography's own problem.
    """
    ids_by_kind = {kind: sorted(d.stem for d in principles if d.data.get("kind") == kind.value) for kind in Kind}
    problems: list[Problem] = []
    for document in cases:
        problems += check_demonstrations(document, ids_by_kind)
    if bibliography is not None:
        for document in [*cases, *principles]:
            problems += check_citations(document, bibliography)
    return problems


KIND_NAMES = {Kind.principle: "et kendt princip", Kind.prerequisite: "en kendt forudsætning",
              Kind.model: "en kendt organiseringsmodel"}
DEMONSTRATION_LISTS = {"principles": Kind.principle, "prerequisites": Kind.prerequisite}


def demonstrated(document: Document) -> Iterator[tuple[Kind, Location, str]]:
    """The principle ids a case names, read from its data; an id that is not a slug is left to the schema."""
    shown: list[tuple[Kind, Location, Any]] = [
        (Kind.model, ("organisation_model",), document.data.get("organisation_model"))]
    for field, kind in DEMONSTRATION_LISTS.items():
        items = document.data.get(field)
        if isinstance(items, list):
            shown += [(kind, (field, index), item) for index, item in enumerate(items)]
    for kind, location, item in shown:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and SLUG.match(item["id"]):
            yield kind, location + ("id",), item["id"]


def check_demonstrations(document: Document, ids_by_kind: dict[Kind, list[str]]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Kind, str]] = set()
    for kind, location, shown in demonstrated(document):
        line = document.line_of(location)
        if shown not in ids_by_kind[kind]:
            problems.append(Problem(
                document.path,
                f"'{shown}' er ikke {KIND_NAMES[kind]}.",
                f"Brug et af disse id'er: {', '.join(ids_by_kind[kind]) or '(ingen endnu)'}.",
                line,
            ))
        elif (kind, shown) in seen:
            problems.append(Problem(document.path, f"'{shown}' er nævnt to gange.",
                                    "Slet den ene, eller slå forklaringerne sammen.", line))
        seen.add((kind, shown))
    return problems


def citations_in(location: Location, text: str) -> Iterator[tuple[int, Citation | str]]:
    """Each citation in a text with its offset; a figure's `cite` field is one key."""
    if location[-1:] == ("cite",):
        if CITE_KEY.match(text):
            yield 0, Citation(text, None)
        return
    for marker in MARKER.finditer(text):
        for item in parse_marker(marker.group(1)):
            yield marker.start(), item


def check_citations(document: Document, bibliography: Bibliography) -> list[Problem]:
    """Every cited key exists, and `sources` lists exactly what the file cites.

    A key missing from the bibliography is told once, as unknown, and not again as missing from
    or superfluous in `sources`: the fix is the same.
    """
    problems: list[Problem] = []
    cited: dict[str, int | None] = {}
    for location, text in document.strings():
        if location[:1] == ("sources",):
            continue
        for offset, item in citations_in(location, text):
            line = document.line_at(location, offset)
            if isinstance(item, Citation):
                cited.setdefault(item.key, line)
            else:
                problems.append(malformed_citation(document.path, item, line))
    listed = document.data.get("sources")
    listed_lines = {key: document.line_of(("sources", index)) for index, key in enumerate(listed)
                    if isinstance(key, str) and CITE_KEY.match(key)} if isinstance(listed, list) else {}
    for key, line in {**listed_lines, **cited}.items():
        if key not in bibliography:
            problems.append(unknown_key(document.path, key, line, bibliography))
    if isinstance(listed, list):
        problems += compare_sources(document, [key for key in listed_lines if key in bibliography],
                                    [key for key in cited if key in bibliography])
    return problems


def check_prose(path: Path, text: str, bibliography: Bibliography) -> list[Problem]:
    """Citations in a template's own prose, checked like record text, so a typo is no build-time crash."""
    problems: list[Problem] = []
    for marker in MARKER.finditer(text):
        line = text.count("\n", 0, marker.start()) + 1
        for item in parse_marker(marker.group(1)):
            if not isinstance(item, Citation):
                problems.append(malformed_citation(path, item, line))
            elif item.key not in bibliography:
                problems.append(unknown_key(path, item.key, line, bibliography))
    return problems


def malformed_citation(path: Path, raw: str, line: int | None) -> Problem:
    return Problem(path, f"Kildehenvisningen '[{shorten(raw)}]' kan ikke læses.",
                   "Skriv henvisninger som [@nøgle] eller [@nøgle, s. 12], flere som [@a; @b].", line)


def unknown_key(path: Path, key: str, line: int | None, bibliography: Bibliography) -> Problem:
    close = difflib.get_close_matches(key, list(bibliography.sources), n=3)
    suggestion = f" Mente du: {', '.join(close)}?" if close else ""
    return Problem(
        path,
        f"Kilden '{key}' findes ikke i bibliography.bib.",
        f"Ret nøglen, eller tilføj kilden i bibliography.bib.{suggestion}",
        line,
    )


def compare_sources(document: Document, listed: list[str], cited: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    line = document.line_of(("sources",))
    for key in cited:
        if key not in listed:
            problems.append(Problem(document.path, f"Kilden '{key}' citeres, men står ikke under 'sources'.",
                                    f"Tilføj '{key}' til listen 'sources'.", line))
    for key in listed:
        if key not in cited:
            problems.append(Problem(document.path, f"Kilden '{key}' står under 'sources', men citeres ingen steder.",
                                    f"Citér den med [@{key}] i teksten, eller fjern den fra 'sources'.", line))
    return problems


def check_duplicates(cases: list[tuple[Document, Case]], principles: list[tuple[Document, Principle]]) -> list[Problem]:
    problems: list[Problem] = []
    seen_titles: dict[str, Document] = {}
    for document, case in cases:
        first = seen_titles.setdefault(case.title.casefold(), document)
        if first is not document:
            problems.append(Problem(document.path, f"Titlen '{case.title}' bruges også i {first.path.name}.",
                                    "Giv eksemplet en titel, der skelner det fra det andet.",
                                    document.line_of(("title",))))
    seen_questions: dict[str, Document] = {}
    seen_numbers: dict[tuple[Kind, int], Document] = {}
    for document, principle in principles:
        for index, question in enumerate(principle.questions):
            first = seen_questions.get(question.id)
            if first is not None:
                problems.append(Problem(document.path, f"Spørgsmåls-id'et '{question.id}' bruges mere end én gang "
                                        f"(også i {first.path.name}).", "Giv spørgsmålet et nyt, unikt id.",
                                        document.line_of(("questions", index, "id"))))
            seen_questions.setdefault(question.id, document)
        first = seen_numbers.setdefault((principle.kind, principle.number), document)
        if first is not document:
            problems.append(Problem(document.path, f"Nummer {principle.number} bruges også af {first.path.name}.",
                                    "Giv hver post af samme slags sit eget nummer.", document.line_of(("number",))))
    return problems


# Warnings about how record text cites: they never stop a build (see `citation_warnings`).

ANY_KEY, ANY_INDEX = str, int
CITED_PROSE: tuple[Location, ...] = (
    ("summary",), ("short",), ("description",), ("sections", ANY_KEY), ("organisation_model", "how"),
    ("principles", ANY_INDEX, "how"), ("prerequisites", ANY_INDEX, "how"), ("roles", ANY_INDEX, "description"))
"""The texts of several sentences whose claims must name their sources; titles, units and questions are left out."""
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)")
CLOSING = " \t\n.,;:!?)*_"
"""What may follow a text's last citation: closing punctuation and emphasis."""
JUDGEMENT = re.compile(r"[*_]*katalogets vurdering[*_]*\s*:", re.IGNORECASE)
"""How a paragraph that is the catalogue's own conclusion starts: it cites nothing."""
JUDGEMENT_PREFIX = "Katalogets vurdering:"
SUBHEADING = re.compile(r"([*_]{1,2})[^*_\n]+\1")
"""A paragraph that is all emphasis, like '*Resultater*', heads what follows: it is no claim to cite."""


def is_cited_prose(location: Location) -> bool:
    return any(len(location) == len(pattern) and all(
        part == wanted or (isinstance(wanted, type) and isinstance(part, wanted) and not isinstance(part, bool))
        for part, wanted in zip(location, pattern)) for pattern in CITED_PROSE)


@dataclass
class Block:
    """A paragraph (one part) or a list (one part per item) of record text, each part with the offset
    where it starts and its lines."""

    is_list: bool
    parts: list[tuple[int, list[str]]]

    @property
    def offset(self) -> int:
        return self.parts[0][0]

    def texts(self) -> list[str]:
        return ["\n".join(lines) for _, lines in self.parts]

    @property
    def text(self) -> str:
        return "\n".join(self.texts())


def blocks(text: str) -> list[Block]:
    """Paragraphs and top-level lists as Markdown reads them: blank lines part paragraphs; a line
    that starts with '- ', '* ', '+ ' or '1. ' starts a list item; a following line belongs to the
    item when it is indented or follows without a blank line."""
    found: list[Block] = []
    current: Block | None = None
    after_blank = False
    for line, offset in lines_with_offsets(text):
        start = offset + len(line) - len(line.lstrip())
        if not line.strip():
            current = current if current and current.is_list else None
        elif marker := LIST_ITEM.match(line):
            if current is None or not current.is_list:
                current = Block(True, [])
                found.append(current)
            current.parts.append((start, [line[marker.end():].strip()]))
        elif current is not None and (not after_blank or (current.is_list and line[:2] in ("  ", "\t"))):
            current.parts[-1][1].append(line.strip())
        else:
            current = Block(False, [(start, [line.strip()])])
            found.append(current)
        after_blank = not line.strip()
    return found


def citation_warnings(document: Document) -> list[Problem]:
    """How the document's prose cites, where it makes a page hard to read or a claim unsourced."""
    warnings: list[Problem] = []
    for location, text in document.strings():
        if not is_cited_prose(location):
            continue
        found = blocks(text)
        for block in found:
            if block.is_list and (citation := repeats_one_citation(block)):
                warnings.append(repeated_citation(document, location, block, citation))
        warnings += [uncited(document, location, unit) for unit in units(found) if not cites(unit)]
    return warnings


def repeats_one_citation(block: Block) -> Citation | None:
    """The one citation every item of a list of two or more ends with, if there is one."""
    endings: set[Citation] = set()
    for item in block.texts():
        cited = parse_marker(ending.group(1)) if (ending := final_marker(item)) else []
        if len(cited) != 1 or not isinstance(cited[0], Citation):
            return None
        endings.add(cited[0])
    return endings.pop() if len(block.parts) > 1 and len(endings) == 1 else None


def final_marker(text: str) -> re.Match[str] | None:
    """The citation a text ends with, before any closing punctuation or emphasis."""
    end = text.rstrip(CLOSING)
    return MARKER.fullmatch(end, end.rfind("[")) if end.endswith("]") else None


def repeated_citation(document: Document, location: Location, block: Block, citation: Citation) -> Problem:
    marker = f"[@{citation.key}{', ' + citation.locator if citation.locator else ''}]"
    return Problem(
        document.path,
        f"'{describe(location)}': alle {len(block.parts)} punkter i listen slutter med den samme "
        f"kildehenvisning, {marker}.",
        f"Skriv {marker} én gang i sætningen, der leder ind til listen (fx '… disse erfaringer {marker}:'), "
        "og slet den efter hvert punkt. Har listen ingen indledende sætning, så skriv en.",
        document.line_at(location, block.offset))


def units(found: list[Block]) -> list[list[Block]]:
    """What one citation can cover: a paragraph, a list, or a lead-in ending in ':' with its list."""
    grouped: list[list[Block]] = []
    for block in found:
        lead_in = grouped[-1] if grouped else None
        if block.is_list and lead_in and len(lead_in) == 1 and not lead_in[0].is_list \
                and lead_in[0].text.rstrip("*_ ").endswith(":"):
            lead_in.append(block)
        else:
            grouped.append([block])
    return grouped


def cites(unit: list[Block]) -> bool:
    """A citation anywhere in the unit, or the catalogue's own judgement, which cites nothing."""
    first = unit[0]
    if JUDGEMENT.match(first.text) or (first.is_list and all(JUDGEMENT.match(item) for item in first.texts())):
        return True
    if len(unit) == 1 and not first.is_list and SUBHEADING.fullmatch(first.text):
        return True
    return any(MARKER.search(block.text) for block in unit)


def uncited(document: Document, location: Location, unit: list[Block]) -> Problem:
    first = unit[0]
    what = "listen" if first.is_list else "afsnittet"
    start = shorten(" ".join(first.texts()[0].split()), 50)
    return Problem(
        document.path,
        f"'{describe(location)}': {what}, der begynder '{start}', har ingen kildehenvisning.",
        f"Tilføj kilden, fx [@nøgle], efter det, den støtter. Er det katalogets egen konklusion, så begynd "
        f"{what} med '{JUDGEMENT_PREFIX}' – så skal der ingen kildehenvisning stå.",
        document.line_at(location, first.offset))
