"""Telling whether two rows of different sources are the same office: the same street address,
or the same agency name in the same postal area.

Sources write addresses their own way (« 14 r neuve », « Bâtiment espace Cambrésis - 14 rue
Neuve - BP 457 », « 202B r louis braille » / « 202 bis rue Louis-Braille »): an address is
reduced to its street key — number, type of way, last word of the way's name — which is what
two spellings of one place share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.normalize import fold

__all__ = ["StreetKey", "display_address", "name_tokens", "same_street", "street_key"]

_WAY_TYPES = {
    "r": "rue", "rue": "rue", "av": "avenue", "ave": "avenue", "avenue": "avenue",
    "bd": "boulevard", "bld": "boulevard", "boulevard": "boulevard", "pl": "place",
    "place": "place", "prv": "parvis", "parvis": "parvis", "chem": "chemin", "ch": "chemin",
    "chemin": "chemin", "rte": "route", "route": "route", "all": "allee", "allee": "allee",
    "imp": "impasse", "impasse": "impasse", "sq": "square", "square": "square",
    "esp": "esplanade", "esplanade": "esplanade", "qu": "quai", "quai": "quai",
    "chau": "chaussee", "chaussee": "chaussee", "fg": "faubourg", "faubourg": "faubourg",
    "cours": "cours", "pass": "passage", "passage": "passage", "parc": "parc", "zac": "zac",
    "res": "residence", "mail": "mail", "voie": "voie", "cite": "cite", "sente": "sente",
}
_SUFFIXES = {"bis": "bis", "b": "bis", "ter": "ter", "t": "ter", "a": "a"}
_POSTAL_BOXES = {"bp", "cs", "tsa", "cedex"}
_NUMBER = re.compile(r"^(\d{1,4})(bis|ter|b|t|a)?$")


@dataclass(frozen=True, slots=True)
class StreetKey:
    number: str | None  # « 202 bis »
    way: str  # « rue »
    last_word: str  # « braille »


def _tokens(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).split()


def street_key(address: str | None) -> StreetKey | None:
    """The street part of an address, or None when no type of way is found."""
    if not address:
        return None
    tokens = _tokens(address)
    for i, token in enumerate(tokens):
        if token not in _WAY_TYPES or i + 1 >= len(tokens):
            continue
        name: list[str] = []
        for word in tokens[i + 1:]:
            if word in _POSTAL_BOXES or (word.isdigit() and len(word) == 5):
                break  # a postal box, or the postal code
            name.append(word)
        words = [w for w in name if w not in ("de", "du", "des", "la", "le", "les", "l", "d")]
        if not words:
            continue
        return StreetKey(_number_before(tokens, i), _WAY_TYPES[token], words[-1])
    return None


def _number_before(tokens: list[str], way_at: int) -> str | None:
    """« 202 bis », « 60 ter », « 4 » before the way's type, or None (« Avenue de la
    République »). Numbers of a postal box (« BP 139 ») are not street numbers."""
    j = way_at - 1
    suffix = ""
    if j >= 0 and tokens[j] in _SUFFIXES and j - 1 >= 0 and tokens[j - 1].isdigit():
        suffix = " " + _SUFFIXES[tokens[j]]
        j -= 1
    if j < 0:
        return None
    match = _NUMBER.match(tokens[j])
    if not match or (j >= 1 and tokens[j - 1] in _POSTAL_BOXES):
        return None
    if match.group(2):
        suffix = " " + _SUFFIXES[match.group(2)]
    return match.group(1) + suffix


def same_street(a: str | None, b: str | None) -> bool:
    """Whether two addresses name the same street number (a missing number matches any)."""
    ka, kb = street_key(a), street_key(b)
    if ka is None or kb is None:
        return False
    if (ka.way, ka.last_word) != (kb.way, kb.last_word):
        return False
    if ka.number is None or kb.number is None or ka.number == kb.number:
        return True
    # « 139 bis » and « 139 »: one source dropped the suffix
    return ka.number.split()[0] == kb.number.split()[0] and (
        " " not in ka.number or " " not in kb.number)


_NETWORK_WORDS = {"pole", "emploi", "france", "travail", "agence", "ale", "mission", "locale",
                  "services", "service",
                  "de", "du", "des", "d", "la", "le", "les", "l", "et", "sur", "en", "lez"}


def name_tokens(name: str) -> frozenset[str]:
    """The distinctive words of an office's name (« Pôle emploi de Roubaix - Centre » →
    {roubaix, centre})."""
    return frozenset(t for t in _tokens(name) if t not in _NETWORK_WORDS)


_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "et", "en", "sur", "sous", "aux", "au",
                "a", "lez", "l", "d"}
_WRITTEN = {"allee": "allée", "chaussee": "chaussée", "cite": "cité", "residence": "résidence",
            "zac": "ZAC"}


def _capitalised(word: str) -> str:
    if not (word.islower() or word.isupper()):
        return word  # the source's own capitals are kept
    if "'" in word:
        head, _, rest = word.lower().partition("'")
        return f"{head}'{_capitalised(rest)}" if len(head) == 1 else word
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def display_address(raw: str) -> str:
    """A source's lower-case, abbreviated address written out for a person: « 9 r pasteur » →
    « 9 rue Pasteur », « 202B r louis braille » → « 202 bis rue Louis Braille ». Only the way's
    type is expanded and words capitalised: nothing is added (accents a source dropped stay
    dropped)."""
    out: list[str] = []
    way_done = False
    for i, word in enumerate(raw.split()):
        lower = word.lower()
        number = _NUMBER.match(lower)
        if number and i == 0:
            suffix = f" {_SUFFIXES[number.group(2)]}" if number.group(2) else ""
            out.append(number.group(1) + suffix)
        elif lower in _WAY_TYPES and i <= 2 and not way_done:
            way = _WAY_TYPES[lower]
            out.append(_WRITTEN.get(way, way))
            way_done = True
        elif lower in _SMALL_WORDS:
            out.append(lower)
        else:
            out.append(_capitalised(word))
    return " ".join(out)
