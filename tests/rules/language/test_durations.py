"""Tests of durations (rules/language/durations.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations. Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_helpers import TODAY

from rules.language.durations import parse_duration_months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 mois", 18),
        ("depuis 8 mois", 8),
        ("dpuis 8 mois", 8),
        ("8mois", 8),
        ("2 ans", 24),
        ("2ans", 24),
        ("deux ans et demi", 30),
        ("un an et 3 mois", 15),
        ("ca fait 2 ans et 3 mois", 27),
        ("1 an 1/2", 18),
        ("1 an ½", 18),
        ("1,5 an", 18),
        ("un an et demi", 18),
        ("six mois", 6),
        ("une semaine", 0),
        ("15 jours", 0),
        ("10 semaines", 2),
        ("45 jours", 1),
        ("un mois et demi", 1),
        ("depuis 1 an", 12),
        ("ça fait un an", 12),
        ("bientôt 2 ans", 24),
        ("il y a 3 mois", 3),
        ("depuis 6 mois environ", 6),
        ("depuis plus d'un an", 12),
        ("depuis janvier", 10),
        ("depuis mai", 6),
        ("depuis novembre", 0),  # this very month
        ("depuis decembre", 11),  # the most recent December is last year's
        ("depuis janvier 2025", 22),
        ("depuis mars dernier", 8),
        ("depuis novembre dernier", 12),
        ("depuis septembre 2024", 26),
        ("depuis le 1er septembre", 2),
        ("depuis le 15 mars 2024", 32),
        ("depuis le 30 novembre", 11),  # 30/11/2025: not a full year yet
        ("depuis le 15/03/2024", 32),
        ("depuis 15/03/24", 32),
        ("03/2024", 32),
        ("depuis 2023", 46),  # from 1 January 2023
        ("depuis début 2024", 34),
        ("depuis l'an dernier", 22),
        ("depuis l'année dernière", 22),
        ("depuis cette année", 10),
        ("depuis le mois dernier", 1),
        ("depuis hier", 0),
        ("8", 8),  # the question says « (en mois) »
        ("2023", 46),
        ("jai 23 ans et je suis au chomage depuis 8 mois", 8),  # « depuis » wins over « 23 ans »
    ],
)
def test_parse_duration_months(text: str, expected: int) -> None:
    assert parse_duration_months(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "jamais travaillé",
        "j'ai jamais travaillé",
        "toujours",
        "depuis toujours",
        "depuis longtemps",
        "depuis un moment",
        "depuis 2027",  # in the future
        "jsp",
        "bof",
        "",
        "600 euros",
    ],
)
def test_parse_duration_months_none(text: str) -> None:
    assert parse_duration_months(text, TODAY) is None


def test_parse_duration_months_in_january() -> None:
    assert parse_duration_months("depuis janvier", date(2027, 1, 5)) == 0
    assert parse_duration_months("depuis janvier dernier", date(2027, 1, 5)) == 12
    assert parse_duration_months("depuis décembre", date(2027, 1, 5)) == 1
