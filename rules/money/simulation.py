"""Many households of one month → ONE OpenFisca-France simulation (OpenFisca is vectorial).

Incomes are set on every month OpenFisca's benefits read for a claim in month M (checked in
openfisca-france 176.1.8):
- RSA and prime d'activité: the 3 months before M (`period.last_3_months`);
- aides au logement (since 2021): 12 months ending 2 months before M, from the *imposable*
  incomes (`aide_logement_base_ressources_individu`);
- complémentaire santé solidaire: the 12 months before M (`css_cmu_base_ressources_individu`);
- allocations familiales (modulation), complément familial, PAJE, ARS: year N-2
  (`prestations_familiales_base_ressources_individu`);
- chèque énergie, bourses de collège et de lycée, CEJ: the `rfr` of year N-2, which OpenFisca
  computes from the imposable incomes of that year.
The months before M computed for those (the CSS sums 12 of them) read their own N-2: so every
monthly income is set from January of N-3 to M, net and imposable alike (we know one figure:
the net one is taken as imposable too), under the hypothesis of stable incomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from rules.money.household import Household, Person

FAMILLE_ROLE = {"demandeur": "demandeur", "conjoint": "conjoint", "enfant": "enfant"}
FOYER_ROLE = {"demandeur": "declarant_principal", "conjoint": "conjoint",
              "enfant": "personne_a_charge"}
MENAGE_ROLE = {"demandeur": "personne_de_reference", "conjoint": "conjoint", "enfant": "enfant"}

# Each net income → the OpenFisca variables set from it, with their ratio to the net one. The
# gross pay and pension are read only by the ASPA (and the ASI): the gross pay estimated from
# the net one with the employee contributions of a private-sector job (about 22 %); the gross
# pension equal to the net one, as a small pension pays no CSG, CRDS nor CASA (CSS art. L136-8,
# exemption under a reference income the ASPA's households are below: ÷ 0.909 gave a 700 €
# pensioner 70 € less ASPA than OpenFisca with the pension she actually receives).
INCOME_VARIABLES: dict[str, tuple[tuple[str, float], ...]] = {
    "salaire": (("salaire_net", 1.0), ("salaire_imposable", 1.0), ("salaire_de_base", 1 / 0.78)),
    "chomage": (("chomage_net", 1.0), ("chomage_imposable", 1.0)),
    "retraite": (("retraite_nette", 1.0), ("retraite_imposable", 1.0),
                 ("retraite_brute", 1.0)),
}
INCOME_YEARS_BACK = 3
# Set to 0 only when no one in the simulation can have them, which is then exact: the AAH (and
# its complement) needs an incapacity rate of 50 % at least, the ASPA an age of 62 at least.
ZERO_WITHOUT_INCAPACITE = ("aah", "caah")
ZERO_UNDER_60 = ("aspa",)
RECENT_MONTHS = 13  # M-12 … M: the state of the people and of the housing


def shift_month(month: dt.date, delta: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + delta
    return dt.date(index // 12, index % 12 + 1, 1)


def period_of(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def birth_date(month: dt.date, age: int) -> np.datetime64:
    """Born on the 1st, six months before the birthday month: `age` years old all the month
    (and OpenFisca's `age` on the 1st of the month equals ours)."""
    return np.datetime64(shift_month(month, -12 * age - 6).isoformat())


def income_months(month: dt.date) -> list[str]:
    """January of N-3 … M: the benefits read up to N-2, but of the months before M (the CSS
    reads 12 of them, and their family allowances their own N-2). Unset, OpenFisca would derive
    the net and imposable incomes from a gross pay of 0 through the whole chain of social
    contributions."""
    first = dt.date(month.year - INCOME_YEARS_BACK, 1, 1)
    count = (month.year - first.year) * 12 + month.month - first.month + 1
    return [period_of(shift_month(first, k)) for k in range(count)]


def scolarite(age: int) -> str:
    if 3 <= age <= 5:
        return "maternelle"
    if 6 <= age <= 10:
        return "primaire"
    if 11 <= age <= 14:
        return "college"
    if 15 <= age <= 17:
        return "lycee"
    return "inconnue"


class Batch:
    """One simulation holding `households`, all of the month `month` (its 1st day)."""

    def __init__(self, tax_benefit_system: Any, households: Sequence[Household],
                 month: dt.date) -> None:
        self.month = month
        self.tbs = tax_benefit_system
        people: list[Person] = []
        household_of_person: list[int] = []
        self.person_index = np.empty(len(households), dtype=np.int64)
        for i, household in enumerate(households):
            self.person_index[i] = len(people)
            people.extend(household.people)
            household_of_person.extend([i] * len(household.people))
        self.simulation = self._built(people, household_of_person, len(households))
        sim = self.simulation
        sim.set_input("date_naissance", "ETERNITY",
                      np.array([birth_date(month, p.age) for p in people], dtype="datetime64[D]"))
        self._set_incomes(people)
        self._set_zeros(people, len(households))
        inputs = self._person_inputs(people) | self._menage_inputs(households)
        for k in range(RECENT_MONTHS):
            period = period_of(shift_month(month, -k))
            for name, values in inputs.items():
                sim.set_input(name, period, values)

    def _built(self, people: list[Person], household_of_person: list[int], count: int) -> Any:
        from openfisca_core.simulations import SimulationBuilder

        builder = SimulationBuilder()
        builder.create_entities(self.tbs)
        builder.declare_person_entity("individu", np.arange(len(people)))
        ids = np.asarray(household_of_person)
        for entity, roles in (("famille", FAMILLE_ROLE), ("foyer_fiscal", FOYER_ROLE),
                              ("menage", MENAGE_ROLE)):
            population = builder.declare_entity(entity, np.arange(count))
            builder.join_with_persons(population, ids, [roles[p.role] for p in people])
        return builder.build(self.tbs)

    def _enum(self, variable: str, names: list[str]) -> Any:
        enum_type = self.tbs.variables[variable].possible_values
        return enum_type.encode(np.array([enum_type[n] for n in names], dtype=object))

    def _set_incomes(self, people: list[Person]) -> None:
        for kind, names in INCOME_VARIABLES.items():
            # zeros too: otherwise OpenFisca derives the imposable ones from the gross pay
            amounts = np.array([getattr(p, kind) for p in people], dtype=np.float32)
            for period in income_months(self.month):
                for name, ratio in names:
                    self.simulation.set_input(name, period, amounts * np.float32(ratio))

    def _set_zeros(self, people: list[Person], households: int) -> None:
        """The variables nobody in the simulation can have, set to 0 (exact, and free)."""
        not_computed: list[str] = []
        if not any(p.taux_incapacite for p in people):
            not_computed += ZERO_WITHOUT_INCAPACITE
        if max(p.age for p in people) < 60:
            not_computed += ZERO_UNDER_60
        for name in not_computed:
            entity = self.tbs.variables[name].entity.key
            zeros = np.zeros(len(people) if entity == "individu" else households,
                             dtype=np.float32)
            for period in income_months(self.month):
                self.simulation.set_input(name, period, zeros)

    def _person_inputs(self, people: list[Person]) -> dict[str, Any]:
        inputs: dict[str, Any] = {
            "activite": self._enum("activite", [p.activite for p in people]),
            "scolarite": self._enum("scolarite", [scolarite(p.age) if p.role == "enfant"
                                                  else "inconnue" for p in people]),
        }
        for name, attribute in (("enceinte", "enceinte"), ("handicap", "handicap"),
                                ("apprenti", "apprenti"),
                                ("aah_restriction_substantielle_durable_acces_emploi", "rsdae"),
                                ("rsa_jeune_condition_heures_travail_remplie", "jeune_actif")):
            values = np.array([getattr(p, attribute) for p in people])
            if values.any():
                inputs[name] = values
        incapacite = np.array([p.taux_incapacite for p in people], dtype=np.float32)
        if incapacite.any():
            inputs["taux_incapacite"] = incapacite
        return inputs

    def _menage_inputs(self, households: Sequence[Household]) -> dict[str, Any]:
        return {
            "statut_occupation_logement": self._enum(
                "statut_occupation_logement", [h.statut_occupation for h in households]),
            "loyer": np.array([h.loyer for h in households], dtype=np.float32),
            "depcom": np.array([h.depcom for h in households]),
        }

    def values(self, variable: str, entity: str, period: str, *, add: bool = False,
               divide: bool = False) -> np.ndarray:
        """`variable` for each household: its person's (`individu`) or its entity's."""
        sim = self.simulation
        if add:
            result = sim.calculate_add(variable, period)
        elif divide:
            result = sim.calculate_divide(variable, period)
        else:
            result = sim.calculate(variable, period)
        result = np.asarray(result)
        return result[self.person_index] if entity == "individu" else result
