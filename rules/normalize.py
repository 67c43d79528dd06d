"""The one text normalisation of the project: lower case, ligatures spelt out, no accents.

A leaf module (it imports nothing from the project) so that both the gazetteer
(``rules.places``) and the reading of French (``rules.language``) build on it:

- :func:`fold` is the core: « Marcq-en-Barœul » → « marcq-en-baroeul »;
- :func:`normalize` is what the parsers read: apostrophes unified, spaces collapsed,
  punctuation kept (« J’AI  Vingt-Trois ans ! » → « j'ai vingt-trois ans ! »);
- the commune gazetteer adds its own step on top (``rules.places.communes.normalize_name``:
  only letters and digits, « St » → « saint »).
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "normalize"]

_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss"}
_APOSTROPHES = str.maketrans(
    {c: "'" for c in "\u2019\u2018\u201b\u02bc\u02b9\u2032\u0060\u00b4\uff07"}
)


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics (U+00C0–U+024F) and ligatures → lower-case ASCII.

    Computed once: most French text is then folded by one ``str.translate``, without the
    slower Unicode decomposition.
    """
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        plain = _strip_accents(char).lower()
        if plain != char.lower() and plain.isascii():
            table[code] = plain
    table.update({ord(k): v for k, v in _LIGATURES.items()})
    return table


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case, ligatures spelt out (œ → oe), accents stripped; everything else kept.

    Characters outside the Latin table go through the Unicode compatibility decomposition
    (NFKD): « ½ » becomes « 1⁄2 », a full-width « Ａ » becomes « a ».
    """
    folded = text.translate(_FOLD).lower()
    if folded.isascii():
        return folded
    return _strip_accents(folded)


def normalize(text: str) -> str:
    """What the parsers read: :func:`fold`, with one kind of apostrophe (’ ‘ ` ´ → '), the
    fraction slash as « / », and single spaces. Punctuation and hyphens are kept.

    « J’AI  Vingt-Trois ans ! » → « j'ai vingt-trois ans ! ». « ½ » becomes « 1/2 ».
    """
    text = fold(text.translate(_APOSTROPHES)).replace("\u2044", "/")
    return " ".join(text.split())
