"""The office directory: where to go for each scheme, the nearest first.

Three sources, all packaged in `data/` (see `data/SOURCES.md`):

- `offices_59.csv`: public offices in the Nord (missions locales, France Travail, CAF, CPAM,
  UTPAS, MDPH, MDIE, the Département), mostly from the DILA « Base de données locales » of
  2015–2019: old, so not « vérifié » (see `Office.verifie`);
- `france_services_20240801.csv`: every France services of France (ANCT, 2024-08-01), so that
  people outside the Nord get their nearest one too;
- `offices_extra.yaml`: offices known only from the research notes (EBE of the « territoires
  zéro chômeur », the AVIP crèche, Proch'Emploi).

Nothing is invented: an unknown address, phone or point stays None. An office without
coordinates is placed at its commune's point (`position_approchee`); one without a commune
either (a regional phone service) is listed after the located ones, with no distance.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from rules.places.communes import EARTH_RADIUS_KM, Commune, get_commune

__all__ = [
    "MAX_AGE_YEARS",
    "STATUTS",
    "Office",
    "contact_secours",
    "nearest_offices",
    "office_to_lieu",
    "office_types",
    "offices_of_type",
]

DATA_DIR = Path(__file__).parent / "data"
OFFICES_FILE = DATA_DIR / "offices_59.csv"
FRANCE_SERVICES_FILE = DATA_DIR / "france_services_20240801.csv"
EXTRA_FILE = DATA_DIR / "offices_extra.yaml"

# An office stated by an official source more than this many years ago is « à confirmer ».
MAX_AGE_YEARS = 3
STATUTS = ("confirmed", "secondary", "unconfirmed")

FRANCE_SERVICES_SOURCE = "ANCT, liste des structures France services (2024-08-01)"
FRANCE_SERVICES_DATE = "2024-08-01"
DILA_SOURCE = "DILA – Service-Public.fr, Base de données locales"
SWITCHBOARD_TYPE = "departement"  # the row of offices_59.csv giving the fallback contact

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    horaires: str | None
    url: str | None
    source: str  # short, readable: what to cite
    source_date: str | None  # "YYYY-MM-DD": the date the source states the facts as of
    statut_source: str  # confirmed | secondary | unconfirmed
    email: str | None = None
    remarque: str | None = None  # French, for the person (itinerant bus, unknown address…)
    format: str | None = None  # France services: Fixe, Bus_équivalent, Itinérante, …
    source_detail: str | None = None  # full provenance (repository, commit, record id)

    def verifie(self, on: date, max_age_years: int | None = None) -> bool:
        """Stated by an official source (`confirmed`) at most MAX_AGE_YEARS before `on`."""
        if self.statut_source != "confirmed" or not self.source_date:
            return False
        years = MAX_AGE_YEARS if max_age_years is None else max_age_years
        return date.fromisoformat(self.source_date) >= _years_before(on, years)


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


# --------------------------------------------------------------------------------------------
# Loading


def _blank(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text or None


def _float(text: str | None) -> float | None:
    text = _blank(text)
    return float(text) if text else None


def _checked_date(value: Any, where: str) -> str | None:
    text = _blank(None if value is None else str(value))
    if text is None:
        return None
    if not _DATE.match(text):
        raise ValueError(f"{where} : source_date « {text} » n'est pas au format AAAA-MM-JJ")
    date.fromisoformat(text)
    return text


def _checked_status(value: str, where: str) -> str:
    if value not in STATUTS:
        raise ValueError(f"{where} : statut « {value} » inconnu (attendu : {', '.join(STATUTS)})")
    return value


def _short_source(raw: str) -> str:
    """The readable part of a provenance string: the DILA attribution, or the first URL."""
    if "DILA" in raw:
        return DILA_SOURCE
    head = re.split(r" \(| ; ", raw, maxsplit=1)[0].strip()
    return head or raw


def _read_offices_59() -> list[Office]:
    offices: list[Office] = []
    seen: dict[str, int] = {}
    with OFFICES_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{OFFICES_FILE.name}, ligne {line}"
            raw_source = row["source"].strip()
            record = re.search(r"#([A-Za-z_]+-[0-9AB]{5}-\d+)", raw_source)
            base = record.group(1) if record else f"{row['type']}-{row['insee_code'] or 'x'}"
            seen[base] = seen.get(base, 0) + 1
            lat, lon = _float(row["lat"]), _float(row["lon"])
            offices.append(
                Office(
                    id=base if seen[base] == 1 else f"{base}-{seen[base]}",
                    type=row["type"].strip(),
                    nom=_blank(row["name"]) or row["type"],
                    adresse=_blank(row["address"]),
                    code_postal=_blank(row["postal_code"]),
                    commune=_blank(row["commune"]) or "",
                    insee=_blank(row["insee_code"]),
                    lat=lat,
                    lon=lon,
                    position_approchee=False,
                    telephone=_blank(row["phone"]),
                    horaires=None,
                    url=_blank(row["url"]),
                    source=_short_source(raw_source),
                    source_date=_checked_date(row["source_date"], where),
                    statut_source=_checked_status(row["status"].strip(), where),
                    source_detail=raw_source,
                )
            )
    return offices


def _opening_hours(row: dict[str, str]) -> str | None:
    days = [
        f"{day} {' et '.join(part.strip() for part in hours.split('/'))}"
        for day in _WEEKDAYS
        if (hours := _blank(row.get(f"h_{day}")))
    ]
    return " ; ".join(days) or None


_FORMAT_NOTES = {
    "Bus_équivalent": "Bus France services itinérant : l'adresse est celle de son point "
                      "d'attache ; les lieux et jours de passage varient.",
    "Itinérante": "France services itinérante : l'adresse est celle de son point d'attache ; "
                  "les lieux et jours de passage varient.",
}


def _read_france_services() -> list[Office]:
    offices: list[Office] = []
    with FRANCE_SERVICES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            notes = []
            fmt = _blank(row["format_fs"])
            if fmt in _FORMAT_NOTES:
                notes.append(_FORMAT_NOTES[fmt])
            if _blank(row["type_fs"]) == "Antenne":
                notes.append("Antenne d'une France services.")
            if comment := _blank(row["commentaire"]):
                notes.append(comment)
            street = ", ".join(p for p in (_blank(row["adresse"]),
                                           _blank(row["complement_adresse"])) if p)
            offices.append(
                Office(
                    id=f"fs-{row['id_fs']}",
                    type="france_services",
                    nom=_blank(row["lib_fs"]) or "France services",
                    adresse=street or None,
                    code_postal=_blank(row["code_postal"]),
                    commune=_blank(row["lib_com"]) or "",
                    insee=_blank(row["insee_com"]),
                    lat=_float(row["latitude"]),
                    lon=_float(row["longitude"]),
                    position_approchee=False,
                    telephone=_blank(row["telephone"]),
                    horaires=_opening_hours(row),
                    url=None,
                    source=FRANCE_SERVICES_SOURCE,
                    source_date=FRANCE_SERVICES_DATE,
                    statut_source="confirmed",
                    email=_blank(row["mail"]),
                    remarque=" ".join(notes) or None,
                    format=fmt,
                    source_detail=f"{FRANCE_SERVICES_FILE.name}, id_fs {row['id_fs']} "
                                  f"(data.gouv.fr, Licence Ouverte 2.0)",
                )
            )
    return offices


_EXTRA_FIELDS = {"id", "type", "nom", "adresse", "code_postal", "commune", "insee", "lat", "lon",
                 "telephone", "horaires", "url", "email", "remarque", "source", "source_date",
                 "statut_source"}


def _read_extra() -> list[Office]:
    with EXTRA_FILE.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    offices: list[Office] = []
    for number, entry in enumerate(document.get("offices", []), start=1):
        where = f"{EXTRA_FILE.name}, entrée {number}"
        unknown = set(entry) - _EXTRA_FIELDS
        if unknown:
            raise ValueError(f"{where} : champ(s) inconnu(s) {', '.join(sorted(unknown))}")
        for required in ("id", "type", "nom", "commune", "source", "statut_source"):
            if not _blank(entry.get(required)):
                raise ValueError(f"{where} : le champ « {required} » manque")

        def text(key: str, entry: dict[str, Any] = entry) -> str | None:
            value = entry.get(key)
            return _blank(None if value is None else str(value))

        offices.append(
            Office(
                id=str(entry["id"]),
                type=str(entry["type"]),
                nom=str(entry["nom"]).strip(),
                adresse=text("adresse"),
                code_postal=text("code_postal"),
                commune=str(entry["commune"]).strip(),
                insee=text("insee"),
                lat=_float(text("lat")),
                lon=_float(text("lon")),
                position_approchee=False,
                telephone=text("telephone"),
                horaires=text("horaires"),
                url=text("url"),
                source=text("source") or "",
                source_date=_checked_date(entry.get("source_date"), where),
                statut_source=_checked_status(str(entry["statut_source"]), where),
                email=text("email"),
                remarque=text("remarque"),
                source_detail=f"{EXTRA_FILE.name} (notes de recherche du 2026-11-22)",
            )
        )
    return offices


def _placed(office: Office) -> Office:
    """An office without coordinates gets its commune's point, marked as approximate."""
    if office.lat is not None and office.lon is not None:
        return office
    commune = get_commune(office.insee) if office.insee else None
    if commune is None:
        return office
    return replace(office, lat=commune.lat, lon=commune.lon, position_approchee=True)


@functools.cache
def _directory() -> dict[str, tuple[Office, ...]]:
    by_type: dict[str, list[Office]] = {}
    ids: set[str] = set()
    for office in (*_read_offices_59(), *_read_france_services(), *_read_extra()):
        if office.id in ids:
            raise ValueError(f"Identifiant de lieu en double : {office.id}")
        ids.add(office.id)
        by_type.setdefault(office.type, []).append(_placed(office))
    return {type_: tuple(found) for type_, found in by_type.items()}


@dataclass(frozen=True, slots=True)
class _Points:
    """Located offices of one type, in tie-break order, with their coordinates in radians."""

    offices: tuple[Office, ...]
    lat: np.ndarray
    lon: np.ndarray
    cos_lat: np.ndarray
    unlocated: tuple[Office, ...]


_STATUS_ORDER = {status: i for i, status in enumerate(STATUTS)}


@functools.cache
def _points(type_: str) -> _Points:
    """Located offices (the most reliable status first, then by id) and the unlocated ones."""
    located: list[Office] = []
    unlocated: list[Office] = []
    for office in _directory().get(type_, ()):
        (unlocated if office.lat is None or office.lon is None else located).append(office)
    located.sort(key=lambda o: (_STATUS_ORDER.get(o.statut_source, 9), o.id))
    lat = np.radians(np.array([o.lat for o in located], dtype=float))
    lon = np.radians(np.array([o.lon for o in located], dtype=float))
    return _Points(tuple(located), lat, lon, np.cos(lat), tuple(unlocated))


# --------------------------------------------------------------------------------------------
# Queries


def office_types() -> set[str]:
    """Every office type of the directory."""
    return set(_directory())


def offices_of_type(type_: str) -> list[Office]:
    """Every office of that type (an empty list for an unknown type)."""
    return list(_directory().get(type_, ()))


@functools.lru_cache(maxsize=8192)
def _nearest(type_: str, lat: float, lon: float, n: int) -> tuple[tuple[Office, float | None], ...]:
    points = _points(type_)
    found: list[tuple[Office, float | None]] = []
    if points.offices:
        phi, lam = math.radians(lat), math.radians(lon)
        # Haversine over every office at once (vectorised: ~3,000 France services).
        h = (np.sin((points.lat - phi) / 2) ** 2
             + math.cos(phi) * points.cos_lat * np.sin((points.lon - lam) / 2) ** 2)
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        k = min(n, len(km))
        kth = np.partition(km, k - 1)[k - 1]
        candidates = np.flatnonzero(km <= kth)  # every office tied with the k-th one too
        # Sort by distance, ties by position (which is the tie-break order).
        chosen = sorted(candidates.tolist(), key=lambda i: (km[i], i))[:k]
        found = [(points.offices[i], float(km[i])) for i in chosen]
    found += [(office, None) for office in points.unlocated[: n - len(found)]]
    return tuple(found)


def nearest_offices(type_: str, commune: Commune, n: int = 1) -> list[tuple[Office, float | None]]:
    """The `n` offices of that type nearest to the commune's point, with their distance in km.

    Great-circle distance from the commune's point (the centre of its area). Offices with no
    known point at all (a regional phone service) come after the located ones, with None.
    Raises ValueError for an unknown type, so that a typo in the catalogue shows at once.
    """
    if type_ not in _directory():
        raise ValueError(
            f"Type de lieu inconnu : « {type_} » (connus : {', '.join(sorted(office_types()))})"
        )
    if n <= 0:
        return []
    return list(_nearest(type_, commune.lat, commune.lon, n))


# Where each directory covers: France services are listed for all of France, Proch'Emploi for
# the Hauts-de-France; every other type comes from Nord-only sources.
_COVERAGE: dict[str, tuple[str, str | None]] = {
    "france_services": ("national", None),
    "proch_emploi": ("region", "32"),
}
_DEFAULT_COVERAGE = ("departement", "59")


def serves(type_: str, region: str, departement: str) -> bool:
    """Whether our directory of that type covers communes of that région and département (else
    the nearest office would be the wrong one: a CAF of the Nord for the Pas-de-Calais)."""
    scope, code = _COVERAGE.get(type_, _DEFAULT_COVERAGE)
    if scope == "national":
        return True
    return (region if scope == "region" else departement) == code


def routed_types(types: list[str], commune: Commune) -> list[str]:
    """The office types, in order, that can be routed to from this commune."""
    return [t for t in types if t and serves(t, commune.region, commune.departement)]


# --------------------------------------------------------------------------------------------
# The contract's `lieu`


@functools.cache
def _switchboard() -> Office | None:
    found = _directory().get(SWITCHBOARD_TYPE, ())
    return next((o for o in found if o.telephone), None)


def contact_secours() -> dict[str, Any] | None:
    """The Département du Nord's switchboard (from the data), to call when a place is uncertain."""
    office = _switchboard()
    if office is None:
        return None
    address = ", ".join(p for p in (office.adresse, " ".join(
        p for p in (office.code_postal, office.commune) if p)) if p)
    return {
        "nom": "Département du Nord (standard)",
        "telephone": office.telephone,
        "adresse": address or None,
        "url": office.url,
        "source": office.source,
        "source_date": office.source_date,
    }


def _french_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _warning(office: Office, verified: bool) -> str | None:
    """A French sentence saying why the place must be checked, or None."""
    sentences: list[str] = []
    if not verified:
        dated = f" ({_french_date(office.source_date)})" if office.source_date else ""
        if office.statut_source == "unconfirmed":
            why = f"nos sources{dated} citent ce lieu sans en donner l'adresse exacte"
        elif office.statut_source == "secondary":
            why = f"l'information vient de la presse{dated}, pas d'une source officielle"
        elif office.source_date:
            why = (f"l'information officielle date du {_french_date(office.source_date)}, "
                   f"il y a plus de {MAX_AGE_YEARS} ans")
        else:
            why = "l'information officielle n'est pas datée"
        if office.adresse:
            head = "Adresse à confirmer"
        elif office.insee is None and office.telephone:
            head = "Numéro à confirmer"
        else:
            head = "Adresse non connue"
        sentences.append(f"{head} : {why}.")
        switchboard = _switchboard()
        if switchboard is not None and switchboard.id != office.id:
            sentences.append(f"En cas de doute, appelez le standard du Département du Nord au "
                             f"{switchboard.telephone}.")
    if office.position_approchee:
        sentences.append("La distance est calculée depuis le centre de la commune.")
    return " ".join(sentences) or None


def office_to_lieu(office: Office, distance_km: float | None, on: date) -> dict[str, Any]:
    """The contract's `lieu` object for an office, at the evaluation date `on`."""
    verified = office.verifie(on)
    return {
        "id": office.id,
        "type": office.type,
        "nom": office.nom,
        "adresse": office.adresse,
        "code_postal": office.code_postal,
        "commune": office.commune,
        "distance_km": None if distance_km is None else round(float(distance_km), 1),
        "telephone": office.telephone,
        "email": office.email,
        "horaires": office.horaires,
        "url": office.url,
        "verifie": verified,
        "a_confirmer": not verified,
        "statut_source": office.statut_source,
        "source": office.source,
        "source_date": office.source_date,
        "position_approchee": office.position_approchee,
        "remarque": office.remarque,
        "avertissement": _warning(office, verified),
        "contact_secours": None if verified else contact_secours(),
    }
