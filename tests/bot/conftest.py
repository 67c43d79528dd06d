"""Rasa's own environment, created if missing (a fresh clone runs these tests first)."""

import subprocess

import pytest

from api.stack import ROOT


@pytest.fixture(scope="session", autouse=True)
def rasa_environment() -> None:
    made = subprocess.run(["bash", "scripts/setup_rasa.sh"], cwd=ROOT, capture_output=True,
                          text=True, timeout=1800)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
