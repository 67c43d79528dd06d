"""The yes/no facts said in passing: RSA, couple, pregnancy, RQTH, France Travail."""

from __future__ import annotations

from rules.language.activity import PAST
from rules.language.clauses import is_negated, preceded_by, within
from rules.language.text import Text
from rules.language.yes_no import answer_after

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


COUPLE_TRUE = frozenset(
    {"encouple", "marie", "mariee", "maries", "mariees", "pacse", "pacsee", "pacses",
     "pacsees", "concubin", "concubine", "concubinage", "conjoint", "conjointe", "mari",
     "compagnon", "compagne", "epoux", "epouse"}
)  # fmt: skip
_LIVING = frozenset({"vit", "vis", "vivons", "vivez", "habite", "habitons", "habitez"})
_PARTNER_AFTER_POSSESSIVE = frozenset(
    {"copain", "copine", "copin", "femme", "homme", "cheri", "cherie", "chere", "moitie"}
)
_COUPLE_FALSE = frozenset(
    {"celibataire", "celibataires", "seul", "seule", "isole", "isolee", "separe", "separee",
     "separes", "divorce", "divorcee", "divorces", "veuf", "veuve", "monoparentale",
     "monoparental", "solo"}
)  # fmt: skip


def receives_rsa(tx: Text) -> bool | None:
    value: bool | None = None
    for i, w in enumerate(tx.words):
        if w != "rsa":
            continue
        if (answer := answer_after(tx, i)) is not None:
            return answer
        if preceded_by(tx, i, _RSA_STOPPED, span=4) or preceded_by(tx, i, frozenset({"ex"}), 1):
            return False
        if is_negated(tx, i, before=5, after=1):
            value = False if value is None else value
            continue
        if preceded_by(tx, i, _RSA_BLOCKERS | _ASKING_ABOUT, span=4) or within(
                tx, i, _ASKING_ABOUT, 3, 1):
            continue
        value = True
    return value


def _says_a_couple(tx: Text, i: int) -> bool:
    """« marié », « ma copine », « mon mari », « on vit ensemble » (negated or not)."""
    w, prev = tx.word(i), tx.word(i - 1)
    if w in {"mari", "conjoint", "conjointe", "compagnon", "compagne", "epoux", "epouse"}:
        return prev in {"mon", "ma", "avec", "un", "une", "le", "la"} or prev == ""
    if w == "ensemble":
        return bool({prev, tx.word(i - 2)} & _LIVING)  # « on vit (pas) ensemble »
    return w in COUPLE_TRUE or (w in _PARTNER_AFTER_POSSESSIVE and prev in {"mon", "ma", "avec"})


def in_couple(tx: Text) -> bool | None:
    yes = no = False
    for i, w in enumerate(tx.words):
        prev = tx.word(i - 1)
        is_true = _says_a_couple(tx, i)
        if w == "encouple" and (answer := answer_after(tx, i)) is not None:
            return answer
        if is_true:
            if is_negated(tx, i, before=3, after=1) or preceded_by(tx, i, PAST | {"ex"}, span=3):
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
            if is_negated(tx, i, before=3, after=1):
                yes = True
            else:
                no = True
    if yes:
        return True
    return False if no else None


_PENDING = frozenset({"demande", "demandee", "attente", "dossier", "cours", "instruction"})


def said_flag(tx: Text, words: frozenset[str]) -> bool | None:
    """True when one of words is said, False when it is negated, None when absent."""
    value: bool | None = None
    for i, w in enumerate(tx.words):
        if w in words:
            if (answer := answer_after(tx, i)) is not None:
                return answer
            if is_negated(tx, i, before=4, after=1):
                value = False if value is None else value
            elif preceded_by(tx, i, _PENDING, span=4) or _PENDING & set(tx.words[i + 1 : i + 4]):
                continue  # « demande de RQTH », « RQTH en cours »
            else:
                value = True
    return value


_REGISTERED = frozenset({"inscrit", "inscrite", "inscrits", "inscrites"})
_UNREGISTERED = frozenset({"radie", "radiee", "inscrire", "desinscrit", "desinscrite"})


def registered_france_travail(tx: Text) -> bool | None:
    value: bool | None = None
    for i, w in enumerate(tx.words):
        about = w == "francetravail" or (
            w in {"chomage"}
            and tx.word(i - 1) in {"au"}
            and preceded_by(tx, i, _REGISTERED, span=3)
        )
        if not about:
            continue
        if preceded_by(tx, i, _UNREGISTERED, span=5):
            value = False
        elif is_negated(tx, i, before=6, after=1):
            value = False if value is None else value
        else:
            value = True if value is None else value
    return value
