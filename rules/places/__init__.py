"""Places: communes and the office directory, with their packaged open data (`data/`).

They know neither the engine nor the reading of French (import-linter).
"""
