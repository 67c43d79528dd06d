from collections.abc import Iterator

import pytest
from engine_helpers import TODAY
from storage_helpers import fresh_postgres_database


@pytest.fixture
def today():
    return TODAY


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url
