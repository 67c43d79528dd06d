"""Where the Département's imports live, and how an import changes the directory in use.

The directory in use is the packaged one (`rules.places.directory`) with every import applied
in order. Imports are kept, as read from their files, in one JSON file — `MESDROITS_ANNUAIRE`,
else `annuaire.json` in the application's files (`MESDROITS_VAR_DIR`, else `var/` of the
checkout). Keeping what each source said (rather than the merged result) means that a newer
release of the packaged files is still taken into account, by the same rules.

An import reads and checks the whole file first; a bad file is refused (French message naming
the line) and the directory file is not touched. The new directory file is written to a
temporary file in the same folder and moved into place in one step (`os.replace`): a process
reading it sees the old file or the new one, never half of one. Serving processes read it when
they start: restart them after an import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rules.places.directory import packaged_directory
from rules.places.merge import Batch, Directory, Report, Scope, merge
from rules.places.model import ROW_FIELDS, Office
from rules.places.readers import SourceFileError

__all__ = ["ImportResult", "directory_file", "import_batch", "load_directory", "stored_imports"]

FILE_FORMAT = "mesdroits-annuaire"
VERSION = 1
ROOT = Path(__file__).resolve().parents[2]
# A « complete » source that would close more than this share of its scope is refused without
# --forcer: a truncated file must not empty the directory.
MAX_CLOSED_SHARE = 0.25
log = logging.getLogger(__name__)


def directory_file() -> Path:
    """The Département's directory file (it may not exist yet: then the packaged one is used)."""
    if os.environ.get("MESDROITS_ANNUAIRE"):
        return Path(os.environ["MESDROITS_ANNUAIRE"])
    var = os.environ.get("MESDROITS_VAR_DIR")
    return (Path(var) if var else ROOT / "var") / "annuaire.json"


def _batch_to_json(batch: Batch) -> dict[str, Any]:
    return {
        "label": batch.label, "date": batch.date,
        "scope": dataclasses.asdict(batch.scope) if batch.scope else None,
        "secondary": batch.secondary, "abbreviated": batch.abbreviated,
        "zones": batch.zones, "offices": [o.as_row() for o in batch.offices],
    }


def _batch_from_json(entry: dict[str, Any]) -> Batch:
    scope = entry.get("scope")
    return Batch(
        label=entry["label"], date=entry["date"],
        offices=[Office(**{k: row.get(k) for k in ROW_FIELDS}) for row in entry["offices"]],
        scope=Scope(tuple(scope["types"]), tuple(scope["departements"])
                    if scope.get("departements") is not None else None, scope["policy"])
        if scope else None,
        secondary=bool(entry.get("secondary")), abbreviated=bool(entry.get("abbreviated")),
        zones={t: dict(z) for t, z in (entry.get("zones") or {}).items()},
    )


def stored_imports(path: Path | None = None) -> list[dict[str, Any]]:
    """The imports kept in the directory file (none if it does not exist)."""
    path = path or directory_file()
    if not path.exists():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(f"Le fichier d'annuaire « {path} » est illisible : {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise SourceFileError(f"« {path} » n'est pas un fichier d'annuaire de Mes droits Nord")
    return list(document.get("imports") or [])


def _replayed(entries: list[dict[str, Any]]) -> tuple[Directory, list[Report]]:
    directory = packaged_directory()
    reports = [merge(directory, _batch_from_json(entry)) for entry in entries]
    return directory, reports


def load_directory() -> Directory:
    """The directory in use. An unreadable directory file (it is only ever written whole, so
    this means someone edited it by hand) is logged and the packaged directory used instead:
    `mesdroits audit` says so."""
    try:
        return _replayed(stored_imports())[0]
    except (SourceFileError, KeyError, TypeError, ValueError) as exc:
        log.error("Annuaire importé ignoré : %s", exc)
        return packaged_directory()


@dataclass
class ImportResult:
    report: Report
    file: Path
    written: bool
    skipped: int  # rows of another network, not kept

    def text(self) -> str:
        lines = [self.report.text()]
        if self.skipped:
            lines.append(f"  ({self.skipped} ligne(s) d'autres réseaux ou services, non reprises)")
        if self.written:
            lines.append(f"Annuaire enregistré : {self.file}. Redémarrez le service pour "
                         "qu'il le lise.")
        else:
            lines.append(f"Essai seulement : rien n'a été écrit ({self.file} inchangé).")
        return "\n".join(lines)


def _too_many_closed(directory: Directory, batch: Batch, report: Report) -> str | None:
    if batch.scope is None:
        return None
    closed = report.count("ferme") + report.count("antenne")
    listed = closed + sum(1 for c in report.changes if c.kind in ("confirme", "deplace",
                                                                  "conserve", "rouvert"))
    if closed > max(10, MAX_CLOSED_SHARE * listed):
        return (f"Le fichier fermerait {closed} des {listed} lieux qu'il devrait lister : il "
                "semble incomplet. Rien n'a été changé ; relancez avec --forcer si c'est voulu.")
    return None


def import_batch(batch: Batch, fmt: str, source_file: Path, *, skipped: int = 0,
                 dry_run: bool = False, force: bool = False,
                 now: dt.datetime | None = None) -> ImportResult:
    """Apply the batch to the directory in use and, unless `dry_run`, keep it in the directory
    file (replaced atomically). Raises SourceFileError when the import is refused."""
    path = directory_file()
    entries = stored_imports(path)  # an unreadable directory file refuses the import
    directory, _ = _replayed(entries)
    report = merge(directory, batch)
    refusal = None if force else _too_many_closed(directory, batch, report)
    if refusal:
        raise SourceFileError(refusal)
    if dry_run:
        return ImportResult(report, path, False, skipped)
    entry = {"format": fmt, "fichier": source_file.name,
             "importe_le": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
             "resume": report.summary(), **_batch_to_json(batch)}
    _write_atomically(path, {"format": FILE_FORMAT, "version": VERSION,
                             "imports": [*entries, entry]})
    return ImportResult(report, path, True, skipped)


def _write_atomically(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, draft = tempfile.mkstemp(prefix=".annuaire-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(draft, path)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise
