"""Mes droits Nord — the rights engine: scheme catalogue, evaluation, questions, geography."""

from rules import money
from rules.engine.evaluator import evaluate, evaluate_situation
from rules.engine.situation import SituationError, validate

# The personal amounts: OpenFisca-France, loaded at the first computation (`money.warm_up()`
# at a service's start-up loads it before the first person waits for it).
money.install()

__all__ = ["SituationError", "evaluate", "evaluate_situation", "validate"]
