"""The whole assistant: Rasa 3.6 (its own Python 3.10), the rasa-sdk action server and the API.

Conversations go through POST /api/v1/chat exactly as a client sends them, to a rights sheet
whose statuses must equal `rules.evaluate` for the same facts.
"""

import re
import sqlite3
import subprocess
from pathlib import Path

import httpx
import pytest

from api.stack import ROOT, Stack, free_port, running
from rules import evaluate


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    trained = subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1200)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    var = tmp_path_factory.mktemp("stack")
    with running(Stack(var_dir=var, api_port=free_port())) as started:
        yield started


def chat(stack, sender, message):
    response = httpx.post(f"{stack.api_url}/api/v1/chat", timeout=30,
                          json={"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def converse(stack, sender, opening, answers):
    """Open with a free sentence, then answer each question as a person would."""
    transcript = chat(stack, sender, opening)
    for _ in range(20):
        texts = " ".join(m["text"] for m in transcript)
        if "/fiche/" in texts:
            return transcript
        question = transcript[-1]["text"]
        reply = next((a for key, a in answers.items() if key in question), "je ne sais pas")
        transcript = chat(stack, sender, reply)
    raise AssertionError("no sheet after 20 turns")


def sheet_of(stack, transcript):
    url = re.search(r"(http://\S+/fiche/[\w-]+)", " ".join(m["text"] for m in transcript))[1]
    return httpx.get(f"{url}.json", timeout=30).json()


def statuses(result):
    return {d["id"]: d["statut"] for d in result["dispositifs"]}


ANSWERS = {
    "RSA": "nan", "enfants avez-vous": "0", "couple": "non", "Combien gagne": "0",
    "attendez-vous": "non", "2 ans à temps plein": "non", "RQTH": "non",
    "Depuis combien de temps êtes-vous sans emploi": "8 mois",
    "Depuis combien de temps habitez-vous": "3 ans", "quartier": "non",
    "France Travail": "oui", "moins de 3 ans": "0", "Que faites-vous": "je cherche du travail",
}


@pytest.mark.parametrize("sender, opening, answers", [
    ("ines", "jai 23 ans au chomage depuis 8 mois a roubaix", ANSWERS),
    ("karim", "bonjour j'ai 41 ans, je vis à Loos dans le quartier des Oliveaux depuis 3 ans",
     {**ANSWERS, "quartier": "oui", "Depuis combien de temps êtes-vous sans emploi": "2 ans"}),
    ("nadia", "33 ans maman solo dun bebe de 18 mois, jtouche le rsa, a cambrai",
     {**ANSWERS, "RSA": "oui", "enfants avez-vous": "1", "moins de 3 ans": "1"}),
])
def test_conversation_to_a_sheet_matching_the_engine(stack, sender, opening, answers):
    transcript = converse(stack, sender, opening, answers)
    sheet = sheet_of(stack, transcript)
    facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
    assert statuses(sheet) == statuses(evaluate(facts))
    eligible = [d["nom"] for d in sheet["dispositifs"] if d["statut"] == "eligible"]
    said = " ".join(m["text"] for m in transcript)
    for name in eligible:
        assert name in said


def test_erase_deletes_the_conversation_and_the_sheets(stack):
    transcript = converse(stack, "effacable", "j'ai 30 ans à Lille", ANSWERS)
    sheet_url = re.search(r"(http://\S+/fiche/[\w-]+)",
                          " ".join(m["text"] for m in transcript))[1]
    assert httpx.get(f"{sheet_url}.json").status_code == 200
    erased = chat(stack, "effacable", "effacer mes données")
    assert "effacées" in erased[0]["text"]
    assert httpx.get(f"{sheet_url}.json").status_code == 404
    tracker = sqlite3.connect(Path(stack.var_dir) / "rasa_tracker.sqlite3")
    sender_ids = [row[0] for row in tracker.execute("SELECT DISTINCT sender_id FROM events")]
    tracker.close()
    assert all("effacable" not in s for s in sender_ids)  # pseudonyms only, ever
    fresh = chat(stack, "effacable", "bonjour")
    assert fresh[0]["text"].startswith("Bonjour")


def test_senders_reach_rasa_pseudonymised(stack):
    chat(stack, "+33612345678", "bonjour")
    tracker = sqlite3.connect(Path(stack.var_dir) / "rasa_tracker.sqlite3")
    sender_ids = [row[0] for row in tracker.execute("SELECT DISTINCT sender_id FROM events")]
    tracker.close()
    assert sender_ids and not any("33612345678" in s for s in sender_ids)



def test_production_stores_postgresql_tracker_and_redis_lock(tmp_path, postgres_url):
    """The production configuration (bot/endpoints.postgres.yml) on the real servers."""
    import psycopg

    database = postgres_url.rsplit("/", 1)[1]
    with running(Stack(var_dir=tmp_path, api_port=free_port(),
                       endpoints="bot/endpoints.postgres.yml",
                       extra_env={"RASA_TRACKER_HOST": "127.0.0.1", "RASA_TRACKER_PORT": "5432",
                                  "RASA_TRACKER_DB": database, "RASA_TRACKER_USER": "postgres",
                                  "RASA_TRACKER_URL": postgres_url,
                                  "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379"})) as pg:
        assert chat(pg, "pg-person", "jai 23 ans a roubaix")
        with psycopg.connect(postgres_url) as connection:
            senders = [r[0] for r in connection.execute("SELECT DISTINCT sender_id FROM events")]
        assert len(senders) == 1 and "pg-person" not in senders[0]
        erased = chat(pg, "pg-person", "effacer mes données")
        assert "effacées" in erased[0]["text"]
        with psycopg.connect(postgres_url) as connection:
            left = connection.execute("SELECT count(*) FROM events WHERE sender_id = %s",
                                      (senders[0],)).fetchone()[0]
        assert left == 0
