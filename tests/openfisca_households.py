"""Our facts → OpenFisca-France households, written independently of ``rules/money``.

Used by ``tests/rules/money/test_differential_households.py``. The point is independence: this
module never imports ``rules.money`` (nor ``rules.engine``); it reads the facts of a situation
(names of ``rules/engine/facts.py``) and writes OpenFisca's standard JSON-like situation
(``SimulationBuilder.build_from_entities``), ALL households in ONE simulation.

``openfisca_amounts(situations, month)`` returns, per household, every variable the catalogue's
``openfisca:`` blocks name, computed by a PLAIN ``FranceTaxBenefitSystem`` (no variable
neutralised, unlike ``rules.money.calculator.NEUTRALISED``).

Mapping (one famille = one foyer fiscal = one ménage per situation)
--------------------------------------------------------------------
People
  The person (``demandeur`` / ``declarant_principal`` / ``personne_de_reference``); with
  ``en_couple``, a REAL partner (``conjoint`` in the three entities: married or pacsé, one tax
  return) with their own ``conjoint_age``, ``conjoint_activite`` and
  ``conjoint_revenus_mensuels``; one child per entry of ``enfants_ages`` (``enfant`` /
  ``personne_a_charge`` / ``enfant``), without income.
Ages
  ``date_naissance`` = 15 May of (year of the month − age): the birthday has passed by the 1st
  of the month simulated (from June to December), so OpenFisca's ``age`` equals ours all the
  month. (``rules.money`` is born on the 1st, six months before the birthday month: the same
  age, a different date.)
Activity
  ``activite``: sans_emploi → chomeur, emploi → actif, etudes → etudiant, retraite → retraite,
  apprentissage → actif with ``apprenti``, formation and autre → inactif (OpenFisca has no
  « in training »). Children keep OpenFisca's default activity (inactif) and get a
  ``scolarite`` by age: 3-5 maternelle, 6-10 primaire, 11-14 college, 15-17 lycee, otherwise
  inconnue.
Incomes (every amount is net and monthly, taken equal from January of N-4 to December of N)
  Set as YEARLY inputs (12 × the monthly amount on each year 2022 … 2026, which OpenFisca
  divides over the months): every benefit's reference period (3 last months, 12 months, N-2,
  the rfr of N-2) sees the same stable income.
  - ``revenus_activite_mensuels`` → the person's pay: ``salaire_net`` and
    ``salaire_imposable`` equal to it, ``salaire_de_base`` (gross, read by the ASPA) = net /
    0.78.
  - OTHER income of the person (``ressources_mensuelles_foyer`` − own earnings − partner's
    income) is typed by the person's activity: a retired person's is a pension
    (``retraite_nette`` = ``retraite_imposable`` = ``retraite_brute``: a small pension pays no
    CSG), anyone else's an unemployment benefit (``chomage_net`` = ``chomage_imposable``;
    ``chomage_brut`` = net / 0.93, read by nothing we compare but keeps the chain coherent).
  - The partner's income is typed by the partner's activity: pay for emploi, apprentissage and
    etudes, a pension for retraite, otherwise an unemployment benefit (same variables).
Person's state (set on every year, dispatched over its months)
  ``enceinte`` on the person; ``taux_incapacite`` / 100; a rate of 50-79 % with
  ``aah_restriction_substantielle_durable_acces_emploi`` (the AAH at that rate needs it: the
  catalogue says « à vérifier »); ``rqth`` → ``handicap``; ``activite_2_ans_sur_3`` →
  ``rsa_jeune_condition_heures_travail_remplie``.
Housing (ménage, every year)
  ``logement``: locataire → locataire_vide, locataire_social → locataire_hlm, proprietaire →
  proprietaire, heberge → loge_gratuitement; ``loyer`` = ``loyer_mensuel`` (0 otherwise);
  ``depcom`` = the commune's INSEE code.
Not set
  The RSA received (``rsa`` false: OpenFisca computes it), patrimony, capital income, alimony
  — OpenFisca's defaults (0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

ACTIVITE = {"sans_emploi": "chomeur", "emploi": "actif", "etudes": "etudiant",
            "retraite": "retraite", "apprentissage": "actif", "formation": "inactif",
            "autre": "inactif"}
OCCUPATION = {"locataire": "locataire_vide", "locataire_social": "locataire_hlm",
              "proprietaire": "proprietaire", "heberge": "loge_gratuitement"}
PAY_ACTIVITIES = frozenset({"emploi", "apprentissage", "etudes"})
YEARS = tuple(range(2022, 2027))
GROSS_PAY_RATIO = 1 / 0.78
GROSS_UNEMPLOYMENT_RATIO = 1 / 0.93

# (variable, entity, how): "month" = the month; "year" = the year of the month; the bourses are
# monthly variables whose value is already the yearly amount (computed on the month).
VARIABLES: tuple[tuple[str, str, str], ...] = (
    ("rsa", "famille", "month"), ("ppa", "famille", "month"),
    ("aide_logement", "famille", "month"), ("af", "famille", "month"),
    ("cf", "famille", "month"), ("asf", "famille", "month"),
    ("paje_base", "famille", "month"), ("ars", "famille", "year"),
    ("aah", "individu", "month"), ("aspa", "famille", "month"),
    ("cheque_energie", "menage", "year"), ("cmu_c", "famille", "month"),
    ("css_participation_forfaitaire", "famille", "month"),
    ("bourse_college", "famille", "month"), ("bourse_lycee", "famille", "month"),
    # diagnostics (the known reasons read them)
    ("rsa_base_ressources", "famille", "month"), ("rsa_socle", "famille", "month"),
    ("rsa_socle_majore", "famille", "month"), ("rsa_forfait_logement", "famille", "month"),
    ("asi", "individu", "month"),
)


@lru_cache(maxsize=1)
def tax_benefit_system() -> Any:
    """A plain OpenFisca-France system (nothing neutralised), loaded once per process."""
    from openfisca_france import FranceTaxBenefitSystem

    return FranceTaxBenefitSystem()


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


def _yearly(amount: float) -> dict[str, float]:
    return {str(y): 12 * amount for y in YEARS}


def _every_year(value: Any) -> dict[str, Any]:
    return {str(y): value for y in YEARS}


def _incomes(kind: str, amount: float) -> dict[str, dict[str, float]]:
    if kind == "salaire":
        names = {"salaire_net": 1.0, "salaire_imposable": 1.0,
                 "salaire_de_base": GROSS_PAY_RATIO}
    elif kind == "retraite":
        names = {"retraite_nette": 1.0, "retraite_imposable": 1.0, "retraite_brute": 1.0}
    else:
        names = {"chomage_net": 1.0, "chomage_imposable": 1.0,
                 "chomage_brut": GROSS_UNEMPLOYMENT_RATIO}
    return {name: _yearly(amount * ratio) for name, ratio in names.items()}


def _add(person: dict[str, Any], incomes: dict[str, dict[str, float]]) -> None:
    for name, by_year in incomes.items():
        if name in person:
            person[name] = {y: person[name][y] + v for y, v in by_year.items()}
        else:
            person[name] = by_year


def other_income(s: Mapping[str, Any]) -> float:
    """The person's income other than pay: the household's total less the pay and the
    partner's income."""
    partner = s.get("conjoint_revenus_mensuels", 0) if s.get("en_couple") else 0
    return round(max(0.0, s["ressources_mensuelles_foyer"] - s["revenus_activite_mensuels"]
                     - partner), 2)


def situation_of(s: Mapping[str, Any], year: int, key: str) -> dict[str, Any]:
    """The OpenFisca entities of one situation (ids prefixed by `key`)."""
    persons: dict[str, dict[str, Any]] = {}
    me = f"{key}_p"
    person: dict[str, Any] = {
        "date_naissance": {"ETERNITY": f"{year - s['age']}-05-15"},
        "activite": _every_year(ACTIVITE[s["activite"]]),
        "enceinte": _every_year(bool(s.get("enceinte"))),
        "handicap": _every_year(bool(s.get("rqth"))),
        "apprenti": _every_year(s["activite"] == "apprentissage"),
        "rsa_jeune_condition_heures_travail_remplie":
            _every_year(bool(s.get("activite_2_ans_sur_3"))),
        "taux_incapacite": _every_year(s.get("taux_incapacite", 0) / 100),
        "aah_restriction_substantielle_durable_acces_emploi":
            _every_year(50 <= s.get("taux_incapacite", 0) < 80),
    }
    _add(person, _incomes("salaire", s["revenus_activite_mensuels"]))
    _add(person, _incomes("retraite" if s["activite"] == "retraite" else "chomage",
                          other_income(s)))
    persons[me] = person
    parents = [me]
    if s.get("en_couple"):
        partner_id = f"{key}_c"
        activite = s["conjoint_activite"]
        partner: dict[str, Any] = {
            "date_naissance": {"ETERNITY": f"{year - s['conjoint_age']}-05-15"},
            "activite": _every_year(ACTIVITE[activite]),
            "apprenti": _every_year(activite == "apprentissage"),
        }
        kind = ("salaire" if activite in PAY_ACTIVITIES
                else "retraite" if activite == "retraite" else "chomage")
        _add(partner, _incomes(kind, s["conjoint_revenus_mensuels"]))
        persons[partner_id] = partner
        parents.append(partner_id)
    children = []
    for j, age in enumerate(s.get("enfants_ages") or ()):
        child_id = f"{key}_e{j}"
        persons[child_id] = {
            "date_naissance": {"ETERNITY": f"{year - age}-05-15"},
            "scolarite": _every_year(scolarite(age)),
        }
        children.append(child_id)
    logement = s["logement"]
    loyer = s.get("loyer_mensuel", 0) if logement in ("locataire", "locataire_social") else 0
    return {
        "individus": persons,
        "familles": {key: {"parents": parents, "enfants": children}},
        "foyers_fiscaux": {key: {"declarants": parents, "personnes_a_charge": children}},
        "menages": {key: {
            "personne_de_reference": [me],
            **({"conjoint": parents[1:]} if len(parents) > 1 else {}),
            "enfants": children,
            "statut_occupation_logement": _every_year(OCCUPATION[logement]),
            "loyer": _yearly(loyer),
            "depcom": _every_year(str(s["code_insee"])),
        }},
    }


def openfisca_amounts(situations: Sequence[Mapping[str, Any]], month: str,
                      order: Sequence[str] | None = None) -> list[dict[str, float]]:
    """Every variable of `VARIABLES` for each situation, in ONE simulation of `month`
    ("YYYY-MM"). A famille's, ménage's value is the household's; an individu's, the person's.

    `order`: the variables computed first, in that order (default: `VARIABLES`' order, the RSA
    first). It matters: the housing aid of M reads the RSA of M-1 (CCH R822-15 and R822-17:
    neutralisation of the resources of an RSA beneficiary,
    `aide_logement_condition_neutralisation`), which reads the housing aid of M-1 (forfait
    logement), and so on back in time; OpenFisca cuts that
    spiral at a depth that depends on the variable asked first."""
    from openfisca_core.simulations import SimulationBuilder

    year = int(month[:4])
    entities: dict[str, dict[str, Any]] = {"individus": {}, "familles": {},
                                           "foyers_fiscaux": {}, "menages": {}}
    for i, s in enumerate(situations):
        for name, part in situation_of(s, year, f"h{i}").items():
            entities[name].update(part)
    system = tax_benefit_system()
    simulation = SimulationBuilder().build_from_entities(system, entities)
    person_ids = list(simulation.persons.ids)
    first_person = [person_ids.index(f"h{i}_p") for i in range(len(situations))]
    out: list[dict[str, float]] = [{} for _ in situations]
    spec = {v: (e, how) for v, e, how in VARIABLES}
    for variable in (*(order or ()), *spec):
        if variable not in spec:  # computed for its effect on the others only
            simulation.calculate(variable, month)
            continue
        entity, how = spec[variable]
        period = str(year) if how == "year" else month
        values = simulation.calculate(variable, period)
        if entity == "individu":
            values = values[first_person]
        else:
            population = simulation.populations[entity]
            order = {e: k for k, e in enumerate(population.ids)}
            values = values[[order[f"h{i}"] for i in range(len(situations))]]
        for i in range(len(situations)):
            out[i][variable] = float(values[i])
    return out
