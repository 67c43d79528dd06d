"""Tests of numbers in digits and words (rules/language/numbers.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.language.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", 23),
        ("vingt-trois", 23),
        ("vingt trois", 23),
        ("Vingt-Trois", 23),
        ("quatre-vingt-dix-neuf", 99),
        ("quatre vingt dix neuf", 99),
        ("soixante et onze", 71),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-un", 81),
        ("vingt et un", 21),
        ("vingt-et-une", 21),
        ("cent vingt", 120),
        ("deux cents", 200),
        ("deux cent un", 201),
        ("deux mille", 2000),
        ("mille deux cents", 1200),
        ("un", 1),
        ("une", 1),
        ("zero", 0),
        ("zéro", 0),
        ("aucun", 0),
        ("1 200", 1200),
        ("10 000", 10000),
        ("septante", 70),
        ("nonante-cinq", 95),
        ("j'en ai trois", 3),
        ("env. 12", 12),
        ("deux trois", 2),  # « deux ou trois »: the first number, not 5
    ],
)
def test_parse_number(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["pas d'enfant", "bof", "", "beaucoup", "quelques", "?"])
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------------------------
# Properties of the number parser

_UNITS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_words(n: int) -> str:
    """French spelling of 0 ≤ n ≤ 999 (« soixante et onze », « quatre-vingts »)."""
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens == 7:
            return "soixante et onze" if unit == 1 else "soixante-" + french_words(n - 60)
        if tens == 9:
            return "quatre-vingt-" + french_words(n - 80)
        if tens == 8:
            return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _UNITS[unit]
        if unit == 0:
            return _TENS[tens]
        if unit == 1:
            return _TENS[tens] + " et un"
        return f"{_TENS[tens]}-{_UNITS[unit]}"
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent" + ("s" if rest == 0 else "")
    return head if rest == 0 else f"{head} {french_words(rest)}"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (99, "quatre-vingt-dix-neuf"),
        (200, "deux cents"),
    ],
)
def test_french_words_helper(n: int, words: str) -> None:
    assert french_words(n) == words


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10000))
def test_parse_number_digits(n: int) -> None:
    assert parse_number(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999), st.booleans(), st.booleans())
def test_parse_number_words(n: int, reform_hyphens: bool, upper: bool) -> None:
    words = french_words(n)
    if reform_hyphens:  # 1990 spelling: hyphens everywhere (« vingt-et-un », « deux-cent-un »)
        words = words.replace(" ", "-")
    if upper:
        words = words.upper()
    assert parse_number(words) == n


def test_parse_number_words_exhaustive() -> None:
    assert [parse_number(french_words(n)) for n in range(1000)] == list(range(1000))
