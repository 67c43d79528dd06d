"""Values computed from the situation and a scheme's dated amounts and parameters.

An exact computation returns (value, missing): value is None when a fact it needs is unknown,
and `missing` then names those facts. A condition does not wait for them: it reads the
`Spread` of the computation, every value the threshold can take over the values the unknown
facts allow, and is decided when all of them decide it the same way (500 € with no child is
under the RSA amount of any household, couple or not).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rules.engine.facts import FACTS
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


def _int_range(name: str, low: int = 0) -> tuple[int, ...]:
    fact = FACTS[name]
    return tuple(range(max(low, int(fact.minimum or 0)), int(fact.maximum or 0) + 1))


# The values each input of a computation can take (its facts, besides the date: an evaluation
# cached on them stays right). For the RSA, only whether there is a child under 3 counts
# (`_lone_parent`), so 0 and 1 stand for every number of them.
DOMAINS: dict[str, dict[str, tuple[Any, ...]]] = {
    "rsa_montant_forfaitaire_foyer": {
        "en_couple": (False, True),
        "enfants_a_charge": _int_range("enfants_a_charge"),
        "enfants_moins_3_ans": (0, 1),
        "enceinte": (False, True),
    },
}
EXACT: dict[str, Computation] = {
    "rsa_montant_forfaitaire_foyer": rsa_montant_forfaitaire_foyer,
}
INPUTS: dict[str, frozenset[str]] = {name: frozenset(d) for name, d in DOMAINS.items()}


def _consistent(facts: Mapping[str, Any]) -> bool:
    """A household that can exist (validation refuses more children under 3 than children)."""
    under_3, children = facts.get("enfants_moins_3_ans"), facts.get("enfants_a_charge")
    return under_3 is None or children is None or under_3 <= children


@dataclass(frozen=True, slots=True)
class Spread:
    """The values a threshold can take: one per completion of the unknown facts."""

    unknown: tuple[str, ...]  # the unknown inputs, in the order of the keys of `values`
    values: tuple[tuple[tuple[Any, ...], float], ...]  # (their values, the threshold)

    @property
    def low(self) -> float:
        return min(v for _, v in self.values)

    @property
    def high(self) -> float:
        return max(v for _, v in self.values)

    def changing(self, outcome: Callable[[float], object]) -> frozenset[str]:
        """The unknown facts whose value alone can change the outcome of the threshold (the
        threshold itself, or whether a condition on it holds): the ones worth asking. When the
        outcome is not the same for all values, there is at least one."""
        found = set()
        for i, name in enumerate(self.unknown):
            seen: dict[tuple[Any, ...], object] = {}
            for key, value in self.values:
                result = outcome(value)
                if seen.setdefault(key[:i] + key[i + 1:], result) != result:
                    found.add(name)
                    break
        return frozenset(found)


def spread(name: str, facts: Mapping[str, Any], scheme: Scheme, on: dt.date) -> Spread | None:
    """Every value of computation `name` the unknown facts allow; None when the catalogue has
    no amount or parameter at that date."""
    domains = DOMAINS[name]
    known = tuple((k, facts.get(k)) for k in sorted(domains) if facts.get(k) is not None)
    key = (name, id(scheme), on, known)
    cached = _SPREADS.get(key)
    if cached is None or cached[0] is not scheme:  # the scheme kept: its id is not reused
        if len(_SPREADS) >= _SPREADS_SIZE:
            _SPREADS.clear()
        cached = _SPREADS[key] = (scheme, _spread(name, scheme, on, dict(known)))
    return cached[1]


_SPREADS: dict[tuple[Any, ...], tuple[Scheme, Spread | None]] = {}
_SPREADS_SIZE = 4096


def _spread(name: str, scheme: Scheme, on: dt.date, given: dict[str, Any]) -> Spread | None:
    domains = DOMAINS[name]
    unknown = tuple(k for k in sorted(domains) if k not in given)
    values = []
    for combination in itertools.product(*(domains[k] for k in unknown)):
        facts = {**given, **dict(zip(unknown, combination, strict=True))}
        if not _consistent(facts):
            continue
        value, _ = EXACT[name](facts, scheme, on)
        if value is None:
            return None
        values.append((combination, value))
    return Spread(unknown, tuple(values))
