"""Properties of the three-valued evaluation, over generated situations."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import evaluate

COMMUNES = [f"insee:{c}" for c in ("59512", "59360", "59350", "59599", "59043", "59606",
                                   "59122", "62498", "93079", "75056", "59183")]

full_situations = st.fixed_dictionaries({
    "age": st.integers(14, 80),
    "commune": st.sampled_from(COMMUNES),
    "residence_depuis_mois": st.integers(0, 60),
    "quartier_tzc": st.booleans(),
    "activite": st.sampled_from(["sans_emploi", "emploi", "etudes", "formation",
                                 "apprentissage", "retraite", "autre"]),
    "sans_emploi_depuis_mois": st.integers(0, 40),
    "inscrit_france_travail": st.booleans(),
    "rsa": st.booleans(),
    "rqth": st.booleans(),
    "en_couple": st.booleans(),
    "enceinte": st.booleans(),
    "ressources_mensuelles_foyer": st.one_of(st.integers(0, 3000), st.floats(0, 3000)),
    "activite_2_ans_sur_3": st.booleans(),
    "conjoint_age": st.integers(14, 80),
    "date_evaluation": st.sampled_from(["2021-06-01", "2022-02-28", "2022-03-01",
                                       "2025-03-31", "2026-11-22"]),
}).flatmap(lambda d: st.integers(0, 4).flatmap(
    lambda n: st.integers(0, n).map(
        lambda k: {**d, "enfants_a_charge": n, "enfants_moins_3_ans": k})))


@st.composite
def partial_and_full(draw):
    full = draw(full_situations)
    keep = draw(st.sets(st.sampled_from(sorted(full)), max_size=len(full)))
    partial = {k: v for k, v in full.items() if k in keep or k == "date_evaluation"}
    return partial, full


def statuses(result):
    return {d["id"]: d for d in result["dispositifs"]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_and_full())
def test_a_decided_status_never_changes_when_facts_are_added(pair):
    partial, full = pair
    before, after = statuses(evaluate(partial)), statuses(evaluate(full))
    for scheme_id, d in before.items():
        if d["statut"] != "indetermine":
            assert after[scheme_id]["statut"] == d["statut"], (scheme_id, partial, full)
            assert d["faits_manquants"] == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_and_full())
def test_answering_the_missing_facts_always_ends_in_a_decision(pair):
    partial, full = pair
    situation = dict(partial)
    for _ in range(len(full)):
        result = evaluate(situation)
        undecided = [d for d in result["dispositifs"] if d["statut"] == "indetermine"]
        if not undecided:
            break
        for d in undecided:
            # Either a fact can decide it, or the catalogue has no amount for that date.
            assert d["faits_manquants"] or any(
                "montant de référence" in r["texte"] for r in d["raisons"]), d["id"]
        if not result["questions"]:
            break
        asked = result["questions"][0]["fait"]
        assert asked not in situation
        situation[asked] = full[asked]
    else:
        raise AssertionError(f"still questions after answering everything: {situation}")
    assert evaluate(situation)["questions"] == []


def test_date_defaults_to_today():
    assert evaluate({})["date_evaluation"] == dt.date.today().isoformat()
