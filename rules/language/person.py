"""Asking for a person: « je veux parler à un conseiller », « rappelez-moi », « qqn peut m'aider ».

Read from the words, like yes / no: the classifier misses requests spelt as people type them
(« parlé a qqn ») or phrased as a call-back, and such a request must reach the person-finding
answer whatever intent it got."""

from __future__ import annotations

import re

from rules.normalize import normalize

# SMS spellings of « quelqu'un » and « conseiller » (their sounds, not their letters)
_SOMEONE = (r"(?:quelqu ?'? ?un|qqn|qq1|kelk(?:un|1|'un)|quelquun|une personne|un humain|"
            r"un vrai humain|une? conseill(?:er|ere|e)|un agent|une vraie personne)")
_TALK = r"(?:parl\w*|voir|rencontr\w*|discut\w*|caus\w*)"
_PATTERNS = (
    re.compile(rf"(?<![a-z]){_TALK} (?:a|avec) {_SOMEONE}(?![a-z])"),
    re.compile(rf"(?<![a-z])(?:voir|rencontr\w*) {_SOMEONE}(?![a-z])"),
    # a call-back: « qu'on me rappelle », « rappelez-moi », « pouvez-vous me rappeler »
    re.compile(r"(?<![a-z])(?:qu ?'? ?on me rappel\w*|rappel(?:ez|er|e) ?-? ?moi|"
               r"me rappel(?:er|ez)|etre rappel\w*|m ?'? ?appel(?:er|ez) )"),
)


def asks_for_a_person(text: str) -> bool:
    """The message asks to talk to (or be called back by) a person."""
    norm = normalize(text)
    return any(p.search(norm) for p in _PATTERNS)
