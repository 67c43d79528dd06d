"""The office directory: the nearest place to go, and how far it can be trusted."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from engine_helpers import TODAY

from rules.places import directory, offices
from rules.places.communes import get_commune, resolve_commune
from rules.places.offices import (
    MAX_AGE_YEARS,
    Office,
    nearest_offices,
    office_to_lieu,
    office_types,
    offices_of_type,
)
from rules.places.readers import read_offices_59

DATA = Path(offices.__file__).parent / "data"
CONTRACT_LIEU_KEYS = {"type", "nom", "adresse", "commune", "distance_km", "telephone", "verifie",
                      "source"}


def nearest(type_: str, commune: str) -> tuple[Office, float | None]:
    found = nearest_offices(type_, resolve_commune(commune), 1)
    assert len(found) == 1
    return found[0]


def test_types_needed_by_the_catalogue_exist() -> None:
    assert office_types() >= {"mission_locale", "france_travail", "caf", "cpam", "utpas", "mdph",
                              "mdie", "departement", "france_services", "ebe", "creche_avip",
                              "proch_emploi"}


def test_seven_mdie_all_to_be_confirmed() -> None:
    mdie = offices_of_type("mdie")
    assert len(mdie) == 7
    assert {o.commune for o in mdie} == {"Lille", "Roubaix", "Douai", "Valenciennes", "Cambrai",
                                         "Maubeuge", "Dunkerque"}
    switchboard = offices_of_type("departement")[0]
    assert switchboard.telephone == "03 59 73 59 59"
    for office in mdie:
        assert office.adresse is None and office.telephone is None  # none was ever found
        assert office.position_approchee  # placed at the commune's point
        assert not office.verifie(TODAY)
        lieu = office_to_lieu(office, 3.0, TODAY)
        assert lieu["verifie"] is False
        assert lieu["a_confirmer"] is True
        assert lieu["contact_secours"]["telephone"] == switchboard.telephone
        assert "Lille" in lieu["contact_secours"]["adresse"]
        assert lieu["contact_secours"]["source"]
        assert "Adresse non connue" in lieu["avertissement"]


def test_nearest_mdie_to_tourcoing_is_roubaix() -> None:
    office, km = nearest("mdie", "Tourcoing")
    assert office.commune == "Roubaix"
    assert km is not None and km < 10


def test_nearest_mission_locale_to_roubaix_is_in_roubaix() -> None:
    office, km = nearest("mission_locale", "Roubaix")
    assert office.insee == "59512"
    assert office.commune == "Roubaix"
    assert km is not None and km < 3


@pytest.mark.parametrize(("commune", "departement"),
                         [("Lens", "62"), ("Villetaneuse", "93"), ("Ajaccio", "2A")])
def test_nearest_france_services_outside_the_nord_is_local(commune: str, departement: str) -> None:
    office, km = nearest("france_services", commune)
    assert office.insee is not None and office.insee.startswith(departement)
    assert km is not None and km < 15
    assert office.verifie(TODAY)


def test_france_services_counts() -> None:
    everywhere = offices_of_type("france_services")
    assert len(everywhere) == 2845
    nord = [o for o in everywhere if o.insee and o.insee.startswith("59")]
    assert len(nord) == 52
    assert sum(o.format == "Bus_équivalent" for o in nord) == 7
    assert all(o.source == "ANCT, liste des structures France services (2024-08-01)"
               for o in everywhere)
    assert all(o.source_date == "2024-08-01" and o.statut_source == "confirme"
               for o in everywhere)


def test_france_services_opening_hours_and_bus_note() -> None:
    bus = next(o for o in offices_of_type("france_services")
               if o.nom == "Bus France services de l'Avesnois")
    # the source's « 09:30 - 12:30 / 13:30 - 16:00 » per weekday, as OpenStreetMap hours
    assert bus.horaires == "Mo-Th 09:30-12:30,13:30-16:00; Fr 09:00-13:00; PH off"
    lieu = office_to_lieu(bus, 1.0, TODAY)
    assert lieu["horaires"] == ("du lundi au jeudi : 9 h 30 – 12 h 30 et 13 h 30 – 16 h ; "
                                "vendredi : 9 h – 13 h")  # samedi: blank in the source
    assert lieu["horaires_date"] == "2024-08-01"
    assert bus.remarque and "itinérant" in bus.remarque
    assert bus.telephone == "03 59 73 18 20"


def test_old_dila_rows_are_not_verified() -> None:
    old = [o for t in office_types() for o in offices_of_type(t)
           if o.source_date and o.source_date[:4] in ("2016", "2019")]
    assert len(old) > 100
    for office in old:
        assert not office.verifie(TODAY)
        lieu = office_to_lieu(office, 1.0, TODAY)
        assert lieu["a_confirmer"] and lieu["contact_secours"] is not None
    # The same rows were fresh when they were published.
    confirmed_2019 = next(o for o in old if o.statut_source == "confirme"
                          and o.source_date == "2019-09-23")
    assert confirmed_2019.verifie(date(2020, 1, 1))


def test_freshness_limit() -> None:
    fs = offices_of_type("france_services")[0]
    assert MAX_AGE_YEARS == 3
    assert fs.verifie(date(2027, 8, 1))
    assert not fs.verifie(date(2027, 8, 2))
    assert fs.verifie(date(2030, 1, 1), max_age_years=10)
    lieu = office_to_lieu(fs, 2.0, date(2028, 1, 1))
    assert lieu["a_confirmer"] and "date du 01/08/2024" in lieu["avertissement"]


def test_lieu_follows_the_contract() -> None:
    office, km = nearest("france_services", "Roubaix")
    lieu = office_to_lieu(office, km, TODAY)
    assert set(lieu) >= CONTRACT_LIEU_KEYS
    assert lieu["type"] == "france_services"
    assert isinstance(lieu["distance_km"], float)
    assert lieu["distance_km"] == round(km, 1)
    assert lieu["verifie"] is True and lieu["a_confirmer"] is False
    assert lieu["contact_secours"] is None
    assert lieu["source_date"] == "2024-08-01"
    assert office_to_lieu(office, 1.2345, TODAY)["distance_km"] == 1.2
    assert office_to_lieu(office, None, TODAY)["distance_km"] is None


def test_nearest_is_sorted_and_respects_n() -> None:
    found = nearest_offices("caf", resolve_commune("Douai"), 5)
    assert len(found) == 5
    distances = [km for _, km in found]
    assert distances == sorted(distances)
    assert nearest_offices("caf", resolve_commune("Douai"), 0) == []


def test_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="inconnu"):
        nearest_offices("mision_locale", resolve_commune("Roubaix"))
    assert offices_of_type("mision_locale") == []


def test_nothing_is_invented_for_offices_59() -> None:
    """Each row of offices_59.csv is read as it is: the directory changes a row only through a
    newer source (tests/rules/places/test_routing.py), never by reading it."""
    with (DATA / "offices_59.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 251
    read = read_offices_59(DATA / "offices_59.csv")
    assert len(read) == len(rows)
    for row, office in zip(rows, read, strict=True):
        assert office.type == row["type"]
        assert office.nom == " ".join(row["name"].split())
        assert (office.adresse is None) == (not row["address"].strip())
        assert (office.telephone is None) == (not row["phone"].strip())
        assert office.statut_source == row["status"] in ("confirme", "secondaire", "a_confirmer")
        assert office.source_date == (row["source_date"] or None)
        if row["lat"].strip():
            assert (office.lat, office.lon) == (float(row["lat"]), float(row["lon"]))
        else:
            assert office.lat is None
    placed = {o.id: o for t in office_types() for o in offices_of_type(t)}
    for office in read:
        if office.id in placed and office.lat is None:
            commune = get_commune(office.insee or "")
            assert commune is not None
            assert placed[office.id].position_approchee
            assert (placed[office.id].lat, placed[office.id].lon) == (commune.lat, commune.lon)


def test_territoires_zero_chomeur_ebe() -> None:
    ebe = offices_of_type("ebe")
    assert {o.commune for o in ebe} == {"Loos", "Tourcoing", "Lille", "Bailleul", "Valenciennes"}
    for office in ebe:
        assert office.statut_source == "a_confirmer"
        assert office.adresse is None and office.telephone is None
        assert office.position_approchee
        assert office.source and office.source_date
    loos, km = nearest("ebe", "Loos")
    assert "La Fabrique de l'emploi" in loos.nom and "La Pioche" in loos.nom
    assert km == 0


def test_avip_creche() -> None:
    (creche,) = offices_of_type("creche_avip")
    assert "Les Z'Artistes" in creche.nom
    assert creche.commune == "Marcq-en-Barœul"
    assert creche.statut_source == "secondaire"
    assert creche.source_date == "2023-02-08"
    assert creche.telephone is None
    assert not creche.verifie(TODAY)


def test_proch_emploi_is_a_phone_service_without_distance() -> None:
    office, km = nearest("proch_emploi", "Douai")
    assert km is None
    assert office.telephone == "0800 02 60 80"
    lieu = office_to_lieu(office, km, TODAY)
    assert lieu["distance_km"] is None
    assert lieu["a_confirmer"] is True
    assert "Numéro à confirmer" in lieu["avertissement"]


def test_switchboard_number_comes_from_the_directory(tmp_path, monkeypatch) -> None:
    """When the Département changes its switchboard in offices_59.csv, people see the new number
    (and its source), with no change to the code."""
    original = (DATA / "offices_59.csv").read_text(encoding="utf-8")
    assert "03 59 73 59 59" in original
    edited = tmp_path / "offices_59.csv"
    edited.write_text(original.replace("03 59 73 59 59", "03 20 00 00 01"), encoding="utf-8")
    monkeypatch.setattr(directory, "OFFICES_FILE", edited)
    offices.clear_caches()
    try:
        backup = offices.contact_secours()
        assert backup is not None
        assert backup["telephone"] == "03 20 00 00 01"
        assert "Gustave-Delory" in backup["adresse"] and backup["source"]
    finally:
        monkeypatch.undo()
        offices.clear_caches()
    assert offices.contact_secours()["telephone"] == "03 59 73 59 59"
