import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_helpers import TODAY
from storage_helpers import fresh_postgres_database

# The directory in use is the packaged one unless a test imports into its own file: never the
# developer's var/annuaire.json (set before anything loads the directory; subprocesses inherit).
os.environ["MESDROITS_ANNUAIRE"] = str(
    Path(tempfile.gettempdir()) / f"mesdroits-tests-{os.getpid()}" / "annuaire.json")


# The suite runs two processes on two cores: an amount must not become « à vérifier » because
# the machine is busy (the bound itself is tested with its own small timeouts).
os.environ.setdefault("MONEY_TIMEOUT_SECONDS", "60")


@pytest.fixture(scope="session", autouse=True)
def _openfisca_loaded() -> None:
    """OpenFisca-France loaded once, before the first test computes an amount."""
    from rules import money

    money.warm_up()


@pytest.fixture
def today():
    return TODAY


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url
