"""`mesdroits audit`: what is stale in the data, at a date the test gives (never today's)."""

from __future__ import annotations

import datetime as dt

import pytest

from api import cli
from rules import audit as audit_module
from rules.audit import Section, audit
from rules.places import offices


def lines(on: dt.date, title: str, **kwargs: int) -> list[str]:
    return next(s for s in audit(on, **kwargs) if s.title.startswith(title)).lines


def test_office_rows_older_than_the_age_are_listed() -> None:
    stale = "\n".join(lines(dt.date(2026, 12, 1), "Lieux du Nord"))
    assert "[mission_locale] Mission locale – Loos (Loos) : source du 23/09/2019" in stale
    assert ("[france_travail] France Travail Roubaix Centre (Roubaix) : source du "
            "13/11/2019") in stale
    assert "[mdie] Maison Départementale Insertion et Emploi (MDIE) - Cambrai" in stale
    assert "Mission locale Métropole Sud" not in stale  # head offices of January 2026
    assert "Mission locale de Lille (" not in stale  # the closed 2015 row
    assert "[france_services]" not in stale  # August 2024: not yet three years old
    counts = {t: stale.count(f"[{t}]") for t in ("caf", "cpam", "utpas", "mission_locale")}
    assert counts == {"caf": 110, "cpam": 41, "utpas": 30, "mission_locale": 4}


def test_the_age_is_configurable_and_time_passes() -> None:
    older_than_ten = "\n".join(lines(dt.date(2026, 12, 1), "Lieux du Nord", max_age_years=10))
    assert "[caf]" in older_than_ten and "[mission_locale]" not in older_than_ten
    later = "\n".join(lines(dt.date(2027, 8, 2), "Lieux du Nord"))
    assert "[france_services] France services Mairie de Seclin (Seclin)" in later
    assert "(Lens)" not in later and "(Ajaccio)" not in later  # the Nord's rows only
    assert "[france_services]" not in "\n".join(lines(dt.date(2027, 8, 1), "Lieux du Nord"))


def test_amounts_revalued_on_1_april_need_this_year_s_value_after_1_april() -> None:
    before = "\n".join(lines(dt.date(2027, 3, 31), "Montants"))
    after = "\n".join(lines(dt.date(2027, 4, 1), "Montants"))
    assert "rsa / montant_forfaitaire" not in before
    assert ("rsa / montant_forfaitaire (Montant forfaitaire du RSA pour une personne seule sans "
            "ressources) : dernière valeur au 1er avril 2026, aucune pour la période du 1er avril "
            "2027") in after
    assert "cej / allocation_majeur" in after and "prime_activite / montant_forfaitaire" in after


def test_amounts_revalued_on_1_january() -> None:
    assert not any("aide_permis_hdf" in line for line in lines(dt.date(2024, 12, 31), "Montants"))
    assert any(line.startswith("aide_permis_hdf / plafond") and "1er janvier 2025" in line
               for line in lines(dt.date(2025, 1, 1), "Montants"))


def test_sources_not_checked_for_a_year_and_schemes_without_an_official_link() -> None:
    assert lines(dt.date(2027, 11, 22), "Dispositifs dont les sources") == []
    late = lines(dt.date(2027, 11, 23), "Dispositifs dont les sources")
    assert "rsa (Revenu de solidarité active (RSA)) : vérifié le 22 novembre 2026" in late
    no_link = next(s for s in audit(dt.date(2026, 12, 1)) if s.title.startswith("Dispositifs sans"))
    assert "proch_emploi (Proch'Emploi (Région Hauts-de-France))" in no_link.lines
    assert not any(line.startswith("rsa ") for line in no_link.lines)
    assert not no_link.past_due  # to complete, not late


def test_the_command_exits_non_zero_when_something_is_past_due(capsys, tmp_path,
                                                               monkeypatch) -> None:
    monkeypatch.setenv("MESDROITS_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    from api import settings

    settings.get_settings.cache_clear()
    try:
        assert cli.main(["audit", "--date", "2027-04-01"]) == 1
        out = capsys.readouterr().out
        assert out.startswith("Audit des données de Mes droits Nord au 1er avril 2027")
        assert "Montants sans valeur pour la période en cours (" in out
        assert "— EN RETARD" in out and out.rstrip().endswith("rubrique(s) en retard.")

        def nothing_late(on: dt.date, max_age_years: int) -> list[Section]:
            return [Section("Lieux du Nord dont la source date de plus de 3 ans", past_due=True),
                    Section("Dispositifs sans lien officiel (à compléter)", ["x"])]

        monkeypatch.setattr(audit_module, "audit", nothing_late)
        assert cli.main(["audit", "--date", "2027-04-01"]) == 0
        assert capsys.readouterr().out.rstrip().endswith("Résultat : rien n'est en retard.")
        assert cli.main(["audit", "--age-max", "zéro"]) == 2
        assert "Âge maximal invalide « zéro »" in capsys.readouterr().err
    finally:
        settings.get_settings.cache_clear()


def test_an_unreadable_directory_file_is_past_due(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "annuaire.json"
    broken.write_text("pas du json", encoding="utf-8")
    monkeypatch.setenv("MESDROITS_ANNUAIRE", str(broken))
    offices.clear_caches()
    try:
        section = next(s for s in audit(dt.date(2026, 12, 1)) if s.title.startswith("Fichier"))
        assert section.past_due and "est illisible" in section.lines[0]
    finally:
        monkeypatch.undo()
        offices.clear_caches()


@pytest.mark.parametrize("on", [dt.date(2026, 12, 1), dt.date(2030, 1, 1)])
def test_every_section_speaks_french(on: dt.date) -> None:
    for section in audit(on):
        assert section.text()[:1].isupper()
