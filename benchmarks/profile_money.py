"""Where one OpenFisca-France simulation of rules.money spends its time.

Builds the simulation of ONE household (benchmarks/bench_money.py's households), computes
every variable the catalogue asks with OpenFisca's tracer on, and prints:
1. each requested variable's time (what it adds, in the catalogue's order: later requests
   reuse what earlier ones computed);
2. the variables whose formulas cost most (own time, without their children), with how many
   periods were computed, and which past months;
3. the total number of (variable, period) computed.
The tracer slows OpenFisca down (about ×1.5): read the shares, not the milliseconds.
`--cprofile` prints cProfile's top functions instead.

Usage: `PYTHONPATH=. .venv/bin/python benchmarks/profile_money.py [--household 7] [--top 30]
[--cprofile]`
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_money import ON, household  # noqa: E402
from rules.money.calculator import CATALOGUE_REQUESTS, _column, tax_benefit_system  # noqa: E402
from rules.money.household import household_of, month_of  # noqa: E402
from rules.money.simulation import Batch  # noqa: E402


def run(index: int, *, trace: bool) -> tuple[Batch, dict[str, float]]:
    tbs = tax_benefit_system()
    month = month_of(ON)
    batch = Batch(tbs, [household_of(household(index))], month)
    batch.simulation.trace = trace
    times: dict[str, float] = {}
    for request in CATALOGUE_REQUESTS:
        begin = time.perf_counter()
        _column(tbs, batch, request, month)
        times[request.variable] = (time.perf_counter() - begin) * 1000
    return batch, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--household", type=int, default=7)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    run(1_000_001, trace=False)  # warm-up: first paths of the formulas
    run(1_000_002, trace=False)
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        run(args.household, trace=False)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
        return
    begin = time.perf_counter()
    run(args.household, trace=False)
    plain = (time.perf_counter() - begin) * 1000
    batch, times = run(args.household, trace=True)
    print(f"household {args.household}: {household(args.household)}")
    print(f"without tracer: {plain:.0f} ms; with: {sum(times.values()):.0f} ms")
    print("\n1. each request (what it adds):")
    for name, ms in times.items():
        print(f"  {name:34s} {ms:7.1f} ms")

    own: dict[str, float] = defaultdict(float)
    periods: dict[str, set[str]] = defaultdict(set)
    month = str(ON.strftime("%Y-%m"))
    for node in batch.simulation.tracer.browse_trace():
        own[node.name] += node.formula_time()
        periods[node.name].add(str(node.period))
    total = sum(own.values())
    print(f"\n2. own time by variable (total {total * 1000:.0f} ms, "
          f"{sum(len(p) for p in periods.values())} (variable, period) computed, "
          f"{len(own)} variables):")
    for name, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:args.top]:
        past = sorted(p for p in periods[name] if p != month)
        print(f"  {name:48s} {seconds * 1000:6.1f} ms {100 * seconds / total:4.1f} % "
              f"{len(periods[name]):3d} periods {past[:1] + past[-1:] if past else ''}")

    by_period: dict[str, float] = defaultdict(float)
    for node in batch.simulation.tracer.browse_trace():
        by_period[str(node.period)] += node.formula_time()
    print("\n3. own time by period:")
    for period, seconds in sorted(by_period.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {period:12s} {seconds * 1000:6.1f} ms {100 * seconds / total:4.1f} %")
    _ = dt


if __name__ == "__main__":
    main()
