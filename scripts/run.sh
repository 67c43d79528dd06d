#!/usr/bin/env bash
# Sets up the project's environment if needed, then starts the product.
# For now the product is the terminal assistant (`mesdroits ask`); arguments are passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/mesdroits ask "$@"
