"""Finding where the person lives in a free message: by its context, not only its spelling."""

import pytest

from rules.language.communes import read_place


@pytest.mark.parametrize(("text", "insee"), [
    ("j'habite sur Roubaix", "59512"),
    ("jai 23 ans au chomage depuis 8 mois a roubaix", "59512"),
    ("59100", "59512"),
    ("je vis à Villeneuve-d'Ascq depuis 2 ans", "59009"),
    ("on habite a tourcoing", "59599"),
    ("33 ans maman solo, a cambrai", "59122"),
    ("j'habite à La Madeleine depuis peu", "59368"),
    ("je vis à Croix depuis 3 ans", "59163"),
    ("on est a lomme", "59350"),
    ("45 ans douai au chomage", "59178"),
    ("jhabite au 59 150 avec ma femme", "59650"),
])
def test_a_commune_named_in_a_sentence_is_found(text, insee):
    commune = read_place(text).commune
    assert commune is not None and commune.insee == insee


@pytest.mark.parametrize("text", [
    "je cherche du travail depuis 3 ans", "jtouche le rsa", "j'ai 2 enfants", "",
    "j'ai 3 enfants à charge", "non aucun a charge", "je touche 2 500 euros par mois",
    "je gagne 12000 € par an", "ma fille marie a 3 ans", "mon fils s'appelle florent",
    "on a rdv a la croix rouge demain", "insee:59100", "je vis seule avec mon fils",
])
def test_no_commune_where_none_is_named(text):
    assert read_place(text).commune is None


@pytest.mark.parametrize(("text", "insee"), [
    ("je suis née à Lille mais j'habite à Douai", "59178"),
    ("je travaille a lille et j'habite a seclin", "59560"),
    ("jsuis de valenciennes mais je vis a maubeuge maintenant", "59392"),
    ("rue de douai a lens", "62498"),
    ("j'habite avenue de dunkerque à lille", "59350"),
    ("mon copain cambrai", None),
    ("j'habite le faubourg de lille a valenciennes", "59606"),
])
def test_the_strongest_cue_wins_and_streets_are_not_communes(text, insee):
    commune = read_place(text).commune
    assert (commune.insee if commune else None) == insee


@pytest.mark.parametrize(("text", "insee"), [
    ("on habite à Fives depuis 2 ans", "59350"),
    ("j'habite dans le quartier phalempin à tourcoing", "59599"),
    ("les oliveaux a loos", "59360"),
])
def test_a_habilitated_quartier_is_the_quartier(text, insee):
    reading = read_place(text)
    assert reading.commune is not None and reading.commune.insee == insee
    assert reading.quartier


@pytest.mark.parametrize(("text", "first"), [
    ("jhabite sur roubé, g 23 ans", "59512"),
    ("jsuis a tourcoin depuis 1 an", "59599"),
    ("mere seule, 2 enfants, armentiere", "59017"),
    ("bonjour, hazebrouk, 50 ans", "59295"),
    ("code postal 59600", "59392"),
    ("on habite mons", "59410"),
])
def test_a_misspelt_or_shared_name_is_offered_not_taken(text, first):
    reading = read_place(text)
    assert reading.commune is None
    assert reading.suggestions and reading.suggestions[0].insee == first


def test_an_unknown_place_after_j_habite_is_kept_to_say_so():
    assert read_place("j'habite vda depuis 2 ans").unknown == "vda"


@pytest.mark.parametrize("text", [
    "je vis seule avec mon fils", "j'habite chez ma mère", "je vis en couple",
    "je vis de petits boulots", "j'ai 23 ans", "bonjour je cherche un emploi",
])
def test_ways_of_living_are_not_taken_for_places(text):
    assert not read_place(text).found


@pytest.mark.parametrize("text", ["j'habite à Lille mais pas à Fives",
                                  "je vis à Loos, près des Oliveaux"])
def test_a_quartier_said_not_to_be_home_is_not_the_quartier(text):
    reading = read_place(text)
    assert reading.commune is not None and reading.quartier is False


def test_a_commune_without_a_quartier_says_nothing_of_the_quartier():
    assert read_place("j'habite à Loos").quartier is None


@pytest.mark.parametrize("text", ["ma fille salome a 2 ans", "rue de cambrai",
                                  "mon fils s'appelle florent"])
def test_a_name_ruled_out_by_its_context_is_not_offered_either(text):
    assert not read_place(text).found


@pytest.mark.parametrize(("text", "insee"), [
    ("je travaille a roubaix", "59512"),
    ("je demenage a tourcoing en janvier", "59599"),
])
def test_where_the_person_works_or_moves_to_is_only_offered(text, insee):
    reading = read_place(text)
    assert reading.commune is None and reading.suggestions[0].insee == insee


@pytest.mark.parametrize(("text", "insee"), [("59160 lomme", "59350"), ("cambrai 59400", "59122")])
def test_a_name_picks_among_the_communes_of_a_postal_code(text, insee):
    commune = read_place(text).commune
    assert commune is not None and commune.insee == insee


@pytest.mark.parametrize(("text", "insee"), [
    ("je cherche du taf sur seclin", "59560"),
    ("je cherche un job a denain", "59172"),
])
def test_looking_for_work_somewhere_is_living_there(text, insee):
    commune = read_place(text).commune
    assert commune is not None and commune.insee == insee
