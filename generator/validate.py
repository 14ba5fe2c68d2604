"""Check loaded documents: first each against the schema, then the references between them.

Every check returns problems instead of stopping, so one run reports everything wrong.
Messages are Danish and written for a maintainer who is not a programmer.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .bibliography import Bibliography
from .citations import cited_keys, malformed_citations
from .loader import Document, Location
from .problems import Problem
from .schema import Case, Kind, Principle

RecordT = TypeVar("RecordT", bound=BaseModel)

SEE_GUIDE = "Se feltbeskrivelsen i CONTRIBUTING.md."
PLAIN_TEXT_HINT = "Skriv almindelig tekst; brug Markdown (*kursiv*, lister med '- ') til formatering."


def validate_documents(documents: list[Document], model: type[RecordT]) -> tuple[list[tuple[Document, RecordT]], list[Problem]]:
    """Turn documents into typed records; the id of each is its file name."""
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
            continue
        try:
            records.append((document, model.model_validate({**document.data, "id": document.stem})))
        except ValidationError as error:
            problems.extend(schema_problem(document, detail) for detail in error.errors())
    return records, problems


def describe(location: Location) -> str:
    """A field's place in words: 'results → punkt 2 → cite'."""
    parts = [f"punkt {part + 1}" if isinstance(part, int) else str(part) for part in location]
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
    if kind == "value_error" and str(context.get("error", "")) in VALUE_ERRORS:
        message, hint = VALUE_ERRORS[str(context["error"])]
        return message.format(name=name), hint
    if kind == "enum":
        return (f"'{name}' har værdien '{value}', som ikke er tilladt.",
                f"Brug en af: {str(context.get('expected')).replace(' or ', ' eller ')}.")
    if kind == "string_pattern_mismatch":
        return (f"'{name}' har værdien '{value}', som ikke er et gyldigt id.",
                "Brug kun små bogstaver a-z, tal og bindestreg, fx 'job-og-familie'.")
    if kind in ("string_too_short", "too_short"):
        return f"'{name}' er tom eller har for få punkter.", f"Skriv mindst {context.get('min_length', 1)} punkt(er)."
    if kind in ("string_too_long", "too_long"):
        return f"'{name}' er for lang.", f"Gør den kortere: højst {context.get('max_length')} tegn/punkter."
    return f"'{name}': {TYPE_MESSAGES.get(kind, detail['msg'])} (fik: {short(value)}).", SEE_GUIDE


VALUE_ERRORS = {
    "html": ("'{name}' indeholder HTML-kode, som ikke må stå i kataloget.", PLAIN_TEXT_HINT),
    "image": ("'{name}' indeholder et billede (![…](…)), som ville blive hentet fra en anden server.",
              "Fjern billedet; kataloget viser kun tekst."),
    "script_link": ("'{name}' indeholder et link til javascript: eller data:, som ikke er tilladt.",
                    "Link kun til almindelige adresser, der begynder med https://."),
    "period_order": ("Perioden slutter før den begynder.", "Ret 'start' eller 'end' under 'period'."),
}

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
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
}


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def check_references(cases: list[tuple[Document, Case]], principles: list[tuple[Document, Principle]],
                     bibliography: Bibliography | None) -> list[Problem]:
    """The checks that need more than one file: ids, citations and duplicates.

    Citations are checked only against a bibliography that loaded; otherwise every
    citation would be reported as unknown on top of the bibliography's own problem.
    """
    ids_by_kind = {kind: sorted(p.id for _, p in principles if p.kind is kind) for kind in Kind}
    problems: list[Problem] = []
    for document, case in cases:
        problems += check_demonstrations(document, case, ids_by_kind)
    if bibliography is not None:
        for document, _ in [*cases, *principles]:
            problems += check_citations(document, bibliography)
    problems += check_duplicates(cases, principles)
    return problems


KIND_NAMES = {Kind.principle: "et kendt princip", Kind.prerequisite: "en kendt forudsætning",
              Kind.model: "en kendt organiseringsmodel"}


def check_demonstrations(document: Document, case: Case, ids_by_kind: dict[Kind, list[str]]) -> list[Problem]:
    groups = [
        (Kind.model, [(("organisation_model", "id"), case.organisation_model)]),
        (Kind.principle, [(("principles", index, "id"), shown) for index, shown in enumerate(case.principles)]),
        (Kind.prerequisite, [(("prerequisites", index, "id"), shown)
                             for index, shown in enumerate(case.prerequisites)]),
    ]
    problems: list[Problem] = []
    for kind, demonstrations in groups:
        seen: set[str] = set()
        for location, shown in demonstrations:
            line = document.line_of(location)
            if shown.id not in ids_by_kind[kind]:
                problems.append(Problem(
                    document.path,
                    f"'{shown.id}' er ikke {KIND_NAMES[kind]}.",
                    f"Brug et af disse id'er: {', '.join(ids_by_kind[kind]) or '(ingen endnu)'}.",
                    line,
                ))
            elif shown.id in seen:
                problems.append(Problem(document.path, f"'{shown.id}' er nævnt to gange.",
                                        "Slet den ene, eller slå forklaringerne sammen.", line))
            seen.add(shown.id)
    return problems


def walk_strings(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, location + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, location + (index,))


def check_citations(document: Document, bibliography: Bibliography) -> list[Problem]:
    """Every cited key exists, and `sources` lists exactly what the file cites."""
    problems: list[Problem] = []
    cited: dict[str, Location] = {}
    for location, text in walk_strings(document.data):
        if location[:1] == ("sources",):
            continue
        keys = [text] if location[-1:] == ("cite",) else cited_keys(text)
        for key in keys:
            cited.setdefault(key, location)
        for raw in malformed_citations(text):
            problems.append(Problem(document.path, f"Kildehenvisningen '[{raw}]' kan ikke læses.",
                                    "Skriv henvisninger som [@nøgle] eller [@nøgle, s. 12], flere som [@a; @b].",
                                    document.line_of(location)))
    for key, location in cited.items():
        if key not in bibliography:
            problems.append(unknown_key(document, key, location, bibliography))
    listed = document.data.get("sources")
    if isinstance(listed, list):
        problems += compare_sources(document, [str(key) for key in listed], cited)
    return problems


def unknown_key(document: Document, key: str, location: Location, bibliography: Bibliography) -> Problem:
    close = difflib.get_close_matches(key, list(bibliography.sources), n=3)
    suggestion = f" Mente du: {', '.join(close)}?" if close else ""
    return Problem(
        document.path,
        f"Kilden '{key}' findes ikke i bibliography.bib.",
        f"Ret nøglen, eller tilføj kilden i bibliography.bib.{suggestion}",
        document.line_of(location),
    )


def compare_sources(document: Document, listed: list[str], cited: dict[str, Location]) -> list[Problem]:
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
