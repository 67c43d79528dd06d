"""Bringing a newer source into the directory: what it adds, moves and closes, and what it may
not touch.

Rules (the same for the packaged files and for every import):

- a row of the source is the same office as a row of the directory when it has the same key
  in its source, the same street address in the same commune, the same network structure
  (a mission locale's code), or the same agency name in the same commune;
- a row replaces the directory's row only if it is at least as recent and, when the
  directory's row is confirmed, confirmed too: a secondary source (press, a personal map) never
  overwrites a confirmed row, it only flags it; an older source never overwrites a newer one;
- what the source does not give (a phone, a point) is kept from the older row, with the older
  row's source and date (« numéro de 2019 »), and a point is kept only if the address did not
  change;
- a source that lists a whole scope (every France services, every mission locale of the Nord)
  closes the rows of that scope it no longer lists, unless they are newer than the source;
  closed rows stay in the directory, with the closing date, and are never routed to.

Every decision is said in the report, in French: nothing is dropped or overwritten silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rules.normalize import fold
from rules.places.matching import name_tokens, same_street
from rules.places.model import Office

__all__ = ["Batch", "Change", "Directory", "Report", "Scope", "merge"]

KINDS = {
    "ajoute": "ajouté(s)",
    "confirme": "confirmé(s) à la même adresse",
    "deplace": "déplacé(s)",
    "ferme": "fermé(s)",
    "antenne": "ne sont plus des sièges (gardés comme antennes possibles, à confirmer)",
    "conserve": "conservé(s) tels quels (source plus récente ou confirmée)",
    "signale": "signalé(s) par une source secondaire",
    "rouvert": "rouvert(s)",
}


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # a key of KINDS
    office_id: str
    text: str  # French, for the person who imports


@dataclass
class Report:
    label: str
    changes: list[Change] = field(default_factory=list)
    zones: int = 0  # communes whose serving structure was set

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    def summary(self) -> str:
        parts = [f"{self.count(kind)} {label}" for kind, label in KINDS.items()
                 if self.count(kind)]
        if self.zones:
            parts.append(f"{self.zones} commune(s) rattachée(s) à leur zone")
        return f"{self.label} : " + (" ; ".join(parts) if parts else "aucun changement") + "."

    def text(self) -> str:
        lines = [self.summary()]
        for kind in KINDS:
            for change in self.changes:
                if change.kind == kind and kind != "confirme":
                    lines.append(f"  - {change.text}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Scope:
    """The rows of the directory that a source lists completely: those it no longer lists are
    closed (`policy` « fermer ») or, for missions locales, kept as possible antennas
    (« missions_locales »)."""

    types: tuple[str, ...]
    departements: tuple[str, ...] | None = None  # None: everywhere
    policy: str = "fermer"

    def covers(self, office: Office) -> bool:
        if office.type not in self.types or office.ferme_le or office.role == "antenne":
            return False
        if self.departements is None:
            return True
        return bool(office.insee) and str(office.insee)[:2] in self.departements


@dataclass
class Batch:
    """What one source says, as read from its file."""

    label: str  # French: « zones de couverture UNML (2026-01) »
    date: str  # the date the source states its facts as of
    offices: list[Office]
    scope: Scope | None = None
    secondary: bool = False  # flags rows, adds candidates, never replaces
    abbreviated: bool = False  # addresses written « 14 r neuve »: a same-place row keeps ours
    zones: dict[str, dict[str, str]] = field(default_factory=dict)  # type → INSEE → structure


@dataclass
class Directory:
    offices: dict[str, Office] = field(default_factory=dict)  # id → office, in order
    zones: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # type → commune INSEE → (structure, date of the source)

    def add(self, offices: Iterable[Office]) -> None:
        for office in offices:
            if office.id in self.offices:
                raise ValueError(f"Identifiant de lieu en double : {office.id}")
            self.offices[office.id] = office

    def copy(self) -> Directory:
        return Directory(dict(self.offices), {t: dict(z) for t, z in self.zones.items()})

    def zone_of(self, type_: str, insee: str) -> str | None:
        found = self.zones.get(type_, {}).get(insee)
        return found[0] if found else None

    def head_of(self, type_: str, structure: str) -> Office | None:
        return next((o for o in self.offices.values() if o.type == type_
                     and o.structure == structure and o.role == "siege" and not o.ferme_le),
                    None)


def _where(office: Office) -> str:
    street = office.adresse or "adresse inconnue"
    return f"{street}, {office.commune}" if office.commune else street


def _year(office: Office) -> str:
    return (office.source_date or "?")[:4]


# --------------------------------------------------------------------------------------------
# Matching


def _same_commune(a: Office, b: Office) -> bool:
    if a.insee and b.insee:
        return a.insee == b.insee
    return bool(a.code_postal) and a.code_postal == b.code_postal


def _by_key(row: Office, candidates: list[Office], _: Directory) -> Office | None:
    if not row.cle:
        return None
    return next((o for o in candidates if o.cle == row.cle or o.id == row.id), None)


def _by_address(row: Office, candidates: list[Office], _: Directory) -> Office | None:
    return next((o for o in candidates
                 if _same_commune(o, row) and same_street(o.adresse, row.adresse)), None)


def _by_structure(row: Office, candidates: list[Office], directory: Directory) -> Office | None:
    if not row.structure:
        return None
    found = next((o for o in candidates
                  if o.structure == row.structure and o.role == row.role), None)
    # Missions locales are coded by the INSEE code of their historic head office.
    return found or next((o for o in candidates if not o.structure and o.role is None
                          and o.insee == row.structure
                          and directory.zone_of(row.type, o.insee) == row.structure), None)


def _by_name(row: Office, candidates: list[Office], _: Directory) -> Office | None:
    tokens = name_tokens(row.nom)
    if not tokens:
        return None
    for office in candidates:
        theirs = name_tokens(office.nom)
        if _same_commune(office, row) and theirs and (theirs <= tokens or tokens <= theirs):
            return office
    return None


_MATCHERS = (("cle", _by_key), ("adresse", _by_address), ("structure", _by_structure),
             ("nom", _by_name))


def _find(directory: Directory, row: Office, taken: set[str],
          keys: dict[str, str]) -> tuple[Office | None, str]:
    """The directory's row that is the same office, and how it was recognised."""
    known = keys.get(row.cle or "") or (row.id if row.id in directory.offices else None)
    if known and known not in taken and directory.offices[known].type == row.type:
        return directory.offices[known], "cle"
    candidates = [o for o in directory.offices.values()
                  if o.type == row.type and o.id not in taken]
    for how, matcher in _MATCHERS[1:]:
        found = matcher(row, candidates, directory)
        if found:
            return found, how
    return None, ""


# --------------------------------------------------------------------------------------------
# Decisions


def _same_address(a: Office, b: Office) -> bool:
    if " ".join(fold(a.adresse or "").split()) == " ".join(fold(b.adresse or "").split()):
        return True
    return same_street(a.adresse, b.adresse)


def _older(row: Office, existing: Office) -> bool:
    return bool(row.source_date and existing.source_date
                and row.source_date < existing.source_date)


def _combined(existing: Office, row: Office, moved: bool, batch: Batch) -> Office:
    """The newer row, completed with what only the older one gives (said with its date)."""
    changes: dict[str, object] = {"id": existing.id}
    if row.telephone is None and existing.telephone:
        changes["telephone"] = existing.telephone
        changes["telephone_source"] = existing.telephone_source or existing.source
        changes["telephone_date"] = existing.telephone_date or existing.source_date
    if not moved:
        if row.lat is None and existing.lat is not None and not existing.position_approchee:
            changes["lat"], changes["lon"] = existing.lat, existing.lon
        if batch.abbreviated and existing.adresse:
            changes["adresse"] = existing.adresse  # the same place, written out in full
        for name in ("email", "url", "format"):
            if getattr(row, name) is None and getattr(existing, name) is not None:
                changes[name] = getattr(existing, name)
        if row.horaires is None and existing.horaires is not None:
            changes["horaires"] = existing.horaires
            changes["horaires_date"] = existing.horaires_date or existing.source_date
    before = existing.source_detail or existing.source
    detail = f"{row.source_detail or row.source} ; auparavant : {before}"
    changes["source_detail"] = detail
    return replace(row, **changes)


def _flagged(existing: Office, row: Office) -> Office:
    note = f"{row.source} ({_year(row)}), source secondaire"
    if existing.remarque and note in existing.remarque:
        return existing
    flag = f"Aussi listé par : {note}."
    remark = f"{existing.remarque} {flag}" if existing.remarque else flag
    return replace(existing, remarque=remark)


def _decide(directory: Directory, existing: Office, row: Office, how: str,
            batch: Batch) -> Change:
    moved = how != "adresse" and not _same_address(existing, row)
    if batch.secondary or (existing.statut_source == "confirme"
                           and row.statut_source != "confirme"):
        directory.offices[existing.id] = _flagged(existing, row)
        return Change("signale", existing.id,
                      f"{existing.nom} ({_where(existing)}) : aussi listé par {row.source}, "
                      f"source secondaire ; la ligne confirmée est gardée")
    if _older(row, existing):
        return Change("conserve", existing.id,
                      f"{existing.nom} : la ligne du {existing.source_date} est plus récente "
                      f"que celle du fichier ({row.source_date}) ; elle est gardée")
    directory.offices[existing.id] = _combined(existing, row, moved, batch)
    if existing.ferme_le:
        return Change("rouvert", existing.id, f"{row.nom} : de nouveau listé ({_where(row)})")
    if moved:
        return Change("deplace", existing.id,
                      f"{row.nom} : {_where(existing)} ({_year(existing)}) → {_where(row)}")
    return Change("confirme", existing.id, f"{row.nom} : {_where(row)}")


def _absent(directory: Directory, existing: Office, batch: Batch) -> Change:
    """A row of the source's scope that the source no longer lists."""
    if existing.source_date and existing.source_date > batch.date:
        return Change("conserve", existing.id,
                      f"{existing.nom} : absent du fichier, mais confirmé le "
                      f"{existing.source_date}, après lui ; gardé")
    if batch.scope and batch.scope.policy == "missions_locales":
        change = _no_longer_head(directory, existing, batch)
        if change:
            return change
    directory.offices[existing.id] = replace(existing, ferme_le=batch.date)
    return Change("ferme", existing.id,
                  f"{existing.nom} ({_where(existing)}, {_year(existing)}) : absent de la "
                  f"source du {batch.date} ; n'est plus proposé")


_LONG_ML_NAME = ("Mission locale pour l'insertion professionnelle et sociale des jeunes "
                 "(16-25 ans) - ")


def _no_longer_head(directory: Directory, existing: Office, batch: Batch) -> Change | None:
    """A former head office of a mission locale: closed if its zone's head is in the same
    commune (two addresses of one structure: the older one was replaced), else kept as a
    possible antenna of the structure that now covers its commune, to be confirmed."""
    code = directory.zone_of(existing.type, existing.insee or "")
    head = directory.head_of(existing.type, code) if code else None
    if head is None or head.insee == existing.insee:
        return None
    remark = (f"En {batch.date[:4]}, ce lieu n'est plus le siège d'une mission locale : "
              f"{existing.commune} est couverte par {head.nom} ({head.commune}). Ce site existe "
              "peut-être encore comme antenne : à confirmer avant de vous déplacer.")
    name = existing.nom.replace(_LONG_ML_NAME, "Mission locale – ")
    directory.offices[existing.id] = replace(existing, nom=name, role="antenne", structure=code,
                                             statut_source="a_confirmer", remarque=remark)
    return Change("antenne", existing.id,
                  f"{existing.nom} ({_where(existing)}) : n'est plus un siège ; {existing.commune} "
                  f"est couverte par {head.nom} ; gardé comme antenne possible, à confirmer")


def _same_key_family(a: Office, b: Office) -> bool:
    """Two rows keyed by the same source (« fs:12 », « fs:99 ») are two offices."""
    return bool(a.cle and b.cle) and a.cle.split(":")[0] == b.cle.split(":")[0]


def _pair_by_postal_code(directory: Directory, added: list[Office], absent: list[Office],
                         batch: Batch, report: Report) -> tuple[list[Office], list[Office]]:
    """A row the source no longer lists and a new one in the same postal code, each the only
    one there: the office moved (Avesnes-sur-Helpe → Avesnelles)."""
    by_code_new = {r.code_postal: [x for x in added if x.code_postal == r.code_postal]
                   for r in added if r.code_postal}
    by_code_old = {o.code_postal: [x for x in absent if x.code_postal == o.code_postal]
                   for o in absent if o.code_postal}
    paired: set[str] = set()
    for code, new in by_code_new.items():
        old = by_code_old.get(code, [])
        if (len(new) == 1 and len(old) == 1 and new[0].type == old[0].type
                and not _same_key_family(new[0], old[0])):
            report.changes.append(_decide(directory, old[0], new[0], "code_postal", batch))
            paired |= {new[0].id, old[0].id}
    return ([r for r in added if r.id not in paired], [o for o in absent if o.id not in paired])


def _set_zones(directory: Directory, batch: Batch, report: Report) -> None:
    for type_, zones in batch.zones.items():
        current = directory.zones.setdefault(type_, {})
        for insee, structure in zones.items():
            if insee in current and current[insee][1] > batch.date:
                continue  # a newer source placed this commune
            current[insee] = (structure, batch.date)
            report.zones += 1


def merge(directory: Directory, batch: Batch) -> Report:
    """Bring the batch into the directory (changed in place); the report says what changed."""
    report = Report(batch.label)
    _set_zones(directory, batch, report)
    taken: set[str] = set()
    added: list[Office] = []
    keys = {o.cle: o.id for o in directory.offices.values() if o.cle}
    for row in batch.offices:
        existing, how = _find(directory, row, taken, keys)
        if existing is None:
            added.append(row)
            continue
        taken.add(existing.id)
        report.changes.append(_decide(directory, existing, row, how, batch))
    absent = [o for o in directory.offices.values()
              if batch.scope and batch.scope.covers(o) and o.id not in taken]
    if absent and added:
        added, absent = _pair_by_postal_code(directory, added, absent, batch, report)
    for row in added:
        new_id = row.id
        while new_id in directory.offices:
            new_id += "-b"
        zone = directory.zone_of(row.type, row.insee or "") if not row.structure else None
        if zone:  # a new site of a zoned network: an antenna of the structure covering it
            row = replace(row, structure=zone, role="antenne")
        directory.offices[new_id] = replace(row, id=new_id)
        report.changes.append(Change("ajoute", new_id, f"{row.nom} : {_where(row)}"))
    for existing in absent:
        report.changes.append(_absent(directory, existing, batch))
    return report
