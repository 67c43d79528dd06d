"""Tests of children and their ages (rules/language/children.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations. Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

import pytest
from engine_helpers import TODAY

from rules.language.children import (
    age_at_birth,
    age_bound,
    age_list,
    children_ages,
    count_determiner,
    count_multiple,
    count_number,
    count_singular,
    parse_children,
)
from rules.language.text import Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 enfants dont un bébé de 18 mois", (2, 1)),
        ("2 enfants dont un bb de 18 mois", (2, 1)),
        ("pas d'enfant", (0, 0)),
        ("pas d'enfants à charge", (0, 0)),
        ("aucun", (0, 0)),
        ("aucun enfant", (0, 0)),
        ("non", (0, 0)),
        ("nan", (0, 0)),
        ("j'en ai pas", (0, 0)),
        ("0", (0, 0)),
        ("zéro", (0, 0)),
        ("3", (3, None)),
        ("deux", (2, None)),
        ("j'en ai 2", (2, None)),
        ("un fils de 2 ans", (1, 1)),
        ("deux filles de 4 et 7 ans", (2, 0)),
        ("jumeaux de 1 an", (2, 2)),
        ("jumelles de 2 ans", (2, 2)),
        ("2 gosses", (2, None)),
        ("g 2 enfants", (2, None)),
        ("3 gamins dont 1 bébé", (3, 1)),
        ("un garcon de 3 ans et une fille de 18 mois", (2, 1)),
        ("un bébé et une fille de 5 ans", (2, 1)),
        ("mes enfants ont 2 et 5 ans", (2, 1)),
        ("3 enfants (2, 4 et 6 ans)", (3, 1)),
        ("un bébé", (1, 1)),
        ("1 enfant de 6 mois", (1, 1)),
        ("ma fille de 3 mois", (1, 1)),
        ("mon fils a 4 ans", (1, 0)),
        ("j'ai un enfant de 2 ans et demi", (1, 1)),
        ("2 enfants de 3 et 5 ans", (2, 0)),  # 3 years is not « under 3 »
        ("2 enfants de moins de 3 ans", (2, 2)),
        ("3 enfants dont 2 de moins de 3 ans", (3, 2)),
        ("j'en ai trois dont un de 2 ans", (3, 1)),
        ("j'ai 3 enfants, le plus petit a 2 ans", (3, 1)),
        ("un petit de 2 ans et un grand de 8 ans", (2, 1)),
        ("j'ai trois enfants dont des jumeaux de 1 an", (3, 2)),
        ("2 ados", (2, 0)),
        ("quatre enfants", (4, None)),
        ("deux enfants de 1 an et 3 ans", (2, 1)),
        ("oui", (None, None)),
        ("je suis enceinte", (None, None)),
        ("un petit boulot", (None, None)),
        ("j'ai 23 ans", (None, None)),
        ("bof", (None, None)),
        ("", (None, None)),
        ("jsp", (None, None)),
    ],
)
def test_parse_children(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_children(text, TODAY) == expected


def test_parse_children_birth_year_needs_today() -> None:
    assert parse_children("une fille née en 2025", TODAY) == (1, 1)
    assert parse_children("une fille née en 2025") == (1, None)


# --------------------------------------------------------------------------------------------
# The recognisers, each on its own


def test_age_bound_under_and_over_three() -> None:
    assert age_bound(Text("moins de 3 ans"), 0, 0, TODAY) == ("under", 4)
    assert age_bound(Text("plus de 5 ans"), 0, 0, TODAY) == ("over", 4)
    assert age_bound(Text("moins de 6 ans"), 0, 0, TODAY) == (None, 4)  # says nothing of 3
    assert age_bound(Text("4 ans"), 0, 0, TODAY) is None


def test_age_at_birth_is_read_against_today() -> None:
    ages, end = age_at_birth(Text("ne en mars 2025"), 0, 0, TODAY)
    assert ages == [20 / 12] and end == 4
    assert age_at_birth(Text("ne en mars 2025"), 0, 0, None) is None


def test_age_list_shares_the_unit() -> None:
    assert age_list(Text("4 et 7 ans"), 0, 0, TODAY) == ([4.0, 7.0], 4)
    assert age_list(Text("18 mois"), 0, 0, TODAY) == ([1.5], 2)
    assert age_list(Text("2 ans et demi"), 0, 0, TODAY) == ([2.5], 4)
    assert age_list(Text("3 enfants"), 0, 0, TODAY) == (None, 0)


@pytest.mark.parametrize(
    ("recognise", "text", "count"),
    [
        (count_number, "trois petites filles", 3),
        (count_multiple, "des jumeaux", 2),
        (count_determiner, "mon fils", 1),
        (count_singular, "un enfant", 1),
    ],
)
def test_count_recognisers(recognise, text: str, count: int) -> None:
    tx = Text(text)
    noun = len(tx.words) - 1
    found = recognise(tx, noun, 0 if text.startswith("trois") else noun - 1)
    assert found is not None and found[0] == count


def test_count_singular_not_for_my_sons() -> None:
    tx = Text("mes fils")
    assert count_singular(tx, 1, 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 et 6 ans", [2, 6]),
        ("2 ans et 6 ans", [2, 6]),
        ("le petit a 18 mois la grande 6 ans", [1, 6]),
        ("3, 7 et 12", [3, 7, 12]),
        ("un de 4 ans", [4]),
        ("5", [5]),
        ("cinq ans", [5]),
        ("2 enfants de 4 et 7 ans", [4, 7]),
        ("une fille de 4 ans et un garcon de 7", [4, 7]),
        ("ils ont 2 ans et demi et 5 ans", [2, 5]),
        ("un bebe de 6 mois", [0]),
        # one age for a counted group
        ("deux de 3 ans", [3, 3]),
        ("jumeaux de 2 ans", [2, 2]),
        ("des jumelles de 4 ans et un de 7", [4, 4, 7]),
        ("2 garcons de 6 ans et une fille de 2 ans", [6, 6, 2]),
        ("deux de 3 et 5 ans", [3, 5]),  # a list: one age each
        ("j'ai 2 enfants, le petit a 3 ans", [3]),  # the other's age is not said
    ],
)
def test_children_ages(text: str, expected: list[int]) -> None:
    assert children_ages(text) == expected


@pytest.mark.parametrize("text", ["jsp", "2 enfants", "300 €", "bof", "depuis 2 ans"])
def test_children_ages_reads_nothing(text: str) -> None:
    assert children_ages(text) is None
