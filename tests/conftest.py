import pytest
from engine_helpers import TODAY


@pytest.fixture
def today():
    return TODAY
