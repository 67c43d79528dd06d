"""The partner, said in passing: « mon mari a 30 ans et il travaille », « ma copine est au
chômage », « ma femme touche 900 € ».

Read only when unambiguous: the partner is named with a possessive (« mon mari », « ma
femme », « mon copain »), never an ex, a deceased, nor « la femme de ménage »; « il » / « elle »
is the partner only when the partner is the last person named before it, of the same gender.
What is said in a clause with « je » or « moi » is the person's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.language.activity import parse_activite
from rules.language.children import CHILD_NOUNS
from rules.language.money import money_candidates
from rules.language.text import Text
from rules.language.units import AGE_UNITS

_MALE = frozenset({"mari", "conjoint", "compagnon", "copain", "epoux", "concubin", "cheri",
                   "homme"})
_FEMALE = frozenset({"conjointe", "compagne", "copine", "epouse", "concubine", "cherie",
                     "femme"})
_PARTNER_POSSESSIVES = frozenset({"mon", "ma", "notre"})
_NOT_NOW = frozenset({"ex", "defunt", "defunte", "feu", "ancien", "ancienne", "futur", "future",
                      "decede", "decedee", "mort", "morte", "separe", "separee", "divorce",
                      "divorcee", "quitte", "parti", "partie"})
# Other people: after them, « il » / « elle » is no longer the partner.
_OTHER_PEOPLE = CHILD_NOUNS | frozenset(
    {"mere", "pere", "parents", "frere", "soeur", "maman", "papa", "oncle", "tante", "ami",
     "amie", "pote", "voisin", "voisine", "cousin", "cousine", "patron", "patronne", "chef",
     "proprio", "assistante", "conseiller", "conseillere", "belle", "beau"}
)  # fmt: skip
_CLAUSE_END = frozenset({"et", "mais", ",", ".", ";", "!", "?", "\n", "alors", "car", "donc",
                         "puis", "ou"})
_OWN = frozenset({"je", "j", "moi", "jsuis", "chui", "nous", "on"})
_AGE_FILLERS = frozenset({"a", "qui", ":", "age", "agee", "de", "d", "est", "il", "elle", ","})
_ADJECTIVES = frozenset({"petit", "petite", "ptit", "ptite", "cher", "chere", "nouveau",
                         "nouvelle", "actuel", "actuelle"})
_MONEY_VERBS = frozenset({"gagne", "touche", "percoit", "fait", "a"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # the partner's noun or pronoun
    end: int  # the index after it


def _partner_noun(tx: Text, i: int) -> str | None:
    """« mon mari », « ma femme », « mon copain »: "m" or "f"; not « mon ex-mari », « la femme
    de ménage », « ma femme de ménage »."""
    w = tx.word(i)
    if w not in _MALE and w not in _FEMALE:
        return None
    k = i - 1
    while tx.word(k) in _ADJECTIVES and k > i - 3:
        k -= 1
    if tx.word(k) not in _PARTNER_POSSESSIVES or tx.word(i + 1) in {"de", "d"}:
        return None
    after = set(tx.words[i + 1:i + 4])
    if after & _NOT_NOW:
        return None  # « mon mari est décédé », « ma femme est partie »
    return "m" if w in _MALE else "f"


def mentions(tx: Text) -> list[Mention]:
    """Where the partner is the subject: their noun, and « il » / « elle » standing for them."""
    found: list[Mention] = []
    last: str | None = None  # the gender of the partner when they are the last person named
    for i, w in enumerate(tx.words):
        gender = _partner_noun(tx, i)
        if gender is not None:
            found.append(Mention(i, i + 1))
            last = gender
        elif w in _OTHER_PEOPLE or w in {"ex"}:
            last = None
        elif (w == "il" and last == "m") or (w == "elle" and last == "f"):
            found.append(Mention(i, i + 1))
    return found


def _clause_after(tx: Text, m: Mention) -> list[str]:
    """The words from the mention to the end of its clause; [] when it speaks of the person."""
    end = m.end
    while end < len(tx.words) and tx.word(end) not in _CLAUSE_END:
        end += 1
    words = tx.words[m.end:end]
    return [] if set(words) & _OWN else words


def partner_age(tx: Text) -> int | None:
    """« mon mari a 30 ans », « ma femme, 28 ans », « mon copain qui a 25 ans », « … et il a 30
    ans »; not « 30 ans de plus que moi », « 10 ans de mariage »."""
    for m in mentions(tx):
        k = m.end
        while tx.word(k) in _AGE_FILLERS and k < m.end + 4:
            k += 1
        num = tx.by_start.get(k)
        if num is None or not num.value.is_integer() or tx.word(num.end) not in AGE_UNITS:
            continue
        if tx.word(num.end + 1) in {"de", "d", "plus", "moins", "que", "qu"}:
            continue
        return int(num.value)
    return None


def partner_activity(tx: Text) -> str | None:
    """« mon mari travaille », « ma femme est au chômage », « … et il bosse » (the values of
    :func:`parse_activite`); several different activities read nothing."""
    found = set()
    for m in mentions(tx):
        words = _clause_after(tx, m)
        if words:
            value = parse_activite(" ".join(["je", *words]))
            if value is not None:
                found.add(value)
    return found.pop() if len(found) == 1 else None


def partner_income(tx: Text) -> float | None:
    """« mon mari gagne 1500 € », « ma femme touche 900 de chômage », « il touche 1200 »: an
    amount right after the partner and a verb of income (« gagne », « touche », « perçoit »)."""
    for m in mentions(tx):
        words = _clause_after(tx, m)
        verb = next((i for i, w in enumerate(words[:3]) if w in _MONEY_VERBS), None)
        if verb is None:
            continue
        start = m.end + verb + 1
        clause = Text(" ".join(tx.words[start:m.end + len(words)]))
        money = money_candidates(clause, need_context=False)
        if money and money[0][1] <= 1 and (money[0][3] or money[0][0] >= 100):
            return float(money[0][0])
    return None
