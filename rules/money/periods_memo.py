"""Memoised period arithmetic of OpenFisca-Core (`Instant.offset`, `Period.offset`,
`Period.get_subperiods`, `periods.period`).

A simulation of rules.money asks about 10 000 times for « the month before », « the 3 months
before », « the year before » of a few dozen periods, each time through pendulum's date
arithmetic. Those are pure functions of immutable tuples: their results are kept in a dict
(bounded), which changes no value. `periods.period(p)`, called on every read of the cache
of a variable, returns a `Period` as it is without going through
`functools.singledispatch`. `install()` is idempotent and process-wide.
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


def install() -> None:
    global _installed
    if _installed:
        return
    from openfisca_core import periods
    from openfisca_core.periods import Instant, Period

    periods.period = _fast_period(periods.period)

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

    periods.period = periods.period.__wrapped_original__
    for cls, name in ((Instant, "offset"), (Period, "offset"), (Period, "get_subperiods")):
        setattr(cls, name, getattr(cls, name).__wrapped_original__)
    _installed = False
