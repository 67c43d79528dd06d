"""The monthly rent, without charges: « 520 », « 450 € hors charges », « 600 cc dont 80 de
charges », « entre 400 et 500 ».

The question asks the rent without charges. How « charges comprises » is handled:
- « 600 charges comprises dont 80 de charges », « 600 cc, 80 de charges » → 520: both numbers
  are there, the rent without charges is their difference.
- « charges comprises 600 » alone → 600, with `charges_included` set: the number is kept (it is
  the person's answer, and close to the rent), but the dialogue says that it was taken with the
  charges and that the amount may come out a little high — never presented as the rent without
  charges.
- « 520 + 80 de charges », « loyer 520 charges 80 », « 520 hors charges » → 520.
An amount said to be the housing benefit (« 300 d'APL », « la CAF paie 200 ») is never the rent.
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.language.clauses import third_person
from rules.language.dont_know import is_dont_know
from rules.language.money import NOT_MONEY, Candidate, money_candidates, money_range
from rules.language.text import Text
from rules.language.tokens import phrase

_CHARGES = frozenset({"charges", "charge"})
_INCLUDED = frozenset({"comprises", "compris", "comprise", "incluses", "inclus", "incluse"})
_INCLUDED_RE = phrase(
    r"cc|charges? (?:comprises?|compris|incluses?|inclus)|avec (?:les )?charges"
    r"|tout compris|tt compris|toutes charges comprises|tout inclus"
)
_BENEFIT = frozenset({"apl", "caf", "al", "als", "alf", "aide", "aides", "allocation", "msa"})
# A rent is no debt, no deposit, no rise: the amount of those is not the rent.
_NOT_RENT = (NOT_MONEY - {"loyer", "charges"}) | {"caution", "depot", "garantie", "augmente",
                                                   "augmentation", "hausse", "arrieres"}
_NO_RENT_RE = phrase(
    r"rien|0|zero|gratuit|gratuitement|gratos|(?:pas|aucun|plus) (?:de |d )?loyers?"
    r"|je paie pas|je paye pas|je ne paie pas|je ne paye pas"
)


@dataclass(frozen=True, slots=True)
class Rent:
    value: float
    charges_included: bool = False  # « charges comprises », the charges not said apart


def _is_charges(tx: Text, c: Candidate) -> bool:
    """« 80 de charges », « charges : 80 », « charges 80 » (not « charges comprises 600 »)."""
    _, start, end, _ = c
    k = end
    while tx.word(k) in {"de", "d", "en", "pour", "les", "des"} and k < end + 3:
        k += 1
    if tx.word(k) in _CHARGES and tx.word(k + 1) not in _INCLUDED \
            and (k + 1) not in tx.by_start:  # « loyer 520 charges 80 »: the 80 is
        return True
    m = start - 1
    while tx.word(m) in {":", "=", "de", "d"} and m > start - 3:
        m -= 1
    return tx.word(m) in _CHARGES and tx.word(m - 1) not in {"hors", "sans", "les"}


def _is_benefit(tx: Text, c: Candidate) -> bool:
    """« 300 d'APL », « la CAF paie 200 », « apl 250 »."""
    _, start, end, _ = c
    return bool(set(tx.words[max(0, start - 3):start]) & _BENEFIT
                or set(tx.words[end:end + 3]) & _BENEFIT)


def parse_rent(text: str) -> Rent | None:
    """The rent of an answer to « Quel est votre loyer par mois, sans les charges ? », or None.

    « 520 », « 520e », « 520 balles », « environ 500 », « 1200€/mois » → 520… ; « entre 400 et
    500 » → 450 (the middle); « rien », « 0 », « pas de loyer » → 0. See the module for the
    charges and the housing benefit.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    candidates = [c for c in money_candidates(tx, need_context=False, not_money=_NOT_RENT)
                  if not _is_benefit(tx, c)]
    charges = [c for c in candidates if _is_charges(tx, c)]
    rents = [c for c in candidates if c not in charges]
    if not rents:
        return Rent(0.0) if not charges and tx.spans(_NO_RENT_RE) else None
    ends = money_range(tx, rents)
    value = round((ends[0] + ends[1]) / 2) if ends else [*[c for c in rents if c[3]], *rents][0][0]
    if not tx.spans(_INCLUDED_RE):
        return Rent(float(value))
    if charges and charges[0][0] < value:
        return Rent(float(value - charges[0][0]))
    return Rent(float(value), charges_included=True)


def rent_includes_charges(text: str) -> bool:
    """Whether the rent read in `text` was given with the charges (and they were not said)."""
    rent = parse_rent(text)
    return rent is not None and rent.charges_included


_RENT_FILLERS = frozenset({"de", "d", "est", "c", "a", ":", "=", "mensuel", "fait", "s", "il",
                           "hors", "charges", "hc", "environ", "dans", "les", "y"})


def rent_in_sentence(tx: Text) -> float | None:
    """« loyer 450 », « mon loyer est de 450 € », « je paie 450 € de loyer »: an amount right
    next to « loyer », in a free sentence; never a debt or a rise (« 300 € de retard de
    loyer »), the housing benefit (« 200 d'APL pour le loyer »), someone else's rent, or a rent
    « charges comprises » without the charges (the question is without them)."""
    if "loyer" not in tx.words or tx.spans(_INCLUDED_RE):
        return None
    for c in money_candidates(tx, need_context=False, not_money=_NOT_RENT):
        value, start, end, _ = c
        if _is_benefit(tx, c) or _is_charges(tx, c):
            continue
        k = start - 1
        while tx.word(k) in _RENT_FILLERS and k > start - 5:
            k -= 1
        before = tx.word(k) == "loyer"
        after = tx.word(end) in {"de", "d"} and tx.word(end + 1) == "loyer"
        if (before or after) and not third_person(tx, start) and not third_person(
                tx, k if before else end + 1):
            return float(value)
    return None
