"""A scheme's territorial scope, evaluated like a condition on the person's commune.

The one module that knows about quartiers (today the habilitated « territoires zéro chômeur »):
the quartiers themselves are data (the scheme's `territoire`), and so is the fact asked.
"""

from __future__ import annotations

from functools import cache

from rules.engine.catalogue import Catalogue
from rules.engine.conditions import NOTHING, Context, Facts, Node, Outcome
from rules.engine.facts import QUARTIERS_PLACEHOLDER
from rules.engine.schema import Territoire
from rules.writing import french

DEFAULT_TRUE = "Vous habitez à {commune_nom} : ce dispositif est ouvert {libelle}."
DEFAULT_FALSE = (
    "Vous habitez à {commune_nom} ({departement_nom}) : ce dispositif est réservé {libelle}."
)
DEFAULT_UNKNOWN = "Ce dispositif est réservé {libelle} : il faut savoir où vous habitez."


class TerritoryNode(Node):
    __slots__ = ("codes", "libelle", "quartier_fact", "quartiers_since", "scope", "si_faux",
                 "si_inconnu", "si_vrai", "source")

    def __init__(self, territoire: Territoire) -> None:
        self.scope = territoire.portee
        self.codes = frozenset(territoire.codes)
        # commune → date of its quartier's habilitation (None: not known, taken as always)
        self.quartiers_since = {q.commune: q.depuis for q in territoire.quartiers}
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
        if commune not in self.quartiers_since:
            return False, NOTHING
        since = self.quartiers_since[commune]
        if since is not None and facts["date_evaluation"] < since:
            return False, NOTHING  # not habilitated yet on that date
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

# What the question says when the commune, hence its quartiers, is not known yet.
SOME_QUARTIER = "« territoire zéro chômeur » de votre commune"


@cache
def _quartiers_by_commune(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for scheme in catalogue.schemes.values():
        if scheme.territoire.portee == "quartiers":
            for q in scheme.territoire.quartiers:
                found.setdefault(q.commune, []).append(q.nom)
    return {insee: tuple(names) for insee, names in found.items()}


def quartier_names(catalogue: Catalogue, insee: str | None) -> list[str]:
    """Names of the quartiers of a commune named by the catalogue (questions and reasons)."""
    return list(_quartiers_by_commune(catalogue).get(insee, ())) if insee else []


def quartiers_text(names: list[str] | None, unknown: str = SOME_QUARTIER) -> str:
    """« Les Oliveaux (Loos) », several joined by « ou », or `unknown` when there are none."""
    return " ou ".join(names or []) or unknown


def fill_question(question: str, names: list[str] | None) -> str:
    """A question that may name the commune's quartiers (« Habitez-vous dans le quartier … ? »)."""
    return french.fill(question, {QUARTIERS_PLACEHOLDER: quartiers_text(names)})
