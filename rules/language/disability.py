"""The incapacity rate the MDPH recognised: « non », « 80 % », « entre 50 et 79 », « oui 80 ».

Values are those of the `taux_incapacite` fact: 0 (none, or under 50 %: no right that the
amounts compute opens below 50 %), 50 (from 50 to 79 %) and 80 (80 % or more).
"""

from __future__ import annotations

from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import phrase
from rules.language.yes_no import parse_yes_no

_NONE_RE = phrase(
    r"(?:pas|aucun|aucune|sans|jamais eu|plus) (?:de |d )?(?:taux|reconnaissance|mdph|handicap)"
    r"|pas reconnue?|non reconnue?|aucun|aucune|rien|0|zero|nan|non|nn|pas concerne|pas concernee"
)
_BELOW = frozenset({"moins", "dessous", "inferieur", "inf", "<", "sous"})
_PENDING_RE = phrase(r"en cours|en attente|dossier|demande|pas encore de reponse")


def rate_band(rate: float) -> int:
    """The band of a rate: 80 from 80 %, 50 from 50 %, else 0."""
    return 80 if rate >= 80 else 50 if rate >= 50 else 0


def parse_incapacity_rate(text: str) -> int | None:
    """0, 50 or 80 from an answer to « La MDPH vous a-t-elle reconnu un taux d'incapacité ? ».

    « 80 % », « oui 80 », « 85 » → 80; « 50 », « entre 50 et 79 », « 60 % » → 50; « non »,
    « pas de taux », « 30 % » → 0. A bare « oui » (which rate?) and a pending request (« demande
    en cours ») give None.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    rates = [n for n in tx.numbers() if 0 <= n.value <= 100
             and (n.digits or tx.word(n.end) in {"%", "pourcent", "pour"})]
    if rates:
        first = rates[0]
        if first.value == 0 or any(n.value >= 5 for n in rates):
            below = {tx.word(first.start - 1), tx.word(first.start - 2)} & _BELOW
            return rate_band(first.value - 0.5 if below else first.value)
        return None  # « 1 », « 2 »: the number of a choice, read elsewhere
    if tx.spans(_PENDING_RE):
        return None
    if tx.spans(_NONE_RE) or parse_yes_no(text) is False:
        return 0
    return None
