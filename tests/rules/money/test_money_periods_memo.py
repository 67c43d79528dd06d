"""The memoised period arithmetic (rules.money.periods_memo) answers as OpenFisca-Core does."""

from openfisca_core import periods

from rules.money import periods_memo


def test_memoised_periods_equal_the_originals():
    periods_memo.install()
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
