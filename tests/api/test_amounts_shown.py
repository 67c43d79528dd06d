"""The personal amounts of issue 12's household (a lone mother of two in Roubaix, 600 € of
replacement income, rent 520 €) everywhere a person or an agent reads them: the API, the sheet
(HTML, PDF, SMS text) and the desk — the same answers as OpenFisca-France (to the euro:
tests/rules/engine/test_money_cases.py)."""

from __future__ import annotations

import html
import io
import re

import pytest
from pypdf import PdfReader

ROUBAIX = {"age": 30, "commune": "Roubaix", "en_couple": False, "enfants_ages": [2, 6],
           "enceinte": False, "rsa": False, "activite": "sans_emploi",
           "ressources_mensuelles_foyer": 600, "revenus_activite_mensuels": 0,
           "logement": "locataire", "loyer_mensuel": 520, "taux_incapacite": 0,
           "date_evaluation": "2026-11-15"}
AMOUNTS = {"rsa": "environ 34 € par mois", "aide_logement": "environ 498 € par mois",
           "allocations_familiales": "environ 153 € par mois",
           "asf": "environ 404 € par mois", "paje_base": "environ 199 € par mois",
           "css": "gratuite pour votre foyer", "cheque_energie": "environ 240 € par an"}


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))


def test_the_api_gives_each_amount_with_its_source_and_assumptions(sqlite_client) -> None:
    result = sqlite_client.post("/api/v1/evaluate", json=ROUBAIX).json()
    schemes = {d["id"]: d for d in result["dispositifs"]}
    for scheme, text in AMOUNTS.items():
        amount = schemes[scheme]["montant_personnel"]
        assert schemes[scheme]["statut"] == "eligible" and amount["texte"] == text, scheme
        assert amount["parametres_du"] == "2026-11-01"
        assert "OpenFisca-France" in amount["source"] and "pas une décision" in amount["rappel"]
    assert any("pension alimentaire" in h for h in schemes["asf"]["montant_personnel"][
        "hypotheses"])
    assert not [q for q in result["questions"] if q["pour_montant"]]  # nothing left to compute


def test_the_sheet_shows_the_amounts_in_html_pdf_and_sms(sqlite_client) -> None:
    created = sqlite_client.post("/api/v1/sheets", json=ROUBAIX)
    assert created.status_code == 201, created.text
    sheet_id = created.json()["id"]
    page = _text(sqlite_client.get(f"/fiche/{sheet_id}").text)
    for text in AMOUNTS.values():
        assert f"Votre montant estimé : {text}" in page, text
    assert "Nous avons fait ces hypothèses" in page and "l'organisme qui verse l'aide" in page
    assert "Âges des enfants 2 et 6 ans" in page  # the situation as given
    pdf = sqlite_client.get(f"/fiche/{sheet_id}.pdf").content
    printed = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(pdf)).pages))
    assert "environ 498 € par mois" in printed and "environ 34 € par mois" in printed
    sms = sqlite_client.get(f"/fiche/{sheet_id}.txt").text
    assert len(sms) <= 480 and "environ 498 € par mois" in sms, sms


@pytest.fixture
def desk(sqlite_client):
    from test_agent_desk import add_agent, desk_token, login

    add_agent()
    login(sqlite_client)
    return sqlite_client, desk_token(sqlite_client)


def test_the_desk_shows_the_amounts_and_asks_for_what_is_missing(desk) -> None:
    client, token = desk
    page = _text(client.post("/agent/resultats", json=ROUBAIX,
                             headers={"X-CSRF-Token": token}).text)
    for text in AMOUNTS.values():
        assert f"Montant estimé : {text}" in page, text
    partial = {k: v for k, v in ROUBAIX.items() if k not in ("logement", "loyer_mensuel")}
    page = _text(client.post("/agent/resultats", json=partial,
                             headers={"X-CSRF-Token": token}).text)
    assert "Pour le montant, manque : logement" in page  # the RSA: eligible, amount to compute
    form = client.get("/agent").text
    assert "Pour calculer les montants (OpenFisca-France)" in form
    assert 'data-kind="ages"' in form
