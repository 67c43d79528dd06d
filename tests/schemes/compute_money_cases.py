"""Compute the expected amounts of `tests/schemes/money_cases.yaml` with OpenFisca-France, by hand.

This script does NOT use the project's engine nor `rules.money`: it builds each household itself
with OpenFisca's `SimulationBuilder`, so that the amounts it prints are an independent reference
for the engine's wiring of OpenFisca (a second opinion, not a copy of the code under test).

Run (about a minute: OpenFisca-France loads its whole tax-benefit system):

    PYTHONPATH=. .venv/bin/python tests/schemes/compute_money_cases.py          # print the YAML
    PYTHONPATH=. .venv/bin/python tests/schemes/compute_money_cases.py --write  # rewrite the file

How our facts become an OpenFisca situation (the hypotheses are repeated in each case's source):

- `age` (and `conjoint_age`, `enfants_ages`) → `date_naissance` on 1 May of the year that gives
  that age in the evaluation month (a child « 2 ans » in November 2026 was born 1 May 2024);
- `ressources_mensuelles_foyer` minus the earnings (`revenus_activite_mensuels`, and the
  partner's `conjoint_revenus_mensuels`) is replacement income: unemployment benefit
  (`chomage_net` = `chomage_imposable`) of the person, the same every month from January two
  years before (the family benefits and the chèque énergie read the income of year N-2, the
  housing aid the last 12 months, the RSA the last 3);
- earnings → `salaire_net` = `salaire_imposable`, every month of the same span; the partner's
  income is a salary when `conjoint_activite` is emploi or apprentissage, else unemployment
  benefit;
- `logement` → `statut_occupation_logement` (locataire → locataire_vide, locataire_social →
  locataire_hlm, proprietaire, heberge → loge_gratuitement, sans_domicile), `loyer_mensuel` →
  `loyer` every month; `commune` → `depcom`;
- a pension (`activite: retraite`) is gross = net = taxable (`retraite_brute`…), the ASPA
  reading the gross one;
- no alimony is received (`pensions_alimentaires_percues` = 0): for a lone parent OpenFisca then
  grants the ASF, which is right only if the other parent does not contribute;
- children aged 11–14 are at collège, 15–17 at lycée (`scolarite`), younger ones in primary or
  maternelle; nothing else is set (OpenFisca's defaults).

Amounts are euros per month (`periode: mois`) or per year (`annee`: ARS, chèque énergie, school
grants), rounded to the euro, as OpenFisca-France 176.1.8 computes them with its parameters in
force in the month evaluated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).with_name("money_cases.yaml")
VERSION = "176.1.8"

LOGEMENT = {"locataire": "locataire_vide", "locataire_social": "locataire_hlm",
            "proprietaire": "proprietaire", "heberge": "loge_gratuitement",
            "sans_domicile": "sans_domicile"}

# (scheme id, OpenFisca variable, period kind) — as in each scheme's « openfisca: » block; the
# CSS has no block (two variables: « cmu_c », free CSS, and « css_participation_forfaitaire »).
VARIABLES = {
    "rsa": ("rsa", "mois"), "prime_activite": ("ppa", "mois"),
    "aide_logement": ("aide_logement", "mois"), "allocations_familiales": ("af", "mois"),
    "complement_familial": ("cf", "mois"), "asf": ("asf", "mois"),
    "paje_base": ("paje_base", "mois"), "ars": ("ars", "annee"), "aah": ("aah", "mois"),
    "aspa": ("aspa", "mois"), "cheque_energie": ("cheque_energie", "annee"),
    "bourse_college": ("bourse_college", "annee_calculee_au_mois"),
    "bourse_lycee": ("bourse_lycee", "annee_calculee_au_mois"),
}

ROUBAIX_MOTHER = {"commune": "59512", "age": 30, "en_couple": False, "enfants_a_charge": 2,
                  "enfants_moins_3_ans": 1, "enfants_ages": [2, 6], "enceinte": False,
                  "rsa": False, "activite": "sans_emploi", "ressources_mensuelles_foyer": 600,
                  "revenus_activite_mensuels": 0, "logement": "locataire", "loyer_mensuel": 520}

# Each case: title, date, situation (our facts), the schemes to compute.
CASES: list[dict[str, Any]] = [
    {"titre": "mère seule de Roubaix, 30 ans, enfants de 2 et 6 ans, 600 € de revenus de "
              "remplacement, locataire à 520 €",
     "date": "2026-11-01", "situation": ROUBAIX_MOTHER,
     "dispositifs": ["rsa", "aide_logement", "allocations_familiales", "asf", "paje_base",
                     "css", "cheque_energie", "ars"]},
    {"titre": "mère seule de Tourcoing, 45 ans, un fils de 16 ans, 900 € de salaire, "
              "locataire à 480 €",
     "date": "2026-11-01",
     "situation": {"commune": "59599", "age": 45, "en_couple": False, "enfants_a_charge": 1,
                   "enfants_moins_3_ans": 0, "enfants_ages": [16], "enceinte": False,
                   "rsa": False, "activite": "emploi", "ressources_mensuelles_foyer": 900,
                   "revenus_activite_mensuels": 900, "logement": "locataire",
                   "loyer_mensuel": 480},
     "dispositifs": ["bourse_lycee", "ars", "prime_activite", "aide_logement", "asf"]},
    {"titre": "couple de Villeneuve-d'Ascq avec 2 enfants de 10 et 13 ans, 6 000 € de salaires",
     "date": "2026-11-01",
     "situation": {"commune": "59009", "age": 42, "en_couple": True, "conjoint_age": 41,
                   "conjoint_activite": "emploi", "conjoint_revenus_mensuels": 2500,
                   "enfants_a_charge": 2, "enfants_moins_3_ans": 0, "enfants_ages": [10, 13],
                   "enceinte": False, "rsa": False, "activite": "emploi",
                   "ressources_mensuelles_foyer": 6000, "revenus_activite_mensuels": 3500,
                   "logement": "locataire", "loyer_mensuel": 900},
     "dispositifs": ["aide_logement", "allocations_familiales", "asf", "ars", "bourse_college",
                     "cheque_energie"]},
    {"titre": "couple de Lille avec 3 enfants de 4, 8 et 12 ans, un salaire de 1 800 €",
     "date": "2026-11-01",
     "situation": {"commune": "59350", "age": 38, "en_couple": True, "conjoint_age": 36,
                   "conjoint_activite": "sans_emploi", "conjoint_revenus_mensuels": 0,
                   "enfants_a_charge": 3, "enfants_moins_3_ans": 0, "enfants_ages": [4, 8, 12],
                   "enceinte": False, "rsa": False, "activite": "emploi",
                   "ressources_mensuelles_foyer": 1800, "revenus_activite_mensuels": 1800,
                   "logement": "locataire_social", "loyer_mensuel": 450},
     "dispositifs": ["allocations_familiales", "complement_familial", "aide_logement",
                     "prime_activite", "bourse_college"]},
    {"titre": "personne seule de 68 ans à Douai, 700 € de retraite, locataire à 400 €",
     "date": "2026-11-01",
     "situation": {"commune": "59178", "age": 68, "en_couple": False, "enfants_a_charge": 0,
                   "rsa": False, "activite": "retraite", "ressources_mensuelles_foyer": 700,
                   "revenus_activite_mensuels": 0, "logement": "locataire",
                   "loyer_mensuel": 400},
     "dispositifs": ["aspa"], "retraite": True},
    {"titre": "personne seule de 40 ans, taux d'incapacité de 80 %, sans ressources, hébergée",
     "date": "2026-11-01",
     "situation": {"commune": "59512", "age": 40, "en_couple": False, "enfants_a_charge": 0,
                   "rsa": False, "activite": "autre", "ressources_mensuelles_foyer": 0,
                   "revenus_activite_mensuels": 0, "logement": "heberge",
                   "taux_incapacite": 80},
     "dispositifs": ["aah"]},
]


def _birth(age: int, on: dt.date) -> str:
    year = on.year - age - (1 if (on.month, on.day) < (5, 1) else 0)
    return f"{year}-05-01"


def _months(on: dt.date) -> list[str]:
    """Every month from January of year N-2 to December of year N."""
    return [f"{y}-{m:02d}" for y in range(on.year - 2, on.year + 1) for m in range(1, 13)]


def _scolarite(age: int) -> str:
    if 11 <= age <= 14:
        return "college"
    if 15 <= age <= 17:
        return "lycee"
    return "primaire" if age >= 6 else "maternelle"


def build(situation: dict[str, Any], on: dt.date, retraite: bool = False) -> dict[str, Any]:
    months = _months(on)
    every = lambda value: {m: value for m in months}  # noqa: E731
    earnings = situation.get("revenus_activite_mensuels", 0) or 0
    partner_income = situation.get("conjoint_revenus_mensuels", 0) or 0
    other = max(situation.get("ressources_mensuelles_foyer", 0) - earnings - partner_income, 0)
    me: dict[str, Any] = {"date_naissance": {"ETERNITY": _birth(situation["age"], on)},
                          "salaire_net": every(earnings), "salaire_imposable": every(earnings)}
    if retraite:
        # the ASPA reads the gross pension: the pension is taken as gross = net = taxable
        me.update(retraite_brute=every(other), retraite_nette=every(other),
                  retraite_imposable=every(other))
    else:
        me.update(chomage_net=every(other), chomage_imposable=every(other))
    if situation.get("taux_incapacite"):
        me["taux_incapacite"] = every(situation["taux_incapacite"] / 100)
    individus = {"demandeur": me}
    parents = ["demandeur"]
    if situation.get("en_couple"):
        individus["conjoint"] = {
            "date_naissance": {"ETERNITY": _birth(situation["conjoint_age"], on)},
            **({"salaire_net": every(partner_income), "salaire_imposable": every(partner_income)}
               if situation.get("conjoint_activite") in ("emploi", "apprentissage") else
               {"chomage_net": every(partner_income),
                "chomage_imposable": every(partner_income)})}
        parents.append("conjoint")
    enfants = []
    for i, age in enumerate(situation.get("enfants_ages") or []):
        name = f"enfant_{i + 1}"
        individus[name] = {"date_naissance": {"ETERNITY": _birth(age, on)},
                           "scolarite": every(_scolarite(age))}
        enfants.append(name)
    menage: dict[str, Any] = {
        "personne_de_reference": ["demandeur"], "enfants": enfants,
        "depcom": every(situation["commune"]),
        "statut_occupation_logement": every(LOGEMENT[situation["logement"]]),
    }
    if len(parents) == 2:
        menage["conjoint"] = ["conjoint"]
    if situation.get("loyer_mensuel") is not None:
        menage["loyer"] = every(situation["loyer_mensuel"])
    return {
        "individus": individus,
        "familles": {"famille": {"parents": parents, "enfants": enfants}},
        "foyers_fiscaux": {"foyer": {"declarants": parents, "personnes_a_charge": enfants}},
        "menages": {"menage": menage},
    }


def compute(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_france import FranceTaxBenefitSystem

    system = FranceTaxBenefitSystem()
    out = []
    for case in cases:
        on = dt.date.fromisoformat(case["date"])
        month, year = on.strftime("%Y-%m"), str(on.year)
        sim = SimulationBuilder().build_from_entities(
            system, build(case["situation"], on, case.get("retraite", False)))
        for scheme in case["dispositifs"]:
            if scheme == "css":
                free = bool(sim.calculate("cmu_c", month)[0])
                part = float(sim.calculate("css_participation_forfaitaire", month)[0])
                montant, detail = (0 if free else round(part)), (
                    "cmu_c = vrai (CSS sans participation)" if free else
                    f"cmu_c = faux, css_participation_forfaitaire = {part:.2f} € par mois")
                statut = "eligible" if free or part > 0 else "non_eligible"
            else:
                variable, kind = VARIABLES[scheme]
                period = year if kind == "annee" else month
                value = float(sim.calculate(variable, period).sum())
                montant, statut = round(value), ("eligible" if value > 0 else "non_eligible")
                detail = f"{variable} ({'année ' + year if kind == 'annee' else month})" \
                         f" = {value:.2f} €"
            out.append({
                "dispositif": scheme, "titre": case["titre"], "date_evaluation": on,
                "situation": case["situation"], "attendu": statut, "montant": montant,
                "source": f"OpenFisca-France {VERSION}, simulation faite à la main : {detail} ; "
                          "hypothèses dans tests/schemes/compute_money_cases.py",
            })
    return out


HEADER = """\
# Cas « argent » : montants attendus calculés à la main avec OpenFisca-France 176.1.8
# (tests/schemes/compute_money_cases.py, qui construit chaque foyer lui-même, sans le moteur).
# Ce fichier n'est pas lu par tests/rules/engine/test_scheme_cases.py (il aura son propre lanceur).
# Pour le régénérer : PYTHONPATH=. .venv/bin/python tests/schemes/compute_money_cases.py --write
# « montant » : euros par mois, ou par an pour l'ARS, le chèque énergie et les bourses ;
# pour la CSS, la participation mensuelle (0 = CSS gratuite).
"""


class _NoAliases(yaml.SafeDumper):
    """Every case written out in full (no « &id001 » anchors): a jurist reads each one alone."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUT.name}")
    args = parser.parse_args(argv)
    text = HEADER + yaml.dump({"cas": compute(CASES)}, Dumper=_NoAliases, allow_unicode=True,
                              sort_keys=False, width=100)
    if args.write:
        OUT.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
