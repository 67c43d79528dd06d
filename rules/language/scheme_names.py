"""Recognising a scheme by the names people give it (« garantie jeunes », « la crèche VIP »)."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from rules.engine.catalogue import default_catalogue
from rules.engine.schema import Scheme
from rules.normalize import normalize
from rules.places.communes import normalize_name

_FUZZY_MIN = 88
_FUZZY_MIN_LENGTH = 6


@cache
def _aliases() -> tuple[tuple[str, str], ...]:
    """(normalized alias, scheme id), longest first."""
    pairs = set()
    for scheme in default_catalogue().schemes.values():
        for name in (scheme.nom.split(" (")[0], *scheme.noms_alternatifs):
            normalized = normalize_name(name)
            if normalized:
                pairs.add((normalized, scheme.id))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def find_scheme(text: str) -> Scheme | None:
    """The scheme named in the text: an alias as whole words, else a close spelling."""
    normalized = f" {normalize_name(text)} "
    if len(normalized) > 600:
        return None
    schemes = default_catalogue().schemes
    for alias, scheme_id in _aliases():
        if f" {alias} " in normalized:
            return schemes[scheme_id]
    best: tuple[float, str] | None = None
    for alias, scheme_id in _aliases():
        if len(alias) < _FUZZY_MIN_LENGTH:
            continue
        score = fuzz.partial_ratio(alias, normalized)
        if score >= _FUZZY_MIN and (best is None or score > best[0]):
            best = (score, scheme_id)
    return schemes[best[1]] if best else None


_FILLERS = frozenset({"le", "la", "les", "l", "et", "du", "de", "des", "un", "une", "ou",
                      "alors", "sinon", "bonjour", "svp", "stp", "merci", "ah", "euh"})
_CLAUSE = re.compile(r"([,;.!?\n]+)")
_ASKING = re.compile(
    r"(?<![a-z])(quoi|koi|comment|combien|explique[rz]?|kesako|infos?|renseignements?"
    r"|qu'?est[ -]ce|qu est ce|c'?est qui|droit (?:a|au|aux)|existe|eligible|peux avoir)(?![a-z])"
)


@cache
def _alias_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(r"(?<![a-z0-9])" + r"[\s'’.-]*".join(map(re.escape, alias.split()))
                   + r"(?![a-z0-9])")
        for alias, _ in _aliases()
    )


def without_asked_scheme_names(text: str) -> str:
    """The message with the names of the schemes it asks about taken out: « c'est quoi le coach
    emploi ? » says nothing of the person's job, « c quoi le rsa » nothing of receiving it. Only
    in the clauses that ask (« jtouche le rsa, c quoi la mdie » keeps « jtouche le rsa »)."""
    folded = normalize(text)
    pieces = _CLAUSE.split(folded)
    for i, piece in enumerate(pieces):
        asks = i + 1 < len(pieces) and "?" in pieces[i + 1]  # « … le coach emploi ? »
        stripped = piece
        for pattern in _alias_patterns():
            stripped = pattern.sub(" ", stripped)
        only_a_name = stripped != piece and set(stripped.split()) <= _FILLERS  # « zéro chômeur »
        if asks or only_a_name or _ASKING.search(piece):
            pieces[i] = stripped
    return "".join(pieces)


def asks_about_a_scheme(text: str) -> bool:
    """« j'ai droit au coach emploi ? », « c'est quoi le CEJ »: a scheme named in a question,
    whatever the intent classifier says."""
    named = find_scheme(text)
    if named is None:
        return False
    # « je touchais le rmi, c'est toujours possible ? »: named in a message that asks
    return "?" in text or find_scheme(without_asked_scheme_names(text)) != named
