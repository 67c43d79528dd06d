#!/usr/bin/env bash
# Sets up both environments if needed (.venv for the app, .venv-rasa for Rasa), trains the bot if
# its data changed, then starts the action server, Rasa and the API (SQLite by default) with
# readiness checks. Ctrl-C stops everything. PORT (default 8000) sets the API's port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/train_bot.sh
echo "  Pas encore de compte agent ? .venv/bin/mesdroits agents add VOTRE_NOM"
exec .venv/bin/python -m api.stack "$@"
