"""The whole assistant: Rasa 3.6 (its own Python 3.10), the rasa-sdk action server and the API.

Conversations go through POST /api/v1/chat exactly as a client sends them, to a rights sheet
whose statuses must equal `rules.evaluate` for the same facts.
"""

import sqlite3
from pathlib import Path

import httpx
import pytest
from conversation_helpers import (
    ANSWERS,
    PERSONAS,
    chat,
    converse,
    sheet_of,
    sheet_url,
    statuses,
)

from rules import evaluate


@pytest.mark.parametrize("sender, opening, answers, age", PERSONAS)
def test_conversation_to_a_sheet_matching_the_engine(stack, sender, opening, answers, age):
    transcript = converse(lambda text: chat(stack, sender, text), opening, answers)
    sheet = sheet_of(transcript)
    assert sheet["fiche"]["situation"]["age"] == age
    facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
    assert statuses(sheet) == statuses(evaluate(facts))
    eligible = [d["nom"] for d in sheet["dispositifs"] if d["statut"] == "eligible"]
    said = " ".join(m["text"] for m in transcript)
    for name in eligible:  # each said, the services open to many by their plain name in one line
        assert name.split(" (")[0] in said


def test_erase_deletes_the_conversation_and_the_sheets(stack):
    transcript = converse(lambda text: chat(stack, "effacable", text), "j'ai 30 ans à Lille",
                          ANSWERS)
    url = sheet_url(transcript)
    assert httpx.get(f"{url}.json").status_code == 200
    erased = chat(stack, "effacable", "effacer mes données")
    assert "effacées" in erased[0]["text"]
    assert httpx.get(f"{url}.json").status_code == 404
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


def test_no_personal_data_in_the_services_logs(stack):
    sender = "+33698765432"
    chat(stack, sender, "j'ai 37 ans, je touche le rsa, enceinte, j'habite a Hazebrouck")
    chat(stack, sender, "je veux parler a quelqu'un")
    logs = {path.name: path.read_text(errors="replace")
            for path in Path(stack.var_dir).glob("*.log")}
    assert {"api.log", "rasa.log", "actions.log"} <= logs.keys()
    for name, text in logs.items():
        for private in ("Hazebrouck", "hazebrouck", "touche le rsa", "enceinte", "98765432"):
            assert private not in text, f"{private!r} in {name}"


def test_erasure_leaves_no_text_in_the_database_files(stack):
    """« Effacer mes données »: the rows are gone, and so are their bytes, from every SQLite
    file (the API's and Rasa's, their write-ahead logs included)."""
    marker = "Quetzalcoatlus"  # a word only this conversation says

    def files() -> bytes:
        return b"".join(p.read_bytes() for p in Path(stack.var_dir).glob("*.sqlite3*"))

    transcript = converse(lambda text: chat(stack, "marqueur", text),
                          f"j'ai 30 ans à Zuydcoote, mon chat s'appelle {marker}", ANSWERS)
    assert httpx.get(f"{sheet_url(transcript)}.json").status_code == 200
    assert marker.encode() in files() and b"Zuydcoote" in files()
    erased = chat(stack, "marqueur", "effacer mes données")
    assert "effacées" in erased[0]["text"]
    assert marker.encode() not in files()
    assert b"Zuydcoote" not in files()  # the sheet's commune: the API's database too
