"""What a rights sheet says, frozen when it is made (so it says the same thing tomorrow)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rules.engine.catalogue import default_catalogue
from rules.engine.evaluator import evaluate_situation
from rules.engine.facts import FACTS
from rules.engine.situation import Situation
from rules.places.offices import nearest_offices, office_to_lieu, routed_types
from rules.writing import french

ALTERNATIVES = 2


def _situation_lines(situation: Situation) -> list[dict[str, str]]:
    """The situation as the person gave it, in plain French."""
    lines = []
    for name, fact in FACTS.items():
        value = situation.facts.get(name)
        if value is None or name in ("date_evaluation", "date_naissance"):
            continue
        if name == "commune" and situation.commune is not None:
            shown = situation.commune.libelle
        elif fact.kind == "bool":
            shown = "oui" if value else "non"
        elif fact.choices:
            shown = next((c.libelle for c in fact.choices if c.valeur == value), str(value))
        elif fact.kind == "ages":
            shown = french.ages(value)
        elif fact.kind == "number":
            shown = french.euros(value) + " par mois"
        else:
            shown = f"{french.number(value)} {fact.unit}".strip()
        lines.append({"fait": name, "libelle": fact.label, "valeur": shown})
    return lines


def _places(scheme_lieu_type: str | None, alternatives: list[str], situation: Situation,
            exclude: str | None) -> list[dict[str, Any]]:
    """Other places for an eligible scheme: one of each type first (a mission locale's own
    antenna, then the catalogue's alternative type: France Travail for the CEJ), then more."""
    if situation.commune is None:
        return []
    kinds = routed_types([scheme_lieu_type or "", *alternatives], situation.commune)
    candidates = {kind: [lieu for office, distance in nearest_offices(
        kind, situation.commune, ALTERNATIVES + 1)
        if (lieu := office_to_lieu(office, distance, situation.date_evaluation))["id"] != exclude]
        for kind in kinds}
    places: list[dict[str, Any]] = []
    for per_kind in (1, ALTERNATIVES):
        for kind in kinds:
            for lieu in candidates[kind][:per_kind]:
                if len(places) < ALTERNATIVES and all(p["id"] != lieu["id"] for p in places):
                    places.append(lieu)
    return places


def build_sheet_content(situation: Situation) -> dict[str, Any]:
    """The result of `rules.evaluate` plus everything the sheet shows, from today's catalogue."""
    catalogue = default_catalogue()
    result = evaluate_situation(situation, catalogue)
    for item in result["dispositifs"]:
        scheme = catalogue.schemes[item["id"]]
        item["resume"] = scheme.resume
        item["a_verifier"] = list(scheme.a_verifier)
        item["demarche"] = scheme.demarche.model_dump(mode="json")
        item["documents"] = list(scheme.documents)
        item["sources"] = [s.model_dump(mode="json", exclude={"reference_interne"})
                           for s in scheme.sources]  # our research notes stay ours
        item["verifie_le"] = scheme.verifie_le.isoformat()
        item["porteur"] = scheme.porteur
        item["alternatives"] = []
        if item["statut"] == "eligible":
            exclude = (item.get("lieu") or {}).get("id")
            item["alternatives"] = _places(scheme.lieu_type, scheme.lieux_alternatifs,
                                           situation, exclude)
    result["situation_lignes"] = _situation_lines(situation)
    result["cree_le"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return result
