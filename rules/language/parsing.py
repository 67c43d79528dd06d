"""Free-text parsers for what residents write (SMS, chat, terminal assistant).

People answer the way they text: « g 23 ans », « au chomdu depuis 8 mois », « jtouche le rsa »,
« nan », « ouais ». Every function here is pure (no I/O, no global state that changes) so the
terminal assistant, the Rasa actions and the SMS channel can share them.

How it works: the text is normalised (lowercase, no accents, one kind of apostrophe), cut into
tokens, SMS spellings are expanded (« jai » → « j ai », « chui » → « je suis »), a few multi-word
names are merged into one token (« pôle emploi » → ``francetravail``), then small hand-written
parsers look for numbers (digits or French words), durations, dates, amounts, and keywords with
a negation window (« je ne travaille pas », « je touche pas le rsa »).

Field names returned by :func:`extract_facts` are the ones of the situation contract.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

__all__ = [
    "DONT_KNOW",
    "DontKnow",
    "extract_facts",
    "is_dont_know",
    "normalize",
    "parse_activite",
    "parse_age",
    "parse_children",
    "parse_duration_months",
    "parse_money",
    "parse_number",
    "parse_yes_no",
]


# --------------------------------------------------------------------------------------------
# « je ne sais pas »


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


# --------------------------------------------------------------------------------------------
# Normalisation and tokens

_APOSTROPHES = str.maketrans(
    {c: "'" for c in "\u2019\u2018\u201b\u02bc\u02b9\u2032\u0060\u00b4\uff07"}
)
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


def normalize(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes (’ ‘ ` ´ → '), collapse spaces; keep digits.

    « J’AI  Vingt-Trois ans ! » → « j'ai vingt-trois ans ! ». « ½ » becomes « 1/2 ».
    """
    text = text.translate(_APOSTROPHES).lower()
    for ligature, plain in _LIGATURES.items():
        text = text.replace(ligature, plain)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("\u2044", "/")  # fraction slash (from « ½ »)
    return " ".join(stripped.split())


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

_PUNCT = frozenset(",.;:!?()[]\n")
_SENTENCE_END = frozenset(".;!?\n")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int  # span in the normalised text (pieces of an expanded token share it)
    end: int


def _tokenize(norm: str) -> list[_Tok]:
    norm = _RSA_DOTS_RE.sub("rsa", norm)
    raw: list[_Tok] = []
    for m in _TOKEN_RE.finditer(norm):
        word = m.group()
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
    return out


class _Text:
    """A normalised text, its canonical tokens, and their numbers."""

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
        self._nums: dict[bool, list[_Num]] = {}

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

    def numbers(self, group_thousands: bool = False) -> list[_Num]:
        """Every number of the text (digits or words), in order; computed once."""
        if group_thousands not in self._nums:
            self._nums[group_thousands] = _find_numbers(self, group_thousands)
        return self._nums[group_thousands]

    @cached_property
    def by_start(self) -> dict[int, _Num]:
        """Numbers (thousands not grouped) by their first token."""
        return {n.start: n for n in self.numbers()}

    @cached_property
    def by_end(self) -> dict[int, _Num]:
        """Numbers (thousands not grouped) by the token after them."""
        return {n.end: n for n in self.numbers()}


def _phrase(alternatives: str) -> re.Pattern[str]:
    """A regex matching whole canonical tokens."""
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")


# --------------------------------------------------------------------------------------------
# Numbers

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
class _Num:
    value: float
    start: int  # token range [start, end)
    end: int
    digits: bool


def _next_word_index(tx: _Text, j: int) -> int:
    """Skip hyphens between number words (« quatre-vingt-dix »)."""
    while tx.word(j) == "-" and tx.word(j + 1) in _NUMBER_WORDS | {"et"}:
        j += 1
    return j


def _parse_number_words(tx: _Text, i: int) -> tuple[int, int] | None:
    """French number words from token i: « quatre-vingt-dix-neuf » → (99, end index)."""
    words = tx.words
    if words[i] in _ZERO:
        return 0, i + 1
    if words[i] not in _NUMBER_WORDS:
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
        elif w in _THOUSAND:
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


def _digit_value(word: str) -> float | None:
    if word.isdigit():
        return float(int(word))
    if _THOUSANDS_DOT_RE.fullmatch(word):
        return float(int(word.replace(".", "")))
    if _DECIMAL_RE.fullmatch(word):
        return float(word.replace(",", "."))
    return None  # « 15.03.2024 » and the like: not one number


def _find_numbers(tx: _Text, group_thousands: bool) -> list[_Num]:
    out: list[_Num] = []
    words, toks = tx.words, tx.toks
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isdigit():
            value = _digit_value(w)
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
            out.append(_Num(value, i, j, True))
            i = j
            continue
        parsed = _parse_number_words(tx, i)
        if parsed is not None:
            out.append(_Num(float(parsed[0]), i, parsed[1], False))
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
    nums = _Text(text).numbers(group_thousands=True)
    return int(nums[0].value) if nums else None


# --------------------------------------------------------------------------------------------
# « je ne sais pas »

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


# --------------------------------------------------------------------------------------------
# Yes / no


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
_MAX_PHRASE = max(len(k) for k in (*_YES, *_NO))


def parse_yes_no(text: str) -> bool | None:
    """Yes / no from a short answer; None when unclear, contradictory or « je ne sais pas ».

    Yes: oui, ouais, wi, ok, exact, bien sûr, tout à fait… No: non, nan, nope, pas du tout,
    jamais, absolument pas… Digits are not an answer (« 1 » → None). A sentence with a
    negation and no yes-word (« je le touche pas ») is a no.
    """
    if is_dont_know(text):
        return None
    words = [_collapse(w) for w in _Text(text).words if w[0].isalpha()]
    if not words:
        return None
    if len(words) == 1 and words[0] in {"o", "y"}:
        return True
    if len(words) == 1 and words[0] == "n":
        return False
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
    if len(found) == 1:
        return found.pop()
    if not found and weak_no:
        return False
    return None


# --------------------------------------------------------------------------------------------
# Dates and durations

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "fevrie": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip
_DAYS_PER_MONTH = 365.25 / 12
_DURATION_UNITS: dict[str, float] = {
    "mois": 1, "moi": 1, "moiss": 1, "an": 12, "ans": 12, "annee": 12, "annees": 12,
    "anee": 12, "anees": 12, "annes": 12, "semaine": 7 / _DAYS_PER_MONTH,
    "semaines": 7 / _DAYS_PER_MONTH, "sem": 7 / _DAYS_PER_MONTH, "jour": 1 / _DAYS_PER_MONTH,
    "jours": 1 / _DAYS_PER_MONTH, "journees": 1 / _DAYS_PER_MONTH, "trimestre": 3,
    "trimestres": 3,
}  # fmt: skip
_ATTACHED_UNITS: dict[str, float] = {"a": 12, "m": 1, "j": 1 / _DAYS_PER_MONTH}
_HALF = frozenset({"demi", "demie"})
_LAST = frozenset({"dernier", "derniere", "passe", "passee"})
_PERIOD_FILLERS = frozenset({"debut", "mi", "fin", "-", "de", "d", "le", "la", "l", "en"})


def _months_between(start: date, today: date) -> int:
    """Whole months elapsed from start to today (0 when less than a month)."""
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    return max(months, 0)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    day = min(day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _year_of(word: str, today: date) -> int | None:
    """A year written « 2024 » or « 24 » (two digits: 20xx, not after this year)."""
    if not word.isdigit():
        return None
    if len(word) == 4 and 1900 <= int(word) <= today.year + 1:
        return int(word)
    if len(word) == 2 and 2000 + int(word) <= today.year + 1:
        return 2000 + int(word)
    return None


@dataclass(frozen=True, slots=True)
class _Period:
    first: date  # first day of the period the person named
    last: date  # last day of it (same as first for a full date)
    end: int  # token index after it


def _parse_date_at(tx: _Text, i: int, today: date) -> _Period | None:
    """A date or period starting at token i: « 15/03/2024 », « 15 mars », « janvier 2025 »,
    « mars dernier », « 2023 », « l'an dernier », « le mois dernier », « hier »."""
    w = tx.word
    # 15/03/2024, 15-03-24, 03/2024, 2024-03-15, 15.03.2024
    if w(i)[:1].isdigit():
        parts = [w(i)]
        j = i + 1
        if "." in w(i) and _digit_value(w(i)) is None:
            parts = w(i).split(".")
        else:
            while w(j) in {"/", "-"} and w(j + 1).isdigit() and len(parts) < 3:
                parts.append(w(j + 1))
                j += 2
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            if len(parts[0]) == 4:
                y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
            else:
                year = _year_of(parts[2], today)
                if year is None:
                    return None
                y, m, d = year, int(parts[1]), int(parts[0])
            day = _safe_date(y, m, d)
            return _Period(day, day, j) if day else None
        if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[1]) == 4:
            first = _safe_date(int(parts[1]), int(parts[0]), 1)
            if first is None:
                return None
            last = _safe_date(first.year, first.month, 31)
            return _Period(first, last or first, j)
    # le 15 mars (2024), le 1er mai
    if w(i).isdigit() and 1 <= int(w(i)) <= 31:
        j = i + 1
        if w(j) in {"er", "ere"} and tx.attached(j):
            j += 1
        if w(j) in _MONTHS and not (w(j) == "sept" and w(j + 1) in _DURATION_UNITS):
            day_num, month = int(w(i)), _MONTHS[w(j)]
            year = _year_of(w(j + 1), today)
            if year is not None:
                day = _safe_date(year, month, day_num)
                return _Period(day, day, j + 2) if day else None
            day = _safe_date(today.year, month, day_num)
            if day and day > today:
                day = _safe_date(today.year - 1, month, day_num)
            return _Period(day, day, j + 1) if day else None
    # (début / fin / mi-) mars (2024) (dernier)
    j = i
    while w(j) in {"debut", "mi", "fin", "-"} and j < i + 2:
        j += 1
    if w(j) in _MONTHS and not (w(j) == "sept" and w(j + 1) in _DURATION_UNITS):
        month = _MONTHS[w(j)]
        year = _year_of(w(j + 1), today)
        end = j + 2 if year is not None else j + 1
        if year is None:
            last_year = w(j + 1) in _LAST
            if last_year:
                end += 1
            year = today.year
            if month > today.month or (last_year and month == today.month):
                year -= 1
        first = date(year, month, 1)
        return _Period(first, date(year, month, calendar.monthrange(year, month)[1]), end)
    # (début / fin) 2023
    year = _year_of(w(j), today) if len(w(j)) == 4 else None
    if year is not None and w(j + 1) not in _DURATION_UNITS:
        return _Period(date(year, 1, 1), date(year, 12, 31), j + 1)
    # relative: l'an dernier, l'année dernière, le mois dernier, cette année, hier…
    k = i + 1 if w(i) in {"l", "le", "la", "cette", "ce", "cet"} else i
    if w(k) in {"an", "annee"} and w(k + 1) in _LAST:
        return _Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), k + 2)
    if w(k) in {"an", "annee"} and w(i) in {"cette", "cet"}:
        return _Period(date(today.year, 1, 1), today, k + 1)
    if w(k) == "mois" and w(k + 1) in _LAST:
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        last_day = calendar.monthrange(year, month)[1]
        return _Period(date(year, month, 1), date(year, month, last_day), k + 2)
    if w(k) == "semaine" and w(k + 1) in _LAST:
        return _Period(today, today, k + 2)
    if w(i) == "hier" or (w(i) == "avant" and w(i + 1) == "-" and w(i + 2) == "hier"):
        return _Period(today, today, i + 1 if w(i) == "hier" else i + 3)
    if w(i) == "aujourd" and w(i + 1) == "hui":
        return _Period(today, today, i + 2)
    return None


def _parse_quantity_at(tx: _Text, i: int) -> tuple[float, int] | None:
    """« 18 mois », « deux ans et demi », « un an et 3 mois », « 1 an 1/2 » → (months, end)."""
    nums = tx.by_start
    total = 0.0
    j = i
    last_unit = float("inf")
    while True:
        num = nums.get(j)
        if num is None:
            break
        unit_index = num.end
        unit_word = tx.word(unit_index)
        unit = _DURATION_UNITS.get(unit_word)
        if unit is None and unit_word in _ATTACHED_UNITS and tx.attached(unit_index):
            unit = _ATTACHED_UNITS[unit_word]
        if unit is None or unit >= last_unit:
            break
        amount = num.value
        k = unit_index + 1
        if tx.word(k) == "et" and tx.word(k + 1) in _HALF:
            amount += 0.5
            k += 2
        elif tx.word(k) == "1" and tx.word(k + 1) == "/" and tx.word(k + 2) == "2":
            amount += 0.5
            k += 3
        total += amount * unit
        last_unit = unit
        j = k
        if tx.word(j) in {"et", ","} and j + 1 in nums:
            j += 1
    if j == i:
        return None
    return total, j


_DURATION_MARKERS = _phrase(
    r"depuis|ca fait|cela fait|fait|il y a|y a|voila|voici|ca va faire|bientot"
)
_DURATION_FILLERS = frozenset(
    {"bientot", "presque", "environ", "plus", "moins", "de", "d", "au", "pres", "a",
     "peu", "quasi", "quasiment", "deja", "seulement", "que", "genre", "maintenant", "bien",
     "facile", "au-moins", "pile", "tout", "juste", "pratiquement"}
)  # fmt: skip


_DATE_LEAD_INS = _DURATION_FILLERS | {"le", "la", "l", "debut", "fin", "mi", "-", "en", "courant"}


@dataclass(frozen=True, slots=True)
class _Duration:
    months: int
    start: int
    end: int
    marked: bool  # introduced by « depuis », « ça fait », « il y a »…
    is_date: bool  # « janvier », « 2023 », « le 15/03/2024 » rather than « 8 mois »


def _durations(tx: _Text, today: date) -> list[_Duration]:
    """Every duration or « since » date in the text, in order."""
    marker_ends = {j for _, j in tx.spans(_DURATION_MARKERS)}
    out: list[_Duration] = []
    i = 0
    while i < len(tx.words):
        quantity = _parse_quantity_at(tx, i)
        is_date = quantity is None
        if quantity is not None:
            months, end = int(quantity[0] + 1e-9), quantity[1]
        else:
            period = _parse_date_at(tx, i, today)
            if period is None or period.first > today:
                i += 1
                continue
            months, end = _months_between(period.first, today), period.end
        k = i
        while k > 0 and k not in marker_ends and tx.word(k - 1) in _DATE_LEAD_INS:
            k -= 1
        out.append(_Duration(months, i, end, k in marker_ends, is_date))
        i = end
    return out


def parse_duration_months(text: str, today: date) -> int | None:
    """Whole months a situation has lasted; None when no duration can be read.

    Quantities: « 18 mois », « 2 ans » (24), « deux ans et demi » (30), « un an et 3 mois » (15),
    « 1 an 1/2 » (18), « 1,5 an » (18), « une semaine », « 15 jours » (0).
    Dates (« depuis … »): whole months elapsed since the **first day** of the period named —
    the period's start is the earliest moment the person can mean, so the figure is what they
    said, never rounded down below it:
    « janvier » → 1 January of the most recent January not after today (this month → 0);
    « mars dernier » → the March before the current month; « janvier 2025 »; « 2023 » → from
    1 January 2023; « le 15/03/2024 » / « le 15 mars 2024 » → from that day; « l'an dernier »
    → 1 January of last year; « le mois dernier » → 1; « hier » → 0. A date after today → None.
    A bare number (« 8 ») answers the question « (en mois) »: 8; a bare year (« 2023 ») is a year.
    « jamais travaillé », « toujours », « depuis longtemps » → None. With several durations the
    first one introduced by « depuis » / « ça fait » / « il y a » wins, else the first one.
    """
    if is_dont_know(text):
        return None
    tx = _Text(text)
    found = _durations(tx, today)
    if found:
        marked = [d for d in found if d.marked]
        return (marked or found)[0].months
    nums = tx.numbers()
    if len(nums) == 1 and nums[0].digits and nums[0].value < 1900:
        if tx.word(nums[0].end) in {"e", "eur", "euro", "euros", "€", "%", "h", "heures"}:
            return None
        return int(nums[0].value)
    return None


# --------------------------------------------------------------------------------------------
# Age

_AGE_UNITS = frozenset({"ans", "an", "piges", "balais", "berges", "printemps", "ams", "anss"})
_AGE_LEAD = frozenset({"ai", "age", "agee", "ages", "agees", "moi", "jai"})
_PERSON_NOUNS = frozenset(
    {"femme", "homme", "mec", "meuf", "gars", "jeune", "personne", "dame", "monsieur",
     "madame", "maman", "papa", "mere", "pere", "garcon", "fille", "etudiant", "etudiante",
     "demandeuremploi", "chomeur", "age", "agee", "ages", "agees"}
)  # fmt: skip
_GREETINGS = frozenset(
    {"bonjour", "bonsoir", "salut", "slt", "bjr", "hello", "coucou", "cc", "moi", "oui", "alors"}
)  # fmt: skip


def _age_unit_at(tx: _Text, j: int) -> bool:
    return tx.word(j) in _AGE_UNITS or (tx.word(j) == "a" and tx.attached(j))


def _ages(tx: _Text, strict: bool) -> list[_Num]:
    """Numbers that are the person's own age. strict=False also accepts « 23 ans » anywhere."""
    out = []
    for num in tx.numbers():
        if not num.value.is_integer():
            continue
        prev, prev2 = tx.word(num.start - 1), tx.word(num.start - 2)
        after = tx.word(num.end)
        in_list = prev == "et" and (num.start - 1) in tx.by_end  # « 4 et 7 ans »
        if (
            in_list
            or prev in _DURATION_FILLERS
            or prev in {"depuis", "fait", "pendant", "a", "dont"}
        ):
            lead_ok = (
                prev in {"de", "d"}
                and prev2 in _PERSON_NOUNS
                and tx.word(num.start - 3) not in _POSSESSIVES  # « ma fille de 19 ans »
            )
            if not lead_ok:
                continue
        else:
            lead_ok = prev in _AGE_LEAD or (prev == ":" and prev2 in {"age", "ages"})
        if _age_unit_at(tx, num.end) and tx.word(num.end + 1) in {"de", "d"}:
            continue  # « 3 ans d'expérience », « 2 ans de chômage »
        if _age_unit_at(tx, num.end):
            at_start = prev == "" or prev in _PUNCT or prev in _GREETINGS
            loose = not strict and prev not in {"de", "d"}
            if lead_ok or (at_start and num.value >= 14) or loose:
                out.append(num)
        elif lead_ok and 14 <= num.value <= 120 and (after == "" or after in _PUNCT | {"et"}):
            out.append(num)
    return out


_BIRTH_RE = _phrase(r"ne|nee|naissance|naissance :|ne le|nee le|ne en|nee en")


def _birth_date(tx: _Text, today: date) -> date | None:
    """A birth date: « née le 12/03/2001 », « né en mars 2002 », or a bare full date."""
    candidates = [j for _, j in tx.spans(_BIRTH_RE)]
    if not candidates and tx.words and tx.words[0][:1].isdigit():
        period = _parse_date_at(tx, 0, today)
        if period is not None and period.first == period.last:
            return period.first
        return None
    for j in candidates:
        while tx.word(j) in {"le", "en", ":", "l", "au", "mois", "de", "d"}:
            j += 1
        period = _parse_date_at(tx, j, today)
        if period is not None:
            return period.first
    return None


def parse_age(text: str, today: date | None = None) -> int | None:
    """Age in years: « 23 », « 23 ans », « g 23 ans », « j'ai vingt-trois ans », « jai 23a ».

    Out-of-range numbers are returned as they are (validation is elsewhere); None without a
    number. « depuis 2 ans », « 2 enfants », « 18 mois » are not ages. A birth date
    (« née le 12/03/2001 », « 12/03/2001 », « né en 2001 ») gives the age at ``today`` (for a
    year or a month alone, counted from its first day), or None when ``today`` is not given.
    """
    if is_dont_know(text):
        return None
    tx = _Text(text)
    ages = _ages(tx, strict=False)
    if ages:
        return int(ages[0].value)
    if tx.spans(_BIRTH_RE) or _FULL_DATE_RE.search(tx.norm):
        if today is None:
            return None
        born = _birth_date(tx, today)
        if born is not None:
            return _months_between(born, today) // 12 if born <= today else None
    for num in tx.numbers():
        after = tx.word(num.end)
        if after in _DURATION_UNITS or after in _CHILD_NOUNS or after in _MONEY_MARKS:
            continue
        if tx.word(num.start - 1) in {"depuis", "fait"}:
            continue
        return int(num.value)
    return None


_FULL_DATE_RE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}")


# --------------------------------------------------------------------------------------------
# Money

_MONEY_MARKS = frozenset({"€", "e", "eur", "euro", "euros", "eu", "eus", "balles", "boules"})
_MONEY_CONTEXT = frozenset(
    {"revenu", "revenus", "ressource", "ressources", "gagne", "gagnes", "gagnons", "gagnent",
     "touche", "touches", "touchons", "touchent", "percois", "percoit", "salaire", "salaires",
     "paye", "paie", "smic", "alloc", "allocs", "allocation", "allocations", "caf", "apl",
     "pension", "indemnite", "indemnites", "are", "mensuel", "mensuels", "mensuelle", "vis",
     "vit", "vivons", "budget", "total", "foyer", "rentre", "rentrent"}
)  # fmt: skip
_NOT_MONEY = frozenset(
    {"loyer", "dette", "dettes", "credit", "credits", "facture", "factures", "charges",
     "retard", "impayes", "amende", "dois"}
)  # fmt: skip
_NON_MONEY_UNITS = frozenset(
    set(_DURATION_UNITS)
    | _AGE_UNITS
    | {"enfant", "enfants", "%", "h", "heure", "heures", "km", "fois", "personnes", "m2", "kg"}
)
_ZERO_MONEY_RE = _phrase(
    r"rien|nada|que dalle|zero revenus?|(?:pas|sans|aucun|aucune|plus|0) (?:de |d )?"
    r"(?:revenus?|ressources?|salaires?|argent|sous|rentrees?)|pas un (?:rond|sou|centime|euro)"
)
_PER_YEAR_RE = _phrase(r"par an|/ an|a l annee|l annee|annuel|annuels|annuelle|par annee")


def _money_value(tx: _Text, num: _Num) -> tuple[float, int]:
    """Apply « k » (1k2 → 1200, 1,5k → 1500); return the value and the index after it."""
    value, j = num.value, num.end
    if tx.word(j) == "k" and tx.attached(j):
        value *= 1000
        j += 1
        if tx.word(j).isdigit() and tx.attached(j) and len(tx.word(j)) <= 3:
            digits = tx.word(j)
            value += int(digits) * 10 ** (3 - len(digits))
            j += 1
    return value, j


def _money_candidates(tx: _Text, need_context: bool) -> list[tuple[float, int, int, bool]]:
    """(value, start, end, has a currency mark) for each amount-like number."""
    out = []
    per_year = [a for a, _ in tx.spans(_PER_YEAR_RE)]
    for num in tx.numbers(group_thousands=True):
        value, j = _money_value(tx, num)
        after = tx.word(j)
        marked = after in _MONEY_MARKS and (after != "e" or tx.attached(j))
        if not marked and (after in _NON_MONEY_UNITS or (after == "a" and tx.attached(j))):
            continue
        if not marked and tx.word(num.start - 1) in {"depuis", "fait"}:
            continue
        window = set(tx.words[max(0, num.start - 6) : j + 4])
        if window & _NOT_MONEY:
            continue
        if need_context and not marked:
            context = set(tx.words[max(0, num.start - 5) : num.start])
            if not (context & _MONEY_CONTEXT) or (not num.digits and value < 100):
                continue
        end = j + 1 if marked else j
        if any(end <= a <= end + 3 for a in per_year):
            value /= 12
        out.append((round(value, 2), num.start, end, marked))
    return out


def parse_money(text: str) -> float | None:
    """Euros per month: « 650 », « 650 € », « 650,50 », « 1 200 », « 1200e », « 1,2k »,
    « mille deux cents »; « rien », « aucun revenu », « 0 » → 0.0; None when unclear.

    An amount followed by a currency mark wins over a bare number; « par an » divides by 12.
    With two amounts (« entre 800 et 900 ») the first one is returned.
    """
    if is_dont_know(text):
        return None
    tx = _Text(text)
    candidates = _money_candidates(tx, need_context=False)
    if candidates:
        marked = [c for c in candidates if c[3]]
        return float((marked or candidates)[0][0])
    if tx.spans(_ZERO_MONEY_RE):
        return 0.0
    return None


# --------------------------------------------------------------------------------------------
# Negation windows

_NEGATORS_BEFORE = frozenset({"pas", "ne", "n", "jamais", "plus", "sans", "aucun", "aucune", "ni"})
_NEGATORS_AFTER = frozenset({"pas", "jamais", "plus", "rien", "point"})
_CLAUSE_BREAK = frozenset({"mais", "et", "car", "donc", "parce", "puis", "alors", "sinon", "ou"})


def _negated(tx: _Text, i: int, before: int = 4, after: int = 2) -> bool:
    """Is token i under a negation (« je ne travaille pas », « pas de rsa », « sans emploi »)?"""
    for k in range(i - 1, max(-1, i - 1 - before), -1):
        w = tx.word(k)
        if w in _PUNCT or w in _CLAUSE_BREAK:
            break
        if w in _NEGATORS_BEFORE:
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
        if w in _PUNCT or w in _CLAUSE_BREAK or w in {"je", "j"}:
            break
        if w in _NEGATORS_AFTER:
            if w == "plus" and tx.word(k + 1) in {"de", "d"}:
                continue
            return True
    return False


def _near(tx: _Text, i: int, words: frozenset[str], span: int, step: int) -> bool:
    """One of words within `span` tokens before (step -1) or after (step 1) i, in the same
    clause."""
    for k in range(i + step, i + step * (span + 1), step):
        if not 0 <= k < len(tx.words):
            return False
        w = tx.word(k)
        if w in _PUNCT or w in _CLAUSE_BREAK:
            return False
        if w in words:
            return True
    return False


def _before(tx: _Text, i: int, words: frozenset[str], span: int = 3) -> bool:
    return _near(tx, i, words, span, -1)


# --------------------------------------------------------------------------------------------
# Activity

SANS_EMPLOI, EMPLOI, ETUDES, FORMATION = "sans_emploi", "emploi", "etudes", "formation"
APPRENTISSAGE, RETRAITE, AUTRE = "apprentissage", "retraite", "autre"

_ACTIVITY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "chomage",
            "chomeur",
            "sansactivite",
            "demandeuremploi",
            "licencie",
            "licenciee",
            "inactif",
            "inactive",
        ),
        SANS_EMPLOI,
    ),
    **dict.fromkeys(
        (
            "travaille",
            "travailles",
            "travaillons",
            "travaillent",
            "travail",
            "travailler",
            "taf",
            "tafer",
            "taffer",
            "bosse",
            "bosses",
            "bossons",
            "bossent",
            "bosser",
            "boss",
            "boulot",
            "job",
            "salarie",
            "salariee",
            "salaries",
            "cdi",
            "cdd",
            "interim",
            "interimaire",
            "emploi",
            "employe",
            "employee",
            "ouvrier",
            "ouvriere",
            "embauche",
            "embauchee",
            "autoentrepreneur",
            "independant",
            "independante",
            "tempspartiel",
            "travailleur",
            "travailleuse",
        ),
        EMPLOI,
    ),
    **dict.fromkeys(
        (
            "etudiant",
            "etudiante",
            "etudiants",
            "etudiantes",
            "etudes",
            "fac",
            "faculte",
            "universite",
            "lyceen",
            "lyceenne",
            "lycee",
            "bts",
            "licence",
            "master",
            "iut",
            "dut",
            "prepa",
            "terminale",
            "etudie",
            "etudier",
            "doctorant",
            "doctorante",
        ),
        ETUDES,
    ),
    **dict.fromkeys(("formation", "formations", "stagiaire", "stagiaires", "afpa"), FORMATION),
    **dict.fromkeys(
        (
            "apprenti",
            "apprentie",
            "apprentis",
            "apprenties",
            "alternance",
            "alternant",
            "alternante",
            "alternants",
            "apprentissage",
        ),
        APPRENTISSAGE,
    ),
    **dict.fromkeys(("retraite", "retraitee", "retraites", "retraitees"), RETRAITE),
    **dict.fromkeys(("aufoyer", "servicecivique", "invalidite"), AUTRE),
}
_PRIORITY = (RETRAITE, APPRENTISSAGE, FORMATION, ETUDES, SANS_EMPLOI, EMPLOI, AUTRE)
_INTENT = frozenset(
    {"cherche", "cherches", "cherchons", "chercher", "recherche", "recherches", "rechercher",
     "trouver", "veux", "voudrais", "voudrai", "aimerais", "aimerai", "souhaite",
     "souhaiterais", "envie", "projet", "reprendre", "besoin", "demande", "attente", "vise",
     "postule", "postuler"}
)  # fmt: skip
_PAST = frozenset(
    {"fini", "finis", "finit", "termine", "terminee", "arrete", "arretee", "sorti", "sortie",
     "apres", "ancien", "ancienne", "ex", "etais", "etait", "avant", "avais", "avait",
     "quitte", "quittee"}
)  # fmt: skip
_LOSS = frozenset({"perdu", "vire", "viree", "licencie", "licenciee", "fin", "quitte", "quittee"})
_VERB_FORMS = frozenset(
    {"travaille", "bosse", "taf", "etudie", "travailles", "bosses", "travaillons", "bossons"}
)
_FUZZY_STOP = frozenset(
    {"salaire", "salaires", "information", "informations", "retraiter", "travailleur",
     "bossu", "etudier", "fatigue", "format", "formes", "chomeur", "emplois", "employer",
     "retrait", "retraits", "licences", "allocation", "allocations", "alternative", "alterner",
     "travaux", "bosses", "etudes", "apprendre", "formateur", "formatrice", "retraitement",
     "employeur", "employeurs", "bossant", "formule", "formulaire", "stage", "stages"}
)  # fmt: skip
_FUZZY_CHOICES = tuple(w for w in _ACTIVITY_WORDS if len(w) >= 6)


@lru_cache(maxsize=4096)
def _fuzzy_activity_word(word: str) -> str | None:
    """A typo of an activity word (« etudiente », « alternence », « aprentie »), or None."""
    if len(word) < 6 or word in _FUZZY_STOP or not word.isalpha():
        return None
    match = process.extractOne(word, _FUZZY_CHOICES, scorer=fuzz.ratio, score_cutoff=87)
    if match is None or match[0][0] != word[0]:
        return None
    return match[0]


_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
_RELATIVES = frozenset(
    {"mari", "femme", "conjoint", "conjointe", "copain", "copine", "compagnon", "compagne",
     "epoux", "epouse", "fils", "fille", "filles", "enfants", "pere", "mere", "parents",
     "frere", "soeur", "cheri", "cherie", "homme"}
)  # fmt: skip
_POSSESSIVES = frozenset({"mon", "ma", "mes", "son", "sa", "ses", "notre", "nos", "ton", "ta"})
_THIRD_PERSON = "tiers"


def _third_person(tx: _Text, i: int) -> bool:
    """Is token i said about someone else (« mon mari bosse », « elle est étudiante »)?"""
    for k in range(i - 1, max(-1, i - 4), -1):
        w = tx.word(k)
        if w in _PUNCT or w in _CLAUSE_BREAK or w in {"je", "j", "moi"}:
            return False
        if w in _PRONOUNS or (w in _RELATIVES and tx.word(k - 1) in _POSSESSIVES):
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Hit:
    index: int
    category: str


def _activity_hits(tx: _Text) -> list[_Hit]:
    """Activity keywords with their meaning once negations, intentions and past tense applied."""
    hits: list[_Hit] = []
    for i, word in enumerate(tx.words):
        if word == "rien" and _before(tx, i, frozenset({"fais", "fait"}), span=3):
            hits.append(_Hit(i, SANS_EMPLOI))  # « je fais rien »
            continue
        key = word if word in _ACTIVITY_WORDS else _fuzzy_activity_word(word)
        if key is None:
            continue
        category = _ACTIVITY_WORDS[key]
        if key == "emploi" and tx.word(i - 1) in {"capemploi", "offre", "offres", "bureau"}:
            continue
        if key in {"travailleur", "travailleuse"} and tx.word(i + 1) != "independant":
            continue
        if _third_person(tx, i):
            hits.append(_Hit(i, _THIRD_PERSON))  # « mon mari bosse », « elle est étudiante »
            continue
        negated = _negated(tx, i)
        if category == EMPLOI:
            if negated or _before(tx, i, _INTENT | _LOSS, span=4):
                hits.append(_Hit(i, SANS_EMPLOI))
                continue
            if _before(tx, i, _PAST) or (
                key in _VERB_FORMS and tx.word(i - 1) in {"ai", "a", "avais", "avait"}
            ):
                continue
            hits.append(_Hit(i, EMPLOI))
            continue
        if (
            negated
            or _before(tx, i, _PAST)
            or (category != SANS_EMPLOI and _before(tx, i, _INTENT, span=4))
        ):
            continue
        hits.append(_Hit(i, category))
    return hits


_NOTHING_RE = _phrase(r"rien|fais rien|fait rien|je fais rien|je ne fais rien|je fais plus rien")


def parse_activite(text: str) -> str | None:
    """What the person does now: sans_emploi, emploi, etudes, formation, apprentissage,
    retraite or autre; None when nothing is recognised.

    « au chomdu », « je cherche du taf », « je travaille pas », « pas de boulot » → sans_emploi;
    « je bosse », « en CDI », « intérim » → emploi; « étudiante », « à la fac » → etudes;
    « en formation » → formation; « en alternance » → apprentissage; « retraitée » → retraite;
    « mère au foyer », « service civique » → autre. When several are said the more specific
    status wins (retraite > apprentissage > formation > études > sans emploi > emploi).
    """
    if is_dont_know(text):
        return None
    tx = _Text(text)
    categories = {h.category for h in _activity_hits(tx)}
    for category in _PRIORITY:
        if category in categories:
            return category
    if _NOTHING_RE.fullmatch(tx.joined) or tx.joined in {"autre", "autres", "autre chose"}:
        return SANS_EMPLOI if "rien" in tx.words else AUTRE
    return None


# --------------------------------------------------------------------------------------------
# Children

_CHILD_NOUNS_SINGULAR = frozenset(
    {"enfant", "gosse", "gamin", "gamine", "mome", "fille", "garcon", "bebe", "nourrisson",
     "fils", "loulou", "marmot", "minot", "ado", "adolescent", "adolescente", "petit",
     "petite", "ptit", "ptite", "grand", "grande"}
)  # fmt: skip
_CHILD_NOUNS_PLURAL = frozenset(
    {"enfants", "gosses", "gamins", "gamines", "momes", "filles", "garcons", "bebes",
     "nourrissons", "loulous", "marmots", "minots", "ados", "adolescents", "adolescentes",
     "petits", "petites", "ptits", "ptites", "grands", "grandes", "jumeaux", "jumelles",
     "triples", "triplees"}
)  # fmt: skip
_CHILD_NOUNS = _CHILD_NOUNS_SINGULAR | _CHILD_NOUNS_PLURAL
_CONDITIONAL_NOUNS = frozenset(
    {"petit", "petite", "petits", "petites", "ptit", "ptite", "ptits", "ptites", "grand",
     "grande", "grands", "grandes"}
)  # fmt: skip
_BABIES = frozenset({"bebe", "bebes", "nourrisson", "nourrissons"})
_OLDER = frozenset(
    {"ado", "ados", "adolescent", "adolescente", "adolescents", "adolescentes", "grand",
     "grande", "grands", "grandes"}
)  # fmt: skip
_MULTIPLES = {"jumeaux": 2, "jumelles": 2, "triples": 3, "triplees": 3}
_ADJECTIVES = frozenset(
    {"petit", "petite", "petits", "petites", "ptit", "ptite", "ptits", "ptites", "grand",
     "grande", "grands", "grandes", "jeune", "jeunes", "autre", "autres", "beaux", "belles",
     "-", "seul", "seule", "deja"}
)  # fmt: skip
_ORDINAL_SUFFIX = frozenset({"e", "eme", "er", "ere", "ieme", "nd", "nde", "em"})
_NOUN_FOLLOWERS = (
    frozenset(
        {
            "",
            "de",
            "d",
            "qui",
            "et",
            "dont",
            "a",
            "ont",
            "age",
            "agee",
            "ages",
            "agees",
            "ne",
            "nee",
            "nes",
            "nees",
            ":",
            "(",
            "aussi",
            "en",
            "avec",
        }
    )
    | _PUNCT
)


@dataclass(slots=True)
class _Group:
    count: int | None
    under3: int | None
    subset: bool
    start: int
    end: int


def _child_ages(tx: _Text, j: int, today: date | None) -> tuple[list[float] | str | None, int]:
    """Ages after a child noun: « de 4 et 7 ans » → [4, 7]; « de 18 mois » → [1.5];
    « de moins de 3 ans » → "under"; « de plus de 3 ans » → "over"; None when nothing."""
    w = tx.word
    k = j
    skipped = 0
    while w(k) in {"de", "d", "qui", "ont", "a", "age", "agee", "ages", "agees", "(", ":",
                   "respectivement", "charge", "ans"} and skipped < 4:  # fmt: skip
        if w(k) == "ans":
            return None, j
        k += 1
        skipped += 1
    if w(k) in {"moins", "-", "<"} or w(k) in {"plus", ">", "+"}:
        under = w(k) in {"moins", "-", "<"}
        m = k + 1
        while w(m) in {"de", "d"}:
            m += 1
        nums = tx.by_start
        num = nums.get(m)
        if num is not None:
            unit = _DURATION_UNITS.get(w(num.end)) or (
                12.0 if w(num.end) == "a" and tx.attached(num.end) else None
            )
            if unit is not None:
                years = num.value * unit / 12
                if under and years <= 3:
                    return "under", num.end + 1
                if not under and years >= 3:
                    return "over", num.end + 1
                return None, num.end + 1
        return None, j
    if w(k) in {"ne", "nee", "nes", "nees"} and today is not None:
        m = k + 1 if w(k + 1) in {"en", "le", "depuis", "au", "debut", "fin"} else k
        period = _parse_date_at(tx, m + 1 if m > k else k + 1, today)
        if period is not None:
            oldest, youngest = (
                _months_between(period.first, today),
                _months_between(period.last, today),
            )
            if oldest < 36:
                return [oldest / 12], period.end
            if youngest >= 36:
                return [youngest / 12], period.end
            return None, period.end
        return None, j
    ages: list[float] = []
    pending: list[float] = []
    nums = tx.by_start
    m = k
    while m in nums:
        num = nums[m]
        pending.append(num.value)
        m = num.end
        unit_word = w(m)
        unit = _DURATION_UNITS.get(unit_word)
        if unit is None and unit_word in _ATTACHED_UNITS and tx.attached(m):
            unit = _ATTACHED_UNITS[unit_word]
        if unit is not None:
            m += 1
            if w(m) == "et" and w(m + 1) in _HALF:
                pending[-1] += 0.5
                m += 2
            elif w(m) == "1" and w(m + 1) == "/" and w(m + 2) == "2":
                pending[-1] += 0.5
                m += 3
            ages.extend(v * unit / 12 for v in pending)
            pending = []
        if w(m) in {"et", ",", "-"} and m + 1 in nums:
            m += 1
            continue
        break
    if not ages:
        return None, j
    return ages, m


def _group_at(tx: _Text, k: int, today: date | None) -> _Group | None:
    """The children group whose noun is token k, or None when k is not a child noun."""
    w = tx.word
    noun = w(k)
    if noun not in _CHILD_NOUNS:
        return None
    if noun in _CONDITIONAL_NOUNS and (w(k + 1) in _CHILD_NOUNS or w(k + 1) not in _NOUN_FOLLOWERS):
        return None  # an adjective: « petit garçon », « un petit boulot »
    if noun in _BABIES and _before(tx, k, frozenset({"attends", "attend", "attendons"})):
        return None  # pregnancy, not a child yet
    if noun in {"fille", "garcon", "fils", "petite", "petit", "grand", "grande"} and _before(
        tx, k, frozenset({"suis", "etre", "es", "etais"}), span=3
    ):
        return None  # « je suis une fille de 19 ans »
    # walk back over adjectives to the number or determiner
    h = k - 1
    while h >= 0 and w(h) in _ADJECTIVES and h > k - 3:
        h -= 1
    if w(h) in _ORDINAL_SUFFIX and tx.attached(h):
        return None  # « mon 2e enfant »
    count: int | None = None
    start = k
    num = tx.by_end.get(h + 1)
    if num is not None and num.value.is_integer():
        count = int(num.value)
        start = num.start
    elif noun in _MULTIPLES:
        count = _MULTIPLES[noun]
    elif w(h) in {"mon", "ma", "son", "sa", "ton", "ta", "le", "la", "l"}:
        count = 1
        start = h
    elif (noun in _CHILD_NOUNS_SINGULAR and noun != "fils") or (
        noun == "fils" and w(h) not in {"mes", "des", "les", "nos", "ses", "mais"}
    ):
        count = 1
    before = "dont" if "dont" in {w(start - 1), w(start - 2)} else w(start - 1)
    subset = (
        before == "dont"
        or w(start) in {"le", "la", "l"}
        or before in {"le", "la", "l"}
        or (before == "plus" and w(start - 2) in {"le", "la", "l"})
    )
    if w(k - 1) == "plus" and w(k - 2) in {"le", "la", "l"}:
        subset, count = True, 1
    if count and _negated(tx, start, before=3, after=0):
        count = 0
    if count is None and _negated(tx, k, before=3, after=0):
        count = 0
    ages, end = _child_ages(tx, k + 1, today)
    if ages is None and count is None:
        # « enfants : 2 », « enfants à charge 3 »
        m = k + 1
        while w(m) in {":", "a", "charge", "="}:
            m += 1
        nums = tx.by_start
        if m in nums and w(nums[m].end) not in _DURATION_UNITS and nums[m].value.is_integer():
            count = int(nums[m].value)
            end = nums[m].end
    if count == 0:
        if ages == "under":  # « pas d'enfant de moins de 3 ans »: how many in all is unknown
            return _Group(None, 0, subset, start, end)
        return _Group(0, 0, subset, start, end)
    under3: int | None = None
    if ages == "under":
        under3 = count
    elif ages == "over":
        under3 = 0
    elif isinstance(ages, list):
        if count is None:
            count = len(ages)
        if len(ages) == 1 and count > 1:
            under3 = count if ages[0] < 3 else 0
        elif len(ages) >= count:
            under3 = sum(1 for a in ages if a < 3)
        else:
            under3 = sum(1 for a in ages if a < 3) if subset else None
    elif noun in _BABIES:
        under3 = count
    elif noun in _OLDER:
        under3 = 0
    return _Group(count, under3, subset, start, max(end, k + 1))


def _bare_subset(tx: _Text, m: int, today: date | None) -> _Group | None:
    """« dont un de 2 ans », « dont deux de moins de 3 ans »: a number and ages, no noun."""
    num = tx.by_start.get(m)
    if num is None or not num.value.is_integer():
        return None
    ages, end = _child_ages(tx, num.end, today)
    if ages is None:
        return None
    count = int(num.value)
    under: int
    if ages == "under":
        under = count
    elif ages == "over":
        under = 0
    else:
        assert isinstance(ages, list)
        young = sum(1 for a in ages if a < 3)
        under = count if len(ages) == 1 and ages[0] < 3 else young
    return _Group(count, min(under, count), True, m, end)


def _child_groups(tx: _Text, today: date | None) -> list[_Group]:
    """Every group of children named in the text (« 2 enfants », « dont un bébé »…)."""
    groups: list[_Group] = []
    k = 0
    while k < len(tx.words):
        if tx.word(k) == "dont":
            subset = _bare_subset(tx, k + 1, today)
            if subset is not None:
                groups.append(subset)
                k = subset.end
                continue
        group = _group_at(tx, k, today)
        if group is None:
            k += 1
            continue
        groups.append(group)
        k = group.end
    return groups


def _combine(groups: list[_Group]) -> tuple[int | None, int | None]:
    main = [g for g in groups if not g.subset]
    subsets = [g for g in groups if g.subset]
    total: int | None = None
    if main and all(g.count is not None for g in main):
        total = sum(g.count or 0 for g in main)
    under: int | None
    if main and all(g.under3 is not None for g in main):
        under = sum(g.under3 or 0 for g in main)
    elif subsets and any(g.under3 is not None for g in subsets):
        under = sum(g.under3 or 0 for g in subsets) + sum(g.under3 or 0 for g in main)
    else:
        under = None
    if total is not None and under is not None and under > total:
        under = total
    return total, under


def parse_children(text: str, today: date | None = None) -> tuple[int | None, int | None]:
    """(enfants_a_charge, enfants_moins_3_ans) from an answer about children.

    « 2 enfants dont un bébé de 18 mois » → (2, 1); « pas d'enfant » / « aucun » / « non » →
    (0, 0); « 3 » → (3, None); « un fils de 2 ans » → (1, 1); « deux filles de 4 et 7 ans » →
    (2, 0); « jumeaux de 1 an » → (2, 2); « un bébé et une fille de 5 ans » → (2, 1).
    A « bébé » counts as under 3. After « dont » the children named are taken to be all the
    under-3s. ``today`` lets « né en mars 2025 » be read as an age. Unknown parts are None.
    """
    if is_dont_know(text):
        return None, None
    tx = _Text(text)
    groups = _child_groups(tx, today)
    if groups:
        total, under = _combine(groups)
        if total is None and not [g for g in groups if not g.subset]:
            used = {i for g in groups for i in range(g.start, g.end)}
            for num in tx.numbers():
                if num.start not in used and num.value.is_integer():
                    total = int(num.value)
                    break
        if total is not None and under is not None and under > total:
            under = total
        return total, under
    for num in tx.numbers():
        after = tx.word(num.end)
        if after not in _PUNCT | {"", "seul", "seule", "seulement", "a", "en", "et", "au", "total"}:
            continue
        if not num.value.is_integer() or num.value < 0:
            continue
        value = int(num.value)
        return value, (0 if value == 0 else None)
    answer = parse_yes_no(text)
    if answer is False or tx.joined in {"personne", "nul", "aucun", "aucune"}:
        return 0, 0
    return None, None


# --------------------------------------------------------------------------------------------
# Facts from one free sentence

_RSA_BLOCKERS = frozenset(
    {"demande", "demander", "droit", "droits", "attente", "eligible", "dossier", "demandee",
     "ouvrir", "toucher", "avoir", "percevoir", "refuse", "refus", "si"}
)  # fmt: skip
# « c'est quoi le RSA », « le rsa c koi », « combien fait le rsa » ask about it: they say nothing
# of whether the person receives it.
_ASKING_ABOUT = frozenset(
    {"quoi", "koi", "comment", "combien", "quel", "quelle", "explique", "expliquer",
     "expliquez", "savoir", "info", "infos", "renseignement", "renseignements", "calcule"}
)  # fmt: skip
_RSA_STOPPED = frozenset({"coupe", "supprime", "suspendu", "radie", "radiee", "arrete", "sucre"})
_COUPLE_TRUE = frozenset(
    {"encouple", "marie", "mariee", "maries", "mariees", "pacse", "pacsee", "pacses",
     "pacsees", "concubin", "concubine", "concubinage", "conjoint", "conjointe", "mari",
     "compagnon", "compagne", "epoux", "epouse"}
)  # fmt: skip
_PARTNER_AFTER_POSSESSIVE = frozenset(
    {"copain", "copine", "copin", "femme", "homme", "cheri", "cherie", "chere", "moitie"}
)
_COUPLE_FALSE = frozenset(
    {"celibataire", "celibataires", "seul", "seule", "isole", "isolee", "separe", "separee",
     "separes", "divorce", "divorcee", "divorces", "veuf", "veuve", "monoparentale",
     "monoparental", "solo"}
)  # fmt: skip
_RESIDENCE_WORDS = frozenset(
    {"habite", "habites", "habitons", "habitent", "habiter", "vis", "vit", "vivons", "vivent",
     "loge", "logee", "loges", "heberge", "hebergee", "installe", "installee", "installes",
     "emmenage", "emmenagee", "demenage", "demenagee", "arrive", "arrivee", "arrives",
     "ici", "quartier", "ville", "commune", "coin", "appart", "appartement", "logement",
     "adresse", "domicile", "residence", "reside", "village", "cite"}
)  # fmt: skip
_MOVE_IN = frozenset(
    {"emmenage", "emmenagee", "emmenages", "demenage", "demenagee", "demenages", "arrive",
     "arrivee", "arrives", "arrivees", "installe", "installee", "installes", "installees"}
)  # fmt: skip
_UNEMPLOYED_TOPIC = frozenset(
    {"cherche", "recherche", "francetravail", "inscrit", "inscrite", "chomage", "chomeur"}
)
_OTHER_TOPIC = (
    frozenset({"rsa", "enceinte", "grossesse", "rqth", "handicap"}) | _COUPLE_TRUE | _CHILD_NOUNS
)


def _topics(tx: _Text, activity: list[_Hit]) -> dict[int, str]:
    """Token index → what it talks about: "unemployed", "residence" or "other"."""
    topics: dict[int, str] = {}
    for i, w in enumerate(tx.words):
        lives_with = w in {"vis", "vit", "vivons"} and tx.word(i + 1) in {
            "avec",
            "seul",
            "seule",
            "ensemble",
            "en",
        }
        if w in _RESIDENCE_WORDS and not lives_with:
            topics[i] = "residence"
        elif w in _UNEMPLOYED_TOPIC:
            topics[i] = "unemployed"
        elif w in _OTHER_TOPIC or lives_with:
            topics[i] = "other"
    for hit in activity:
        topics[hit.index] = "unemployed" if hit.category == SANS_EMPLOI else "other"
    return topics


def _topic_of(tx: _Text, duration: _Duration, topics: dict[int, str]) -> str | None:
    """What a « depuis … » duration is about: the nearest topic word in the same sentence."""
    best: tuple[int, int, str] | None = None
    for i in range(max(0, duration.start - 9), min(len(tx.words), duration.end + 9)):
        topic = topics.get(i)
        if topic is None or duration.start <= i < duration.end:
            continue
        if i < duration.start:
            lo, hi, distance, side = i, duration.start, duration.start - i, 0
        else:
            lo, hi, distance, side = duration.end, i, i - duration.end + 1, 1
        if any(tx.word(m) in _SENTENCE_END for m in range(lo, hi)):
            continue
        if best is None or (distance, side) < (best[0], best[1]):
            best = (distance, side, topic)
    return None if best is None or best[2] == "other" else best[2]


def _answer_after(tx: _Text, i: int) -> bool | None:
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


def _rsa(tx: _Text) -> bool | None:
    value: bool | None = None
    for i, w in enumerate(tx.words):
        if w != "rsa":
            continue
        if (answer := _answer_after(tx, i)) is not None:
            return answer
        if _before(tx, i, _RSA_STOPPED, span=4) or _before(tx, i, frozenset({"ex"}), 1):
            return False
        if _negated(tx, i, before=5, after=1):
            value = False if value is None else value
            continue
        if _before(tx, i, _RSA_BLOCKERS | _ASKING_ABOUT, span=4) or _near(
                tx, i, _ASKING_ABOUT, 3, 1):
            continue
        value = True
    return value


def _en_couple(tx: _Text) -> bool | None:
    yes = no = False
    for i, w in enumerate(tx.words):
        prev = tx.word(i - 1)
        is_true = w in _COUPLE_TRUE or (
            w in _PARTNER_AFTER_POSSESSIVE and prev in {"mon", "ma", "avec"}
        )
        if w in {"mari", "conjoint", "conjointe", "compagnon", "compagne", "epoux", "epouse"}:
            is_true = prev in {"mon", "ma", "avec", "un", "une", "le", "la"} or prev == ""
        if w == "encouple" and (answer := _answer_after(tx, i)) is not None:
            return answer
        if is_true:
            if _negated(tx, i, before=3, after=1) or _before(tx, i, _PAST | {"ex"}, span=3):
                no = True
            else:
                yes = True
        elif w in _COUPLE_FALSE:
            if w in {"seul", "seule"} and (
                prev in {"un", "une", "le", "la", "mon", "ma", "mes", "seul", "l"}
                or prev[:1].isdigit()
                or tx.word(i + 1) in {"enfant", "revenu", "salaire", "fils", "fille", "parent"}
            ):
                continue
            if _negated(tx, i, before=3, after=1):
                yes = True
            else:
                no = True
    if yes:
        return True
    return False if no else None


_PENDING = frozenset({"demande", "demandee", "attente", "dossier", "cours", "instruction"})


def _flag(tx: _Text, words: frozenset[str]) -> bool | None:
    """True when one of words is said, False when it is negated, None when absent."""
    value: bool | None = None
    for i, w in enumerate(tx.words):
        if w in words:
            if (answer := _answer_after(tx, i)) is not None:
                return answer
            if _negated(tx, i, before=4, after=1):
                value = False if value is None else value
            elif _before(tx, i, _PENDING, span=4) or _PENDING & set(tx.words[i + 1 : i + 4]):
                continue  # « demande de RQTH », « RQTH en cours »
            else:
                value = True
    return value


def _inscrit(tx: _Text) -> bool | None:
    value: bool | None = None
    for i, w in enumerate(tx.words):
        about = w == "francetravail" or (
            w in {"chomage"}
            and tx.word(i - 1) in {"au"}
            and _before(tx, i, frozenset({"inscrit", "inscrite", "inscrits", "inscrites"}), span=3)
        )
        if not about:
            continue
        if _before(tx, i, frozenset({"radie", "radiee", "inscrire", "desinscrit", "desinscrite"}),
                   span=5):  # fmt: skip
            value = False
        elif _negated(tx, i, before=6, after=1):
            value = False if value is None else value
        else:
            value = True if value is None else value
    return value


def extract_facts(text: str, today: date) -> dict[str, object]:
    """Every situation field that can be read from one free sentence (contract field names).

    « jai 23 ans au chomage depuis 8 mois » → {"age": 23, "activite": "sans_emploi",
    "sans_emploi_depuis_mois": 8}. Reads: age, activite, sans_emploi_depuis_mois (a « depuis »
    duration next to unemployment words), residence_depuis_mois (a « depuis » duration next to
    « j'habite », « ici », « quartier »…), rsa, en_couple, enceinte, enfants_a_charge,
    enfants_moins_3_ans, inscrit_france_travail, rqth, ressources_mensuelles_foyer (an amount
    next to « revenus », « je touche », « gagne », « € »…). Never the commune. Absent facts are
    left out of the dict.

    Choices: a duration goes to the nearest topic word in the same sentence, so « inscrit à
    France Travail depuis 2 ans » counts as 24 months without work; what is said about someone
    else (« mon mari bosse », « elle est étudiante ») does not set ``activite``; a requested or
    pending RSA / RQTH (« j'ai fait une demande de RSA ») is left unknown.
    """
    facts: dict[str, object] = {}
    if not text or not text.strip():
        return facts
    tx = _Text(text)
    ages = _ages(tx, strict=True)
    if ages:
        facts["age"] = int(ages[0].value)
    elif tx.spans(_BIRTH_RE) and not _child_groups(tx, today):
        born = _birth_date(tx, today)
        if born is not None and born <= today:
            facts["age"] = _months_between(born, today) // 12
    hits = _activity_hits(tx)
    categories = {h.category for h in hits}
    for category in _PRIORITY:
        if category in categories:
            facts["activite"] = category
            break
    age_starts = {n.start for n in ages}
    topics = _topics(tx, hits)
    for duration in _durations(tx, today):
        of_unemployment = tx.word(duration.end) in {"de", "d", "sans"} and tx.word(
            duration.end + 1
        ) in {"chomage", "emploi", "travail", "boulot", "taf", "recherche"}
        marked = duration.marked or of_unemployment
        moved_in = (
            duration.is_date
            and tx.word(duration.start - 1) in _DATE_LEAD_INS
            and _before(tx, duration.start, _MOVE_IN, span=4)
        )  # « j'ai emménagé en janvier »
        if not (marked or moved_in) or duration.start in age_starts:
            continue
        topic = "residence" if moved_in else _topic_of(tx, duration, topics)
        if topic == "unemployed" and "sans_emploi_depuis_mois" not in facts:
            facts["sans_emploi_depuis_mois"] = duration.months
        elif topic == "residence" and "residence_depuis_mois" not in facts:
            facts["residence_depuis_mois"] = duration.months
    if (rsa := _rsa(tx)) is not None:
        facts["rsa"] = rsa
    if (couple := _en_couple(tx)) is not None:
        facts["en_couple"] = couple
    if (pregnant := _flag(tx, frozenset({"enceinte", "enceintes"}))) is not None:
        facts["enceinte"] = pregnant
    elif tx.spans(_phrase(r"(?:attends|attend|attendons) (?:un|une) (?:bebe|enfant)")):
        facts["enceinte"] = True
    groups = _child_groups(tx, today)
    if groups:
        total, under = _combine(groups)
        if total is not None:
            facts["enfants_a_charge"] = total
        if under is not None:
            facts["enfants_moins_3_ans"] = under
    if (inscrit := _inscrit(tx)) is not None:
        facts["inscrit_france_travail"] = inscrit
    if (rqth := _flag(tx, frozenset({"rqth"}))) is not None:
        facts["rqth"] = rqth
    money = _money_candidates(tx, need_context=True)
    money = [m for m in money if m[1] not in age_starts]
    if money:
        facts["ressources_mensuelles_foyer"] = float(money[0][0])
    elif tx.spans(
        _phrase(
            r"(?:pas|sans|aucun|aucune|zero|0|plus) (?:de |d )?(?:revenus?|ressources?)"
            r"|(?:revenus?|ressources?) (?::|=)? ?(?:rien|zero|0|nada|aucun)"
            r"|pas un (?:rond|sou|centime)"
        )
    ):
        facts["ressources_mensuelles_foyer"] = 0.0
    return facts
