"""Starts the whole assistant on this machine: action server, Rasa and the API, in order.

`.venv/bin/python -m api.stack [--port 8000]` (what `scripts/run.sh` runs): readiness checks,
readable progress, the address to open, and everything stopped on Ctrl-C. Rasa and the action
server listen on 127.0.0.1 only; the API is the one door. The tests use `Stack` too.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from api.settings import private_dir, private_file, var_dir

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = ROOT / "models" / "mes-droits-nord.tar.gz"


def free_port() -> int:
    """A loopback port nothing listens on; within MESDROITS_PORT_RANGE (« 8300-8399 ») if set,
    for machines shared with others."""
    span = os.environ.get("MESDROITS_PORT_RANGE", "")
    low, _, high = span.partition("-")
    candidates = range(int(low), int(high) + 1) if low.isdigit() and high.isdigit() else [0]
    for port in random.sample(list(candidates), len(candidates)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"aucun port libre dans {span}")


def _wait(url: str, process: subprocess.Popen, name: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{name} s'est arrêté au démarrage (code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{name} ne répond pas après {timeout:.0f} s ({url})")


# For test suites and load tests, which send from one address far faster than anyone types:
# the rate limits of the anonymous routes out of the way (README, « Settings »).
UNLIMITED = {name: "1000000/minute" for name in
             ("CHAT_PER_SENDER", "CHAT_PER_CLIENT", "SHEETS_PER_CLIENT", "PDF_PER_CLIENT")}
BACKOFF_SECONDS = (1, 2, 4, 8, 16, 30)  # before each new start of a service that keeps failing
STABLE_SECONDS = 60  # up that long after a restart: its failures are forgotten


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class _Watch:
    """What the supervisor knows of one service."""

    failures: int = 0
    restart_at: float | None = None  # stopped: to be started again then
    starting_since: float | None = None  # started again, not answering yet
    up_since: float = field(default_factory=time.monotonic)


@dataclass
class Stack:
    """The action server, `rasa_processes` Rasa processes and the API (`api_workers` workers)."""

    var_dir: Path
    api_port: int = 8000
    actions_port: int = field(default_factory=free_port)
    rasa_processes: int = 1
    api_workers: int = 1
    database_url: str | None = None
    endpoints: str = "bot/endpoints.yml"
    extra_env: dict[str, str] = field(default_factory=dict)
    quiet: bool = True
    startup_seconds: dict[str, float] = field(default_factory=dict)
    rasa_ports: list[int] = field(init=False, default_factory=list)
    services: dict[str, subprocess.Popen] = field(init=False, default_factory=dict)
    _commands: dict[str, tuple[list[str], str]] = field(init=False, default_factory=dict)
    _spawned_at: dict[str, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Distinct ports: the API's is not bound yet when the others are picked.
        taken = {self.api_port}
        while self.actions_port in taken:
            self.actions_port = free_port()
        taken.add(self.actions_port)
        while len(self.rasa_ports) < self.rasa_processes:
            port = free_port()
            if port not in taken:
                taken.add(port)
                self.rasa_ports.append(port)

    @classmethod
    def production(cls, var_dir: Path, api_port: int, database_url: str,
                   redis_url: str = "redis://127.0.0.1:6379", rasa_processes: int = 2,
                   api_workers: int = 2, **options: object) -> Stack:
        """PostgreSQL for the application and the conversations, Redis to lock each
        conversation while one Rasa process handles a turn."""
        db, redis = urlsplit(database_url), urlsplit(redis_url)
        if not db.scheme.startswith("postgres"):
            raise RuntimeError("Le mode production demande DATABASE_URL=postgresql://…")
        env = {"RASA_TRACKER_HOST": db.hostname or "127.0.0.1",
               "RASA_TRACKER_PORT": str(db.port or 5432),
               "RASA_TRACKER_DB": db.path.lstrip("/"),
               "RASA_TRACKER_USER": db.username or "postgres",
               "RASA_TRACKER_PASSWORD": db.password or "",
               "RASA_TRACKER_URL": database_url,
               "REDIS_HOST": redis.hostname or "127.0.0.1",
               "REDIS_PORT": str(redis.port or 6379),
               "RATE_LIMIT_STORAGE": redis_url}  # counts shared by the API's workers
        env.update(options.pop("extra_env", {}))  # type: ignore[arg-type]
        return cls(var_dir=var_dir, api_port=api_port, rasa_processes=rasa_processes,
                   api_workers=api_workers, database_url=database_url,
                   endpoints="bot/endpoints.postgres.yml", extra_env=env,
                   **options)  # type: ignore[arg-type]

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.rasa_ports]

    @property
    def processes(self) -> list[subprocess.Popen]:
        return list(self.services.values())

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "MESDROITS_VAR_DIR": str(self.var_dir),
            "DATABASE_URL": self.database_url or f"sqlite:///{self.var_dir / 'mesdroits.sqlite3'}",
            "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", self.api_url),
            "RASA_URLS": ",".join(self.rasa_urls),
            "RASA_TRACKER_URL": f"sqlite:///{self.var_dir / 'rasa_tracker.sqlite3'}",
            "RASA_TRACKER_DB": str(self.var_dir / "rasa_tracker.sqlite3"),
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
            "PYTHONPATH": str(ROOT),  # Rasa loads bot.tracker_store from the project
        })
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, command: list[str], ready: str) -> None:
        self._commands[name] = (command, ready)
        self._spawned_at[name] = time.monotonic()
        path = self.var_dir / f"{name}.log"
        log = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        private_file(path)
        try:  # umask 077: what the services create in var/ (databases, logs) is 0600
            self.services[name] = subprocess.Popen(
                command, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, umask=0o077)
        finally:
            os.close(log)
        if not self.quiet:
            print(f"› Démarrage : {name}…", flush=True)

    def _ready(self, name: str, timeout: float) -> None:
        _wait(self._commands[name][1], self.services[name], name, timeout)
        self.startup_seconds[name] = time.monotonic() - self._spawned_at[name]
        if not self.quiet:
            print(f"  {name} prêt en {self.startup_seconds[name]:.1f} s", flush=True)

    def start(self) -> None:
        private_dir(self.var_dir)
        if not MODEL.exists():
            raise RuntimeError("Pas de modèle Rasa : lancez scripts/train_bot.sh")
        python = sys.executable
        # Database schema and secret key first: API workers would race to create them.
        prepared = subprocess.run([python, "-m", "api.cli", "migrate"], cwd=ROOT,
                                  env=self.env(), capture_output=True, text=True, umask=0o077)
        if prepared.returncode != 0:
            raise RuntimeError(f"base de données inaccessible : {prepared.stderr[-500:]}")
        self._spawn("actions", [python, "-m", "actions.server", "--port",
                                str(self.actions_port)],
                    f"http://127.0.0.1:{self.actions_port}/health")
        self._ready("actions", 60)
        names = []
        for i, port in enumerate(self.rasa_ports):  # started together, ready in ~10 s each
            names.append("rasa" if i == 0 else f"rasa{i + 1}")
            self._spawn(names[-1], [str(RASA), "run", "-m", str(MODEL), "--endpoints",
                                    self.endpoints, "--credentials", "bot/credentials.yml",
                                    "-i", "127.0.0.1", "-p", str(port)],
                        f"http://127.0.0.1:{port}/")
        for name in names:
            self._ready(name, 240)
        self._spawn("api", [python, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
                            "--port", str(self.api_port), "--no-access-log", "--no-proxy-headers",
                            "--workers", str(self.api_workers)],
                    f"{self.api_url}/api/v1/health")
        self._ready("api", 60)

    def stop_service(self, name: str) -> None:
        process = self.services[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def restart_service(self, name: str, timeout: float = 240) -> None:
        self.stop_service(name)
        self._spawn(name, *self._commands[name])
        self._ready(name, timeout)

    def supervise(self, poll: float = 0.5) -> None:
        """Until interrupted: a service that stops is started again, after 1 s, then 2, 4… up
        to 30 s if it keeps failing; meanwhile the others go on (the API answers « réessayez »
        while the assistant is away)."""
        watches = {name: _Watch() for name in self.services}
        while True:
            for name, watch in watches.items():
                self._watch(name, watch, time.monotonic())
            time.sleep(poll)

    def _say(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    def _watch(self, name: str, watch: _Watch, now: float) -> None:
        if watch.restart_at is not None:
            if now >= watch.restart_at:
                watch.restart_at, watch.starting_since = None, now
                self._spawn(name, *self._commands[name])
            return
        process = self.services[name]
        if process.poll() is not None:
            watch.failures += 1
            delay = BACKOFF_SECONDS[min(watch.failures, len(BACKOFF_SECONDS)) - 1]
            watch.restart_at, watch.starting_since = now + delay, None
            self._say(f"› {name} s'est arrêté (code {process.returncode}) : nouveau démarrage "
                      f"dans {delay} s (journal : {self.var_dir / (name + '.log')})")
            return
        if watch.starting_since is not None:
            if _answers(self._commands[name][1]):
                self._say(f"  {name} prêt à nouveau en {now - watch.starting_since:.1f} s")
                watch.starting_since, watch.up_since = None, now
            elif now - watch.starting_since > 240:
                self.stop_service(name)  # never ready: counted as a failure next time round
            return
        if watch.failures and now - watch.up_since > STABLE_SECONDS:
            watch.failures = 0

    def stop(self) -> None:
        for name in reversed(list(self.services)):
            self.stop_service(name)
        self.services.clear()


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description="Lance Mes droits Nord (assistant complet)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--production", action="store_true",
                        help="PostgreSQL (DATABASE_URL) et Redis (REDIS_URL), plusieurs "
                        "processus Rasa (RASA_PROCESSES, 2) et workers API (API_WORKERS, 2)")
    args = parser.parse_args()

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # stop the services on `kill` too, not only Ctrl-C
    try:
        if args.production:
            stack = Stack.production(
                var_dir(), args.port, os.environ.get("DATABASE_URL", ""),
                os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"),
                rasa_processes=int(os.environ.get("RASA_PROCESSES", 2)),
                api_workers=int(os.environ.get("API_WORKERS", 2)), quiet=False)
        else:
            stack = Stack(var_dir=var_dir(), api_port=args.port, quiet=False)
        with running(stack):
            print(f"\nMes droits Nord est prêt. Ouvrez {stack.api_url}/ pour discuter avec "
                  f"l'assistant.\nAussi : {stack.api_url}/agent (guichet France Services), "
                  f"{stack.api_url}/docs (API), POST {stack.api_url}/sms/twilio (SMS)."
                  "\nUn service qui s'arrête est relancé. Ctrl-C pour tout arrêter.",
                  flush=True)
            stack.supervise()
            return 0  # supervise() returns only when interrupted
    except KeyboardInterrupt:
        print("\nArrêt.")
        return 0
    except RuntimeError as exc:
        print(f"Échec du démarrage : {exc} (journaux dans var/*.log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
