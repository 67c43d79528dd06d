"""Someone asking for another person: « on peut recommencer ? c'est pour mon fils ».

After such a restart the person described is the other one, spoken of in the third person
(« il cherche du travail », « elle a 19 ans »): :func:`as_first_person` lets the readers, which
set only the speaker's own facts, read them."""

from __future__ import annotations

import re

from rules.normalize import normalize

_RESTART_RE = re.compile(r"(?<![a-z])(?:recommenc\w*|refai\w*|reprendre a zero|une autre personne)")
_FOR_SOMEONE_RE = re.compile(
    r"(?<![a-z])pour (?:mon|ma|une|un|mes) (?:fils|fille|enfant|gamin|gamine|mari|femme|"
    r"conjoint|conjointe|copain|copine|frere|soeur|mere|pere|maman|papa|neveu|niece|ami|amie|"
    r"voisin|voisine|cousin|cousine|compagnon|compagne|petit fils|petite fille|autre personne)"
    r"(?![a-z])|pour quelqu ?'? ?un d ?'? ?autre"
)
_THIRD_PERSON: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<![a-z']){old}(?![a-z])"), new)
    for old, new in (
        (r"(?:il|elle) a", "j'ai"), (r"(?:il|elle) est", "je suis"),
        (r"(?:il|elle) n ?'? ?a", "je n'ai"), (r"(?:il|elle) n ?'? ?est", "je ne suis"),
        (r"(?:il|elle) (?:fait|va|vit|touche|cherche|travaille|bosse|habite|gagne|percoit)",
         None),
        (r"(?:il|elle) ne", "je ne"),
    )
)


def restarts_for_someone_else(text: str) -> bool:
    """« on peut recommencer ? c'est pour mon fils », « recommencer pour ma fille »."""
    norm = normalize(text)
    return bool(_RESTART_RE.search(norm) and _FOR_SOMEONE_RE.search(norm))


def without_the_other_person(text: str) -> str:
    """« en fait on recommence pour ma fille, elle a 22 ans » → « … , elle a 22 ans »: who the
    new person is, taken out (« ma fille » is then no child of hers)."""
    norm = normalize(text)
    return _RESTART_RE.sub(" ", _FOR_SOMEONE_RE.sub(" ", norm))


def as_first_person(text: str) -> str:
    """« il cherche du travail » → « je cherche du travail », « elle a 19 ans » → « j'ai 19
    ans »."""
    norm = normalize(text)
    for pattern, new in _THIRD_PERSON:
        if new is None:
            norm = pattern.sub(lambda m: "je " + m.group().split()[-1], norm)
        else:
            norm = pattern.sub(new, norm)
    return norm
