"""Two shortcuts through OpenFisca-Core's overhead, process-wide, changing no value.

1. Memoised period arithmetic (`Instant.offset`, `Period.offset`, `Period.get_subperiods`,
   `periods.period`).

A simulation of rules.money asks about 10 000 times for « the month before », « the 3 months
before », « the year before » of a few dozen periods, each time through pendulum's date
arithmetic. Those are pure functions of immutable tuples: their results are kept in a dict
(bounded), which changes no value. `periods.period(p)`, called on every read of the cache
of a variable, returns a `Period` as it is without going through
`functools.singledispatch`.
2. A value already computed or set: `Simulation.calculate` returns it from the variable's
   holder at once. OpenFisca-Core does the same after pushing and popping a frame of its
   tracer, checking the period against the variable's definition (checked when the value was
   stored) and purging invalidated values (only at the end of a top-level calculation, and a
   value read changes none). Not with a full tracer (`simulation.trace`), nor for a
   neutralised or eternal variable: OpenFisca-Core's own path then.
Most of a simulation's 15 000 `calculate` calls are such reads.
3. A formula's `population("variable", period)` with no option: the entity check once per
   variable (it cannot change), then `Simulation.calculate` (OpenFisca-Core builds a named
   tuple and checks the period's type and the entity on every call).
`install()` is idempotent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 200_000
_installed = False


def _memoised(method: Callable[..., Any], *, copy: bool = False) -> Callable[..., Any]:
    cache: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any) -> Any:
        key = (self, *args)
        try:
            value = cache[key]
        except KeyError:
            value = method(self, *args)
            if len(cache) >= MAX_ENTRIES:
                cache.clear()
            cache[key] = value
        except TypeError:  # an unhashable argument: not kept
            return method(self, *args)
        return list(value) if copy else value

    wrapper.__wrapped_original__ = method  # type: ignore[attr-defined]
    return wrapper


def _fast_period(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    from openfisca_core.periods import Period

    strings: dict[str, Any] = {}

    def period(value: Any) -> Any:
        kind = type(value)
        if kind is Period:
            return value
        if kind is str:
            found = strings.get(value)
            if found is None:
                found = original(value)
                if len(strings) < MAX_ENTRIES:
                    strings[value] = found
            return found
        return original(value)

    period.__wrapped_original__ = original  # type: ignore[attr-defined]
    return period


def _fast_calculate(original: Callable[..., Any]) -> Callable[..., Any]:
    from openfisca_core.periods import Period
    from openfisca_core.tracers import SimpleTracer

    @functools.wraps(original)
    def calculate(self: Any, variable_name: str, period: Any) -> Any:
        if type(period) is Period and type(self.tracer) is SimpleTracer:
            known = self.__dict__.get("_known_holders")
            if known is None or known[0] is not self.populations:  # new, or a clone
                known = self._known_holders = (self.populations, {})
            holders = known[1]
            holder = holders.get(variable_name)
            if holder is None:
                holder = self.get_variable_population(variable_name).get_holder(variable_name)
                holders[variable_name] = holder
            storage = holder._memory_storage
            if not holder.variable.is_neutralized and not storage.is_eternal:
                value = storage._arrays.get(period)
                if value is not None:
                    return value
        return original(self, variable_name, period)

    calculate.__wrapped_original__ = original  # type: ignore[attr-defined]
    return calculate


def _fast_population_call(original: Callable[..., Any]) -> Callable[..., Any]:
    from openfisca_core.periods import Period

    checked: set[tuple[int, str, str]] = set()

    @functools.wraps(original)
    def call(self: Any, variable_name: str, period: Any, options: Any = None) -> Any:
        simulation = self.simulation
        if options is None and type(period) is Period and simulation is not None:
            key = (id(simulation.tax_benefit_system), self.entity.key, variable_name)
            if key not in checked:
                self.entity.check_variable_defined_for_entity(variable_name)
                checked.add(key)
            return simulation.calculate(variable_name, period)
        return original(self, variable_name, period, options)

    call.__wrapped_original__ = original  # type: ignore[attr-defined]
    return call


def install() -> None:
    global _installed
    if _installed:
        return
    from openfisca_core import periods
    from openfisca_core.periods import Instant, Period
    from openfisca_core.populations import CorePopulation
    from openfisca_core.simulations import Simulation

    periods.period = _fast_period(periods.period)
    Simulation.calculate = _fast_calculate(Simulation.calculate)  # type: ignore[method-assign]
    CorePopulation.__call__ = _fast_population_call(  # type: ignore[method-assign]
        CorePopulation.__call__)

    Instant.offset = _memoised(Instant.offset)  # type: ignore[method-assign]
    Period.offset = _memoised(Period.offset)  # type: ignore[method-assign]
    Period.get_subperiods = _memoised(Period.get_subperiods,  # type: ignore[method-assign]
                                      copy=True)
    _installed = True


def uninstall() -> None:
    """Back to OpenFisca-Core's own methods (for measuring)."""
    global _installed
    if not _installed:
        return
    from openfisca_core import periods
    from openfisca_core.periods import Instant, Period
    from openfisca_core.populations import CorePopulation
    from openfisca_core.simulations import Simulation

    periods.period = periods.period.__wrapped_original__
    Simulation.calculate = Simulation.calculate.__wrapped_original__  # type: ignore[method-assign]
    CorePopulation.__call__ = CorePopulation.__call__.__wrapped_original__  # type: ignore
    for cls, name in ((Instant, "offset"), (Period, "offset"), (Period, "get_subperiods")):
        setattr(cls, name, getattr(cls, name).__wrapped_original__)
    _installed = False
