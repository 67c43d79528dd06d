"""« en fait », « pardon », « je me suis trompé(e) »: a message that corrects what was said;
« c'est 1200 pas 800 », « j'ai dit 2 enfants mais c'est 3 »: the number that replaces another."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.normalize import normalize

_MARKER_RE = re.compile(
    r"(?<![a-z])(?:en fait|enfait|pardon|dsl|desole|desolee|je me suis trompee?|je me trompe"
    r"|trompee?|erreur|je rectifie|rectification|correction|finalement|plutot|oups|oops"
    r"|j ?'? ?ai (?:dit|mis|ecrit|tape)|je voulais dire|c ?'? ?est pas (?:ca|ça)"
    # a change since: « au fait j'ai retrouvé du travail », « maintenant je suis en couple »
    r"|au fait|^enfin|j ?'? ?ai retrouve|je viens de|desormais|maintenant|a present|ca y est"
    r"|depuis (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|peu|cette semaine))"
    r"(?![a-z])"
)
_NO_RE = re.compile(r"^\s*(?:non|nan|nn|non non)(?![a-z])")
_NUMBER = r"(\d+(?:[ .]\d{3})*(?:[.,]\d+)?)"
# (pattern, group of the new value, group of the old one)
_REPLACEMENTS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(rf"(?:dit|mis|ecrit|tape) {_NUMBER}(?![\d]).*?(?:mais|en fait|non)"
                rf"(?: c ?'? ?est| plutot| en fait)? {_NUMBER}"), 2, 1),
    (re.compile(rf"pas {_NUMBER}(?![\d])[^\d]*?mais(?: c ?'? ?est| plutot)? {_NUMBER}"), 2, 1),
    (re.compile(rf"{_NUMBER}(?![\d]) ?(?:€|[a-z]+)? (?:et )?(?:pas|non) "
                rf"(?:de |d )?{_NUMBER}"), 1, 2),
)


@dataclass(frozen=True, slots=True)
class Replacement:
    new: float
    old: float


def _value(digits: str) -> float:
    return float(re.sub(r"[ .](?=\d{3})", "", digits).replace(",", "."))


def says_correction(text: str, no_answers_the_question: bool) -> bool:
    """Whether the message says it corrects something; a leading « non » counts unless it is
    the answer to a yes/no question (« non j'ai fait 1 an d'intérim »)."""
    norm = normalize(text)
    if _MARKER_RE.search(norm):
        return True
    return not no_answers_the_question and _NO_RE.search(norm) is not None


def replaced_number(text: str) -> Replacement | None:
    """« c'est 1200 pas 800 » → Replacement(new=1200, old=800); None without such a pair."""
    norm = normalize(text).replace("'", " ")
    norm = re.sub(r"\s+", " ", norm)
    for pattern, new, old in _REPLACEMENTS:
        found = pattern.search(norm)
        if found:
            return Replacement(_value(found.group(new)), _value(found.group(old)))
    return None
