"""Personal amounts computed with OpenFisca-France (the engine's amount provider).

`install()` makes the engine use it; `warm_up()` loads OpenFisca-France (about 3 s) and runs
one tiny simulation, so that the first person does not wait for it.
"""

from __future__ import annotations

from rules.engine import amounts
from rules.money.calculator import OpenFiscaProvider, tax_benefit_system
from rules.money.household import Household, Person, household_of

__all__ = ["Household", "OpenFiscaProvider", "Person", "household_of", "install",
           "tax_benefit_system", "warm_up"]


def install(provider: OpenFiscaProvider | None = None) -> OpenFiscaProvider:
    """Make the engine compute amounts with OpenFisca-France; returns the provider installed."""
    provider = provider or OpenFiscaProvider()
    amounts.set_provider(provider)
    return provider


_warmed: set[int] = set()


def warm_up() -> None:
    """Load OpenFisca-France and run one tiny simulation with the installed provider (or a new
    one); once per provider."""
    provider = amounts.get_provider()
    provider = provider if isinstance(provider, OpenFiscaProvider) else OpenFiscaProvider()
    if id(provider) not in _warmed:
        provider.warm_up()
        _warmed.add(id(provider))
