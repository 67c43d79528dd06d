"""Benchmark of the personal amounts (rules.money, OpenFisca-France).

What is measured, in this process, after the warm-up (load of OpenFisca-France and one
simulation of every variable):
1. the latency of ONE household's money rights (every variable the catalogue asks), p50 / p95,
   over `--households` distinct households computed one after the other (cache misses);
2. households per second with `--threads` concurrent callers over `--seconds`, every household
   distinct (cache misses), and how many simulations they took (batching).

Usage: `PYTHONPATH=. .venv/bin/python benchmarks/bench_money.py [--households 30]
[--threads 20] [--seconds 10]`
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.money import OpenFiscaProvider  # noqa: E402
from rules.money.calculator import CATALOGUE_REQUESTS  # noqa: E402

ON = dt.date(2026, 11, 20)
COMMUNES = ("59512", "59350", "59599", "59183", "59009")
ACTIVITES = ("sans_emploi", "emploi", "etudes", "retraite", "autre")
LOGEMENTS = ("locataire", "locataire_social", "heberge", "proprietaire")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def household(i: int) -> dict:
    """The i-th of many distinct households (the rent differs by a euro at least)."""
    activite = ACTIVITES[i % len(ACTIVITES)]
    children = i % 4
    couple = i % 3 == 0
    facts = {
        "age": 19 + i % 60, "commune": COMMUNES[i % len(COMMUNES)], "activite": activite,
        "en_couple": couple, "enfants_a_charge": children,
        "enfants_ages": tuple((3 * k + i) % 18 for k in range(children)),
        "logement": LOGEMENTS[i % len(LOGEMENTS)], "loyer_mensuel": 250 + i % 700,
        "revenus_activite_mensuels": 900 + i % 500 if activite == "emploi" else 0,
        "ressources_mensuelles_foyer": 300 + 7 * i % 1800,
        "taux_incapacite": 80 if i % 11 == 0 else 0,
    }
    if couple:
        facts |= {"conjoint_age": 20 + i % 50, "conjoint_activite": "emploi",
                  "conjoint_revenus_mensuels": 1000 + i % 400}
        facts["ressources_mensuelles_foyer"] += facts["conjoint_revenus_mensuels"]
    return facts


def latencies(provider: OpenFiscaProvider, count: int, start: int) -> list[float]:
    times = []
    for i in range(start, start + count):
        begin = time.perf_counter()
        answers = provider.compute(CATALOGUE_REQUESTS, household(i), ON)
        times.append((time.perf_counter() - begin) * 1000)
        failed = [r.variable for r, a in answers.items() if a.valeur is None]
        if failed:
            print(f"  household {i}: no value for {failed}", file=sys.stderr)
    return times


def throughput(provider: OpenFiscaProvider, threads: int, seconds: float,
               start: int) -> tuple[int, int, float]:
    counter = itertools.count(start)
    done = 0
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def caller() -> None:
        nonlocal done, failures
        while time.monotonic() < stop:
            answers = provider.compute(CATALOGUE_REQUESTS, household(next(counter)), ON)
            with lock:
                done += 1
                failures += any(a.valeur is None for a in answers.values())

    before = provider.simulations
    begin = time.monotonic()
    workers = [threading.Thread(target=caller) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - begin
    print(f"  {provider.simulations - before} simulations, {failures} households with a "
          "missing value")
    return done, provider.simulations - before, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=30)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()

    provider = OpenFiscaProvider()
    begin = time.perf_counter()
    provider.warm_up()
    print(f"warm-up (load OpenFisca-France + one simulation): "
          f"{time.perf_counter() - begin:.1f} s")
    latencies(provider, 3, 1_000_000)  # the first households of a shape compile a few paths

    times = latencies(provider, args.households, 0)
    print(f"one household, {len(CATALOGUE_REQUESTS)} variables, {len(times)} distinct "
          f"households: p50 {statistics.median(times):.0f} ms, "
          f"p95 {percentile(times, 0.95):.0f} ms, max {max(times):.0f} ms")

    done, simulations, elapsed = throughput(provider, args.threads, args.seconds, 10_000)
    print(f"{args.threads} concurrent callers for {elapsed:.1f} s: {done} households, "
          f"{done / elapsed:.0f} households/s, {done / max(simulations, 1):.1f} households "
          "per simulation")


if __name__ == "__main__":
    main()
