"""The desk's login limits (issue 13, point 4): the client's address from trusted proxies only, a
limit per address, per account and per account and address with a backoff, and no way to lock
every agent out of the browser they use; in production mode the counts are shared by the API's
processes through the real Redis."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from api_client import client_with
from desk_helpers import PASSWORD, add_agent, csrf_from, login
from fastapi.testclient import TestClient
from net_helpers import free_port
from storage_helpers import require_redis

from api.stack import ROOT

WRONG = "pas-le-bon-mot-de-passe"
FORGED = "198.51.100.7"


def assert_blocked(response, at_most: int = 15 * 60) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["retry-after"]) <= at_most
    assert "Trop de tentatives de connexion : réessayez dans" in response.text


def test_spraying_usernames_from_one_address_is_limited(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch) as client:
        add_agent("alice")
        for name in ("bruno", "chloe", "david", "emma", "farid", "gaelle", "hugo", "ines",
                     "jules", "karim"):  # one wrong password each: no account reaches its limit
            assert login(client, name, WRONG).status_code == 401
        assert_blocked(login(client, "lea", WRONG))
        blocked = login(client, "alice")  # a right password from this address, unknown browser
        assert_blocked(blocked)
        assert "Sur un poste où vous vous êtes déjà connecté(e)" in blocked.text


def test_one_account_from_many_addresses_is_limited(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch, peer=("127.0.0.1", 40000),
                     TRUSTED_PROXIES="127.0.0.1") as client:
        add_agent("alice")
        for i in range(10):  # each address below its own limits
            response = login(client, "alice", WRONG, **{"X-Forwarded-For": f"203.0.113.{i}"})
            assert response.status_code == 401, i
        assert_blocked(login(client, "alice", **{"X-Forwarded-For": "203.0.113.99"}))
        other = login(client, "bob", WRONG, **{"X-Forwarded-For": "203.0.113.99"})
        assert other.status_code == 401  # another account from that address: not blocked


def test_the_wait_grows_with_the_failures(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch,
                     LOGIN_PER_ACCOUNT_CLIENT="2/2 seconds;3/hour") as client:
        add_agent("alice")
        assert [login(client, "alice", WRONG).status_code for _ in range(2)] == [401, 401]
        assert_blocked(login(client, "alice"), at_most=2)
        time.sleep(2.2)
        assert login(client, "alice", WRONG).status_code == 401  # the short window has passed
        blocked = login(client, "alice")
        assert_blocked(blocked, at_most=3600)
        assert int(blocked.headers["retry-after"]) > 3000  # now the hour's window


def test_a_success_forgets_the_failures_of_that_account_and_address(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch) as client:
        add_agent("alice")
        for _ in range(4):
            assert login(client, "alice", WRONG).status_code == 401
        assert login(client, "alice").status_code == 303
        for _ in range(4):
            assert login(client, "alice", WRONG).status_code == 401


def test_failures_elsewhere_never_lock_an_agent_out_of_the_browser_they_use(tmp_path,
                                                                           monkeypatch):
    """Everyone behind one address (an office's router, a proxy that sets no header): whoever
    fails there cannot lock out an agent on the browser where they logged in before."""
    with client_with(tmp_path, monkeypatch) as attacker:
        add_agent("alice")
        add_agent("bob", "Bob Durand")
        alice = TestClient(attacker.app)
        assert login(alice, "alice").status_code == 303  # her usual browser, yesterday
        alice.post("/agent/deconnexion", data={"csrf": csrf_from(alice.get("/agent").text)})
        for _ in range(5):
            assert login(attacker, "alice", WRONG).status_code == 401
        for name in ("bob", "chloe", "david", "emma", "farid"):
            assert login(attacker, name, WRONG).status_code == 401
        assert login(alice, "alice").status_code == 303
        assert alice.get("/agent").status_code == 200
        assert_blocked(login(attacker, "alice"))  # this browser is unknown to her account
        assert_blocked(login(attacker, "bob"))  # the address is past its limit
        cookie = alice.cookies.get("mdn_poste")
        assert cookie and "alice" not in cookie and PASSWORD not in cookie


def test_a_known_browser_token_is_bound_to_its_account(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch) as attacker:
        add_agent("alice")
        add_agent("bob", "Bob Durand")
        assert login(attacker, "bob").status_code == 303  # the attacker's own account
        for _ in range(5):
            assert login(attacker, "alice", WRONG).status_code == 401
        assert_blocked(login(attacker, "alice"))  # bob's token opens nothing for alice


def test_a_forwarded_header_is_believed_from_a_trusted_proxy_only(tmp_path, monkeypatch):
    with client_with(tmp_path, monkeypatch, peer=("127.0.0.1", 40000),
                     TRUSTED_PROXIES="127.0.0.1") as client:
        for _ in range(5):
            assert login(client, "alice", WRONG,
                         **{"X-Forwarded-For": "203.0.113.5"}).status_code == 401
        # the proxy appends: the client is the rightmost address that is not a trusted proxy
        assert_blocked(login(client, "alice", WRONG,
                             **{"X-Forwarded-For": f"{FORGED}, 203.0.113.5"}))
        assert login(client, "alice", WRONG,
                     **{"X-Forwarded-For": "203.0.113.6"}).status_code == 401
    monkeypatch.delenv("TRUSTED_PROXIES")
    with client_with(tmp_path / "direct", monkeypatch, peer=("127.0.0.1", 40000)) as client:
        for _ in range(5):  # TRUSTED_PROXIES empty (the default): the header is nobody's word
            assert login(client, "alice", WRONG).status_code == 401
        assert_blocked(login(client, "alice", WRONG, **{"X-Forwarded-For": FORGED}))


def test_trusted_proxies_must_be_addresses(monkeypatch):
    from api import settings

    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, proxy.example")
    settings.get_settings.cache_clear()
    with pytest.raises(ValueError, match=r"proxy\.example"):
        settings.get_settings()
    settings.get_settings.cache_clear()


@contextmanager
def serving(command: list[str], port: int, env: dict, log: Path):
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(f"the API did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def server_env(tmp_path: Path, **extra: str) -> dict:
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(32),  # keys of this test only
           "DATABASE_URL": f"sqlite:///{tmp_path / 'desk.sqlite3'}",
           "MESDROITS_VAR_DIR": str(tmp_path / "var"), **extra}
    env.pop("TRUSTED_PROXIES", None)
    subprocess.run([sys.executable, "-m", "api.cli", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return env


def http_login(base: str, username: str, password: str, **headers: str) -> httpx.Response:
    with httpx.Client(base_url=base) as browser:
        token = csrf_from(browser.get("/agent/connexion").text)
        return browser.post("/agent/connexion", headers=headers, data={
            "username": username, "password": password, "csrf": token})


@pytest.mark.parametrize("how", ["mesdroits serve", "uvicorn's defaults"])
def test_a_forged_header_does_not_reset_the_count_on_the_real_server(tmp_path, how):
    """As the issue found it: after a lockout, the same attempt with a forged X-Forwarded-For was
    counted as a new client, because uvicorn believes the header from 127.0.0.1. Started by
    `mesdroits serve`, the header is nobody's word; started by uvicorn with its defaults (which
    still believe it), the application counts every such request as one unverified client, so
    that forging a new address each time gains nothing."""
    env, port = server_env(tmp_path), free_port()
    command = ([sys.executable, "-m", "api.cli", "serve", "--port", str(port)]
               if how == "mesdroits serve" else
               [sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port)])
    with serving(command, port, env, tmp_path / "api.log") as base:
        direct = [http_login(base, "alice", WRONG).status_code for _ in range(6)]
        forged = [http_login(base, "alice", WRONG,
                             **{"X-Forwarded-For": f"198.51.100.{i}"}).status_code
                  for i in range(1, 6)] + [
            http_login(base, "alice", WRONG, **{"X-Forwarded-For": f"{FORGED}:4242"}).status_code]
    assert direct == [401] * 5 + [429]
    if how == "mesdroits serve":
        assert forged == [429] * 6
    else:
        assert forged == [401] * 5 + [429]
        assert "start uvicorn with --no-proxy-headers" in (tmp_path / "api.log").read_text()


@pytest.mark.parametrize("storage, allowed", [("redis://127.0.0.1:6379", 3), ("memory://", 6)])
def test_production_login_counts_are_shared_by_two_instances_through_redis(tmp_path, storage,
                                                                           allowed):
    """Two API processes (as two workers): with Redis the failures made on one count on the
    other; in memory each counts its own."""
    require_redis()
    env = server_env(tmp_path, RATE_LIMIT_STORAGE=storage, LOGIN_PER_ACCOUNT_CLIENT="3/minute")
    ports = [free_port(), free_port()]
    with serving([sys.executable, "-m", "api.cli", "serve", "--port", str(ports[0])], ports[0],
                 env, tmp_path / "api0.log") as first, \
         serving([sys.executable, "-m", "api.cli", "serve", "--port", str(ports[1])], ports[1],
                 env, tmp_path / "api1.log") as second:
        statuses = [http_login((first, second)[i % 2], "alice", WRONG).status_code
                    for i in range(8)]
    assert statuses == [401] * allowed + [429] * (8 - allowed)
