"""The `mesdroits` command, run as a newcomer would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rules.cli import run_assistant
from rules.engine.facts import FACTS

ROOT = Path(__file__).resolve().parents[2]


def mesdroits(*args, stdin=""):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "rules.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=60)


def test_evaluate_json_from_stdin_matches_contract():
    done = mesdroits("evaluate", "-", "--format", "json", "--date", "2026-11-22",
                     stdin=json.dumps({"age": 23, "activite": "sans_emploi",
                                       "commune": "roubaix"}))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["date_evaluation"] == "2026-11-22"
    cej = next(d for d in result["dispositifs"] if d["id"] == "cej")
    assert cej["statut"] == "eligible"
    assert set(cej) >= {"id", "nom", "statut", "en_vigueur", "remplace_par", "raisons",
                        "faits_manquants", "lieu"}


def test_evaluate_text_from_file(tmp_path):
    path = tmp_path / "situation.json"
    path.write_text(json.dumps({"age": 23, "activite": "sans_emploi", "commune": "59100"}))
    done = mesdroits("evaluate", str(path), "--date", "2026-11-22")
    assert done.returncode == 0, done.stderr
    assert "Vous avez 23 ans : le CEJ est ouvert de 16 à 25 ans." in done.stdout
    assert "Ce que vous pouvez demander" in done.stdout


@pytest.mark.parametrize("stdin, expected", [
    ("{pas du json", "JSON valide"),
    (json.dumps({"age": 300}), "ne peut pas dépasser"),
    (json.dumps({"agee": 30}), "Vouliez-vous dire « age »"),
    (json.dumps({"commune": "Roubé"}), "Roubaix"),
    (json.dumps([1, 2]), "objet JSON"),
    ("", "JSON valide"),
])
def test_bad_input_exits_2_with_french_message_and_no_traceback(stdin, expected):
    done = mesdroits("evaluate", "-", stdin=stdin)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_missing_file_and_bad_date_and_bad_command():
    for args in (("evaluate", "/nonexistent.json"), ("evaluate", "-", "--date", "demain"),
                 ("evaluer",)):
        done = mesdroits(*args, stdin="{}")
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr
    assert "Impossible de lire" in mesdroits("evaluate", "/nonexistent.json").stderr


def test_schemes_list_and_detail():
    listing = mesdroits("schemes")
    assert listing.returncode == 0
    assert "garantie_jeunes" in listing.stdout and "historique" in listing.stdout
    detail = mesdroits("schemes", "garantie_jeunes")
    assert "Remplacé par : Contrat d'engagement jeune" in detail.stdout
    unknown = mesdroits("schemes", "garantie_jeune")
    assert unknown.returncode == 2 and "Dispositif inconnu" in unknown.stderr


def test_communes_search_tolerates_typos():
    done = mesdroits("communes", "Tourcoin")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("59599  Tourcoing")


def _responder(said, replies):
    """Answer each question as a person would, by what the question asks."""
    pending = {k: list(v) for k, v in replies.items()}

    def prompt(text):
        if text.startswith("Répondez par le numéro"):
            return pending["_suggestion"].pop(0)
        for line in reversed(said):
            for fact in FACTS.values():
                if fact.question and line.startswith(fact.question[:25]):
                    answers = pending.get(fact.name, ["je ne sais pas"])
                    return answers.pop(0) if len(answers) > 1 else answers[0]
        raise AssertionError("no question was asked")

    return prompt


def test_terminal_assistant_conversation(today):
    said = []
    prompt = _responder(said, {
        "commune": ["roubé"], "_suggestion": ["1"], "age": ["vingt-trois ans"],
        "activite": ["au chomage"], "rsa": ["nan"], "rqth": ["je ne sais pas"],
    })
    said_append = said.append
    situation = run_assistant(prompt, said_append, today)
    transcript = "\n".join(said)
    assert situation["commune"] == "insee:59512"
    assert situation["age"] == 23
    assert situation["activite"] == "sans_emploi"
    assert situation["rsa"] is False
    assert "Nous ne trouvons pas" in transcript
    assert "Vous avez 23 ans : le CEJ est ouvert de 16 à 25 ans." in transcript


def test_terminal_assistant_refuses_absurd_age_and_asks_again(today):
    said = []
    prompt = _responder(said, {"commune": ["Lille"], "age": ["300", "40"]})
    situation = run_assistant(prompt, said.append, today)
    assert situation["age"] == 40
    assert any("ne peut pas dépasser" in line for line in said)
