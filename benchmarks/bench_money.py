"""Benchmark of the personal amounts (rules.money, OpenFisca-France) and of the answer around them.

What is measured, in this process, after the warm-up (load of OpenFisca-France and one
simulation of every variable), every household distinct (cache misses):
1. `one_household`: the latency of ONE household's money rights (every variable the catalogue
   asks, 17), p50 / p95, households computed one after the other;
2. `throughput`: households per second with N concurrent callers (each asking the 17 amounts
   of a new household as soon as it has its answer), for each N of `--concurrency`; how many
   households a simulation held (batching) and the callers' p95;
3. `evaluate_complete`: `rules.evaluate` of a complete household (every fact the amounts
   read: the whole answer with its amounts), one after the other, p50 / p95;
4. `evaluate_partial`: `rules.evaluate` of a partial situation (age and commune: no amount
   computed), p50 / p95, and how many simulations it ran (0 expected).
Each line also gives the load average when it was measured (the machine may be shared: read
the figures with it).

Output, one line per measure, `name key=value …` (stable, for CI logs and diffs):
    one_household n=30 p50_ms=150 p95_ms=260 max_ms=390 load1=1.2
    throughput threads=20 seconds=10.0 households=… households_per_s=… …

Usage: `PYTHONPATH=. .venv/bin/python benchmarks/bench_money.py [--households 30]
[--concurrency 20,50,100] [--seconds 10] [--evaluations 30] [--partial 300] [--quick]`
(`--quick`: a CI-sized run, about 30 s after the warm-up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules import evaluate  # noqa: E402
from rules.money import OpenFiscaProvider, install  # noqa: E402
from rules.money.calculator import CATALOGUE_REQUESTS  # noqa: E402

ON = dt.date(2026, 11, 20)
COMMUNES = ("59512", "59350", "59599", "59183", "59009")
ACTIVITES = ("sans_emploi", "emploi", "etudes", "retraite", "autre")
LOGEMENTS = ("locataire", "locataire_social", "heberge", "proprietaire")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load1() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def report(name: str, **fields: Any) -> None:
    text = " ".join(f"{k}={round(v) if isinstance(v, float) and k.endswith('_ms') else v}"
                    for k, v in fields.items())
    print(f"{name} {text} load1={load1()}", flush=True)


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


def situation(i: int) -> dict:
    """The i-th household as a situation for `rules.evaluate`, with every fact the amounts
    read (none left to ask before computing)."""
    facts = household(i)
    facts["code_insee"] = facts.pop("commune")
    facts |= {"date_evaluation": ON.isoformat(), "rsa": False, "enceinte": False,
              "inscrit_france_travail": facts["activite"] == "sans_emploi",
              "enfants_moins_3_ans": sum(a < 3 for a in facts["enfants_ages"])}
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


def throughput(provider: OpenFiscaProvider, threads: int, seconds: float, start: int) -> None:
    counter = itertools.count(start)
    times: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def caller() -> None:
        nonlocal failures
        while time.monotonic() < stop:
            begin = time.perf_counter()
            answers = provider.compute(CATALOGUE_REQUESTS, household(next(counter)), ON)
            spent = (time.perf_counter() - begin) * 1000
            with lock:
                times.append(spent)
                failures += any(a.valeur is None for a in answers.values())

    before = provider.simulations
    begin = time.monotonic()
    workers = [threading.Thread(target=caller) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - begin
    simulations = provider.simulations - before
    report("throughput", threads=threads, seconds=f"{elapsed:.1f}", households=len(times),
           households_per_s=f"{len(times) / elapsed:.0f}",
           per_simulation=f"{len(times) / max(simulations, 1):.1f}",
           p95_ms=percentile(times, 0.95), missing=failures)


def evaluations(count: int, start: int, facts_of: Any) -> tuple[list[float], int]:
    times = []
    waiting = 0
    for i in range(start, start + count):
        facts = facts_of(i)
        begin = time.perf_counter()
        result = evaluate(facts)
        times.append((time.perf_counter() - begin) * 1000)
        waiting += sum(1 for d in result["dispositifs"]
                       if (d.get("montant_personnel") or {}).get("statut") == "a_calculer")
    return times, waiting


def partial(i: int) -> dict:
    return {"age": 18 + i % 60, "code_insee": COMMUNES[i % len(COMMUNES)],
            "date_evaluation": ON.isoformat()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=30)
    parser.add_argument("--concurrency", default="20,50,100")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--evaluations", type=int, default=30)
    parser.add_argument("--partial", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="a CI-sized run")
    parser.add_argument("--threads", type=int, help="(old name) one concurrency only")
    args = parser.parse_args()
    if args.quick:
        args.households, args.seconds, args.evaluations, args.partial = 10, 3.0, 10, 100
    concurrency = [args.threads] if args.threads else [int(c) for c in
                                                       args.concurrency.split(",")]

    provider = install(OpenFiscaProvider())
    begin = time.perf_counter()
    provider.warm_up()
    report("warm_up", seconds=f"{time.perf_counter() - begin:.1f}")
    latencies(provider, 3, 1_000_000)  # the first households of a shape compile a few paths
    evaluations(2, 2_000_000, situation)
    evaluations(20, 2_000_000, partial)

    times = latencies(provider, args.households, 0)
    report("one_household", variables=len(CATALOGUE_REQUESTS), n=len(times),
           p50_ms=statistics.median(times), p95_ms=percentile(times, 0.95), max_ms=max(times))

    for k, threads in enumerate(concurrency):
        throughput(provider, threads, args.seconds, 10_000 + 1_000_000 * (k + 1))

    times, waiting = evaluations(args.evaluations, 3_000_000, situation)
    report("evaluate_complete", n=len(times), p50_ms=statistics.median(times),
           p95_ms=percentile(times, 0.95), max_ms=max(times), amounts_still_waiting=waiting)

    before = provider.simulations
    times, _ = evaluations(args.partial, 4_000_000, partial)
    report("evaluate_partial", n=len(times), p50_ms=f"{statistics.median(times):.2f}",
           p95_ms=f"{percentile(times, 0.95):.2f}", simulations=provider.simulations - before)


if __name__ == "__main__":
    main()
