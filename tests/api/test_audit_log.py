"""The desk's audit log (issue 13, point 6): agents' opens of a sheet in every format, logins,
logouts, blocked logins with the username tried, hand-over codes resumed, each sheet and code as
a keyed reference, never itself; purged after AUDIT_RETENTION_DAYS. On SQLite and on the real
PostgreSQL (the `client` fixture)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from desk_helpers import add_agent, csrf_from, desk_token, login, resume
from sqlalchemy import select

from api.cli import main as mesdroits
from api.db import session_scope
from api.handover import create_code
from api.models import AuditEntry, utcnow
from api.settings import get_settings

WRONG = "pas-le-bon-mot-de-passe"


def ref(kind: str, value: str) -> str:
    """The keyed reference, computed here as the README states it."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"audit|{kind}|{value}".encode(), hashlib.sha256).hexdigest()[:32]


def entries() -> list[dict]:
    """Every column of every entry."""
    with session_scope(get_settings().database_url) as session:
        table = AuditEntry.__table__
        return [dict(row._mapping) for row in session.execute(select(table)
                                                              .order_by(table.c.id))]


def actions() -> list[tuple]:
    return [(e["action"], e["username"], e["ref"], e["detail"]) for e in entries()]


def agent_sheet(client, ines) -> str:
    created = client.post("/agent/fiches", json=ines, headers={"X-CSRF-Token": desk_token(client)})
    assert created.status_code == 201
    return created.json()["id"]


def test_an_agent_s_opens_in_every_format_are_audited_by_reference(client, ines):
    agent_id = add_agent()
    login(client)
    sheet_id = agent_sheet(client, ines)
    for path in (f"/fiche/{sheet_id}", f"/fiche/{sheet_id}.pdf", f"/fiche/{sheet_id}.txt",
                 f"/fiche/{sheet_id}.json", f"/api/v1/sheets/{sheet_id}"):
        assert client.get(path).status_code == 200, path
    sheet_ref = ref("fiche", sheet_id)
    assert actions()[1:] == [("sheet_created", None, sheet_ref, None)] + [
        ("sheet_opened", None, sheet_ref, form) for form in ("html", "pdf", "txt", "json", "json")]
    assert {e["agent_id"] for e in entries()} == {agent_id}
    assert client.delete(f"/api/v1/sheets/{sheet_id}").status_code == 204
    assert actions()[-1] == ("sheet_deleted", None, sheet_ref, None)
    assert not [e for e in entries() if sheet_id in repr(e)]


def test_residents_opens_are_not_audited(client, ines):
    sheet_id = client.post("/api/v1/sheets", json=ines).json()["id"]
    for suffix in ("", ".pdf", ".txt", ".json"):
        assert client.get(f"/fiche/{sheet_id}{suffix}").status_code == 200
    assert entries() == []


def test_logins_logouts_and_blocked_logins_are_audited(client):
    add_agent()
    assert login(client, "Alice", WRONG).status_code == 401
    password_as_name = "Mon-Mot-De-Passe-2026"  # typed in the wrong field
    assert login(client, password_as_name, WRONG).status_code == 401
    for _ in range(4):
        login(client, "alice", WRONG)
    for _ in range(20):  # refused: one entry a minute, not one each
        assert login(client, "alice").status_code == 429
    recorded = actions()
    unknown = "inconnu:" + ref("identifiant", password_as_name.lower())[:12]
    assert recorded[:2] == [("login_failed", "alice", None, None),
                            ("login_failed", unknown, None, None)]
    assert recorded[2:6] == [("login_failed", "alice", None, None)] * 4
    assert recorded[6:] == [("login_blocked", "alice", None, "compte_adresse")]
    assert not [e for e in entries() if password_as_name.lower() in repr(e).lower()]


def test_a_login_and_its_logout_are_audited(client):
    agent_id = add_agent()
    login(client)
    client.post("/agent/deconnexion", data={"csrf": csrf_from(client.get("/agent").text)})
    assert [(e["action"], e["agent_id"]) for e in entries()] == [("login", agent_id),
                                                                ("logout", agent_id)]


def test_the_code_resumed_is_audited_by_reference_not_itself(client):
    agent_id = add_agent()
    with session_scope(get_settings().database_url) as session:
        code = create_code(session, "owner-hash", {"age": 41}, 60)
    login(client)
    assert resume(client, "ZZZZZZ").status_code == 404
    assert resume(client, code.lower()).status_code == 200
    assert actions()[1:] == [("handover_failed", None, None, None),
                             ("handover_resumed", None, ref("code", code), None)]
    assert {e["agent_id"] for e in entries()} == {agent_id}
    assert not [e for e in entries() if code in repr(e) or "ZZZZZZ" in repr(e)]


def test_refused_resumes_are_audited_once_a_minute(tmp_path, monkeypatch):
    from api_client import client_with

    with client_with(tmp_path, monkeypatch, HANDOVER_PER_AGENT="2/minute") as client:
        add_agent()
        login(client)
        token = desk_token(client)
        assert [resume(client, "ZZZZZZ", token).status_code for _ in range(6)] == \
            [404, 404, 429, 429, 429, 429]
        assert [a[0] for a in actions()] == ["login", "handover_failed", "handover_failed",
                                             "handover_blocked"]
        assert actions()[-1][3] == "essais"


def test_purge_deletes_entries_past_the_retention(client, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("RASA_TRACKER_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    get_settings.cache_clear()
    now = utcnow()
    with session_scope(get_settings().database_url) as session:
        for days in (400, 366, 364, 1):
            session.add(AuditEntry(action="login_failed", username=f"il-y-a-{days}",
                                   at=now - dt.timedelta(days=days)))
    assert mesdroits(["purge"]) == 0
    assert "2 entrée(s) du journal des agents de plus de 365 jours" in capsys.readouterr().out
    assert [e["username"] for e in entries()] == ["il-y-a-364", "il-y-a-1"]
    monkeypatch.setenv("AUDIT_RETENTION_DAYS", "30")
    get_settings.cache_clear()
    assert mesdroits(["purge"]) == 0
    assert [e["username"] for e in entries()] == ["il-y-a-1"]


def test_the_journal_finds_a_sheet_s_entries_from_its_address(client, ines, capsys):
    add_agent()
    login(client)
    sheet_id, other = agent_sheet(client, ines), agent_sheet(client, ines)
    client.get(f"/fiche/{sheet_id}.pdf")
    client.get(f"/fiche/{other}.txt")
    capsys.readouterr()
    assert mesdroits(["journal", "--fiche", f"http://testserver/fiche/{sheet_id}"]) == 0
    out = capsys.readouterr().out
    assert "Journal du guichet (conservé 365 jours) : 2 entrée(s)" in out
    assert "alice ; fiche créée ; réf. " in out and "alice ; fiche ouverte ; pdf ; réf. " in out
    assert sheet_id not in out and other not in out
    assert mesdroits(["journal"]) == 0
    assert "5 entrée(s)" in capsys.readouterr().out  # the login too


def test_a_deleted_sheet_leaves_no_id_in_the_database_files(sqlite_client, tmp_path, ines):
    """The log alone must not open a sheet: once the sheet is gone, its id is in no byte of the
    SQLite files (the audit log keeps only its reference)."""
    add_agent()
    login(sqlite_client)
    sheet_id = agent_sheet(sqlite_client, ines)
    sqlite_client.get(f"/fiche/{sheet_id}.json")
    database = tmp_path / "test.sqlite3"
    files = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert sheet_id.encode() in files  # the sheet itself, while it exists
    assert sqlite_client.delete(f"/api/v1/sheets/{sheet_id}").status_code == 204
    files = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert sheet_id.encode() not in files
    assert ref("fiche", sheet_id).encode() in files
