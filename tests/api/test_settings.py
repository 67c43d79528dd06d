"""Settings are read when asked, and the API tests never write into the checkout's var/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from api import settings

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)


def test_importing_the_application_writes_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(MESDROITS_VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(ROOT))
    _python("import api.main, api.settings, api.routes_chat, actions.actions", env)
    assert not (tmp_path / "var").exists()
    _python("import api.main; api.main.app", env)  # what uvicorn does: now the key is made
    assert (tmp_path / "var" / "secret_key").exists()


def test_settings_follow_the_environment_once_reset(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "first")
    settings.get_settings.cache_clear()
    assert settings.get_settings().secret_key == "first"
    monkeypatch.setenv("SECRET_KEY", "second")
    assert settings.get_settings().secret_key == "first"  # cached
    settings.get_settings.cache_clear()
    assert settings.get_settings().secret_key == "second"
    settings.get_settings.cache_clear()


def test_the_api_tests_keep_the_checkout_var_dir_untouched(var_dir, tmp_path, monkeypatch,
                                                           request):
    checkout = tmp_path / "checkout"  # stands for the checkout, whose var/ must stay empty
    monkeypatch.setattr(settings, "ROOT", checkout)
    assert Path(os.environ["MESDROITS_VAR_DIR"]) == var_dir
    settings.get_settings.cache_clear()
    assert settings.get_settings().secret_key
    assert (var_dir / "secret_key").exists()
    client = request.getfixturevalue("sqlite_client")  # the API tests' app creation
    assert client.get("/api/v1/schemes").status_code == 200
    assert not (checkout / "var").exists()
