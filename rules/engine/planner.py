"""The question planner: which missing fact to ask next."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rules.engine.facts import FACTS, QUESTION_ORDER
from rules.engine.territory import fill_question

_ORDER = {name: i for i, name in enumerate(QUESTION_ORDER)}


def question_text(fact_name: str, territories: list[str] | None = None) -> str:
    """The French question for a fact; one about quartiers names the commune's, if known."""
    fact = FACTS[fact_name]
    if fact.question is None:
        return fact.label
    return fill_question(fact.question, territories)


def question(fact_name: str, territories: list[str] | None = None) -> dict[str, Any]:
    """The French question for a fact, with its quick-reply choices."""
    fact = FACTS[fact_name]
    assert fact.question is not None, fact_name
    text = question_text(fact_name, territories)
    return {
        "fait": fact.name,
        "texte": text,
        "type": fact.kind,
        "choix": [{"valeur": c.valeur, "libelle": c.libelle} for c in fact.choices],
    }


def plan_questions(
    undetermined: list[tuple[str, list[str]]], territories: list[str] | None = None
) -> list[dict[str, Any]]:
    """Order the missing facts: the one that decides the most undetermined schemes comes first.

    `undetermined` holds (scheme id, missing facts) for each undetermined scheme in force. A fact
    that no undetermined scheme is waiting for can change nothing, so it is never asked. Ties
    are broken by the natural order of questions (`rules.engine.facts.QUESTION_ORDER`).
    """
    counts: Counter[str] = Counter()
    deciders: dict[str, list[str]] = {}
    for scheme_id, missing in undetermined:
        for name in missing:
            if name in _ORDER:
                counts[name] += 1
                deciders.setdefault(name, []).append(scheme_id)
    ranked = sorted(counts, key=lambda name: (-counts[name], _ORDER[name]))
    questions = []
    for name in ranked:
        q = question(name, territories)
        q["dispositifs"] = deciders[name]
        questions.append(q)
    return questions
