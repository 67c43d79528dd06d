"""The office directory: where to go for each scheme, and how far it can be trusted.

The directory (`rules.places.directory`) is built from the packaged open data (`data/`, see
`data/SOURCES.md`): the DILA « Base de données locales » of 2015–2019, the ANCT France services
(2024-08-01, for all of France, so that people outside the Nord get their nearest one too), the
research notes' offices (`offices_extra.yaml`), the UNML coverage zones of the missions locales
(2026-01), the France Travail agencies of 2019 and two secondary maps.

Routing: a mission locale is the one whose UNML coverage zone contains the person's commune
(each commune of the Nord is served by exactly one), then its antennas; every other type is
the nearest office by distance. Each office says how it was chosen (`Office.routage`).

Nothing is invented: an unknown address, phone or point stays None. An office without
coordinates is placed at its commune's point (`position_approchee`); one without a commune
either (a regional phone service) is listed after the located ones, with no distance.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from rules.places import directory as packaged
from rules.places import hours, store
from rules.places.communes import EARTH_RADIUS_KM, Commune, get_commune, haversine_km
from rules.places.communes import _of as of_name
from rules.places.model import MAX_AGE_YEARS, STATUTS, Office, Routing, years_before
from rules.writing.french import MONTHS

__all__ = [
    "MAX_AGE_YEARS",
    "STATUTS",
    "Office",
    "clear_caches",
    "contact_secours",
    "freshness",
    "nearest_offices",
    "office_to_lieu",
    "office_types",
    "offices_of_type",
    "routed_offices",
]

SWITCHBOARD_TYPE = "departement"  # the row of offices_59.csv giving the fallback contact
ZONE_TYPES = ("mission_locale",)  # types routed by the coverage zone of the commune


def _placed(office: Office) -> Office:
    """An office without coordinates gets its commune's point, marked as approximate."""
    if office.lat is not None and office.lon is not None:
        return office
    commune = get_commune(office.insee) if office.insee else None
    if commune is None:
        return office
    return replace(office, lat=commune.lat, lon=commune.lon, position_approchee=True)


@functools.cache
def _loaded() -> packaged.Directory:
    return store.load_directory()  # the packaged files, then the Département's imports


@functools.cache
def _directory() -> dict[str, tuple[Office, ...]]:
    """Open offices by type (closed ones stay in the directory's file, never routed to)."""
    by_type: dict[str, list[Office]] = {}
    for office in _loaded().offices.values():
        if not office.ferme_le:
            by_type.setdefault(office.type, []).append(_placed(office))
    return {type_: tuple(found) for type_, found in by_type.items()}


def clear_caches() -> None:
    """Forget the loaded directory (after an import, in tests)."""
    for cached in (packaged.packaged_cache, _loaded, _directory, _switchboard, _points, _nearest,
                   _routed):
        cached.cache_clear()


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
        if type_ in ZONE_TYPES and office.role == "antenne":
            continue  # reached only through the structure that covers the commune
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


def _zone_members(type_: str, structure: str, commune: Commune
                  ) -> list[tuple[Office, float | None]]:
    """The structure's head office, then its antennas nearest first, with their distance."""
    members = [o for o in _directory().get(type_, ()) if o.structure == structure]

    def km(office: Office) -> float | None:
        if office.lat is None or office.lon is None:
            return None
        return haversine_km(commune.lat, commune.lon, office.lat, office.lon)

    found = [(o, km(o)) for o in members]
    found.sort(key=lambda pair: (pair[0].role != "siege", pair[1] is None, pair[1] or 0.0,
                                 pair[0].id))
    return found


@functools.lru_cache(maxsize=16384)
def _routed(type_: str, commune: Commune, n: int) -> tuple[tuple[Office, float | None], ...]:
    structure = _loaded().zone_of(type_, commune.insee) if type_ in ZONE_TYPES else None
    if structure:
        chosen = _zone_members(type_, structure, commune)[:n]
        if chosen:  # never another zone's office: it does not serve this commune
            how = Routing("zone", commune.nom, structure)
            return tuple((replace(o, routage=how), km) for o, km in chosen)
    how = Routing("distance", commune.nom)
    return tuple((replace(o, routage=how), km)
                 for o, km in _nearest(type_, commune.lat, commune.lon, n))


def routed_offices(type_: str, commune: Commune, n: int = 1) -> list[tuple[Office, float | None]]:
    """The `n` offices of that type to go to from this commune, with their distance in km.

    A mission locale is the one whose coverage zone (UNML) contains the commune, then its
    antennas, nearest first; every other type (and a commune outside every zone) gets the
    nearest offices by great-circle distance from the commune's point (the centre of its
    area). Offices with no known point at all (a regional phone service) come after the located
    ones, with None. Each office's `routage` says how it was chosen. Raises ValueError for an
    unknown type, so that a typo in the catalogue shows at once.
    """
    if type_ not in _directory():
        raise ValueError(
            f"Type de lieu inconnu : « {type_} » (connus : {', '.join(sorted(office_types()))})"
        )
    if n <= 0:
        return []
    return list(_routed(type_, commune, n))


# The engine and the sheet ask for « the nearest offices »: they get the routed ones.
nearest_offices = routed_offices


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


def _month(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.year}"


def _warning(office: Office, verified: bool) -> str | None:
    """A French sentence saying why the place must be checked, or None."""
    sentences: list[str] = []
    if not verified:
        dated = f" ({_french_date(office.source_date)})" if office.source_date else ""
        if office.role == "antenne" and office.statut_source == "a_confirmer":
            why = ("ce lieu n'est plus un siège de mission locale et n'est peut-être plus "
                   f"ouvert{dated}")
        elif office.statut_source == "a_confirmer":
            why = f"nos sources{dated} citent ce lieu sans en donner l'adresse exacte"
        elif office.statut_source == "secondaire":
            why = f"l'information vient d'une source non officielle{dated}"
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


def _call_first(office: Office) -> str:
    switchboard = _switchboard()
    other = switchboard.telephone if switchboard and switchboard.id != office.id else None
    if office.telephone and office.insee and other:
        return (f"appelez d'abord le {office.telephone} ou le standard du Département du Nord "
                f"({other})")
    if office.telephone and office.insee:
        return f"appelez d'abord le {office.telephone}"
    if other:
        return f"en cas de doute, appelez le standard du Département du Nord ({other})"
    return "vérifiez avant de vous déplacer"


def _phone_freshness(office: Office, on: date) -> str:
    """« ; numéro de 2019, à confirmer » when the phone is older than the verified address."""
    if not office.telephone or not office.telephone_date:
        return ""
    if date.fromisoformat(office.telephone_date) >= years_before(on, MAX_AGE_YEARS):
        return ""
    return f" ; numéro de {office.telephone_date[:4]}, à confirmer"


def freshness(office: Office, on: date) -> str:
    """How fresh the place is, said to the person: « adresse vérifiée en janvier 2026 » or
    « adresse de 2019, à confirmer : appelez d'abord le … »."""
    if office.verifie(on):
        what = "adresse vérifiée" if office.adresse else "information vérifiée"
        return f"{what} en {_month(office.source_date or '')}{_phone_freshness(office, on)}"
    year = office.source_date[:4] if office.source_date else None
    unofficial = " (source non officielle)" if office.statut_source == "secondaire" else ""
    if office.adresse and office.role == "antenne" and office.statut_source == "a_confirmer":
        head = f"adresse de {year}, ce lieu n'est peut-être plus ouvert, à confirmer"
    elif office.adresse:
        head = (f"adresse de {year}{unofficial}, à confirmer" if year
                else f"adresse non datée{unofficial}, à confirmer")
    elif office.insee is None and office.telephone:
        head = f"numéro de {year}{unofficial}, à confirmer" if year else "numéro à confirmer"
    else:
        head = "adresse non connue"
    return f"{head} : {_call_first(office)}"


# How the place is named when saying why it was chosen: (with its article, feminine).
_TYPE_NAMES: dict[str, tuple[str, bool]] = {
    "mission_locale": ("la mission locale", True),
    "france_travail": ("l'agence France Travail", True),
    "caf": ("l'accueil de la CAF", False),
    "cpam": ("l'accueil de la CPAM", False),
    "utpas": ("le service social du Département", False),
    "france_services": ("la France services", True),
    "mdie": ("la MDIE", True),
    "mdph": ("le site de la MDPH", False),
    "ebe": ("l'entreprise à but d'emploi", True),
    "creche_avip": ("la crèche AVIP", True),
    "ccas": ("le CCAS", False),
}


def _choice(office: Office, distance_km: float | None) -> dict[str, Any] | None:
    """How the office was chosen, with its French phrase (« la mission locale qui couvre
    Seclin »), or None when it was not chosen for a commune."""
    how = office.routage
    if how is None or office.type not in _TYPE_NAMES:
        return None
    name, feminine = _TYPE_NAMES[office.type]
    if how.mode == "zone":
        text = f"{name} qui couvre {how.commune}"
        if office.role == "antenne":
            maybe = " possible" if office.statut_source == "a_confirmer" else ""
            text = f"une antenne{maybe} de {name} qui couvre {how.commune}"
    elif distance_km is None:
        return None
    else:
        text = f"{name} {'la plus proche' if feminine else 'le plus proche'} {of_name(how.commune)}"
    return {"mode": how.mode, "commune": how.commune, "structure": how.structure, "texte": text}


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
        "telephone_date": office.telephone_date,
        "email": office.email,
        "horaires": hours.weekly_text(office.horaires, on),  # French, a usual week
        "horaires_osm": office.horaires,  # OpenStreetMap opening_hours
        "horaires_date": (office.horaires_date or office.source_date) if office.horaires else None,
        "sur_rendez_vous": bool(office.horaires and hours.APPOINTMENT in office.horaires),
        "url": office.url,
        "verifie": verified,
        "a_confirmer": not verified,
        "statut_source": office.statut_source,
        "source": office.source,
        "source_date": office.source_date,
        "licence": office.licence,
        "fraicheur": freshness(office, on),
        "choix": _choice(office, distance_km),
        "role": office.role,
        "position_approchee": office.position_approchee,
        "remarque": office.remarque,
        "avertissement": _warning(office, verified),
        "contact_secours": None if verified else contact_secours(),
    }
