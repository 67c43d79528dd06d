"""The project's code that runs inside Rasa (`bot/`), tested in Rasa's own environment."""

import os
import subprocess
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
ENV = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore",
       "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}


def run_in_rasa(script: str) -> str:
    done = subprocess.run([str(PYTHON), "-c", textwrap.dedent(script)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_action_answers_are_checked_as_rasa_checks_them_with_the_schema_checked_once():
    out = run_in_rasa("""
        from unittest import mock
        from jsonschema import ValidationError
        from jsonschema.validators import validator_for
        from rasa.core.actions.action import RemoteAction
        from bot import action_response

        action = RemoteAction("action_mes_droits", None)
        bad = {"events": [{"event": "slot"}], "responses": "pas une liste"}
        try:
            action._validate_action_result(bad)
        except ValidationError as error:
            rasa_message = error.message
        action_response.install()
        good = {"events": [{"event": "slot", "name": "etat", "value": {"incompris": 0}}],
                "responses": [{"text": "Bonjour !", "buttons": []}]}
        assert action._validate_action_result(good)
        cls = validator_for(RemoteAction.action_response_format_spec())
        with mock.patch.object(cls, "check_schema") as check:
            for _ in range(3):
                assert action._validate_action_result(good)
        assert check.call_count == 0
        try:
            action._validate_action_result(bad)
        except ValidationError as error:
            assert error.message == rasa_message, (error.message, rasa_message)
        else:
            raise AssertionError("an invalid answer was accepted")
        print("ok")
    """)
    assert out.strip().endswith("ok")


def test_a_turn_reads_back_the_latest_state_however_long_the_conversation_and_its_turns(
        tmp_path):
    out = run_in_rasa(f"""
        import asyncio
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker
        from bot.tracker_store import WindowedSQLTrackerStore

        domain = Domain.load("bot/domain.yml")
        store = WindowedSQLTrackerStore(domain=domain, dialect="sqlite",
                                        db="{tmp_path / 'tracker.sqlite3'}")

        def turn(n, bot_messages):
            return [UserUttered(f"message {{n}}", {{"name": "inform", "confidence": 1.0}}),
                    ActionExecuted("action_mes_droits"),
                    *[BotUttered(f"réponse {{n}}.{{i}}") for i in range(bot_messages)],
                    SlotSet("etat", {{"incompris": n}}), ActionExecuted("action_listen")]

        async def main():
            for sender, turns in (("short", [1, 2]), ("long", [3] * 150),
                                  ("long-final", [2, 2, 120]), ("long-final-then", [2, 120, 2])):
                tracker = DialogueStateTracker(sender, domain.slots)
                for n, messages in enumerate(turns):
                    for event in turn(n, messages):
                        tracker.update(event)
                    await store.save(tracker)  # one save a turn, as Rasa does
                    tracker = await store.retrieve(sender)
                last = len(turns) - 1
                assert tracker.get_slot("etat") == {{"incompris": last}}, sender
                assert tracker.latest_message.text == f"message {{last}}", sender
                assert tracker.events[0].as_dict()["event"] in ("user", "session_started"), sender
                replies = [e.text for e in tracker.events if isinstance(e, BotUttered)]
                assert replies == [f"réponse {{last}}.{{i}}" for i in range(turns[-1])], sender
                full = await store.retrieve_full_tracker(sender)
                assert len(full.events) > len(tracker.events) or last == 0, sender
            print("ok")

        asyncio.run(main())
    """)
    assert out.strip().endswith("ok")


def test_the_events_table_gets_the_rows_rasa_itself_writes(tmp_path):
    out = run_in_rasa(f"""
        import asyncio
        import sqlalchemy as sa
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker
        from bot.tracker_store import WindowedSQLTrackerStore

        domain = Domain.load("bot/domain.yml")
        events = [UserUttered("j'ai 30 ans", {{"name": "inform", "confidence": 0.9}},
                              parse_data={{"intent": {{"name": "inform", "confidence": 0.9}},
                                          "entities": [], "text": "j'ai 30 ans"}}),
                  ActionExecuted("action_mes_droits"), BotUttered("J'ai noté : 30 ans."),
                  SlotSet("etat", {{"situation": {{"age": 30}}}}),
                  ActionExecuted("action_listen")]

        async def rows(store):
            tracker = DialogueStateTracker("s", domain.slots)
            for event in events[:2]:
                tracker.update(event)
            await store.save(tracker)
            tracker = await store.retrieve("s") or tracker
            for event in events[2:]:
                tracker.update(event)
            await store.save(tracker)
            with store.engine.connect() as connection:
                return connection.execute(sa.text(
                    "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
                    "FROM events ORDER BY id")).fetchall()

        ours = asyncio.run(rows(WindowedSQLTrackerStore(
            domain=domain, dialect="sqlite", db="{tmp_path / 'ours.sqlite3'}")))
        rasa = asyncio.run(rows(SQLTrackerStore(
            domain=domain, dialect="sqlite", db="{tmp_path / 'rasa.sqlite3'}")))
        assert len(ours) == 5 and ours == rasa, (ours, rasa)
        print("ok")
    """)
    assert out.strip().endswith("ok")
