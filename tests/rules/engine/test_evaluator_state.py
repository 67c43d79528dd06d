"""No hidden state: a catalogue's own amounts, and caches that callers cannot corrupt."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

from rules import evaluate, evaluate_situation, validate
from rules.engine.catalogue import CATALOGUE_DIR, load_catalogue

ON = "2026-11-22"


def _rsa(result: dict) -> dict:
    return next(d for d in result["dispositifs"] if d["id"] == "rsa")


def test_amounts_come_from_the_catalogue_evaluated(tmp_path: Path) -> None:
    directory = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, directory)
    rsa = directory / "rsa.yaml"
    rsa.write_text(rsa.read_text(encoding="utf-8").replace("valeur: 651.69", "valeur: 999.99"),
                   encoding="utf-8")
    other = load_catalogue(directory)
    situation = validate({"date_evaluation": ON, "age": 40, "rsa": True})

    result = evaluate_situation(situation, other)

    assert result["catalogue_version"] == other.version
    assert [m["valeur"] for m in _rsa(result)["montants"]] == [999.99]
    assert [m["valeur"] for m in _rsa(evaluate_situation(situation))["montants"]] == [651.69]


def _scribble(value: object) -> None:
    """Change every dict and list reachable from value, in place."""
    if isinstance(value, dict):
        for key in list(value):
            _scribble(value[key])
            if isinstance(value[key], str):
                value[key] = "abîmé"
        value["ajout"] = 1
    elif isinstance(value, list):
        for item in value:
            _scribble(item)
        value.append("ajout")


def test_mutating_a_result_does_not_change_the_next_one() -> None:
    situations = [
        {"date_evaluation": ON, "age": 23, "commune": "Roubaix", "activite": "sans_emploi"},
        {"date_evaluation": ON, "age": 41, "commune": "Loos", "quartier_tzc": True},
        {"date_evaluation": ON, "age": 30, "commune": "insee:59350", "rsa": True},
        {"date_evaluation": "2015-06-01", "age": 20},
    ]
    for situation in situations:
        first = evaluate(situation)
        expected = copy.deepcopy(first)
        _scribble(first)
        assert evaluate(situation) == expected, situation


def test_the_facts_carry_no_hidden_key() -> None:
    situation = validate({"date_evaluation": ON, "age": 23})
    evaluate_situation(situation)
    assert all(not name.startswith("_") for name in situation.facts)
    assert situation.date_evaluation == dt.date(2026, 11, 22)
