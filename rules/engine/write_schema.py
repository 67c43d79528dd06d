"""`python -m rules.engine.write_schema`: write `rules/catalogue/schema.json` from the schema."""

from rules.engine.schema import SCHEMA_FILE, json_schema

if __name__ == "__main__":
    SCHEMA_FILE.write_text(json_schema(), encoding="utf-8")
    print(f"{SCHEMA_FILE} écrit.")
