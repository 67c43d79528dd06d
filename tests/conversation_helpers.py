"""Driving whole conversations with the assistant, whatever the door (gateway, Rasa, SMS)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

Send = Callable[[str], list[dict[str, Any]]]  # a message → the assistant's messages

ANSWERS = {
    "RSA": "nan", "enfants avez-vous": "0", "couple": "non", "Combien gagne": "0",
    "attendez-vous": "non", "2 ans à temps plein": "non", "RQTH": "non",
    "Depuis combien de temps êtes-vous sans emploi": "8 mois",
    "Depuis combien de temps habitez-vous": "3 ans", "quartier": "non",
    "France Travail": "oui", "moins de 3 ans": "0", "Que faites-vous": "je cherche du travail",
}
PERSONAS = [  # (name, first message, answers, age)
    ("ines", "jai 23 ans au chomage depuis 8 mois a roubaix", ANSWERS, 23),
    ("karim", "bonjour j'ai 41 ans, je vis à Loos dans le quartier des Oliveaux depuis 3 ans",
     {**ANSWERS, "quartier": "oui", "Depuis combien de temps êtes-vous sans emploi": "2 ans"},
     41),
    ("nadia", "33 ans maman solo dun bebe de 18 mois, jtouche le rsa, a cambrai",
     {**ANSWERS, "RSA": "oui", "enfants avez-vous": "1", "moins de 3 ans": "1"}, 33),
]


def chat(stack: Any, sender: str, message: str) -> list[dict[str, Any]]:
    """One message through the gateway, as the web page sends it; the assistant's messages."""
    response = httpx.post(f"{stack.api_url}/api/v1/chat", timeout=30,
                          json={"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def converse(send: Send, opening: str, answers: dict[str, str]) -> list[dict[str, Any]]:
    """Open with a free sentence, then answer each question as a person would; every message
    the assistant sent."""
    said = send(opening)
    transcript = list(said)
    for _ in range(20):
        if "/fiche/" in " ".join(m.get("text", "") for m in said):
            return transcript
        question = [m for m in said if m.get("text")][-1]["text"]
        said = send(next((a for key, a in answers.items() if key in question),
                         "je ne sais pas"))
        transcript += said
    raise AssertionError("no sheet after 20 turns:\n"
                         + "\n".join(m.get("text", "") for m in transcript[-12:]))


def sheet_url(transcript: list[dict[str, Any]]) -> str:
    return re.search(r"(http://\S+/fiche/[\w-]+)",
                     " ".join(m.get("text", "") for m in transcript))[1]


def sheet_of(transcript: list[dict[str, Any]]) -> dict[str, Any]:
    return httpx.get(f"{sheet_url(transcript)}.json", timeout=30).json()


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: d["statut"] for d in result["dispositifs"]}
