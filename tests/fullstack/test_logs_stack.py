"""No message text and no sheet id in any log of the running stack, whatever happens: a message
shaped like Rasa's `/intent{…}`, a turn the gateway gives up on (the action server frozen past
the gateway's 15 s), an unexpected error on a sheet's page."""

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import httpx

from api.sheets import new_sheet_id


def logs_of(stack) -> dict[str, str]:
    return {str(path.relative_to(stack.var_dir)): path.read_text(errors="replace")
            for path in Path(stack.var_dir).rglob("*.log")}


def test_no_text_nor_sheet_id_in_any_log_whatever_happens(stack):
    api = stack.api_url
    shaped = httpx.post(f"{api}/api/v1/chat", timeout=30, json={
        "sender": "s1", "message": '/inform{"age": 41} je touche le RSA à Wattrelos'})
    assert shaped.status_code == 200
    assert "Wattrelos" in " ".join(m["text"] for m in shaped.json()["messages"])

    actions = stack.services["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)  # the turn now outlives the gateway's timeout
    try:
        frozen = httpx.post(f"{api}/api/v1/chat", timeout=60, json={
            "sender": "s2", "message": "je m'appelle Zebulonix et j'habite Wattrelos"})
        assert frozen.status_code == 503
        assert "Réessayez" in frozen.json()["messages"][0]["text"]
    finally:
        os.killpg(actions.pid, signal.SIGCONT)

    broken = new_sheet_id()  # a sheet whose content cannot be shown: a French 500
    with sqlite3.connect(Path(stack.var_dir) / "mesdroits.sqlite3") as database:
        database.execute(
            "INSERT INTO sheets (id, created_at, expires_at, situation, result, "
            "catalogue_version, channel) VALUES (?, '2026-01-01 00:00:00', "
            "'2999-01-01 00:00:00', ?, '{}', 'x', 'web')",
            (broken, json.dumps({"commune": "Wattrelos"})))
    failed = httpx.get(f"{api}/fiche/{broken}", timeout=30)
    assert failed.status_code == 500
    assert failed.json()["erreur"].startswith("Une erreur interne")
    assert "Traceback" not in failed.text

    time.sleep(1)  # Rasa writes the cancelled turn's record when the gateway lets go
    logs = logs_of(stack)
    assert {"api.log", "rasa.log", "actions.log"} <= logs.keys()
    assert "/fiche/***" in logs["api.log"]  # the error was logged, with its id masked
    for name, text in logs.items():
        for private in ("Wattrelos", "wattrelos", "Zebulonix", "touche le RSA", '"age": 41',
                        broken, broken[:12]):
            assert private not in text, f"{private!r} in {name}"


def test_the_stack_s_files_are_private(stack):
    """Every file the running stack keeps in var/ (databases, logs, secret key) is 0600, and
    var/ itself 0700."""
    import stat

    var = Path(stack.var_dir)
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in var.iterdir() if p.is_file()}
    assert {"secret_key", "mesdroits.sqlite3", "rasa_tracker.sqlite3", "rasa.log", "api.log",
            "actions.log"} <= files.keys()
    assert files == dict.fromkeys(files, 0o600)
