"""`python -m api.stack`, the default run command, heals: each service killed in turn (action
server, Rasa, the API) is started again, « réessayez » is answered meanwhile, and the
conversation goes on where it was."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from conversation_helpers import ANSWERS, converse, sheet_of

from api.stack import ROOT, UNLIMITED, free_port

SERVICES = {"actions": "actions.server", "rasa": "rasa", "api": "uvicorn"}


def service_pid(stack_pid: int, name: str) -> int:
    for child in subprocess.run(["pgrep", "-P", str(stack_pid)], capture_output=True,
                                text=True).stdout.split():
        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        if SERVICES[name] in command and (name != "rasa" or " run " in command):
            return int(child)
    raise AssertionError(f"no {name} process under the stack")


def test_each_service_killed_in_turn_comes_back_and_the_conversation_goes_on(tmp_path):
    port = free_port()
    api = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "api.stack", "--port", str(port)], cwd=ROOT, text=True,
        env={**os.environ, "MESDROITS_VAR_DIR": str(tmp_path / "var"), **UNLIMITED},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()

    def say(text: str) -> httpx.Response:
        return httpx.post(f"{api}/api/v1/chat", timeout=30,
                          json={"sender": "increvable", "message": text})

    try:
        deadline = time.monotonic() + 300
        while not any("est prêt" in line for line in output):
            assert process.poll() is None and time.monotonic() < deadline, "".join(output)
            time.sleep(0.5)
        assert say("j'ai 37 ans et j'habite à Douai").status_code == 200
        for name in SERVICES:
            victim = service_pid(process.pid, name)
            os.killpg(victim, signal.SIGKILL)
            seen, deadline = [], time.monotonic() + 120
            while True:
                assert time.monotonic() < deadline, (name, seen, "".join(output))
                try:
                    reply = say("bonjour")
                except httpx.TransportError:  # the API itself is being started again
                    seen.append("connexion")
                    time.sleep(0.5)
                    continue
                seen.append(reply.status_code)
                if reply.status_code == 200:
                    break
                assert reply.status_code == 503, (name, reply.text)
                assert "Réessayez" in reply.json()["messages"][0]["text"]
                time.sleep(0.5)
            assert seen[0] != 200 or name == "api", (name, seen)  # it was down for a while
            assert service_pid(process.pid, name) != victim
            said = time.monotonic() + 10  # the supervisor says so at its next look
            while not any(f"{name} prêt à nouveau" in line for line in output):
                assert time.monotonic() < said, "".join(output)
                time.sleep(0.2)

        def send(text: str) -> list[dict]:
            reply = say(text)
            assert reply.status_code == 200, reply.text
            return reply.json()["messages"]

        sheet = sheet_of(converse(send, "je cherche du travail", ANSWERS))
        assert sheet["fiche"]["situation"]["age"] == 37  # said before the three outages
        assert sheet["fiche"]["situation"]["commune"] == "insee:59178"  # Douai
    finally:
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(60) == 0, "".join(output)
