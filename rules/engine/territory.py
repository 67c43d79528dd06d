"""A scheme's territorial scope, evaluated like a condition on the person's commune."""

from __future__ import annotations

from rules.engine.conditions import NOTHING, Context, Facts, Node, Outcome
from rules.engine.schema import Territoire

DEFAULT_TRUE = "Vous habitez à {commune_nom} : ce dispositif est ouvert {libelle}."
DEFAULT_FALSE = (
    "Vous habitez à {commune_nom} ({departement_nom}) : ce dispositif est réservé {libelle}."
)
DEFAULT_UNKNOWN = "Ce dispositif est réservé {libelle} : il faut savoir où vous habitez."


class TerritoryNode(Node):
    __slots__ = ("codes", "libelle", "quartier_communes", "quartier_fact", "scope", "si_faux",
                 "si_inconnu", "si_vrai", "source")

    def __init__(self, territoire: Territoire) -> None:
        self.scope = territoire.portee
        self.codes = frozenset(territoire.codes)
        self.quartier_communes = frozenset(q.commune for q in territoire.quartiers)
        self.quartier_fact = territoire.fait_quartier  # does the person live in one of them
        self.libelle = territoire.libelle
        self.si_vrai = territoire.si_vrai or DEFAULT_TRUE
        self.si_faux = territoire.si_faux or DEFAULT_FALSE
        self.si_inconnu = DEFAULT_UNKNOWN
        self.source = territoire.source

    def eval(self, facts: Facts) -> Outcome:
        commune = facts.get("commune")
        if commune is None:
            return None, frozenset(("commune",))
        if self.scope == "departement":
            return facts["departement"] in self.codes, NOTHING
        if self.scope == "region":
            return facts["region"] in self.codes, NOTHING
        if self.scope == "communes":
            return commune in self.codes, NOTHING
        if commune not in self.quartier_communes:
            return False, NOTHING
        inside = facts.get(self.quartier_fact or "")
        if inside is None:
            return None, frozenset((self.quartier_fact or "",))
        return inside, NOTHING

    def own_facts(self) -> set[str]:
        found = super().own_facts() | {"commune"}
        if self.quartier_fact:
            found.add(self.quartier_fact)
        return found

    def context(self, facts: Facts) -> Context:
        return {"libelle": self.libelle}
