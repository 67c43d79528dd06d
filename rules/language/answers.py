"""Reading a free answer to one question (« 23 », « vingt-trois ans », « nan », « 2 »…).

Shared by every channel that asks the planner's questions one at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rules.engine.facts import FACTS
from rules.language.activity import parse_activite, parse_partner_activity
from rules.language.age import parse_age
from rules.language.children import ages_in_months, children_ages, parse_children
from rules.language.disability import parse_incapacity_rate
from rules.language.dont_know import is_dont_know
from rules.language.durations import parse_duration_months
from rules.language.housing import parse_logement
from rules.language.money import parse_amount, parse_money, parse_work_income
from rules.language.numbers import parse_number
from rules.language.proxy import as_first_person
from rules.language.rent import parse_rent
from rules.language.text import Text
from rules.language.tokens import PUNCT, phrase
from rules.language.units import AGE_UNITS, DURATION_UNITS
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


def _choice_by_label(fact_name: str, text: str) -> Any:
    normalized = normalize(text)
    for choice in FACTS[fact_name].choices:
        if normalize(choice.libelle) == normalized:
            return choice.valeur
    return None


def _choice_by_number(fact_name: str, text: str) -> Any:
    """« 2 », « 2. », « 2) » or the label of a choice (a button's payload)."""
    choices = FACTS[fact_name].choices
    stripped = text.strip().rstrip(".)")
    if stripped.isdecimal() and 1 <= int(stripped) <= len(choices):
        return choices[int(stripped) - 1].valeur
    return _choice_by_label(fact_name, text)


def is_choice_label(fact_name: str, text: str) -> bool:
    """Whether `text` is the label of one of the fact's choices: a button of the question
    (its payload is its label), which says nothing else (« Je travaille », to the question
    about the partner, is not the person's own activity)."""
    return fact_name in FACTS and any(
        normalize(c.libelle) == normalize(text) for c in FACTS[fact_name].choices)


def _answer(value: Any) -> Answer:
    return Answer(value) if value is not None else NOT_UNDERSTOOD


def _read_bool(fact_name: str, text: str, today: dt.date) -> Answer:
    """« ouais », « nan », or the number of a choice."""
    value = parse_yes_no(text)
    return _answer(value if value is not None else _choice_by_number(fact_name, text))


# Beyond the number or the label of a choice, what an answer to these says in words.
_ENUM_PARSERS: dict[str, Callable[[str], Any]] = {
    "activite": parse_activite,  # « je bosse », « au chomdu »
    "conjoint_activite": parse_partner_activity,  # « il bosse », « elle est au chômage »
    "logement": parse_logement,  # « je loue », « hlm », « chez ma mère », « sdf »
}


def _read_enum(fact_name: str, text: str, today: dt.date) -> Answer:
    """The number or the label of a choice, or what the fact's parser reads in the words."""
    value = _choice_by_number(fact_name, text)
    if value is None and fact_name in _ENUM_PARSERS:
        value = _ENUM_PARSERS[fact_name](text)
    return _answer(value)


def _read_rate(fact_name: str, text: str, today: dt.date) -> Answer:
    """A button of the incapacity rate (its label, or its number « 2 »), or « 80 % », « non »."""
    value = _choice_by_number(fact_name, text)
    return _answer(value if value is not None else parse_incapacity_rate(text))


def _read_age(fact_name: str, text: str, today: dt.date) -> Answer:
    return _answer(parse_age(text))


def _read_partner_age(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 30 », « il a 30 ans », « elle a trente ans », « mon mari a 30 ans »."""
    value = parse_age(as_first_person(text))
    if value is None:  # « mon mari 30 ans », « ma femme a 28 »: one number, an age or nothing
        tx = Text(text)
        nums = tx.numbers()
        after = tx.word(nums[0].end) if len(nums) == 1 else None
        if after is not None and (after in AGE_UNITS or after in PUNCT or after == ""):
            value = int(nums[0].value)
    return _answer(value)


_MOVING_SOON_RE = phrase(
    r"(?:je|on|nous) (?:demenage|demenageons|vais demenager|va demenager|pars|partons)"
)


def _whole_number(text: str) -> int | None:
    """« huit »: a message that is one number in words and nothing else (not « un bail »)."""
    tx = Text(text)
    nums = tx.numbers()
    words = [w for w in tx.words if w not in PUNCT]
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end >= len(words):
        return int(nums[0].value)
    return None


def _read_duration(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 8 mois », « depuis janvier », or a bare number of months; « je déménage en janvier »
    is a move to come, not a time at the address."""
    if fact_name == "residence_depuis_mois" and Text(text).spans(_MOVING_SOON_RE):
        return NOT_UNDERSTOOD
    value = parse_duration_months(text, today)
    return _answer(value if value is not None else _whole_number(text))


def _plain_count(text: str) -> int | None:
    """« 0 mdrr », « non ils sont grands et partis »: one number and nothing about ages, or a
    plain « non »: the count the question asks for."""
    tx = Text(text)
    nums = tx.numbers()
    if len(nums) == 1 and nums[0].digits and tx.word(nums[0].end) not in DURATION_UNITS:
        return int(nums[0].value)
    if not nums and tx.words and tx.words[0] in {"non", "nan", "nn", "aucun", "aucune", "zero"}:
        return 0
    return None


def _read_children(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 2 dont un bébé »: the under-3s said on the way are kept as an extra fact."""
    children, under_3 = parse_children(text, today)
    if children is None:
        children, under_3 = _plain_count(text), None
    if children is None:
        return NOT_UNDERSTOOD
    extra = {"enfants_moins_3_ans": under_3} if under_3 is not None else None
    return Answer(children, extra=extra)


def _read_under_3(fact_name: str, text: str, today: dt.date) -> Answer:
    """A number, or « non » for none; ages (« non il a 5 ans », « 18 mois et 6 ans ») are
    counted, never read as a number of children."""
    ages = ages_in_months(text)
    if ages:
        return Answer(sum(1 for months in ages if months < 36))
    value = parse_number(text)
    if value is None and parse_yes_no(text) is False:
        value = 0
    return _answer(value)


def _read_money(fact_name: str, text: str, today: dt.date) -> Answer:
    return _answer(parse_money(text))


def _read_amount(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 1200 », « 1 200 € », « rien »; a range (« entre 1000 et 1200 ») gives its middle."""
    return _answer(parse_amount(text))


def _read_rent(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 520 », « 450 hors charges », « 600 cc dont 80 de charges » (see rules.language.rent)."""
    rent = parse_rent(text)
    return _answer(rent.value if rent is not None else None)


def _read_work_income(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 1200 net », « je travaille pas » → 0; an amount of benefits is no pay."""
    return _answer(parse_work_income(text))


def _read_ages(fact_name: str, text: str, today: dt.date) -> Answer:
    """« 2 et 6 ans », « le petit a 18 mois la grande 6 ans » → [2, 6], [1, 6]."""
    return _answer(children_ages(text))


def _read_commune(fact_name: str, text: str, today: dt.date) -> Answer:
    """Kept as typed: the commune is resolved later."""
    text = text.strip()
    return Answer(text) if text else NOT_UNDERSTOOD


def _read_number(fact_name: str, text: str, today: dt.date) -> Answer:
    return _answer(parse_number(text))


AnswerReader = Callable[[str, str, dt.date], Answer]
# A reader for the kinds that are choices, then one for some facts, then one by kind.
_BY_CHOICE_KIND: dict[str, AnswerReader] = {"bool": _read_bool, "enum": _read_enum}
_BY_FACT: dict[str, AnswerReader] = {
    "age": _read_age,
    "sans_emploi_depuis_mois": _read_duration,
    "residence_depuis_mois": _read_duration,
    "enfants_a_charge": _read_children,
    "enfants_moins_3_ans": _read_under_3,
    "conjoint_age": _read_partner_age,
    "loyer_mensuel": _read_rent,
    "revenus_activite_mensuels": _read_work_income,
    "conjoint_revenus_mensuels": _read_amount,
    "taux_incapacite": _read_rate,
}
_BY_KIND: dict[str, AnswerReader] = {"number": _read_money, "commune": _read_commune,
                                     "ages": _read_ages}


def read_answer(fact_name: str, text: str, today: dt.date) -> Answer:
    """Parse `text` as the answer to the question about `fact_name`."""
    if is_dont_know(text):
        return Answer(dont_know=True)
    kind = FACTS[fact_name].kind
    read = (
        _BY_CHOICE_KIND.get(kind)
        or _BY_FACT.get(fact_name)
        or _BY_KIND.get(kind, _read_number)
    )
    return read(fact_name, text, today)
