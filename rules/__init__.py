"""Mes droits Nord — the rights engine: scheme catalogue, evaluation, questions, geography."""

from rules.engine.evaluator import evaluate, evaluate_situation
from rules.engine.situation import SituationError, validate

__all__ = ["SituationError", "evaluate", "evaluate_situation", "validate"]
