"""Formulas of OpenFisca-France rewritten to skip what cannot change their result.

OpenFisca computes a formula's every operand for the whole simulation, even one multiplied by a
condition that is false for everybody: the complement of the AAH computes 12 months of housing
benefit to find a « majoration pour la vie autonome » it then multiplies by an eligibility of 0,
the CEJ computes 3 months of RSA and prime d'activité of people too old for it. Each formula
here computes the cheap condition first and, when it is false for EVERY person or family of the
simulation, returns what the original formula returns then (0, or the branch `where` selects),
without the expensive operand; otherwise it calls the original formula, unchanged. The answers
are the same to the bit (tests/rules/money/test_money_lazy.py compares them with OpenFisca's
own formulas on many households); only the work differs.

One caveat, OpenFisca's: where formulas read each other across months (the complement of the
AAH, the housing benefit and the RSA do), OpenFisca cuts the « spiral » by taking 0 for the
inner value, so a value can depend on the order things were computed in. A rewriting that
changes that order may change such a value: the prime d'activité's `ppa_fictive` rewritten
(0 without earned income) changed the CSS of a 61-year-old with an AAH by 314 € of resources,
and is not used. Those kept are checked on every household of the tests, alone and together.

`install(system)` wraps the formulas of `system` in place, each one only if OpenFisca-France
still has the formula it was written for (the start date of the formula is checked): otherwise
the original stays, and the log says so.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

Formula = Callable[..., Any]


def _zeros(population: Any, dtype: Any = np.float32) -> np.ndarray:
    return np.zeros(population.count, dtype=dtype)


def caah(original: Formula, _previous: Formula | None) -> Formula:
    """`mva * eligibilite_caah`: the eligibility (an AAH, no pay in the last 12 months) first;
    the majoration pour la vie autonome reads the month's housing benefit."""
    def formula(individu: Any, period: Any, parameters: Any) -> Any:
        if not individu("eligibilite_caah", period).any():
            return _zeros(individu)
        return original(individu, period, parameters)
    return formula


def contrat_engagement_jeune_eligibilite(original: Formula, _previous: Formula | None
                                         ) -> Formula:
    """A product of conditions: the age and the status (not a student) first; the last one
    reads 3 months of RSA and prime d'activité (each reading 3 months more)."""
    from openfisca_france.model.base import TypesActivite

    def formula(individu: Any, period: Any, parameters: Any) -> Any:
        params_age = parameters(period).prestations_sociales.education.\
            contrat_engagement_jeune.critere_age
        age = individu("age", period)
        handicap = individu("handicap", period)
        # as OpenFisca-France writes it (2022-03-01 formula)
        eligibilite_age = (params_age.minimum <= age) * (
            (age <= params_age.maximum) + (age <= (params_age.maximum_handicap) * handicap))
        eligibilite_statut = individu("activite", period) != TypesActivite.etudiant
        if not (eligibilite_age * eligibilite_statut).any():
            return _zeros(individu, bool)
        return original(individu, period, parameters)
    return formula


def aide_logement_montant_selectionne_avant_seuil(original: Formula, _previous: Formula | None
                                                  ) -> Formula:
    """`select([locataire, accédant + foyer + CROUS], [montant locataire, montant accédant et
    foyer])`: when no family rents, the tenant's amount (its resources, its participation) is
    never selected."""
    from openfisca_france.model.base import TypesStatutOccupationLogement as Statut

    def formula(famille: Any, period: Any) -> Any:
        statut = famille.demandeur.menage("statut_occupation_logement", period)
        locataire = ((statut == Statut.locataire_hlm) + (statut == Statut.locataire_vide)
                     + (statut == Statut.locataire_meuble))
        if locataire.any():
            return original(famille, period)
        # the original's other branch, as it writes it
        accedant = famille.demandeur.menage("aides_logement_primo_accedant_eligibilite", period)
        locataire_logement_foyer = statut == Statut.locataire_foyer
        logement_crous = famille.demandeur.menage("logement_crous", period)
        montant_accedant_et_foyer = famille("aides_logement_accedant_et_foyer", period)
        return np.select([locataire, accedant + locataire_logement_foyer + logement_crous],
                         [np.zeros_like(montant_accedant_et_foyer), montant_accedant_et_foyer])
    return formula


def experimentation_rsa(original: Formula, previous: Formula | None) -> Formula:
    """`where(departement_experimentation_rsa, experimentation, normal)` (formulas of
    2024-10): when no family is in a département of the experimentation, `normal`, which is the
    previous formula, without the experimentation's months (one month earlier)."""
    assert previous is not None
    arity = len(inspect.signature(original).parameters)

    def uniform(entity: Any, period: Any, *parameters: Any) -> Any:
        famille = entity if entity.entity.key == "famille" else entity.famille
        flags = famille("departement_experimentation_rsa", period)
        chosen = original if flags.any() else previous
        return chosen(entity, period, *parameters)

    if arity == 2:
        def formula2(entity: Any, period: Any) -> Any:
            return uniform(entity, period)
        return formula2

    def formula3(entity: Any, period: Any, parameters: Any) -> Any:
        return uniform(entity, period, parameters)
    return formula3


# variable → (the start of the formula rewritten, the start of the previous one or None,
# the rewriting)
LAZY: dict[str, tuple[str, str | None, Callable[[Formula, Formula | None], Formula]]] = {
    "caah": ("2019-12-01", None, caah),
    "contrat_engagement_jeune_eligibilite": ("2022-03-01", None,
                                             contrat_engagement_jeune_eligibilite),
    "aide_logement_montant_selectionne_avant_seuil": (
        "0001-01-01", None, aide_logement_montant_selectionne_avant_seuil),
    "ppa": ("2024-10-01", "2016-01-01", experimentation_rsa),
    "rsa_base_ressources_individu": ("2024-10-01", "2009-06-01", experimentation_rsa),
    "rsa_base_ressources_minima_sociaux": ("2024-10-01", "0001-01-01", experimentation_rsa),
    "rsa_revenu_activite_individu": ("2024-10-01", "2009-06-01", experimentation_rsa),
}


def install(system: Any) -> list[str]:
    """Wrap the formulas of `LAZY` in `system` (in place); returns the variables wrapped."""
    done = []
    for name, (start, previous_start, rewrite) in LAZY.items():
        variable = system.variables.get(name)
        formulas = getattr(variable, "formulas", None)
        if not formulas or formulas.keys()[-1] != start or (
                previous_start is not None and (len(formulas) < 2
                                                or formulas.keys()[-2] != previous_start)):
            log.warning("montants : la formule de %s a changé dans OpenFisca-France, elle "
                        "n'est pas réécrite", name)
            continue
        previous = formulas[previous_start] if previous_start is not None else None
        formulas[start] = rewrite(formulas[start], previous)
        done.append(name)
    return done
