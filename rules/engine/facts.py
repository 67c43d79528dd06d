"""The situation's facts: their type, limits, French question and choices.

This is the one place where a fact is described; validation, the question planner, the terminal
assistant, the chat and the agent desk all read it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

from rules.places.communes import Commune

Kind = Literal["int", "bool", "enum", "number", "commune", "insee", "date", "ages"]


@dataclass(frozen=True, slots=True)
class Choice:
    valeur: object
    libelle: str


@dataclass(frozen=True, slots=True)
class Premise:
    """What must be true for a fact's question to make sense: another fact at least `minimum`,
    or among `among`. Until that fact is known the planner asks it first; when it is false the
    question is never asked (« Combien de ces enfants ont moins de 3 ans ? » needs a child)."""

    fact: str
    minimum: float | None = None
    among: tuple[object, ...] | None = None

    def holds(self, facts: Mapping[str, object]) -> bool | None:
        value = facts.get(self.fact)
        if value is None:
            return None
        if self.minimum is not None and not (isinstance(value, int | float)
                                             and value >= self.minimum):
            return False
        return self.among is None or value in self.among


@dataclass(frozen=True, slots=True)
class Fact:
    name: str
    kind: Kind
    label: str  # short French name of the fact, used in error messages and on the sheet
    question: str | None = None  # None: never asked (given in another form, or derived)
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    unit: str = ""
    premise: Premise | None = None
    # Read only by the computation of personal amounts (OpenFisca-France): asked after the
    # first answer, when the person agrees to « calculer vos montants », and at the desk.
    pour_montant: bool = False

    @property
    def values(self) -> tuple[object, ...]:
        return tuple(c.valeur for c in self.choices)


YES_NO = (Choice(True, "Oui"), Choice(False, "Non"))

LOGEMENTS = (
    Choice("locataire", "Locataire (logement privé)"),
    Choice("locataire_social", "Locataire d'un logement social (HLM)"),
    Choice("proprietaire", "Propriétaire"),
    Choice("heberge", "Hébergé(e) gratuitement (famille, amis)"),
    Choice("sans_domicile", "Sans logement"),
)
TAUX_INCAPACITE = (
    Choice(0, "Non, pas de taux reconnu"),
    Choice(50, "Oui, de 50 à 79 %"),
    Choice(80, "Oui, 80 % ou plus"),
)

ACTIVITES = (
    Choice("sans_emploi", "Je cherche un emploi / je suis sans emploi"),
    Choice("emploi", "Je travaille"),
    Choice("etudes", "Je fais des études"),
    Choice("formation", "Je suis en formation"),
    Choice("apprentissage", "Je suis en apprentissage ou en alternance"),
    Choice("retraite", "Je suis à la retraite"),
    Choice("autre", "Autre situation"),
)

_FACT_LIST: tuple[Fact, ...] = (
    Fact("date_evaluation", "date", "date d'évaluation"),
    Fact(
        "commune", "commune", "commune",
        "Dans quelle commune habitez-vous ? (nom ou code postal)",
    ),
    # Merged into `commune` by validation: the engine knows the commune by its INSEE code.
    Fact("code_insee", "insee", "code INSEE de la commune"),
    Fact("age", "int", "âge", "Quel âge avez-vous ?", 0, 120, unit="ans"),
    Fact("date_naissance", "date", "date de naissance"),
    Fact("activite", "enum", "activité", "Que faites-vous en ce moment ?", choices=ACTIVITES),
    Fact(
        "sans_emploi_depuis_mois",
        "int",
        "durée sans emploi",
        "Depuis combien de temps êtes-vous sans emploi ? (en mois)",
        0,
        1200,
        unit="mois",
        # not to someone in work, in studies or retired (TZC: « privé durablement d'emploi »)
        premise=Premise("activite", among=("sans_emploi", "formation", "autre")),
    ),
    Fact("rsa", "bool", "RSA", "Percevez-vous le RSA en ce moment ?", choices=YES_NO),
    Fact(
        "enfants_a_charge",
        "int",
        "enfants à charge",
        "Combien d'enfants avez-vous à votre charge ?",
        0,
        20,
    ),
    Fact(
        "enfants_moins_3_ans",
        "int",
        "enfants de moins de 3 ans",
        "Combien de ces enfants ont moins de 3 ans ?",
        0,
        20,
        premise=Premise("enfants_a_charge", minimum=1),
    ),
    Fact("en_couple", "bool", "vie en couple", "Vivez-vous en couple ?", choices=YES_NO),
    Fact(
        "enceinte",
        "bool",
        "grossesse",
        "Attendez-vous un enfant (vous ou votre conjointe) ?",
        choices=YES_NO,
    ),
    Fact(
        "ressources_mensuelles_foyer",
        "number",
        "ressources du foyer",
        "Combien gagne votre foyer par mois, toutes ressources comprises "
        "(salaires, allocations chômage, pensions…) ? (en euros)",
        0,
        1_000_000,
        unit="€ par mois",
    ),
    Fact(
        "activite_2_ans_sur_3",
        "bool",
        "2 ans de travail sur les 3 dernières années",
        "Avez-vous travaillé l'équivalent de 2 ans à temps plein au cours des 3 dernières années ?",
        choices=YES_NO,
        premise=Premise("age", minimum=18),  # the RSA « jeune actif » is from 18 (L262-7-1)
    ),
    Fact(
        "residence_depuis_mois",
        "int",
        "durée de résidence",
        "Depuis combien de temps habitez-vous à votre adresse actuelle ? (en mois)",
        0,
        1440,
        unit="mois",
    ),
    Fact(
        "quartier_tzc",
        "bool",
        "quartier « territoire zéro chômeur »",
        "Habitez-vous dans le quartier {territoires} ?",
        choices=YES_NO,
    ),
    Fact(
        "rqth",
        "bool",
        "RQTH",
        "Avez-vous une reconnaissance de la qualité de travailleur handicapé (RQTH) ?",
        choices=YES_NO,
    ),
    Fact(
        "inscrit_france_travail",
        "bool",
        "inscription à France Travail",
        "Êtes-vous inscrit(e) à France Travail (ex-Pôle emploi) ?",
        choices=YES_NO,
    ),
    Fact(
        "conjoint_age", "int", "âge de votre conjoint(e)", "Quel âge a votre conjoint(e) ?",
        14, 120, unit="ans", premise=Premise("en_couple", among=(True,)),
    ),
    # The facts below are read only by the personal amounts (rules.money).
    Fact(
        "logement", "enum", "logement", "Quelle est votre situation de logement ?",
        choices=LOGEMENTS, pour_montant=True,
    ),
    Fact(
        "loyer_mensuel", "number", "loyer",
        "Quel est votre loyer par mois, sans les charges ? (en euros)",
        0, 10_000, unit="€ par mois",
        premise=Premise("logement", among=("locataire", "locataire_social")), pour_montant=True,
    ),
    Fact(
        "revenus_activite_mensuels", "number", "vos revenus du travail",
        "Combien gagnez-vous par mois avec votre travail (salaire net) ? Mettez 0 si vous ne "
        "travaillez pas. (en euros)",
        0, 1_000_000, unit="€ par mois", pour_montant=True,
    ),
    Fact(
        "conjoint_activite", "enum", "activité de votre conjoint(e)",
        "Que fait votre conjoint(e) en ce moment ?",
        choices=ACTIVITES, premise=Premise("en_couple", among=(True,)), pour_montant=True,
    ),
    Fact(
        "conjoint_revenus_mensuels", "number", "revenus de votre conjoint(e)",
        "Combien votre conjoint(e) touche-t-il ou elle par mois (salaire, chômage, pension…) ? "
        "(en euros)",
        0, 1_000_000, unit="€ par mois", premise=Premise("en_couple", among=(True,)),
        pour_montant=True,
    ),
    Fact(
        "enfants_ages", "ages", "âges des enfants",
        "Quel âge ont vos enfants ? (par exemple : 2 et 6 ans)",
        0, 25, unit="ans", premise=Premise("enfants_a_charge", minimum=1), pour_montant=True,
    ),
    Fact(
        "taux_incapacite", "int", "taux d'incapacité",
        "La MDPH vous a-t-elle reconnu un taux d'incapacité ?",
        0, 100, choices=TAUX_INCAPACITE, unit="%", pour_montant=True,
    ),
)

FACTS: dict[str, Fact] = {f.name: f for f in _FACT_LIST}

# Natural order of questions: used to break ties in the planner, and the order of the agent form.
QUESTION_ORDER: tuple[str, ...] = tuple(f.name for f in _FACT_LIST if f.question)
MONEY_FACTS: frozenset[str] = frozenset(f.name for f in _FACT_LIST if f.pour_montant)

# Placeholders of reason templates filled from the person's commune rather than from one fact;
# QUARTIERS_PLACEHOLDER names the commune's quartiers (see rules.engine.territory).
QUARTIERS_PLACEHOLDER = "territoires"
COMMUNE_PLACEHOLDERS = frozenset({"commune_nom", "departement_nom", QUARTIERS_PLACEHOLDER})

# Facts the engine derives from the person's commune (usable in conditions like the situation's
# own facts; never asked: the commune is asked instead). Their one definition.
DERIVED_FROM_COMMUNE: dict[str, Callable[[Commune], object]] = {
    "departement": attrgetter("departement"),
    "region": attrgetter("region"),
    "dans_le_nord": attrgetter("dans_le_nord"),
}
