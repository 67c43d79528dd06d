"""Validation of a situation (the contract's JSON object) into facts the engine can use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process

from rules.engine.facts import FACTS, Fact
from rules.places.communes import Commune, CommuneError, resolve_commune

MAX_FIELDS = 64


@dataclass(frozen=True, slots=True)
class FieldError:
    champ: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"champ": self.champ, "message": self.message}


class SituationError(ValueError):
    """Invalid situation; every message is French and names the field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def as_dict(self) -> dict[str, Any]:
        return {
            "erreur": "Situation invalide",
            "details": [e.as_dict() for e in self.errors],
        }


@dataclass(frozen=True, slots=True)
class Situation:
    """A validated situation: `facts` maps each contract field to its value (None = unknown)."""

    date_evaluation: dt.date
    facts: dict[str, Any]
    commune: Commune | None = None
    given: dict[str, Any] = field(default_factory=dict)  # the fields as the person gave them


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}" if word else f"{n:g}"


def _check_number(fact: Fact, value: Any, integer: bool) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "un nombre entier" if integer else "un nombre"
        return None, f"« {fact.label} » ({fact.name}) doit être {kind}, pas « {value} »."
    if integer and isinstance(value, float):
        if not value.is_integer():
            return None, f"« {fact.label} » ({fact.name}) doit être un nombre entier."
        value = int(value)
    if value != value or value in (float("inf"), float("-inf")):  # NaN / infinities
        return None, f"« {fact.label} » ({fact.name}) doit être un nombre."
    if fact.minimum is not None and value < fact.minimum:
        return None, (
            f"« {fact.label} » ({fact.name}) ne peut pas être inférieur à "
            f"{_plural(fact.minimum, fact.unit)} (reçu : {value})."
        )
    if fact.maximum is not None and value > fact.maximum:
        return None, (
            f"« {fact.label} » ({fact.name}) ne peut pas dépasser "
            f"{_plural(fact.maximum, fact.unit)} (reçu : {value})."
        )
    return value, None


def _parse_date(fact: Fact, value: Any) -> tuple[dt.date | None, str | None]:
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, (
        f"« {fact.label} » ({fact.name}) doit être une date au format AAAA-MM-JJ, "
        f"par exemple 2026-11-22 (reçu : « {str(value)[:40]} »)."
    )


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _unknown_field(name: str) -> FieldError:
    shown = name[:60]
    match = process.extractOne(name, list(FACTS), score_cutoff=70)
    hint = f" Vouliez-vous dire « {match[0]} » ?" if match else ""
    return FieldError(shown, f"Le champ « {shown} » n'existe pas.{hint}")


def validate(raw: Any, today: dt.date | None = None) -> Situation:
    """Check a situation against the contract and return its facts; raise SituationError."""
    if not isinstance(raw, dict):
        raise SituationError(
            [FieldError("situation", "La situation doit être un objet JSON : {\"age\": 23, …}.")]
        )
    if len(raw) > MAX_FIELDS:
        raise SituationError([FieldError("situation", "La situation contient trop de champs.")])

    errors: list[FieldError] = []
    facts: dict[str, Any] = dict.fromkeys(FACTS)
    given: dict[str, Any] = {}
    for name, value in raw.items():
        fact = FACTS.get(name) if isinstance(name, str) else None
        if fact is None:
            errors.append(_unknown_field(str(name)))
            continue
        if value is None:
            continue
        checked: Any
        message: str | None
        if fact.kind in ("int", "number"):
            checked, message = _check_number(fact, value, integer=fact.kind == "int")
        elif fact.kind == "bool":
            checked, message = (value, None) if isinstance(value, bool) else (
                None,
                f"« {fact.label} » ({name}) doit valoir true (oui) ou false (non).",
            )
        elif fact.kind == "enum":
            allowed = ", ".join(str(v) for v in fact.values)
            checked, message = (value, None) if value in fact.values else (
                None,
                f"« {fact.label} » ({name}) doit être l'une de ces valeurs : {allowed} "
                f"(reçu : « {str(value)[:40]} »).",
            )
        elif fact.kind == "date":
            checked, message = _parse_date(fact, value)
        else:  # commune: resolved below, once the rest is known
            checked, message = (value, None) if isinstance(value, str) else (
                None,
                f"« {fact.label} » ({name}) doit être un nom de commune, un code postal "
                "ou un code INSEE.",
            )
        if message:
            errors.append(FieldError(name, message))
        else:
            facts[name] = checked
            given[name] = value

    date_evaluation = facts["date_evaluation"] or today or dt.date.today()
    facts["date_evaluation"] = date_evaluation

    birth = facts.get("date_naissance")
    if birth is not None:
        if birth > date_evaluation:
            errors.append(
                FieldError("date_naissance", "La date de naissance est après la date d'évaluation.")
            )
        else:
            from_birth = age_on(birth, date_evaluation)
            if from_birth > 120:
                errors.append(
                    FieldError("date_naissance", "La date de naissance donne plus de 120 ans.")
                )
            elif facts["age"] is not None and facts["age"] != from_birth:
                errors.append(
                    FieldError(
                        "age",
                        f"L'âge ({facts['age']} ans) ne correspond pas à la date de naissance "
                        f"({from_birth} ans au {date_evaluation:%d/%m/%Y}).",
                    )
                )
            else:
                facts["age"] = from_birth

    children, under_3 = facts["enfants_a_charge"], facts["enfants_moins_3_ans"]
    if children is not None and under_3 is not None and under_3 > children:
        errors.append(
            FieldError(
                "enfants_moins_3_ans",
                f"Vous indiquez {under_3} enfant(s) de moins de 3 ans pour {children} "
                "enfant(s) à charge : le premier nombre ne peut pas dépasser le second.",
            )
        )

    if children == 0 and under_3 is None:
        facts["enfants_moins_3_ans"] = 0  # no child at all: none under 3 either

    commune: Commune | None = None
    if isinstance(facts["commune"], str):
        try:
            commune = resolve_commune(facts["commune"])
        except CommuneError as exc:
            errors.append(FieldError("commune", exc.message))
        else:
            facts["commune"] = commune.insee

    if errors:
        raise SituationError(errors)
    return Situation(date_evaluation=date_evaluation, facts=facts, commune=commune, given=given)
