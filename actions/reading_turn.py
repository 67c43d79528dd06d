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
from rules.language.rent import rent_includes_charges
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


_HOUSING_WORDS = {"locataire": "locataire d'un logement privé",
                  "locataire_social": "locataire d'un logement social",
                  "proprietaire": "propriétaire", "heberge": "hébergé(e) gratuitement",
                  "sans_domicile": "sans logement"}
_RATE_WORDS = {0: "pas de taux d'incapacité reconnu", 50: "taux d'incapacité de 50 à 79 %",
               80: "taux d'incapacité d'au moins 80 %"}


def _years(age: int) -> str:
    return "moins d'un an" if age == 0 else "1 an" if age == 1 else f"{age} ans"


def _children_ages(ages: Any) -> str:
    """« un enfant de 4 ans », « enfants de 2 et 6 ans », « enfants de moins d'un an et 3 ans »."""
    ages = [int(a) for a in ages]
    if len(ages) == 1:
        return f"un enfant de {_years(ages[0])}"
    if all(a >= 2 for a in ages):
        return f"enfants de {', '.join(map(str, ages[:-1]))} et {ages[-1]} ans"
    said = [_years(a) for a in ages]
    return f"enfants de {', '.join(said[:-1])} et {said[-1]}"


def _per_month(value: Any) -> str:
    return f"{french.euros(float(value))} par mois"


# The facts of the personal amounts, in a few words (« loyer de 520 € par mois »).
_MONEY_FACT_WORDS: dict[str, Any] = {
    "logement": lambda v: _HOUSING_WORDS.get(str(v), str(v)),
    "loyer_mensuel": lambda v: "pas de loyer" if not v else f"loyer de {_per_month(v)}",
    "revenus_activite_mensuels": lambda v: ("pas de revenus du travail" if not v
                                            else f"revenus du travail de {_per_month(v)}"),
    "conjoint_age": lambda v: f"conjoint(e) de {v} ans",
    "conjoint_activite": lambda v: ("conjoint(e) : autre situation" if v == "autre"
                                    else f"conjoint(e) {_ACTIVITY_WORDS.get(str(v), str(v))}"),
    "conjoint_revenus_mensuels": lambda v: ("conjoint(e) sans revenus" if not v
                                            else f"revenus du conjoint(e) de {_per_month(v)}"),
    "enfants_ages": _children_ages,
    "taux_incapacite": lambda v: _RATE_WORDS.get(int(v), f"taux d'incapacité de {v} %"),
}
CHARGES_NOTE = (" (charges comprises : je le garde tel quel, le montant calculé sera peut-être "
                "un peu trop haut ; si vous connaissez le loyer sans les charges, écrivez-le)")


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
    if name in _MONEY_FACT_WORDS:
        return str(_MONEY_FACT_WORDS[name](value))
    if fact.kind == "bool":
        return f"{fact.label} : {'oui' if value else 'non'}"
    if name == "age":
        return f"{value} ans"
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{fact.label} : {french.number(value)}{unit}"


def noted_line(facts: dict[str, Any], asked: str | None, text: str = "") -> str | None:
    """« J'ai noté : 64 ans, à la retraite, Cambrai. », when the message said more than a
    yes/no or a choice to the question asked. A rent given `text` « charges comprises » (the
    question asks it without) is said to be so."""
    shown = {k: v for k, v in facts.items() if k in FACTS and k != "code_insee"}
    if not shown or (set(shown) == {asked} and asked is not None and FACTS[asked].choices):
        return None
    said = [say_value(k, v) + (CHARGES_NOTE if k == "loyer_mensuel" and v
                               and rent_includes_charges(text) else "")
            for k, v in shown.items()]
    return "J'ai noté : " + ", ".join(said) + "."


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
