"""Personal amounts: what the engine asks of a calculator, and what it gets back.

The engine does not know OpenFisca-France: it asks an `AmountProvider` (installed by
`rules.money`, see `set_provider`) for the variables of the schemes whose facts are all known,
and merges the answers into their status (`rules.engine.amount_outcomes`). Without a provider,
or when it fails or is too slow, those schemes say « à vérifier » and why, never « non ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Entity = Literal["individu", "famille", "foyer_fiscal", "menage"]
Period = Literal["mois", "annee"]


@dataclass(frozen=True, slots=True)
class AmountRequest:
    """One variable to compute for the household described by the facts."""

    variable: str
    entite: Entity
    periode: Period = "mois"


@dataclass(frozen=True, slots=True)
class AmountAnswer:
    """The computed value (euros a month, or a year for « annee »), or why there is none."""

    valeur: float | None
    erreur: str | None = None  # French: why the value could not be computed (« à vérifier »)
    parametres_du: dt.date | None = None  # the date whose legislation was used
    hypotheses: tuple[str, ...] = ()  # French: what was assumed, not asked
    # Values the French reasons may quote (« personnes », « ressources_prises_en_compte »…).
    detail: Mapping[str, Any] = field(default_factory=dict)


class AmountProvider(Protocol):
    def compute(self, requests: Sequence[AmountRequest], facts: Mapping[str, Any],
                on: dt.date) -> dict[AmountRequest, AmountAnswer]:
        """Every request's answer for the household of `facts` in the month of `on`. Must not
        raise: a failure is an answer with `valeur=None` and `erreur` set."""
        ...


_provider: AmountProvider | None = None


def set_provider(provider: AmountProvider | None) -> AmountProvider | None:
    """Install the calculator the engine uses (None: no calculator); returns the previous one."""
    global _provider
    previous, _provider = _provider, provider
    return previous


def get_provider() -> AmountProvider | None:
    return _provider
