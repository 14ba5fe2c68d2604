"""The record types' own rules, checked on single values."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.schema import Line, Period, Text


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
