"""Production mode on the real PostgreSQL and Redis: two Rasa processes sharing conversations,
two API workers behind one address, and what a person sees when a part of it stops.

PostgreSQL is reached through a loopback relay (tests/tcp_proxy.py) so that a test can cut it.
"""

import json
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from conversation_helpers import ANSWERS, PERSONAS, converse, sheet_of, statuses
from storage_helpers import fresh_postgres_database, require_redis
from tcp_proxy import TcpProxy

from api.stack import ROOT, UNLIMITED, Stack, free_port, running
from rules import evaluate


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    trained = subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1200)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    require_redis()
    with fresh_postgres_database() as database:
        proxy, redis_proxy = TcpProxy(5432), TcpProxy(6379)
        proxy.start()
        redis_proxy.start()
        relayed = database.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        stack = Stack.production(tmp_path_factory.mktemp("production"), free_port(), relayed,
                                 redis_url=f"redis://127.0.0.1:{redis_proxy.port}",
                                 extra_env=UNLIMITED)
        stack.redis_proxy = redis_proxy  # for the Redis outage test
        try:
            with running(stack):
                yield stack, proxy, database
        finally:
            proxy.stop()
            redis_proxy.stop()


def to_rasa(url, sender, message):
    """Straight to one Rasa process (loopback), as the gateway would."""
    response = httpx.post(f"{url}/webhooks/rest/webhook", timeout=60,
                          json={"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    return [m for m in response.json() if m.get("text")]


def chat(stack, sender, message):
    response = httpx.post(f"{stack.api_url}/api/v1/chat", timeout=60,
                          json={"sender": sender, "message": message})
    return response.status_code, response.json()["messages"]


def events(database, sender, kind):
    with psycopg.connect(database) as connection:
        return [json.loads(row[0]) for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = %s AND type_name = %s ORDER BY id",
            (sender, kind))]


def state(database, sender):
    """The dialogue state as the action last wrote it."""
    written = [e["value"] for e in events(database, sender, "slot") if e["name"] == "etat"]
    return written[-1] if written else {}


def test_turns_alternate_between_two_rasa_processes(production):
    stack, _, database = production
    first, second = stack.rasa_urls

    def one_conversation(index):
        _, opening, answers, age = PERSONAS[index % len(PERSONAS)]
        sender, sent = f"alternance-{index}", []

        def send(text):
            sent.append(text)  # turn n goes to one process, turn n + 1 to the other
            return to_rasa(first if (len(sent) + index) % 2 else second, sender, text)

        return sender, sent, age, converse(send, opening, answers)

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(one_conversation, range(6)))
    for sender, sent, age, transcript in results:
        assert [e["text"] for e in events(database, sender, "user")] == sent  # none lost
        sheet = sheet_of(transcript)
        assert sheet["fiche"]["situation"]["age"] == age  # nobody else's facts
        facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
        assert statuses(sheet) == statuses(evaluate(facts))


def test_two_messages_at_once_to_two_processes_are_both_kept(production):
    """The Redis lock makes the second process wait for the first: no answer overwritten, and
    no turn left waiting (Rasa's own Redis lock store could leave one waiting 60 s)."""
    stack, _, database = production
    for attempt in range(12):
        sender = f"simultane-{attempt}"
        to_rasa(stack.rasa_urls[0], sender, "bonjour")
        start = threading.Barrier(2)

        def send(url, text, sender=sender, start=start):
            start.wait()
            return to_rasa(url, sender, text)

        started = time.monotonic()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(send, stack.rasa_urls, ["j'ai 23 ans", "j'habite à Roubaix"]))
        assert time.monotonic() - started < 5
        situation = state(database, sender)["situation"]
        assert situation["age"] == 23 and situation["commune"] == "insee:59512", situation


def test_gateway_workers_share_the_rasa_processes_to_a_sheet(production):
    stack, _, _ = production

    def send(text):
        status, messages = chat(stack, "passerelle", text)
        assert status == 200, messages
        return messages

    transcript = converse(send, "jai 23 ans au chomage depuis 8 mois a roubaix", ANSWERS)
    sheet = sheet_of(transcript)
    facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
    assert statuses(sheet) == statuses(evaluate(facts))


def pseudonymous_state(stack, database, sender):
    with psycopg.connect(database) as connection:
        rows = connection.execute("SELECT DISTINCT sender_id FROM events").fetchall()
    states = {row[0]: state(database, row[0]) for row in rows}
    # the gateway's pseudonym is not known to the test: find the conversation by its facts
    return [s for s in states.values() if s.get("situation", {}).get("age") == sender]


def test_action_server_stopped_then_back(production):
    stack, _, database = production
    status, _ = chat(stack, "panne-actions", "j'ai 37 ans et j'habite à Douai")
    assert status == 200
    stack.stop_service("actions")
    try:
        status, messages = chat(stack, "panne-actions", "je suis au chomage")
        assert status == 503
        assert "Réessayez" in messages[0]["text"] and "conservées" in messages[0]["text"]
    finally:
        stack.restart_service("actions", timeout=60)
    status, messages = chat(stack, "panne-actions", "je suis au chomage")
    assert status == 200 and "Réessayez" not in messages[0]["text"]
    [kept] = pseudonymous_state(stack, database, 37)
    assert kept["situation"]["commune"] == "insee:59178"  # Douai, said before the failure
    assert kept["situation"]["activite"] == "sans_emploi"  # the retried message


def test_database_stopped_then_back(production):
    stack, proxy, database = production
    status, _ = chat(stack, "panne-base", "j'ai 44 ans et j'habite à Tourcoing")
    assert status == 200
    proxy.stop()
    try:
        for message in ("je suis au chomage", "je suis au chomage"):
            status, messages = chat(stack, "panne-base", message)
            assert status == 503, messages
            assert "Réessayez" in messages[0]["text"]
    finally:
        proxy.start()
    status, messages = chat(stack, "panne-base", "je suis au chomage")
    assert status == 200 and "Réessayez" not in messages[0]["text"]
    [kept] = pseudonymous_state(stack, database, 44)
    assert kept["situation"]["commune"] == "insee:59599"  # Tourcoing, said before the outage
    assert kept["situation"]["activite"] == "sans_emploi"


def test_redis_stopped_then_back(production):
    """Without the lock store no turn may run (two processes could mix it): « réessayez »,
    nothing written, and the conversation goes on when Redis is back."""
    stack, _, database = production
    status, _ = chat(stack, "panne-redis", "j'ai 46 ans et j'habite à Lens")
    assert status == 200
    status, _ = chat(stack, "panne-redis", "oui")  # « Vous habitez bien à Lens … ? »
    assert status == 200
    stack.redis_proxy.stop()
    try:
        status, messages = chat(stack, "panne-redis", "je suis au chomage")
        assert status == 503, messages
        assert "Réessayez" in messages[0]["text"]
    finally:
        stack.redis_proxy.start()
    status, messages = chat(stack, "panne-redis", "je suis au chomage")
    assert status == 200 and "Réessayez" not in messages[0]["text"]
    [kept] = pseudonymous_state(stack, database, 46)
    assert kept["situation"]["commune"] == "insee:62498"  # Lens, said before the outage
    assert kept["situation"]["activite"] == "sans_emploi"
