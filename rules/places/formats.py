"""The formats the Département imports, as their producers publish them:

- `data-inclusion`: the data·inclusion schema v1, structures (and services), JSON; each row
  validated by the `data-inclusion-schema` package; hours already in OpenStreetMap format;
- `france-services`: the ANCT « Liste des structures France services », CSV (hours as free text
  per weekday, converted);
- `dila`: the DILA « Base de données locales » / API Annuaire de l'administration, JSON
  (`pivot`, `adresse`, `telephone`, `plage_ouverture` converted);
- `unml`: the UNML « zones de couverture » of the missions locales, CSV.

Each reader returns a `Batch` (rows with their source, date and licence) or raises
`SourceFileError` with a French message naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from rules.places import hours, readers
from rules.places.communes import get_commune
from rules.places.merge import Batch, Scope
from rules.places.model import Office
from rules.places.readers import SourceFileError

__all__ = ["FORMATS", "read_batch"]

FORMATS = ("data-inclusion", "france-services", "dila", "unml")
MAX_FILE_BYTES = 200_000_000

# data·inclusion networks (`reseaux_porteurs`) → our office types, in order of preference.
DI_NETWORKS = {
    "mission-locale": "mission_locale", "france-travail": "france_travail", "caf": "caf",
    "cpam": "cpam", "france-service": "france_services", "creches-avip": "creche_avip",
    "etcld": "ebe", "maisons-des-solidarites": "utpas", "ccas-cias": "ccas", "mdph": "mdph",
}
DI_SOURCE = "data·inclusion"
# DILA « pivot » service types → our office types.
DILA_TYPES = {
    "mission_locale": "mission_locale", "pole_emploi": "france_travail",
    "france_travail": "france_travail", "caf": "caf", "cpam": "cpam",
    "france_services": "france_services", "msap": "france_services", "ccas": "ccas",
    "maison_handicapees": "mdph", "mdph": "mdph", "pmi": "utpas", "cg": "departement",
}


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceFileError(f"{path.name} : fichier trop gros (200 Mo au plus)")
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SourceFileError(f"Impossible de lire « {path} » : {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise SourceFileError(f"{path.name} : le fichier n'est pas en UTF-8") from None


def _json_items(path: Path, keys: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """(« fichier, ligne N », item) for each element of the top-level list (or of the list
    under one of `keys`), with the line where the element starts."""
    text = _text(path)
    decoder = json.JSONDecoder()
    counted = [0, 1]  # position, line there: lines are counted once, front to back

    def line(at: int) -> str:
        if at < counted[0]:
            counted[:] = [0, 1]
        counted[1] += text.count("\n", counted[0], at)
        counted[0] = at
        return f"{path.name}, ligne {counted[1]}"

    try:
        document, _ = decoder.raw_decode(text, _SKIP.match(text, 0).end())
    except json.JSONDecodeError as exc:
        raise SourceFileError(f"{line(exc.pos)} : JSON invalide ({exc.msg})") from None
    if isinstance(document, dict):
        key = next((k for k in keys if isinstance(document.get(k), list)), None)
        if key is None:
            raise SourceFileError(f"{path.name}, ligne 1 : liste attendue (ou objet avec « "
                                  f"{' » / « '.join(keys)} »)")
        start = text.index("[", text.index(f'"{key}"'))
    elif isinstance(document, list):
        start = text.index("[")
    else:
        raise SourceFileError(f"{path.name}, ligne 1 : liste attendue")
    at = start + 1
    while True:
        at = _SKIP.match(text, at).end()
        if text[at] == "]":
            return
        item, end = decoder.raw_decode(text, at)
        yield line(at), item
        at = end


def _field_line(where: str, path: Path, name: str) -> str:
    """« fichier, ligne N » of the field `name` in the element that starts at `where`'s line."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        start = int(where.rsplit(" ", 1)[-1])
    except (OSError, ValueError):
        return where
    for number in range(start, len(lines) + 1):
        if f'"{name}"' in lines[number - 1]:
            return f"{path.name}, ligne {number}"
    return where


_SKIP = re.compile(r"[\s,]*")


def _checked_hours(value: str | None, where: str) -> str | None:
    if not value:
        return None
    try:
        return hours.checked(value)
    except hours.HoursError as exc:
        raise SourceFileError(f"{where} : {exc}") from None


def _commune_name(insee: str | None, given: str | None) -> str:
    commune = get_commune(insee) if insee else None
    return commune.nom if commune else (given or "")


# --------------------------------------------------------------------------------------------
# data·inclusion schema v1


def _invalid(exc: Exception, where: str, path: Path, what: str) -> SourceFileError:
    """The first validation error, at the line of its field."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return SourceFileError(f"{where} : {what} invalide, {exc}")
    first = errors()[0]
    location = [str(p) for p in first.get("loc", ())]
    field = ".".join(location) or "?"
    at = _field_line(where, path, location[0]) if location else where
    given = first.get("input")
    shown = f" (« {given} »)" if isinstance(given, str | int | float) else ""
    return SourceFileError(f"{at} : {what} invalide, champ « {field} »{shown} : "
                           f"{_in_french(first)}")


def _in_french(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "champ obligatoire absent"
    if kind == "string_too_short":
        return f"au moins {ctx.get('min_length')} caractères"
    if kind == "string_too_long":
        return f"au plus {ctx.get('max_length')} caractères"
    if kind == "string_pattern_mismatch":
        return "format inattendu"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "date invalide (attendu : AAAA-MM-JJ)"
    if kind.startswith("url"):
        return "adresse web invalide"
    if kind == "enum":
        return f"valeur inconnue (attendu : {ctx.get('expected', '?')})"
    if kind.startswith(("float", "int")):
        return "nombre attendu"
    if kind.endswith("_type"):
        return "type de valeur inattendu"
    message = str(error.get("msg", "valeur invalide"))
    return message.removeprefix("Value error, ")  # the schema's own checks speak French


def _di_models() -> tuple[Any, Any]:
    try:
        from data_inclusion.schema.v1 import Service, Structure
    except ImportError:  # pragma: no cover - the package is a dependency
        raise SourceFileError("le paquet data-inclusion-schema n'est pas installé") from None
    return Structure, Service


def _di_type(networks: Any) -> str | None:
    names = {str(getattr(n, "value", n)) for n in networks or ()}
    return next((ours for theirs, ours in DI_NETWORKS.items() if theirs in names), None)


def _di_office(structure: Any, where: str, type_: str, licence: str, status: str) -> Office:
    street = ", ".join(p for p in (structure.adresse, structure.complement_adresse) if p)
    insee = structure.code_insee
    lat, lon, dropped = readers._point_checked(structure.latitude, structure.longitude, insee)
    return Office(
        id=f"di-{structure.id}", type=type_, nom=structure.nom, adresse=street or None,
        code_postal=structure.code_postal, commune=_commune_name(insee, structure.commune),
        insee=insee, lat=lat, lon=lon, position_approchee=False,
        telephone=structure.telephone,
        horaires=_checked_hours(structure.horaires_accueil, where),
        url=str(structure.site_web) if structure.site_web else None,
        source=f"{DI_SOURCE} ({structure.source})", source_date=structure.date_maj.isoformat(),
        statut_source=status, email=structure.courriel,
        source_detail=f"{where.split(',')[0]}, structure {structure.id}"
                      + (f" ; {dropped}" if dropped else ""),
        licence=licence, cle=f"di:{structure.id}",
    )


def read_data_inclusion(path: Path, services: Path | None, licence: str, status: str
                        ) -> tuple[list[Office], list[str]]:
    """Structures of the networks we route to (others are counted, not kept), with the hours
    of their services where the structure gives none."""
    structure_model, service_model = _di_models()
    offices: dict[str, Office] = {}
    skipped: list[str] = []
    for where, item in _json_items(path, ("structures", "items", "data")):
        try:
            structure = structure_model.model_validate(item)
        except ValueError as exc:
            raise _invalid(exc, where, path, "structure") from None
        type_ = _di_type(structure.reseaux_porteurs)
        if type_ is None:
            skipped.append(structure.id)
            continue
        offices[structure.id] = _di_office(structure, where, type_, licence, status)
    if services is not None:
        for where, item in _json_items(services, ("services", "items", "data")):
            try:
                service = service_model.model_validate(item)
            except ValueError as exc:
                raise _invalid(exc, where, services, "service") from None
            office = offices.get(service.structure_id)
            if office is None:
                if service.structure_id not in skipped:
                    raise SourceFileError(f"{where} : le service {service.id} renvoie à une "
                                          f"structure inconnue ({service.structure_id})")
                continue
            if office.horaires is None and service.horaires_accueil:
                offices[service.structure_id] = replace(
                    office, horaires=_checked_hours(service.horaires_accueil, where))
    return list(offices.values()), skipped


# --------------------------------------------------------------------------------------------
# DILA « Base de données locales » (JSON)


def _listed(value: Any, where: str, name: str) -> list[Any]:
    """The DILA exports give lists either as JSON values or as JSON-encoded strings."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return [value]
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise SourceFileError(f"{where} : « {name} » devrait être une liste")
    return value


def _dila_date(value: Any, where: str) -> str:
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text[:19], pattern).date().isoformat()
        except ValueError:
            continue
    raise SourceFileError(f"{where} : date_modification « {text} » illisible")


def _dila_type(record: dict[str, Any], where: str) -> str | None:
    for pivot in _listed(record.get("pivot"), where, "pivot"):
        kind = pivot.get("type_service_local") if isinstance(pivot, dict) else None
        if kind in DILA_TYPES:
            return DILA_TYPES[kind]
    return None


def _dila_address(record: dict[str, Any], where: str) -> dict[str, Any]:
    addresses = [a for a in _listed(record.get("adresse"), where, "adresse") if isinstance(a, dict)]
    physical = [a for a in addresses if "postale" not in str(a.get("type_adresse", "")).lower()]
    return (physical or addresses or [{}])[0]


def _dila_contacts(record: dict[str, Any], where: str
                   ) -> tuple[str | None, str | None, str | None]:
    """The first phone, web site and email address of a record."""
    def first(name: str) -> str | None:
        for value in _listed(record.get(name), where, name):
            found = value.get("valeur") if isinstance(value, dict) else value
            if found:
                return str(found).strip()
        return None

    return first("telephone"), first("site_internet"), first("adresse_courriel")


def _dila_office(record: dict[str, Any], where: str, type_: str, licence: str,
                 path: Path) -> Office:
    if not record.get("id") or not record.get("nom"):
        raise SourceFileError(f"{where} : « id » et « nom » sont obligatoires")
    address = _dila_address(record, where)
    street = ", ".join(str(address[k]).strip() for k in ("complement1", "complement2",
                                                         "numero_voie", "service_distribution")
                       if address.get(k) and str(address[k]).strip())
    insee = str(record.get("code_insee_commune") or "").strip() or None
    lat, lon, dropped = readers._point_checked(
        readers._float(address.get("latitude"), where),
        readers._float(address.get("longitude"), where), insee)
    phone, url, email = _dila_contacts(record, where)
    try:
        opening = hours.from_dila(_listed(record.get("plage_ouverture"), where, "plage_ouverture"))
    except (hours.HoursError, AttributeError, TypeError) as exc:
        at = _field_line(where, path, "plage_ouverture")
        raise SourceFileError(f"{at} : plage_ouverture : {exc}") from None
    return Office(
        id=f"dila-{record['id']}", type=type_, nom=str(record["nom"]).strip(),
        adresse=street or None, code_postal=address.get("code_postal") or None,
        commune=_commune_name(insee, address.get("nom_commune")), insee=insee,
        lat=lat, lon=lon, position_approchee=False,
        telephone=phone, horaires=opening, url=url, source=readers.DILA_SOURCE,
        source_date=_dila_date(record.get("date_modification"), where),
        statut_source="confirme", email=email,
        source_detail=f"{where.split(',')[0]}, {record['id']}"
                      + (f" ; {dropped}" if dropped else ""),
        licence=licence, cle=f"dila:{record['id']}",
    )


def read_dila(path: Path, licence: str) -> tuple[list[Office], list[str]]:
    offices: list[Office] = []
    skipped: list[str] = []
    for where, record in _json_items(path, ("service", "services", "results")):
        if not isinstance(record, dict):
            raise SourceFileError(f"{where} : objet attendu")
        type_ = _dila_type(record, where)
        if type_ is None:
            skipped.append(str(record.get("id")))
            continue
        offices.append(_dila_office(record, where, type_, licence, path))
    return offices, skipped


# --------------------------------------------------------------------------------------------
# The batch of one import


def _scope(offices: list[Office], complete: bool) -> Scope | None:
    if not complete or not offices:
        return None
    types = tuple(sorted({o.type for o in offices}))
    departements = tuple(sorted({str(o.insee)[:2] for o in offices if o.insee}))
    return Scope(types, departements)


def _date_in_name(path: Path) -> str | None:
    found = re.search(r"(20\d{2})-?(\d{2})-?(\d{2})", path.name)
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


def read_batch(fmt: str, path: Path, *, services: Path | None = None, date: str | None = None,
               licence: str | None = None, complete: bool = False,
               status: str = "confirme") -> tuple[Batch, list[str]]:
    """The file as a batch for `merge`, and the ids of the rows it gives that we do not route
    to (another network, another kind of service). Raises SourceFileError."""
    if fmt == "data-inclusion":
        offices, skipped = read_data_inclusion(path, services, licence or readers.NO_LICENCE,
                                               status)
        stamp = max((o.source_date or "" for o in offices), default=date or "")
        return Batch(f"data·inclusion ({path.name})", date or stamp, offices,
                     scope=_scope(offices, complete), secondary=status == "secondaire"), skipped
    if fmt == "dila":
        offices, skipped = read_dila(path, licence or readers.DILA_LICENCE)
        stamp = max((o.source_date or "" for o in offices), default=date or "")
        return Batch(f"DILA, Base de données locales ({path.name})", date or stamp, offices,
                     scope=_scope(offices, complete)), skipped
    if fmt == "france-services":
        when = date or _date_in_name(path)
        if when is None:
            raise SourceFileError(f"{path.name} : date de publication inconnue ; précisez-la "
                                  "avec --date AAAA-MM-JJ")
        offices = readers.read_france_services(path, when)
        if licence:
            offices = [replace(o, licence=licence) for o in offices]
        return Batch(f"ANCT, France services ({path.name}, {when})", when, offices,
                     scope=Scope(("france_services",))), []
    if fmt == "unml":
        from rules.places.directory import ML_NAMES_FILE, unml_batch

        when = date or _unml_date(path)
        zones = readers.read_unml_zones(path, when, ML_NAMES_FILE)
        return unml_batch(zones, f"UNML, zones de couverture ({path.name}, {when[:7]})"), []
    raise SourceFileError(f"Format inconnu « {fmt} » (formats : {', '.join(FORMATS)})")


def _unml_date(path: Path) -> str:
    """The month of the zones: the file's `data_date` column (« 2026-01 »), else its name."""
    for _where, row in readers._csv_rows(path, readers.UNML_COLUMNS):
        stamp = (row.get("data_date") or "").strip()
        if re.fullmatch(r"20\d{2}-\d{2}", stamp):
            return f"{stamp}-01"
        if re.fullmatch(r"20\d{2}-\d{2}-\d{2}", stamp):
            return stamp
        break
    named = re.search(r"(20\d{2})-(\d{2})", path.name)
    if named:
        return f"{named.group(1)}-{named.group(2)}-01"
    raise SourceFileError(f"{path.name} : date des zones inconnue ; précisez-la avec --date")
