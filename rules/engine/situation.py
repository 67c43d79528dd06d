"""Validation of a situation (the contract's JSON object) into facts the engine can use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process

from rules.engine.facts import FACTS, Fact, Kind
from rules.places.communes import Commune, CommuneAmbiguous, CommuneError, resolve_commune

MAX_FIELDS = 64

Checked = tuple[Any, str | None]  # (the value as the engine uses it, or the French error)


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


def _number_error(fact: Fact, value: Any, integer: bool) -> str | None:
    """Why a value is not a number of that kind, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "un nombre entier" if integer else "un nombre"
        return f"« {fact.label} » ({fact.name}) doit être {kind}, pas « {value} »."
    if integer and isinstance(value, float) and not value.is_integer():
        return f"« {fact.label} » ({fact.name}) doit être un nombre entier."
    if value != value or value in (float("inf"), float("-inf")):  # NaN / infinities
        return f"« {fact.label} » ({fact.name}) doit être un nombre."
    return None


def _bounds_error(fact: Fact, value: float) -> str | None:
    if fact.minimum is not None and value < fact.minimum:
        return (
            f"« {fact.label} » ({fact.name}) ne peut pas être inférieur à "
            f"{_plural(fact.minimum, fact.unit)} (reçu : {value})."
        )
    if fact.maximum is not None and value > fact.maximum:
        return (
            f"« {fact.label} » ({fact.name}) ne peut pas dépasser "
            f"{_plural(fact.maximum, fact.unit)} (reçu : {value})."
        )
    return None


def _check_number(fact: Fact, value: Any, integer: bool) -> Checked:
    message = _number_error(fact, value, integer)
    if message:
        return None, message
    if integer:
        value = int(value)
    message = _bounds_error(fact, value)
    return (None, message) if message else (value, None)


def _check_int(fact: Fact, value: Any) -> Checked:
    return _check_number(fact, value, integer=True)


def _check_float(fact: Fact, value: Any) -> Checked:
    return _check_number(fact, value, integer=False)


def _check_bool(fact: Fact, value: Any) -> Checked:
    if isinstance(value, bool):
        return value, None
    return None, f"« {fact.label} » ({fact.name}) doit valoir true (oui) ou false (non)."


def _check_enum(fact: Fact, value: Any) -> Checked:
    if value in fact.values:
        return value, None
    allowed = ", ".join(str(v) for v in fact.values)
    return None, (
        f"« {fact.label} » ({fact.name}) doit être l'une de ces valeurs : {allowed} "
        f"(reçu : « {str(value)[:40]} »)."
    )


def _check_commune(fact: Fact, value: Any) -> Checked:
    """A commune as typed: resolved later, once the rest is known."""
    if isinstance(value, str):
        return value, None
    return None, (
        f"« {fact.label} » ({fact.name}) doit être un nom de commune, un code postal "
        "ou un code INSEE."
    )


def _check_insee(fact: Fact, value: Any) -> Checked:
    if isinstance(value, str):
        return value, None
    return None, f"« {fact.label} » ({fact.name}) doit être un code INSEE, par exemple « 59512 »."


def _check_ages(fact: Fact, value: Any) -> Checked:
    """A list of ages in years (one per child), kept as a tuple (values are cache keys)."""
    if not isinstance(value, list | tuple) or len(value) > 20:
        return None, (f"« {fact.label} » ({fact.name}) doit être une liste d'âges en années, "
                      "par exemple [2, 6].")
    ages = []
    for item in value:
        checked, message = _check_int(fact, item)
        if message:
            return None, message
        ages.append(checked)
    return tuple(sorted(ages)), None


def _parse_date(fact: Fact, value: Any) -> Checked:
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


_CHECKERS: dict[Kind, Callable[[Fact, Any], Checked]] = {
    "int": _check_int,
    "number": _check_float,
    "bool": _check_bool,
    "enum": _check_enum,
    "date": _parse_date,
    "commune": _check_commune,
    "insee": _check_insee,
    "ages": _check_ages,
}


def _check_fields(raw: dict[Any, Any], facts: dict[str, Any], given: dict[str, Any]
                  ) -> list[FieldError]:
    """Each field alone: known name, right type, within its limits."""
    errors: list[FieldError] = []
    for name, value in raw.items():
        fact = FACTS.get(name) if isinstance(name, str) else None
        if fact is None:
            errors.append(_unknown_field(str(name)))
            continue
        if value is None:
            continue
        checked, message = _CHECKERS[fact.kind](fact, value)
        if message:
            errors.append(FieldError(name, message))
        else:
            facts[name] = checked
            given[name] = value
    return errors


def _check_birth(facts: dict[str, Any]) -> list[FieldError]:
    """The age from the birth date, which must agree with the age when both are given."""
    birth, on = facts.get("date_naissance"), facts["date_evaluation"]
    if birth is None:
        return []
    if birth > on:
        return [FieldError("date_naissance",
                           "La date de naissance est après la date d'évaluation.")]
    from_birth = age_on(birth, on)
    if from_birth > 120:
        return [FieldError("date_naissance", "La date de naissance donne plus de 120 ans.")]
    if facts["age"] is not None and facts["age"] != from_birth:
        return [FieldError(
            "age",
            f"L'âge ({facts['age']} ans) ne correspond pas à la date de naissance "
            f"({from_birth} ans au {on:%d/%m/%Y}).",
        )]
    facts["age"] = from_birth
    return []


def _check_children_ages(facts: dict[str, Any]) -> list[FieldError]:
    """The children's ages give their number and how many are under 3, which must agree."""
    ages = facts["enfants_ages"]
    if ages is None:
        return []
    children, under_3 = facts["enfants_a_charge"], facts["enfants_moins_3_ans"]
    if children is not None and children != len(ages):
        return [FieldError("enfants_ages", (
            f"Vous indiquez {len(ages)} âge(s) d'enfant pour {children} enfant(s) à charge : "
            "il faut un âge par enfant."))]
    young = sum(1 for age in ages if age < 3)
    if under_3 is not None and under_3 != young:
        return [FieldError("enfants_ages", (
            f"Les âges indiqués donnent {young} enfant(s) de moins de 3 ans, pas {under_3}."))]
    facts["enfants_a_charge"], facts["enfants_moins_3_ans"] = len(ages), young
    return []


def _check_children(facts: dict[str, Any]) -> list[FieldError]:
    children, under_3 = facts["enfants_a_charge"], facts["enfants_moins_3_ans"]
    if children == 0 and under_3 is None:
        facts["enfants_moins_3_ans"] = 0  # no child at all: none under 3 either
    if children is not None and under_3 is not None and under_3 > children:
        return [FieldError(
            "enfants_moins_3_ans",
            f"Vous indiquez {under_3} enfant(s) de moins de 3 ans pour {children} "
            "enfant(s) à charge : le premier nombre ne peut pas dépasser le second.",
        )]
    return []


def _by_code(code: str) -> tuple[Commune | None, FieldError | None]:
    try:
        return resolve_commune(code, kind="insee"), None
    except CommuneError as exc:
        return None, FieldError("code_insee", exc.message)


def _resolve(typed: str | None, code: str | None) -> tuple[Commune | None, FieldError | None]:
    """The commune named by `commune` (as typed) and/or `code_insee`, which must agree."""
    by_code, error = _by_code(code) if code is not None else (None, None)
    if error or typed is None:
        return by_code, error
    try:
        by_name = resolve_commune(typed)
    except CommuneAmbiguous as exc:  # the code says which of the candidates is meant
        if by_code is not None and by_code in exc.candidates:
            return by_code, None
        return None, FieldError("commune", exc.message)
    except CommuneError as exc:
        return None, FieldError("commune", exc.message)
    if by_code is not None and by_code != by_name:
        return None, FieldError("code_insee", (
            f"La commune « {typed[:60]} » ({by_name.libelle}) et le code INSEE « {code} » "
            f"({by_code.libelle}) ne désignent pas la même commune."
        ))
    return by_name, None


def _check_commune_facts(facts: dict[str, Any]) -> tuple[Commune | None, list[FieldError]]:
    """Resolve the commune; the engine then knows it by its INSEE code, in `commune`."""
    commune, error = _resolve(facts["commune"], facts.pop("code_insee"))
    facts["commune"] = commune.insee if commune else None
    return commune, [error] if error else []


def validate(raw: Any, today: dt.date | None = None) -> Situation:
    """Check a situation against the contract and return its facts; raise SituationError."""
    if not isinstance(raw, dict):
        raise SituationError(
            [FieldError("situation", "La situation doit être un objet JSON : {\"age\": 23, …}.")]
        )
    if len(raw) > MAX_FIELDS:
        raise SituationError([FieldError("situation", "La situation contient trop de champs.")])

    facts: dict[str, Any] = dict.fromkeys(FACTS)
    given: dict[str, Any] = {}
    errors = _check_fields(raw, facts, given)
    facts["date_evaluation"] = facts["date_evaluation"] or today or dt.date.today()
    errors += _check_birth(facts)
    errors += _check_children_ages(facts) or _check_children(facts)
    commune, commune_errors = _check_commune_facts(facts)
    errors += commune_errors
    if errors:
        raise SituationError(errors)
    return Situation(date_evaluation=facts["date_evaluation"], facts=facts, commune=commune,
                     given=given)
