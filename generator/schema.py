"""The shape of every record, as pydantic models.

Field names are English identifiers; the values maintainers write are Danish text.
What text may contain as markup is checked and rendered by `markup`, not here.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from enum import Enum
from typing import Annotated, TypeVar

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
                      ValidationInfo, field_validator, model_validator)
from pydantic_core import PydanticCustomError

T = TypeVar("T")

BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank Braille pattern: letters that show as nothing."""


def require_visible(text: str) -> str:
    """Text made only of spaces, zero-width and format characters would show as nothing at all."""
    if not any(is_visible(character) for character in text):
        raise PydanticCustomError("invisible", "text has no visible character")
    return text


def is_visible(character: str) -> bool:
    return unicodedata.category(character)[0] not in "CZ" and character not in BLANK_LETTERS


PLACEHOLDER = "SKRIV:"
"""How a template (`katalog new-case`, `katalog new-source`) marks a value still to be written, so that
`katalog check` names every field left unfilled instead of publishing the template's words."""


def refuse_placeholder(value: T) -> T:
    """A value a template left to write is refused whatever the field's type, before its type is checked."""
    if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        raise PydanticCustomError("placeholder", "the template's placeholder is still there")
    return value


def not_in_future(day: datetime.date, info: ValidationInfo) -> datetime.date:
    """A review cannot have happened yet: a date after today is a typo (or a wish). Today is the one the
    validation is given (`context={"today": …}`), so that a kept result is known to hold for that day."""
    if day > (info.context or {}).get("today", datetime.date.today()):
        raise PydanticCustomError("review_in_future", "the last review is after today")
    return day


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CITE_KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_:.-]*"
CITE_KEY = re.compile(f"^{CITE_KEY_PATTERN}$")
"""A bibliography key as written after @ in a citation, e.g. jensen2018 or regeringen-kl2019."""
MAX_ID = 80
"""Longest id, tag or cite key; the longest today is 40 characters."""
MAX_LINE = 500
"""Longest one-line text (title, unit, a question …); the longest today is 176 characters."""
MAX_TEXT = 20_000
"""Longest text (a section, a description); the longest today is 3 243 characters."""
MAX_ITEMS = 100
"""Most items in a list; the longest today is 24 tags."""
SUMMARY_LENGTH = 500
"""Longest summary, in characters a reader sees: citations like [@jensen2018] do not count, so citing
costs a maintainer nothing (validate.py counts it, as that needs the citations' syntax)."""
HOW_LENGTH = 600
"""Longest 'how' of a principle, prerequisite or model, counted likewise; the longest today is 404."""
WITH_CITATIONS = 4
"""How many times those lengths the text may be as written, citations and their page numbers included
(the longest today is 1.4 times): citations cost nothing, but cannot fill a page either."""

Unfilled = BeforeValidator(refuse_placeholder)
"""Refuses a template's placeholder in a list's item, which `Record.filled_in` does not see."""
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID), Unfilled]
CiteKey = Annotated[str, StringConstraints(pattern=f"^{CITE_KEY_PATTERN}$", max_length=MAX_ID), Unfilled]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), Unfilled,
                 AfterValidator(require_visible)]
"""Plain text; may hold Markdown emphasis, lists and citations like [@jensen2018]."""
Line = Annotated[Text, StringConstraints(max_length=MAX_LINE)]
"""Text that stands on one line of the page: a title, a unit, a question."""
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]


Year = Annotated[int, Field(ge=1970, le=2100)]


def named(ids: dict[str, str]) -> str:
    """'relation (Skabe relationen til borgeren); roed-traad (…)': ids with their titles, for a description."""
    return "; ".join(f"{slug} ({title})" for slug, title in ids.items())


PRINCIPLE_IDS = {
    "relation": "Skabe relationen til borgeren",
    "roed-traad": "Sikre den røde tråd i forløbet",
    "handle-paa-tvaers": "Handle på tværs",
    "opfoelgning": "Følge op på fremdriften",
    "bygge-bro": "Bygge broen videre",
}
PREREQUISITE_IDS = {
    "maalgruppe": "Afklaring af hvem der har brug for en koordineret indsats",
    "faelles-maal": "Fælles mål på tværs af forvaltninger og lovgivning",
    "ansvar-og-betaling": "Klar fordeling af ansvar, betaling og handlepligt",
    "viden": "Fælles tilgang til indsamling, deling og brug af viden",
    "planlaegning": "Fælles planlægning af indsatsen",
}
MODEL_IDS = {
    "ny-enhed": "Én organisation til en afgrænset målgruppe",
    "tvaergaaende-teams": "Matrixmodel med tværgående teams",
    "eksisterende-organisation": "Samarbejde i den eksisterende organisation",
}
"""The records in principles/, by kind, as the schema's descriptions name them for an editor. Written here,
not read from the folder, so that importing the schema reads no file; tests/test_schema.py keeps them true."""
TARGET_GROUP_TAGS = ("boern", "familier", "handicap", "kontanthjaelp", "psykiatri", "specialiseret-voksenomraade",
                     "udsatte-familier", "unge", "voksenomraade")
"""The tags marked target_group in generator/data/tags.yml, likewise (tests/test_schema.py)."""


def danish(title: str, description: str) -> ConfigDict:
    """A model's title and description in its JSON Schema, which an editor shows a maintainer: in Danish,
    where pydantic would show the class name and its English docstring."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def filled_in(cls, value: object) -> object:
        """Every field, whatever its type, refuses a template's placeholder ('SKRIV: …'), so that a new
        case from `katalog new-case` fails `katalog check` with one message per field left to fill."""
        return refuse_placeholder(value)


class Status(str, Enum):
    ongoing = "ongoing"
    completed = "completed"
    pilot = "pilot"


class SourceType(str, Enum):
    evaluation = "evaluation"
    interview = "interview"
    municipal_count = "municipal_count"
    self_evaluation = "self_evaluation"
    press = "press"


class Kind(str, Enum):
    principle = "principle"
    prerequisite = "prerequisite"
    model = "model"


class Period(Record):
    model_config = danish("Periode", "De år, der er arbejdet med indsatsen, fx {start: 2017, end: 2020}.")

    start: Annotated[Year, Field(
        title="Startår",
        description="Påkrævet. Det første år, indsatsen arbejdede med borgere, eller den formelle start ifølge "
                    "kilderne, fx 2017.")]
    end: Annotated[Year | None, Field(
        title="Slutår",
        description="Valgfri. Det sidste år, der blev arbejdet med indsatsen. Skriv null, så længe indsatsen "
                    "kører, eller hvis kilderne ikke siger, hvornår den sluttede. Må ikke ligge før start.")] = None
    """None while the effort is still running."""
    approximate: Annotated[bool, Field(
        title="Omtrentligt startår",
        description="Valgfri (standard false). Skriv true, hvis kilderne kun antyder startåret; siden viser så "
                    "'ca.' foran det. Gælder kun startåret, ikke slutåret.")] = False
    """True where the sources only bound the start year (shown as "ca.")."""

    @model_validator(mode="after")
    def end_after_start(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("period_order", "the period ends before it starts")
        return self


MARKDOWN = "Markdown er tilladt: tom linje mellem afsnit, punktlister med '- ', *kursiv* og **fed**."
CITED = "Citér hvert faktum med [@nøgle] lige efter sætningen."


class Sections(Record):
    model_config = danish("Afsnit", f"Eksemplets seks tekster. {MARKDOWN} {CITED}")

    background: Annotated[Text, Field(
        title="Baggrund", description="Påkrævet. Baggrunden: hvorfor kommunen satte indsatsen i gang, og for hvem.")]
    effort: Annotated[Text, Field(
        title="Indsatsen", description="Påkrævet. Hvad indsatsen består af, og hvordan et forløb foregår for borgeren.")]
    organisation: Annotated[Text, Field(
        title="Organisering og roller",
        description="Påkrævet. Hvordan indsatsen er organiseret, og hvem der arbejder i den.")]
    results: Annotated[Text, Field(
        title="Resultater",
        description="Påkrævet. Hvad indsatsen har opnået ifølge kilderne. Tal, der kan sammenlignes med andre "
                    "eksempler, skrives desuden i listen 'results' længere nede i filen.")]
    challenges: Annotated[Text, Field(
        title="Udfordringer", description="Påkrævet. Hvad der har været svært undervejs ifølge kilderne.")]
    lessons: Annotated[Text, Field(
        title="Erfaringer", description="Påkrævet. Hvad andre kommuner kan lære af indsatsen.")]


class Role(Record):
    model_config = danish("Rolle", "En rolle i indsatsen, fx koordinator eller fremskudt medarbejder.")

    title: Annotated[Line, Field(title="Rollens navn", description="Påkrævet. Rollens navn, fx Myndighedskoordinator.")]
    description: Annotated[Text, Field(
        title="Rollens opgaver", description=f"Påkrævet. Hvad rollen gør i indsatsen. {CITED}")]


class Result(Record):
    """A figure a reader can compare across cases, with where it comes from."""

    model_config = danish("Resultat i tal", "Et tal, der kan sammenlignes på tværs af eksempler, og hvor det "
                                            "kommer fra.")

    value: Annotated[float, Field(
        allow_inf_nan=False, title="Tal",
        description="Påkrævet. Tallet alene, med punktum som decimaltegn og uden tusindtalsseparator: 50, 2.5 eller "
                    "2168000 (ikke 2.168.000). Giver kilden tallet i ord eller omtrent, så skriv det tal, kilden "
                    "mener ('tre ud af fire' skrives 75 med enheden pct.), og skriv i 'measures', at det er "
                    "omtrentligt.")]
    unit: Annotated[Line, Field(title="Enhed", description="Påkrævet. Tallets enhed, fx pct., personer eller kr. pr. år.")]
    measures: Annotated[Line, Field(
        title="Hvad tallet viser",
        description="Påkrævet. Hvad tallet måler, på én linje, fx 'Andel af borgerne, der kom i job eller "
                    "uddannelse'. Er tallet omtrentligt, så sig det her, fx '(omtrentligt: kilden skriver "
                    "tre ud af fire)'.")]
    source_type: Annotated[SourceType, Field(
        title="Kildetype",
        description="Påkrævet. Hvilken slags dokument tallet stammer fra, dvs. den kilde, 'cite' peger på: "
                    "evaluation = ekstern evaluering; interview = interview; municipal_count = kommunens egen "
                    "opgørelse; self_evaluation = kommunens egen evaluering; press = artikel i fagpresse eller "
                    "nyhedsmedie.")]
    cite: Annotated[CiteKey, Field(
        title="Kilde",
        description="Påkrævet. Nøglen på den kilde i bibliography.bib, tallet kommer fra, uden @ og klammer, fx "
                    "jensen2018. Nøglen skal også stå under 'sources'.")]


class Demonstration(Record):
    """How a case shows a principle, prerequisite or organisation model."""

    model_config = danish("Hvordan eksemplet viser det", "Et id og en konkret forklaring med kilde.")

    id: Annotated[Slug, Field(
        title="Id", description="Påkrævet. Id'et på princippet, forudsætningen eller organiseringsmodellen; de "
                                "mulige id'er står ved feltet over dette.")]
    how: Annotated[Text, StringConstraints(max_length=HOW_LENGTH * WITH_CITATIONS), Field(
        title="Hvordan",
        description=f"Påkrævet. Konkret: hvad i netop dette eksempel viser det? 1–3 sætninger, højst {HOW_LENGTH} "
                    f"tegn uden kildehenvisningerne; uddyb under 'sections'. {CITED} Påstå det kun, når kilderne "
                    "tydeligt understøtter det: kilderne beskriver, at indsatsen gør det, princippet handler om, "
                    "ikke blot at den har et lignende mål.")]


SourceKeys = Annotated[Items[CiteKey], Field(
    min_length=1, title="Kilder",
    description="Påkrævet, mindst én. Præcis de kildenøgler, filen citerer (med [@nøgle] i teksten eller i "
                "'cite'), hverken flere eller færre, fx [jensen2018, fredericia2020]. Kilderne står i "
                "bibliography.bib; en ny tilføjes dér (katalog new-source).")]
ReviewDate = Annotated[datetime.date, AfterValidator(not_in_future), Field(
    title="Senest gennemgået",
    description="Påkrævet. Den dag (ÅÅÅÅ-MM-DD), en redaktør sidst tjekkede hele posten mod kilderne, fx "
                "2026-11-25. Må ikke ligge i fremtiden. Siden viser datoen i 'Sådan henviser du til siden', så "
                "ret den kun, når du faktisk har gennemgået tekst og tal mod kilderne.")]


class Case(Record):
    model_config = danish(
        "Eksempel", "Et eksempel i Helhedskataloget: én fil i mappen cases/. Filnavnet er eksemplets id (små "
                    "bogstaver a-z, tal og bindestreg). Se CONTRIBUTING.md; katalog check afgør, om filen er i orden.")

    id: Slug
    title: Annotated[Line, Field(title="Indsatsens navn", description="Påkrævet. Indsatsens navn, fx Din Indgang.")]
    municipalities: Annotated[Items[Line], Field(
        min_length=1, title="Kommuner",
        description="Påkrævet, mindst én. Kommunen bag indsatsen, én pr. punkt, fx [Fredericia Kommune]. Et forsøg "
                    "på tværs af flere kommuner nævner hver kommune, der deltog, som kilderne nævner dem; "
                    "oversigten viser de tre første og tallet på resten, og filteret Kommune finder dem alle.")]
    period: Annotated[Period, Field(
        description="Påkrævet. De år, der er arbejdet med indsatsen: start er det første år, indsatsen arbejdede "
                    "med borgere (eller den formelle start ifølge kilderne); end er null, så længe indsatsen kører, "
                    "eller hvis slutåret er ukendt; approximate: true, hvis kun startåret er omtrentligt.")]
    status: Annotated[Status, Field(
        title="Status",
        description="Påkrævet. Indsatsens status ifølge den nyeste kilde: ongoing = igangværende; completed = "
                    "afsluttet; pilot = forsøg, dvs. en tidsbegrænset afprøvning. Kildens år skrives i "
                    "'status_year'.")]
    target_groups: Annotated[Items[Line], Field(
        min_length=1, title="Målgrupper",
        description="Påkrævet, mindst én. Indsatsens målgrupper med egne ord, én pr. punkt, fx 'Unge under 30 år "
                    "uden uddannelse'. Oversigtens filter Målgruppe bruger i stedet de emner under 'tags', der er "
                    "målgrupper.")]
    organisation_models: Annotated[list[Demonstration], Field(
        min_length=1, max_length=len(MODEL_IDS), title="Organiseringsmodeller",
        description="Påkrævet, mindst én. Den organiseringsmodel, eksemplet følger, med 'id' og 'how'. Id'erne er "
                    f"{named(MODEL_IDS)}. 'how' er én eller to sætninger med kilde om, hvordan eksemplet er "
                    "organiseret efter modellen. Nævn flere modeller kun, når kilderne viser, at indsatsen bruger "
                    "dem side om side, fx i hver sin kommune i samme forsøg. Skriv den vigtigste først.")]
    summary: Annotated[Text, StringConstraints(max_length=SUMMARY_LENGTH * WITH_CITATIONS), Field(
        title="Resumé",
        description=f"Påkrævet. 2–3 sætninger til oversigten, højst {SUMMARY_LENGTH} tegn, som læseren ser dem: "
                    f"kildehenvisninger som [@nøgle] tæller ikke med (men med dem højst "
                    f"{SUMMARY_LENGTH * WITH_CITATIONS} tegn). {CITED}")]
    sections: Annotated[Sections, Field(
        description="Påkrævet. Seks tekster: background (baggrund), effort (indsatsen), organisation (organisering "
                    "og roller), results (resultater), challenges (udfordringer) og lessons (erfaringer).")]
    roles: Annotated[Items[Role], Field(
        title="Roller",
        description="Valgfri. Rollerne i indsatsen, hver med 'title' og 'description'. Slet listen, hvis kilderne "
                    "ikke beskriver roller.")] = []
    results: Annotated[Items[Result], Field(
        title="Resultater i tal",
        description="Valgfri. Resultater i tal, der kan sammenlignes på tværs af eksempler, hver med 'value', "
                    "'unit', 'measures', 'source_type' og 'cite'. Slet listen, hvis kilderne ingen tal har.")] = []
    principles: Annotated[Items[Demonstration], Field(
        title="Principper",
        description="Valgfri, men vis gerne mindst ét. De af de fem principper for koordinering af "
                    "sagsbehandlingen, eksemplet viser, hver med 'id' og 'how'. Id'erne er "
                    f"{named(PRINCIPLE_IDS)}.")] = []
    prerequisites: Annotated[Items[Demonstration], Field(
        title="Forudsætninger",
        description="Valgfri. De af de fem forudsætninger for at gennemføre en sammenhængende indsats, eksemplet "
                    f"viser, hver med 'id' og 'how'. Id'erne er {named(PREREQUISITE_IDS)}.")] = []
    tags: Annotated[Items[Slug], Field(
        title="Emner",
        description="Valgfri. Emner fra den faste liste i generator/data/tags.yml, fx [familier, beskaeftigelse]; "
                    "siden viser dem i den rækkefølge, de står her. Giv eksemplet mindst ét emne, der er en "
                    "målgruppe, ellers finder filteret Målgruppe det ikke. Målgruppe-emnerne er: "
                    f"{', '.join(TARGET_GROUP_TAGS)}. Et nyt emne tilføjes i tags.yml.")] = []
    sources: SourceKeys
    last_reviewed: ReviewDate
    status_year: Annotated[Year, Field(
        title="Statusår",
        description="Påkrævet. Året for den nyeste kilde, der fortæller om indsatsens status, fx 2020. Siden "
                    "skriver fx 'Igangværende ifølge kilderne fra 2020', for status kan have ændret sig siden. Må "
                    "ikke ligge efter året i 'last_reviewed'.")]
    """The year of the newest source that tells the status: the page says the status as of then,
    not as of the last review. Declared after `last_reviewed`, so that its check can see it."""

    @field_validator("status_year")
    @classmethod
    def status_not_after_review(cls, year: int, info: ValidationInfo) -> int:
        reviewed = info.data.get("last_reviewed")
        if reviewed is not None and year > reviewed.year:
            raise PydanticCustomError("status_year_after_review", "the status year is after the last review")
        return year


class Question(Record):
    """A reflection question; its id stays stable so saved checklist answers survive edits."""

    model_config = danish("Refleksionsspørgsmål", "Et spørgsmål med et fast id.")

    id: Annotated[Slug, Field(
        title="Id",
        description="Påkrævet. Et fast id, fx relation-antal-kontakter: selvevalueringens svar gemmes under det. "
                    "Behold id'et, når du retter formuleringen; giv et nyt id, når spørgsmålet får en ny betydning.")]
    text: Annotated[Line, Field(title="Spørgsmål", description="Påkrævet. Spørgsmålet, på én linje.")]


class Principle(Record):
    """A coordination principle, an implementation prerequisite or an organisation model."""

    model_config = danish(
        "Princip, forudsætning eller organiseringsmodel",
        "Én fil i mappen principles/. Filnavnet er id'et, som eksemplerne bruger under 'principles', "
        "'prerequisites' og 'organisation_models'. Se CONTRIBUTING.md.")

    id: Slug
    kind: Annotated[Kind, Field(
        title="Slags",
        description="Påkrævet. principle = princip for koordinering af sagsbehandlingen (Regeringen og KL 2019); "
                    "prerequisite = forudsætning for at gennemføre en sammenhængende indsats (Implement 2021); "
                    "model = organiseringsmodel.")]
    number: Annotated[int, Field(
        ge=1, title="Nummer", description="Påkrævet. Nummeret inden for sin slags: 1, 2, … Hvert nummer bruges én "
                                          "gang pr. slags.")]
    title: Annotated[Line, Field(title="Titel", description="Påkrævet. Titlen, fx Skabe relationen til borgeren.")]
    short: Annotated[Text, StringConstraints(max_length=400), Field(
        title="Kort tekst", description=f"Påkrævet. En kort tekst til oversigter, højst 400 tegn. {CITED}")]
    description: Annotated[Text, Field(
        title="Beskrivelse", description=f"Påkrævet. Den fulde beskrivelse. {MARKDOWN} {CITED}")]
    questions: Annotated[list[Question], Field(
        min_length=3, max_length=5, title="Refleksionsspørgsmål",
        description="Påkrævet, 3–5 spørgsmål, hver med 'id' og 'text'. Under principper og forudsætninger er de "
                    "også selvevalueringens spørgsmål.")]
    sources: SourceKeys
    last_reviewed: ReviewDate
    """When an editor last checked the text against its sources: the page's "how to cite" names it."""


class Tag(Record):
    """One subject of the controlled tag vocabulary (generator/data/tags.yml), keyed there by its slug."""

    model_config = danish("Emne", "Et emne i den faste liste, som eksemplerne bruger under 'tags'.")

    label: Annotated[Line, Field(title="Dansk navn", description="Påkrævet. Emnets danske navn, som siden viser, "
                                                                 "fx Børn.")]
    """The Danish name a page shows, e.g. 'Børn'."""
    description: Annotated[Line, Field(title="Beskrivelse", description="Påkrævet. Hvad emnet dækker, på én linje.")]
    """What the subject covers, in one line."""
    target_group: Annotated[bool, Field(
        title="Målgruppe",
        description="Valgfri (standard false). true, hvis emnet er en gruppe borgere (fx børn, unge eller udsatte "
                    "familier): oversigtens filter Målgruppe tilbyder netop de emner.")] = False
    """True for a tag that names a group of citizens (børn, unge, familier …): the overview's
    target-group filter offers these, since a case's own target groups are free text."""


Tags = Annotated[dict[Slug, Tag], Field(max_length=10 * MAX_ITEMS)]
"""The whole vocabulary: slug → tag."""


LOWER_WORD = re.compile(r"^[a-zæøåéü]{2,40}$")


def require_lower_word(text: str) -> str:
    if not LOWER_WORD.match(text):
        raise PydanticCustomError("synonym_word", "not one lower-case word")
    return text


SynonymWord = Annotated[str, AfterValidator(require_lower_word)]
"""One lower-case word of 2 to 40 letters: the search widens words, not phrases."""
Synonyms = Annotated[dict[SynonymWord, Annotated[list[SynonymWord], Field(min_length=1, max_length=19)]],
                     Field(max_length=10 * MAX_ITEMS)]
"""The search's synonym list (generator/data/synonyms.yml): a word → the words a user takes to mean the same."""
