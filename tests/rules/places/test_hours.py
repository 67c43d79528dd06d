"""Opening hours: one representation (OpenStreetMap `opening_hours`), said as a person needs
it — at fixed dates, around a lunch break and public holidays."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import opening_hours
import pytest

from rules.places import hours
from rules.places.hours import HoursError, from_dila, from_weekday_texts, status_text
from rules.places.offices import office_to_lieu, offices_of_type

DATA = Path(__file__).resolve().parents[3] / "rules" / "places" / "data"
BUS = "Mo-Th 09:30-12:30,13:30-16:00; Fr 09:00-13:00; PH off"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=hours.TIMEZONE)


def test_the_anct_free_text_becomes_opening_hours() -> None:
    week = ["09:30 - 12:30 / 13:30 - 16:00"] * 4 + ["09:00 - 13:00", ""]
    assert from_weekday_texts(week) == BUS
    # the source's duplicated and overlapping ranges are merged, « 00:00 - 00:00 » is no hours
    assert from_weekday_texts(["09:00 - 12:30 / 09:00 - 17:00 / 14:00 - 17:00", "00:00 - 00:00",
                               "", "", "", ""]) == "Mo 09:00-17:00; PH off"
    assert from_weekday_texts(["", "", "", "", "", ""]) is None
    # by appointment only, on the days the comment names
    assert from_weekday_texts(["09:00 - 12:00"] * 5 + [""],
                              "Sur rendez-vous uniquement les JEUDIS et VENDREDIS") == (
        'Mo-We 09:00-12:00; Th-Fr 09:00-12:00 "sur rendez-vous"; PH off')
    assert from_weekday_texts(["09:00 - 12:00"] + [""] * 5, "prise de rdv conseillée") == (
        "Mo 09:00-12:00; PH off")  # advised is not « by appointment only »


@pytest.mark.parametrize(("text", "why"), [
    ("9h-12h", "illisible"), ("12:00 - 09:00", "finit avant"), ("25:00 - 26:00", "impossible")])
def test_unreadable_hours_are_refused_in_french(text: str, why: str) -> None:
    with pytest.raises(HoursError, match=why):
        from_weekday_texts([text])


def test_every_packaged_france_services_has_readable_hours() -> None:
    with (DATA / "france_services_20240801.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with_hours = sum(1 for row in rows if any(row[f"h_{d}"].strip() and row[f"h_{d}"].strip()
                                              != "00:00 - 00:00" for d in hours.FRENCH_DAYS[:6]))
    converted = [o for o in offices_of_type("france_services") if o.horaires]
    assert len(converted) == with_hours == 2797
    for office in converted:
        assert opening_hours.validate(office.horaires), office.horaires


def test_the_dila_plage_ouverture_becomes_opening_hours() -> None:
    plages = [
        {"nom_jour_debut": "Lundi", "nom_jour_fin": "Jeudi", "valeur_heure_debut_1": "08:30:00",
         "valeur_heure_fin_1": "12:00:00", "valeur_heure_debut_2": "13:30:00",
         "valeur_heure_fin_2": "17:00:00", "commentaire": ""},
        {"nom_jour_debut": "Vendredi", "nom_jour_fin": "Vendredi",
         "valeur_heure_debut_1": "08:30:00", "valeur_heure_fin_1": "12:00:00",
         "valeur_heure_debut_2": "", "valeur_heure_fin_2": "",
         "commentaire": "Sur rendez-vous l'après-midi"},
    ]
    assert from_dila(plages) == ('Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00 '
                                 '"sur rendez-vous"; PH off')
    with pytest.raises(HoursError, match="jour inconnu"):
        from_dila([{"nom_jour_debut": "Lunedi"}])


@pytest.mark.parametrize(("moment", "said"), [
    # a Thursday: open in the morning, the lunch break, the afternoon, the evening
    ("2026-11-12 09:29", "fermé maintenant, ouvre aujourd'hui à 9 h 30"),
    ("2026-11-12 09:30", "ouvert maintenant, jusqu'à 12 h 30"),
    ("2026-11-12 12:29", "ouvert maintenant, jusqu'à 12 h 30"),
    ("2026-11-12 12:30", "fermé maintenant, ouvre aujourd'hui à 13 h 30"),
    ("2026-11-12 13:00", "fermé maintenant, ouvre aujourd'hui à 13 h 30"),
    ("2026-11-12 15:59", "ouvert maintenant, jusqu'à 16 h"),
    ("2026-11-12 18:00", "fermé maintenant, ouvre demain à 9 h"),
    # Wednesday 11 November 2026, Armistice: closed although a Wednesday
    ("2026-11-11 10:00", "fermé aujourd'hui (jour férié : Armistice), ouvre demain à 9 h 30"),
    ("2026-11-10 17:00", "fermé maintenant, ouvre jeudi à 9 h 30"),
    # Friday 25 December: from Thursday evening the next opening is Monday
    ("2026-12-24 17:00", "fermé maintenant, ouvre lundi à 9 h 30"),
    ("2026-12-25 10:00", "fermé aujourd'hui (jour férié : Noël), ouvre lundi à 9 h 30"),
    # Ascension Thursday 14 May 2026, and Whit Monday 25 May 2026
    ("2026-05-14 10:00", "fermé aujourd'hui (jour férié : Ascension), ouvre demain à 9 h"),
    ("2026-05-22 14:00", "fermé maintenant, ouvre mardi à 9 h 30"),
    ("2026-11-14 10:00", "fermé maintenant, ouvre lundi à 9 h 30"),
])
def test_open_now_around_a_lunch_break_and_public_holidays(moment: str, said: str) -> None:
    assert status_text(BUS, at(moment)) == said


def test_the_time_is_read_in_the_nord_whatever_the_server_zone() -> None:
    utc = dt.datetime(2026, 11, 12, 11, 45, tzinfo=dt.UTC)  # 12:45 in Lille (winter)
    assert status_text(BUS, utc) == "fermé maintenant, ouvre aujourd'hui à 13 h 30"
    summer = dt.datetime(2026, 7, 2, 10, 45, tzinfo=dt.UTC)  # 12:45 in Lille (summer)
    assert status_text(BUS, summer) == "fermé maintenant, ouvre aujourd'hui à 13 h 30"


def test_by_appointment_is_said() -> None:
    value = 'Mo-Fr 09:00-12:00 "sur rendez-vous"; PH off'
    assert status_text(value, at("2026-11-12 10:00")) == (
        "ouvert maintenant sur rendez-vous, jusqu'à 12 h")
    assert status_text(value, at("2026-11-12 14:00")) == (
        "fermé maintenant, ouvre demain à 9 h, sur rendez-vous")
    assert hours.weekly_text(value, dt.date(2026, 11, 12)) == (
        "du lundi au vendredi : 9 h – 12 h, sur rendez-vous")


def test_the_two_holiday_calendars_agree() -> None:
    """`opening-hours-py` decides « PH » with its own French calendar; `holidays` names the day:
    they must agree on every day, or a person would read « jour férié » on an open day."""
    parsed = opening_hours.OpeningHours("Mo-Su 00:00-24:00; PH off", country="FR")
    day = dt.date(2026, 1, 1)
    while day.year <= 2030:
        noon = dt.datetime.combine(day, dt.time(12))
        assert (not parsed.is_open(noon)) == (hours.public_holiday(day) is not None), day
        day += dt.timedelta(days=1)


def test_a_lieu_says_its_hours_and_their_date() -> None:
    bus = next(o for o in offices_of_type("france_services")
               if o.nom == "Bus France services de l'Avesnois")
    lieu = office_to_lieu(bus, 2.0, dt.date(2026, 11, 12))
    assert hours.lieu_status(lieu, at("2026-11-12 10:00")) == (
        "Ouvert maintenant, jusqu'à 12 h 30 (horaires d'août 2024)")
    assert lieu["sur_rendez_vous"] is False
    mission_locale = next(o for o in offices_of_type("mission_locale"))
    assert hours.lieu_status(office_to_lieu(mission_locale, 1.0, dt.date(2026, 11, 12)),
                             at("2026-11-12 10:00")) is None  # no hours known: nothing said
