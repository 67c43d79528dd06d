"""The rights engine: a situation's facts, the catalogue, three-valued evaluation, the planner.

It reads no French (that is `rules.language`) and knows no interface (import-linter).
"""
