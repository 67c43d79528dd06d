"""Where the person lives, in a free message (« j'habite sur Roubaix », « 59100 », « a tourcoin »).

A name is a commune by its context, not only by its spelling:
- a locative cue before it makes it one: « j'habite (à) », « je vis à », « à », « sur », « vers »,
  « je suis de »; after « je bosse à », « je déménage à » it is not where the person lives;
- without a cue, only a commune of the Nord, and never after « rue (de) », « quartier », « ma
  fille »…, nor after an article that is not part of its name (« à la croix rouge » is not Croix);
- outside the Nord, a word of everyday French (« à charge ») is a commune only after « j'habite »;
- the strongest cue wins (« je suis de Roubaix mais j'habite à Lyon » → Lyon); a commune where
  the person works or moves to is only offered, when no other is named;
- a postal code is read unless it is an amount (« 12000 € »);
- a misspelt name is not taken: its look-alikes are offered (`PlaceReading.suggestions`);
- a habilitated quartier (« quartier Phalempin », « les Oliveaux ») is the quartier, not a commune.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rules.engine.catalogue import default_catalogue
from rules.language.lexicon import is_french_word, is_headword
from rules.places.communes import (
    Commune,
    CommuneError,
    communes_named,
    get_commune,
    look_alikes_in_the_nord,
    normalize_name,
    resolve_commune,
)

_MAX_WORDS = 5
_MIN_LENGTH = 4  # shorter names (« Ors », « Y ») are too often ordinary words
_MIN_TYPO = 5  # shorter words are not taken for a misspelt commune without a cue
_TIE = 0.02  # look-alikes this close to the closest one are offered too

HOME, CUED, BARE, ELSEWHERE = 3, 2, 1, 0  # how surely a name is where the person lives
_HABITE = {"habite", "jhabite", "habitons", "habitent", "habitez"}
_LIVES = {*_HABITE, "vis", "vit", "vivons", "reside", "residons", "domicilie", "domiciliee"}
_PREPOSITIONS = {"a", "sur", "vers", "dans", "au", "pres", "cote", "en"}
_IS_FROM = {"suis", "jsuis", "chui", "sui"}  # « je suis de Béthune »
# After these, « à X » is where the person goes or works, not where they live.
# (« je cherche du boulot à Wattrelos » is where the person lives: nouns are not here)
_ELSEWHERE = {"bosse", "bosser", "bossais", "travaille", "travailler", "travaillais",
              "taffe", "demenage", "demenager", "demenagerai", "vais", "va",
              "aller", "allons", "partir", "pars", "part", "ne", "nee", "originaire", "etudie",
              "pas", "plus"}
# Before these a name is a street, a place or a person, not the commune.
_NOT_A_COMMUNE = {"rue", "avenue", "av", "bd", "boulevard", "place", "chemin", "route", "allee",
                  "impasse", "quai", "cite", "residence", "quartier", "faubourg", "gare", "porte",
                  "parc", "lycee", "college", "ecole", "fille", "fils", "garcon", "mari", "femme",
                  "copain", "copine", "frere", "soeur", "mere", "pere", "bebe", "appelle",
                  "prenom", "madame", "monsieur", "mme", "mr"}
_OF = {"de", "du", "des", "d"}
# « pas à Fives », « près des Oliveaux »: the commune, but not the quartier
_NOT_INSIDE = {"pas", "hors", "loin", "plus", "pres", "cote"}
_ARTICLES = {"le", "la", "les", "l"}
_ENDS = {"et", "depuis", "avec", "mais", "je", "j", "jai", "g", "chui", "on", "mon", "ma", "mes",
         "dont", "ou", "car", "donc", "ca", "cela", "ici", "maintenant", "chez", "pas", "plus",
         "encore", "toujours", "actuellement", "seul", "seule", "mois", "ans", "enfant",
         "enfants", "emploi", "travail", "chomage", "france", "rsa", "pour", "bien", "nord",
         "ville", "couple", "en", "au", "a", "sur", "de", "du", "le", "la", "les"}
_POSTAL = re.compile(r"(?<![\d,.:])(\d{5}|\d{2} \d{3})(?!\d|[,.]\d)(?!\s*(?:€|e\b|eur|euro|k\b))",
                     re.IGNORECASE)
_SPACED_CUES = ("au", "le", "cp", "postal", "a", "sur", "dans")


@dataclass(frozen=True)
class PlaceReading:
    """What a message says of where the person lives."""

    commune: Commune | None = None  # named clearly
    strength: int = BARE  # HOME, CUED or BARE: how it was named
    suggestions: tuple[Commune, ...] = ()  # a misspelt or shared name: the likely communes
    quartier: bool | None = None  # in a habilitated quartier of `commune` (False: « pas à Fives »)
    unknown: str | None = None  # words after « j'habite » that name no commune we know

    @property
    def found(self) -> bool:
        return self.commune is not None or bool(self.suggestions) or self.unknown is not None


def _without_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if first in _ARTICLES and rest else name


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    communes: tuple[Commune, ...]
    strength: int

    @property
    def key(self) -> tuple[int, bool, int]:
        return (self.strength, any(c.dans_le_nord for c in self.communes), self.end - self.start)


def _cue(words: list[str], start: int) -> int | None:
    """How surely the name at `start` is where the person lives; None: it is not a commune."""
    before = words[start - 1] if start else ""
    earlier = words[start - 2] if start > 1 else ""
    if before in _NOT_A_COMMUNE or (before in _OF and earlier in _NOT_A_COMMUNE):
        return None
    if before in _ARTICLES:
        return None  # « à la croix rouge »: « Croix » has no article in its name
    if before in _LIVES:
        return HOME
    if before in _PREPOSITIONS:
        if earlier in _LIVES or (earlier in _PREPOSITIONS and start > 2
                                 and words[start - 3] in _LIVES):
            return HOME
        return ELSEWHERE if earlier in _ELSEWHERE else CUED
    if before in _OF and earlier in _IS_FROM:
        return CUED
    return BARE


def _accepted(name: str, communes: tuple[Commune, ...], strength: int) -> bool:
    if any(c.dans_le_nord for c in communes):
        return True
    words = [word for word in name.split() if word not in _ARTICLES]
    if all(is_headword(word) for word in words):
        return False  # « non plus à charge » is not Chargé, « le quartier » not Le Quartier
    return strength != BARE or not all(is_french_word(word) for word in words)  # La Touche


def _named_here(words: list[str], start: int, end: int) -> tuple[Commune, ...]:
    """The communes named by words[start:end], as a commune may be named there."""
    span = " ".join(words[start:end])
    short = len(span) < _MIN_LENGTH
    if short and (len(span) < 3 or (_cue(words, start) or BARE) < CUED or is_french_word(span)):
        return ()  # « à Hem » is Hem; « Y », « Eu » and ordinary words are not communes
    communes = communes_named(span)
    if words[start] in _ARTICLES:  # « la croix » is not Croix: its name has no article
        communes = tuple(c for c in communes if normalize_name(c.nom).startswith(words[start]))
    if communes and end - start > 1 and _cue(words, start) == BARE:
        communes = tuple(c for c in communes if _without_article(normalize_name(c.nom))
                         == _without_article(span))  # « an et » is not Anet
    return communes


def _names(words: list[str], taken: set[int]) -> list[_Name]:
    """Every run of words that is exactly a commune's name, where a commune may be named."""
    found: list[_Name] = []
    for start in range(len(words)):
        for end in range(min(len(words), start + _MAX_WORDS), start, -1):
            if taken & set(range(start, end)):
                continue
            communes = _named_here(words, start, end)
            if not communes:
                continue
            strength = _cue(words, start)
            if strength is not None and _accepted(" ".join(words[start:end]), communes,
                                                  strength):
                found.append(_Name(start, end, communes, strength))
            break
    return found


@functools.cache
def _quartiers() -> dict[str, str]:
    """Habilitated quartiers: their names as people say them (normalised) → the commune's INSEE
    code. « Triangle Menin-Clemenceau, quartier Phalempin (Tourcoing) » gives « triangle menin
    clemenceau » and « phalempin »; a whole territory (« territoire … de Bailleul ») gives none."""
    names: dict[str, str] = {}
    for scheme in default_catalogue().schemes.values():
        for quartier in scheme.territoire.quartiers:
            bare = re.sub(r"\([^)]*\)", " ", quartier.nom)
            for part in re.split(r",| et ", bare):
                words = normalize_name(part).split()
                while words and words[0] in _ARTICLES | {"quartier"}:
                    words = words[1:]  # « aux Oliveaux », « quartier Phalempin »
                if words and words[0] != "territoire":
                    names[" ".join(words)] = quartier.commune
    return names


def _quartier(words: list[str]) -> tuple[str, set[int]] | None:
    """The commune of a quartier named in the message, and the positions of its words (the
    first one first)."""
    text = f" {' '.join(words)} "
    for name, insee in _quartiers().items():
        at = text.find(f" {name} ")
        if at >= 0:
            first = text[:at].count(" ")
            return insee, set(range(first, first + len(name.split())))
    return None


def _postal(text: str) -> PlaceReading | None:
    for match in _POSTAL.finditer(text):
        code = match.group(1)
        before = normalize_name(text[:match.start()]).split()
        if " " in code and not (before and before[-1] in _SPACED_CUES):
            continue
        try:
            return PlaceReading(resolve_commune(code.replace(" ", ""), kind="postal"), CUED)
        except CommuneError as exc:
            if exc.candidates:
                return PlaceReading(suggestions=tuple(exc.candidates[:5]))
    return None


def _named(words: list[str], taken: set[int]) -> PlaceReading | None:
    names = _names(words, taken)
    if not names:
        return None
    best = max(names, key=lambda n: n.key)
    in_nord = [c for c in best.communes if c.dans_le_nord]
    if best.strength == ELSEWHERE:  # « je travaille à Tourcoing »: perhaps home too, asked
        return PlaceReading(suggestions=tuple(in_nord or best.communes)[:3],
                            strength=ELSEWHERE)
    if len(best.communes) == 1 or len(in_nord) == 1:
        return PlaceReading((in_nord or list(best.communes))[0], best.strength)
    try:
        return PlaceReading(resolve_commune(" ".join(words[best.start:best.end])), best.strength)
    except CommuneError as exc:  # « Mons »: the Nord's Mons-en-… first, then the others
        return PlaceReading(suggestions=tuple(exc.candidates[:5]), strength=best.strength)


def _after_home(words: list[str]) -> str | None:
    """The words after « j'habite », « je vis à »… (« roube » in « j'habite sur roubé »)."""
    for i, word in enumerate(words):
        rest = words[i + 1:]
        if word not in _LIVES or (word not in _HABITE
                                  and not (rest and rest[0] in _PREPOSITIONS)):
            continue
        while rest and rest[0] in _PREPOSITIONS | _ARTICLES - {"la", "le", "les"}:
            rest = rest[1:]
        taken: list[str] = []
        for w in rest[:_MAX_WORDS]:
            if w in _ENDS - _ARTICLES or w.isdigit():
                break
            taken.append(w)
        if taken and len(" ".join(taken)) >= 3:
            return " ".join(taken)
    return None


def _after_cue(words: list[str]) -> list[str]:
    """The words after « à », « sur », « vers », « je suis de »: places, perhaps misspelt."""
    spans = []
    for i, word in enumerate(words[:-1]):
        if word in _PREPOSITIONS - {"en", "dans", "au"} or (
                word in _OF and i and words[i - 1] in _IS_FROM):
            if i and words[i - 1] in _ELSEWHERE:
                continue
            taken = []
            for w in words[i + 1:i + 4]:
                if w in _ENDS or w.isdigit():
                    break
                taken.append(w)
            if taken:
                spans.append(" ".join(taken))
    return spans


def _misspelt(words: list[str], taken: set[int]) -> PlaceReading | None:
    """A misspelt name: after « j'habite », then after a cue, then anywhere in the message,
    the Nord's closest commune (Jaro-Winkler ≥ 0.9) — offered, never taken."""
    home = _after_home(words)
    if home:
        try:
            return PlaceReading(resolve_commune(home), HOME)
        except CommuneError as exc:
            if exc.candidates:
                return PlaceReading(suggestions=tuple(exc.candidates[:3]), strength=HOME)
            return PlaceReading(unknown=home, strength=HOME)
    spans = dict.fromkeys([*_after_cue(words), *_bare_spans(words, taken)])
    # an exact name was judged by its context (« ma fille Salomé »): not offered as a typo
    found = [hit for span in spans if not communes_named(span)
             for hit in look_alikes_in_the_nord(span)]
    if not found:
        return None
    best = max(similarity for _, similarity in found)
    close = {c.insee: c for c, similarity in found if similarity >= best - _TIE}
    # near ties (« haumont »: Faumont 0.905, Hautmont 0.904): the most populous first
    ranked = sorted(close.values(), key=lambda c: -(c.population or 0))
    return PlaceReading(suggestions=tuple(ranked[:3]))


def _bare_spans(words: list[str], taken: set[int]) -> list[str]:
    """Runs of one to three words that may be a misspelt name: no cue word, no number, not a
    word of everyday French."""
    spans = []
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 3) + 1):
            run = words[start:end]
            if taken & set(range(start, end)) or any(w in _ENDS or w.isdigit() for w in run):
                break
            if len("".join(run)) >= _MIN_TYPO and not all(is_french_word(w) for w in run):
                spans.append(" ".join(run))
    return spans


def read_place(text: str) -> PlaceReading:
    """Where the person lives, as far as this message says (see the module's docstring)."""
    if not text:
        return PlaceReading()
    words = normalize_name(text).split()
    postal = _postal(text)
    if postal and postal.suggestions:  # « 59160 Lomme »: the name picks among the code's
        named = _named(words, set())
        if named and named.commune in postal.suggestions:
            return named
    if postal:
        return postal
    quartier = _quartier(words)
    taken = quartier[1] if quartier else set()
    named = _named(words, taken)
    if quartier:
        commune = named.commune if named else get_commune(quartier[0])
        if commune is not None and commune.insee == quartier[0]:
            first = min(taken)
            inside = not _NOT_INSIDE & set(words[max(0, first - 3):first])
            return PlaceReading(commune, named.strength if named else CUED, quartier=inside)
    return named or _misspelt(words, taken) or PlaceReading()

