"""The shape of every record, as pydantic models.

Field names are English identifiers; the values maintainers write are Danish text.
Text fields reject HTML, images and script links: the site must never carry markup from a record
that runs code or loads something from another host.
"""

from __future__ import annotations

import datetime
import re
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript):", re.IGNORECASE)


def reject_markup(text: str) -> str:
    """Text may carry Markdown emphasis and links, never markup that runs or loads something."""
    if HTML_TAG.search(text):
        raise ValueError("html")
    if MARKDOWN_IMAGE.search(text):
        raise ValueError("image")
    if SCRIPT_LINK.search(text):
        raise ValueError("script_link")
    return text


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
CiteKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(reject_markup)]
"""Plain text; may hold Markdown emphasis, lists and citations like [@jensen2018]."""


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
            raise ValueError("period_order")
        return self


class Sections(Record):
    background: Text
    effort: Text
    organisation: Text
    results: Text
    challenges: Text
    lessons: Text


class Role(Record):
    title: Text
    description: Text


class Result(Record):
    """A figure a reader can compare across cases, with where it comes from."""

    value: float
    unit: Text
    measures: Text
    source_type: SourceType
    cite: CiteKey


class Demonstration(Record):
    """How a case shows a principle, prerequisite or organisation model."""

    id: Slug
    how: Text


class Case(Record):
    id: Slug
    title: Text
    municipality: Text
    period: Period
    status: Status
    target_groups: Annotated[list[Text], Field(min_length=1)]
    organisation_model: Demonstration
    summary: Annotated[Text, StringConstraints(max_length=500)]
    sections: Sections
    roles: list[Role] = []
    results: list[Result] = []
    principles: list[Demonstration] = []
    prerequisites: list[Demonstration] = []
    tags: list[Slug] = []
    sources: Annotated[list[CiteKey], Field(min_length=1)]
    last_reviewed: datetime.date


class Question(Record):
    """A reflection question; its id stays stable so saved checklist answers survive edits."""

    id: Slug
    text: Text


class Principle(Record):
    """A coordination principle, an implementation prerequisite or an organisation model."""

    id: Slug
    kind: Kind
    number: Annotated[int, Field(ge=1)]
    title: Text
    short: Annotated[Text, StringConstraints(max_length=400)]
    description: Text
    questions: Annotated[list[Question], Field(min_length=3, max_length=5)]
    sources: Annotated[list[CiteKey], Field(min_length=1)]
