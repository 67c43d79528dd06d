#!/usr/bin/env bash
# Sets up the environment with the test dependencies, then runs the linter and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache >/dev/null && echo "lint-imports: the layers hold" || { .venv/bin/lint-imports --no-cache; exit 1; }
# No function above a cyclomatic complexity of 20 (radon's measure, which counts each boolean
# operator): xenon's grade C is 11–20.
.venv/bin/xenon --max-absolute C rules actions api || exit 1
echo "xenon: no function above 20"
.venv/bin/python -m pytest "$@"
