"""Merging the personal amounts (the `openfisca:` field of a scheme) into its outcome.

The scheme's own conditions are an early screen: a « non » from them stands without a
computation, and so does an « eligible » when the scheme says its conditions prove it
(`decide_avant_calcul`: the RSA under its montant forfaitaire). Otherwise, once every fact the
computation reads is known, the computation decides (`eligible` with an amount above zero,
`non_eligible` at zero, unless the person already receives the aid); until then the scheme is
`indetermine` and the computation's facts are asked.
A computation that fails or is too slow never gives « non »: the scheme says « à vérifier ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rules.engine.amounts import AmountAnswer, AmountRequest, get_provider
from rules.engine.facts import FACTS
from rules.engine.schema import OpenFisca, Scheme
from rules.writing import french

ReasonRow = tuple[str, bool | None, str | None]
Outcome = tuple[str, bool, tuple[ReasonRow, ...], tuple[str, ...]]

SOURCE = "Calcul OpenFisca-France"
UNITS = {"mois": "€ par mois", "annee": "€ par an"}
NO_CALCULATOR = "le calcul des montants n'est pas disponible en ce moment"
REMINDER = ("C'est une estimation, pas une décision : l'organisme qui verse l'aide étudie votre "
            "dossier et calcule le montant exact.")


def request_of(spec: OpenFisca) -> AmountRequest:
    return AmountRequest(spec.variable, spec.entite, spec.periode)


def missing_inputs(spec: OpenFisca, facts: Mapping[str, Any]) -> tuple[str, ...]:
    """The computation's facts still unknown, leaving out those whose premise is false (no
    rent to ask of an owner, no partner's age to ask of a person living alone)."""
    missing = []
    for name in spec.faits:
        if facts.get(name) is not None:
            continue
        premise = FACTS[name].premise
        if premise is not None and premise.holds(facts) is False:
            continue
        missing.append(name)
    return tuple(missing)


def compute_all(requests: set[AmountRequest], facts: Mapping[str, Any], on: dt.date
                ) -> dict[AmountRequest, AmountAnswer]:
    """Every request's answer, in one call to the calculator (batched with other people's)."""
    if not requests:
        return {}
    provider = get_provider()
    if provider is None:
        return {r: AmountAnswer(None, NO_CALCULATOR) for r in requests}
    try:
        answers = provider.compute(sorted(requests, key=lambda r: r.variable), facts, on)
    except Exception:  # a calculator must not break the answer: « à vérifier »
        answers = {}
    return {r: answers.get(r) or AmountAnswer(None, NO_CALCULATOR) for r in requests}


def _sentence(error: str | None) -> str:
    """The calculator's reason as one sentence ending with one full stop (its messages end
    with one already: « …il reste à vérifier. »)."""
    return (error or NO_CALCULATOR).rstrip().rstrip(".") + "."


def _context(facts: Mapping[str, Any], answer: AmountAnswer) -> french.TemplateContext:
    ctx = french.TemplateContext()
    for name, value in facts.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            ctx[name] = french.number(value)
    for name, value in answer.detail.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            ctx[name] = french.number(round(value))
    return ctx


# A spec's references as plain dicts, serialised once (every evaluation used to re-serialise
# them for each computed scheme); the spec is kept with them, so its id is not reused.
_REFERENCES: dict[int, tuple[OpenFisca, tuple[dict[str, Any], ...]]] = {}


def _references(spec: OpenFisca) -> tuple[dict[str, Any], ...]:
    known = _REFERENCES.get(id(spec))
    if known is None or known[0] is not spec:
        known = _REFERENCES[id(spec)] = (spec, tuple(r.model_dump() for r in spec.references))
    return known[1]


def rounded_text(value: float, periode: str) -> str:
    return f"environ {french.euros(round(value))} {UNITS[periode].removeprefix('€ ')}"


def personal_amount(spec: OpenFisca, answer: AmountAnswer | None,
                    missing: tuple[str, ...]) -> dict[str, Any]:
    """The `montant_personnel` of a scheme's result: computed, to compute, or to check."""
    base: dict[str, Any] = {
        "libelle": spec.libelle,
        "unite": UNITS[spec.periode],
        "references": [dict(r) for r in _references(spec)],
        "rappel": REMINDER,
    }
    if answer is None:
        return {**base, "statut": "a_calculer", "faits_manquants": list(missing),
                "valeur": None, "arrondi": None, "texte": None}
    if answer.valeur is None:
        return {**base, "statut": "a_verifier", "faits_manquants": [], "valeur": None,
                "arrondi": None, "texte": f"À vérifier : {_sentence(answer.erreur)}"}
    if spec.nature == "droit":
        text = str(answer.detail.get("texte") or "ouvert d'après le calcul")
        value, rounded = None, None
    else:
        text = rounded_text(answer.valeur, spec.periode)
        value, rounded = round(answer.valeur, 2), round(answer.valeur)
    return {
        **base,
        "statut": "calcule",
        "faits_manquants": [],
        "valeur": value,
        "arrondi": rounded,
        "texte": text,
        "parametres_du": answer.parametres_du.isoformat() if answer.parametres_du else None,
        "hypotheses": list(answer.hypotheses),
        "source": SOURCE + (f" (législation au {french.date(answer.parametres_du)})"
                            if answer.parametres_du else ""),
    }


def merge(scheme: Scheme, outcome: Outcome, facts: Mapping[str, Any],
          answer: AmountAnswer | None, missing: tuple[str, ...]
          ) -> tuple[Outcome, dict[str, Any] | None]:
    """The scheme's outcome once its computation is known (or still waits for `missing`)."""
    spec = scheme.openfisca
    statut, in_force, reasons, screen_missing = outcome
    if spec is None or not in_force or statut == "non_eligible":
        return outcome, None
    amount = personal_amount(spec, answer, missing)
    proven = statut == "eligible" and spec.decide_avant_calcul
    if answer is None:  # facts still missing: only a proven « eligible » stands
        if proven:
            return outcome, amount
        merged = tuple(dict.fromkeys((*screen_missing, *missing)))
        kept = tuple(r for r in reasons if r[1] is not False)
        return ("indetermine", in_force, kept, merged), amount
    if answer.valeur is None:
        if proven:
            return outcome, amount
        row = (f"À vérifier : {_sentence(answer.erreur)} Le guichet pourra faire le "
               "calcul avec vous.", None, None)
        return ("indetermine", in_force, (*reasons, row), ()), amount
    already = spec.deja_percu is not None and facts.get(spec.deja_percu) is True
    kept = tuple(r for r in reasons if r[1] is True)
    if answer.valeur >= 0.5:
        row = (f"{spec.libelle} : {amount['texte']}, d'après votre situation.", True, SOURCE)
        return ("eligible", in_force, (*kept, row), ()), amount
    if already:
        row = ("Le calcul donne 0 € avec ce que vous nous avez dit : c'est à vérifier avec "
               "l'organisme qui vous verse l'aide.", None, SOURCE)
        amount = {**amount, "statut": "a_verifier", "texte": "À vérifier : le calcul donne 0 €."}
        return ("eligible", in_force, (*kept, row), ()), amount
    row = (french.fill(spec.si_zero, _context(facts, answer)), False, SOURCE)
    return ("non_eligible", in_force, (row,), ()), amount
