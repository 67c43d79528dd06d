"""Finding the commune in a free message (« j'habite sur Roubaix », « 59100 », « a tourcoin »)."""

from __future__ import annotations

import re

from rules.places.communes import (
    Commune,
    CommuneError,
    communes_named,
    normalize_name,
    resolve_commune,
)

_POSTAL = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# Words after which a place name is expected.
_MARKERS = {"a", "sur", "habite", "vers", "dans", "de", "pres", "vis", "vit", "reside"}
_MAX_WORDS = 5
_MIN_LENGTH = 4  # shorter single words (« Ors », « Y ») are too often ordinary words
# After these verbs come the words naming where the person lives, even misspelt: directly
# after « habite » (« j'habite Roubé »), after a preposition for the others (« je vis à … »).
_HABITE = {"habite", "jhabite", "habitons", "habitent"}
_LIVES = {*_HABITE, "vis", "vit", "vivons", "reside", "residons", "domicilie", "domiciliee"}
_PREPOSITIONS = {"a", "sur", "dans", "vers", "pres", "cote", "au", "aux"}
_MENTION_ENDS = {"et", "depuis", "avec", "mais", "je", "j", "jai", "g", "chui", "on", "mon",
                 "ma", "mes", "dont", "ou", "car", "donc", "ca", "cela", "ici", "maintenant",
                 "chez", "pas", "plus", "encore", "toujours", "actuellement", "seul", "seule"}
_STOPWORDS = {
    "mois", "ans", "enfant", "enfants", "emploi", "travail", "chomage", "france", "rsa",
    "depuis", "avec", "pour", "mais", "bien", "nord", "ville", "seul", "seule", "couple",
}


def _lookup(words: list[str]) -> Commune | None:
    span = " ".join(words)
    if len(span) < _MIN_LENGTH or (len(words) == 1 and span in _STOPWORDS):
        return None
    found = communes_named(span)
    in_nord = [c for c in found if c.dans_le_nord]
    if len(in_nord) == 1:
        return in_nord[0]
    return found[0] if len(found) == 1 else None


def find_commune(text: str) -> Commune | None:
    """The commune a message names, if it names one clearly; None otherwise.

    A postal code wins. Otherwise the longest run of words that is exactly a commune's name:
    anywhere for a commune of the Nord, only after « à », « sur », « habite »… for the others
    (so that ordinary words are not taken for villages elsewhere in France).
    """
    if not text or len(text) > 2000:
        return None
    for code in _POSTAL.findall(text):
        try:
            return resolve_commune(code, kind="postal")
        except CommuneError:
            continue
    words = normalize_name(text).split()
    best: tuple[int, Commune] | None = None
    for start in range(len(words)):
        after_marker = start > 0 and words[start - 1] in _MARKERS
        for end in range(min(len(words), start + _MAX_WORDS), start, -1):
            commune = _lookup(words[start:end])
            if commune and (commune.dans_le_nord or after_marker):
                if best is None or end - start > best[0]:
                    best = (end - start, commune)
                break
    return best[1] if best else None


def commune_mention(text: str) -> str | None:
    """The words naming where the person lives, after « j'habite », « je vis à »…, when they
    may be a misspelt commune (« j'habite sur roubé » → « roube »); None if there is none."""
    if not text or len(text) > 2000:
        return None
    words = normalize_name(text).split()
    for i, word in enumerate(words):
        if word not in _LIVES:
            continue
        rest = words[i + 1:]
        if word not in _HABITE and not (rest and rest[0] in _PREPOSITIONS):
            continue
        while rest and rest[0] in _PREPOSITIONS:
            rest = rest[1:]
        taken: list[str] = []
        for w in rest[:_MAX_WORDS]:
            if w in _MENTION_ENDS or w in _STOPWORDS or w.isdigit():
                break
            taken.append(w)
        if taken and len(" ".join(taken)) >= 3:
            return " ".join(taken)
    return None
