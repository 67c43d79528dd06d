"""Bridge from our situations (see /work/shared/CONTRACT.md) to OpenFisca-France, in batch.

Used by ``tests/test_differential_openfisca.py`` and ``benchmarks/bench_engine.py``.

API
---
``openfisca_rsa(situations) -> list[float]``
    OpenFisca's monthly ``rsa`` (famille) for the month of each situation's ``date_evaluation``.
``openfisca_cej_eligible(situations) -> list[bool]``
    OpenFisca's ``contrat_engagement_jeune_eligibilite`` (individu) for the same month.
``openfisca_variables(situations, {"name": "entity"}) -> dict[str, list]``
    Any other variable, for diagnostics (entity: ``individu`` for the person, ``famille``;
    ``"rsa@-1": "famille"`` is the RSA of the month before).
``tax_benefit_system()``
    The OpenFisca-France system, loaded once per process (about 3 s).

All situations of one month go into ONE simulation with as many households as situations
(a simulation per distinct month of ``date_evaluation``): OpenFisca computes vectorially, so a
batch of 1 000 households costs little more than one household.

Mapping (one « famille » = one « foyer fiscal » = one « ménage » per situation)
------------------------------------------------------------------------------
- ``age`` → ``date_naissance`` such that OpenFisca's ``age`` (on the 1st of the month) equals
  it: born on the 1st, six months before the birthday month (``date_naissance`` is accepted
  too). The month simulated is the month of ``date_evaluation`` (default: today).
- ``en_couple`` → a second parent (``conjoint`` in the famille, second declarant, ménage
  conjoint) who is a COPY of the person (same age, same ``activite``, same « jeune actif »
  flag) with no income and not pregnant. OpenFisca checks the age and student conditions of
  the RSA on either parent; copying the person reduces them to the person's own, which is
  what our rules check (the contract knows nothing of the partner).
- ``enfants_a_charge`` / ``enfants_moins_3_ans`` → that many children (famille ``enfant``,
  foyer fiscal ``personne_a_charge``, ménage ``enfant``), without income: those under 3 are
  0, 1, 2, 0 … years old, the others 6, 9, 12, 15, 17 … years old.
- ``activite`` → ``activite`` (TypesActivite): sans_emploi → chomeur, emploi → actif,
  etudes → etudiant, retraite → retraite, apprentissage → actif (an apprentice has a work
  contract; ``apprenti`` is also set), formation → inactif (OpenFisca has no « in training »
  activity; ``stagiaire`` is not set because it implies a traineeship pay), autre → inactif,
  unknown → inactif (OpenFisca's default).
- ``ressources_mensuelles_foyer`` → ``salaire_net`` of the person on the month simulated and
  the eight before it, so that the RSA's three-month base (M-3..M-1, or M-4..M-2 in the
  departments experimenting pre-filled claims) is that amount a month and no « interrupted
  income » neutralisation applies. Our figure is the household's WHOLE resource base, so
  ``rsa_base_ressources_prestations_familiales`` is set to 0 on the month and the three
  before it (OpenFisca would otherwise add the family allowances it computes for the
  children on top of it). Minima sociaux that OpenFisca computes itself (ASPA, AAH, ASS…)
  are left to it.
- ``enceinte`` → ``enceinte`` of the person.
- ``activite_2_ans_sur_3`` → ``rsa_jeune_condition_heures_travail_remplie`` (RSA « jeune
  actif »).
- ``rqth`` → ``handicap`` (CEJ up to 29).
- Housing: unknown to our rules, whose threshold is the montant forfaitaire WITHOUT the
  forfait logement. ``aide_logement`` is set to 0 (month and 3 before) and
  ``statut_occupation_logement`` to ``locataire_vide``, so OpenFisca deducts no forfait
  logement (a tenant without housing benefit). ``forfait_logement=True`` makes the household
  ``loge_gratuitement`` instead (housed free of charge: OpenFisca then deducts the forfait
  logement; diagnostic only).
- ``rsa``: ``openfisca_rsa`` never sends the RSA received as an input (that would just echo
  it: the comparison is about screening; it uses ``received_rsa_ppa="computed"``).
  OpenFisca's CEJ eligibility is that of the ALLOWANCE, refused to a famille that received
  ``rsa`` or ``ppa`` in the last 3 months, which it would otherwise COMPUTE (entitlement, not
  receipt). By default (``received_rsa_ppa="from_situation"``) they are set to 0 on those
  months, or the RSA to a positive amount when the situation says ``rsa: true``: « does not
  receive » is a fact of the situation. ``received_rsa_ppa="computed"`` lets OpenFisca
  compute them (diagnostic).
- Everything else is OpenFisca's default: French nationality, no patrimony, no N-2 taxable
  income (so ``ir_tranche`` is 0 for the CEJ), no volunteering allowance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

import numpy as np

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

UNDER_3_AGES = (0, 1, 2)
OLDER_CHILD_AGES = (6, 9, 12, 15, 17)

ReceivedMode = Literal["from_situation", "computed"]


@lru_cache(maxsize=1)
def tax_benefit_system() -> Any:
    """OpenFisca-France's tax-benefit system, loaded once per process."""
    from openfisca_france import FranceTaxBenefitSystem

    return FranceTaxBenefitSystem()


def _month_of(situation: Mapping[str, Any]) -> str:
    date = situation.get("date_evaluation") or dt.date.today().isoformat()
    return str(date)[:7]


def _shift_month(month: str, delta: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _birth(month: str, age: int) -> np.datetime64:
    """Born on the 1st, six months before the birthday month: ``age`` years old all the month."""
    return np.datetime64(_shift_month(month, -12 * age - 6) + "-01")


def _person_birth(situation: Mapping[str, Any], month: str) -> np.datetime64:
    if situation.get("date_naissance"):
        return np.datetime64(str(situation["date_naissance"]))
    age = situation.get("age")
    return _birth(month, 40 if age is None else int(age))


def _child_ages(situation: Mapping[str, Any]) -> list[int]:
    children = int(situation.get("enfants_a_charge") or 0)
    under_3 = min(int(situation.get("enfants_moins_3_ans") or 0), children)
    ages = [UNDER_3_AGES[j % len(UNDER_3_AGES)] for j in range(under_3)]
    ages += [OLDER_CHILD_AGES[min(j, len(OLDER_CHILD_AGES) - 1)] for j in range(children - under_3)]
    return ages


class _Batch:
    """One OpenFisca simulation holding one household per situation, all of the same month."""

    def __init__(
        self,
        situations: Sequence[Mapping[str, Any]],
        month: str,
        *,
        received_rsa_ppa: ReceivedMode = "from_situation",
        forfait_logement: bool = False,
    ) -> None:
        from openfisca_core.simulations import SimulationBuilder
        from openfisca_france.model.base import TypesActivite, TypesStatutOccupationLogement

        tbs = tax_benefit_system()
        self.month = month
        n = len(situations)

        births: list[np.datetime64] = []
        activites: list[str] = []
        jeune_actif: list[bool] = []
        handicap: list[bool] = []
        enceinte: list[bool] = []
        apprenti: list[bool] = []
        salaire: list[float] = []
        household: list[int] = []
        famille_roles: list[str] = []
        foyer_roles: list[str] = []
        menage_roles: list[str] = []
        self.person_index = np.empty(n, dtype=np.int64)

        def add(i: int, birth: np.datetime64, activite: str, famille: str, foyer: str,
                menage: str, *, jeune: bool = False, rqth: bool = False,
                pregnant: bool = False, apprentice: bool = False, income: float = 0.0) -> None:
            births.append(birth)
            activites.append(activite)
            jeune_actif.append(jeune)
            handicap.append(rqth)
            enceinte.append(pregnant)
            apprenti.append(apprentice)
            salaire.append(income)
            household.append(i)
            famille_roles.append(famille)
            foyer_roles.append(foyer)
            menage_roles.append(menage)

        for i, s in enumerate(situations):
            birth = _person_birth(s, month)
            activite = ACTIVITE_OPENFISCA[s.get("activite")]
            jeune = bool(s.get("activite_2_ans_sur_3"))
            apprentice = s.get("activite") == "apprentissage"
            self.person_index[i] = len(births)
            add(i, birth, activite, "demandeur", "declarant_principal", "personne_de_reference",
                jeune=jeune, rqth=bool(s.get("rqth")), pregnant=bool(s.get("enceinte")),
                apprentice=apprentice, income=float(s.get("ressources_mensuelles_foyer") or 0))
            if s.get("en_couple"):
                add(i, birth, activite, "conjoint", "conjoint", "conjoint", jeune=jeune,
                    apprentice=apprentice)
            for age in _child_ages(s):
                add(i, _birth(month, age), "etudiant" if age >= 3 else "inactif", "enfant",
                    "personne_a_charge", "enfant")

        builder = SimulationBuilder()
        builder.create_entities(tbs)
        builder.declare_person_entity("individu", np.arange(len(births)))
        household_ids = np.asarray(household)
        for entity, roles in (("famille", famille_roles), ("foyer_fiscal", foyer_roles),
                              ("menage", menage_roles)):
            population = builder.declare_entity(entity, np.arange(n))
            builder.join_with_persons(population, household_ids, roles)
        sim = builder.build(tbs)
        self.simulation = sim

        sim.set_input("date_naissance", "ETERNITY", np.array(births, dtype="datetime64[D]"))
        months = [_shift_month(month, -k) for k in range(9)]  # M, M-1 … M-8
        salaire_array = np.asarray(salaire, dtype=np.float32)
        activite_array = TypesActivite.encode(
            np.array([TypesActivite[a] for a in activites], dtype=object))
        for m in months:
            sim.set_input("activite", m, activite_array)
            sim.set_input("salaire_net", m, salaire_array)
            sim.set_input("apprenti", m, np.asarray(apprenti))
            sim.set_input("rsa_jeune_condition_heures_travail_remplie", m,
                          np.asarray(jeune_actif))
            sim.set_input("handicap", m, np.asarray(handicap))
            sim.set_input("enceinte", m, np.asarray(enceinte))
        zeros = np.zeros(n, dtype=np.float32)
        housing = (TypesStatutOccupationLogement.loge_gratuitement if forfait_logement
                   else TypesStatutOccupationLogement.locataire_vide)
        statut = TypesStatutOccupationLogement.encode(np.array([housing] * n, dtype=object))
        for m in months[:4]:  # the month and the 3 before (the CEJ looks at their RSA)
            sim.set_input("rsa_base_ressources_prestations_familiales", m, zeros)
            sim.set_input("statut_occupation_logement", m, statut)
            sim.set_input("aide_logement", m, zeros)
        if received_rsa_ppa == "from_situation":
            received = np.array([300.0 if s.get("rsa") else 0.0 for s in situations],
                                dtype=np.float32)
            for m in months[1:4]:
                sim.set_input("rsa", m, received)
                sim.set_input("ppa", m, zeros)

    def individu(self, variable: str, offset: int = 0) -> np.ndarray:
        """``variable`` for the person of each situation (not the partner nor the children)."""
        return self.famille(variable, offset)[self.person_index]

    def famille(self, variable: str, offset: int = 0) -> np.ndarray:
        period = _shift_month(self.month, offset)
        return np.asarray(self.simulation.calculate(variable, period))


def _by_month(situations: Sequence[Mapping[str, Any]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(situations):
        groups[_month_of(s)].append(i)
    return groups


def openfisca_variables(
    situations: Sequence[Mapping[str, Any]],
    variables: Mapping[str, str],
    *,
    received_rsa_ppa: ReceivedMode = "from_situation",
    forfait_logement: bool = False,
) -> dict[str, list[Any]]:
    """Compute ``variables`` ({name: "individu" | "famille"}) for every situation, in batch.

    A name may end with ``@-k`` (``"rsa@-1"``): the variable for the k-th month BEFORE the
    situation's, in the same simulation (e.g. the RSA OpenFisca's CEJ looks at).
    """
    out: dict[str, list[Any]] = {key: [None] * len(situations) for key in variables}
    for month, indices in _by_month(situations).items():
        batch = _Batch([situations[i] for i in indices], month,
                       received_rsa_ppa=received_rsa_ppa, forfait_logement=forfait_logement)
        for key, entity in variables.items():
            name, _, offset = key.partition("@")
            shift = int(offset) if offset else 0
            values = (batch.individu(name, shift) if entity == "individu"
                      else batch.famille(name, shift))
            for i, value in zip(indices, values.tolist(), strict=True):
                out[key][i] = value
    return out


def openfisca_rsa(situations: Sequence[Mapping[str, Any]], **options: Any) -> list[float]:
    """OpenFisca-France's RSA (€ for the month of ``date_evaluation``), one per situation."""
    options.setdefault("received_rsa_ppa", "computed")
    return [float(v) for v in openfisca_variables(situations, {"rsa": "famille"}, **options)["rsa"]]


def openfisca_cej_eligible(situations: Sequence[Mapping[str, Any]], **options: Any) -> list[bool]:
    """OpenFisca-France's ``contrat_engagement_jeune_eligibilite``, one per situation."""
    name = "contrat_engagement_jeune_eligibilite"
    return [bool(v) for v in openfisca_variables(situations, {name: "individu"}, **options)[name]]


def warm_up(situations: Iterable[Mapping[str, Any]] = ({"age": 30},)) -> None:
    """Load the system and compile the formulas used, so timings exclude the one-time cost."""
    openfisca_rsa(list(situations))
