"""Danish numbers and dates, formatted by Babel."""

from __future__ import annotations

import datetime

import pytest

from generator import labels


@pytest.mark.parametrize(("value", "shown"), [
    (0, "0"),
    (2, "2"),
    (2.0, "2"),  # a whole number has no decimals, however it was written
    (2.001, "2"),  # at most two decimals: not "2,"
    (0.999, "1"),  # rounds up to a whole number: not "1,"
    (2.5, "2,5"),  # trailing zeros are dropped: not "2,50"
    (1234.5, "1.234,5"),
    (2168000, "2.168.000"),
    (-3, "-3"),
    (1e6, "1.000.000"),
    (2.005, "2,01"),  # half up from the number as written, although the float is 2.00499…
    (2.015, "2,02"),
    (-2.005, "-2,01"),
    (-0.004, "0"),  # rounds to zero: never "-0"
    (0.1 + 0.2, "0,3"),
    (1e20, "100.000.000.000.000.000.000"),
])
def test_numbers_have_danish_separators_and_at_most_two_decimals(value: float, shown: str) -> None:
    assert labels.number(value) == shown


def test_the_largest_float_is_formatted_not_refused() -> None:
    largest = labels.number(1.7976931348623157e308)
    assert largest.startswith("179.769.313.486.231.570.000.") and "," not in largest


@pytest.mark.parametrize(("day", "shown"), [
    (datetime.date(2026, 11, 26), "26. november 2026"),
    (datetime.date(2020, 1, 1), "1. januar 2020"),
    (datetime.date(2019, 5, 9), "9. maj 2019"),
    (datetime.date(2024, 2, 29), "29. februar 2024"),
])
def test_dates_are_written_out_in_danish(day: datetime.date, shown: str) -> None:
    assert labels.date(day) == shown


@pytest.mark.parametrize(("day", "shown"), [
    (datetime.date(2019, 12, 18), "18.12.2019"),
    (datetime.date(2020, 1, 5), "05.01.2020"),
])
def test_short_dates_are_numeric_day_month_year(day: datetime.date, shown: str) -> None:
    assert labels.short_date(day) == shown


@pytest.mark.parametrize(("names", "shown", "written"), [
    (["Aarhus Kommune"], 3, "Aarhus Kommune"),
    (["A", "B"], 3, "A og B"),
    (["A", "B", "C", "D"], 3, "A, B, C og D"),
    (["A", "B", "C", "D", "E", "F", "G", "H", "I"], 3, "A, B, C og 6 andre"),
    (["A", "B", "C", "D", "E"], None, "A, B, C, D og E"),
])
def test_names_are_listed_as_a_danish_sentence_lists_them(names: list[str], shown: int | None, written: str) -> None:
    assert labels.enumeration(names, shown) == written


@pytest.mark.parametrize(("total", "shown", "written"), [
    (9, 3, "A, B, C og 6 andre"),
    (4, 3, "A, B, C og D"),
    (3, None, "A, B og C"),
])
def test_a_list_can_be_given_only_the_names_it_shows(total: int, shown: int | None, written: str) -> None:
    names = ["A", "B", "C", "D", "E", "F", "G", "H", "I"][:total]
    given = names[:labels.named_count(total, shown)]
    assert labels.enumeration(given, shown, total) == written == labels.enumeration(names, shown)
    assert len(given) == (total if total <= 4 else 3)
