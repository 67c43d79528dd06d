"""The office directory in use: the packaged files brought up to date with the newer sources.

Built once per process from `data/` (see `data/SOURCES.md`), in this order, each step by the
rules of `rules.places.merge` (so each step's report says what it added, moved and closed):

1. `offices_59.csv` (DILA 2010–2019 and official pages), `france_services_20240801.csv`
   (ANCT) and `offices_extra.yaml` (research notes);
2. the UNML coverage zones of January 2026 (`missions_locales_zones_2026-01.csv`): which mission
   locale serves each commune of the Nord, and its head office;
3. the France Travail agencies of November 2019 (`france_travail_agences_2019-11.csv`), newer
   than the 2015 rows;
4. two secondary maps of the metropolitan area (2025-09): they flag rows and add candidates,
   never overwrite.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rules.places import readers
from rules.places.merge import Batch, Directory, Report, Scope, merge

__all__ = ["DATA_DIR", "packaged_directory", "packaged_reports"]

DATA_DIR = Path(__file__).parent / "data"
OFFICES_FILE = DATA_DIR / "offices_59.csv"
FRANCE_SERVICES_FILE = DATA_DIR / "france_services_20240801.csv"
FRANCE_SERVICES_DATE = "2024-08-01"
EXTRA_FILE = DATA_DIR / "offices_extra.yaml"
UNML_FILE = DATA_DIR / "missions_locales_zones_2026-01.csv"
UNML_DATE = "2026-01-01"
ML_NAMES_FILE = DATA_DIR / "missions_locales_noms.yaml"
FRANCE_TRAVAIL_2019_FILE = DATA_DIR / "france_travail_agences_2019-11.csv"
MNS_FILE = DATA_DIR / "maisons_nord_solidarites_2025-09_secondaire.csv"
CCAS_FILE = DATA_DIR / "ccas_metropole_2025-09_secondaire.csv"
SECONDARY_DATE = "2025-09-19"
SECONDARY_LABEL = "carte personnelle de la métropole lilloise (LeaR59/cartographie-CMAO, 2025-09)"


def unml_batch(zones: readers.UnmlZones, label: str) -> Batch:
    """The UNML file as a batch: its head offices replace the head offices of its départements,
    and its zones say which one serves each commune."""
    return Batch(
        label=label,
        date=zones.date,
        offices=zones.heads,
        scope=Scope(("mission_locale",), tuple(sorted(zones.departements)), "missions_locales"),
        zones={"mission_locale": dict(zones.zones)},
        abbreviated=True,
    )


def _batches() -> list[Batch]:
    unml = readers.read_unml_zones(UNML_FILE, UNML_DATE, ML_NAMES_FILE)
    france_travail = readers.read_france_travail_2019(FRANCE_TRAVAIL_2019_FILE)
    return [
        unml_batch(unml, "Zones de couverture des missions locales (UNML, janvier 2026)"),
        Batch("Agences France Travail (Pôle emploi, novembre 2019)", "2019-11-13",
              france_travail, scope=Scope(("france_travail",), ("59",))),
        Batch("Maisons Nord Solidarités (source secondaire, septembre 2025)", SECONDARY_DATE,
              readers.read_secondary_map(MNS_FILE, "utpas", SECONDARY_DATE, SECONDARY_LABEL),
              secondary=True),
        Batch("CCAS de la métropole (source secondaire, septembre 2025)", SECONDARY_DATE,
              readers.read_secondary_map(CCAS_FILE, "ccas", SECONDARY_DATE, SECONDARY_LABEL),
              secondary=True),
    ]


@functools.cache
def _packaged() -> tuple[Directory, tuple[Report, ...]]:
    directory = Directory()
    directory.add(readers.read_offices_59(OFFICES_FILE))
    directory.add(readers.read_france_services(FRANCE_SERVICES_FILE, FRANCE_SERVICES_DATE))
    directory.add(readers.read_extra(EXTRA_FILE))
    reports = tuple(merge(directory, batch) for batch in _batches())
    return directory, reports


packaged_cache = _packaged


def packaged_directory() -> Directory:
    """The directory built from the packaged files (a copy: callers may change it)."""
    return _packaged()[0].copy()


def packaged_reports() -> tuple[Report, ...]:
    """What each newer packaged source changed (for the README, the tests and the audit)."""
    return _packaged()[1]
