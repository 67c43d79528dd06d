"""Are the catalogue's dated amounts those of OpenFisca-France? (`mesdroits fraicheur`)

For a date, each series of `parameters.yaml` is compared: the catalogue's value in force and
OpenFisca-France's, each with the day it started. The verdict:

- `identique`: the same value (amounts to the cent, rates exactly);
- `different`: two values started the same day and differ;
- `catalogue_en_retard`: OpenFisca-France's value started later than the catalogue's;
- `openfisca_en_retard`: the catalogue's value started later than OpenFisca-France's;
- `absent`: one side (or both) has no value on that day.

The same value started on two different days is `identique` (`depuis_differents` says so).
This module says nothing in French to people: the command writes the sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rules.engine.catalogue import Catalogue, CatalogueError, default_catalogue
from rules.engine.schema import DatedSeries, Parameter
from rules.money.parameters import (
    Mapped,
    Reference,
    Table,
    Unmapped,
    openfisca_parameter,
    openfisca_version,
    table,
)

__all__ = ["PROBLEMS", "VERDICTS", "Comparison", "Report", "Unmapped", "compare", "freshness",
           "series_of"]

Verdict = Literal["identique", "different", "catalogue_en_retard", "openfisca_en_retard",
                  "absent"]
VERDICTS: tuple[Verdict, ...] = ("identique", "different", "catalogue_en_retard",
                                 "openfisca_en_retard", "absent")
PROBLEMS: frozenset[str] = frozenset({"different", "catalogue_en_retard", "openfisca_en_retard"})


@dataclass(frozen=True)
class Comparison:
    dispositif: str
    kind: Literal["montant", "parametre"]
    id: str
    libelle: str
    nature: Literal["montant", "taux"]  # a rate is compared exactly, an amount to the cent
    unite: str
    catalogue_valeur: float | None
    catalogue_depuis: dt.date | None
    catalogue_statut: str | None  # confirme, secondaire, deduit, a_confirmer
    catalogue_source: str | None
    openfisca_parametre: str
    openfisca_valeur: float | None
    openfisca_depuis: dt.date | None
    openfisca_references: tuple[Reference, ...]
    verdict: Verdict

    @property
    def depuis_differents(self) -> bool:
        return (self.verdict == "identique"
                and self.catalogue_depuis != self.openfisca_depuis)

    def as_json(self) -> dict[str, Any]:
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "dispositif": self.dispositif, self.kind: self.id, "libelle": self.libelle,
            "nature": self.nature, "unite": self.unite, "verdict": self.verdict,
            "depuis_differents": self.depuis_differents,
            "catalogue": {"valeur": self.catalogue_valeur, "depuis": day(self.catalogue_depuis),
                          "statut": self.catalogue_statut, "source": self.catalogue_source},
            "openfisca": {"parametre": self.openfisca_parametre,
                          "valeur": self.openfisca_valeur, "depuis": day(self.openfisca_depuis),
                          "references": [{"titre": r.titre, "url": r.url}
                                         for r in self.openfisca_references]},
        }


@dataclass(frozen=True)
class Report:
    date: dt.date
    openfisca_france: str | None  # the installed version
    comparisons: tuple[Comparison, ...]
    not_in_openfisca: tuple[Unmapped, ...]

    @property
    def problems(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c.verdict in PROBLEMS)

    def as_json(self) -> dict[str, Any]:
        counts = {v: sum(c.verdict == v for c in self.comparisons) for v in VERDICTS}
        return {
            "date": self.date.isoformat(), "openfisca_france": self.openfisca_france,
            "elements": [c.as_json() for c in self.comparisons],
            "non_compares": [{"dispositif": u.dispositif, u.kind: u.id, "raison": u.raison}
                             for u in self.not_in_openfisca],
            "resultat": {**counts, "a_revoir": len(self.problems)},
        }


def series_of(catalogue: Catalogue, dispositif: str, kind: str, id_: str) -> DatedSeries:
    scheme = catalogue.get(dispositif)
    if scheme is None:
        raise CatalogueError(f"{dispositif}.yaml : dispositif absent, nommé dans la table des "
                             "paramètres OpenFisca (rules/money/parameters.yaml)")
    found = scheme.amount(id_) if kind == "montant" else scheme.parametres.get(id_)
    if found is None:
        raise CatalogueError(f"{dispositif}.yaml : pas de {kind} « {id_} », nommé dans la table "
                             "des paramètres OpenFisca (rules/money/parameters.yaml)")
    return found


def _same(a: float, b: float, nature: str) -> bool:
    return a == b if nature == "taux" else round(a * 100) == round(b * 100)


def _verdict(nature: str, ours: tuple[float, dt.date] | None,
             theirs: tuple[float, dt.date] | None) -> Verdict:
    if ours is None or theirs is None:
        return "absent"
    if _same(ours[0], theirs[0], nature):
        return "identique"
    if ours[1] == theirs[1]:
        return "different"
    return "catalogue_en_retard" if theirs[1] > ours[1] else "openfisca_en_retard"


def compare(item: Mapped, catalogue: Catalogue, on: dt.date) -> Comparison:
    series = series_of(catalogue, item.dispositif, item.kind, item.id)
    rate = isinstance(series, Parameter) and series.unite == "taux"
    nature: Literal["montant", "taux"] = "taux" if rate else "montant"
    ours = series.at(on)
    parameter = openfisca_parameter(item.openfisca)
    theirs = parameter.at(on)
    theirs_value = float(theirs.valeur) if theirs and theirs.valeur is not None else None
    return Comparison(
        dispositif=item.dispositif, kind=item.kind, id=item.id, libelle=item.libelle,
        nature=nature, unite=series.unite if hasattr(series, "unite") else "",
        catalogue_valeur=ours.valeur if ours else None,
        catalogue_depuis=ours.depuis if ours else None,
        catalogue_statut=ours.statut if ours else None,
        catalogue_source=ours.source if ours else None,
        openfisca_parametre=item.openfisca, openfisca_valeur=theirs_value,
        openfisca_depuis=theirs.depuis if theirs else None,
        openfisca_references=parameter.references_at(on) if theirs else (),
        verdict=_verdict(nature, (ours.valeur, ours.depuis) if ours else None,
                         (theirs_value, theirs.depuis) if theirs and theirs_value is not None
                         else None),
    )


def freshness(on: dt.date, catalogue: Catalogue | Path | None = None,
              mapping: Table | None = None) -> Report:
    """Compare every series of the table at that date (the packaged catalogue by default, or
    the catalogue of a directory). Raises `ParameterNotFound` when a path of the table is not a
    parameter of the installed OpenFisca-France, `CatalogueError` when the catalogue lacks a
    series of the table."""
    if catalogue is None:
        catalogue = default_catalogue()
    elif isinstance(catalogue, Path):
        from rules.engine.catalogue import load_catalogue

        catalogue = load_catalogue(catalogue)
    mapping = mapping or table()
    return Report(on, openfisca_version(),
                  tuple(compare(item, catalogue, on) for item in mapping.compares),
                  mapping.not_in_openfisca)
