"""Browser fixtures: the real server (uvicorn in a subprocess) and Debian's Chromium.

Never a downloaded browser: Playwright drives /usr/bin/chromium. If Chromium or axe-core is
missing, the tests fail and say how to install it; they are never skipped silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_csp import watch_csp
from net_helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AGENT = "agent.navigateur"
AGENT_NAME = "Camille Test"
PASSWORD = "mot-de-passe-navigateur-solide"


@dataclass(frozen=True)
class LiveServer:
    url: str
    env: dict[str, str]
    log: Path
    username: str = AGENT
    password: str = PASSWORD
    display_name: str = AGENT_NAME

    def post_json(self, path: str, body: dict) -> dict:
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def _venv_script(name: str) -> str:
    script = Path(sys.executable).parent / name
    return str(script if script.exists() else ROOT / ".venv" / "bin" / name)


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped (status {process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"The server did not answer /api/v1/health within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """`api.main:app` served by uvicorn on 127.0.0.1, SQLite in a temporary folder, one agent."""
    tmp = tmp_path_factory.mktemp("serveur")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'navigateur.sqlite3'}",
        "MESDROITS_VAR_DIR": str(tmp / "var"),
        "PUBLIC_BASE_URL": url,
    }
    env.pop("SECRET_KEY", None)
    log = tmp / "uvicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, log)
        created = subprocess.run(
            [_venv_script("mesdroits"), "agents", "add", AGENT, "--name", AGENT_NAME,
             "--password-stdin"],
            input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, env=env,
            timeout=60)
        assert created.returncode == 0, f"mesdroits agents add failed:\n{created.stderr}"
        yield LiveServer(url=url, env=env, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (sync API)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
                    "Install it with `sudo apt-get install chromium` (never `playwright install`).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: the accessibility tests need "
                    "axe-core. Install it with `npm ci` (or `npm install`) at the project root "
                    f"({ROOT}).")
    return AXE


@pytest.fixture
def context(chromium, live_server):
    """A fresh browser context (own cookies) in French, with a desktop-sized window."""
    ctx = chromium.new_context(base_url=live_server.url, locale="fr-FR",
                               viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    violations = watch_csp(ctx)
    yield ctx
    ctx.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def page(context):
    return context.new_page()
