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

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank Braille pattern: letters that show as nothing."""


def require_visible(text: str) -> str:
    """Text made only of spaces, zero-width and format characters would show as nothing at all."""
    if not any(is_visible(character) for character in text):
        raise PydanticCustomError("invisible", "text has no visible character")
    return text


def is_visible(character: str) -> bool:
    return unicodedata.category(character)[0] not in "CZ" and character not in BLANK_LETTERS


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

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID)]
CiteKey = Annotated[str, StringConstraints(pattern=f"^{CITE_KEY_PATTERN}$", max_length=MAX_ID)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
                 AfterValidator(require_visible)]
"""Plain text; may hold Markdown emphasis, lists and citations like [@jensen2018]."""
Line = Annotated[Text, StringConstraints(max_length=MAX_LINE)]
"""Text that stands on one line of the page: a title, a unit, a question."""
T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    start: Annotated[int, Field(ge=1970, le=2100)]
    end: Annotated[int, Field(ge=1970, le=2100)] | None = None
    """None while the effort is still running."""
    approximate: bool = False
    """True where the sources only bound the start year (shown as "ca.")."""

    @model_validator(mode="after")
    def end_after_start(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("period_order", "the period ends before it starts")
        return self


class Sections(Record):
    background: Text
    effort: Text
    organisation: Text
    results: Text
    challenges: Text
    lessons: Text


class Role(Record):
    title: Line
    description: Text


class Result(Record):
    """A figure a reader can compare across cases, with where it comes from."""

    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: Line
    measures: Line
    source_type: SourceType
    cite: CiteKey


class Demonstration(Record):
    """How a case shows a principle, prerequisite or organisation model."""

    id: Slug
    how: Text


class Case(Record):
    id: Slug
    title: Line
    municipality: Line
    period: Period
    status: Status
    target_groups: Annotated[Items[Line], Field(min_length=1)]
    organisation_model: Demonstration
    summary: Annotated[Text, StringConstraints(max_length=500)]
    sections: Sections
    roles: Items[Role] = []
    results: Items[Result] = []
    principles: Items[Demonstration] = []
    prerequisites: Items[Demonstration] = []
    tags: Items[Slug] = []
    sources: Annotated[Items[CiteKey], Field(min_length=1)]
    last_reviewed: datetime.date
    status_year: Annotated[int, Field(ge=1970, le=2100)]
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

    id: Slug
    text: Line


class Principle(Record):
    """A coordination principle, an implementation prerequisite or an organisation model."""

    id: Slug
    kind: Kind
    number: Annotated[int, Field(ge=1)]
    title: Line
    short: Annotated[Text, StringConstraints(max_length=400)]
    description: Text
    questions: Annotated[list[Question], Field(min_length=3, max_length=5)]
    sources: Annotated[Items[CiteKey], Field(min_length=1)]
    last_reviewed: datetime.date
    """When an editor last checked the text against its sources: the page's "how to cite" names it."""


class Tag(Record):
    """One subject of the controlled tag vocabulary (generator/data/tags.yml), keyed there by its slug."""

    label: Line
    """The Danish name a page shows, e.g. 'Børn'."""
    description: Line
    """What the subject covers, in one line."""
    target_group: bool = False
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
