"""Benchmark of the assistant: training, start-up, latency per turn, throughput.

What is measured, on this machine, loopback only, bounded in time:
1. training time of the Rasa model (a forced retrain, in a temporary copy of `models/`);
2. start-up time of the action server, Rasa and the API (until each answers);
3. p50 / p95 latency of one turn through POST /api/v1/chat (API → Rasa → action server →
   engine) over a 50-turn conversation, and the first / last 10 turns' medians (is it flat?);
4. messages per second with 20 concurrent senders for `--seconds`.

Usage: `.venv/bin/python benchmarks/bench_bot.py [--seconds 10] [--skip-training]`
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.stack import UNLIMITED, Stack, free_port, running  # noqa: E402

TURNS = ["bonjour", "j'ai 30 ans", "j'habite à Lille", "je cherche du travail", "non",
         "0", "non", "500 euros", "jsp", "en fait j'ai 31 ans", "c'est quoi le CEJ",
         "oui", "non", "recommencer"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_training() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        subprocess.run([str(ROOT / ".venv-rasa/bin/rasa"), "train", "--config", "config.yml",
                        "--domain", "bot/domain.yml", "--data", "bot/data", "--out", out,
                        "--force", "--quiet"], cwd=ROOT, check=True, capture_output=True,
                       env={"SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PATH": "/usr/bin:/bin"})
        return time.monotonic() - start


def conversation_latencies(url: str, turns: int) -> list[float]:
    times = []
    with httpx.Client(timeout=30) as client:
        for i in range(turns):
            start = time.perf_counter()
            response = client.post(f"{url}/api/v1/chat",
                                   json={"sender": "bench-long", "message": TURNS[i % len(TURNS)]})
            times.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
    return times


async def throughput(url: str, senders: int, seconds: float) -> tuple[int, int, float]:
    done = errors = 0
    deadline = time.monotonic() + seconds

    async def sender(n: int) -> None:
        nonlocal done, errors
        async with httpx.AsyncClient(timeout=30) as client:
            i = 0
            while time.monotonic() < deadline:
                response = await client.post(f"{url}/api/v1/chat", json={
                    "sender": f"bench-{n}", "message": TURNS[i % len(TURNS)]})
                done += 1
                errors += response.status_code != 200
                i += 1

    start = time.monotonic()
    await asyncio.gather(*(sender(n) for n in range(senders)))
    return done, errors, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, check=True, capture_output=True)
    if not args.skip_training:
        print(f"training: {time_training():.1f} s")
    var = Path(tempfile.mkdtemp(prefix="bench-bot-"))
    try:
        with running(Stack(var_dir=var, api_port=free_port(), extra_env=UNLIMITED)) as stack:
            print("start-up: " + ", ".join(f"{k} {v:.1f} s" for k, v in
                                           stack.startup_seconds.items()))
            lat = conversation_latencies(stack.api_url, args.turns)
            print(f"{args.turns}-turn conversation: p50 {statistics.median(lat):.1f} ms, "
                  f"p95 {percentile(lat, 0.95):.1f} ms; first 10 median "
                  f"{statistics.median(lat[:10]):.1f} ms, last 10 median "
                  f"{statistics.median(lat[-10:]):.1f} ms")
            done, errors, took = asyncio.run(throughput(stack.api_url, args.senders,
                                                        args.seconds))
            print(f"{args.senders} concurrent senders: {done / took:.0f} messages/s "
                  f"({done} in {took:.1f} s, {errors} errors)")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
