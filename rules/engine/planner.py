"""The question planner: which missing fact to ask next."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
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
    undetermined: list[tuple[str, list[str]]], territories: list[str] | None = None,
    known: Mapping[str, Any] | None = None,
    compared_to: Mapping[str, frozenset[str]] | None = None,
    deferred: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Order the missing facts: the one that decides the most undetermined schemes comes first.

    `undetermined` holds (scheme id, missing facts) for each undetermined scheme in force. A fact
    that no undetermined scheme is waiting for can change nothing, so it is never asked. A fact
    whose premise (`Fact.premise`) is false is never asked either; while its premise is unknown,
    the premise is asked for it and it comes last, after every question that can be asked now
    (it stays in the list: the number of questions left is never more than announced). An input
    of a computed threshold (`compared_to`: input → the facts compared to the threshold) does
    not count for a scheme that still misses the compared fact: once the resources are known,
    the household often no longer matters. Ties are broken by the natural order of questions
    (`rules.engine.facts.QUESTION_ORDER`). The `deferred` facts, wanted only by personal
    amounts, come last and are marked `pour_montant` (the chat asks them after a first answer).
    """
    known, compared_to = known or {}, compared_to or {}
    counts: Counter[str] = Counter()
    deciders: dict[str, list[str]] = {}
    waiting: set[str] = set()
    for scheme_id, missing in undetermined:
        # the premise of a deferred fact (the number of children, before their ages) is
        # listed, but weighs nothing for this scheme: it is not asked earlier for it
        for_deferred = {FACTS[f].premise.fact for f in missing  # type: ignore[union-attr]
                        if f in deferred and f in _ORDER and FACTS[f].premise} - set(missing)
        for name in _askable(missing, known, waiting):
            # an input of a threshold whose compared fact is still missing does not count
            # for this scheme (yet): it is listed, after the others
            weightless = name in for_deferred or compared_to.get(name, frozenset()) & set(missing)
            counts[name] += 0 if weightless else 1
            deciders.setdefault(name, []).append(scheme_id)
    # the premise of a question asked now is asked now too (« combien d'enfants ? » before
    # « combien ont moins de 3 ans ? »), even if only the amounts needed it otherwise
    deferred = deferred - {FACTS[name].premise.fact for name in counts  # type: ignore[union-attr]
                           if name in waiting and name not in deferred}
    ranked = sorted(counts, key=lambda name: (name in deferred, name in waiting,
                                              -counts[name], _ORDER[name]))
    questions = []
    for name in ranked:
        q = question(name, territories)
        q["dispositifs"] = deciders[name]
        q["pour_montant"] = name in deferred
        premise = FACTS[name].premise
        if name in waiting and premise is not None:
            q["apres"] = premise.fact  # asked only once this fact is known, and holds
        questions.append(q)
    return questions


def _askable(missing: list[str], known: Mapping[str, Any], waiting: set[str]) -> set[str]:
    """The facts of one scheme worth asking: its missing facts whose premise is not false, and
    the premises still unknown (added to `waiting`: the facts that wait for them)."""
    found = set()
    for name in missing:
        if name not in _ORDER:
            continue
        premise = FACTS[name].premise
        holds = premise.holds(known) if premise else True
        if holds is False:
            continue
        found.add(name)
        if holds is None and premise is not None:
            waiting.add(name)
            found.add(premise.fact)
    return found
