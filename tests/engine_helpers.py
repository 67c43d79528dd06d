"""Helpers for the engine tests: evaluate on the reference date, index by scheme id."""

import datetime as dt

from rules import evaluate

TODAY = dt.date(2026, 11, 22)


def run(**situation):
    """Evaluate a situation on the reference date (2026-11-22) unless it says otherwise."""
    situation.setdefault("date_evaluation", TODAY.isoformat())
    return evaluate(situation)


def by_id(result):
    return {d["id"]: d for d in result["dispositifs"]}
