"""Rasa's check of each action-server answer, without checking its own schema again every turn.

Rasa 3.6 validates every answer of the action server with `jsonschema.validate()`, which first
checks Rasa's constant response schema against JSON Schema's meta-schema: 1.7 ms of the 1.9 ms
the check costs per turn (jsonschema 3.2; `benchmarks/bench_bot_layers.py`). Here the schema
is checked once and each answer is tested against it; an invalid answer goes to Rasa's own
check, so it fails exactly as before (same error, same message). Installed by
bot/tracker_store.py, the project's module that Rasa loads at start-up.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_rasa_check = RemoteAction._validate_action_result


@cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _validator().is_valid(result):
        return True
    return _rasa_check(self, result)  # raises Rasa's ValidationError


def install() -> None:
    """Use the schema checked once for every answer (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
