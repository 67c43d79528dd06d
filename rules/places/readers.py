"""Readers of the directory's source files, each in the format its producer publishes.

Every reader returns `Office` rows that keep their source, date and licence; nothing is
completed or corrected beyond what a comment says (a point far from its commune is dropped,
since it cannot be right). A file that cannot be read raises `SourceFileError`, whose French
message names the file and the line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rules.places import hours
from rules.places.communes import CommuneError, get_commune, haversine_km, resolve_commune
from rules.places.matching import display_address
from rules.places.model import Office, checked_date, checked_status

__all__ = [
    "ANCT_LICENCE",
    "DILA_LICENCE",
    "DILA_SOURCE",
    "FRANCE_SERVICES_SOURCE",
    "NO_LICENCE",
    "SourceFileError",
    "UnmlZones",
    "read_extra",
    "read_france_services",
    "read_france_travail_2019",
    "read_offices_59",
    "read_secondary_map",
    "read_unml_zones",
]

DILA_SOURCE = "DILA – Service-Public.fr, Base de données locales"
DILA_LICENCE = "Licence Ouverte"
ANCT_LICENCE = "Licence Ouverte 2.0"
NO_LICENCE = "non précisée par la source"
FRANCE_SERVICES_SOURCE = "ANCT, liste des structures France services"
UNML_SOURCE = "UNML, zones de couverture des missions locales"
FRANCE_TRAVAIL_2019_SOURCE = "Pôle emploi, liste des agences (via gip-inclusion/les-emplois)"
# A point further than this from its commune's point is a source error (« LOMME MIN » of the
# 2019 France Travail list is in the Sarthe): it is dropped, the commune's point is used.
MAX_KM_FROM_COMMUNE = 25.0


class SourceFileError(ValueError):
    """A source file that cannot be read: the French message names the file and the line."""


def _blank(text: Any) -> str | None:
    if text is None:
        return None
    # « d¿activités »: an apostrophe the source's export mis-encoded
    text = re.sub(r"(?<=\w)\u00bf(?=\w)", "’", " ".join(str(text).split()))
    return text or None


def _float(text: Any, where: str) -> float | None:
    text = _blank(text)
    if text is None:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise SourceFileError(f"{where} : « {text} » n'est pas un nombre") from None


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """(where, row) for each data line; the header must have the required columns."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceFileError(f"Impossible de lire « {path} » : {exc.strerror or exc}.") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise SourceFileError(
                    f"{path.name}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}")
            for row in reader:
                where = f"{path.name}, ligne {reader.line_num}"
                if None in row or any(v is None for v in row.values()):
                    raise SourceFileError(f"{where} : nombre de colonnes différent de l'en-tête")
                yield where, row
        except UnicodeDecodeError:
            raise SourceFileError(f"{path.name} : le fichier n'est pas en UTF-8") from None
        except csv.Error as exc:
            raise SourceFileError(f"{path.name}, ligne {reader.line_num} : {exc}") from None


def _point_checked(lat: float | None, lon: float | None, insee: str | None
                   ) -> tuple[float | None, float | None, str | None]:
    """The point, or (None, None, a note) when it is far from its commune (a source error)."""
    commune = get_commune(insee) if insee else None
    if lat is None or lon is None or commune is None:
        return lat, lon, None
    if haversine_km(lat, lon, commune.lat, commune.lon) <= MAX_KM_FROM_COMMUNE:
        return lat, lon, None
    return None, None, f"point de la source écarté (à plus de {MAX_KM_FROM_COMMUNE:.0f} km de " \
                       f"{commune.nom})"


def _insee_of(commune: str | None, postal_code: str | None) -> str | None:
    """The INSEE code of a commune given by name and postal code, or None if unsure."""
    if not commune:
        return None
    text = f"{commune} {postal_code}" if postal_code else commune
    try:
        return resolve_commune(text).insee
    except CommuneError:
        try:
            return resolve_commune(commune).insee
        except CommuneError:
            return None


# --------------------------------------------------------------------------------------------
# offices_59.csv (our first file, gathered from the DILA copies of 2016 and 2019)


def _short_source(raw: str) -> str:
    """The readable part of a provenance string: the DILA attribution, or the first URL."""
    if "DILA" in raw:
        return DILA_SOURCE
    head = re.split(r" \(| ; ", raw, maxsplit=1)[0].strip()
    return head or raw


def read_offices_59(path: Path) -> list[Office]:
    offices: list[Office] = []
    seen: dict[str, int] = {}
    columns = ("type", "name", "address", "postal_code", "commune", "insee_code", "lat", "lon",
               "phone", "url", "source", "source_date", "status")
    for where, row in _csv_rows(path, columns):
        raw_source = row["source"].strip()
        record = re.search(r"#([A-Za-z_]+-[0-9AB]{5}-\d+)", raw_source)
        base = record.group(1) if record else f"{row['type']}-{row['insee_code'] or 'x'}"
        seen[base] = seen.get(base, 0) + 1
        source = _short_source(raw_source)
        offices.append(Office(
            id=base if seen[base] == 1 else f"{base}-{seen[base]}",
            type=row["type"].strip(),
            nom=_blank(row["name"]) or row["type"],
            adresse=_blank(row["address"]),
            code_postal=_blank(row["postal_code"]),
            commune=_blank(row["commune"]) or "",
            insee=_blank(row["insee_code"]),
            lat=_float(row["lat"], where),
            lon=_float(row["lon"], where),
            position_approchee=False,
            telephone=_blank(row["phone"]),
            horaires=None,
            url=_blank(row["url"]),
            source=source,
            source_date=checked_date(row["source_date"], where),
            statut_source=checked_status(row["status"].strip(), where),
            source_detail=raw_source,
            licence=DILA_LICENCE if source == DILA_SOURCE else NO_LICENCE,
            cle=f"dila:{record.group(1)}" if record else None,
        ))
    return offices


# --------------------------------------------------------------------------------------------
# offices_extra.yaml (offices known only from the research notes)

_EXTRA_FIELDS = {"id", "type", "nom", "adresse", "code_postal", "commune", "insee", "lat", "lon",
                 "telephone", "horaires", "url", "email", "remarque", "source", "source_date",
                 "statut_source", "licence"}


def read_extra(path: Path) -> list[Office]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    offices: list[Office] = []
    for number, entry in enumerate(document.get("offices", []), start=1):
        where = f"{path.name}, entrée {number}"
        unknown = set(entry) - _EXTRA_FIELDS
        if unknown:
            raise SourceFileError(f"{where} : champ(s) inconnu(s) {', '.join(sorted(unknown))}")
        for required in ("id", "type", "nom", "commune", "source", "statut_source"):
            if not _blank(entry.get(required)):
                raise SourceFileError(f"{where} : le champ « {required} » manque")

        def text(key: str, entry: dict[str, Any] = entry) -> str | None:
            return _blank(entry.get(key))

        offices.append(Office(
            id=str(entry["id"]),
            type=str(entry["type"]),
            nom=str(entry["nom"]).strip(),
            adresse=text("adresse"),
            code_postal=text("code_postal"),
            commune=str(entry["commune"]).strip(),
            insee=text("insee"),
            lat=_float(text("lat"), where),
            lon=_float(text("lon"), where),
            position_approchee=False,
            telephone=text("telephone"),
            horaires=text("horaires"),
            url=text("url"),
            source=text("source") or "",
            source_date=checked_date(entry.get("source_date"), where),
            statut_source=checked_status(str(entry["statut_source"]), where),
            email=text("email"),
            remarque=text("remarque"),
            source_detail=f"{path.name} (notes de recherche du 2026-11-22)",
            licence=text("licence") or NO_LICENCE,
        ))
    return offices


# --------------------------------------------------------------------------------------------
# ANCT: « Liste des structures France services » (CSV, hours as free text per weekday)

FRANCE_SERVICES_COLUMNS = (
    "id_fs", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal", "lib_com",
    "latitude", "longitude", "mail", "telephone", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi",
    "h_vendredi", "h_samedi", "prise_rdv", "commentaire", "type_fs", "format_fs",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi")

_FORMAT_NOTES = {
    "Bus_équivalent": "Bus France services itinérant : l'adresse est celle de son point "
                      "d'attache ; les lieux et jours de passage varient.",
    "Itinérante": "France services itinérante : l'adresse est celle de son point d'attache ; "
                  "les lieux et jours de passage varient.",
}


def _weekday_hours(where: str, row: dict[str, str]) -> str | None:
    """The free text per weekday (« 09:30 - 12:30 / 13:30 - 16:00 ») as `opening_hours`."""
    try:
        return hours.from_weekday_texts([row.get(f"h_{day}") for day in WEEKDAYS],
                                        row.get("commentaire"))
    except hours.HoursError as exc:
        raise SourceFileError(f"{where} : {exc}") from None


def _france_services_row(where: str, row: dict[str, str], date: str, name: str) -> Office:
    if not _blank(row["id_fs"]):
        raise SourceFileError(f"{where} : l'identifiant id_fs manque")
    if not _blank(row["lib_com"]) and not _blank(row["insee_com"]):
        raise SourceFileError(f"{where} : ni commune ni code INSEE")
    notes = []
    fmt = _blank(row["format_fs"])
    if fmt in _FORMAT_NOTES:
        notes.append(_FORMAT_NOTES[fmt])
    if _blank(row["type_fs"]) == "Antenne":
        notes.append("Antenne d'une France services.")
    if comment := _blank(row["commentaire"]):
        notes.append(comment)
    street = ", ".join(p for p in (_blank(row["adresse"]), _blank(row["complement_adresse"])) if p)
    insee = _blank(row["insee_com"])
    lat, lon, dropped = _point_checked(_float(row["latitude"], where),
                                       _float(row["longitude"], where), insee)
    return Office(
        id=f"fs-{row['id_fs'].strip()}",
        type="france_services",
        nom=_blank(row["lib_fs"]) or "France services",
        adresse=street or None,
        code_postal=_blank(row["code_postal"]),
        commune=_blank(row["lib_com"]) or "",
        insee=insee,
        lat=lat,
        lon=lon,
        position_approchee=False,
        telephone=_blank(row["telephone"]),
        horaires=_weekday_hours(where, row),
        url=None,
        source=f"{FRANCE_SERVICES_SOURCE} ({date})",
        source_date=date,
        statut_source="confirme",
        email=_blank(row["mail"]),
        remarque=" ".join(notes) or None,
        format=fmt,
        source_detail=f"{name}, id_fs {row['id_fs'].strip()} (data.gouv.fr)"
                      + (f" ; {dropped}" if dropped else ""),
        licence=ANCT_LICENCE,
        cle=f"fs:{row['id_fs'].strip()}",
    )


def read_france_services(path: Path, date: str) -> list[Office]:
    """The ANCT CSV as published on data.gouv.fr; `date` is the list's publication date."""
    offices = [_france_services_row(where, row, date, path.name)
               for where, row in _csv_rows(path, FRANCE_SERVICES_COLUMNS)]
    if not offices:
        raise SourceFileError(f"{path.name} : aucune France services dans le fichier")
    return offices


# --------------------------------------------------------------------------------------------
# UNML: « zones de couverture » (every commune → the one mission locale that serves it)

UNML_COLUMNS = ("Code INSEE", "Nom Commune", "Code ML", "Nom Officiel ML", "Adresse ML",
                "Code Postal ML", "Ville ML")


@dataclass
class UnmlZones:
    """The head offices of the file's missions locales, and which one serves each commune."""

    date: str
    heads: list[Office] = field(default_factory=list)
    zones: dict[str, str] = field(default_factory=dict)  # commune INSEE → Code ML
    departements: set[str] = field(default_factory=set)


def _usual_names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    return {str(code): str(name) for code, name in (document.get("noms") or {}).items()}


def _unml_head(where: str, row: dict[str, str], date: str, name: str,
               usual: dict[str, str]) -> Office:
    code = row["Code ML"].strip()
    street = _blank(row["Adresse ML"])
    postal = _blank(row["Code Postal ML"])
    town = _blank(row["Ville ML"])
    if not street or not town:
        raise SourceFileError(f"{where} : l'adresse de la mission locale {code} manque")
    official = _blank(row["Nom Officiel ML"]) or code
    return Office(
        id=f"ml-{code}",
        type="mission_locale",
        nom=usual.get(code) or f"Mission locale ({official})",
        adresse=display_address(street),
        code_postal=postal,
        commune=town,
        insee=_insee_of(town, postal),
        lat=None,
        lon=None,
        position_approchee=False,
        telephone=None,
        horaires=None,
        url=None,
        source=f"{UNML_SOURCE} ({date[:7]})",
        source_date=date,
        statut_source="confirme",
        source_detail=f"{name}, Code ML {code} « {official} », adresse « {street} » "
                      f"({_provenance(row)})",
        licence=NO_LICENCE,
        cle=f"unml:{code}",
        structure=code,
        role="siege",
    )


def _provenance(row: dict[str, str]) -> str:
    repo = _blank(row.get("source_repo")) or "UNML"
    commit = _blank(row.get("source_commit"))
    return f"{repo}, {commit[:7]}" if commit else repo


def read_unml_zones(path: Path, date: str, names_file: Path | None = None) -> UnmlZones:
    """The UNML CSV. `date` is the month the zones are stated for (« 2026-01-01 »)."""
    usual = _usual_names(names_file) if names_file else {}
    found = UnmlZones(date=date)
    heads: dict[str, Office] = {}
    for where, row in _csv_rows(path, UNML_COLUMNS):
        insee = row["Code INSEE"].strip()
        code = row["Code ML"].strip()
        if not re.fullmatch(r"\d[\dAB]\d{3}", insee) or get_commune(insee) is None:
            raise SourceFileError(f"{where} : code INSEE « {insee} » inconnu")
        if not code:
            raise SourceFileError(f"{where} : le code de la mission locale (Code ML) manque")
        if insee in found.zones and found.zones[insee] != code:
            raise SourceFileError(f"{where} : la commune {insee} est déjà couverte par la "
                                  f"mission locale {found.zones[insee]}")
        found.zones[insee] = code
        found.departements.add(insee[:2])
        if code not in heads:
            heads[code] = _unml_head(where, row, date, path.name, usual)
    if not found.zones:
        raise SourceFileError(f"{path.name} : aucune commune dans le fichier")
    found.heads = list(heads.values())
    return found


# --------------------------------------------------------------------------------------------
# France Travail agencies of 2019 (the list les-emplois imported from Pôle emploi)

_FT_COLUMNS = ("REFERENCE_PE", "NOM", "TYPE_SITE", "COMPLEMENT_ADRESSE",
               "DC_COMPLEMENTADRSITEPHYSIQUE", "ADRESSE", "CODE_POSTAL", "COMMUNE",
               "DN_LATITUDE", "DN_LONGITUDE")
_AGENCY = "ALE"  # agence locale; DRA / DDA are management offices, not open to the public


def _not_null(text: str | None) -> str | None:
    text = _blank(text)
    return None if text in (None, "NULL") else text


def read_france_travail_2019(path: Path) -> list[Office]:
    offices: list[Office] = []
    for where, row in _csv_rows(path, _FT_COLUMNS):
        if row["TYPE_SITE"].strip() != _AGENCY:
            continue
        postal = _blank(row["CODE_POSTAL"])
        insee = _insee_of(_blank(row["COMMUNE"]), postal)
        lat, lon, dropped = _point_checked(_float(row["DN_LATITUDE"], where),
                                           _float(row["DN_LONGITUDE"], where), insee)
        street = ", ".join(p for p in (_not_null(row["COMPLEMENT_ADRESSE"]),
                                       _not_null(row["DC_COMPLEMENTADRSITEPHYSIQUE"]),
                                       _blank(row["ADRESSE"])) if p)
        commune = get_commune(insee) if insee else None
        ref = row["REFERENCE_PE"].strip()
        offices.append(Office(
            id=f"ft-{ref}",
            type="france_travail",
            nom=f"France Travail {display_address(row['NOM'].strip())}",
            adresse=display_address(street) if street.isupper() else street,
            code_postal=postal,
            commune=commune.nom if commune else (_blank(row["COMMUNE"]) or ""),
            insee=insee,
            lat=lat,
            lon=lon,
            position_approchee=False,
            telephone=None,
            horaires=None,
            url=None,
            source=f"{FRANCE_TRAVAIL_2019_SOURCE} (novembre 2019)",
            source_date=_blank(row.get("data_date")) or "2019-11-13",
            statut_source="confirme",
            source_detail=f"{path.name}, {ref} « {row['NOM'].strip()} »"
                          + (f" ; {dropped}" if dropped else ""),
            licence=NO_LICENCE,
            cle=f"ft:{ref}",
        ))
    return offices


# --------------------------------------------------------------------------------------------
# A personal map of the metropolitan area (secondary: flags rows, never overwrites them)


def read_secondary_map(path: Path, type_: str, date: str, label: str) -> list[Office]:
    offices: list[Office] = []
    for where, row in _csv_rows(path, ("Y", "X", "Adresse")):
        name = _blank(next(iter(row.values())))
        address = _blank(row["Adresse"]) or ""
        street, _, town = address.rpartition(", ")
        match = re.match(r"(\d{5}) (.+)", town)
        postal, commune = (match.group(1), match.group(2)) if match else (None, town)
        insee = _insee_of(commune, postal)
        lat, lon, dropped = _point_checked(_float(row["Y"], where), _float(row["X"], where), insee)
        found = get_commune(insee) if insee else None
        offices.append(Office(
            id=f"{type_}-{re.sub(r'[^a-z0-9]+', '-', (name or '').lower()).strip('-')}",
            type=type_,
            nom=name or type_,
            adresse=street or None,
            code_postal=postal,
            commune=found.nom if found else commune,
            insee=insee,
            lat=lat,
            lon=lon,
            position_approchee=False,
            telephone=None,
            horaires=None,
            url=None,
            source=label,
            source_date=date,
            statut_source="secondaire",
            source_detail=f"{path.name}, {where.rsplit(', ', 1)[-1]}"
                          + (f" ; {dropped}" if dropped else ""),
            licence=NO_LICENCE,
        ))
    return offices
