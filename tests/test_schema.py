"""The record types' own rules, checked on single values."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from conftest import FIXTURE_DAY
from generator.catalogue import load_catalogue
from generator.problems import CatalogueError
from generator.schema import (CITE_KEY_PATTERN, SLUG_PATTERN, Case, CiteKey, Demonstration, Line, Period, Principle,
                              Question, Result, Role, Sections, Slug, Tag, Text)
from generator.vocabulary import VOCABULARY, load_vocabulary


def error_types(adapter: TypeAdapter, value: object) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        adapter.validate_python(value)
    return [detail["type"] for detail in raised.value.errors()]


@pytest.mark.parametrize("text", ["a", "Å", "7", "—", "\u200bx", "«»"])
def test_text_with_a_visible_character_is_accepted(text: str) -> None:
    assert TypeAdapter(Text).validate_python(text) == text


@pytest.mark.parametrize("text", ["\u200b", "\u00a0\u200d", "\u3164", "\u2800", "\ufeff\u00ad", "\u2060 \u180e"])
def test_text_of_only_blank_and_invisible_characters_is_refused(text: str) -> None:
    assert error_types(TypeAdapter(Text), text) == ["invisible"]


def test_a_line_is_shorter_than_a_text() -> None:
    assert error_types(TypeAdapter(Line), "a" * 501) == ["too_long"]
    assert TypeAdapter(Text).validate_python("a" * 501)


def test_a_period_that_ends_before_it_starts_is_a_typed_error() -> None:
    assert error_types(TypeAdapter(Period), {"start": 2020, "end": 2019}) == ["period_order"]


# --- What an editor shows a maintainer: the models' Danish titles and descriptions -------------------

RECORD_MODELS = [Case, Period, Sections, Role, Result, Demonstration, Principle, Question, Tag]
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda model: model.__name__)
def test_every_field_tells_in_danish_whether_it_is_required(model: type[BaseModel]) -> None:
    schema = model.model_json_schema()
    assert schema["title"] != model.__name__ and schema["description"], "the model's Danish title and description"
    for name, field in model.model_fields.items():
        if name == "id" and model in (Case, Principle):
            continue  # the file's name, left out of the published schema
        assert field.description, f"{model.__name__}.{name} has no description"
        assert field.description.startswith("Påkrævet" if field.is_required() else "Valgfri"), (model, name)


def named_ids(description: str) -> dict[str, str]:
    """'relation (Skabe relationen til borgeren); …' → {id: title}."""
    return dict(re.findall(r"([a-z0-9]+(?:-[a-z0-9]+)*) \(([^)]*)\)", description))


@pytest.mark.parametrize(("field", "kind"), [("principles", "principle"), ("prerequisites", "prerequisite"),
                                             ("organisation_models", "model")])
def test_the_descriptions_name_every_principle_by_id_and_title(field: str, kind: str) -> None:
    """The ids are written into the schema (it reads no file), so this keeps them true to principles/."""
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) | {"id": path.stem}
               for path in sorted((ROOT / "principles").glob("*.yml"))]
    expected = {record["id"]: record["title"] for record in records if record["kind"] == kind}
    assert expected and named_ids(Case.model_fields[field].description) == expected


def test_the_tags_description_names_every_target_group_tag() -> None:
    vocabulary, problems = load_vocabulary(VOCABULARY)
    assert not problems
    named = Case.model_fields["tags"].description.split("Målgruppe-emnerne er: ")[1].split(". ")[0].split(", ")
    assert named == [slug for slug, tag in vocabulary.items() if tag.target_group]


def test_descriptions_change_no_rule_of_the_published_schema() -> None:
    """Without titles and descriptions, a record's schema is what the models' types and limits make it."""
    def rules(node: object) -> object:
        if isinstance(node, dict):
            return {key: rules(value) for key, value in node.items()
                    if not (key in ("title", "description") and isinstance(value, str))}
        return [rules(value) for value in node] if isinstance(node, list) else node
    case = rules(Case.model_json_schema())
    assert case["properties"]["tags"]["items"]["pattern"] == SLUG_PATTERN
    assert case["$defs"]["Result"]["properties"]["cite"]["pattern"] == f"^{CITE_KEY_PATTERN}$"
    assert case["properties"]["last_reviewed"] == {"format": "date", "type": "string"}
    assert case["$defs"]["Status"] == {"enum": ["ongoing", "completed", "pilot"], "type": "string"}


# --- A template's placeholders and the review date ---------------------------------------------------

@pytest.mark.parametrize(("adapter", "value"), [
    (TypeAdapter(Text), "SKRIV: Titel"), (TypeAdapter(Slug), "SKRIV: Id"), (TypeAdapter(CiteKey), " SKRIV: Kilde"),
    (TypeAdapter(Period), {"start": "SKRIV: Startår"}),
    (TypeAdapter(Result), {"value": "SKRIV: Tal", "unit": "pct.", "measures": "andel", "source_type": "evaluation",
                           "cite": "jensen2018"}),
])
def test_a_placeholder_is_refused_whatever_the_fields_type(adapter: TypeAdapter, value: object) -> None:
    assert error_types(adapter, value) == ["placeholder"]


def test_a_text_that_only_mentions_the_marker_is_fine() -> None:
    assert TypeAdapter(Text).validate_python("Skriv: det er fint") == "Skriv: det er fint"
    assert TypeAdapter(Text).validate_python("Der står SKRIV: her") == "Der står SKRIV: her"


def reviewed_on(path: Path, day: datetime.date) -> int:
    """Set a record's last review to `day`; the line it stands on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(index for index, line in enumerate(lines) if line.startswith("last_reviewed:"))
    lines[index] = f"last_reviewed: {day.isoformat()}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


@pytest.mark.parametrize("record", ["cases/testby-en-indgang.yml", "principles/relation.yml"])
def test_a_review_date_after_today_is_refused_in_danish_at_its_line(project, record: str) -> None:
    path = project.root / record
    line = reviewed_on(path, FIXTURE_DAY + datetime.timedelta(days=1))
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(project.sources)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (path, line)
    assert problem.message == "'last_reviewed' er en dato efter i dag."
    assert "i dag eller før" in problem.hint


def test_a_review_today_is_fine(project) -> None:
    reviewed_on(project.root / "cases/testby-en-indgang.yml", FIXTURE_DAY)
    assert load_catalogue(project.sources).cases
