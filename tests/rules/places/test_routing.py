"""Routing by who serves the commune: the mission locale of its UNML coverage zone, and the
directory brought up to date by the newer sources (without any of them overwriting a confirmed
row it should not)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from rules.places.communes import all_communes, get_commune, haversine_km, resolve_commune
from rules.places.directory import packaged_directory, packaged_reports
from rules.places.matching import same_street
from rules.places.model import checked_status
from rules.places.offices import office_to_lieu, offices_of_type, routed_offices
from rules.places.readers import read_offices_59

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
DATA = Path(__file__).resolve().parents[3] / "rules" / "places" / "data"
ZONES_FILE = DATA / "missions_locales_zones_2026-01.csv"
ON = date(2026, 12, 1)


def _zones() -> dict[str, dict[str, str]]:
    with ZONES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["Code INSEE"]: row for row in csv.DictReader(handle)}


def test_every_nord_commune_gets_the_mission_locale_of_its_zone() -> None:
    zones = _zones()
    nord = [c for c in all_communes() if c.departement == "59"]
    assert len(nord) == 647 == len(zones)
    heads = set()
    for commune in nord:
        zone = zones[commune.insee]
        (office, km), *_ = routed_offices("mission_locale", commune, 3)
        assert office.structure == zone["Code ML"], commune.nom
        assert office.role == "siege" and not office.ferme_le
        assert same_street(office.adresse, zone["Adresse ML"]), (commune.nom, office.adresse)
        assert km is not None
        lieu = office_to_lieu(office, km, ON)
        assert lieu["choix"]["texte"] == f"la mission locale qui couvre {commune.nom}"
        assert lieu["fraicheur"].startswith("adresse vérifiée en janvier 2026")
        heads.add(office.id)
    assert len(heads) == 16


def test_a_commune_is_never_sent_to_another_zone() -> None:
    """Seclin is closer to nothing of its own: Métropole Sud (Ronchin) serves it, and the other
    places offered are of that mission locale only."""
    found = routed_offices("mission_locale", resolve_commune("Seclin"), 5)
    assert found[0][0].nom == "Mission locale Métropole Sud"
    assert found[0][0].commune == "Ronchin"
    assert {o.structure for o, _ in found} == {"59220"}
    assert [o.role for o, _ in found] == ["siege", "antenne", "antenne"]  # Faches, Loos


@pytest.mark.parametrize(("commune", "name", "town", "street"), [
    # the three head offices that moved since 2019
    ("Denain", "Mission locale Jeunes du Valenciennois", "Valenciennes",
     "12 chemin du Noir Mouton"),
    ("Marly", "Mission locale Jeunes du Valenciennois", "Valenciennes",
     "12 chemin du Noir Mouton"),
    ("Tourcoing", "Mission locale Lys-Tourcoing", "Tourcoing", "85 rue des Ursulines"),
    ("Gravelines", "Mission locale des Rives de l'Aa et de la Colme", "Bourbourg", "9 rue Pasteur"),
    # served by Métropole Sud now, no longer by their own former head office
    ("Loos", "Mission locale Métropole Sud", "Ronchin", "202 bis rue Louis-Braille - BP 32"),
    ("Fourmies", "Réussir en Sambre-Avesnois (mission locale)", "Maubeuge",
     "20 avenue Alphonse-de-Lamartine - BP 40247"),
])
def test_moved_and_merged_missions_locales(commune: str, name: str, town: str,
                                           street: str) -> None:
    (office, _), *_ = routed_offices("mission_locale", resolve_commune(commune), 1)
    assert (office.nom, office.commune, office.adresse) == (name, town, street)
    lieu = office_to_lieu(office, 1.0, ON)
    assert lieu["verifie"] and lieu["statut_source"] == "confirme"
    assert lieu["source"] == "UNML, zones de couverture des missions locales (2026-01)"


def test_a_moved_office_keeps_its_old_phone_with_its_date_but_not_its_old_point() -> None:
    office = next(o for o in offices_of_type("mission_locale") if o.structure == "59383")
    assert office.telephone == "03 27 32 38 00"  # given in 2019, at Marly
    assert office.telephone_date == "2019-09-23"
    assert office.position_approchee  # the Marly point is not the Valenciennes office
    lieu = office_to_lieu(office, 2.0, ON)
    assert lieu["fraicheur"] == "adresse vérifiée en janvier 2026 ; numéro de 2019, à confirmer"


def test_former_head_offices_are_possible_antennas_and_the_2015_lille_row_is_closed() -> None:
    everything = packaged_directory().offices
    lille_2015 = everything["mission_locale-59350-02"]
    assert lille_2015.ferme_le == "2026-01-01"
    assert all(o.id != lille_2015.id for o in offices_of_type("mission_locale"))
    antennas = {o.commune: o for o in offices_of_type("mission_locale") if o.role == "antenne"}
    assert set(antennas) == {"Croix", "Faches-Thumesnil", "Fourmies", "Loos"}
    for office in antennas.values():
        assert office.statut_source == "a_confirmer"
        lieu = office_to_lieu(office, 1.0, ON)
        assert lieu["a_confirmer"]
        assert "n'est peut-être plus ouvert" in lieu["fraicheur"]
        assert "appelez d'abord le" in lieu["fraicheur"]
    assert antennas["Croix"].structure == "59299"  # Val de Marque
    (first, _), *_ = routed_offices("mission_locale", resolve_commune("Croix"), 2)
    assert first.role == "siege" and first.commune == "Hem"  # never the antenna first


def test_the_unml_report_says_what_changed() -> None:
    unml = packaged_reports()[0]
    assert (unml.count("confirme"), unml.count("deplace"), unml.count("antenne"),
            unml.count("ferme"), unml.zones) == (13, 3, 4, 1, 647)
    assert "Marly (2019) → 12 chemin du Noir Mouton, Valenciennes" in unml.text()


def test_france_travail_agencies_of_2019_replace_the_2015_rows() -> None:
    report = packaged_reports()[1]
    assert (report.count("ajoute"), report.count("deplace"), report.count("ferme")) == (4, 11, 3)
    roubaix = next(o for o in offices_of_type("france_travail") if o.nom.endswith("Roubaix Centre"))
    assert roubaix.adresse == "74 Grande rue"
    assert roubaix.source_date == "2019-11-13"
    assert roubaix.telephone == "3949" and roubaix.telephone_date == "2015-09-09"
    (near, _), *_ = routed_offices("france_travail", resolve_commune("Avesnes-sur-Helpe"), 1)
    assert near.commune == "Avesnelles"  # the agency moved there
    towns = {o.commune for o in offices_of_type("france_travail")}
    assert "Fourmies" not in towns and "Croix" in towns
    # « LOMME MIN »: the 2019 point is in the Sarthe; the 2015 point of the same address is kept
    lomme = next(o for o in offices_of_type("france_travail") if "Lomme" in o.nom)
    commune = get_commune(lomme.insee or "")
    assert commune is not None and lomme.lat is not None and lomme.lon is not None
    assert haversine_km(lomme.lat, lomme.lon, commune.lat, commune.lon) < 10
    assert "point de la source écarté" in (lomme.source_detail or "")
    lieu = office_to_lieu(lomme, 3.0, ON)
    assert lieu["fraicheur"].startswith("adresse de 2019, à confirmer : appelez d'abord le 3949")


def test_a_secondary_source_flags_confirmed_rows_and_never_overwrites_them() -> None:
    original = {o.id: o for o in read_offices_59(DATA / "offices_59.csv")}
    flagged = [o for o in offices_of_type("utpas")
               if o.remarque and "Aussi listé par" in o.remarque]
    assert len(flagged) == 9
    for office in flagged:
        before = original[office.id]
        assert (office.adresse, office.statut_source, office.source_date) == (
            before.adresse, before.statut_source, before.source_date)
    candidates = [o for o in offices_of_type("utpas") if o.statut_source == "secondaire"]
    assert len(candidates) == 12
    for office in candidates:
        lieu = office_to_lieu(office, 1.0, ON)
        assert lieu["a_confirmer"]
        assert "source non officielle" in lieu["fraicheur"]


def test_the_old_english_status_words_are_still_read() -> None:
    assert checked_status("confirmed", "x") == "confirme"
    assert checked_status("secondary", "x") == "secondaire"
    assert checked_status("unconfirmed", "x") == "a_confirmer"
    with pytest.raises(ValueError, match="statut « sure » inconnu"):
        checked_status("sure", "offices_59.csv, ligne 3")


def test_other_types_say_they_are_the_nearest() -> None:
    (office, km), *_ = routed_offices("france_travail", resolve_commune("Seclin"), 1)
    lieu = office_to_lieu(office, km, ON)
    assert lieu["choix"]["mode"] == "distance"
    assert lieu["choix"]["texte"] == "l'agence France Travail la plus proche de Seclin"
    (office, km), *_ = routed_offices("caf", resolve_commune("Armentières"), 1)
    assert office_to_lieu(office, km, ON)["choix"]["texte"] == (
        "l'accueil de la CAF le plus proche d'Armentières")


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is beside the checkout")
def test_packaged_copies_are_the_shared_files() -> None:
    for name in ("missions_locales_zones_2026-01.csv", "france_travail_agences_2019-11.csv",
                 "maisons_nord_solidarites_2025-09_secondaire.csv",
                 "ccas_metropole_2025-09_secondaire.csv", "france_services_20240801.csv"):
        assert (DATA / name).read_bytes() == (SHARED / name).read_bytes(), name
