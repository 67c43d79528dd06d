"""From the situation's facts to the household OpenFisca-France simulates.

`household_of(facts)` reads the facts (names of `rules.engine.facts`) into a `Household`: plain,
hashable data (the cache key) holding the people, their incomes and the housing, plus the French
sentences saying what was assumed rather than asked. `rules.money.simulation` turns many of them
into one vectorial simulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["demandeur", "conjoint", "enfant"]

# Our activities → OpenFisca's TypesActivite. OpenFisca has no « in training » activity
# (`stagiaire` implies a traineeship pay), so formation is inactif, like « autre ».
ACTIVITE_OPENFISCA: dict[str | None, str] = {
    "sans_emploi": "chomeur",
    "emploi": "actif",
    "etudes": "etudiant",
    "retraite": "retraite",
    "apprentissage": "actif",
    "formation": "inactif",
    "autre": "inactif",
    None: "inactif",
}

# Which OpenFisca income a monthly amount is, by the activity of who receives it: pay for
# those who work or study (a student job), a pension for the retired, and otherwise a
# replacement income counted like unemployment benefit (counted by the RSA, the housing
# benefit and the CSS, but not « earned » for the prime d'activité).
Kind = Literal["salaire", "chomage", "retraite"]
INCOME_KIND: dict[str | None, Kind] = {
    "emploi": "salaire",
    "apprentissage": "salaire",
    "etudes": "salaire",
    "retraite": "retraite",
    "sans_emploi": "chomage",
    "formation": "chomage",
    "autre": "chomage",
    None: "chomage",
}

# OpenFisca's statut_occupation_logement for our `logement`.
STATUT_OCCUPATION: dict[str | None, str] = {
    "locataire": "locataire_vide",
    "locataire_social": "locataire_hlm",
    "proprietaire": "proprietaire",
    "heberge": "loge_gratuitement",
    "sans_domicile": "sans_domicile",
    None: "locataire_vide",
}

DEFAULT_AGE = 40
# Ages given to children when only their number is known (`enfants_a_charge`, of whom
# `enfants_moins_3_ans` under 3): the bridge of the differential tests uses the same.
UNDER_3_AGES = (0, 1, 2)
OLDER_CHILD_AGES = (6, 9, 12, 15, 17)


@dataclass(frozen=True, slots=True)
class Person:
    role: Role
    age: int
    activite: str  # OpenFisca's TypesActivite name
    salaire: float = 0.0  # € a month, net
    chomage: float = 0.0
    retraite: float = 0.0
    enceinte: bool = False
    handicap: bool = False  # RQTH
    taux_incapacite: float = 0.0  # a fraction: 0.5, 0.8
    rsdae: bool = False  # « restriction substantielle et durable d'accès à l'emploi » (AAH)
    apprenti: bool = False
    jeune_actif: bool = False  # RSA « jeune actif »: 2 years of work in the last 3

    @property
    def revenus(self) -> float:
        return self.salaire + self.chomage + self.retraite


@dataclass(frozen=True, slots=True)
class Household:
    people: tuple[Person, ...]  # the person first, then the partner, then the children
    statut_occupation: str
    loyer: float  # € a month, without charges
    depcom: str  # the commune's INSEE code ("" when unknown)
    hypotheses: tuple[str, ...] = ()
    loyer_inconnu: bool = False  # a tenant whose rent is unknown: no housing benefit computed

    @property
    def personnes(self) -> int:
        return len(self.people)

    @property
    def ressources(self) -> float:
        return sum(p.revenus for p in self.people)


def month_of(on: dt.date) -> dt.date:
    return on.replace(day=1)


def _number(facts: Mapping[str, Any], name: str) -> float | None:
    value = facts.get(name)
    return None if value is None else float(value)


def _child_ages(facts: Mapping[str, Any], hypotheses: list[str]) -> list[int]:
    ages = facts.get("enfants_ages")
    if ages is not None:
        return [int(a) for a in ages]
    children = int(facts.get("enfants_a_charge") or 0)
    if not children:
        return []
    under_3 = min(int(facts.get("enfants_moins_3_ans") or 0), children)
    hypotheses.append(
        "Sans l'âge de vos enfants, nous avons pris des âges types "
        "(moins de 3 ans : 0, 1 et 2 ans ; les autres : 6, 9, 12, 15 et 17 ans).")
    result = [UNDER_3_AGES[j % len(UNDER_3_AGES)] for j in range(under_3)]
    result += [OLDER_CHILD_AGES[min(j, len(OLDER_CHILD_AGES) - 1)]
               for j in range(children - under_3)]
    return result


def _income(kind: Kind, amount: float) -> dict[str, float]:
    return {kind: amount} if amount > 0 else {}


def _partner(facts: Mapping[str, Any], age: int, hypotheses: list[str]
             ) -> tuple[Person | None, float]:
    """The partner: their own age, activity and income (its kind given by their activity)."""
    if not facts.get("en_couple"):
        return None, 0.0
    partner_age = facts.get("conjoint_age")
    if partner_age is None:
        partner_age = age
        hypotheses.append("Sans l'âge de votre conjoint(e), nous avons pris le vôtre.")
    partner_activite = facts.get("conjoint_activite")
    if partner_activite is None:
        hypotheses.append("Sans l'activité de votre conjoint(e), nous l'avons comptée "
                          "comme « autre situation ».")
    hypotheses.append("Nous avons supposé que vous faites une seule déclaration d'impôts "
                      "avec votre conjoint(e) (mariage ou Pacs).")
    income = _number(facts, "conjoint_revenus_mensuels") or 0.0
    if facts.get("conjoint_revenus_mensuels") is None:
        hypotheses.append("Sans les revenus de votre conjoint(e), nous les avons comptés à 0 €.")
    if income > 0 and partner_activite in ("formation", "autre", None):
        hypotheses.append("Nous avons compté les revenus de votre conjoint(e) comme une "
                          "allocation (comme le chômage), pas comme un salaire.")
    partner = Person(role="conjoint", age=int(partner_age),
                     activite=ACTIVITE_OPENFISCA[partner_activite],
                     apprenti=partner_activite == "apprentissage",
                     **_income(INCOME_KIND[partner_activite], income))
    return partner, income


def _own_incomes(facts: Mapping[str, Any], partner_income: float, hypotheses: list[str]
                 ) -> dict[str, float]:
    """The person's pay, and the rest of the household's resources (not the partner's) as a
    replacement income of their own kind."""
    total = _number(facts, "ressources_mensuelles_foyer") or 0.0
    earnings = _number(facts, "revenus_activite_mensuels")
    own_kind = INCOME_KIND[facts.get("activite")]
    if earnings is None:
        earnings = max(0.0, total - partner_income) if own_kind == "salaire" else 0.0
        if earnings:
            hypotheses.append("Nous avons compté toutes vos ressources comme un salaire.")
    # to the cent: 2834.78 - 1348.47 - 1486.31 is 2.3e-13, not 0, and such a residue
    # counted as an allowance is a « ressource de substitution » to OpenFisca (the AAH
    # then abates the pay by 30 %)
    rest = round(max(0.0, total - partner_income - earnings), 2)
    rest_kind: Kind = "retraite" if own_kind == "retraite" else "chomage"
    if rest > 0:
        hypotheses.append(
            f"Nous avons compté le reste de vos ressources ({rest:.0f} € par mois) comme "
            + ("une pension de retraite." if rest_kind == "retraite"
               else "une allocation (comme le chômage), pas comme un salaire."))
    incomes = _income("salaire", earnings)
    for name, amount in _income(rest_kind, rest).items():
        incomes[name] = incomes.get(name, 0.0) + amount
    return incomes


def _person(facts: Mapping[str, Any], age: int, incomes: dict[str, float],
            hypotheses: list[str]) -> Person:
    activite = facts.get("activite")
    if activite == "etudes":
        hypotheses.append("Nous avons supposé que vous n'avez pas de bourse d'études "
                          "supérieures.")
    if facts.get("rqth") and activite == "retraite":
        hypotheses.append("Nous n'avons pas calculé l'allocation supplémentaire d'invalidité "
                          "(ASI).")
    taux = int(facts.get("taux_incapacite") or 0)
    if facts.get("taux_incapacite") is None:
        hypotheses.append("Nous avons supposé que vous n'avez pas de taux d'incapacité reconnu "
                          "par la MDPH, ni d'inaptitude au travail.")
    if 50 <= taux < 80:
        hypotheses.append("Nous avons supposé que la MDPH vous reconnaît une « restriction "
                          "substantielle et durable d'accès à l'emploi ».")
    return Person(
        role="demandeur", age=age, activite=ACTIVITE_OPENFISCA[activite],
        enceinte=bool(facts.get("enceinte")), handicap=bool(facts.get("rqth")),
        taux_incapacite=taux / 100, rsdae=50 <= taux < 80,
        apprenti=activite == "apprentissage",
        jeune_actif=bool(facts.get("activite_2_ans_sur_3")), **incomes)


def _children(facts: Mapping[str, Any], hypotheses: list[str]) -> list[Person]:
    children = [Person(role="enfant", age=a, activite="etudiant" if a >= 3 else "inactif")
                for a in _child_ages(facts, hypotheses)]
    if children:
        hypotheses += [
            "Nous avons supposé que vos enfants vivent chez vous à plein temps (pas de garde "
            "alternée) et n'ont pas de revenus.",
            "Nous avons supposé que vos enfants vont à l'école selon leur âge "
            "(collège de 11 à 14 ans, lycée de 15 à 17 ans).",
        ]
        if not facts.get("en_couple"):
            hypotheses.append("Nous avons supposé que l'autre parent ne vous verse pas de "
                              "pension alimentaire.")
    return children


def _housing(facts: Mapping[str, Any], hypotheses: list[str]) -> tuple[float, bool]:
    """The rent (0 when there is none), and whether a tenant's rent is unknown."""
    logement = facts.get("logement")
    if logement is None:
        hypotheses.append("Sans votre situation de logement, nous avons calculé comme pour un "
                          "locataire du privé.")
    if logement == "proprietaire":
        hypotheses.append("Nous avons supposé que vous n'avez plus de prêt immobilier en cours.")
    if logement not in ("locataire", "locataire_social", None):
        return 0.0, False
    loyer = _number(facts, "loyer_mensuel")
    if loyer is None:
        hypotheses.append("Sans votre loyer, nous avons calculé les autres aides comme si vous "
                          "ne touchiez pas d'aide au logement.")
        return 0.0, True
    return loyer, False


def household_of(facts: Mapping[str, Any]) -> Household:
    """The household of `facts`; every assumption made is a French sentence in `hypotheses`."""
    hypotheses: list[str] = [
        "Nous avons supposé que vous n'avez pas d'épargne ni de revenus de biens "
        "(loyers perçus, placements), ni de revenus d'indépendant (auto-entrepreneur…).",
        "Nous avons supposé que vos revenus sont les mêmes depuis deux ans, mois après mois.",
    ]
    age = facts.get("age")
    if age is None:
        age = DEFAULT_AGE
        hypotheses.append(f"Sans votre âge, nous avons calculé pour une personne de {age} ans.")
    partner, partner_income = _partner(facts, int(age), hypotheses)
    person = _person(facts, int(age), _own_incomes(facts, partner_income, hypotheses),
                     hypotheses)
    children = _children(facts, hypotheses)
    if any(p.age >= 60 and p.revenus > 0 for p in (person, partner) if p):
        hypotheses.append("Pour le minimum vieillesse, nous avons estimé le salaire brut à "
                          "partir du salaire net, et compté la retraite sans CSG (comme une "
                          "petite retraite).")
    loyer, loyer_inconnu = _housing(facts, hypotheses)
    commune = facts.get("commune") or facts.get("code_insee") or ""
    people = (person, *((partner,) if partner else ()), *children)
    return Household(people=people, statut_occupation=STATUT_OCCUPATION[facts.get("logement")],
                     loyer=loyer, depcom=str(commune), hypotheses=tuple(hypotheses),
                     loyer_inconnu=loyer_inconnu)
