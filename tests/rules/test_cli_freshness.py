"""`mesdroits fraicheur`: the catalogue's amounts against OpenFisca-France, run as a command."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from rules.engine.catalogue import CATALOGUE_DIR

ROOT = Path(__file__).resolve().parents[2]


def mesdroits(*args, module="rules.cli"):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_real_catalogue_on_1_november_2026_says_the_cej_is_ahead_of_openfisca():
    done = mesdroits("fraicheur", "--date", "2026-11-01")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Montants du catalogue comparés à OpenFisca-France")
    assert lines[0].endswith("au 1er novembre 2026")
    assert ("RSA, montant forfaitaire : catalogue 651,69 € depuis le 1er avril 2026 (source "
            "secondaire), OpenFisca 651,69 € depuis le 1er avril 2026 (Décret n° 2026-220 du 30 "
            "mars 2026, art. 1) — identique") in lines
    assert any(line.startswith("RSA majoré, supplément par enfant : catalogue 42,804 %")
               and line.endswith("— identique") for line in lines)
    cej = [line for line in lines if line.startswith("CEJ")]
    assert len(cej) == 3
    assert all(line.endswith("OpenFisca en retard : le catalogue a une valeur plus récente")
               for line in cej)
    assert lines[-1] == "Résultat : 3 montant(s) à revoir."


def test_a_changed_amount_is_reported_different_and_exits_1(tmp_path):
    directory = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, directory)
    path = directory / "rsa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("valeur: 651.69", "valeur: 615.69"),
                    encoding="utf-8")
    done = mesdroits("fraicheur", "--date", "2026-04-15", "--catalogue", str(directory),
                     "--json")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    rsa = next(e for e in data["elements"]
               if e["dispositif"] == "rsa" and e.get("montant") == "montant_forfaitaire")
    assert rsa["verdict"] == "different"
    assert (rsa["catalogue"]["valeur"], rsa["openfisca"]["valeur"]) == (615.69, 651.69)
    assert rsa["openfisca"]["references"][0]["url"].startswith("https://www.legifrance")
    text = mesdroits("fraicheur", "--date", "2026-04-15", "--catalogue", str(directory))
    assert text.returncode == 1
    assert "— différent : deux valeurs pour le même jour" in text.stdout


def test_all_identical_exits_0_through_the_installed_command():
    """On 1 June 2024 (before the CEJ's 2025 amounts), nothing is to revise: exit 0, with
    `api.cli`, the `mesdroits` entry point."""
    done = mesdroits("fraicheur", "--date", "2024-06-01", module="api.cli")
    assert done.returncode == 0, done.stderr
    assert ("CEJ, allocation d'un majeur imposé dans la première tranche : catalogue 331,37 € "
            "depuis le 1er avril 2024 (source secondaire), OpenFisca 331,37 € depuis le 1er "
            "avril 2024") in done.stdout
    assert "Prime d'activité, montant forfaitaire : catalogue sans valeur à cette date" in (
        done.stdout)
    assert "— absent du catalogue" in done.stdout
    assert done.stdout.splitlines()[-1] == "Résultat : rien à revoir."


def test_bad_date_exits_2():
    done = mesdroits("fraicheur", "--date", "2026-13-01")
    assert done.returncode == 2
    assert "Date invalide" in done.stderr and "Traceback" not in done.stderr
