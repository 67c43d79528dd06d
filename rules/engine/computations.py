"""Values computed from the situation and a scheme's dated amounts and parameters.

A computation returns (value, missing): value is None when a fact it needs is unknown, and
`missing` then names those facts (so the planner can ask for them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from rules.engine.schema import Scheme

Result = tuple[float | None, frozenset[str]]
Computation = Callable[[Mapping[str, Any], Scheme, dt.date], Result]


def _rates(scheme: Scheme, on: dt.date) -> dict[str, float] | None:
    """The scheme's parameters in force on that date, or None if one has no value yet."""
    rates = {}
    for name, parameter in scheme.parametres.items():
        dated = parameter.at(on)
        if dated is None:
            return None
        rates[name] = dated.valeur
    return rates


def _lone_parent(facts: Mapping[str, Any], children: int) -> tuple[bool | None, frozenset[str]]:
    """Whether a person living alone surely gets the majoration for isolation (L262-9)."""
    under_3, pregnant = facts.get("enfants_moins_3_ans"), facts.get("enceinte")
    if children == 0:
        return pregnant, frozenset() if pregnant is not None else frozenset({"enceinte"})
    if (under_3 or 0) >= 1 or pregnant is True:
        return True, frozenset()
    unknown = frozenset(n for n, v in (("enfants_moins_3_ans", under_3), ("enceinte", pregnant))
                        if v is None)
    return (None, unknown) if unknown else (False, frozenset())


def _household_rate(rates: dict[str, float], couple: bool, children: int) -> float:
    """CASF R262-1: the second person of the household (partner or first child) adds one rate,
    each further person another, and each child from the third a higher one."""
    others = children + (1 if couple else 0)  # the people besides the claimant
    beyond_second_child = max(children - 2, 0)
    rate = 1.0
    if others >= 1:
        rate += rates["majoration_deuxieme_personne"]
    rate += rates["majoration_personne_supplementaire"] * max(others - 1 - beyond_second_child, 0)
    return rate + rates["majoration_a_partir_du_troisieme_enfant"] * beyond_second_child


def rsa_montant_forfaitaire_foyer(facts: Mapping[str, Any], scheme: Scheme, on: dt.date) -> Result:
    """RSA montant forfaitaire for the household (CASF R262-1; majoré for a lone parent, L262-9).

    The rates are the scheme's dated parameters (rsa.yaml). The majoration for a lone parent is
    applied when it surely applies: a child under 3 or a pregnancy (it lasts until the youngest
    child's third birthday). A lone parent whose children are all older may still get it for
    12 months after separating: the base scale then understates the threshold, which the
    scheme's text says.
    """
    base = scheme.amount("montant_forfaitaire")
    dated = base.at(on) if base else None
    rates = _rates(scheme, on)
    if dated is None or rates is None:
        return None, frozenset()
    couple, children = facts.get("en_couple"), facts.get("enfants_a_charge")
    missing = {name for name, v in (("en_couple", couple), ("enfants_a_charge", children))
               if v is None}
    if missing:
        return None, frozenset(missing)
    if not couple:
        lone_parent, unknown = _lone_parent(facts, children)
        if lone_parent is None:
            return None, unknown
        if lone_parent:
            rate = (rates["majoration_isolement"]
                    + children * rates["majoration_isolement_par_enfant"])
            return round(dated.valeur * rate, 2), frozenset()
    return round(dated.valeur * _household_rate(rates, bool(couple), children), 2), frozenset()


COMPUTATIONS: dict[str, Computation] = {
    "rsa_montant_forfaitaire_foyer": rsa_montant_forfaitaire_foyer,
}

# The facts each computation reads (besides the date): an evaluation cached on these facts
# stays right.
INPUTS: dict[str, frozenset[str]] = {
    "rsa_montant_forfaitaire_foyer": frozenset(
        {"en_couple", "enfants_a_charge", "enfants_moins_3_ans", "enceinte"}),
}
