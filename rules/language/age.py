"""The person's own age: « g 23 ans », « vingt-trois ans », « née le 12/03/2001 »."""

from __future__ import annotations

from datetime import date

from rules.language.children import CHILD_NOUNS
from rules.language.clauses import POSSESSIVES
from rules.language.dates import FULL_DATE_RE, months_between, parse_date_at
from rules.language.dont_know import is_dont_know
from rules.language.durations import DURATION_FILLERS
from rules.language.numbers import Num
from rules.language.text import Text
from rules.language.tokens import PUNCT, phrase
from rules.language.units import AGE_UNITS, DURATION_UNITS, MONEY_MARKS

_AGE_LEAD = frozenset({"ai", "age", "agee", "ages", "agees", "moi", "jai"})
_PERSON_NOUNS = frozenset(
    {"femme", "homme", "mec", "meuf", "gars", "jeune", "personne", "dame", "monsieur",
     "madame", "maman", "papa", "mere", "pere", "garcon", "fille", "etudiant", "etudiante",
     "demandeuremploi", "chomeur", "age", "agee", "ages", "agees", "retraite", "retraitee"}
)  # fmt: skip
_CHILD_OR_PERSON = frozenset({"garcon", "fille"})
_GREETINGS = frozenset(
    {"bonjour", "bonsoir", "salut", "slt", "bjr", "hello", "coucou", "cc", "moi", "oui", "alors"}
)  # fmt: skip


def _age_unit_at(tx: Text, j: int) -> bool:
    return tx.word(j) in AGE_UNITS or (tx.word(j) == "a" and tx.attached(j))


def _introduced_as_age(tx: Text, num: Num) -> bool | None:
    """Do the words before num introduce an age (« j'ai 23 », « âge : 23 », « une femme de
    40 ans »)? None when they rule it out (« depuis 2 ans », « 4 et 7 ans », « dont 1 »)."""
    prev, prev2 = tx.word(num.start - 1), tx.word(num.start - 2)
    in_list = prev == "et" and (num.start - 1) in tx.by_end  # « 4 et 7 ans »
    if in_list or prev in DURATION_FILLERS or prev in {"depuis", "fait", "pendant", "a", "dont"}:
        of_a_person = (
            prev in {"de", "d"}
            and prev2 in _PERSON_NOUNS
            and tx.word(num.start - 3) not in POSSESSIVES  # « ma fille de 19 ans »
            # « une fille de 2 ans » is a daughter; « je suis une fille de 19 ans », the person
            and (prev2 not in _CHILD_OR_PERSON or tx.word(num.start - 4) in {"suis", "jsuis"})
        )
        return True if of_a_person else None
    return prev in _AGE_LEAD or (prev == ":" and prev2 in {"age", "ages"})


def _with_age_unit(tx: Text, num: Num, introduced: bool, strict: bool) -> bool:
    """« 23 ans »: an age when introduced, at the start of the message, or anywhere when not
    strict; never « 3 ans d'expérience », « 2 ans de chômage »."""
    if tx.word(num.end + 1) in {"de", "d"}:
        return False
    prev = tx.word(num.start - 1)
    at_start = prev == "" or prev in PUNCT or prev in _GREETINGS
    loose = not strict and prev not in {"de", "d"}
    return introduced or (at_start and num.value >= 14) or loose


def _is_own_age(tx: Text, num: Num, strict: bool) -> bool:
    if not num.value.is_integer():
        return False
    introduced = _introduced_as_age(tx, num)
    if introduced is None:
        return False
    if _age_unit_at(tx, num.end):
        return _with_age_unit(tx, num, introduced, strict)
    after = tx.word(num.end)
    return introduced and 14 <= num.value <= 120 and (after == "" or after in PUNCT | {"et"})


def own_ages(tx: Text, strict: bool) -> list[Num]:
    """Numbers that are the person's own age. strict=False also accepts « 23 ans » anywhere."""
    return [num for num in tx.numbers() if _is_own_age(tx, num, strict)]


BIRTH_RE = phrase(r"ne|nee|naissance|naissance :|ne le|nee le|ne en|nee en")


def birth_date(tx: Text, today: date) -> date | None:
    """A birth date: « née le 12/03/2001 », « né en mars 2002 », or a bare full date."""
    candidates = [j for _, j in tx.spans(BIRTH_RE)]
    if not candidates and tx.words and tx.words[0][:1].isdigit():
        period = parse_date_at(tx, 0, today)
        if period is not None and period.first == period.last:
            return period.first
        return None
    for j in candidates:
        while tx.word(j) in {"le", "en", ":", "l", "au", "mois", "de", "d"}:
            j += 1
        period = parse_date_at(tx, j, today)
        if period is not None:
            return period.first
    return None


def parse_age(text: str, today: date | None = None) -> int | None:
    """Age in years: « 23 », « 23 ans », « g 23 ans », « j'ai vingt-trois ans », « jai 23a ».

    Out-of-range numbers are returned as they are (validation is elsewhere); None without a
    number. « depuis 2 ans », « 2 enfants », « 18 mois » are not ages. A birth date
    (« née le 12/03/2001 », « 12/03/2001 », « né en 2001 ») gives the age at ``today`` (for a
    year or a month alone, counted from its first day), or None when ``today`` is not given.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    ages = own_ages(tx, strict=False)
    if ages:
        return int(ages[0].value)
    if tx.spans(BIRTH_RE) or FULL_DATE_RE.search(tx.norm):
        if today is None:
            return None
        born = birth_date(tx, today)
        if born is not None:
            return months_between(born, today) // 12 if born <= today else None
    for num in tx.numbers():
        after = tx.word(num.end)
        if after in DURATION_UNITS or after in CHILD_NOUNS or after in MONEY_MARKS:
            continue
        if tx.word(num.start - 1) in {"depuis", "fait"}:
            continue
        if not num.digits and num.value < 14:
            continue  # « je veux un conseiller »: an article, not an age
        return int(num.value)
    return None
