"""Cutting a message into canonical tokens.

The text is normalised (:func:`rules.normalize.normalize`), cut into tokens, SMS spellings
are expanded (« jai » → « j ai », « chui » → « je suis ») and a few multi-word names are merged
into one token (« pôle emploi » → ``francetravail``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rules.normalize import normalize

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|[^\sa-z\d']")
_RSA_DOTS_RE = re.compile(r"(?<![a-z])r\s?\.\s?s\s?\.\s?a(?![a-z])\.?")

# SMS spellings and frequent typos → canonical tokens (one token may become several).
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "jai": ("j", "ai"),
    "g": ("j", "ai"),
    "jen": ("j", "en"),
    "chui": ("je", "suis"),
    "chuis": ("je", "suis"),
    "chu": ("je", "suis"),
    "jsuis": ("je", "suis"),
    "jsui": ("je", "suis"),
    "jss": ("je", "suis"),
    "jne": ("je", "ne"),
    "ya": ("y", "a"),
    "ilya": ("il", "y", "a"),
    "pa": ("pas",),
    "po": ("pas",),
    "ds": ("dans",),
    "dps": ("depuis",),
    "dpuis": ("depuis",),
    "dpui": ("depuis",),
    "depui": ("depuis",),
    "depuit": ("depuis",),
    "depuits": ("depuis",),
    "tjr": ("toujours",),
    "tjrs": ("toujours",),
    "tjs": ("toujours",),
    "ac": ("avec",),
    "avc": ("avec",),
    "mn": ("mon",),
    "moa": ("moi",),
    "mwa": ("moi",),
    "ki": ("qui",),
    "ke": ("que",),
    "koi": ("quoi",),
    "tt": ("tout",),
    "dc": ("donc",),
    "bb": ("bebe",),
    "bbs": ("bebes",),
    "enft": ("enfant",),
    "enfts": ("enfants",),
    "enfs": ("enfants",),
    "enfan": ("enfant",),
    "enfans": ("enfants",),
    "enfents": ("enfants",),
    "enfent": ("enfant",),
    "efants": ("enfants",),
    "efant": ("enfant",),
    "chomdu": ("chomage",),
    "chomedu": ("chomage",),
    "chome": ("chomage",),
    "chaumage": ("chomage",),
    "chommage": ("chomage",),
    "chomag": ("chomage",),
    "chomge": ("chomage",),
    "chomaj": ("chomage",),
    "chomaje": ("chomage",),
    "chomeuse": ("chomeur",),
    "chomeurs": ("chomeur",),
    "chomeuses": ("chomeur",),
    "boulo": ("boulot",),
    "taff": ("taf",),
    "taffe": ("taf",),
    "tafe": ("taf",),
    "poleemploi": ("francetravail",),
    "celib": ("celibataire",),
    "pacs": ("pacse",),
    "ensseinte": ("enceinte",),
    "enseinte": ("enceinte",),
    "encinte": ("enceinte",),
    "autoentrepreneuse": ("autoentrepreneur",),
    "microentrepreneur": ("autoentrepreneur",),
}
# « jtouche », « jbosse », « jhabite »… : j + verb.
_J_VERBS = frozenset(
    {
        "ai", "suis", "sui", "touche", "touches", "bosse", "travaille", "travail", "habite", "vis",
        "vie", "cherche", "recherche", "fais", "taf", "taffe", "percois", "gagne", "etais",
        "avais", "attends", "attend", "peux", "ne", "vais", "loge",
    }
)  # fmt: skip

_MERGES: tuple[tuple[tuple[frozenset[str], ...], str], ...] = tuple(
    (tuple(frozenset(alt.split("|")) for alt in pattern.split()), merged)
    for pattern, merged in (
        ("pole - emploi", "francetravail"),
        ("pole emploi", "francetravail"),
        ("france travail", "francetravail"),
        ("revenu de solidarite active", "rsa"),
        ("demandeur|demandeuse|demandeurs|demandeuses d|de emploi", "demandeuremploi"),
        ("recherche d|de emploi", "demandeuremploi"),
        ("travailleur|travailleuse|travailleurs handicape|handicapee|handicapes", "rqth"),
        ("reconnu|reconnue|reconnus handicape|handicapee|handicapes", "rqth"),
        ("cap emploi", "capemploi"),
        ("mission locale", "missionlocale"),
        ("sa fait", "ca fait"),
        ("nouveau|nouvelle - ne|nee|nes|nees", "bebe"),
        ("nouveau|nouvelle ne|nee|nes|nees", "bebe"),
        ("contrat pro", "apprentissage"),
        ("contrat de professionnalisation", "apprentissage"),
        ("au foyer", "aufoyer"),
        ("sans activite|activites", "sansactivite"),
        ("service civique", "servicecivique"),
        ("temps partiel|plein", "tempspartiel"),
        ("mi - temps", "tempspartiel"),
        ("mi temps", "tempspartiel"),
        ("auto - entrepreneur|entrepreneuse", "autoentrepreneur"),
        ("auto entrepreneur|entrepreneuse", "autoentrepreneur"),
        ("micro - entrepreneur|entrepreneuse|entreprise", "autoentrepreneur"),
        ("micro entrepreneur|entrepreneuse|entreprise", "autoentrepreneur"),
        ("vie maritale", "encouple"),
        ("en couple", "encouple"),
        ("famille monoparentale", "monoparentale"),
    )
)

PUNCT = frozenset(",.;:!?()[]\n")
SENTENCE_END = frozenset(".;!?\n")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int  # span in the normalised text (pieces of an expanded token share it)
    end: int


@lru_cache(maxsize=256)  # every reader of a message cuts it into tokens: once is enough
def _tokenize(norm: str) -> tuple[_Tok, ...]:
    norm = _RSA_DOTS_RE.sub("rsa", norm)
    raw: list[_Tok] = []
    for m in _TOKEN_RE.finditer(norm):
        word = m.group()
        if word.isdigit() and not word.isdecimal():
            word = "?"  # « ⓵ », « ² »: digits to str.isdigit, not numbers to int()
        pieces = _EXPANSIONS.get(word)
        if pieces is None and len(word) > 2 and word[0] == "j" and word[1:] in _J_VERBS:
            pieces = ("je", word[1:])
        if pieces is None:
            raw.append(_Tok(word, m.start(), m.end()))
        else:
            raw.extend(_Tok(p, m.start(), m.end()) for p in pieces)
    out: list[_Tok] = []
    i = 0
    while i < len(raw):
        for pattern, merged in _MERGES:
            k = len(pattern)
            if i + k <= len(raw) and all(raw[i + m].text in pattern[m] for m in range(k)):
                start, end = raw[i].start, raw[i + k - 1].end
                out.extend(_Tok(p, start, end) for p in merged.split())
                i += k
                break
        else:
            out.append(raw[i])
            i += 1
    return tuple(out)



class Tokens:
    """A normalised text and its canonical tokens."""

    def __init__(self, text: str) -> None:
        self.norm = normalize(text)
        self.toks = _tokenize(self.norm)
        self.words = [t.text for t in self.toks]
        self.offsets: list[int] = []
        pos = 0
        for w in self.words:
            self.offsets.append(pos)
            pos += len(w) + 1
        self.joined = " ".join(self.words)

    def word(self, i: int) -> str:
        """The token at i, or "" outside the text."""
        return self.words[i] if 0 <= i < len(self.words) else ""

    def attached(self, i: int) -> bool:
        """Token i is glued to the previous one in what was typed (« 23ans », « 1200e »)."""
        return 0 < i < len(self.toks) and self.toks[i].start == self.toks[i - 1].end

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Token ranges [i, j) matched by a pattern on the joined canonical tokens."""
        out = []
        for m in pattern.finditer(self.joined):
            i = bisect_right(self.offsets, m.start()) - 1
            j = bisect_right(self.offsets, max(m.end() - 1, m.start())) - 1
            out.append((i, j + 1))
        return out


def phrase(alternatives: str) -> re.Pattern[str]:
    """A regex matching whole canonical tokens."""
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")
