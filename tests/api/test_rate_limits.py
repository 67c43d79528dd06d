"""Rate limits on the anonymous routes: a burst gets a French 429 with Retry-After; the PDF of a
sheet is rendered once; in production mode the counts are shared through the real Redis."""

import os
import secrets
import subprocess
import sys
import time

import httpx
import pytest
from api_client import client_with
from net_helpers import free_port
from storage_helpers import require_redis

from api.stack import ROOT


def assert_limited(response, at_most: int):
    assert response.status_code == 429, response.text
    wait = int(response.headers["retry-after"])
    assert 1 <= wait <= at_most
    assert response.json()["erreur"].startswith("Trop de demandes en peu de temps : réessayez")


def test_a_chat_burst_from_one_sender_then_one_client(tmp_path, monkeypatch):
    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{free_port()}")  # « réessayez »: 503
    with client_with(tmp_path, monkeypatch, CHAT_PER_SENDER="3/minute",
                     CHAT_PER_CLIENT="5/minute") as client:
        def say(sender):
            return client.post("/api/v1/chat", json={"sender": sender, "message": "bonjour"})

        assert [say("a").status_code for _ in range(3)] == [503] * 3
        assert_limited(say("a"), 60)
        assert say("b").status_code == 503  # another sender, until this address has sent 5
        assert_limited(say("c"), 60)


def test_a_burst_of_sheets_from_one_client(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch, SHEETS_PER_CLIENT="2/hour") as client:
        made = [client.post("/api/v1/sheets", json={"age": 30}) for _ in range(3)]
    assert [r.status_code for r in made[:2]] == [201, 201]
    assert_limited(made[2], 3600)


def test_pdfs_are_limited_and_rendered_once_per_sheet(tmp_path, monkeypatch):
    import api.routes_sheets

    renders = []
    real = api.routes_sheets.render_sheet_pdf

    def counted(context):
        renders.append(context["sheet_id"])
        return real(context)

    monkeypatch.setattr(api.routes_sheets, "render_sheet_pdf", counted)
    with client_with(tmp_path, monkeypatch, PDF_PER_CLIENT="3/minute") as client:
        sheet = client.post("/api/v1/sheets", json={"age": 30, "commune": "Lille"}).json()
        pdfs = [client.get(f"/fiche/{sheet['id']}.pdf") for _ in range(4)]
    assert [r.status_code for r in pdfs[:3]] == [200, 200, 200]
    assert pdfs[0].content == pdfs[2].content and pdfs[0].content.startswith(b"%PDF")
    assert renders == [sheet["id"]]  # rendered once, then read back
    assert_limited(pdfs[3], 60)


def _serve(port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host",
                                "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the API did not start")


@pytest.mark.parametrize("storage, allowed", [("redis://127.0.0.1:6379", 4),
                                              ("memory://", 8)])
def test_production_counts_are_shared_by_two_instances_through_redis(tmp_path, storage,
                                                                     allowed):
    """Two API processes (as two workers): with Redis the limit holds across both; in memory
    (the default) each counts on its own — which is why production mode uses Redis."""
    require_redis()
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(32),  # keys of this test only
           "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
           "MESDROITS_VAR_DIR": str(tmp_path / "var"), "RATE_LIMIT_STORAGE": storage,
           "SHEETS_PER_CLIENT": "4/minute"}
    subprocess.run([sys.executable, "-m", "api.cli", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    ports = [free_port(), free_port()]
    instances = [_serve(port, env) for port in ports]
    try:
        statuses = [httpx.post(f"http://127.0.0.1:{ports[i % 2]}/api/v1/sheets",
                               json={"age": 30}).status_code for i in range(10)]
    finally:
        for process in instances:
            process.terminate()
            process.wait(10)
    assert statuses == [201] * allowed + [429] * (10 - allowed)
