"""`mesdroits import`: the Département refreshes the directory from the formats the sources
publish, without touching code; a bad file changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from rules import cli
from rules.places import formats, offices, store
from rules.places.communes import resolve_commune
from rules.places.offices import office_to_lieu, offices_of_type, routed_offices
from rules.places.readers import SourceFileError

SAMPLES = Path(__file__).parent / "samples"
DATA = Path(__file__).resolve().parents[3] / "rules" / "places" / "data"
ON = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def directory_file(tmp_path, monkeypatch) -> Path:
    """Each test imports into its own directory file; the packaged directory is back after."""
    path = tmp_path / "annuaire" / "annuaire.json"
    monkeypatch.setenv("MESDROITS_ANNUAIRE", str(path))
    offices.clear_caches()
    yield path
    monkeypatch.undo()
    offices.clear_caches()


def run(*argv: str) -> int:
    return cli.main(["import", *argv])


def bus() -> offices.Office:
    return next(o for o in offices_of_type("france_services")
                if o.nom == "Bus France services de l'Avesnois")


def test_data_inclusion_structures_and_services(directory_file, capsys) -> None:
    assert bus().horaires == "Mo-Th 09:30-12:30,13:30-16:00; Fr 09:00-13:00; PH off"
    code = run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json"),
               "--services", str(SAMPLES / "data_inclusion_services.json"),
               "--licence", "Licence Ouverte 2.0")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "1 ajouté(s) ; 1 confirmé(s) à la même adresse" in out
    assert "(1 ligne(s) d'autres réseaux ou services, non reprises)" in out
    assert f"Annuaire enregistré : {directory_file}" in out
    # the France services confirmed in October 2026 with new hours, from the same source
    office = bus()
    assert office.horaires == "Mo-Fr 09:00-12:00,13:00-16:30; PH off"
    assert (office.source_date, office.licence) == ("2026-10-01", "Licence Ouverte 2.0")
    assert office.source == "data·inclusion (exemple)"
    # the new mission locale site of Seclin is an antenna of the structure that covers Seclin
    found = routed_offices("mission_locale", resolve_commune("Seclin"), 5)
    assert found[0][0].nom == "Mission locale Métropole Sud"
    antenna = next(o for o, _ in found if o.nom == "Antenne de mission locale (exemple)")
    assert antenna.structure == "59220" and antenna.role == "antenne"
    assert antenna.horaires == 'Tu,Th 09:00-12:00 "sur rendez-vous"; PH off'  # its service's
    lieu = office_to_lieu(antenna, 1.0, ON)
    assert lieu["choix"]["texte"] == "une antenne de la mission locale qui couvre Seclin"
    assert lieu["fraicheur"] == "adresse vérifiée en octobre 2026"
    assert lieu["sur_rendez_vous"] is True


def test_the_import_is_kept_and_read_again_by_a_new_process(directory_file) -> None:
    assert run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json")) == 0
    document = json.loads(directory_file.read_text(encoding="utf-8"))
    assert [entry["format"] for entry in document["imports"]] == ["data-inclusion"]
    assert document["imports"][0]["fichier"] == "data_inclusion_structures.json"
    offices.clear_caches()  # as a service restarting
    assert bus().source_date == "2026-10-01"


@pytest.mark.parametrize(("fmt", "name", "where"), [
    ("data-inclusion", "data_inclusion_structures_invalide.json",
     "data_inclusion_structures_invalide.json, ligne 19 : structure invalide, champ "
     "« code_postal » (« 5900 ») : au moins 5 caractères"),
    ("france-services", "liste-fs-invalide-20261001.csv",
     "liste-fs-invalide-20261001.csv, ligne 3 : plage horaire illisible : « 9h-12h »"),
    ("dila", "dila_annuaire_invalide.json",
     "dila_annuaire_invalide.json, ligne 14 : plage_ouverture : jour inconnu : « Lunedi »"),
    ("unml", "zones_de_couverture_invalide.csv",
     "zones_de_couverture_invalide.csv, ligne 3 : code INSEE « 62999 » inconnu"),
])
def test_a_bad_file_is_refused_naming_the_line_and_nothing_changes(
        fmt: str, name: str, where: str, directory_file, capsys) -> None:
    assert run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json")) == 0
    before = directory_file.read_bytes()
    capsys.readouterr()
    assert run(fmt, str(SAMPLES / name)) == 2
    error = capsys.readouterr().err
    assert error.startswith("Import refusé, l'annuaire en service n'a pas changé.")
    assert where in error
    assert "Traceback" not in error
    assert directory_file.read_bytes() == before
    assert [p.name for p in directory_file.parent.iterdir()] == ["annuaire.json"]


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"autre": []}'])
def test_json_that_is_not_a_list_of_rows_is_refused(text: str, tmp_path, capsys) -> None:
    bad = tmp_path / "structures.json"
    bad.write_text(text, encoding="utf-8")
    assert run("data-inclusion", str(bad)) == 2
    assert "structures.json" in capsys.readouterr().err


def test_a_missing_file_and_an_unknown_format_are_french_errors(capsys) -> None:
    assert run("dila", "/nonexistent/annuaire.json") == 2
    assert "Impossible de lire « /nonexistent/annuaire.json »" in capsys.readouterr().err
    assert run("osm", "x.json") == 2
    assert "Commande incorrecte" in capsys.readouterr().err


def _full_anct_list(tmp_path: Path, change) -> Path:
    with (DATA / "france_services_20240801.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, fields = list(reader), reader.fieldnames
    rows = change(rows)
    path = tmp_path / "liste-fs-20261015.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_complete_anct_list_adds_moves_and_closes(tmp_path, capsys) -> None:
    def change(rows: list[dict]) -> list[dict]:
        for row in rows:
            if row["id_fs"] == "345":
                row["adresse"] = "2 rue de l'Exemple"  # moved (invented for the test)
                row["latitude"] = row["longitude"] = ""
        gone = next(r for r in rows if r["lib_fs"] == "France services Mairie de Seclin")
        return [r for r in rows if r is not gone]

    path = _full_anct_list(tmp_path, change)
    assert run("france-services", str(path)) == 0
    out = capsys.readouterr().out
    assert "ANCT, France services (liste-fs-20261015.csv, 2026-10-15) : 2843 confirmé(s) à la " \
           "même adresse ; 1 déplacé(s) ; 1 fermé(s)." in out
    assert "Bus France services de l'Avesnois : 64 Rue Léo Lagrange, Avesnes-sur-Helpe (2024) → " \
           "2 rue de l'Exemple, Avesnes-sur-Helpe" in out
    assert "France services Mairie de Seclin" in out and "n'est plus proposé" in out
    (near, _), *_ = routed_offices("france_services", resolve_commune("Seclin"), 1)
    assert near.nom != "France services Mairie de Seclin"
    assert bus().position_approchee  # the old point is not kept for the new address


def test_a_list_that_would_close_most_places_is_refused_unless_forced(directory_file,
                                                                      capsys) -> None:
    sample = str(SAMPLES / "liste-fs-20261001.csv")
    assert run("france-services", sample) == 2
    assert "Le fichier fermerait 2844 des 2845 lieux qu'il devrait lister : il semble " \
           "incomplet." in capsys.readouterr().err
    assert not directory_file.exists()
    assert run("france-services", sample, "--forcer", "--essai") == 0
    out = capsys.readouterr().out
    assert "1 ajouté(s) ; 1 confirmé(s) à la même adresse ; 2844 fermé(s)" in out
    assert "Essai seulement : rien n'a été écrit" in out
    assert not directory_file.exists()


def test_an_older_source_never_overwrites_a_newer_row(capsys) -> None:
    assert run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json")) == 0
    path = _full_anct_list(Path(store.directory_file().parent), lambda rows: rows)
    path = path.rename(path.with_name("liste-fs-20250301.csv"))  # older than October 2026
    capsys.readouterr()
    assert run("france-services", str(path)) == 0
    out = capsys.readouterr().out
    assert "1 conservé(s) tels quels" in out
    assert "Bus France services de l'Avesnois : la ligne du 2026-10-01 est plus récente que " \
           "celle du fichier (2025-03-01) ; elle est gardée" in out
    assert bus().horaires == "Mo-Fr 09:00-12:00,13:00-16:30; PH off"


def test_a_secondary_source_never_overwrites_a_confirmed_row(capsys) -> None:
    assert run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json"),
               "--statut", "secondaire") == 0
    assert "signalé(s) par une source secondaire" in capsys.readouterr().out
    office = bus()
    assert office.horaires == "Mo-Th 09:30-12:30,13:30-16:00; Fr 09:00-13:00; PH off"
    assert office.source_date == "2024-08-01" and office.statut_source == "confirme"
    assert "Aussi listé par : data·inclusion (exemple) (2026), source secondaire." in (
        office.remarque or "")


def test_dila_json_with_plage_ouverture(capsys) -> None:
    assert run("dila", str(SAMPLES / "dila_annuaire.json")) == 0
    out = capsys.readouterr().out
    assert "1 confirmé(s) à la même adresse" in out
    caf = next(o for o in offices_of_type("caf") if o.commune == "Wattignies")
    assert caf.horaires == ('Mo-Th 08:30-12:00,13:30-16:00; Fr 08:30-12:00 "sur rendez-vous"; '
                            "PH off")
    assert (caf.source_date, caf.licence) == ("2026-10-15", "Licence Ouverte")
    lieu = office_to_lieu(caf, 1.0, ON)
    assert lieu["fraicheur"] == "adresse vérifiée en octobre 2026"
    assert lieu["horaires"] == ("du lundi au jeudi : 8 h 30 – 12 h et 13 h 30 – 16 h ; "
                                "vendredi : 8 h 30 – 12 h, sur rendez-vous")


def test_unml_zones_of_another_departement(capsys) -> None:
    assert run("unml", str(SAMPLES / "zones_de_couverture_exemple.csv")) == 0
    out = capsys.readouterr().out
    assert "1 ajouté(s)" in out and "3 commune(s) rattachée(s) à leur zone" in out
    head = next(o for o in offices_of_type("mission_locale") if o.structure == "62041")
    assert (head.adresse, head.commune, head.source_date) == (
        "1 rue de l Exemple", "Arras", "2026-06-01")


def test_unml_zones_of_the_nord_move_a_head_office(tmp_path, capsys) -> None:
    source = (DATA / "missions_locales_zones_2026-01.csv").read_text(encoding="utf-8")
    path = tmp_path / "zones_de_couverture_juin_2026.csv"
    path.write_text(source.replace("9 r pasteur,59630,Bourbourg", "3 r de l exemple,59630,"
                                   "Bourbourg").replace(",2026-01\n", ",2026-06\n"),
                    encoding="utf-8")
    assert run("unml", str(path)) == 0
    out = capsys.readouterr().out
    assert "15 confirmé(s) à la même adresse ; 1 déplacé(s)" in out
    assert "9 rue Pasteur, Bourbourg (2026) → 3 rue de l Exemple, Bourbourg" in out
    (office, _), *_ = routed_offices("mission_locale", resolve_commune("Gravelines"), 1)
    assert (office.adresse, office.source_date) == ("3 rue de l Exemple", "2026-06-01")


def test_a_failed_write_leaves_the_directory_file_as_it_was(directory_file, monkeypatch) -> None:
    assert run("data-inclusion", str(SAMPLES / "data_inclusion_structures.json")) == 0
    before = directory_file.read_bytes()
    batch, _ = formats.read_batch("dila", SAMPLES / "dila_annuaire.json")

    def broken_replace(*_args: object) -> None:
        raise OSError("disque plein")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.import_batch(batch, "dila", SAMPLES / "dila_annuaire.json")
    assert directory_file.read_bytes() == before
    assert [p.name for p in directory_file.parent.iterdir()] == ["annuaire.json"]


def test_an_unreadable_directory_file_is_not_used_and_refuses_imports(directory_file,
                                                                       capsys) -> None:
    directory_file.parent.mkdir(parents=True)
    directory_file.write_text("{ pas du json", encoding="utf-8")
    offices.clear_caches()
    assert bus().source_date == "2024-08-01"  # the packaged directory serves meanwhile
    assert run("dila", str(SAMPLES / "dila_annuaire.json")) == 2
    assert "Le fichier d'annuaire" in capsys.readouterr().err
    with pytest.raises(SourceFileError):
        store.stored_imports()
