"""The catalogue's dated amounts compared to OpenFisca-France's parameters (real catalogue, real
OpenFisca-France: no mock of either)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from rules.engine.catalogue import CATALOGUE_DIR, default_catalogue, load_catalogue
from rules.engine.schema import Parameter
from rules.money.freshness import PROBLEMS, freshness, series_of
from rules.money.parameters import (
    ParameterNotFound,
    openfisca_parameter,
    parameters_directory,
    table,
)

ON = dt.date(2026, 11, 1)
CEJ = ("cej", "allocation_majeur", "allocation_majeur_premiere_tranche", "allocation_mineur")


def by_key(report):
    return {(c.dispositif, c.id): c for c in report.comparisons}


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def test_every_series_of_the_catalogue_is_compared_or_said_absent_from_openfisca():
    catalogue = default_catalogue()
    in_catalogue = {(s.id, "montant", a.id) for s in catalogue.schemes.values()
                    for a in s.montants}
    in_catalogue |= {(s.id, "parametre", name) for s in catalogue.schemes.values()
                     for name in s.parametres}
    mapping = table()
    listed = [(m.dispositif, m.kind, m.id) for m in mapping.compares]
    listed += [(u.dispositif, u.kind, u.id) for u in mapping.not_in_openfisca]
    assert len(listed) == len(set(listed))
    assert set(listed) == in_catalogue


def test_every_path_is_a_parameter_of_the_right_unit():
    """Each path exists in the installed OpenFisca-France; an amount is in currency there, a
    rate a ratio (« /1 ») or unitless."""
    catalogue = default_catalogue()
    for item in table().compares:
        parameter = openfisca_parameter(item.openfisca)
        series = series_of(catalogue, item.dispositif, item.kind, item.id)
        rate = isinstance(series, Parameter) and series.unite == "taux"
        assert parameter.unit in (("/1", None) if rate else ("currency", None)), item
        assert parameter.values, item


def test_the_meanings_match():
    """What OpenFisca-France's descriptions say, for each series (read once by hand)."""
    words = {
        ("rsa", "montant_forfaitaire"): r"Montant de base du revenu de solidarité active",
        ("rsa", "majoration_deuxieme_personne"): r"célibataires avec un enfant ou les couples",
        ("rsa", "majoration_personne_supplementaire"): r"couple avec 1 enfant, ou pour le "
                                                      r"deuxième enfant",
        ("rsa", "majoration_a_partir_du_troisieme_enfant"): r"par enfant supplémentaire",
        ("rsa", "majoration_isolement"): r"parents isolés ou les femmes enceintes",
        ("rsa", "majoration_isolement_par_enfant"): r"par enfant à charge pour les parents isolés",
        ("prime_activite", "montant_forfaitaire"): r"Montant forfaitaire de base de la prime",
        ("cej", "allocation_majeur"): r"majeurs .* non imposable",
        ("cej", "allocation_majeur_premiere_tranche"): r"majeurs .* première tranche",
        ("cej", "allocation_mineur"): r"pour les mineurs",
    }
    mapped = {(m.dispositif, m.id): m.openfisca for m in table().compares}
    assert set(mapped) == set(words)
    for key, pattern in words.items():
        assert re.search(pattern, openfisca_parameter(mapped[key]).description), key


def test_an_unknown_path_is_refused():
    with pytest.raises(ParameterNotFound):
        openfisca_parameter("prestations_sociales.nulle_part")
    with pytest.raises(ParameterNotFound):  # a node, not a parameter
        openfisca_parameter("prestations_sociales.education.contrat_engagement_jeune.montants")
    assert parameters_directory().is_dir()


def test_real_catalogue_and_openfisca_on_1_november_2026():
    """The RSA, its rates and the prime d'activité agree; the CEJ's 2026 amounts (computed by
    us, « a_confirmer ») are newer than OpenFisca-France 176.1.8's, which stop at April 2025."""
    report = freshness(ON)
    found = by_key(report)
    assert len(found) == len(table().compares) == 10
    rsa = found["rsa", "montant_forfaitaire"]
    assert (rsa.catalogue_valeur, rsa.openfisca_valeur) == (651.69, 651.69)
    assert rsa.catalogue_depuis == rsa.openfisca_depuis == dt.date(2026, 4, 1)
    assert rsa.verdict == "identique"
    assert [r.titre for r in rsa.openfisca_references] == [
        "Décret n° 2026-220 du 30 mars 2026, art. 1"]
    assert rsa.openfisca_references[0].url.startswith("https://www.legifrance.gouv.fr/")
    for c in report.comparisons:
        if c.dispositif != "cej":
            assert c.verdict == "identique", c
            assert not c.depuis_differents, c
    for amount in CEJ[1:]:
        cej = found["cej", amount]
        assert cej.verdict == "openfisca_en_retard", cej
        assert cej.catalogue_depuis == dt.date(2026, 4, 1)
        assert cej.openfisca_depuis == dt.date(2025, 4, 1)
        assert cej.catalogue_statut == "a_confirmer"
    assert {c.id for c in report.problems} == set(CEJ[1:])
    assert report.openfisca_france


def test_rates_are_compared_exactly_and_amounts_to_the_cent(tmp_path):
    directory = copy_catalogue(tmp_path)
    rsa = directory / "rsa.yaml"
    text = rsa.read_text(encoding="utf-8")
    text = text.replace("valeur: 651.69", "valeur: 651.694")  # same to the cent
    text = text.replace("valeur: 0.42804", "valeur: 0.428041")  # another rate
    rsa.write_text(text, encoding="utf-8")
    found = by_key(freshness(ON, directory))
    assert found["rsa", "montant_forfaitaire"].verdict == "identique"
    assert found["rsa", "majoration_isolement_par_enfant"].verdict == "different"


def test_a_changed_amount_is_different(tmp_path):
    directory = copy_catalogue(tmp_path)
    path = directory / "prime_activite.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("valeur: 638.28", "valeur: 638.82"),
                    encoding="utf-8")
    found = by_key(freshness(ON, load_catalogue(directory)))
    ppa = found["prime_activite", "montant_forfaitaire"]
    assert (ppa.catalogue_valeur, ppa.openfisca_valeur, ppa.verdict) == (638.82, 638.28,
                                                                         "different")
    assert ppa.verdict in PROBLEMS


def test_a_catalogue_behind_openfisca_is_late(tmp_path):
    directory = copy_catalogue(tmp_path)
    path = directory / "rsa.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "depuis: 2026-04-01, valeur: 651.69" not in line]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")
    rsa = by_key(freshness(ON, directory))["rsa", "montant_forfaitaire"]
    assert (rsa.catalogue_valeur, rsa.catalogue_depuis) == (646.52, dt.date(2025, 4, 1))
    assert rsa.verdict == "catalogue_en_retard"


def test_before_the_catalogue_s_first_value_is_absent():
    found = by_key(freshness(dt.date(2024, 1, 1)))
    rsa = found["rsa", "montant_forfaitaire"]  # the catalogue starts on 1 April 2024
    assert rsa.catalogue_valeur is None and rsa.openfisca_valeur == 607.75
    assert rsa.verdict == "absent"
    assert found["prime_activite", "montant_forfaitaire"].verdict == "absent"
    before_cej = by_key(freshness(dt.date(2022, 2, 1)))["cej", "allocation_mineur"]
    assert before_cej.verdict == "absent"  # neither side: the CEJ starts on 1 March 2022
    assert before_cej.openfisca_references == ()


def test_the_cej_2024_first_tranche_amount_is_identical():
    cej = by_key(freshness(dt.date(2024, 6, 1)))["cej", "allocation_majeur_premiere_tranche"]
    assert cej.catalogue_valeur == cej.openfisca_valeur == 331.37
    assert cej.verdict == "identique"
    assert cej.openfisca_references[0].titre.startswith(
        "Instruction interministérielle N° DSS/2A/2C/2024/42")


def test_the_json_names_each_side():
    data = freshness(ON).as_json()
    assert data["date"] == "2026-11-01"
    first = data["elements"][0]
    assert first["montant"] == "montant_forfaitaire" and first["verdict"] == "identique"
    assert set(first["openfisca"]) == {"parametre", "valeur", "depuis", "references"}
    assert data["resultat"]["a_revoir"] == 3
    assert len(data["non_compares"]) == 10


def test_the_same_value_from_another_day_is_identical_and_says_so(tmp_path):
    directory = copy_catalogue(tmp_path)
    path = directory / "rsa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "depuis: 2026-04-01, valeur: 651.69", "depuis: 2026-03-01, valeur: 651.69"),
        encoding="utf-8")
    rsa = by_key(freshness(ON, directory))["rsa", "montant_forfaitaire"]
    assert rsa.verdict == "identique" and rsa.depuis_differents
    early = by_key(freshness(dt.date(2026, 3, 15), directory))["rsa", "montant_forfaitaire"]
    assert early.verdict == "openfisca_en_retard"  # OpenFisca: 646,52 € until 31 March
