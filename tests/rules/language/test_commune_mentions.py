"""Finding where the person lives in a free message."""

import pytest

from rules.language.communes import commune_mention, find_commune


@pytest.mark.parametrize(("text", "insee"), [
    ("j'habite sur Roubaix", "59512"),
    ("jai 23 ans au chomage depuis 8 mois a roubaix", "59512"),
    ("59100", "59512"),
    ("je vis à Villeneuve-d'Ascq depuis 2 ans", "59009"),
    ("on habite a tourcoing", "59599"),
    ("33 ans maman solo, a cambrai", "59122"),
])
def test_a_commune_named_in_a_sentence_is_found(text, insee):
    commune = find_commune(text)
    assert commune is not None and commune.insee == insee


@pytest.mark.parametrize("text", [
    "je cherche du travail depuis 3 ans", "jtouche le rsa", "j'ai 2 enfants", "",
])
def test_no_commune_where_none_is_named(text):
    assert find_commune(text) is None


@pytest.mark.parametrize(("text", "mention"), [
    ("j'habite sur roubé, g 23 ans", "roube"),
    ("jhabite a armentiere et jai 2 enfants", "armentiere"),
    ("jhabite roubé", "roube"),
    ("on vit à Saint-Amand depuis 3 ans", "saint amand"),
    ("je réside à la madelene", "la madelene"),
])
def test_a_misspelt_place_after_j_habite_is_kept_for_suggestions(text, mention):
    assert commune_mention(text) == mention


@pytest.mark.parametrize("text", [
    "je vis seule avec mon fils", "j'habite chez ma mère", "je vis en couple",
    "je vis de petits boulots", "j'ai 23 ans",
])
def test_ways_of_living_are_not_taken_for_places(text):
    assert commune_mention(text) is None
