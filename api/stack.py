"""Starts the whole assistant on this machine: action server, Rasa and the API, in order.

`.venv/bin/python -m api.stack [--port 8000]` (what `scripts/run.sh` runs): readiness checks,
readable progress, the address to open, and everything stopped on Ctrl-C. Rasa and the action
server listen on 127.0.0.1 only; the API is the one door. The tests use `Stack` too.
"""

from __future__ import annotations

import argparse
import os
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

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = ROOT / "models" / "mes-droits-nord.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@dataclass
class Stack:
    var_dir: Path
    api_port: int = 8000
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    database_url: str | None = None
    endpoints: str = "bot/endpoints.yml"
    extra_env: dict[str, str] = field(default_factory=dict)
    quiet: bool = True
    processes: list[subprocess.Popen] = field(default_factory=list)
    startup_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "MESDROITS_VAR_DIR": str(self.var_dir),
            "DATABASE_URL": self.database_url or f"sqlite:///{self.var_dir / 'mesdroits.sqlite3'}",
            "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", self.api_url),
            "RASA_URL": f"http://127.0.0.1:{self.rasa_port}",
            "RASA_TRACKER_URL": f"sqlite:///{self.var_dir / 'rasa_tracker.sqlite3'}",
            "RASA_TRACKER_DB": str(self.var_dir / "rasa_tracker.sqlite3"),
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
            "PYTHONPATH": str(ROOT),  # Rasa loads bot.tracker_store from the project
        })
        env.update(self.extra_env)
        return env

    def _start(self, name: str, command: list[str], ready: str, timeout: float) -> None:
        log = open(self.var_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env(), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        if not self.quiet:
            print(f"› Démarrage : {name}…", flush=True)
        self.startup_seconds[name] = _wait(ready, process, name, timeout)
        if not self.quiet:
            print(f"  {name} prêt en {self.startup_seconds[name]:.1f} s", flush=True)

    def start(self) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        if not MODEL.exists():
            raise RuntimeError("Pas de modèle Rasa : lancez scripts/train_bot.sh")
        python = sys.executable
        self._start("actions", [python, "-m", "actions.server", "--port", str(self.actions_port)],
                    f"http://127.0.0.1:{self.actions_port}/health", 60)
        self._start("rasa", [str(RASA), "run", "-m", str(MODEL), "--endpoints",
                             self.endpoints, "--credentials", "bot/credentials.yml",
                             "-i", "127.0.0.1", "-p", str(self.rasa_port)],
                    f"http://127.0.0.1:{self.rasa_port}/", 180)
        self._start("api", [python, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
                            "--port", str(self.api_port), "--no-access-log"],
                    f"{self.api_url}/api/v1/health", 60)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()


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
    args = parser.parse_args()

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # stop the services on `kill` too, not only Ctrl-C
    stack = Stack(var_dir=ROOT / "var", api_port=args.port, quiet=False)
    try:
        with running(stack):
            print(f"\nMes droits Nord est prêt : {stack.api_url}/agent (guichet), "
                  f"{stack.api_url}/docs (API), POST {stack.api_url}/api/v1/chat (assistant)."
                  "\nCtrl-C pour tout arrêter.", flush=True)
            while all(p.poll() is None for p in stack.processes):
                time.sleep(1)
            print("Un des services s'est arrêté : voyez var/*.log.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nArrêt.")
        return 0
    except RuntimeError as exc:
        print(f"Échec du démarrage : {exc} (journaux dans var/*.log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
