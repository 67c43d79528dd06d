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


@pytest.fixture
def today():
    return TODAY


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url
