"""Check loaded documents: first each against the schema, then the references between them.

Every check returns problems instead of stopping, so one run reports everything wrong.
Messages are Danish and written for a maintainer who is not a programmer.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Container, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .bibliography import Bibliography
from .citations import MARKER, Citation, parse_marker, plain_name, plain_words, strip_citations
from .loader import RESERVED_IDS, SLUG, Document, Location, shorten, slugify
from .markup import CASE_LINK_SCHEME, MAX_NESTING, case_link_ids, text_issues
from .problems import Problem, shown_path
from .schema import CITE_KEY, HOW_LENGTH, MAX_ID, MAX_ITEMS, SUMMARY_LENGTH, Case, Kind, Principle, Synonyms, Tag, Tags

RecordT = TypeVar("RecordT", bound=BaseModel)

SEE_GUIDE = "Se feltbeskrivelsen i CONTRIBUTING.md."
PLAIN_TEXT_HINT = "Skriv almindelig tekst; brug Markdown (*kursiv*, lister med '- ') til formatering."


Validated = tuple[RecordT | None, list[Problem]]
"""A document as a typed record (none if it is not valid), and what is wrong with it."""


def validate_documents(documents: list[Document], validate: Callable[[Document], Validated[RecordT]],
                       ) -> tuple[list[tuple[Document, RecordT]], list[Problem]]:
    """Turn documents into typed records, each by `validate` (`validate_document` for one model, or its
    result kept from the last load)."""
    records: list[tuple[Document, RecordT]] = []
    problems: list[Problem] = []
    for document in documents:
        record, found = validate(document)
        if record is not None:
            records.append((document, record))
        problems += found
    return records, problems


def validate_document(document: Document, model: type[RecordT], today: datetime.date) -> Validated:
    """One document as a typed record, as of `today` (no review after it); its id is its file name.

    The loader has already told what is wrong with a file name, so the schema's view of the
    id is left out; every other field is still checked.
    """
    problems: list[Problem] = []
    if "id" in document.data:
        problems.append(Problem(
            document.path,
            "Feltet 'id' skal ikke skrives: en posts id er dens filnavn.",
            "Slet linjen med 'id:'. Vil du ændre id'et, så omdøb filen.",
            document.line_of(("id",)),
        ))
    try:
        return model.model_validate({**document.data, "id": document.stem}, context={"today": today}), problems
    except ValidationError as error:
        return None, problems + list(schema_problems(document, error.errors(), RENAMED_FIELDS if model is Case else {}))


def schema_problems(document: Document, details: list[ErrorDetails],
                    renamed: dict[str, tuple[str, str]]) -> Iterator[Problem]:
    """The schema's errors told in Danish. A field written under the name it had before it became a list is
    told once, by its new name and how to write it, not also as a field missing."""
    old_names = {(old,) for old in renamed if old in document.data}
    new_names = {(renamed[old][0],) for (old,) in old_names}
    for detail in details:
        location = tuple(detail["loc"])
        if location == ("id",) or (detail["type"] == "missing" and location in new_names):
            continue
        if detail["type"] == "extra_forbidden" and location in old_names:
            new, hint = renamed[location[0]]
            yield Problem(document.path, f"Feltet '{location[0]}' hedder nu '{new}' og er en liste, så et eksempel "
                                         "kan have flere.", hint, document.line_of(location))
        else:
            yield schema_problem(document, detail)


def describe(location: Location) -> str:
    """A field's place in words: 'results → punkt 2 → cite'."""
    parts = [f"punkt {part + 1}" if isinstance(part, int) else shorten(str(part)) for part in location]
    return " → ".join(parts) or "filen"


def schema_problem(document: Document, detail: ErrorDetails) -> Problem:
    location = tuple(detail["loc"])
    name = describe(location)
    message, hint = explain(detail, name)
    return Problem(document.path, message, hint, document.line_of(location))


def explain(detail: ErrorDetails, name: str) -> tuple[str, str]:
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
    "case_link": ("'{name}' linker til '{detail}', men et eksempels id skrives kun med små bogstaver a-z, tal og "
                  "bindestreg.",
                  "Skriv id'et, som det står i eksemplets filnavn i cases/ uden .yml, fx "
                  "[Din Indgang](eksempel:fredericia-din-indgang)."),
    "relative_link": ("'{name}' linker til '{detail}', som ikke er en hel webadresse.",
                      "Skriv hele adressen med https://. Et link til et andet eksempel skrives med eksemplets id, "
                      "fx [Din Indgang](eksempel:fredericia-din-indgang). Links til principper, forudsætninger og "
                      "modeller laver kataloget selv ud fra 'principles', 'prerequisites' og 'organisation_models'."),
    "attributes": ("'{name}' indeholder en attributliste, '{detail}', som kataloget ikke bruger.",
                   "Slet {…}, og formatér med Markdown (*kursiv*, **fed**) i stedet."),
    "nesting": ("'{name}' har lister eller citater inden i hinanden i {detail} niveauer.",
                f"Brug højst {MAX_NESTING} niveauer: skriv punkterne som én liste, eller del teksten i afsnit."),
}
"""Messages for what `markup.text_issues` finds, by kind."""

RENAMED_FIELDS = {
    "municipality": ("municipalities", "Skriv 'municipalities:' og hver kommune på sin egen linje under den som et "
                                       "punkt, fx '  - Fredericia Kommune'."),
    "organisation_model": ("organisation_models", "Skriv 'organisation_models:' og modellen under den som et punkt "
                                                  "med 'id' og 'how', fx '  - id: ny-enhed', skrevet som under "
                                                  "'principles'."),
}
"""A case's fields that were one value and became lists: the new name, and how to write it."""

RECORD_ERRORS = {
    "period_order": ("Perioden slutter før den begynder.", "Ret 'start' eller 'end' under 'period'."),
    "status_year_after_review": ("'status_year' ligger efter 'last_reviewed'.",
                                 "Skriv året for den nyeste kilde, der fortæller om status, og som du har læst."),
    "synonym_word": ("'{name}' skal være ét ord med små bogstaver (2 til 40 bogstaver, æ, ø og å er fine).",
                     "Skriv ordet uden mellemrum, bindestreg og tal, fx 'tovholder'."),
    "invisible": ("'{name}' indeholder ingen synlige tegn, kun mellemrum eller usynlige tegn.",
                  "Skriv teksten, eller slet feltet, hvis det ikke er påkrævet."),
    "placeholder": ("'{name}' er ikke udfyldt endnu: der står 'SKRIV: …' fra skabelonen.",
                    "Udfyld feltet, som kommentaren over det beskriver, eller slet det (i en liste: hele punktet), "
                    "hvis det er valgfrit."),
    "review_in_future": ("'{name}' er en dato efter i dag.",
                         "Skriv den dag, du sidst gennemgik hele posten mod kilderne: i dag eller før, som "
                         "ÅÅÅÅ-MM-DD."),
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


CaseLink = tuple[Location, str, str]
"""A text's location, the text, and the id of a case it links to."""


def linked_cases(document: Document) -> list[CaseLink]:
    """Each case a document's texts link to, once per text: what reads only the file, so a preview keeps it."""
    return [(location, text, linked) for location, text in document.strings()
            for linked in dict.fromkeys(case_link_ids(text))]


def check_references(cases: list[Document], principles: list[Document],
                     citations: Callable[[Document], list[Problem]] | None,
                     vocabulary: dict[str, Tag] | None, vocabulary_file: Path,
                     case_links: Callable[[Document], list[CaseLink]] = linked_cases) -> list[Problem]:
    """The checks that need more than one file: the principles and tags a case names, citations
    (`citations`: `check_citations` against the bibliography, or none when it did not load), and links to
    cases (`case_links`: `linked_cases`, or its result kept from the last load).

    They read every loaded document, valid or not, so that a schema error in a file does not
    hide the problems of its references. Citations and tags are checked only against a
    bibliography and a vocabulary that loaded; otherwise every citation or tag would be reported
    as unknown on top of the file's own problem.
    """
    ids_by_kind = {kind: {d.stem: title_of(d) for d in sorted(principles, key=lambda d: d.stem)
                          if d.data.get("kind") == kind.value} for kind in Kind}
    problems: list[Problem] = []
    for document in cases:
        problems += check_demonstrations(document, ids_by_kind)
        if vocabulary is not None:
            problems += check_tags(document, vocabulary, vocabulary_file)
    if citations is not None:
        for document in [*cases, *principles]:
            problems += citations(document)
    case_ids = sorted(document.stem for document in cases)
    known = frozenset(case_ids)
    return problems + [problem for document in [*cases, *principles]
                       for problem in check_case_links(document, case_ids, case_links(document), known)]


def check_case_links(document: Document, case_ids: list[str], links: list[CaseLink],
                     known: frozenset[str]) -> list[Problem]:
    """Every case a text links to (`links`, found by `linked_cases`) exists (is `known`, the set of
    `case_ids`): `katalog check` finds a wrong id, not only the build."""
    problems: list[Problem] = []
    for location, text, linked in links:
        if linked not in known:
            meant = did_you_mean([f"'{close}'" for close in difflib.get_close_matches(linked, case_ids, n=3)])
            problems.append(Problem(
                document.path, f"'{describe(location)}' linker til eksemplet '{linked}', som ikke findes.",
                f"{meant}Skriv id'et på eksemplet, du vil linke til: dets filnavn i cases/ uden .yml.",
                document.line_at(location, max(text.find(f"{CASE_LINK_SCHEME}:{linked}"), 0))))
    return problems


KIND_NAMES = {Kind.principle: "et kendt princip", Kind.prerequisite: "en kendt forudsætning",
              Kind.model: "en kendt organiseringsmodel"}
DEMONSTRATION_LISTS = {"organisation_models": Kind.model, "principles": Kind.principle, "prerequisites": Kind.prerequisite}
Told = Callable[[str], tuple[str, str]]
"""What a check tells about one id: its message and hint."""


def check_named(document: Document, named: list[tuple[Location, str]], known: Container[str],
                unknown: Told, twice: Told) -> list[Problem]:
    """Each id a case names is known, and named once; an unknown id named again is told unknown once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for location, name in named:
        told = twice(name) if name in seen else None if name in known else unknown(name)
        if told:
            problems.append(Problem(document.path, *told, document.line_of(location)))
        seen.add(name)
    return problems


def demonstrated(document: Document) -> Iterator[tuple[Kind, Location, str]]:
    """The principle ids a case names, read from its data; an id that is not a slug is left to the schema."""
    shown: list[tuple[Kind, Location, Any]] = []
    for field, kind in DEMONSTRATION_LISTS.items():
        items = document.data.get(field)
        if isinstance(items, list):
            shown += [(kind, (field, index), item) for index, item in enumerate(items)]
    for kind, location, item in shown:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and SLUG.match(item["id"]):
            yield kind, location + ("id",), item["id"]


def title_of(document: Document) -> str:
    """A principle file's title as written, for a message that lists the ids; empty if it has none."""
    title = document.data.get("title")
    return shorten(" ".join(title.split())) if isinstance(title, str) else ""


def check_demonstrations(document: Document, ids_by_kind: dict[Kind, dict[str, str]]) -> list[Problem]:
    shown = list(demonstrated(document))
    return [problem for kind in Kind for problem in check_named(
        document, [(location, name) for of_kind, location, name in shown if of_kind is kind], ids_by_kind[kind],
        partial(unknown_id, kind, ids_by_kind[kind]), demonstrated_twice)]


def unknown_id(kind: Kind, ids: dict[str, str], shown: str) -> tuple[str, str]:
    """The ids to choose from, each with its title: an id alone says little to a maintainer."""
    listed = "; ".join(f"{id} ({title})" if title else id for id, title in ids.items())
    return f"'{shown}' er ikke {KIND_NAMES[kind]}.", f"Brug et af disse id'er: {listed or '(ingen endnu)'}."


def demonstrated_twice(shown: str) -> tuple[str, str]:
    return f"'{shown}' er nævnt to gange.", "Slet den ene, eller slå forklaringerne sammen."


def check_tags(document: Document, vocabulary: dict[str, Tag], vocabulary_file: Path) -> list[Problem]:
    """Every tag of a case is in the vocabulary, once; a tag that is no slug is left to the schema,
    and so is a list too long for it, so that a hundred copies of one mistake are not told a hundred times."""
    tags = document.data.get("tags")
    if not isinstance(tags, list) or len(tags) > MAX_ITEMS:
        return []
    named = [(("tags", index), tag) for index, tag in enumerate(tags) if isinstance(tag, str) and SLUG.match(tag)]
    suggested = iter(range(SUGGESTED_TAGS))
    return check_named(document, named, vocabulary,
                       lambda tag: unknown_tag(vocabulary, shown_path(vocabulary_file), tag,
                                               suggest=next(suggested, None) is not None),
                       tag_twice)


SUGGESTED_TAGS = 5
"""Unknown tags per case that get a "mente du": each suggestion compares the tag with the whole vocabulary."""
COMPARED_CHARACTERS = 30
"""Slugs and labels are compared by their beginnings: enough to catch a typo, and long names in a
vocabulary cannot make every comparison slow."""


def unknown_tag(vocabulary: dict[str, Tag], shown_file: Path, tag: str, suggest: bool) -> tuple[str, str]:
    close = tag_suggestions(vocabulary, tag) if suggest else []
    meant = did_you_mean([f"'{slug}' ({shorten(vocabulary[slug].label)})" for slug in close])
    return (f"Emnet '{shorten(tag)}' findes ikke i listen over emner, {shown_file}.",
            f"{meant}Brug et emne, der står i {shown_file}, eller tilføj det nye emne dér "
            "med et dansk navn ('label') og en beskrivelse på én linje ('description').")


def tag_twice(tag: str) -> tuple[str, str]:
    return f"Emnet '{tag}' står to gange under 'tags'.", "Slet den ene forekomst."


def tag_suggestions(vocabulary: dict[str, Tag], unknown: str) -> list[str]:
    """The tags a mistyped slug may have meant: close slugs, then slugs whose label is close."""
    by_slug = {slug[:COMPARED_CHARACTERS]: slug for slug in vocabulary}
    by_label = {slugify(tag.label)[:COMPARED_CHARACTERS]: slug for slug, tag in vocabulary.items()}
    close = [by[form] for by in (by_slug, by_label)
             for form in difflib.get_close_matches(unknown[:COMPARED_CHARACTERS], list(by), n=3)]
    return list(dict.fromkeys(close))[:3]


def did_you_mean(suggestions: list[str]) -> str:
    """"Mente du 'a', 'b' eller 'c'? " to start a hint with, or nothing when nothing is close."""
    if not suggestions:
        return ""
    return f"Mente du {' eller '.join(filter(None, [', '.join(suggestions[:-1]), suggestions[-1]]))}? "


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
    cited: dict[str, tuple[Location, int]] = {}
    """Where each key is first cited; its line is looked up only for a problem (a lookup is most of the cost)."""
    for location, text in document.strings():
        if location[:1] == ("sources",):
            continue
        for offset, item in citations_in(location, text):
            if isinstance(item, Citation):
                cited.setdefault(item.key, (location, offset))
            else:
                problems.append(malformed_citation(document.path, item, document.line_at(location, offset)))
    listed = document.data.get("sources")
    listed_lines = {key: document.line_of(("sources", index)) for index, key in enumerate(listed)
                    if isinstance(key, str) and CITE_KEY.match(key)} if isinstance(listed, list) else {}
    for key in {**listed_lines, **cited}:
        if key not in bibliography:
            line = document.line_at(*cited[key]) if key in cited else listed_lines[key]
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
    meant = did_you_mean([f"'{close}'" for close in difflib.get_close_matches(key, list(bibliography.sources), n=3)])
    return Problem(path, f"Kilden '{key}' findes ikke i bibliography.bib.",
                   f"{meant}Ret nøglen, eller tilføj kilden i bibliography.bib.", line)


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


def case_names(case: Case) -> list[tuple[Location, str, str]]:
    """The texts that name a case in lists and filters, where their citations are left out: each with its
    place and what it is, in Danish."""
    return [(("title",), case.title, "titel"),
            *((("municipalities", index), name, "kommune") for index, name in enumerate(case.municipalities))]


def check_case_names(cases: list[tuple[Document, Case]]) -> list[Problem]:
    """A title or municipality made only of citations would be empty in the overview and the filter, and a
    municipality listed twice would be counted twice."""
    problems: list[Problem] = []
    for document, case in cases:
        municipalities: set[str] = set()
        for location, text, danish in case_names(case):
            words = plain_name(text)
            if not words:
                problems.append(Problem(document.path, f"'{describe(location)}' har ingen ord, kun kildehenvisninger.",
                                        f"Skriv eksemplets {danish} med ord; en kildehenvisning må stå efter ordene.",
                                        document.line_of(location)))
            elif location[0] == "municipalities":
                if words.casefold() in municipalities:
                    problems.append(Problem(document.path, f"'{describe(location)}': {words} er nævnt to gange.",
                                            "Slet den ene.", document.line_of(location)))
                municipalities.add(words.casefold())
    return problems


LENGTH_HINTS = {
    "summary": "Gør resuméet kortere, 2–3 sætninger; resten hører hjemme under 'sections'.",
    "how": "Skriv kort, hvad i netop dette eksempel der viser det, i 1–3 sætninger, og uddyb under 'sections'.",
}


def check_lengths(cases: list[tuple[Document, Case]]) -> list[Problem]:
    """The summary and each 'how' are short in what a reader sees; their citations do not count."""
    problems: list[Problem] = []
    for document, case in cases:
        texts = [(("summary",), case.summary, SUMMARY_LENGTH),
                 *(((field, index, "how"), item.how, HOW_LENGTH) for field in DEMONSTRATION_LISTS
                   for index, item in enumerate(getattr(case, field)))]
        for location, text, most in texts:
            if "<" not in text and len(strip_citations(text)) <= most:
                continue  # rendering takes characters away but for an e-mail autolink's: short enough as written
            seen = len(" ".join(plain_words(text).split()))
            if seen > most:
                problems.append(Problem(
                    document.path, f"'{describe(location)}' er for lang: {seen} tegn, som læseren ser dem; højst {most}.",
                    f"{LENGTH_HINTS[location[-1]]} Kildehenvisningerne tæller ikke med.", document.line_of(location)))
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


VOCABULARY_SCHEMA = TypeAdapter(Tags)
KEY = "[key]"
"""The last part of pydantic's location for a problem with a mapping's key rather than its value."""


def validate_vocabulary(document: Document) -> tuple[dict[str, Tag] | None, list[Problem]]:
    """The tag vocabulary a document holds, or None with every problem in it, markup included."""
    problems = check_markup(document)
    try:
        tags = VOCABULARY_SCHEMA.validate_python(document.data)
    except ValidationError as error:
        return None, [*(vocabulary_problem(document, detail) for detail in error.errors()), *problems]
    problems += [Problem(document.path, f"Emnet '{slug}' har et id, som sitet bruger til oversigten over alle emner.",
                         "Giv emnet et andet id, der siger, hvad det handler om, fx 'indsatser'.",
                         document.line_of((slug,)))
                 for slug in tags if slug in RESERVED_IDS]
    return (None, problems) if problems else (tags, [])


SYNONYMS_SCHEMA = TypeAdapter(Synonyms)


def validate_synonyms(document: Document) -> tuple[list[list[str]] | None, list[Problem]]:
    """The synonym groups a document holds (each word with its synonyms), or None with every problem in it.

    A word may stand in one group only: the search widens a word by every group it is in, so a word in
    many groups would make one word of a record thousands of words in the index.
    """
    try:
        synonyms = SYNONYMS_SCHEMA.validate_python(document.data)
    except ValidationError as error:
        return None, [schema_problem(document, detail) for detail in error.errors()]
    first_line: dict[str, int | None] = {}
    problems = []
    for word, others in synonyms.items():
        for location, written in [((word,), word), *(((word, index), other) for index, other in enumerate(others))]:
            line = document.line_of(location)
            if written in first_line:
                problems.append(Problem(
                    document.path,
                    f"Ordet '{written}' står også på linje {first_line[written]}: et ord må kun stå i én gruppe.",
                    "Saml ordene i én gruppe på én linje, og slet ordet her.", line))
            else:
                first_line[written] = line
    return (None, problems) if problems else ([[word, *others] for word, others in synonyms.items()], [])


def vocabulary_problem(document: Document, detail: ErrorDetails) -> Problem:
    """A schema problem in the vocabulary; a bad slug is told as a bad tag id, with a better one."""
    location = tuple(detail["loc"])
    if location[-1:] != (KEY,):
        return schema_problem(document, detail)
    key = str(location[0])
    line = document.line_of(location[:1])
    if len(key) > MAX_ID:
        return Problem(document.path, f"Emnets id '{shorten(key)}' er for langt: højst {MAX_ID} tegn.",
                       "Giv emnet et kortere id.", line)
    return Problem(
        document.path,
        f"Emnets id '{shorten(key)}' er ikke gyldigt: brug kun små bogstaver a-z, tal og bindestreg.",
        f"Omdøb det, fx til '{slugify(key)}', og skriv det danske navn med æ, ø og å under 'label'.",
        line,
    )
