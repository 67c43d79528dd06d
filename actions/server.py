"""The action server, listening on the loopback only (rasa-sdk's own command binds 0.0.0.0).

`.venv/bin/python -m actions.server [--port 5055]`
"""

from __future__ import annotations

import argparse

from rasa_sdk.endpoint import create_app
from rasa_sdk.executor import ActionExecutor

from api import log_privacy


def warm_up() -> None:
    """Load the catalogue, communes, offices and parsers before the first person writes."""
    import datetime as dt

    from actions.dialogue import State, respond
    from rules import money
    from rules.language import lexicon

    money.warm_up()  # OpenFisca-France, ~5 s: not during the first final answer
    lexicon.load()  # the French model's lemma tables, ~2 s: not during the first turn
    state = State()
    for intent, text in (("greet", "bonjour"),
                         ("inform", "j'ai 30 ans, j'habite sur roubé, je cherche du travail"),
                         ("inform", "j'habite à Lille"),
                         ("ask_scheme", "c'est quoi le CEJ ?"),
                         ("human", "je veux parler à quelqu'un")):
        state = respond(state, intent, text, dt.date.today(), lambda situation: "").state


def main() -> None:
    parser = argparse.ArgumentParser(description="Serveur d'actions de Mes droits Nord")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    warm_up()
    executor = ActionExecutor()
    executor.register_package("actions.actions")
    app = create_app(executor, cors_origins=None)
    log_privacy.install()  # after Sanic configured its logging: no text nor sheet id logged
    app.run(host=args.host, port=args.port, single_process=True, access_log=False,
            motd=False)


if __name__ == "__main__":
    main()
