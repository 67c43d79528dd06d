"""A household's amounts do not depend on the order of the requests of its batch.

OpenFisca-France's housing aid and RSA read each other month after month (a spiral it cuts
where it meets it): computed in another order, the same household got 301 € or 389 € of
housing aid, a CSS with or without participation (found by test_differential_households)."""

import datetime as dt

import pytest

pytest.importorskip("openfisca_france")

from rules.engine.amounts import AmountRequest
from rules.money.calculator import CATALOGUE_REQUESTS, simulate
from rules.money.household import household_of

MONTH = dt.date(2026, 11, 1)
HOUSEHOLDS = [
    # a couple in HLM, « en formation » with an allowance, the partner unemployed, a child of 3
    {"age": 56, "activite": "formation", "en_couple": True, "conjoint_age": 50,
     "conjoint_activite": "sans_emploi", "conjoint_revenus_mensuels": 837.95,
     "enfants_a_charge": 1, "enfants_ages": (3,), "revenus_activite_mensuels": 0.0,
     "ressources_mensuelles_foyer": 1113.93, "logement": "locataire_social",
     "loyer_mensuel": 494, "taux_incapacite": 0, "commune": "59350"},
    # retired at 47 with a rate of 80 %, a baby, a tenant
    {"age": 47, "activite": "retraite", "en_couple": False, "enfants_a_charge": 1,
     "enfants_ages": (0,), "revenus_activite_mensuels": 0.0,
     "ressources_mensuelles_foyer": 1336.97, "logement": "locataire", "loyer_mensuel": 607,
     "taux_incapacite": 80, "commune": "59178"},
]


def test_the_order_of_the_requests_changes_no_answer():
    households = [household_of(f) for f in HOUSEHOLDS]
    requests = list(CATALOGUE_REQUESTS)
    css_first = sorted(requests, key=lambda r: not r.variable.startswith(("cmu", "css")))
    orders = [requests, requests[::-1], sorted(requests, key=lambda r: r.variable), css_first,
              [AmountRequest("rsa", "famille"), AmountRequest("aide_logement", "famille")]]
    results = [simulate(households, MONTH, order) for order in orders]
    for result in results[1:]:
        for i in range(len(households)):
            for r, value in result[i].items():
                assert value == results[0][i][r], (i, r)
