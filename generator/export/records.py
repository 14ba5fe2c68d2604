"""The records as data: the whole catalogue as JSON, the cases as a spreadsheet."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import labels, markup
from ..catalogue import Catalogue
from ..citations import plain_words
from ..render import case_uri, principle_uri, tag_uri
from ..schema import Case, Demonstration, Principle
from .licence import LICENCE, LICENCE_URL
from .links import Links


@dataclass(frozen=True)
class Lookup:
    """What a record refers to, found once for the whole file."""

    catalogue: Catalogue
    links: Links

    @property
    def principles(self) -> dict[str, Principle]:
        return self.catalogue.principles_by_id

    def shown(self, demonstration: Demonstration) -> dict:
        """A principle, prerequisite or model as a case shows it: how, with its number, title and page."""
        principle = self.principles[demonstration.id]
        return {"id": principle.id, "number": principle.number, "title": principle.title,
                "url": self.links.page(principle_uri(principle)), "how": demonstration.how}

    def source(self, key: str) -> dict:
        source = self.catalogue.bibliography.sources[key]
        return {"key": key, "label": source.label}

    def tag(self, slug: str) -> dict:
        return {"id": slug, "label": self.catalogue.vocabulary[slug].label, "url": self.links.page(tag_uri(slug))}


def dumps(data: object) -> bytes:
    """Compact, UTF-8 (not \\u escapes) and the same bytes for the same catalogue."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- katalog.json ---------------------------------------------------------------------------------

def case_data(case: Case, lookup: Lookup) -> dict:
    """A case's record with the page's address, and what it refers to looked up."""
    return {
        **case.model_dump(mode="json"),
        "url": lookup.links.page(case_uri(case)),
        "organisation_models": [lookup.shown(item) for item in case.organisation_models],
        "principles": [lookup.shown(item) for item in case.principles],
        "prerequisites": [lookup.shown(item) for item in case.prerequisites],
        "results": [{**result.model_dump(mode="json"), "source": lookup.source(result.cite)} for result in case.results],
        "tags": [lookup.tag(tag) for tag in case.tags],
        "sources": [lookup.source(key) for key in case.sources],
    }


def principle_data(principle: Principle, lookup: Lookup) -> dict:
    showings = lookup.catalogue.showings.get(principle.id, [])
    return {
        **principle.model_dump(mode="json"),
        "url": lookup.links.page(principle_uri(principle)),
        "sources": [lookup.source(key) for key in principle.sources],
        "cases": [showing.case.id for showing in showings],
    }


def catalogue_json(catalogue: Catalogue, links: Links) -> bytes:
    lookup = Lookup(catalogue, links)
    cited: dict[str, list[str]] = {key: [] for key in catalogue.bibliography.sources}
    for case in catalogue.cases:
        for key in case.sources:
            cited[key].append(case.id)
    return dumps({
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "site_url": links.site_url,
        "cases": [case_data(case, lookup) for case in catalogue.cases],
        "principles": [principle_data(principle, lookup) for principle in catalogue.principles],
        "tags": [{"id": slug, **tag.model_dump(mode="json"), "url": links.page(tag_uri(slug)),
                  "cases": [case.id for case in catalogue.tagged[slug]]} for slug, tag in catalogue.vocabulary.items()],
        "sources": [{"key": key, "label": source.label, "reference": html.unescape(markup.plain_text(source.reference_html)),
                     "cases": cited[key]} for key, source in catalogue.bibliography.sources.items()],
    })


# --- cases.csv ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    name: str
    """The column's heading, in Danish."""
    description: str
    """What the column holds, for the Data page's codebook."""
    value: Callable[[Case, Lookup], str | int | None]


LIST_SEPARATOR = " | "
"""Between the values of one cell: a target group may hold commas and semicolons."""


def joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def titles(items: Iterable[Demonstration], lookup: Lookup) -> str:
    return joined(f"{lookup.principles[item.id].number}. {lookup.principles[item.id].title}" for item in items)


CASE_COLUMNS = (
    Column("ID", "Eksemplets faste id, det samme som filnavnet i `cases/` og i `katalog.json`.",
           lambda case, lookup: case.id),
    Column("Titel", "Indsatsens navn.", lambda case, lookup: plain_words(case.title)),
    Column("Kommuner", "Den eller de kommuner, der står bag indsatsen.",
           lambda case, lookup: joined(plain_words(name) for name in case.municipalities)),
    Column("Start", "Året, indsatsen begyndte.", lambda case, lookup: case.period.start),
    Column("Slut", "Året, indsatsen sluttede; tomt, hvis den stadig kører.", lambda case, lookup: case.period.end),
    Column("Startår omtrentligt", "`ja`, hvis kilderne kun angiver startåret omtrent (siden skriver “ca.”).",
           lambda case, lookup: "ja" if case.period.approximate else "nej"),
    Column("Status", "Igangværende, Afsluttet eller Forsøg.", lambda case, lookup: labels.STATUS[case.status]),
    Column("Status pr. år", "Året for den nyeste kilde, der fortæller status.", lambda case, lookup: case.status_year),
    Column("Målgrupper", "De borgere, indsatsen er for.",
           lambda case, lookup: joined(plain_words(group) for group in case.target_groups)),
    Column("Organiseringsmodeller", "Den eller de af katalogets tre organiseringsmodeller, eksemplet bruger, med nummer.",
           lambda case, lookup: titles(case.organisation_models, lookup)),
    Column("Principper", "De principper for koordinerende sagsbehandling, eksemplet viser, med nummer.",
           lambda case, lookup: titles(case.principles, lookup)),
    Column("Forudsætninger", "De forudsætninger for en velkoordineret indsats, eksemplet viser, med nummer.",
           lambda case, lookup: titles(case.prerequisites, lookup)),
    Column("Emner", "Eksemplets emner fra katalogets emneliste.",
           lambda case, lookup: joined(lookup.tag(tag)["label"] for tag in case.tags)),
    Column("Resumé", "Kort beskrivelse af indsatsen, uden kildehenvisninger.",
           lambda case, lookup: plain_words(case.summary)),
    Column("Kilder", "Kildernes forfatter og år, som siden henviser til dem; de fulde kilder står i `bibliography.bib`.",
           lambda case, lookup: joined(lookup.source(key)["label"] for key in case.sources)),
    Column("Senest gennemgået", "Datoen, hvor en redaktør sidst gennemgik eksemplet (år-måned-dag).",
           lambda case, lookup: case.last_reviewed.isoformat()),
    Column("Side", "Eksemplets side i kataloget.", lambda case, lookup: lookup.links.page(case_uri(case))),
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula: a record's text must stay text."""


def spreadsheet_cell(value: str | int | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cases_csv(catalogue: Catalogue, links: Links) -> bytes:
    """One row per case, for Excel with Danish settings: UTF-8 with a byte order mark, ";" between fields."""
    lookup = Lookup(catalogue, links)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.name for column in CASE_COLUMNS])
    for case in catalogue.cases:
        writer.writerow([spreadsheet_cell(column.value(case, lookup)) for column in CASE_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# --- The Data page's codebook of katalog.json ------------------------------------------------------

CATALOGUE_KEYS = {
    "licence": "Licensen, som filen og katalogets tekster må bruges under (`name`, `url`).",
    "site_url": "Adressen, kataloget er udgivet på; alle `url`-felter i filen begynder med den.",
    "cases": "Eksemplerne, sorteret efter titel (felterne står nedenfor).",
    "principles": "Principper, forudsætninger og organiseringsmodeller med felterne fra filerne i `principles/`, "
                  "adressen på deres side (`url`), kilderne slået op og `cases`: id'erne på de eksempler, der viser dem.",
    "tags": "Emnelisten: `id`, `label` (navnet på siden), `description`, `url` (emnets side) og `cases`: de "
            "eksempler, der har emnet.",
    "sources": "Kilderne: `key` (nøglen i henvisninger og i `bibliography.bib`), `label` (forfatter og år, som siden "
               "henviser), `reference` (den fulde henvisning som tekst) og `cases`: de eksempler, der bygger på kilden.",
}
"""What each top-level key of katalog.json holds."""

CASE_FIELDS = {
    "id": "Eksemplets faste id, det samme som filnavnet i `cases/`.",
    "title": "Indsatsens navn.",
    "municipalities": "Den eller de kommuner, der står bag indsatsen, som en liste.",
    "period": "`start` og `end` (år; `end` er `null`, mens indsatsen kører) og `approximate` (`true`, hvis kun "
              "startåret omtrent kendes).",
    "status": "`ongoing` (igangværende), `completed` (afsluttet) eller `pilot` (forsøg).",
    "status_year": "Året for den nyeste kilde, der fortæller status.",
    "target_groups": "De borgere, indsatsen er for.",
    "organisation_models": "Organiseringsmodellerne, mindst én: hver med `id`, `number`, `title`, `url` og `how` (hvordan "
                           "eksemplet bruger den).",
    "summary": "Kort beskrivelse.",
    "sections": "Sidens afsnit: `background`, `effort`, `organisation`, `results`, `challenges` og `lessons`.",
    "roles": "Nøglepersonerne: `title` og `description`.",
    "results": "Tallene: `value`, `unit`, `measures` (hvad tallet viser), `source_type` (`evaluation`, `interview`, "
               "`municipal_count`, `self_evaluation` eller `press`), `cite` og `source` (kilden slået op).",
    "principles": "De principper, eksemplet viser, opbygget som `organisation_models`.",
    "prerequisites": "De forudsætninger, eksemplet viser, opbygget som `organisation_models`.",
    "tags": "Emnerne: `id`, `label` og `url` (emnets side).",
    "sources": "Kilderne, eksemplet bygger på: `key` og `label`.",
    "last_reviewed": "Datoen, hvor en redaktør sidst gennemgik eksemplet (år-måned-dag).",
    "url": "Eksemplets side i kataloget.",
}
"""What each field of a case in katalog.json holds: the record's fields and `url`."""
