"""Rights sheets: stored, unguessable, expiring, readable as HTML, PDF, SMS text and JSON."""

import datetime as dt
import html
import io

import pypdfium2
from pypdf import PdfReader
from sqlalchemy import update

from api.db import session_scope
from api.models import Sheet
from api.settings import get_settings
from api.sheets import purge_expired


def make(client, situation):
    response = client.post("/api/v1/sheets", json=situation)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_and_read_every_format(client, ines):
    created = make(client, ines)
    assert len(created["id"]) >= 32  # 192 random bits, url-safe
    assert created["url"] == f"http://testserver/fiche/{created['id']}"

    response = client.get(f"/fiche/{created['id']}")
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert '<html lang="fr">' in page
    assert "Vos droits" in page and "Contrat d'engagement jeune" in page
    assert "Vous avez 23 ans : le CEJ est ouvert de 16 à 25 ans." in page
    assert "a priori" in page
    assert "à confirmer" in page  # 2019 mission locale address, 2026 CEJ amount

    text = client.get(f"/fiche/{created['id']}.txt").text
    assert len(text) <= 480
    assert created["url"] in text and "Contrat d'engagement jeune" in text

    data = client.get(f"/fiche/{created['id']}.json").json()
    assert data["fiche"]["id"] == created["id"]
    statuses = {d["id"]: d["statut"] for d in data["dispositifs"]}
    fresh = client.post("/api/v1/evaluate", json=ines).json()
    assert statuses == {d["id"]: d["statut"] for d in fresh["dispositifs"]}
    assert client.get(f"/api/v1/sheets/{created['id']}").json()["fiche"]["situation"] == ines


def test_pdf_is_a4_one_or_two_pages_with_the_rights(client, ines):
    created = make(client, {**ines, "en_couple": False, "enfants_a_charge": 0,
                            "ressources_mensuelles_foyer": 0, "rqth": False,
                            "sans_emploi_depuis_mois": 8, "inscrit_france_travail": True,
                            "activite_2_ans_sur_3": False, "enceinte": False,
                            "residence_depuis_mois": 30})
    response = client.get(f"/fiche/{created['id']}.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Votre fiche de droits" in text
    assert "Contrat d" in text and "engagement jeune" in text
    assert "a priori" in text
    page = pypdfium2.PdfDocument(response.content)[0].render(scale=1).to_pil().convert("L")
    dark = sum(1 for value in page.getdata() if value < 128)
    assert dark > 2000  # something is printed, not a blank page


def test_sheet_keeps_what_it_said(client, ines):
    # Made on the last day of the Garantie jeunes: reading it later says the same.
    created = make(client, {**ines, "date_evaluation": "2022-02-28"})
    data = client.get(f"/fiche/{created['id']}.json").json()
    gj = next(d for d in data["dispositifs"] if d["id"] == "garantie_jeunes")
    assert gj["statut"] == "eligible"
    assert data["fiche"]["catalogue_version"] == data["catalogue_version"]


def test_delete_then_gone(client, ines):
    created = make(client, ines)
    assert client.delete(f"/api/v1/sheets/{created['id']}").status_code == 204
    for suffix in ("", ".pdf", ".txt", ".json"):
        response = client.get(f"/fiche/{created['id']}{suffix}")
        assert response.status_code == 404
        assert "Traceback" not in response.text
    assert client.delete(f"/api/v1/sheets/{created['id']}").status_code == 404


def test_delete_from_the_page(client, ines):
    created = make(client, ines)
    page = client.post(f"/fiche/{created['id']}/supprimer")
    assert page.status_code == 200 and "supprimée" in page.text
    assert client.get(f"/fiche/{created['id']}").status_code == 404


def test_expired_sheet_is_404_and_purged(client, ines):
    created = make(client, ines)
    url = get_settings().database_url
    with session_scope(url) as session:
        session.execute(update(Sheet).where(Sheet.id == created["id"]).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert client.get(f"/fiche/{created['id']}").status_code == 404
    with session_scope(url) as session:
        assert purge_expired(session) == 1


def test_retention_default_is_30_days(client, ines):
    created = make(client, ines)
    expires = dt.datetime.fromisoformat(created["expires_at"])
    delta = expires - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=29, hours=23) < delta <= dt.timedelta(days=30)


def test_unknown_and_invalid_sheet_ids(client):
    for sheet_id in ("nope", "x" * 300, "../../etc/passwd", "%00"):
        response = client.get(f"/fiche/{sheet_id}")
        assert response.status_code == 404, sheet_id
        assert "Traceback" not in response.text


def test_invalid_situation_makes_no_sheet(client):
    response = client.post("/api/v1/sheets", json={"age": -4})
    assert response.status_code == 422
    assert "âge" in response.json()["details"][0]["message"]



def test_a_sheet_never_shows_our_research_references(client):
    situation = {"age": 35, "code_insee": "59512", "rsa": True, "activite": "sans_emploi"}
    created = make(client, situation)
    for suffix in ("", ".txt", ".json"):
        text = client.get(f"/fiche/{created['id']}{suffix}").text.lower()
        assert "seed" not in text and "reference_interne" not in text, suffix
