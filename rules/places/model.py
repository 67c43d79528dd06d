"""One row of the office directory, whatever source it comes from, and how sure we are of it.

The confirmation vocabulary is the catalogue's (`rules/catalogue/README.md`): `confirme` (stated
by an official source as of its date), `secondaire` (press, a personal map, a copy: never
overwrites a confirmed row), `a_confirmer` (the office exists per a source, its address is not
known). The English words of the first files (`confirmed`, `secondary`, `unconfirmed`) are
still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "MAX_AGE_YEARS",
    "ROLES",
    "STATUTS",
    "Office",
    "Routing",
    "checked_date",
    "checked_status",
    "years_before",
]

# An office stated by an official source more than this many years ago is « à confirmer ».
MAX_AGE_YEARS = 3
STATUTS = ("confirme", "secondaire", "a_confirmer")
_OLD_STATUTS = {"confirmed": "confirme", "secondary": "secondaire", "unconfirmed": "a_confirmer"}
ROLES = ("siege", "antenne")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Routing:
    """Why this office was chosen for a commune: the one serving its zone, or the nearest."""

    mode: str  # "zone" | "distance"
    commune: str  # the person's commune, by name
    structure: str | None = None  # the network structure whose zone covers the commune


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    type: str
    nom: str
    adresse: str | None
    code_postal: str | None
    commune: str
    insee: str | None
    lat: float | None
    lon: float | None
    position_approchee: bool  # lat/lon are the commune's point, not the office's
    telephone: str | None
    horaires: str | None  # OpenStreetMap `opening_hours`, the one representation of hours
    url: str | None
    source: str  # short, readable: what to cite
    source_date: str | None  # "YYYY-MM-DD": the date the source states the facts as of
    statut_source: str  # confirme | secondaire | a_confirmer
    email: str | None = None
    remarque: str | None = None  # French, for the person (itinerant bus, unknown address…)
    format: str | None = None  # France services: Fixe, Bus_équivalent, Itinérante, …
    source_detail: str | None = None  # full provenance (repository, commit, record id)
    licence: str | None = None  # the licence the source states, or « non précisée »
    cle: str | None = None  # the row's key in its source (« unml:59220 », « fs:345 »…)
    structure: str | None = None  # the network structure it belongs to (mission locale code)
    role: str | None = None  # siege | antenne (missions locales)
    telephone_source: str | None = None  # when the phone comes from an older source
    telephone_date: str | None = None
    horaires_date: str | None = None  # when the hours come from an older source
    ferme_le: str | None = None  # closed per a newer source (kept for history, never routed)
    routage: Routing | None = None  # set on the copy returned for one commune

    def verifie(self, on: date, max_age_years: int | None = None) -> bool:
        """Stated by an official source (`confirme`) at most MAX_AGE_YEARS before `on`."""
        if self.statut_source != "confirme" or not self.source_date:
            return False
        years = MAX_AGE_YEARS if max_age_years is None else max_age_years
        return date.fromisoformat(self.source_date) >= years_before(on, years)

    def as_row(self) -> dict[str, Any]:
        """The row as stored in the directory file (everything but the routing)."""
        return {name: getattr(self, name) for name in ROW_FIELDS}


ROW_FIELDS: tuple[str, ...] = tuple(
    name for name in Office.__dataclass_fields__ if name != "routage"
)


def years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def checked_date(value: Any, where: str) -> str | None:
    text = None if value is None else " ".join(str(value).split()) or None
    if text is None:
        return None
    if not _DATE.match(text):
        raise ValueError(f"{where} : la date « {text} » n'est pas au format AAAA-MM-JJ")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where} : la date « {text} » n'existe pas") from None
    return text


def checked_status(value: str, where: str) -> str:
    """The French status; the English words of the first files are still read."""
    value = _OLD_STATUTS.get(value, value)
    if value not in STATUTS:
        raise ValueError(f"{where} : statut « {value} » inconnu (attendu : {', '.join(STATUTS)})")
    return value
