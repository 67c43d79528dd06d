"""« je préfère ne pas dire », « ça vous regarde pas », « question suivante »: an answer that
withholds the fact. The fact stays unknown (never « non ») and is not asked again."""

from __future__ import annotations

import re

from rules.normalize import normalize

_REFUSAL_RE = re.compile(
    r"(?<![a-z])(?:"
    r"(?:prefere|prefererais|aime mieux|aimerais mieux) (?:ne )?(?:pas|rien) ?"
    r"(?:le |en |vous )?_SAY"
    r"|(?:prefere|prefererais) garder"
    r"|(?:ne veux|veux|veut|voudrais) (?:pas|rien) (?:le |en |vous )?_SAY"
    r"|(?:pas|aucune) envie (?:de |d ?'? ?)(?:le |en |vous )?_SAY"
    r"|(?:ca|cela|c|sa) (?:ne )?vous regarde (?:pas|pas du tout)"
    r"|(?:ca|cela|c|sa) (?:ne )?(?:te|vous) concerne pas"
    r"|(?:c est |cest |c )?(?:confidentiel|perso|personnel|prive)(?: ca| cela)?$"
    r"|(?:je )?(?:ne )?(?:reponds|repondrai) pas"
    r"|(?:question )?suivante|passons|on passe|je passe|joker|no comment|sans commentaire"
    r"|garder (?:ca|cela|le) pour moi|je garde (?:ca|cela) pour moi"
    r"|pas vos (?:affaires|oignons)|occupez vous de vos"
    r")(?![a-z])".replace("_SAY", r"(?:dire|repondre|parler|donner|preciser|communiquer)")
)


def is_refusal(text: str) -> bool:
    """True when the person declines to answer (« je préfère pas dire », « c'est perso »)."""
    return _REFUSAL_RE.search(normalize(text)) is not None
