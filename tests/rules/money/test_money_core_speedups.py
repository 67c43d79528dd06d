"""The memoised period arithmetic (rules.money.core_speedups) answers as OpenFisca-Core does."""

from openfisca_core import periods

from rules.money import core_speedups


def test_memoised_periods_equal_the_originals():
    core_speedups.install()
    Period, Instant = periods.Period, periods.Instant
    instant_offset = Instant.offset.__wrapped_original__
    period_offset = Period.offset.__wrapped_original__
    subperiods = Period.get_subperiods.__wrapped_original__
    parse = periods.period.__wrapped_original__
    for text in ("2026-11", "2026", "2024-02", "month:2025-12:3", "year:2025-11"):
        period = periods.period(text)
        assert period == parse(text)
        assert periods.period(period) is period
        for offset in (-1, -3, -12, 1, "first-of", "last-of"):
            for unit in ("month", "year"):
                for _ in range(2):  # computed, then from the memo
                    assert period.offset(offset, unit) == period_offset(period, offset, unit)
                    assert period.start.offset(offset, unit) == \
                        instant_offset(period.start, offset, unit)
        months = period.get_subperiods("month")
        months.append(None)  # a copy: the memo is not changed
        assert period.get_subperiods("month") == subperiods(period, "month")
    assert periods.period("ETERNITY") == parse("ETERNITY")


def test_a_simulation_gives_the_same_values_without_the_speedups():
    import datetime as dt

    import numpy as np

    from rules.money import calculator
    from rules.money.household import household_of
    from rules.money.simulation import Batch

    month = dt.date(2026, 11, 1)
    households = [household_of(facts) for facts in calculator.WARM_UP_FACTS]
    system = calculator.tax_benefit_system()

    def values() -> dict:
        batch = Batch(system, households, month)
        return {r: calculator._column(system, batch, r, month)
                for r in calculator.CATALOGUE_REQUESTS}

    fast = values()
    core_speedups.uninstall()
    try:
        slow = values()
    finally:
        core_speedups.install()
    for request, column in slow.items():
        np.testing.assert_array_equal(fast[request], column, err_msg=str(request))
