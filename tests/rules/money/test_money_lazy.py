"""The lazy formulas (rules.money.lazy) give the same answers, to the bit, as OpenFisca-France's
own formulas: every variable the catalogue asks, for many households, each alone (where the
shortcuts apply) and together (where the original formulas run)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np
import pytest

from rules.money import calculator, lazy
from rules.money.household import Household, household_of
from rules.money.simulation import Batch

MONTH = dt.date(2026, 11, 1)
COMMUNES = ("59512", "59350", "59599", "59183", "59009")
ACTIVITES = ("sans_emploi", "emploi", "etudes", "retraite", "autre", "apprentissage")
LOGEMENTS = ("locataire", "locataire_social", "heberge", "proprietaire")


def facts(i: int) -> dict[str, Any]:
    activite = ACTIVITES[i % len(ACTIVITES)]
    children = i % 4
    couple = i % 3 == 0
    result: dict[str, Any] = {
        "age": (17, 19, 23, 25, 27, 29, 34, 45, 58, 61, 64, 70)[i % 12],
        "commune": COMMUNES[i % len(COMMUNES)], "activite": activite, "en_couple": couple,
        "enfants_a_charge": children,
        "enfants_ages": tuple((5 * k + i) % 19 for k in range(children)),
        "logement": LOGEMENTS[(i // 2) % len(LOGEMENTS)], "loyer_mensuel": 200 + 13 * i % 600,
        "revenus_activite_mensuels": (0, 450, 1100, 1900)[i % 4]
        if activite in ("emploi", "apprentissage") else 0,
        "ressources_mensuelles_foyer": (0, 350, 700, 1300, 2400)[i % 5],
        "taux_incapacite": (0, 0, 80, 60, 0)[i % 5],
        "rqth": i % 7 == 0,
    }
    result["ressources_mensuelles_foyer"] += result["revenus_activite_mensuels"]
    if couple:
        partner = (0, 800, 1500)[i % 3]
        result |= {"conjoint_age": (20, 24, 40, 66)[i % 4],
                   "conjoint_activite": ("emploi", "sans_emploi", "retraite")[i % 3],
                   "conjoint_revenus_mensuels": partner}
        result["ressources_mensuelles_foyer"] += partner
    return result


HOUSEHOLDS = [household_of(facts(i)) for i in range(72)]


@functools.cache
def systems() -> tuple[Any, Any]:
    """OpenFisca-France with the provider's neutralised variables, without and with the lazy
    formulas."""
    from openfisca_france import FranceTaxBenefitSystem

    plain, lazy_system = FranceTaxBenefitSystem(), FranceTaxBenefitSystem()
    for system in (plain, lazy_system):
        for name in calculator.NEUTRALISED:
            system.neutralize_variable(name)
    assert lazy.install(lazy_system) == list(lazy.LAZY)
    return plain, lazy_system


def values(system: Any, households: list[Household]) -> dict[Any, np.ndarray]:
    batch = Batch(system, households, MONTH)
    return {r: calculator._column(system, batch, r, MONTH)
            for r in calculator.CATALOGUE_REQUESTS}


def young(p: Any) -> bool:
    return 16 <= p.age <= 29


GROUPS: dict[str, list[Household]] = {
    "all together": HOUSEHOLDS,
    "no earned income": [h for h in HOUSEHOLDS if not any(p.salaire for p in h.people)],
    "nobody of the CEJ's age": [h for h in HOUSEHOLDS if not any(map(young, h.people))],
    "no tenant": [h for h in HOUSEHOLDS
                  if h.statut_occupation not in ("locataire_vide", "locataire_hlm")],
    "an incapacity, no pay": [h for h in HOUSEHOLDS
                              if any(p.taux_incapacite for p in h.people)
                              and not any(p.salaire for p in h.people)],
    "an incapacity and pay": [h for h in HOUSEHOLDS
                              if any(p.taux_incapacite for p in h.people)
                              and any(p.salaire for p in h.people)],
    **{f"alone {i}": [HOUSEHOLDS[i]] for i in (0, 2, 5, 9, 10, 13, 22, 27, 41, 50)},
}


@pytest.mark.parametrize("group", list(GROUPS))
def test_lazy_formulas_change_no_answer(group):
    households = GROUPS[group]
    assert households
    plain, lazy_system = systems()
    expected, got = values(plain, households), values(lazy_system, households)
    for request, column in expected.items():
        assert not isinstance(column, str), (request, column)
        np.testing.assert_array_equal(got[request], column, err_msg=str(request))
