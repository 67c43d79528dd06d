#!/usr/bin/env bash
# Creates (or updates) the project's Python ≥ 3.11 environment in .venv.
# Usage: scripts/setup.sh [--test]   (--test also installs the test dependencies)
set -euo pipefail
cd "$(dirname "$0")/.."

# System libraries: WeasyPrint (PDF sheets) needs Pango and a font.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "› Installation des paquets Debian : $*"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Paquets système manquants : $* (installez-les avec apt-get en root)." >&2
    exit 1
  fi
}
if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi
if [ "${1:-}" = "--test" ]; then
  # Browser tests: Debian's Chromium (never a downloaded browser) and axe-core from npm.
  command -v chromium >/dev/null 2>&1 || apt_install chromium
  if [ ! -f node_modules/axe-core/axe.min.js ]; then
    echo "› Installation d'axe-core (npm)"
    npm ci --no-audit --no-fund --silent
  fi
fi

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
  # (this machine's pip configuration warns about missing local indexes: not our business)
  .venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v '^WARNING: Location' >&2)
  .venv/bin/python -m pip install -q -e ".${extras}" 2> >(grep -v '^WARNING: Location' >&2)
  touch "$stamp"
fi
