"""Yes / no answers: « ouais », « nan », « pas du tout », « RSA : non »."""

from __future__ import annotations

import re

from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import phrase


def _collapse(word: str) -> str:
    """Squash repeated letters: « ouiii » → « oui », « nonnn » → « non »."""
    return re.sub(r"(.)\1+", r"\1", word)


def _phrases(*items: str) -> dict[tuple[str, ...], int]:
    return {tuple(_collapse(w) for w in item.split()): len(item.split()) for item in items}


_YES = _phrases(
    "oui", "ouais", "ouai", "ouaip", "ouep", "oue", "ouai", "wi", "ui", "yes", "yep", "yeah",
    "ok", "okay", "oki", "okey", "dac", "d accord", "daccord", "exact", "exactement",
    "bien sur", "biensur", "bien sur que oui", "evidemment", "tout a fait", "absolument",
    "carrement", "affirmatif", "certainement", "effectivement", "en effet", "bien entendu",
    "c est ca", "c est exact", "c est vrai", "c est bien ca", "pas de souci", "pas de soucis",
    "pas de probleme", "sans souci", "que oui", "of course", "vrai", "d acc", "d ac", "oke",
    "vi", "c est juste",
)  # fmt: skip
_NO = _phrases(
    "non", "nan", "no", "nope", "nop", "niet", "nein", "nah", "negatif", "pas du tout",
    "absolument pas", "du tout", "certainement pas", "surement pas", "pas vraiment",
    "non merci", "pas encore", "toujours pas", "aucunement", "jamais", "bien sur que non",
    "que non", "pas forcement", "mm non", "ben non", "bah non",
)  # fmt: skip
_YES_LEADING_ONLY = frozenset({("si",), ("voila",), ("grave",)})
_WEAK_NO = frozenset({"pas", "aucun", "aucune", "rien", "plus"})
_WEAK_NO_MAX_WORDS = 6
_HALF_ANSWER_RE = phrase(
    r"plus ou moins|ca depend|sa depend|c(?: est)? complique|a moitie|peut etre"
    r"|en quelque sorte|entre les deux"
)
_MAX_PHRASE = max(len(k) for k in (*_YES, *_NO))


def parse_yes_no(text: str) -> bool | None:
    """Yes / no from a short answer; None when unclear, contradictory or « je ne sais pas ».

    Yes: oui, ouais, wi, ok, exact, bien sûr, tout à fait… No: non, nan, nope, pas du tout,
    jamais, absolument pas… Digits are not an answer (« 1 » → None). A sentence with a
    negation and no yes-word (« je le touche pas ») is a no.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    if tx.spans(_HALF_ANSWER_RE):
        return None  # « plus ou moins », « ça dépend »: neither yes nor no
    words = [_collapse(w) for w in tx.words if w[0].isalpha()]
    if not words:
        return None
    if len(words) == 1 and words[0] in {"o", "y"}:
        return True
    if len(words) == 1 and words[0] == "n":
        return False
    found, weak_no = _scan(words)
    if len(found) == 1:
        return found.pop()
    if not found and weak_no and len(words) <= _WEAK_NO_MAX_WORDS:
        return False  # « je le touche pas »; in a longer sentence the « pas » is another's
    return None


def _scan(words: list[str]) -> tuple[set[bool], bool]:
    """The yes and no phrases found, and whether a weak « pas », « rien »… was."""
    found: set[bool] = set()
    weak_no = False
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in _NO:
                found.add(False)
                break
            if key in _YES or (i == 0 and key in _YES_LEADING_ONLY):
                found.add(True)
                break
        else:
            size = 1
            if words[i] in _WEAK_NO:
                weak_no = True
        i += size
    return found, weak_no


def answer_after(tx: Text, i: int) -> bool | None:
    """A form-like answer right after a keyword: « RSA : non », « enceinte oui »."""
    k = i + 1
    while tx.word(k) in {":", "=", "-", "?", ","}:
        k += 1
    word = _collapse(tx.word(k))
    if word in {"non", "nan", "no", "nope", "n"}:
        return False
    if word in {"oui", "ouais", "ouai", "wi", "yes", "ok", "o"}:
        return True
    return None
