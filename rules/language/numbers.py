"""Numbers in digits (« 1 200 », « 1,5 ») or in French words (« quatre-vingt-dix-neuf »)."""

from __future__ import annotations

import re
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
THOUSAND = frozenset({"mille", "milles", "mil"})
_ZERO = frozenset({"zero", "aucun", "aucune"})
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | _HUNDRED | THOUSAND


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    start: int  # token range [start, end)
    end: int
    digits: bool


def _next_word_index(tx: Tokens, j: int) -> int:
    """Skip hyphens between number words (« quatre-vingt-dix »)."""
    while tx.word(j) == "-" and tx.word(j + 1) in NUMBER_WORDS | {"et"}:
        j += 1
    return j


def _parse_number_words(tx: Tokens, i: int) -> tuple[int, int] | None:
    """French number words from token i: « quatre-vingt-dix-neuf » → (99, end index)."""
    words = tx.words
    if words[i] in _ZERO:
        return 0, i + 1
    if words[i] not in NUMBER_WORDS:
        return None
    total = 0
    group = 0
    last: str | None = None  # kind of the last element read
    last_value = 0
    j = i
    end = i
    while j < len(words):
        w = words[j]
        nxt = _next_word_index(tx, j + 1)
        if w == "et" and last == "tens" and tx.word(nxt) in {"un", "une", "onze"}:
            j = nxt
            continue
        if w == "-" and last is not None:
            j = nxt if nxt > j else j + 1
            continue
        if (
            w == "quatre"
            and tx.word(nxt) in {"vingt", "vingts", "vint"}
            and last
            in (
                None,
                "hundred",
                "thousand",
            )
        ):
            group += 80
            last, last_value = "tens", 80
            j = end = nxt + 1
            continue
        if w in _UNITS:
            v = _UNITS[w]
            ok = (
                last in (None, "hundred", "thousand")
                or (last == "tens" and last_value % 10 == 0)
                or (last == "teen" and last_value == 10 and v >= 7)
            )
            if not ok:
                break
            group += v
            last, last_value = "unit", v
        elif w in _TEENS:
            v = _TEENS[w]
            after_tens = last == "tens" and last_value in (60, 80)
            if not (last in (None, "hundred", "thousand") or after_tens):
                break
            group += v
            last, last_value = "teen", v
        elif w in _TENS:
            if last not in (None, "hundred", "thousand"):
                break
            group += _TENS[w]
            last, last_value = "tens", _TENS[w]
        elif w in _HUNDRED:
            if last is None or last == "thousand":
                group += 100
            elif last == "unit" and group < 10:
                group *= 100
            else:
                break
            last, last_value = "hundred", 100
        elif w in THOUSAND:
            if total or last == "thousand":
                break
            total = (group or 1) * 1000
            group = 0
            last, last_value = "thousand", 1000
        else:
            break
        j = end = j + 1
    if end == i:
        return None
    return total + group, end


_THOUSANDS_DOT_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_RE = re.compile(r"\d+[.,]\d+")


def digit_value(word: str) -> float | None:
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
            if tx.word(j) in THOUSAND:
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
