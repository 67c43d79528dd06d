"""Rights sheet rendering: HTML (Jinja2, autoescaped), PDF (WeasyPrint) and SMS text."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rules.engine.facts import FACTS
from rules.engine.planner import question_text
from rules.engine.ranking import ranked_answer
from rules.places import hours
from rules.places.sources import DATA_ATTRIBUTIONS
from rules.writing import french

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"  # style.css: a file for pages, inline in PDFs
SMS_MAX = 480


def _french_date(value: str | dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return french.date(value)


def _now() -> dt.datetime:
    """The time pages are rendered at (a function, so that tests can fix it)."""
    return dt.datetime.now(hours.TIMEZONE)


def _opening(lieu: dict[str, Any]) -> str | None:
    """« Ouvert maintenant, jusqu'à 17 h (horaires d'août 2024) », at the time of the page."""
    return hours.lieu_status(lieu, _now())


def _month_fr(value: str | None) -> str:
    """« 2024-08-01 » → « août 2024 »."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value[:10])
    return f"{french.MONTHS[day.month - 1]} {day.year}"


def _short_freshness(lieu: dict[str, Any]) -> str:
    """The printed sheet's short form: « adresse vérifiée en janvier 2026 », « adresse de 2019,
    à confirmer » (whom to call is said once, under the rights)."""
    freshness = lieu.get("fraicheur") or ""
    return freshness.split(" : ", 1)[0] if lieu.get("a_confirmer") else freshness


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([TEMPLATES, STATIC]),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date_fr"] = _french_date
    env.filters["euros"] = french.euros
    env.filters["nombre"] = french.number
    env.filters["mois_fr"] = _month_fr
    env.filters["fraicheur_courte"] = _short_freshness
    env.globals["ouverture"] = _opening
    env.globals["question_text"] = question_text
    env.globals["fact_label"] = lambda name: FACTS[name].label if name in FACTS else name
    env.globals["attributions"] = DATA_ATTRIBUTIONS
    return env


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def sheet_context(content: dict[str, Any], sheet_id: str, url: str,
                  expires_at: dt.datetime) -> dict[str, Any]:
    schemes = content["dispositifs"]
    deferred = {q["fait"] for q in content.get("questions", []) if q.get("pour_montant")}
    undecided = [d for d in schemes if d["statut"] == "indetermine"]
    to_compute = [d for d in undecided
                  if d["faits_manquants"] and set(d["faits_manquants"]) <= deferred]
    return {
        "r": content,
        "sheet_id": sheet_id,
        "url": url,
        "expires_at": expires_at,
        "eligibles": ranked_answer(schemes).ordered(),
        "a_verifier": [d for d in undecided if d not in to_compute],
        # decided only by a computation whose facts were not asked: one line, not a card each
        "a_calculer": to_compute,
        "a_calculer_faits": sorted({f for d in to_compute for f in d["faits_manquants"]},
                                   key=lambda f: FACTS[f].label if f in FACTS else f),
        "renamed": [d for d in schemes if d["remplace_par"] and not d["en_vigueur"]],
        "not_applicable": [d for d in schemes
                           if d["statut"] == "non_eligible" and d["etat"] == "en_vigueur"],
        "annonces": [d for d in schemes if d["etat"] == "annonce"],
    }


def render_sheet_html(context: dict[str, Any], for_pdf: bool = False) -> str:
    extra = {"for_pdf": for_pdf}
    if for_pdf:
        extra["qr"] = qr_svg_data_uri(context["url"])
    return environment().get_template("sheet.html").render(**context, **extra)


def render_sheet_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    html = render_sheet_html(context, for_pdf=True)
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()


def sheet_sms_text(content: dict[str, Any], url: str, limit: int = SMS_MAX) -> str:
    """At most `limit` characters: what matters most and where, the services open to many in
    one line, and the link to the full sheet (which has the rest)."""
    answer = ranked_answer(content["dispositifs"])
    footer = f"\nVotre fiche : {url}"
    head = "Mes droits Nord. A priori, vous pouvez demander :"
    if not answer:
        head = "Mes droits Nord : rien de certain pour l'instant."
    # How fresh each place is (every place, the first one, none): as much as fits without
    # leaving a right out.
    fitted = [_fitted(_sms_lines(head, answer, places), limit - len(footer))
              for places in (len(answer.first), 1, 0)]
    kept = [text.count("\n- ") - text.count("\n- et d'autres") - text.count("\n- aussi : ")
            for text in fitted]  # the rights said, the services open to many aside
    return fitted[kept.index(max(kept))] + footer  # the link is never cut


def _sms_lines(head: str, answer: Any, fresh_places: int) -> list[str]:
    lines = [head]
    said: set[str] = set()
    for d in answer.first:  # what makes sense only at a moment is said on the sheet
        lieu = d.get("lieu") or {}
        where = ""
        if lieu.get("commune"):
            fresh = len(said) < fresh_places and lieu.get("id") not in said
            freshness = _sms_freshness(lieu) if fresh else ""
            said.add(lieu.get("id") or "")
            where = f" ({lieu['commune']}{freshness})"
        amount = d.get("montant_personnel") or {}
        estimate = f" {amount['texte']}" if amount.get("statut") == "calcule" else ""
        lines.append(f"- {_short(d)}{estimate}{where}")
    if answer.grouped:
        lines.append("- aussi : " + ", ".join(_short(d) for d in answer.grouped))
    return lines


def _sms_freshness(lieu: dict[str, Any]) -> str:
    """« , adresse vérifiée 01/2026 » or « , adresse de 2019 à confirmer, tél. 3949 »."""
    iso = lieu.get("source_date")
    if lieu.get("verifie") and iso:
        return f", adresse vérifiée {iso[5:7]}/{iso[:4]}"
    phone = lieu.get("telephone") or (lieu.get("contact_secours") or {}).get("telephone")
    call = f", tél. {phone}" if phone else ""
    if not lieu.get("adresse") and lieu.get("telephone") and lieu.get("distance_km") is None:
        return f", numéro de {iso[:4]} à confirmer" if iso else ", numéro à confirmer"
    if not lieu.get("adresse"):
        return f", adresse à confirmer{call}"
    return f", adresse de {iso[:4]} à confirmer{call}" if iso else f", à confirmer{call}"


def _short(d: dict[str, Any]) -> str:
    return d["nom"].split(" (")[0]


def _fitted(lines: list[str], budget: int) -> str:
    """The lines that fit, the others said as « et d'autres… »."""
    more = "- et d'autres…"
    kept = lines[:1]
    for i, line in enumerate(lines[1:], start=1):
        last = i == len(lines) - 1
        if len("\n".join([*kept, line])) > budget - (0 if last else len(more) + 1):
            kept.append(more)
            break
        kept.append(line)
    return "\n".join(kept)[:budget]
