"""The README's first command, as a newcomer types it: everything comes up, Ctrl-C stops all."""

import os
import signal
import subprocess
import threading
import time

import httpx

from api.stack import ROOT, free_port


def test_run_command_starts_the_assistant_and_ctrl_c_stops_everything():
    port = free_port()
    process = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, text=True,
                               env={**{k: v for k, v in os.environ.items()
                                       if k != "MESDROITS_VAR_DIR"},  # as a newcomer has it
                                    "PORT": str(port)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)  # its own group, as in a terminal
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    deadline = time.monotonic() + 900
    while not any("est prêt" in line for line in output):
        assert process.poll() is None, "".join(output)
        assert time.monotonic() < deadline, "".join(output)
        time.sleep(0.5)
    try:
        shown = "".join(output)
        assert f"Ouvrez http://127.0.0.1:{port}/ pour discuter" in shown
        assert "rasa prêt" in shown and "actions prêt" in shown  # readable progress
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status_code == 200 and "Effacer mes données" in page.text
        reply = httpx.post(f"http://127.0.0.1:{port}/api/v1/chat", timeout=30,
                           json={"sender": "nouvelle-personne", "message": "bonjour"})
        assert reply.status_code == 200 and reply.json()["messages"][0]["text"]
        services = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True,
                                  text=True).stdout.split()
        assert len(services) == 3  # action server, Rasa, API
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C
    assert process.wait(60) == 0, "".join(output)
    for pid in services:
        assert not os.path.exists(f"/proc/{pid}"), f"service {pid} still running"
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
        raise AssertionError("the API still answers after Ctrl-C")
    except httpx.ConnectError:
        pass
