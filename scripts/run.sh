#!/usr/bin/env bash
# Sets up the project's environment if needed, then serves the product on SQLite:
# the API, the rights sheets and the France Services agent desk.
# Environment: HOST (default 127.0.0.1), PORT (default 8000), DATABASE_URL (default: SQLite in var/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://$HOST:$PORT}
echo "› Mes droits Nord : http://$HOST:$PORT/agent (guichet agent), http://$HOST:$PORT/docs (API)"
echo "  Pas encore de compte agent ? .venv/bin/mesdroits agents add VOTRE_NOM"
exec .venv/bin/mesdroits serve --host "$HOST" --port "$PORT"
