"""SMS and WhatsApp through the Twilio-compatible webhook, signed as Twilio signs, to a sheet."""

import itertools
import re
import subprocess

import httpx
import pytest
from twilio.request_validator import RequestValidator

from api.agents import create_agent
from api.db import session_scope
from api.stack import ROOT, Stack, free_port, running
from rules import evaluate

TOKEN = "jeton-de-test-twilio"
_sids = itertools.count(1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    trained = subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1200)
    assert trained.returncode == 0, trained.stderr[-2000:]
    port = free_port()
    env = {"TWILIO_AUTH_TOKEN": TOKEN, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
           "SMS_PER_MINUTE": "30"}
    with running(Stack(var_dir=tmp_path_factory.mktemp("sms"), api_port=port,
                       extra_env=env)) as started:
        yield started


def send(stack, body, sender="+33612345678", sid=None, token=TOKEN, signature=None):
    url = f"{stack.api_url}/sms/twilio"
    form = {"From": sender, "To": "+33700000000", "Body": body,
            "MessageSid": sid or f"SM{next(_sids):032d}"}
    if signature is None:
        signature = RequestValidator(token).compute_signature(url, form)
    return httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=30)


def text_of(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return re.search(r"<Message>(.*)</Message>", response.text, re.S)[1]


def test_forged_and_replayed_requests_are_refused(stack):
    assert send(stack, "bonjour", token="mauvais-jeton").status_code == 403
    assert send(stack, "bonjour", signature="").status_code == 403
    first = send(stack, "bonjour", sender="+33600000001", sid="SMreplay")
    assert first.status_code == 200
    assert send(stack, "bonjour", sender="+33600000001", sid="SMreplay").status_code == 409


def test_whole_sms_conversation_to_the_sheet(stack):
    sender = "+33611111111"
    answers = {"RSA": "2", "enfants avez-vous": "0", "couple": "2", "Combien gagne": "0",
               "Attendez-vous": "2", "2 ans a temps plein": "2", "RQTH": "2",
               "Depuis combien de temps habitez-vous": "3 ans", "France Travail": "1"}
    reply = text_of(send(stack, "jai 23 ans au chomage depuis 8 mois a roubaix", sender))
    for _ in range(15):
        if "/fiche/" in reply:
            break
        assert segments_ok(reply)
        answer = next((a for k, a in answers.items() if k in reply), "je sais pas")
        reply = text_of(send(stack, answer, sender))
    assert segments_ok(reply)  # the final answer too: the sheet's own SMS summary
    assert "A priori, vous pouvez demander" in reply
    url = re.search(r"(http://\S+/fiche/[\w-]+)", reply)[1]
    sheet = httpx.get(f"{url}.json").json()
    facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
    assert sheet["fiche"]["situation"]["rsa"] is False  # « 2 » was « Non »
    ours = {d["id"]: d["statut"] for d in sheet["dispositifs"]}
    assert ours == {d["id"]: d["statut"] for d in evaluate(facts)["dispositifs"]}


def segments_ok(text):
    from api.routes_sms import segments

    return segments(text) <= 3


def test_whatsapp_senders_and_stop_erases(stack):
    sender = "whatsapp:+33622222222"
    reply = text_of(send(stack, "bonjour", sender))
    assert "Bonjour" in reply
    stopped = text_of(send(stack, "STOP", sender))
    assert "effacees" in stopped
    tracker = stack.var_dir / "rasa_tracker.sqlite3"
    import sqlite3

    with sqlite3.connect(tracker) as db:
        senders = [r[0] for r in db.execute("SELECT DISTINCT sender_id FROM events")]
    assert not any("33622222222" in s for s in senders)  # never in clear


def test_rate_limit_per_sender(stack):
    sender = "+33633333333"
    replies = [send(stack, "bonjour", sender) for _ in range(31)]
    assert "Trop de messages" in text_of(replies[-1])


def test_an_agent_resumes_the_sms_conversation_with_the_code(stack):
    sender = "+33644444444"
    text_of(send(stack, "g 52 ans jtouche le rsa j'habite a maubeuge", sender))
    reply = text_of(send(stack, "je veux parler a quelqu'un", sender))
    code = re.search(r"ce code à l'agent : ([A-Z2-9]{6})", reply)[1]
    database = f"sqlite:///{stack.var_dir / 'mesdroits.sqlite3'}"
    with session_scope(database) as session:
        create_agent(session, "ines", "Inès Martin", "un-mot-de-passe-solide")
    with httpx.Client(base_url=stack.api_url) as desk:
        token = re.search(r'name="csrf" value="([^"]+)"', desk.get("/agent/connexion").text)[1]
        desk.post("/agent/connexion", data={"username": "ines", "csrf": token,
                                            "password": "un-mot-de-passe-solide"})
        desk_csrf = re.search(r'data-csrf="([^"]+)"', desk.get("/agent").text)[1]
        resumed = desk.post("/agent/reprise", json={"code": code.lower()},
                            headers={"X-CSRF-Token": desk_csrf})
    assert resumed.status_code == 200
    situation = resumed.json()["situation"]
    assert situation["age"] == 52 and situation["rsa"] is True
    assert situation["commune"] == "insee:59392"  # Maubeuge


def test_a_long_final_answer_fits_three_segments_with_the_whole_link(stack):
    sender = "+33655555555"
    answers = {"Que faites-vous": "1", "couple": "2", "Combien gagne": "0", "Attendez-vous": "2",
               "2 ans a temps plein": "2", "RQTH": "2", "habitez-vous": "3 ans",
               "France Travail": "1", "sans emploi": "8 mois"}
    reply = text_of(send(stack, "33 ans maman solo dun bebe de 18 mois, jtouche le rsa, a cambrai",
                         sender))
    for _ in range(15):
        if "/fiche/" in reply:
            break
        reply = text_of(send(stack, next((a for k, a in answers.items() if k in reply),
                                          "je sais pas"), sender))
    assert segments_ok(reply), reply
    url = re.search(r"(http://\S+/fiche/[\w-]+)$", reply)[1]  # last, whole
    sheet = httpx.get(f"{url}.json").json()
    eligible = [d["nom"].split(" (")[0] for d in sheet["dispositifs"] if d["statut"] == "eligible"]
    assert len(eligible) >= 8
    assert eligible[0] in reply.replace('"', "")
