"""Evaluation of the whole catalogue for one situation: the contract's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rules.engine.amount_outcomes import compute_all, merge, missing_inputs, request_of
from rules.engine.catalogue import Catalogue, default_catalogue
from rules.engine.conditions import (
    AllOf,
    Context,
    FactValues,
    Node,
    Reason,
    compile_condition,
    reason,
    threshold_inputs,
)
from rules.engine.facts import (
    DERIVED_FROM_COMMUNE,
    FACTS,
    QUARTIERS_PLACEHOLDER,
    QUESTION_ORDER,
)
from rules.engine.planner import plan_questions
from rules.engine.schema import Scheme
from rules.engine.situation import Situation, validate
from rules.engine.territory import TerritoryNode, quartier_names, quartiers_text
from rules.places.communes import get_commune
from rules.places.offices import nearest_offices, office_to_lieu, serves
from rules.writing import french

STATUS_RANK = {"eligible": 0, "indetermine": 1, "non_eligible": 2}
MEMO_SIZE = 20_000  # outcomes kept per scheme
_ORDER = {name: i for i, name in enumerate(QUESTION_ORDER)}

# Caches hold tuples and dicts that never leave this module: every result is built from fresh
# copies, so what a caller does with a result cannot change the next one.
ReasonRow = tuple[str, bool | None, str | None]  # (texte, resultat, source)
# (statut, in force, reasons, missing facts) of one scheme.
Outcome = tuple[str, bool, tuple[ReasonRow, ...], tuple[str, ...]]
# A cached dict, and the keys whose values are dicts or lists (copied one level deeper).
CachedDict = tuple[dict[str, Any], tuple[str, ...]]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity (caches)
class CompiledScheme:
    scheme: Scheme
    root: Node
    closed_reason: ReasonRow | None  # why an announcement, or an ended scheme, gives no right
    static_json: dict[str, Any]  # the result's fields that do not depend on the situation
    depends_on: tuple[str, ...]  # every fact the outcome and its reasons read
    # Outcomes already computed, by the values of `depends_on`: many people share them.
    memo: dict[tuple[Any, ...], Outcome]


@cache
def _compiled(catalogue: Catalogue) -> tuple[CompiledScheme, ...]:
    compiled = []
    for scheme in catalogue.schemes.values():
        parts: list[Node] = []
        if scheme.territoire.portee != "national":
            parts.append(TerritoryNode(scheme.territoire))
        if scheme.conditions is not None:
            parts.append(compile_condition(scheme.conditions, scheme))
        successor = catalogue.get(scheme.remplace_par) if scheme.remplace_par else None
        root = AllOf(parts)
        compiled.append(CompiledScheme(
            scheme, root, _row(_closed_reason(scheme, successor)),
            {
                "id": scheme.id,
                "nom": scheme.nom,
                "etat": scheme.statut,
                "remplace_par": scheme.remplace_par,
                "remplace_par_nom": successor.nom if successor else None,
                "importance": scheme.importance,
                "moment": scheme.moment,
            },
            tuple(sorted(root.depends_on())),
            {},
        ))
    compiled.sort(key=lambda c: (c.scheme.ordre, c.scheme.id))
    return tuple(compiled)


@cache
def _threshold_inputs(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """Every input of a computed threshold in the catalogue, and the facts compared to it."""
    found: dict[str, set[str]] = {}
    for compiled in _compiled(catalogue):
        for fact, compared in threshold_inputs(compiled.root).items():
            found.setdefault(fact, set()).update(compared)
    return {fact: frozenset(compared) for fact, compared in found.items()}


def _facts_with_derived(situation: Situation) -> FactValues:
    facts = FactValues(situation.facts)
    commune = situation.commune
    for name, derive in DERIVED_FROM_COMMUNE.items():
        facts[name] = derive(commune) if commune else None
    return facts


def _context(situation: Situation, catalogue: Catalogue) -> Context:
    ctx: Context = french.TemplateContext()
    for name, value in situation.facts.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            ctx[name] = french.number(value)
    commune = situation.commune
    if commune:
        ctx["commune_nom"] = commune.nom
        ctx["departement_nom"] = commune.departement_nom
        ctx[QUARTIERS_PLACEHOLDER] = quartiers_text(quartier_names(catalogue, commune.insee), "?")
    return ctx


def _closed_reason(scheme: Scheme, successor: Scheme | None) -> Reason | None:
    if scheme.statut == "annonce":
        text = (f"C'est une annonce ({scheme.annonce}), pas un droit que vous pouvez demander "
                "aujourd'hui.")
    elif scheme.fin is not None:
        text = f"{scheme.nom} : ce dispositif a pris fin le {french.date(scheme.fin)}."
        if successor:
            text += f" Il est remplacé par : {successor.nom}."
    else:
        return None
    return reason(text, False, scheme.sources[0].url)


def _outcome(compiled: CompiledScheme, facts: FactValues, ctx: Context) -> Outcome:
    """(statut, en vigueur, reasons, missing facts) of one scheme, read-only (it is cached)."""
    scheme = compiled.scheme
    on: dt.date = facts["date_evaluation"]
    if scheme.statut == "annonce" or (scheme.fin is not None and on > scheme.fin):
        assert compiled.closed_reason is not None
        return "non_eligible", False, (compiled.closed_reason,), ()
    key = (on, *(facts[name] for name in compiled.depends_on))
    known = compiled.memo.get(key)
    if known is None:
        value, missing = compiled.root.eval(facts)
        statut = {True: "eligible", False: "non_eligible", None: "indetermine"}[value]
        missing_sorted = (
            sorted(missing, key=lambda f: _ORDER.get(f, len(_ORDER))) if value is None else []
        )
        reasons = compiled.root.explain(facts, ctx)
        if not reasons and value:  # no condition at all: open to everyone
            reasons = [reason(f"Ce service est ouvert {scheme.territoire.libelle}.", True, None)]
        if len(compiled.memo) >= MEMO_SIZE:
            compiled.memo.clear()
        known = compiled.memo[key] = (
            statut, True, tuple(_row(r) for r in reasons), tuple(missing_sorted))
    return known


def _lieu(scheme: Scheme, situation: Situation) -> dict[str, Any] | None:
    commune = situation.commune
    if commune is None or not scheme.lieu_type:
        return None
    office_type = _first_routed_type(scheme.lieu_type, tuple(scheme.lieux_alternatifs),
                                     commune.region, commune.departement)
    if office_type is None:
        return None
    lieu = _nearest_lieu(office_type, commune.insee, situation.date_evaluation)
    return _copy(lieu) if lieu else None


def _row(r: Reason | None) -> ReasonRow | None:
    return None if r is None else (r["texte"], r["resultat"], r["source"])


def _cached(value: dict[str, Any]) -> CachedDict:
    return value, tuple(k for k, v in value.items() if isinstance(v, dict | list))


def _copy(cached: CachedDict) -> dict[str, Any]:
    """A fresh copy of a cached dict; its nested dicts and lists (flat ones) copied too."""
    value, nested = cached
    fresh = dict(value)
    for key in nested:
        inner = fresh[key]
        fresh[key] = dict(inner) if isinstance(inner, dict) else list(inner)
    return fresh


@lru_cache(maxsize=4096)
def _first_routed_type(
    lieu_type: str, alternatives: tuple[str, ...], region: str, departement: str
) -> str | None:
    """The first office type whose directory covers communes of that région and département."""
    for office_type in (lieu_type, *alternatives):
        if serves(office_type, region, departement):
            return office_type
    return None


@lru_cache(maxsize=16384)
def _nearest_lieu(office_type: str, insee: str, on: dt.date) -> CachedDict | None:
    commune = get_commune(insee)
    nearest = nearest_offices(office_type, commune, 1) if commune else []
    if not nearest:
        return None
    office, distance = nearest[0]
    return _cached(office_to_lieu(office, distance, on))


@lru_cache(maxsize=4096)
def _amounts_on(compiled: CompiledScheme, on: dt.date) -> tuple[dict[str, Any], ...]:
    """The scheme's amounts in force on that date, each with its source (flat dicts: copy)."""
    montants = []
    for amount in compiled.scheme.montants:
        dated = amount.at(on)
        if dated is not None:
            montants.append({
                "id": amount.id,
                "libelle": amount.libelle,
                "valeur": dated.valeur,
                "unite": amount.unite,
                "depuis": dated.depuis.isoformat(),
                "source": dated.source,
                "verifie": dated.statut == "confirme",
            })
    return tuple(montants)


Asks = list[tuple[str, list[str]]]  # (scheme, the facts worth asking for it)


def _waiting(evaluated: list[tuple[CompiledScheme, Outcome]], facts: dict[str, Any]
             ) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The facts each computed scheme still waits for, and those that only computations wait
    for (`deferred`: asked last, once the person agrees to « calculer vos montants »)."""
    waiting: dict[str, tuple[str, ...]] = {}
    screens: set[str] = set()  # facts that can decide a scheme before any computation
    computations: set[str] = set()  # facts that only help once the amounts are asked
    for compiled, (statut, in_force, _, missing) in evaluated:
        spec = compiled.scheme.openfisca
        early = spec is None or spec.decide_avant_calcul
        if statut == "indetermine":
            (screens if early else computations).update(missing)
        if spec is not None and in_force and statut != "non_eligible":
            waiting[compiled.scheme.id] = missing_inputs(spec, facts)
            computations.update(waiting[compiled.scheme.id])
    # A fact described as read for the amounts (`Fact.pour_montant`) waits even when a screen
    # reads it too (the AAH's rate of incapacity): nobody is asked it before a first answer.
    return waiting, frozenset((computations - screens)
                              | {f for f in screens if FACTS[f].pour_montant})


def _with_amounts(evaluated: list[tuple[CompiledScheme, Outcome]], situation: Situation
                  ) -> tuple[list[tuple[CompiledScheme, Outcome, dict[str, Any] | None]], Asks,
                             frozenset[str]]:
    """Each scheme's outcome with its personal amount merged in (`amount_outcomes`); what to
    ask for each scheme; and the deferred facts (`_waiting`).

    A computation's fact counts for a scheme only if it is deferred: the order of the first
    questions stays that of the schemes' own conditions."""
    facts = situation.facts
    waiting, deferred = _waiting(evaluated, facts)
    answers = compute_all({request_of(c.scheme.openfisca) for c, _ in evaluated  # type: ignore[arg-type]
                           if waiting.get(c.scheme.id) == ()}, facts, situation.date_evaluation)
    merged = []
    asks: Asks = []
    for compiled, outcome in evaluated:
        scheme, spec = compiled.scheme, compiled.scheme.openfisca
        screen_missing = list(outcome[3]) if outcome[0] == "indetermine" else []
        if spec is None or scheme.id not in waiting:
            merged.append((compiled, outcome, None))
            asks += [(scheme.id, screen_missing)] if screen_missing else []
            continue
        missing = waiting[scheme.id]
        answer = None if missing else answers.get(request_of(spec))
        new_outcome, amount = merge(scheme, outcome, facts, answer, missing)
        merged.append((compiled, new_outcome, amount))
        wanted = [f for f in (*screen_missing, *missing)
                  if f in deferred or (f in screen_missing and spec.decide_avant_calcul)]
        if new_outcome[0] != "non_eligible" and wanted:
            asks.append((scheme.id, wanted))
    return merged, asks, deferred


def _scheme_json(compiled: CompiledScheme, outcome: Outcome, situation: Situation,
                 amount: dict[str, Any] | None = None) -> dict[str, Any]:
    """One scheme of the result: fresh dicts, built from the read-only cached parts."""
    scheme = compiled.scheme
    statut, in_force, reasons, missing = outcome
    on = situation.date_evaluation
    return {
        **compiled.static_json,
        "statut": statut,
        "en_vigueur": in_force,
        "raisons": [{"texte": t, "resultat": v, "source": src} for t, v, src in reasons],
        "faits_manquants": list(missing),
        "lieu": _lieu(scheme, situation) if in_force else None,
        "montants": [dict(m) for m in _amounts_on(compiled, on)] if scheme.montants else [],
        "a_confirmer": scheme.a_confirmer,
        "montant_personnel": amount,
    }


def evaluate_situation(situation: Situation, catalogue: Catalogue | None = None) -> dict[str, Any]:
    catalogue = catalogue or default_catalogue()
    on = situation.date_evaluation
    facts = _facts_with_derived(situation)
    ctx = _context(situation, catalogue)
    evaluated, asks, deferred = _with_amounts([
        (compiled, _outcome(compiled, facts, ctx))
        for compiled in _compiled(catalogue)
        if compiled.scheme.debut is None or compiled.scheme.debut <= on
    ], situation)
    # Stable sort: catalogue order within a status.
    evaluated.sort(key=lambda triple: STATUS_RANK[triple[1][0]])
    commune = situation.commune
    territoire = None
    if commune is not None:
        territoire = {
            "commune": commune.insee,
            "nom": commune.nom,
            "departement": commune.departement,
            "region": commune.region,
            "dans_le_nord": commune.dans_le_nord,
        }
    return {
        "date_evaluation": on.isoformat(),
        "territoire": territoire,
        "dispositifs": [_scheme_json(c, o, situation, a) for c, o, a in evaluated],
        "questions": plan_questions(
            asks,
            quartier_names(catalogue, commune.insee if commune else None),
            situation.facts,
            _threshold_inputs(catalogue),
            deferred,
        ),
        "catalogue_version": catalogue.version,
    }


def evaluate(situation: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """The contract's `evaluate`: validate the situation, then evaluate the whole catalogue.

    Raises `rules.engine.situation.SituationError` (French messages) for an invalid situation.
    """
    return evaluate_situation(validate(situation, today))
