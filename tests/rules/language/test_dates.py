"""Tests of the date recognisers (rules/language/dates.py), each on its own.

Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_helpers import TODAY

from rules.language.dates import (
    DATE_RECOGNISERS,
    REJECTED,
    Period,
    bare_year,
    day_and_month,
    last_month,
    named_month,
    numeric_date,
    parse_date_at,
    recent_day,
)
from rules.language.durations import durations_in
from rules.language.text import Text


def test_numeric_date_reads_day_month_year() -> None:
    assert numeric_date(Text("15/03/2024"), 0, TODAY) == Period(
        date(2024, 3, 15), date(2024, 3, 15), 5
    )
    assert numeric_date(Text("15.03.2024"), 0, TODAY) == Period(
        date(2024, 3, 15), date(2024, 3, 15), 1
    )
    assert numeric_date(Text("2024-03-15"), 0, TODAY).first == date(2024, 3, 15)


def test_numeric_date_month_and_year_is_the_whole_month() -> None:
    assert numeric_date(Text("03/2024"), 0, TODAY) == Period(
        date(2024, 3, 1), date(2024, 3, 31), 3
    )


def test_numeric_date_impossible_is_rejected_not_read_as_a_year() -> None:
    assert numeric_date(Text("2024/13/45"), 0, TODAY) is REJECTED
    assert parse_date_at(Text("2024/13/45"), 0, TODAY) is None
    assert bare_year(Text("2024/13/45"), 0, TODAY) is not None  # what the rejection prevents


def test_numeric_date_leaves_a_plain_number_to_the_others() -> None:
    assert numeric_date(Text("15 mars"), 0, TODAY) is None


def test_day_and_month_without_year_is_the_last_one_until_today() -> None:
    assert day_and_month(Text("1er mai"), 0, TODAY) == Period(
        date(2026, 5, 1), date(2026, 5, 1), 3
    )
    assert day_and_month(Text("25 decembre"), 0, TODAY).first == date(2025, 12, 25)
    assert day_and_month(Text("sept ans"), 0, TODAY) is None


def test_named_month_with_and_without_year() -> None:
    assert named_month(Text("mars 2024"), 0, TODAY) == Period(
        date(2024, 3, 1), date(2024, 3, 31), 2
    )
    assert named_month(Text("novembre dernier"), 0, TODAY).first == date(2025, 11, 1)
    assert named_month(Text("debut decembre"), 0, TODAY).first == date(2025, 12, 1)
    assert named_month(Text("sept ans"), 0, TODAY) is None


def test_bare_year_is_not_an_age() -> None:
    assert bare_year(Text("fin 2023"), 0, TODAY) == Period(date(2023, 1, 1), date(2023, 12, 31), 2)
    assert bare_year(Text("2023 ans"), 0, TODAY) is None


def test_last_month_in_january_is_last_december() -> None:
    assert last_month(Text("le mois dernier"), 0, date(2026, 1, 10)) == Period(
        date(2025, 12, 1), date(2025, 12, 31), 3
    )


def test_recent_day() -> None:
    assert recent_day(Text("avant-hier"), 0, TODAY) == Period(TODAY, TODAY, 3)
    assert recent_day(Text("aujourd'hui"), 0, TODAY) == Period(TODAY, TODAY, 2)
    assert recent_day(Text("demain"), 0, TODAY) is None


@pytest.mark.parametrize("recognise", DATE_RECOGNISERS)
def test_every_recogniser_ignores_words_that_are_not_dates(recognise) -> None:
    assert recognise(Text("je cherche du travail"), 0, TODAY) is None


def test_since_march_2024_is_a_date_period() -> None:
    tx = Text("au chomage depuis mars 2024")
    (since,) = durations_in(tx, TODAY)
    assert since.is_date and since.marked
    assert since.months == 32  # 1 March 2024 → 22 November 2026
    assert parse_date_at(tx, since.start, TODAY) == Period(
        date(2024, 3, 1), date(2024, 3, 31), len(tx.words)
    )
