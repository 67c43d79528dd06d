"""Load test of the production mode, loopback only, bounded in time.

Starts the production stack (PostgreSQL for the application and the conversations, Redis lock
store, 2 Rasa processes, 2 API workers; a fresh database, dropped at the end), then holds
`--conversations` concurrent conversations through POST /api/v1/chat for `--minutes`: each one
goes from a first free sentence to the rights sheet, then a new one starts; `--think` seconds
between a reply and the next message (0, the default, saturates the machine). Reports p50 / p95 /
max per turn, turns per second, conversations finished and errors; exits 1 on any error.

Usage: `.venv/bin/python benchmarks/bench_production.py [--minutes 3] [--conversations 20]`
(PostgreSQL at TEST_PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres;
Redis at REDIS_URL, default redis://127.0.0.1:6379).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conversation_helpers import PERSONAS, converse  # noqa: E402
from storage_helpers import fresh_postgres_database  # noqa: E402

from api.stack import UNLIMITED, Stack, free_port, running  # noqa: E402


class Load:
    def __init__(self, api_url: str, deadline: float, think: float) -> None:
        self.api_url, self.deadline, self.think = api_url, deadline, think
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.finished = 0
        self.lock = threading.Lock()

    def person(self, n: int) -> None:
        with httpx.Client(timeout=60) as client:
            cycle = 0
            while time.monotonic() < self.deadline:
                _, opening, answers, _ = PERSONAS[(n + cycle) % len(PERSONAS)]
                sender = f"charge-{n}-{cycle}"

                def send(text: str, sender: str = sender) -> list[dict]:
                    time.sleep(self.think)  # a person reads, then answers
                    start = time.perf_counter()
                    response = client.post(f"{self.api_url}/api/v1/chat",
                                           json={"sender": sender, "message": text})
                    took = (time.perf_counter() - start) * 1000
                    with self.lock:
                        self.latencies.append(took)
                        if response.status_code != 200:
                            self.errors.append(f"{response.status_code} {response.text[:200]}")
                    return response.json().get("messages", [])

                try:
                    converse(send, opening, answers)
                    with self.lock:
                        self.finished += 1
                except (httpx.HTTPError, AssertionError, IndexError, ValueError) as exc:
                    with self.lock:
                        self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
                cycle += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--think", type=float, default=0,
                        help="seconds each person waits before answering (0: saturate)")
    args = parser.parse_args()
    subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, check=True, capture_output=True)
    with fresh_postgres_database() as database:
        stack = Stack.production(Path(tempfile.mkdtemp(prefix="bench-prod-")), free_port(),
                                 database, os.environ.get("REDIS_URL",
                                                          "redis://127.0.0.1:6379"),
                                 extra_env=UNLIMITED)
        with running(stack):
            print("start-up: " + ", ".join(f"{k} {v:.1f} s" for k, v in
                                           stack.startup_seconds.items()))
            load = Load(stack.api_url, time.monotonic() + args.minutes * 60, args.think)
            start = time.monotonic()
            people = [threading.Thread(target=load.person, args=(n,))
                      for n in range(args.conversations)]
            for person in people:
                person.start()
            for person in people:
                person.join()
            took = time.monotonic() - start
    lat = load.latencies
    print(f"{args.conversations} concurrent conversations, {args.think:g} s between turns, "
          f"for {took / 60:.1f} min "
          f"(2 Rasa processes, 2 API workers, PostgreSQL + Redis): {len(lat)} turns, "
          f"{len(lat) / took:.0f} turns/s, {load.finished} conversations to the sheet; "
          f"per turn p50 {statistics.median(lat):.0f} ms, p95 {percentile(lat, 0.95):.0f} ms, "
          f"max {max(lat):.0f} ms; {len(load.errors)} errors")
    for error in load.errors[:5]:
        print(f"  error: {error}")
    return 1 if load.errors else 0


if __name__ == "__main__":
    sys.exit(main())
