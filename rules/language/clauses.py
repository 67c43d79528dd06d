"""Clause windows around a word: is it negated, what is near it, is it said of someone else."""

from __future__ import annotations

from rules.language.text import Text
from rules.language.tokens import PUNCT

_NEGATORS_BEFORE = frozenset({"pas", "ne", "n", "jamais", "plus", "sans", "aucun", "aucune", "ni"})
_NEGATORS_AFTER = frozenset({"pas", "jamais", "plus", "rien", "point"})
_CLAUSE_BREAK = frozenset({"mais", "et", "car", "donc", "parce", "puis", "alors", "sinon", "ou"})


def is_negated(tx: Text, i: int, before: int = 4, after: int = 2) -> bool:
    """Is token i under a negation (« je ne travaille pas », « pas de rsa », « sans emploi »)?"""
    for k in range(i - 1, max(-1, i - 1 - before), -1):
        w = tx.word(k)
        if w in PUNCT or w in _CLAUSE_BREAK:
            break
        if w in _NEGATORS_BEFORE:
            if w == "sans" and k < i - 2:
                continue  # « sans emploi douai rsa »: « sans » is about « emploi »
            if w == "plus" and (
                tx.word(k - 1) in {"le", "la", "les", "l"}
                or (tx.word(k + 1) in {"de", "d"} and tx.word(k + 2)[:1].isdigit())
            ):
                continue
            return True
        if w in {"je", "j"} and k < i - 1:
            break
    for k in range(i + 1, min(len(tx.words), i + 1 + after)):
        w = tx.word(k)
        if w in PUNCT or w in _CLAUSE_BREAK or w in {"je", "j"}:
            break
        if w in _NEGATORS_AFTER:
            if w == "plus" and tx.word(k + 1) in {"de", "d"}:
                continue
            return True
    return False


def within(tx: Text, i: int, words: frozenset[str], span: int, step: int) -> bool:
    """One of words within `span` tokens before (step -1) or after (step 1) i, in the same
    clause."""
    for k in range(i + step, i + step * (span + 1), step):
        if not 0 <= k < len(tx.words):
            return False
        w = tx.word(k)
        if w in PUNCT or w in _CLAUSE_BREAK:
            return False
        if w in words:
            return True
    return False


def preceded_by(tx: Text, i: int, words: frozenset[str], span: int = 3) -> bool:
    return within(tx, i, words, span, -1)


# --------------------------------------------------------------------------------------------
# Said of someone else

_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
_RELATIVES = frozenset(
    {"mari", "femme", "conjoint", "conjointe", "copain", "copine", "compagnon", "compagne",
     "epoux", "epouse", "fils", "fille", "filles", "enfants", "pere", "mere", "parents",
     "frere", "soeur", "cheri", "cherie", "homme"}
)  # fmt: skip
POSSESSIVES = frozenset({"mon", "ma", "mes", "son", "sa", "ses", "notre", "nos", "ton", "ta"})


def third_person(tx: Text, i: int) -> bool:
    """Is token i said about someone else (« mon mari bosse », « elle est étudiante »)?"""
    for k in range(i - 1, max(-1, i - 4), -1):
        w = tx.word(k)
        if w in PUNCT or w in _CLAUSE_BREAK or w in {"je", "j", "moi"}:
            return False
        if w in _PRONOUNS or (w in _RELATIVES and tx.word(k - 1) in POSSESSIVES):
            return True
    return False
