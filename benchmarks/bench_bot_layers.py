"""Where one chat turn's time goes, layer by layer (`benchmarks/bench_bot.py`'s conversation).

The stack is started as `bench_bot.py` starts it (one process each, SQLite), the action server
wrapped so that it times each /webhook call it serves and keeps the request. Then the same
50-turn conversation is held:
1. through the gateway, POST /api/v1/chat: what a person waits for;
2. straight to Rasa's REST channel (another sender): the gateway's cost is 1 − 2;
3. the action server's requests of step 1 sent again, straight to it (one keep-alive
   connection, then a new connection each time, as Rasa 3.6 connects): the hop; Rasa's own
   processing (NLU, policies, tracker store) is 2 − the hop;
4. inside the action server: the time from a request's arrival to its response;
5. `actions.dialogue.respond` in this process on the same states (`--profile`: its cProfile).
During step 1 the CPU time each process uses is read from /proc (Linux): CPU milliseconds per
turn do not depend on what else the machine runs, unlike the wall-clock figures.
Rasa's NLU alone is timed in Rasa's environment on the same messages (`--nlu`, loads the model).

Usage: `.venv/bin/python benchmarks/bench_bot_layers.py [--turns 50] [--port 8160] [--nlu]
[--profile]`
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import http.client
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.stack import UNLIMITED, Stack, running  # noqa: E402
from benchmarks.bench_bot import TURNS, percentile  # noqa: E402

NLU_SCRIPT = """
import asyncio, json, sys, time
from rasa.core.agent import Agent
texts, rounds = json.loads(sys.argv[2]), int(sys.argv[3])
agent = Agent.load(sys.argv[1])
async def main():
    for text in texts:
        await agent.parse_message(text)
    times = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            await agent.parse_message(text)
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps(times))
asyncio.run(main())
"""


def serve_actions(port: int) -> None:
    """The project's action server, which also records each /webhook call (ms, body)."""
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor
    from sanic import response

    from actions.server import warm_up

    warm_up()
    executor = ActionExecutor()
    executor.register_package("actions.actions")
    app = create_app(executor, cors_origins=None)
    recorded: list[dict[str, Any]] = []

    @app.on_request
    async def started(request: Any) -> None:
        request.ctx.started = time.perf_counter()

    @app.on_response
    async def finished(request: Any, _response: Any) -> None:
        if request.path == "/webhook":
            recorded.append({"ms": (time.perf_counter() - request.ctx.started) * 1000,
                             "body": request.body.decode()})

    @app.get("/recorded")
    async def recorded_calls(_request: Any) -> Any:
        calls = list(recorded)
        recorded.clear()
        return response.json(calls)

    app.run(host="127.0.0.1", port=port, single_process=True, access_log=False, motd=False)


class LayersStack(Stack):
    def _spawn(self, name: str, command: list[str], ready: str) -> None:
        if name == "actions":
            command = [sys.executable, __file__, "--serve-actions", str(self.actions_port)]
        super()._spawn(name, command, ready)


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat), in milliseconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def conversation(client: httpx.Client, url: str, sender: str, turns: int) -> list[float]:
    times = []
    for i in range(turns):
        start = time.perf_counter()
        client.post(url, json={"sender": sender, "message": TURNS[i % len(TURNS)]}
                    ).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return times


def replay(port: int, bodies: list[str], keep_alive: bool) -> list[float]:
    """The requests sent again (`http.client`: a light client, so that the figure is the hop)."""
    times = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for body in bodies:
        start = time.perf_counter()
        if not keep_alive:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/webhook", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            raise RuntimeError(f"action server: HTTP {response.status}")
    connection.close()
    return times


def respond_in_process(bodies: list[str], rounds: int, profile: bool) -> list[float]:
    from actions.dialogue import State, respond
    from actions.server import warm_up

    warm_up()
    calls = []
    for body in bodies:
        tracker = json.loads(body)["tracker"]
        message = tracker.get("latest_message") or {}
        calls.append((tracker["slots"].get("etat") or {},
                      (message.get("intent") or {}).get("name") or "nlu_fallback",
                      message.get("text") or ""))
    profiler = cProfile.Profile() if profile else None
    times = []
    for _ in range(rounds):
        for saved, intent, text in calls:
            state = State.from_dict(json.loads(json.dumps(saved)))
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            respond(state, intent, text, dt.date.today(), lambda situation: "/fiche/x")
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - start) * 1000)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return times


def nlu_times(texts: list[str], rounds: int) -> list[float]:
    model = ROOT / "models" / "mes-droits-nord.tar.gz"
    done = subprocess.run([str(ROOT / ".venv-rasa/bin/python"), "-c", NLU_SCRIPT, str(model),
                           json.dumps(texts), str(rounds)], capture_output=True, text=True,
                          check=True, env={"SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                                           "PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def line(name: str, times: list[float]) -> str:
    return (f"{name:<44} p50 {statistics.median(times):5.1f} ms, "
            f"p95 {percentile(times, 0.95):5.1f} ms, mean {statistics.mean(times):5.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--port", type=int, default=8160, help="API; +1 actions, +2 Rasa")
    parser.add_argument("--nlu", action="store_true", help="time Rasa's NLU alone too")
    parser.add_argument("--profile", action="store_true", help="cProfile of respond")
    parser.add_argument("--serve-actions", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_actions:
        serve_actions(args.serve_actions)
        return 0
    var = Path(tempfile.mkdtemp(prefix="bench-layers-"))
    try:
        stack = LayersStack(var_dir=var, api_port=args.port, actions_port=args.port + 1,
                            extra_env=UNLIMITED)
        stack.rasa_ports = [args.port + 2]
        with running(stack), httpx.Client(timeout=30) as client:
            chat = f"{stack.api_url}/api/v1/chat"
            rest = f"{stack.rasa_urls[0]}/webhooks/rest/webhook"
            actions = f"http://127.0.0.1:{stack.actions_port}"
            conversation(client, chat, "layers-warm-up", len(TURNS))
            client.get(f"{actions}/recorded")
            pids = {name: process.pid for name, process in stack.services.items()}
            before = {name: cpu_ms(pid) for name, pid in pids.items()}
            gateway = conversation(client, chat, "layers-gateway", args.turns)
            cpu = {name: (cpu_ms(pid) - before[name]) / args.turns for name, pid in pids.items()}
            calls = client.get(f"{actions}/recorded").json()
            rasa = conversation(client, rest, "layers-rasa", args.turns)
            bodies = [call["body"] for call in calls]
            hop = replay(stack.actions_port, bodies, keep_alive=True)
            hop_new = replay(stack.actions_port, bodies, keep_alive=False)
        inside = [call["ms"] for call in calls]
        print(line("1. gateway → Rasa → actions (POST /api/v1/chat)", gateway))
        print(line("2. Rasa → actions (REST channel)", rasa))
        print(line("3. action server hop (keep-alive)", hop))
        print(line("   action server hop (new connection)", hop_new))
        print(line("4. inside the action server", inside))
        print(line("5. respond, in process", respond_in_process(bodies, 10, args.profile)))
        if args.nlu:
            print(line("   Rasa's NLU alone (Agent.parse_message)", nlu_times(TURNS, 10)))
        print("CPU per turn during 1: " + ", ".join(f"{name} {ms:.1f} ms"
                                                     for name, ms in cpu.items()))
        print(f"gateway ≈ 1 − 2: {statistics.median(gateway) - statistics.median(rasa):.1f} ms; "
              f"Rasa's own ≈ 2 − 3 (new connection): "
              f"{statistics.median(rasa) - statistics.median(hop_new):.1f} ms (medians)")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
