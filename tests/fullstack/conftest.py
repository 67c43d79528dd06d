"""The default stack (SQLite, one Rasa process), trained and started once for the chat tests."""

import subprocess

import pytest

from api.stack import ROOT, UNLIMITED, Stack, free_port, running


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    trained = subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1200)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    var = tmp_path_factory.mktemp("stack")
    with running(Stack(var_dir=var, api_port=free_port(), extra_env=UNLIMITED)) as started:
        yield started
