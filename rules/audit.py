"""What is stale in the data, said in French for the Département (`mesdroits audit`).

- office rows of the Nord whose source is older than a configurable age (or undated);
- amounts of the catalogue revalued every 1 April or 1 January (their last value starts on
  that day) with no value yet for the current period;
- schemes whose sources were not checked (`verifie_le`) for a year;
- schemes without an official link (no confirmed source with an address, no service-public.fr
  sheet, no online procedure): to complete, not past due;
- the Département's directory file, if it cannot be read.

Everything is computed at a date given by the caller: the tests pass theirs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rules.engine.catalogue import default_catalogue
from rules.places import offices, store
from rules.places.model import MAX_AGE_YEARS, Office, years_before
from rules.places.readers import SourceFileError
from rules.writing import french

__all__ = ["Section", "audit"]

PERIOD_STARTS = ((4, 1), (1, 1))  # amounts revalued every 1 April, every 1 January
SOURCES_MAX_DAYS = 365


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    past_due: bool = False  # something should have been done already

    info: bool = False  # the title says it all

    def text(self) -> str:
        state = " — EN RETARD" if self.past_due and self.lines else ""
        if self.lines:
            head = f"{self.title} ({len(self.lines)}){state}"
        else:
            head = f"{self.title}." if self.info else f"{self.title} : rien."
        return "\n".join([head, *(f"  - {line}" for line in self.lines)])


def _day(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _stale_offices(on: dt.date, max_age_years: int) -> Section:
    limit = years_before(on, max_age_years)
    section = Section(f"Lieux du Nord dont la source date de plus de {max_age_years} ans",
                      past_due=True)
    stale: list[Office] = []
    for type_ in sorted(offices.office_types()):
        for office in offices.offices_of_type(type_):
            if office.insee and not office.insee.startswith("59"):
                continue  # France services elsewhere: not the Département's to check
            if not office.source_date or dt.date.fromisoformat(office.source_date) < limit:
                stale.append(office)
    stale.sort(key=lambda o: (o.type, o.source_date or "", o.commune, o.nom))
    for office in stale:
        dated = f"source du {_day(office.source_date)}" if office.source_date else "non daté"
        section.lines.append(f"[{office.type}] {office.nom} ({office.commune}) : {dated}, "
                             f"{office.source} — id {office.id}")
    return section


def _period_start(on: dt.date, month: int, day: int) -> dt.date:
    this_year = dt.date(on.year, month, day)
    return this_year if on >= this_year else dt.date(on.year - 1, month, day)


def _missing_amounts(on: dt.date) -> Section:
    section = Section("Montants sans valeur pour la période en cours", past_due=True)
    for scheme in sorted(default_catalogue().schemes.values(), key=lambda s: s.id):
        if scheme.statut != "en_vigueur":
            continue
        for amount in scheme.montants:
            if not amount.valeurs:
                continue
            last = max(v.depuis for v in amount.valeurs)
            if (last.month, last.day) not in PERIOD_STARTS or last > on:
                continue
            due = _period_start(on, last.month, last.day)
            if last < due:
                section.lines.append(
                    f"{scheme.id} / {amount.id} ({amount.libelle}) : dernière valeur au "
                    f"{french.date(last)}, aucune pour la période du {french.date(due)}")
    return section


def _unchecked_sources(on: dt.date) -> Section:
    section = Section(f"Dispositifs dont les sources n'ont pas été revérifiées depuis "
                      f"{SOURCES_MAX_DAYS} jours", past_due=True)
    limit = on - dt.timedelta(days=SOURCES_MAX_DAYS)
    for scheme in sorted(default_catalogue().schemes.values(), key=lambda s: s.id):
        if scheme.statut == "en_vigueur" and scheme.verifie_le < limit:
            section.lines.append(f"{scheme.id} ({scheme.nom}) : vérifié le "
                                 f"{french.date(scheme.verifie_le)}")
    return section


def _without_official_link() -> Section:
    section = Section("Dispositifs sans lien officiel (à compléter)")
    for scheme in sorted(default_catalogue().schemes.values(), key=lambda s: s.id):
        if scheme.statut != "en_vigueur":
            continue
        official = any(s.url and s.statut == "confirme" for s in scheme.sources)
        if not (official or scheme.demarche.service_public or scheme.demarche.en_ligne):
            section.lines.append(f"{scheme.id} ({scheme.nom})")
    return section


def _directory_file() -> Section:
    path = store.directory_file()
    section = Section("Fichier d'annuaire du Département", past_due=True)
    try:
        entries = store.stored_imports(path)
    except SourceFileError as exc:
        section.lines.append(f"{exc} L'annuaire fourni avec le logiciel est utilisé à la place.")
        return section
    section.past_due, section.info = False, True
    if entries:
        last = entries[-1]
        section.title += (f" : {path}, {len(entries)} import(s), le dernier le "
                          f"{last.get('importe_le', '?')[:10]} ({last.get('fichier', '?')})")
    else:
        section.title += f" : {path} absent, l'annuaire fourni avec le logiciel est utilisé"
    return section


def audit(on: dt.date, max_age_years: int = MAX_AGE_YEARS) -> list[Section]:
    """The sections of the audit at that date; `past_due` ones with lines need action."""
    return [
        _stale_offices(on, max_age_years),
        _missing_amounts(on),
        _unchecked_sources(on),
        _without_official_link(),
        _directory_file(),
    ]
