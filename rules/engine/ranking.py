"""The order of the final answer: what matters most to the person first.

Each scheme says in the catalogue where it goes (`importance`, and `moment` for one that makes
sense only at a moment): the chat, the SMS and the sheet all read the order from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Money rights, then a person near you; a scheme with no importance (a sheet made before
# the field existed) is never buried among the services.
_FIRST = {"droit": 0, "accompagnement": 1, None: 2}


@dataclass
class Answer:
    """The eligible schemes of a result (the engine's dicts), in the order they are said."""

    first: list[dict[str, Any]] = field(default_factory=list)  # each on its own line
    at_a_moment: list[dict[str, Any]] = field(default_factory=list)  # said with their moment
    grouped: list[dict[str, Any]] = field(default_factory=list)  # one line for all of them

    def __len__(self) -> int:
        return len(self.first) + len(self.at_a_moment) + len(self.grouped)

    def ordered(self) -> list[dict[str, Any]]:
        return [*self.first, *self.at_a_moment, *self.grouped]


def ranked_answer(dispositifs: list[dict[str, Any]]) -> Answer:
    """The eligible schemes, grouped; catalogue order (`ordre`) within each group."""
    eligible = [d for d in dispositifs if d["statut"] == "eligible"]
    first = [d for d in eligible if d.get("importance") in _FIRST and not d.get("moment")]
    return Answer(
        first=sorted(first, key=lambda d: _FIRST[d.get("importance")]),  # stable: keeps `ordre`
        at_a_moment=[d for d in eligible if d.get("moment")],
        grouped=[d for d in eligible if d.get("importance") not in _FIRST and not d.get("moment")],
    )
