"""Benchmark: the web API over HTTP (``uvicorn api.main:app``), end to end.

What is measured
----------------
The real server is started in a subprocess — ``uvicorn api.main:app`` on 127.0.0.1 (a free
port, loopback only), ``--workers N``, access log off, a fresh temporary SQLite database and
``MESDROITS_VAR_DIR`` — and driven by a load generator running **on the same machine**, so
client and server share the CPUs. By default the load generator is a minimal HTTP/1.1 client
on asyncio streams (pre-encoded requests, keep-alive, a few tens of µs of CPU per request);
``--client httpx`` uses one ``httpx.AsyncClient`` instead, which costs about a millisecond of
client CPU per request and so takes CPU away from the server on a small machine.

* **Pool.** A few hundred realistic, valid situations (seeded): ages 16–70, an activity
  consistent with the age (studies, apprenticeship, job, job seeker, training, retired…),
  RSA, couple, children (and how many under 3), pregnancy, monthly household resources
  consistent with the rest, RQTH, France Travail registration, time without a job; each
  secondary fact left unknown with some probability, as in a conversation in progress.
  Communes drawn from ``rules/places/data/communes_fr.csv``: ~90 % in the Nord (departement_code 59,
  weighted by population), given as a name (« Roubaix ») or as « insee:59512 »; ~10 % outside
  the Nord. Each situation is checked with ``rules.validate`` before the run (untimed).
* **Phase 1 — evaluate, 1 client.** After a short warm-up, one client sends
  ``POST /api/v1/evaluate`` one request after another for ``--seconds``.
* **Phase 2 — evaluate, 20 clients.** Twenty concurrent clients (asyncio tasks, one
  keep-alive connection each) for ``--seconds``.
  For both: requests done, errors (non-200 or transport errors), throughput (req/s) and
  p50 / p95 / p99 latency in ms, measured at the client (request sent → response read).
* **Phase 3 — PDF sheet.** One sheet is created (``POST /api/v1/sheets``, a rich situation:
  RSA, two children, Roubaix), then ``GET /fiche/{id}.pdf`` is timed ``--pdf-runs`` times,
  one after another: the first one (« cold »: WeasyPrint and its fonts load in the worker)
  is reported apart from the others (median and max).

Targets: p95 ≤ 50 ms at 20 concurrent clients; PDF sheet ≤ 1 s (warm median). With
``--check`` the exit status is 1 when a target is missed or when any request failed.

During each phase the CPU time of the server (all its processes), of the client and of the
rest of the machine is sampled from /proc (Linux): when other processes use a noticeable share
of the CPUs, the figures are flagged as noisy.

Usage::

    .venv/bin/python benchmarks/bench_api.py [--seconds 10] [--workers 1] [--pdf-runs 5] \
        [--clients 20] [--pool 300] [--client raw|httpx] [--seed 1] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import platform
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules import SituationError, validate  # noqa: E402

HOST = "127.0.0.1"  # loopback only, never any other address
COMMUNES_CSV = ROOT / "rules" / "places" / "data" / "communes_fr.csv"
TARGET_P95_MS = 50.0  # at 20 concurrent clients
TARGET_PDF_MS = 1000.0  # warm median
STARTUP_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0
MAX_SECONDS = 600.0
NOISE_THRESHOLD = 0.15  # share of the machine's CPU used by other processes
PDF_SITUATION: dict[str, Any] = {
    "age": 34, "activite": "sans_emploi", "sans_emploi_depuis_mois": 14, "rsa": True,
    "inscrit_france_travail": True, "en_couple": False, "enfants_a_charge": 2,
    "enfants_moins_3_ans": 1, "enceinte": False, "ressources_mensuelles_foyer": 820,
    "commune": "Roubaix", "residence_depuis_mois": 40, "rqth": False,
}


# --------------------------------------------------------------------------- situations


@dataclass(frozen=True)
class CommuneRow:
    insee: str
    nom: str
    population: int


def load_communes() -> tuple[list[CommuneRow], list[CommuneRow]]:
    """The Nord's communes and the others, from the packaged INSEE file."""
    nord, other = [], []
    with COMMUNES_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            try:
                population = int(float(row["population"] or 0))
            except ValueError:
                population = 0
            commune = CommuneRow(row["code_insee"], row["nom"], max(population, 1))
            (nord if row["departement_code"] == "59" else other).append(commune)
    return nord, other


def commune_text(rng: random.Random, commune: CommuneRow) -> str | None:
    """The commune as a name or as « insee:<code> »; None if neither resolves to it."""
    forms = [commune.nom, f"insee:{commune.insee}"]
    if rng.random() < 0.5:
        forms.reverse()
    for text in forms:
        try:
            resolved = validate({"commune": text}).commune
        except SituationError:
            continue
        if resolved is not None and resolved.insee == commune.insee:
            return text
    return None


def random_situation(rng: random.Random, commune: str) -> dict[str, Any]:
    """A plausible resident: the facts hang together (activity / age, resources / RSA…)."""
    age = rng.randint(16, 70)
    if age < 18:
        activite = rng.choices(["etudes", "apprentissage", "sans_emploi", "formation"],
                               [6, 2, 2, 1])[0]
    elif age < 26:
        activite = rng.choices(["etudes", "apprentissage", "emploi", "sans_emploi",
                                "formation", "autre"], [4, 2, 4, 4, 2, 1])[0]
    elif age < 60:
        activite = rng.choices(["emploi", "sans_emploi", "formation", "autre"],
                               [10, 5, 1, 1])[0]
    else:
        activite = rng.choices(["retraite", "emploi", "sans_emploi", "autre"],
                               [6 if age >= 62 else 1, 3, 2, 1])[0]
    couple = age >= 20 and rng.random() < 0.45
    children = 0 if age < 18 else rng.choices([0, 1, 2, 3, 4], [5, 2, 2, 1, 0.4])[0]
    if age > 55:
        children = min(children, 1)
    under_3 = rng.randint(0, min(children, 2)) if children and age < 48 else 0
    rsa = age >= 18 and activite in ("sans_emploi", "autre", "emploi", "formation") and (
        rng.random() < (0.45 if activite == "sans_emploi" else 0.12))
    if rsa:
        resources = rng.uniform(0, 900)
    elif activite == "emploi":
        resources = rng.uniform(900, 3800) * (1.6 if couple else 1.0)
    elif activite == "retraite":
        resources = rng.uniform(700, 2600)
    elif activite in ("etudes", "apprentissage"):
        resources = rng.uniform(0, 1100)
    else:
        resources = rng.uniform(0, 1600)

    s: dict[str, Any] = {"age": age, "activite": activite, "commune": commune}
    optional: dict[str, Any] = {
        "rsa": rsa,
        "enfants_a_charge": children,
        "enfants_moins_3_ans": under_3,
        "en_couple": couple,
        "ressources_mensuelles_foyer": round(resources, 2),
        "residence_depuis_mois": rng.randint(1, 240),
        "rqth": rng.random() < 0.08,
        "activite_2_ans_sur_3": activite == "emploi" or rng.random() < 0.25,
    }
    if activite == "sans_emploi":
        optional["sans_emploi_depuis_mois"] = rng.randint(0, 36)
        optional["inscrit_france_travail"] = rng.random() < 0.75
    elif activite in ("formation", "autre"):
        optional["inscrit_france_travail"] = rng.random() < 0.4
    if 18 <= age <= 45 and rng.random() < 0.3:
        optional["enceinte"] = rng.random() < 0.12
    if commune.startswith(("insee:59", "Roubaix", "Tourcoing", "Lille")) and rng.random() < 0.2:
        optional["quartier_tzc"] = rng.random() < 0.15
    p_unknown = rng.choice([0.0, 0.15, 0.4])  # complete, nearly complete, in progress
    for name, value in optional.items():
        if rng.random() >= p_unknown:
            s[name] = value
    return s


def situation_pool(size: int, seed: int) -> list[dict[str, Any]]:
    """``size`` valid situations (checked with ``rules.validate``), ~10 % outside the Nord."""
    rng = random.Random(seed)
    nord, other = load_communes()
    nord_weights = [c.population for c in nord]
    pool: list[dict[str, Any]] = []
    for _ in range(size * 20):  # bounded: valid draws are the rule, rejects the exception
        if len(pool) >= size:
            break
        if rng.random() < 0.10:
            commune = commune_text(rng, rng.choice(other))
        else:
            commune = commune_text(rng, rng.choices(nord, nord_weights)[0])
        if commune is None:
            continue
        situation = random_situation(rng, commune)
        try:
            validate(situation)
        except SituationError:
            continue
        pool.append(situation)
    if len(pool) < size:
        raise RuntimeError(f"only {len(pool)} valid situations drawn out of {size}")
    return pool


# --------------------------------------------------------------------------- CPU accounting


def _ticks_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _tree_ticks(root: int) -> int:
    """CPU ticks of ``root`` and its descendants (uvicorn's supervisor and its workers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += _ticks_of(pid)
    return total


def _machine_busy_ticks() -> int:
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


@dataclass
class CpuSample:
    """CPU shares during a phase, in « cores » (1.0 = one core busy the whole time)."""

    server: float = float("nan")
    client: float = float("nan")
    other: float = float("nan")

    def describe(self, cpus: int) -> str:
        if self.server != self.server:  # nan: /proc unavailable
            return "CPU: n/a"
        return (f"CPU (of {cpus} cores): server {self.server:.2f}, client {self.client:.2f}, "
                f"other processes {self.other:.2f}")


class CpuMeter:
    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def _read(self) -> tuple[float, int, int, int]:
        return (time.perf_counter(), _tree_ticks(self.server_pid), _ticks_of(os.getpid()),
                _machine_busy_ticks())

    def start(self) -> tuple[float, int, int, int] | None:
        try:
            return self._read()
        except (OSError, ValueError, IndexError):
            return None

    def stop(self, begin: tuple[float, int, int, int] | None) -> CpuSample:
        if begin is None:
            return CpuSample()
        try:
            end = self._read()
        except (OSError, ValueError, IndexError):
            return CpuSample()
        seconds = max(end[0] - begin[0], 1e-9)
        server, client, busy = ((end[i] - begin[i]) / self.hz / seconds for i in (1, 2, 3))
        return CpuSample(server, client, max(0.0, busy - server - client))


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """``uvicorn api.main:app`` in its own process group, on the loopback interface."""

    def __init__(self, workers: int, tmp: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.log_path = tmp / "server.log"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "MESDROITS_VAR_DIR": str(tmp / "var"),
            "SECRET_KEY": secrets.token_urlsafe(32),  # one key shared by every worker
            "PUBLIC_BASE_URL": self.base_url,
            # one client, far more requests than a person makes: no rate limit
            **{name: "1000000/minute" for name in ("CHAT_PER_SENDER", "CHAT_PER_CLIENT",
                                                    "SHEETS_PER_CLIENT", "PDF_PER_CLIENT")},
        }
        self.command = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", HOST,
                        "--port", str(self.port), "--workers", str(workers),
                        "--no-access-log", "--log-level", "warning"]
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # own session: Ctrl-C reaches us, we stop it
            self.command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT_S) -> float:
        """Seconds until GET /api/v1/health answers 200."""
        start = time.perf_counter()
        with httpx.Client(base_url=self.base_url, timeout=2.0, trust_env=False) as client:
            while time.perf_counter() - start < timeout:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the server stopped (status {self.process.returncode}):"
                                       f"\n{self.log_tail()}")
                with contextlib.suppress(httpx.TransportError):
                    if client.get("/api/v1/health").status_code == 200:
                        return time.perf_counter() - start
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n"
                           f"{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the server's process group, then SIGKILL if it lingers."""
        previous = {sig: signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C: stop anyway
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            if self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(STOP_TIMEOUT_S)
            # workers left behind by a supervisor that died first
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        finally:
            self.log.close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)


# --------------------------------------------------------------------------- load


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class PhaseResult:
    name: str
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    cpu: CpuSample = field(default_factory=CpuSample)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(sorted(self.latencies_ms), q)


class RawConnection:
    """A minimal HTTP/1.1 keep-alive connection on asyncio streams (loopback only).

    It sends pre-encoded requests and reads ``Content-Length`` responses: a few tens of
    microseconds of client CPU per request, against about a millisecond for httpx, which
    matters when client and server share two cores.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length, close = None, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
            elif name == "transfer-encoding":
                raise ValueError("chunked response: not supported by the raw client")
        if length is None:
            raise ValueError("response without Content-Length")
        body = await self.reader.readexactly(length)
        if close:
            await self.close()
        return status, body


def raw_post(port: int, path: str, body: bytes) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode("ascii") + body


async def run_load(base_url: str, bodies: list[bytes], clients: int, seconds: float,
                   max_requests: int, name: str, meter: CpuMeter | None,
                   kind: str = "raw") -> PhaseResult:
    """``clients`` concurrent loops of POST /api/v1/evaluate for ``seconds`` (or max_requests).

    ``kind``: "raw" (one RawConnection per client) or "httpx" (one AsyncClient holding
    ``clients`` connections).
    """
    result = PhaseResult(name, clients)
    clock = time.perf_counter
    port = int(base_url.rsplit(":", 1)[1])
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"content-type": "application/json"}
    raw_bodies = [raw_post(port, "/api/v1/evaluate", b) for b in bodies]
    connections = [RawConnection(port) for _ in range(clients)]
    async with httpx.AsyncClient(base_url=base_url, limits=limits, trust_env=False,
                                 timeout=REQUEST_TIMEOUT_S) as client:
        # open the connections before timing
        if kind == "httpx":
            await asyncio.gather(*(client.get("/api/v1/health") for _ in range(clients)))
        else:
            await asyncio.gather(*(c.open() for c in connections))
        counter = iter(range(max_requests))
        deadline = clock() + seconds

        async def send(k: int, i: int) -> tuple[int, str]:
            if kind == "httpx":
                response = await client.post("/api/v1/evaluate", content=bodies[i],
                                             headers=headers)
                return response.status_code, response.text[:200]
            status, body = await asyncio.wait_for(connections[k].request(raw_bodies[i]),
                                                  REQUEST_TIMEOUT_S)
            return status, body[:200].decode("utf-8", "replace")

        async def loop(k: int) -> None:
            i = k
            while clock() < deadline and next(counter, None) is not None:
                start = clock()
                try:
                    status, text = await send(k, i % len(bodies))
                except (TimeoutError, httpx.HTTPError, OSError, ValueError,
                        asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                    result.errors += 1
                    result.first_error = result.first_error or f"{type(exc).__name__}: {exc}"
                    await connections[k].close()
                    continue
                finally:
                    i += clients
                elapsed = (clock() - start) * 1000
                if status == 200:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"HTTP {status}: {text}"

        cpu_start = meter.start() if meter else None
        start = clock()
        try:
            await asyncio.gather(*(loop(k) for k in range(clients)))
        finally:
            result.seconds = clock() - start
            if meter:
                result.cpu = meter.stop(cpu_start)
            for c in connections:
                await c.close()
    return result


def check_answers(base_url: str, sample: list[dict[str, Any]]) -> None:
    """A few untimed requests: the server answers the pool with the contract's result."""
    with httpx.Client(base_url=base_url, trust_env=False, timeout=REQUEST_TIMEOUT_S) as client:
        for situation in sample:
            response = client.post("/api/v1/evaluate", json=situation)
            if response.status_code != 200 or "dispositifs" not in response.json():
                raise RuntimeError(f"unexpected answer to {situation}: HTTP "
                                   f"{response.status_code} {response.text[:300]}")


@dataclass
class PdfResult:
    times_ms: list[float] = field(default_factory=list)
    size: int = 0
    errors: int = 0
    first_error: str = ""
    readable_after_ms: float | None = None  # when the new sheet was not readable at once

    @property
    def cold(self) -> float:
        return self.times_ms[0] if self.times_ms else float("nan")

    @property
    def warm(self) -> list[float]:
        return self.times_ms[1:]


def run_pdf(base_url: str, runs: int) -> PdfResult:
    """Create a sheet, then time GET /fiche/{id}.pdf ``runs`` times on one connection."""
    result = PdfResult()
    with httpx.Client(base_url=base_url, trust_env=False, timeout=60.0) as client:
        created = client.post("/api/v1/sheets", json=PDF_SITUATION)
        if created.status_code != 201:
            result.errors = runs
            result.first_error = f"POST /api/v1/sheets: HTTP {created.status_code}"
            return result
        sheet_id = created.json()["id"]
        # The 201 may arrive before the sheet is readable (seen with FastAPI 0.165: the
        # session's commit runs in the dependency's exit, after the response): wait for it,
        # bounded, so that the PDF timings measure the PDF only.
        start, misses = time.perf_counter(), 0
        while client.get(f"/api/v1/sheets/{sheet_id}").status_code != 200:
            misses += 1
            if misses >= 200:
                result.errors = runs
                result.first_error = "the sheet created was never readable (GET → 404)"
                return result
            time.sleep(0.01)
        if misses:
            result.readable_after_ms = (time.perf_counter() - start) * 1000
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(f"/fiche/{sheet_id}.pdf")
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code == 200 and response.content.startswith(b"%PDF"):
                result.times_ms.append(elapsed)
                result.size = len(response.content)
            else:
                result.errors += 1
                result.first_error = result.first_error or f"HTTP {response.status_code}"
    return result


# --------------------------------------------------------------------------- report


_main_task: asyncio.Task[Any] | None = None
_interrupted = False


def on_interrupt(*_: object) -> None:
    """Ctrl-C / SIGTERM: cancel the running load cleanly, or interrupt the synchronous code."""
    global _interrupted
    _interrupted = True
    task = _main_task
    if task is not None and not task.done():
        task.get_loop().call_soon_threadsafe(task.cancel)
        return
    raise KeyboardInterrupt


def run_async(coro: Any) -> Any:
    """``asyncio.run`` whose main task an interruption cancels (its finally blocks run)."""

    async def main_task() -> Any:
        global _main_task
        _main_task = asyncio.current_task()
        try:
            return await coro
        finally:
            _main_task = None

    try:
        return asyncio.run(main_task())
    except asyncio.CancelledError:
        if _interrupted:
            raise KeyboardInterrupt from None
        raise


def ms(value: float) -> str:
    if value != value:
        return "n/a"
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def summary_line(r: PhaseResult) -> str:
    who = "1 client" if r.clients == 1 else f"{r.clients} clients"
    return (f"evaluate, {who}: {r.throughput:.0f} req/s, p50 {ms(r.p(0.5))} ms, "
            f"p95 {ms(r.p(0.95))} ms, {r.errors} errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of phases 1 and 2")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--pdf-runs", type=int, default=5, help="GET of the PDF sheet (≥ 2)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients, phase 2")
    parser.add_argument("--pool", type=int, default=300, help="distinct situations")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds")
    parser.add_argument("--max-requests", type=int, default=200_000, help="per phase")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="load generator: minimal asyncio HTTP/1.1 (light) or httpx")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a target is missed or a request failed")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= MAX_SECONDS or not 0 <= args.warmup <= MAX_SECONDS:
        parser.error(f"--seconds: more than 0 and at most {MAX_SECONDS:.0f}; --warmup: 0 to "
                     f"{MAX_SECONDS:.0f}")
    if not 1 <= args.max_requests <= 10_000_000:
        parser.error("--max-requests: 1 to 10000000")
    if not 1 <= args.workers <= 16 or not 1 <= args.clients <= 500:
        parser.error("--workers: 1 to 16; --clients: 1 to 500")
    if not 2 <= args.pdf_runs <= 100 or not 10 <= args.pool <= 10_000:
        parser.error("--pdf-runs: 2 to 100; --pool: 10 to 10000")

    # Ctrl-C and SIGTERM end the run; the finally below stops the server
    signal.signal(signal.SIGINT, on_interrupt)
    signal.signal(signal.SIGTERM, on_interrupt)

    began = time.perf_counter()
    pool = situation_pool(args.pool, args.seed)
    bodies = [json.dumps(s, ensure_ascii=False).encode() for s in pool]
    outside = sum(1 for s in pool if not validate(s).facts["commune"].startswith("59"))
    cpus = os.cpu_count() or 1
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        server: Server | None = None
        try:
            server = Server(args.workers, Path(tmp))
            ready = server.wait_ready()
            meter = CpuMeter(server.process.pid)
            base = server.base_url
            check_answers(base, pool[:20])
            # warm-up (untimed): both loads, so that every worker has seen requests
            if args.warmup:
                run_async(run_load(base, bodies, 1, args.warmup / 2, args.max_requests,
                                   "warm-up", None, args.client))
                warm = run_async(run_load(base, bodies, args.clients, args.warmup / 2,
                                          args.max_requests, "warm-up", None, args.client))
                if warm.errors:
                    print(f"warning: {warm.errors} errors during warm-up ({warm.first_error})",
                          file=sys.stderr)
            seq = run_async(run_load(base, bodies, 1, args.seconds, args.max_requests,
                                     "evaluate, 1 client", meter, args.client))
            conc = run_async(run_load(base, bodies, args.clients, args.seconds,
                                      args.max_requests, f"evaluate, {args.clients} clients",
                                      meter, args.client))
            cpu_start = meter.start()
            pdf_began = time.perf_counter()
            pdf = run_pdf(base, args.pdf_runs)
            pdf_seconds = time.perf_counter() - pdf_began
            pdf_cpu = meter.stop(cpu_start)
        except KeyboardInterrupt:
            print("\ninterrupted: stopping the server", file=sys.stderr)
            return 130
        except Exception:
            if server is not None and server.process.poll() is not None:
                print(f"the server stopped during the run (status {server.process.returncode})"
                      f":\n{server.log_tail()}", file=sys.stderr)
            raise
        finally:
            if server is not None:
                server.stop()
    elapsed = time.perf_counter() - began
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3

    # ---- report
    workers = f"{args.workers} worker" + ("s" if args.workers > 1 else "")
    print(f"Server: uvicorn api.main:app, {workers}, SQLite, {HOST} (access log off); "
          f"ready in {ready:.1f} s")
    print(f"Machine: {cpus} CPUs, {platform.system()} {platform.machine()}, Python "
          f"{platform.python_version()}; client ({args.client}, asyncio) on the same machine")
    print(f"Pool: {len(pool)} valid situations (seed {args.seed}), {outside} outside the Nord; "
          f"phases of {args.seconds:g} s after a {args.warmup:g} s warm-up")
    print()
    head = (f"{'phase':<24}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}"
            f"{'p95 ms':>8}{'p99 ms':>8}  target")
    print(head)
    print("-" * (len(head) + 18))
    p95_ok = conc.p(0.95) <= TARGET_P95_MS
    for r in (seq, conc):
        target = ""
        if r is conc:
            target = f"p95 ≤ {TARGET_P95_MS:.0f} ms: {'OK' if p95_ok else 'MISSED'}"
        print(f"{r.name:<24}{r.requests:>9}{r.errors:>8}{r.throughput:>8.0f}"
              f"{ms(r.p(0.5)):>8}{ms(r.p(0.95)):>8}{ms(r.p(0.99)):>8}  {target}")
    warm_median = statistics.median(pdf.warm) if pdf.warm else float("nan")
    warm_max = max(pdf.warm) if pdf.warm else float("nan")
    pdf_ok = warm_median <= TARGET_PDF_MS
    print(f"{'PDF sheet':<24}{len(pdf.times_ms) + pdf.errors:>9}{pdf.errors:>8}"
          f"{'':>8}  cold {ms(pdf.cold)} ms, warm median {ms(warm_median)} ms, "
          f"max {ms(warm_max)} ms ({pdf.size // 1024} KiB)  "
          f"≤ {TARGET_PDF_MS / 1000:g} s: {'OK' if pdf_ok else 'MISSED'}")
    print()
    noisy = []
    for label, cpu in ((seq.name, seq.cpu), (conc.name, conc.cpu), ("PDF sheet", pdf_cpu)):
        print(f"{label:<24}{cpu.describe(cpus)}")
        if cpu.other == cpu.other and cpu.other > NOISE_THRESHOLD * cpus:
            noisy.append(f"{label}: other processes used {cpu.other:.2f} cores")
    print(f"Load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f}; "
          f"PDF phase {pdf_seconds:.1f} s; total run {elapsed:.1f} s")
    for r in (seq, conc):
        if r.first_error:
            print(f"first error, {r.name}: {r.first_error}", file=sys.stderr)
    if pdf.readable_after_ms is not None:
        print(f"note: the sheet just created (201) was not readable at once: 404 for "
              f"{pdf.readable_after_ms:.0f} ms (commit after the response?)")
    if pdf.first_error:
        print(f"first error, PDF sheet: {pdf.first_error}", file=sys.stderr)
    if noisy:
        print("NOISY: " + "; ".join(noisy) + " — figures may be pessimistic.")
    print()
    print(summary_line(seq))
    print(f"{summary_line(conc)} (target p95 ≤ {TARGET_P95_MS:.0f} ms: "
          f"{'met' if p95_ok else 'missed'})")
    print(f"PDF sheet: cold {ms(pdf.cold)} ms, warm median {ms(warm_median)} ms "
          f"(target ≤ {TARGET_PDF_MS / 1000:g} s: {'met' if pdf_ok else 'missed'})")

    failed = not p95_ok or not pdf_ok or seq.errors or conc.errors or pdf.errors
    if args.check and failed:
        print("FAIL: a target was missed or a request failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
