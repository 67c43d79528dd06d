#!/usr/bin/env bash
# Creates (or updates) Rasa's own environment, .venv-rasa, on Python 3.10 (Rasa 3.6 needs it).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS=bot/requirements.txt
stamp=".venv-rasa/.installed-$(sha256sum "$REQUIREMENTS" | cut -c1-16)"
[ -f "$stamp" ] && exit 0

PY=${RASA_PYTHON:-}
if [ -z "$PY" ]; then
  if command -v pyenv >/dev/null 2>&1; then
    PY=$(PYENV_VERSION=3.10.13 pyenv which python 2>/dev/null || true)
  fi
  [ -n "$PY" ] || PY=$(command -v python3.10 || true)
fi
[ -n "$PY" ] || { echo "Python 3.10 est nécessaire pour Rasa (pyenv install 3.10.13)." >&2; exit 1; }

echo "› Création de l'environnement Rasa .venv-rasa ($("$PY" --version))"
[ -x .venv-rasa/bin/python ] || "$PY" -m venv .venv-rasa
.venv-rasa/bin/python -m pip install -q --upgrade "pip<25" 2> >(grep -v '^WARNING: Location' >&2)
echo "› Installation de Rasa ($REQUIREMENTS ; quelques minutes la première fois)"
.venv-rasa/bin/python -m pip install -q -r "$REQUIREMENTS" 2> >(grep -v '^WARNING: Location' >&2)
rm -f .venv-rasa/.installed-*
touch "$stamp"
