"""« je ne sais pas », « jsp », « aucune idée »: the answer that is not one."""

from __future__ import annotations

import re

from rules.normalize import normalize


class DontKnow:
    """Sentinel type: the person said they do not know (« jsp », « aucune idée »…)."""

    _instance: DontKnow | None = None

    def __new__(cls) -> DontKnow:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DONT_KNOW"

    def __copy__(self) -> DontKnow:
        return self

    def __deepcopy__(self, memo: object) -> DontKnow:
        return self

    def __reduce__(self) -> str:
        return "DONT_KNOW"


DONT_KNOW: DontKnow = DontKnow()



_DONT_KNOW_RE = re.compile(
    r"(?<![a-z])(?:"
    r"jsp|jcp|nsp|idk|chepa|chepas|chpa|chpas|chai'?s? ?pas?|che ?pas?"
    r"|(?:je |j'? ?)(?:ne |n'? ?)?(?:en |n'? ?en )?(?:sais|sai|sait|se|c|s)'? ?(?:pas?|plus|rien)"
    r"|(?:ne )?(?:sais|sait|sai) (?:pas?|plus|rien)"
    r"|aucune? idee|pas d'? ?idee|(?:me )?souviens? (?:pas|plus)"
    r"|pas (?:sure?s?|certaine?s?)(?= *$| *[,.!?]| (?:de|du|que|d'))"
    r"|ne sais"
    r")(?![a-z])"
)


def is_dont_know(text: str) -> bool:
    """True for « je ne sais pas », « jsp », « chais pas », « aucune idée », « ? »…"""
    norm = normalize(text)
    if not norm:
        return False
    if all(c in "?!. " for c in norm) and "?" in norm:
        return True
    return _DONT_KNOW_RE.search(norm) is not None
