"""Recognising a scheme by the names people give it (« garantie jeunes », « la crèche VIP »)."""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz

from rules.catalogue import default_catalogue
from rules.geography import normalize_name
from rules.schema import Scheme

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
