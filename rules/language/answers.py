"""Reading a free answer to one question (« 23 », « vingt-trois ans », « nan », « 2 »…).

Shared by every channel that asks the planner's questions one at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rules.engine.facts import FACTS
from rules.language.activity import parse_activite
from rules.language.age import parse_age
from rules.language.children import parse_children
from rules.language.dont_know import is_dont_know
from rules.language.durations import parse_duration_months
from rules.language.money import parse_money
from rules.language.numbers import parse_number
from rules.language.yes_no import parse_yes_no
from rules.normalize import normalize


@dataclass(frozen=True, slots=True)
class Answer:
    """What was understood: `value` for the fact, `dont_know`, or `understood` False."""

    value: Any = None
    dont_know: bool = False
    understood: bool = True
    extra: dict[str, Any] | None = None  # other facts given in the same answer


NOT_UNDERSTOOD = Answer(understood=False)


def _choice_by_number(fact_name: str, text: str) -> Any:
    choices = FACTS[fact_name].choices
    stripped = text.strip().rstrip(".)")
    if stripped.isdigit() and 1 <= int(stripped) <= len(choices):
        return choices[int(stripped) - 1].valeur
    normalized = normalize(text)
    for choice in choices:
        if normalize(choice.libelle) == normalized:
            return choice.valeur
    return None


def read_answer(fact_name: str, text: str, today: dt.date) -> Answer:
    """Parse `text` as the answer to the question about `fact_name`."""
    if is_dont_know(text):
        return Answer(dont_know=True)
    fact = FACTS[fact_name]
    if fact.kind == "bool":
        value = parse_yes_no(text)
        if value is None:
            value = _choice_by_number(fact_name, text)
        return Answer(value) if value is not None else NOT_UNDERSTOOD
    if fact.kind == "enum":
        value = _choice_by_number(fact_name, text)
        if value is None and fact_name == "activite":
            value = parse_activite(text)
        return Answer(value) if value is not None else NOT_UNDERSTOOD
    if fact_name == "age":
        value = parse_age(text)
    elif fact_name in ("sans_emploi_depuis_mois", "residence_depuis_mois"):
        value = parse_duration_months(text, today)
        if value is None:
            value = parse_number(text)
    elif fact_name == "enfants_a_charge":
        children, under_3 = parse_children(text, today)
        if children is None:
            return NOT_UNDERSTOOD
        extra = {"enfants_moins_3_ans": under_3} if under_3 is not None else None
        return Answer(children, extra=extra)
    elif fact_name == "enfants_moins_3_ans":
        value = parse_number(text)
        if value is None and parse_yes_no(text) is False:
            value = 0
    elif fact.kind == "number":
        value = parse_money(text)
    elif fact.kind == "commune":
        text = text.strip()
        return Answer(text) if text else NOT_UNDERSTOOD
    else:
        value = parse_number(text)
    return Answer(value) if value is not None else NOT_UNDERSTOOD
