"""Numbers in digits (« 1 200 », « 1,5 ») or in French words (« quatre-vingt-dix-neuf »)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rules.language.tokens import Tokens

_UNITS = {
    "un": 1, "une": 1, "deux": 2, "deu": 2, "deus": 2, "trois": 3, "troi": 3, "quatre": 4,
    "quatres": 4, "katre": 4, "cinq": 5, "cinque": 5, "cink": 5, "six": 6, "sept": 7,
    "huit": 8, "uit": 8, "neuf": 9,
}  # fmt: skip
_TEENS = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "katorze": 14,
    "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "vingt": 20, "vingts": 20, "vint": 20, "trente": 30, "trante": 30, "quarante": 40,
    "quarente": 40, "cinquante": 50, "cinquente": 50, "soixante": 60, "soixente": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
_HUNDRED = frozenset({"cent", "cents"})
_THOUSAND = frozenset({"mille", "milles", "mil"})
_ZERO = frozenset({"zero", "aucun", "aucune"})
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | _HUNDRED | _THOUSAND


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    start: int  # token range [start, end)
    end: int
    digits: bool


def _next_word_index(tx: Tokens, j: int) -> int:
    """Skip hyphens between number words (« quatre-vingt-dix »)."""
    while tx.word(j) == "-" and tx.word(j + 1) in _NUMBER_WORDS | {"et"}:
        j += 1
    return j


@dataclass(slots=True)
class _WordsRead:
    """French number words read so far: « deux mille trois cent » → total 2000, group 300."""

    total: int = 0  # thousands
    group: int = 0  # below a thousand
    last: str | None = None  # kind of the last element read
    last_value: int = 0


_GROUP_START = (None, "hundred", "thousand")  # what may come before a new tens, teen or unit


def _add_unit(read: _WordsRead, value: int) -> bool:
    """« trois », « vingt-trois », « dix-sept »."""
    ok = (
        read.last in _GROUP_START
        or (read.last == "tens" and read.last_value % 10 == 0)
        or (read.last == "teen" and read.last_value == 10 and value >= 7)
    )
    if ok:
        read.group += value
        read.last, read.last_value = "unit", value
    return ok


def _add_teen(read: _WordsRead, value: int) -> bool:
    """« onze », « soixante-douze », « quatre-vingt-dix »."""
    ok = read.last in _GROUP_START or (read.last == "tens" and read.last_value in (60, 80))
    if ok:
        read.group += value
        read.last, read.last_value = "teen", value
    return ok


def _add_tens(read: _WordsRead, value: int) -> bool:
    """« vingt », « cent trente »."""
    ok = read.last in _GROUP_START
    if ok:
        read.group += value
        read.last, read.last_value = "tens", value
    return ok


def _add_hundred(read: _WordsRead, value: int) -> bool:
    """« cent », « deux cents », « mille cent »."""
    if read.last is None or read.last == "thousand":
        read.group += value
    elif read.last == "unit" and read.group < 10:
        read.group *= value
    else:
        return False
    read.last, read.last_value = "hundred", value
    return True


def _add_thousand(read: _WordsRead, value: int) -> bool:
    """« mille », « deux mille »: once."""
    if read.total or read.last == "thousand":
        return False
    read.total = (read.group or 1) * value
    read.group = 0
    read.last, read.last_value = "thousand", value
    return True


# Each number word and how it adds to what was read before it (False: it does not follow).
_NUMBER_WORD_STEPS: dict[str, tuple[Callable[[_WordsRead, int], bool], int]] = {
    **{word: (_add_unit, value) for word, value in _UNITS.items()},
    **{word: (_add_teen, value) for word, value in _TEENS.items()},
    **{word: (_add_tens, value) for word, value in _TENS.items()},
    **dict.fromkeys(_HUNDRED, (_add_hundred, 100)),
    **dict.fromkeys(_THOUSAND, (_add_thousand, 1000)),
}
_VINGT = frozenset({"vingt", "vingts", "vint"})


def _is_joiner(word: str, read: _WordsRead, following: str) -> bool:
    """« - » between number words, « et » in « vingt et un », « soixante et onze »."""
    if word == "et":
        return read.last == "tens" and following in {"un", "une", "onze"}
    return word == "-" and read.last is not None


def _parse_number_words(tx: Tokens, i: int) -> tuple[int, int] | None:
    """French number words from token i: « quatre-vingt-dix-neuf » → (99, end index)."""
    words = tx.words
    if words[i] in _ZERO:
        return 0, i + 1
    if words[i] not in _NUMBER_WORDS:
        return None
    read = _WordsRead()
    j = end = i
    while j < len(words):
        w = words[j]
        nxt = _next_word_index(tx, j + 1)
        if _is_joiner(w, read, tx.word(nxt)):
            j = nxt
            continue
        if w == "quatre" and tx.word(nxt) in _VINGT and read.last in _GROUP_START:
            read.group += 80
            read.last, read.last_value = "tens", 80
            j = end = nxt + 1
            continue
        step = _NUMBER_WORD_STEPS.get(w)
        if step is None or not step[0](read, step[1]):
            break
        j = end = j + 1
    if end == i:
        return None
    return read.total + read.group, end


_THOUSANDS_DOT_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_RE = re.compile(r"\d+[.,]\d+")


_MAX_DIGITS = 15  # beyond, no amount, age or duration: not read (and no float overflow)


def digit_value(word: str) -> float | None:
    if not word.isascii() or len(word) > _MAX_DIGITS:
        return None  # « ⓵ » is a digit to str.isdigit, not to int()
    if word.isdigit():
        return float(int(word))
    if _THOUSANDS_DOT_RE.fullmatch(word):
        return float(int(word.replace(".", "")))
    if _DECIMAL_RE.fullmatch(word):
        return float(word.replace(",", "."))
    return None  # « 15.03.2024 » and the like: not one number


def find_numbers(tx: Tokens, group_thousands: bool) -> list[Num]:
    out: list[Num] = []
    words, toks = tx.words, tx.toks
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isdigit():
            value = digit_value(w)
            if value is None:
                i += 1
                continue
            j = i + 1
            if group_thousands and w.isdigit() and len(w) <= 3:
                while (
                    j < len(words)
                    and re.fullmatch(r"\d{3}(?:,\d+)?", words[j])
                    and toks[j].start == toks[j - 1].end + 1
                ):
                    value = value * 1000 + float(words[j].replace(",", "."))
                    j += 1
                    if "," in words[j - 1]:
                        break
            if tx.word(j) in _THOUSAND:
                value *= 1000
                j += 1
            out.append(Num(value, i, j, True))
            i = j
            continue
        parsed = _parse_number_words(tx, i)
        if parsed is not None:
            out.append(Num(float(parsed[0]), i, parsed[1], False))
            i = parsed[1]
            continue
        i += 1
    return out



def parse_number(text: str) -> int | None:
    """The first whole number in the text, in digits or French words; None when there is none.

    « 23 » → 23, « vingt-trois » → 23, « soixante et onze » → 71, « quatre-vingt-dix-neuf » → 99,
    « deux mille » → 2000, « 1 200 » → 1200, « zéro » / « aucun » → 0. Decimals are truncated.
    « pas d'enfant » has no number: None (see :func:`parse_children`).
    """
    nums = find_numbers(Tokens(text), group_thousands=True)
    return int(nums[0].value) if nums else None
