"""Weighing what a message says against what is known and the question asked.

A message is read into candidate facts; this module decides which are recorded: the answer to
the pending question always, a new value for a known fact only when the message says it corrects
it (« en fait », « pardon », « non » that is not a yes/no answer), side readings of an answer to
another question never over a known value, and the others are asked about, not recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rules.engine.facts import FACTS
from rules.language.corrections import replaced_number, says_correction
from rules.language.text import Text
from rules.normalize import normalize
from rules.places.communes import get_commune
from rules.writing import french

_OWN_AGE_RE = re.compile(
    r"(?<![a-z])(?:j ?'? ?ai|jai|age de|agee de|ages de|moi) \d{1,3} ?(?:ans|an)"
)
_ACTIVITY_WORDS = {"sans_emploi": "sans emploi", "emploi": "en emploi", "etudes": "en études",
                   "formation": "en formation", "apprentissage": "en apprentissage",
                   "retraite": "à la retraite", "autre": "autre situation"}
# What a re-asked question shows as an example answer, by fact.
EXAMPLES = {"age": "« 35 ans »", "enfants_a_charge": "« 2 » ou « aucun »",
            "enfants_moins_3_ans": "« 1 » ou « aucun »",
            "sans_emploi_depuis_mois": "« 8 mois » ou « depuis mars 2024 »",
            "residence_depuis_mois": "« 3 ans » ou « depuis 2020 »",
            "ressources_mensuelles_foyer": "« 900 € » ou « rien »",
            "commune": "« Roubaix » ou « 59100 »"}


@dataclass
class Weighed:
    kept: dict[str, Any] = field(default_factory=dict)
    doubtful: dict[str, Any] = field(default_factory=dict)  # asked about, not recorded


def without_stray_age(facts: dict[str, Any], asked: str | None, text: str) -> dict[str, Any]:
    """An answer to another question (« 15 ans » for the time at the address) gives no age,
    unless the age has its own signal (« j'ai 24 ans »)."""
    if asked in (None, "age") or "age" not in facts or _OWN_AGE_RE.search(normalize(text)):
        return facts
    return {k: v for k, v in facts.items() if k != "age"}


def replacement(known: dict[str, Any], facts: dict[str, Any], text: str
                ) -> dict[str, Any]:
    """« c'est 1200 pas 800 »: the known (or just read) number fact that was 800 becomes 1200."""
    found = replaced_number(text)
    if found is None:
        return {}
    for source in (facts, known):
        for name, value in source.items():
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and float(value) == found.old:
                new = found.new if FACTS[name].kind == "number" else int(found.new)
                return {name: new}
    return {}


def under_3_from_bare_ages(text: str, value: Any, children: Any) -> Any:
    """« non 4 et 6 » to « combien ont moins de 3 ans ? » with 2 children: their ages in
    years, not 4 under-3s — one number per child, the first above the count."""
    if not isinstance(children, int) or not isinstance(value, int) or value <= children:
        return value
    nums = Text(text).numbers()
    if len(nums) != children:
        return value
    return sum(1 for n in nums if n.value < 3)


def weigh(known: dict[str, Any], facts: dict[str, Any], asked: str | None,
          answered: bool, text: str) -> Weighed:
    """Which facts of the message to record. `answered`: the message answers `asked`."""
    yes_no_asked = asked is not None and FACTS[asked].kind == "bool" and answered
    correction = says_correction(text, yes_no_asked)
    weighed = Weighed()
    for name, value in facts.items():
        old = known.get(name)
        if old is None or old == value or name == asked or correction:
            weighed.kept[name] = value
        elif not answered:
            weighed.doubtful[name] = value
        # else: a side reading of an answer to another question never replaces a known value
    return weighed


def say_value(name: str, value: Any) -> str:
    """« 64 ans », « retraitée », « Cambrai », « RSA : oui »: a fact in a few words."""
    fact = FACTS[name]
    if name == "commune":
        commune = get_commune(str(value).removeprefix("insee:"))
        return commune.nom if commune else str(value)
    if name == "activite":
        return _ACTIVITY_WORDS.get(str(value), str(value))
    if fact.kind == "bool":
        return f"{fact.label} : {'oui' if value else 'non'}"
    if name == "age":
        return f"{value} ans"
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{fact.label} : {french.number(value)}{unit}"


def noted_line(facts: dict[str, Any], asked: str | None) -> str | None:
    """« J'ai noté : 64 ans, à la retraite, Cambrai. », when the message said more than a
    yes/no or a choice to the question asked."""
    shown = {k: v for k, v in facts.items() if k in FACTS and k != "code_insee"}
    if not shown or (set(shown) == {asked} and FACTS[asked].kind in ("bool", "enum")):
        return None
    return "J'ai noté : " + ", ".join(say_value(k, v) for k, v in shown.items()) + "."


def doubt_question(known: dict[str, Any], doubtful: dict[str, Any]) -> str:
    """« Vous m'aviez dit : 52 ans. C'est bien 20 ans ? » (asked, never recorded silently)."""
    shown = ", ".join(say_value(name, value) for name, value in doubtful.items())
    before = ", ".join(say_value(name, known[name]) for name in doubtful)
    return f"Vous m'aviez dit : {before}. C'est bien {shown} ?"


def example_for(asked: str | None) -> str:
    if asked in EXAMPLES:
        return f" Par exemple : {EXAMPLES[asked]}."
    if asked and FACTS[asked].choices:
        return " Touchez une des réponses proposées, ou écrivez « je ne sais pas »."
    return ""
