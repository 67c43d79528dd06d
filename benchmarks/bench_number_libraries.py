"""text2num and dateparser against the hand-written readers, on the parser tests' own cases.

    PYTHONPATH=. python benchmarks/bench_number_libraries.py

For numbers: `alpha2digit(text, "fr", threshold=0)` then the first integer, against
`parse_number`. For durations: the quantity cases through alpha2digit then the same unit table,
the date cases (« depuis … ») through `dateparser.parse` after removing « depuis », against
`parse_duration_months`. Prints the cases each gets right and the time per call (p95).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import dateparser
from text_to_num import alpha2digit

from rules.language.dates import months_between
from rules.language.durations import parse_duration_months
from rules.language.numbers import parse_number
from rules.language.units import DURATION_UNITS
from tests.rules.language import test_durations, test_numbers

TODAY = test_durations.TODAY
_INT_RE = re.compile(r"\d+(?:[.,]\d+)?")


def _cases(test: Callable[..., object]) -> list[tuple[object, ...]]:
    marks = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
    out = []
    for case in marks[0].args[1]:
        case = tuple(case.values) if hasattr(case, "values") else case
        out.append(case if isinstance(case, tuple) else (case,))
    return out


def lib_number(text: str) -> int | None:
    found = _INT_RE.search(alpha2digit(text, "fr", threshold=0))
    return int(float(found.group().replace(",", "."))) if found else None


def lib_duration(text: str, today: date) -> int | None:
    converted = alpha2digit(text, "fr", threshold=0)
    quantity = re.search(r"(\d+(?:[.,]\d+)?) ?([a-z]+)", converted)
    if quantity and quantity.group(2) in DURATION_UNITS:
        return int(float(quantity.group(1).replace(",", ".")) * DURATION_UNITS[quantity.group(2)])
    rest = re.sub(r"\bd?epuis\b", "", text).strip()
    settings = {"RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
                "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(rest, languages=["fr"], settings=settings) if rest else None
    if parsed is None or parsed.date() > today:
        return None
    return months_between(parsed.date(), today)


def _score(name: str, read: Callable[[str], object], cases: list[tuple[str, object]]) -> None:
    times, right, wrong = [], 0, []
    for text, expected in cases:
        start = time.perf_counter()
        got = read(text)
        times.append((time.perf_counter() - start) * 1000)
        if got == expected:
            right += 1
        else:
            wrong.append(f"{text!r}: {got!r} ≠ {expected!r}")
    p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
    print(f"{name:42} {right:4}/{len(cases)} right, p95 {p95:.3f} ms")
    for line in wrong[:20]:
        print("    ", line)


def main() -> None:
    numbers = [(t, e) for t, e in _cases(test_numbers.test_parse_number)]
    numbers += [(t, None) for (t,) in _cases(test_numbers.test_parse_number_none)]
    numbers += [(test_numbers.french_words(n), n) for n in range(1000)]
    durations = [(t, e) for t, e in _cases(test_durations.test_parse_duration_months)]
    durations += [(t, None) for (t,) in _cases(test_durations.test_parse_duration_months_none)]
    dateparser.parse("janvier", languages=["fr"])  # its first call loads its data
    _score("numbers: parse_number (hand-written)", parse_number, numbers)
    _score("numbers: text2num alpha2digit", lib_number, numbers)
    _score("durations: parse_duration_months (hand)",
           lambda t: parse_duration_months(t, TODAY), durations)
    _score("durations: text2num + dateparser", lambda t: lib_duration(t, TODAY), durations)


if __name__ == "__main__":
    main()
