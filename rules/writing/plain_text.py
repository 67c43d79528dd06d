"""The result as readable French text (terminal; later the base of the SMS text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rules.writing import french

_HEADINGS = (
    ("eligible", "Ce que vous pouvez demander (a priori)"),
    ("indetermine", "À vérifier"),
    ("non_eligible", "Ce qui ne s'applique pas"),
)


def _lieu_lines(lieu: dict[str, Any] | None) -> list[str]:
    if not lieu:
        return []
    where = lieu["nom"]
    choice = lieu.get("choix") or {}
    if choice.get("mode") == "zone":
        where = f"{choice['texte']} : {where}"
    if lieu.get("adresse"):
        where += f", {lieu['adresse']}"
    if lieu.get("commune"):
        where += f", {lieu['commune']}"
    if lieu.get("distance_km") is not None:
        approx = " environ" if lieu.get("position_approchee") else ""
        where += f" (à{approx} {french.number(lieu['distance_km'])} km)"
    lines = [f"    Où : {where}"]
    if lieu.get("telephone"):
        lines.append(f"    Tél. : {lieu['telephone']}")
    if lieu.get("horaires"):
        lines.append(f"    Horaires : {lieu['horaires']}")
    if lieu.get("fraicheur"):
        text = lieu["fraicheur"]
        lines.append(f"    {text[:1].upper()}{text[1:]}.")
    elif lieu.get("a_confirmer"):
        date = f" (source de {lieu['source_date'][:4]})" if lieu.get("source_date") else ""
        lines.append(f"    Adresse à confirmer{date}.")
    if lieu.get("a_confirmer") and not lieu.get("fraicheur"):
        backup = lieu.get("contact_secours")
        if backup:
            lines.append(f"    Contact sûr : {backup.get('nom')}, {backup.get('telephone')}")
    return lines


def _header_lines(result: dict[str, Any]) -> list[str]:
    territoire = result.get("territoire")
    header = f"Vos droits au {french.date(dt.date.fromisoformat(result['date_evaluation']))}"
    if territoire:
        header += f" — {territoire['nom']}"
    lines = [header, "=" * len(header)]
    if territoire and not territoire["dans_le_nord"]:
        lines.append(
            "Vous n'habitez pas dans le Nord : les aides du Département du Nord ne vous "
            "concernent pas, mais les dispositifs nationaux restent valables."
        )
    return lines


def _amount_lines(d: dict[str, Any]) -> list[str]:
    lines = []
    for amount in d.get("montants", []):
        flag = "" if amount["verifie"] else " (à confirmer)"
        lines.append(
            f"    {amount['libelle']} : {french.euros(amount['valeur'])} "
            f"{amount['unite'].removeprefix('€ ')}{flag}"
        )
    return lines


def _personal_amount_lines(d: dict[str, Any]) -> list[str]:
    amount = d.get("montant_personnel") or {}
    if amount.get("statut") == "calcule":
        return [f"    Votre montant estimé : {amount['texte']} ({amount.get('source')}). "
                f"{amount['rappel']}", *(f"    Hypothèse : {h}" for h in amount["hypotheses"])]
    if amount.get("statut") == "a_verifier":
        return [f"    {amount['texte']}"]
    return []


def _scheme_lines(d: dict[str, Any], status: str) -> list[str]:
    lines = [f"• {d['nom']}"]
    lines += [f"    {reason['texte']}" for reason in d["raisons"]]
    if status == "eligible":
        lines += _amount_lines(d)
        lines += _personal_amount_lines(d)
        lines += _lieu_lines(d.get("lieu"))
    if d.get("a_confirmer") and status != "non_eligible":
        lines.append(f"    À confirmer : {d['a_confirmer']}")
    return lines


def _status_lines(result: dict[str, Any], verbose: bool) -> list[str]:
    lines: list[str] = []
    for status, heading in _HEADINGS:
        schemes = [d for d in result["dispositifs"] if d["statut"] == status]
        if status == "non_eligible" and not verbose:
            schemes = [d for d in schemes if d["en_vigueur"]]
        if schemes:
            lines += ["", heading, "-" * len(heading)]
        for d in schemes:
            lines += _scheme_lines(d, status)
    return lines


def _renamed_lines(result: dict[str, Any]) -> list[str]:
    renamed = [d for d in result["dispositifs"] if d["remplace_par"] and not d["en_vigueur"]]
    if not renamed:
        return []
    return ["", "Des noms ont changé"] + [
        f"• {d['nom']} → {d['remplace_par_nom']}" for d in renamed]


def _question_lines(result: dict[str, Any]) -> list[str]:
    if not result["questions"]:
        return []
    return ["", "Pour en savoir plus, il faudrait répondre à :"] + [
        f"• {q['texte']}" for q in result["questions"][:5]]


def result_text(result: dict[str, Any], verbose: bool = False) -> str:
    lines = [
        *_header_lines(result),
        *_status_lines(result, verbose),
        *_renamed_lines(result),
        *_question_lines(result),
        "",
        "Ces réponses sont données a priori : c'est l'organisme (CAF, France Travail, "
        "Département…) qui décide.",
    ]
    return "\n".join(lines)
