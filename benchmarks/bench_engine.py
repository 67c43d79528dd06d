"""Benchmark: our rights engine (``rules.evaluate``) against OpenFisca-France's ``rsa``.

What is measured
----------------
1. **Our engine.** N random but valid situations (every field of the contract, each one left
   unknown with some probability; communes drawn from the INSEE codes of
   ``rules/places/data/communes_fr.csv``, 70 % in the Nord, the others anywhere in France, leaving
   out the codes the engine refuses as ambiguous; several evaluation dates). After a warm-up,
   each situation goes through ``rules.evaluate`` — the whole public call: validation,
   commune resolution, the whole catalogue (every scheme, three-valued), the nearest office of
   each scheme and the ordered questions — one call at a time, as a server answers
   requests. Reported: mean (total time / N), p50 and p95 of the per-call times, in
   microseconds per situation.
2. **OpenFisca-France.** The RSA (one variable, ``rsa``) of a sample of the same situations,
   computed in batch (one simulation holding every household of a month; see
   ``tests/openfisca_bridge.py`` for the mapping), which is OpenFisca's fastest mode.
   Reported in microseconds per situation: excluding the one-time load of the tax-benefit
   system (a second, warm run), and including it (load + first run, as a fresh process pays).
3. The ratio OpenFisca (warm, per situation) / our engine (mean per situation).

The two do not do the same work: our engine screens ~a dozen schemes from a few facts and
explains itself; OpenFisca computes one benefit exactly, through hundreds of variables. The
ratio says what a screening call costs next to an exact RSA computation, nothing more.

Usage::

    python benchmarks/bench_engine.py [--situations 10000] [--openfisca-sample 1000] \
        [--seed 1] [--check]

``--check`` exits with status 1 if our engine takes more than 200 µs per situation (mean).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import random
import statistics
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rules import SituationError, evaluate, validate  # noqa: E402

CHECK_LIMIT_US = 200.0
COMMUNES_CSV = ROOT / "rules" / "places" / "data" / "communes_fr.csv"
ACTIVITES = ["sans_emploi", "emploi", "etudes", "formation", "apprentissage", "retraite", "autre"]
DATES = ["2026-11-22"] * 6 + ["2025-06-15", "2024-09-01", "2023-03-15", None]
P_UNKNOWN = 0.3  # probability that a field is left unknown


def load_communes(weighting: str = "uniform") -> tuple[list[str], list[str]]:
    """INSEE codes of the Nord's communes and of the others.

    « uniform »: each commune once (a worst case for caches: tiny villages as often as Lille).
    « population »: each commune repeated in proportion to its inhabitants (one entry per
    1,000, at least one), which is how residents actually spread over communes.
    """
    nord, other = [], []
    with COMMUNES_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            copies = 1
            if weighting == "population":
                copies = max(1, int(row["population"] or 0) // 1000)
            target = nord if row["departement_code"] == "59" else other
            target.extend([row["code_insee"]] * copies)
    return nord, other


@cache
def accepted_commune(code: str) -> bool:
    """Whether the engine accepts this INSEE code alone. It refuses, as ambiguous, the codes
    that are also another commune's postal code (« 59211 »: INSEE of Esquerchin, postal code
    of Santes); the benchmark draws valid situations only, so it skips them."""
    try:
        validate({"commune": code})
    except SituationError:
        return False
    return True


def draw_commune(rng: random.Random, codes: list[str]) -> str:
    while True:
        code = rng.choice(codes)
        if accepted_commune(code):
            return code


def random_situation(rng: random.Random, nord: list[str], other: list[str]) -> dict[str, Any]:
    """A valid situation: every contract field drawn, each one dropped with P_UNKNOWN."""

    def known() -> bool:
        return rng.random() >= P_UNKNOWN

    s: dict[str, Any] = {}
    date = rng.choice(DATES)
    if date is not None:
        s["date_evaluation"] = date
    on = dt.date.fromisoformat(date) if date else dt.date.today()
    age = rng.randint(14, 80)
    if known():
        if rng.random() < 0.85:
            s["age"] = age
        else:  # a birth date instead, consistent with the age
            s["date_naissance"] = (on - dt.timedelta(days=365 * age + rng.randint(1, 360))
                                   ).isoformat()
    if known():
        s["commune"] = draw_commune(rng, nord if rng.random() < 0.7 else other)
    fields: dict[str, Any] = {
        "residence_depuis_mois": rng.randint(0, 120),
        "quartier_tzc": rng.random() < 0.2,
        "activite": rng.choice(ACTIVITES),
        "sans_emploi_depuis_mois": rng.randint(0, 48),
        "inscrit_france_travail": rng.random() < 0.5,
        "rsa": rng.random() < 0.2,
        "rqth": rng.random() < 0.15,
        "en_couple": rng.random() < 0.4,
        "enceinte": rng.random() < 0.1,
        "ressources_mensuelles_foyer": round(rng.uniform(0, 3000), 2),
        "activite_2_ans_sur_3": rng.random() < 0.3,
    }
    for name, value in fields.items():
        if known():
            s[name] = value
        elif rng.random() < 0.3:
            s[name] = None  # explicit null: unknown too
    children = rng.choice([0, 0, 1, 2, 3, 4])
    if known():
        s["enfants_a_charge"] = children
    if known():
        s["enfants_moins_3_ans"] = rng.randint(0, children)
    return s


def time_engine(situations: list[dict[str, Any]], warmup: int) -> list[float]:
    """Per-call times of ``evaluate`` in microseconds, after ``warmup`` untimed calls."""
    for s in situations[:warmup]:
        evaluate(s)
    clock = time.perf_counter_ns
    times = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for s in situations:
            start = clock()
            evaluate(s)
            times.append((clock() - start) / 1000)
    finally:
        if gc_was_enabled:
            gc.enable()
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_openfisca(sample: list[dict[str, Any]]) -> dict[str, float] | None:
    """Seconds: system load, first batch run, warm batch run (None if OpenFisca is missing)."""
    try:
        import openfisca_bridge
    except ImportError:
        return None
    try:
        start = time.perf_counter()
        openfisca_bridge.tax_benefit_system()
        load = time.perf_counter() - start
    except ImportError:
        return None
    start = time.perf_counter()
    openfisca_bridge.openfisca_rsa(sample)
    first = time.perf_counter() - start
    start = time.perf_counter()
    openfisca_bridge.openfisca_rsa(sample)
    warm = time.perf_counter() - start
    months = len({str(s.get("date_evaluation") or dt.date.today())[:7] for s in sample})
    return {"load": load, "first": first, "warm": warm, "months": months}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--situations", type=int, default=10_000)
    parser.add_argument("--openfisca-sample", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--communes", choices=("uniform", "population"), default="uniform",
                        help="how communes are drawn (see load_communes)")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if the engine takes more than {CHECK_LIMIT_US:.0f} µs")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    nord, other = load_communes(args.communes)
    situations = [random_situation(rng, nord, other) for _ in range(args.situations)]
    for s in situations:  # valid by construction; checked here, untimed
        validate(s)

    times = time_engine(situations, warmup=min(500, len(situations)))
    mean = sum(times) / len(times)
    p50, p95 = percentile(times, 0.50), percentile(times, 0.95)

    sample = situations[: args.openfisca_sample]
    of = time_openfisca(sample) if sample else None

    print(f"Situations / situations : {len(situations)} (seed {args.seed}, "
          f"{P_UNKNOWN:.0%} of fields unknown)")
    print(f"{'mesure / measure':<60} {'µs/situation':>14}")
    print(f"{'moteur, moyenne / engine, mean':<60} {mean:>14.1f}")
    print(f"{'moteur, médiane / engine, p50':<60} {p50:>14.1f}")
    print(f"{'moteur, 95e centile / engine, p95':<60} {p95:>14.1f}")
    print(f"{'moteur, écart-type / engine, stdev':<60} {statistics.pstdev(times):>14.1f}")
    if of is None:
        print("OpenFisca-France absent / not installed: comparison skipped.")
        final = f"engine: {mean:.0f} µs/situation"
    else:
        n = len(sample)
        warm_us = of["warm"] / n * 1e6
        cold_us = (of["load"] + of["first"]) / n * 1e6
        label_warm = f"OpenFisca rsa, lot / batch of {n}, sans chargement / warm"
        label_cold = "OpenFisca rsa, avec chargement / incl. system load"
        print(f"{label_warm:<60} {warm_us:>14.1f}")
        print(f"{label_cold:<60} {cold_us:>14.1f}")
        print(f"  (chargement du système / system load {of['load']:.2f} s; premier lot / first "
              f"batch {of['first']:.2f} s; lot chaud / warm batch {of['warm']:.2f} s; "
              f"{of['months']:.0f} simulation(s), one per month)")
        ratio = warm_us / mean
        final = (f"engine: {mean:.0f} µs/situation; openfisca rsa: {warm_us:.0f} µs/situation "
                 f"(batch of {n}); ratio {ratio:.0f}×")
    print(final)

    if args.check and mean > CHECK_LIMIT_US:
        print(f"FAIL: engine mean {mean:.0f} µs > {CHECK_LIMIT_US:.0f} µs/situation",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
