"""Personas computed by the provider, checked to the euro against simulations written by hand
here with OpenFisca's SimulationBuilder (not through rules.money's household builder)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest

from rules.engine.amounts import AmountRequest
from rules.money import OpenFiscaProvider

NOVEMBER_2026 = dt.date(2026, 11, 15)
# Incomes stable since January 2024 (N-2), as the provider assumes.
MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025, 2026) for m in range(1, 13)][:35]
RECENT = [f"{y}-{m:02d}" for y, m in [(2025, 11), (2025, 12)] + [(2026, k) for k in range(1, 12)]]


def every_month(value: Any, months: list[str] = MONTHS) -> dict[str, Any]:
    return {m: value for m in months}


@functools.cache
def pristine_system() -> Any:
    """OpenFisca-France as published: not the provider's, whose always-zero variables are
    neutralised."""
    from openfisca_france import FranceTaxBenefitSystem

    return FranceTaxBenefitSystem()


def reference(situation: dict[str, Any], variable: str, period: str) -> float:
    from openfisca_core.simulations import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(pristine_system(), situation)
    return float(simulation.calculate(variable, period)[0])


@pytest.fixture(scope="module")
def provider() -> OpenFiscaProvider:
    provider = OpenFiscaProvider(timeout=120)
    provider.warm_up()
    return provider


def compute(provider: OpenFiscaProvider, facts: dict[str, Any], variable: str, entite: str,
            periode: str = "mois") -> float:
    request = AmountRequest(variable, entite, periode)  # type: ignore[arg-type]
    answer = provider.compute([request], facts, NOVEMBER_2026)[request]
    assert answer.erreur is None, answer.erreur
    assert answer.parametres_du == dt.date(2026, 11, 1)
    assert answer.valeur is not None
    return answer.valeur


# The lone mother of Roubaix: 600 € of unemployment benefit, rent 520 €, children of 2 and 6.
ROUBAIX_FACTS = {
    "age": 32, "commune": "59512", "activite": "sans_emploi", "en_couple": False,
    "ressources_mensuelles_foyer": 600, "revenus_activite_mensuels": 0,
    "logement": "locataire", "loyer_mensuel": 520, "enfants_a_charge": 2,
    "enfants_moins_3_ans": 1, "enfants_ages": (2, 6), "date_evaluation": NOVEMBER_2026,
}
ROUBAIX = {
    "individus": {
        "mere": {
            "date_naissance": {"ETERNITY": "1994-05-01"},  # 32 all November 2026
            "activite": every_month("chomeur", RECENT),
            "chomage_net": every_month(600),
            "chomage_imposable": every_month(600),
        },
        "enfant_2": {"date_naissance": {"ETERNITY": "2024-05-01"}},
        "enfant_6": {"date_naissance": {"ETERNITY": "2020-05-01"},
                     "scolarite": every_month("primaire", RECENT)},
    },
    "familles": {"f": {"parents": ["mere"], "enfants": ["enfant_2", "enfant_6"]}},
    "foyers_fiscaux": {"ff": {"declarants": ["mere"],
                              "personnes_a_charge": ["enfant_2", "enfant_6"]}},
    "menages": {"m": {"personne_de_reference": ["mere"], "enfants": ["enfant_2", "enfant_6"],
                      "depcom": every_month("59512", RECENT),
                      "statut_occupation_logement": every_month("locataire_vide", RECENT),
                      "loyer": every_month(520, RECENT)}},
}


@pytest.mark.parametrize(("variable", "entite", "periode", "period"), [
    ("rsa", "famille", "mois", "2026-11"),
    ("aide_logement", "famille", "mois", "2026-11"),
    ("af", "famille", "mois", "2026-11"),
    ("asf", "famille", "mois", "2026-11"),
    ("paje_base", "famille", "mois", "2026-11"),
    ("cmu_c", "famille", "mois", "2026-11"),
    ("css_participation_forfaitaire", "famille", "mois", "2026-11"),
    ("cheque_energie", "menage", "annee", "2026"),
])
def test_lone_mother_of_roubaix(provider, variable, entite, periode, period):
    expected = reference(ROUBAIX, variable, period)
    assert compute(provider, ROUBAIX_FACTS, variable, entite, periode) == pytest.approx(
        expected, abs=0.01)


def test_lone_mother_of_roubaix_receives_something(provider):
    assert compute(provider, ROUBAIX_FACTS, "aide_logement", "famille") > 300
    assert compute(provider, ROUBAIX_FACTS, "asf", "famille") > 300
    assert compute(provider, ROUBAIX_FACTS, "paje_base", "famille") > 0
    assert compute(provider, ROUBAIX_FACTS, "cmu_c", "famille") == 1.0  # CSS gratuite


def test_answer_explains_itself(provider):
    request = AmountRequest("aide_logement", "famille")
    answer = provider.compute([request], ROUBAIX_FACTS, NOVEMBER_2026)[request]
    assert answer.detail == {"personnes": 3, "ressources": 600.0, "loyer": 520.0}
    assert any("épargne" in h for h in answer.hypotheses)
    assert any("pension alimentaire" in h for h in answer.hypotheses)


def test_couple_where_only_the_partner_works_gets_the_prime_d_activite(provider):
    facts = {"age": 35, "commune": "59350", "activite": "sans_emploi", "en_couple": True,
             "revenus_activite_mensuels": 0, "ressources_mensuelles_foyer": 1425,
             "conjoint_age": 37, "conjoint_activite": "emploi",
             "conjoint_revenus_mensuels": 1425, "logement": "locataire_social",
             "loyer_mensuel": 450, "enfants_a_charge": 0}
    situation = {
        "individus": {
            "moi": {"date_naissance": {"ETERNITY": "1991-05-01"},
                    "activite": every_month("chomeur", RECENT)},
            "conjoint": {"date_naissance": {"ETERNITY": "1989-05-01"},
                         "activite": every_month("actif", RECENT),
                         "salaire_net": every_month(1425),
                         "salaire_imposable": every_month(1425)},
        },
        "familles": {"f": {"parents": ["moi", "conjoint"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["moi", "conjoint"]}},
        "menages": {"m": {"personne_de_reference": ["moi"], "conjoint": ["conjoint"],
                          "depcom": every_month("59350", RECENT),
                          "statut_occupation_logement": every_month("locataire_hlm", RECENT),
                          "loyer": every_month(450, RECENT)}},
    }
    expected = reference(situation, "ppa", "2026-11")
    assert expected > 0
    assert compute(provider, facts, "ppa", "famille") == pytest.approx(expected, abs=0.01)
    for variable in ("aide_logement", "reduction_loyer_solidarite"):
        assert compute(provider, facts, variable, "famille") == pytest.approx(
            reference(situation, variable, "2026-11"), abs=0.01)


def test_couple_of_23_with_a_partner_of_30_without_income_gets_the_rsa(provider):
    facts = {"age": 23, "commune": "59599", "activite": "sans_emploi", "en_couple": True,
             "revenus_activite_mensuels": 0, "ressources_mensuelles_foyer": 0,
             "conjoint_age": 30, "conjoint_activite": "sans_emploi",
             "conjoint_revenus_mensuels": 0, "logement": "heberge"}
    situation = {
        "individus": {
            "moi": {"date_naissance": {"ETERNITY": "2003-05-01"},
                    "activite": every_month("chomeur", RECENT)},
            "conjoint": {"date_naissance": {"ETERNITY": "1996-05-01"},
                         "activite": every_month("chomeur", RECENT)},
        },
        "familles": {"f": {"parents": ["moi", "conjoint"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["moi", "conjoint"]}},
        "menages": {"m": {"personne_de_reference": ["moi"], "conjoint": ["conjoint"],
                          "depcom": every_month("59599", RECENT),
                          "statut_occupation_logement": every_month("loge_gratuitement",
                                                                    RECENT)}},
    }
    expected = reference(situation, "rsa", "2026-11")
    assert expected > 0
    assert compute(provider, facts, "rsa", "famille") == pytest.approx(expected, abs=0.01)


def test_working_student_gets_the_prime_d_activite(provider):
    facts = {"age": 21, "commune": "59350", "activite": "etudes", "en_couple": False,
             "revenus_activite_mensuels": 1200, "ressources_mensuelles_foyer": 1200,
             "logement": "locataire", "loyer_mensuel": 400, "enfants_a_charge": 0}
    situation = {
        "individus": {"moi": {"date_naissance": {"ETERNITY": "2005-05-01"},
                              "activite": every_month("etudiant", RECENT),
                              "salaire_net": every_month(1200),
                              "salaire_imposable": every_month(1200)}},
        "familles": {"f": {"parents": ["moi"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["moi"]}},
        "menages": {"m": {"personne_de_reference": ["moi"],
                          "depcom": every_month("59350", RECENT),
                          "statut_occupation_logement": every_month("locataire_vide", RECENT),
                          "loyer": every_month(400, RECENT)}},
    }
    expected = reference(situation, "ppa", "2026-11")
    assert expected > 0
    assert compute(provider, facts, "ppa", "famille") == pytest.approx(expected, abs=0.01)


def test_adult_with_a_disability_gets_the_aah(provider):
    facts = {"age": 40, "commune": "59512", "activite": "autre", "en_couple": False,
             "ressources_mensuelles_foyer": 0, "logement": "locataire", "loyer_mensuel": 400,
             "taux_incapacite": 80}
    situation = {
        "individus": {"moi": {"date_naissance": {"ETERNITY": "1986-05-01"},
                              "taux_incapacite": every_month(0.8, RECENT)}},
        "familles": {"f": {"parents": ["moi"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["moi"]}},
        "menages": {"m": {"personne_de_reference": ["moi"],
                          "depcom": every_month("59512", RECENT),
                          "statut_occupation_logement": every_month("locataire_vide", RECENT),
                          "loyer": every_month(400, RECENT)}},
    }
    expected = reference(situation, "aah", "2026-11")
    assert expected > 900
    assert compute(provider, facts, "aah", "individu") == pytest.approx(expected, abs=0.01)
    assert compute(provider, facts, "aide_logement", "famille") == pytest.approx(
        reference(situation, "aide_logement", "2026-11"), abs=0.01)


def test_retired_person_with_a_small_pension_gets_the_aspa(provider):
    facts = {"age": 68, "commune": "59350", "activite": "retraite", "en_couple": False,
             "ressources_mensuelles_foyer": 700, "logement": "proprietaire"}
    situation = {
        "individus": {"moi": {"date_naissance": {"ETERNITY": "1958-05-01"},
                              "activite": every_month("retraite", RECENT),
                              "retraite_nette": every_month(700),
                              "retraite_imposable": every_month(700),
                              "retraite_brute": every_month(700)}},  # no CSG: exempt
        "familles": {"f": {"parents": ["moi"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["moi"]}},
        "menages": {"m": {"personne_de_reference": ["moi"],
                          "depcom": every_month("59350", RECENT),
                          "statut_occupation_logement": every_month("proprietaire", RECENT)}},
    }
    expected = reference(situation, "aspa", "2026-11")
    assert 0 < expected < 500
    assert compute(provider, facts, "aspa", "famille") == pytest.approx(expected, abs=0.01)
    for variable in ("cmu_c", "css_participation_forfaitaire"):
        assert compute(provider, facts, variable, "famille") == pytest.approx(
            reference(situation, variable, "2026-11"), abs=0.01)
