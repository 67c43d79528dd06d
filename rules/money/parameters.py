"""OpenFisca-France's parameters behind the catalogue's dated amounts.

`table()` reads `parameters.yaml`: which OpenFisca-France parameter holds the same value as
each catalogue amount (« montants ») or parameter (« parametres »), and which series
OpenFisca-France has no parameter for. `openfisca_parameter(path)` reads one parameter from
the installed OpenFisca-France: its successive values and the references of its metadata. It
reads that parameter's own YAML file (well under a second), not the whole tax-benefit system.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

__all__ = ["TABLE_FILE", "Mapped", "OpenFiscaParameter", "OpenFiscaValue", "ParameterNotFound",
           "Reference", "Table", "Unmapped", "openfisca_parameter", "openfisca_version",
           "parameters_directory", "table"]

TABLE_FILE = Path(__file__).with_name("parameters.yaml")
Kind = Literal["montant", "parametre"]


class ParameterNotFound(LookupError):
    """A path of the table names no parameter of the installed OpenFisca-France."""


@dataclass(frozen=True)
class Mapped:
    dispositif: str
    kind: Kind
    id: str  # the montant's id or the parametre's name
    libelle: str
    openfisca: str


@dataclass(frozen=True)
class Unmapped:
    dispositif: str
    kind: Kind
    id: str
    raison: str


@dataclass(frozen=True)
class Table:
    compares: tuple[Mapped, ...]
    not_in_openfisca: tuple[Unmapped, ...]


def _kind_and_id(row: dict[str, Any]) -> tuple[Kind, str]:
    if ("montant" in row) == ("parametre" in row):
        raise ValueError(f"{TABLE_FILE.name}: « montant » ou « parametre », un seul : {row}")
    return ("montant", row["montant"]) if "montant" in row else ("parametre", row["parametre"])


@cache
def table(path: Path = TABLE_FILE) -> Table:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    compares = tuple(Mapped(row["dispositif"], *_kind_and_id(row), row["libelle"],
                            row["openfisca"]) for row in data["compares"])
    unmapped = tuple(Unmapped(row["dispositif"], *_kind_and_id(row), row["raison"])
                     for row in data.get("not_in_openfisca") or ())
    return Table(compares, unmapped)


@dataclass(frozen=True)
class Reference:
    titre: str
    url: str | None


@dataclass(frozen=True)
class OpenFiscaValue:
    depuis: dt.date
    valeur: float | None  # None: the parameter stops on that day


@dataclass(frozen=True)
class OpenFiscaParameter:
    path: str
    description: str
    unit: str | None  # OpenFisca's metadata: « currency », « /1 »…
    values: tuple[OpenFiscaValue, ...]  # oldest first
    references: tuple[tuple[dt.date, tuple[Reference, ...]], ...]  # oldest first

    def at(self, on: dt.date) -> OpenFiscaValue | None:
        """The value in force on that day (None before the first one, or once stopped)."""
        current = None
        for value in self.values:
            if value.depuis > on:
                break
            current = value
        return current if current is not None and current.valeur is not None else None

    def references_at(self, on: dt.date) -> tuple[Reference, ...]:
        """The metadata's references of the latest date on or before that day."""
        found: tuple[Reference, ...] = ()
        for start, refs in self.references:
            if start > on:
                break
            found = refs
        return found


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _references(raw: Any) -> tuple[Reference, ...]:
    entries = raw if isinstance(raw, list) else [raw]
    return tuple(Reference(str(e.get("title") or e.get("href")), e.get("href"))
                 if isinstance(e, dict) else Reference(str(e), None) for e in entries if e)


def parameters_directory() -> Path:
    spec = importlib.util.find_spec("openfisca_france")
    if spec is None or spec.origin is None:
        raise ParameterNotFound("OpenFisca-France n'est pas installé")
    return Path(spec.origin).parent / "parameters"


def openfisca_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("openfisca-france")
    except PackageNotFoundError:
        return None


@cache
def openfisca_parameter(path: str) -> OpenFiscaParameter:
    """One parameter of the installed OpenFisca-France, by its dotted path."""
    from openfisca_core.parameters import Parameter, load_parameter_file

    file = parameters_directory().joinpath(*path.split(".")).with_suffix(".yaml")
    if not file.is_file():
        raise ParameterNotFound(f"« {path} » : aucun fichier {file.name} dans OpenFisca-France")
    parameter = load_parameter_file(str(file), path)
    if not isinstance(parameter, Parameter):
        raise ParameterNotFound(f"« {path} » est un groupe de paramètres, pas un paramètre")
    values = tuple(sorted((OpenFiscaValue(_date(v.instant_str), v.value)
                           for v in parameter.values_list), key=lambda v: v.depuis))
    metadata = parameter.metadata or {}
    references = tuple(sorted(((_date(start), _references(raw))
                               for start, raw in (metadata.get("reference") or {}).items()),
                              key=lambda r: r[0]))
    return OpenFiscaParameter(path, parameter.description or "", metadata.get("unit"), values,
                              references)
