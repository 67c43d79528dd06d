"""var/ is 0700 and its files 0600: the secret key, the databases (with their -wal and -shm)."""

import stat

from api_client import client_with


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_var_folder_and_its_files_are_private(tmp_path, monkeypatch):
    var = tmp_path / "var"
    with client_with(tmp_path, monkeypatch, DATABASE_URL=f"sqlite:///{var / 'mesdroits.sqlite3'}"
                     ) as client:
        assert client.post("/api/v1/sheets", json={"age": 30}).status_code == 201
        files = sorted(p.name for p in var.iterdir())
        assert {"secret_key", "mesdroits.sqlite3", "mesdroits.sqlite3-wal"} <= set(files)
        assert mode(var) == 0o700
        assert {name: mode(var / name) for name in files} == dict.fromkeys(files, 0o600)


def test_an_existing_var_folder_is_made_private(tmp_path, monkeypatch):
    import sqlite3

    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    sqlite3.connect(var / "mesdroits.sqlite3").close()
    (var / "mesdroits.sqlite3").chmod(0o644)
    (var / "secret_key").write_text("une clé d'avant")
    (var / "secret_key").chmod(0o644)
    with client_with(tmp_path, monkeypatch, DATABASE_URL=f"sqlite:///{var / 'mesdroits.sqlite3'}"
                     ) as client:
        assert client.get("/api/v1/health").status_code == 200
        client.post("/api/v1/sheets", json={"age": 30})
        assert mode(var) == 0o700
        assert all(mode(p) == 0o600 for p in var.iterdir()), {p.name: oct(mode(p))
                                                             for p in var.iterdir()}
