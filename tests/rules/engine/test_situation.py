"""Validation of situations: every bad input gets a French message naming the field."""

import pytest
from engine_helpers import TODAY

from rules import SituationError, evaluate, validate


def errors(raw):
    with pytest.raises(SituationError) as caught:
        validate(raw)
    return {e.champ: e.message for e in caught.value.errors}


def test_unknown_field_is_refused_with_a_suggestion():
    found = errors({"sans_emploi_depuis": 3})
    assert "n'existe pas" in found["sans_emploi_depuis"]
    assert "sans_emploi_depuis_mois" in found["sans_emploi_depuis"]


@pytest.mark.parametrize("age", [300, -1, 121])
def test_age_out_of_range(age):
    assert "âge" in errors({"age": age})["age"]


@pytest.mark.parametrize("value", ["23", True, 23.5, None.__class__.__name__])
def test_age_must_be_an_integer(value):
    assert "nombre entier" in errors({"age": value})["age"]


def test_age_120_and_0_are_accepted():
    assert validate({"age": 120}).facts["age"] == 120
    assert validate({"age": 0}).facts["age"] == 0
    assert validate({"age": 23.0}).facts["age"] == 23


def test_enum_lists_the_allowed_values():
    message = errors({"activite": "chomage"})["activite"]
    assert "sans_emploi" in message and "chomage" in message


def test_booleans_are_true_or_false():
    assert "true" in errors({"rsa": "oui"})["rsa"]


def test_children_under_3_cannot_exceed_children():
    message = errors({"enfants_a_charge": 1, "enfants_moins_3_ans": 2})["enfants_moins_3_ans"]
    assert "ne peut pas dépasser" in message


def test_no_children_means_none_under_3():
    assert validate({"enfants_a_charge": 0}).facts["enfants_moins_3_ans"] == 0


def test_dates():
    assert "AAAA-MM-JJ" in errors({"date_evaluation": "22/11/2026"})["date_evaluation"]
    situation = validate({"date_naissance": "2003-05-10", "date_evaluation": "2026-11-22"})
    assert situation.facts["age"] == 23
    assert "ne correspond pas" in errors(
        {"date_naissance": "2003-05-10", "age": 30, "date_evaluation": "2026-11-22"})["age"]
    assert "après" in errors({"date_naissance": "2030-01-01",
                              "date_evaluation": "2026-11-22"})["date_naissance"]


def test_unknown_commune_gives_suggestions():
    message = errors({"commune": "Roubé"})["commune"]
    assert "Roubaix" in message


def test_several_errors_are_all_reported():
    found = errors({"age": 300, "rsa": "oui", "foo": 1})
    assert set(found) == {"age", "rsa", "foo"}


@pytest.mark.parametrize("raw", [None, [], "texte", 42])
def test_not_an_object(raw):
    assert "objet JSON" in errors(raw)["situation"]


def test_null_means_unknown():
    """A field sent as null gives exactly the answer of a field not sent: unknown, and asked."""
    sent_null = evaluate({"age": None, "rsa": None, "commune": None,
                          "date_evaluation": TODAY.isoformat()})
    absent = evaluate({"date_evaluation": TODAY.isoformat()})
    assert sent_null == absent
    rsa = next(d for d in sent_null["dispositifs"] if d["id"] == "rsa")
    assert rsa["statut"] == "indetermine"
    assert {"rsa", "age"} <= set(rsa["faits_manquants"])
    assert {"rsa", "age", "commune"} <= {q["fait"] for q in sent_null["questions"]}


def test_negative_and_infinite_resources_refused():
    assert "ressources" in errors({"ressources_mensuelles_foyer": -5})[
        "ressources_mensuelles_foyer"]
    assert "nombre" in errors({"ressources_mensuelles_foyer": float("nan")})[
        "ressources_mensuelles_foyer"]


# code_insee: the unambiguous way for an integrator to name a commune.

def test_code_insee_alone_names_its_commune():
    situation = validate({"code_insee": "59360"})  # Loos; also Le Cateau's postal code
    assert situation.commune.nom == "Loos"
    assert situation.facts["commune"] == "59360"
    assert evaluate({"code_insee": "59512"})["territoire"]["nom"] == "Roubaix"


def test_code_insee_with_the_same_commune_is_accepted():
    assert validate({"commune": "Roubaix", "code_insee": "59512"}).commune.insee == "59512"
    assert validate({"commune": "59100", "code_insee": "59512"}).commune.insee == "59512"
    assert validate({"commune": "insee:59512", "code_insee": "59512"}).commune.nom == "Roubaix"


def test_code_insee_settles_an_ambiguous_commune():
    assert "59360" in errors({"commune": "59360"})["commune"]
    assert validate({"commune": "59360", "code_insee": "59360"}).commune.nom == "Loos"


def test_code_insee_and_commune_must_agree():
    message = errors({"commune": "Tourcoing", "code_insee": "59512"})["code_insee"]
    assert "Tourcoing" in message and "Roubaix" in message
    assert "ne désignent pas la même commune" in message


@pytest.mark.parametrize("code", ["99999", "Roubaix", 59512])
def test_code_insee_must_be_a_known_insee_code(code):
    assert "code_insee" in errors({"code_insee": code})


def test_bare_code_and_insee_prefix_work_as_before():
    assert validate({"commune": "59100"}).commune.nom == "Roubaix"
    assert validate({"commune": "insee:59350"}).commune.nom == "Lille"
