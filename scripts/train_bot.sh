#!/usr/bin/env bash
# Trains the Rasa model into models/ only when config.yml or bot/ changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_rasa.sh
export SQLALCHEMY_SILENCE_UBER_WARNING=1
fingerprint=$(cat config.yml $(find bot -name '*.yml' | sort) | sha256sum | cut -c1-16)
if [ -f models/.fingerprint ] && [ "$(cat models/.fingerprint)" = "$fingerprint" ] \
   && ls models/*.tar.gz >/dev/null 2>&1; then
  echo "› Modèle à jour ($fingerprint)"
  exit 0
fi
echo "› Entraînement du modèle Rasa…"
rm -rf models && mkdir -p models
start=$(date +%s)
mkdir -p var
if ! .venv-rasa/bin/rasa train --config config.yml --domain bot/domain.yml --data bot/data \
     --out models --fixed-model-name mes-droits-nord --quiet > var/rasa-train.log 2>&1; then
  tail -30 var/rasa-train.log >&2
  echo "L'entraînement a échoué (journal : var/rasa-train.log)." >&2
  exit 1
fi
echo "$fingerprint" > models/.fingerprint
echo "› Modèle entraîné en $(( $(date +%s) - start )) s"
