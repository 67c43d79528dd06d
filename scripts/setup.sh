#!/usr/bin/env bash
# Creates (or updates) the project's Python ≥ 3.11 environment in .venv.
# Usage: scripts/setup.sh [--test]   (--test also installs the test dependencies)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY=$candidate; break
    fi
  done
fi
[ -n "$PY" ] || { echo "Python 3.11 ou plus est nécessaire." >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "› Création de l'environnement .venv ($("$PY" --version))"
  "$PY" -m venv .venv
fi

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "› Installation des dépendances${extras:+ (avec les tests)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi
