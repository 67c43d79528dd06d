"""Properties of the three-valued evaluation, over generated situations."""

import datetime as dt
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import evaluate

ACTIVITES = ["sans_emploi", "emploi", "etudes", "formation", "apprentissage", "retraite",
             "autre"]
COMMUNES = [f"insee:{c}" for c in ("59512", "59360", "59350", "59599", "59043", "59606",
                                   "59122", "62498", "93079", "75056", "59183")]

_base_situations = st.fixed_dictionaries({
    "age": st.integers(14, 80),
    "commune": st.sampled_from(COMMUNES),
    "residence_depuis_mois": st.integers(0, 60),
    "quartier_tzc": st.booleans(),
    "activite": st.sampled_from(ACTIVITES),
    "sans_emploi_depuis_mois": st.integers(0, 40),
    "inscrit_france_travail": st.booleans(),
    "rsa": st.booleans(),
    "rqth": st.booleans(),
    "en_couple": st.booleans(),
    "enceinte": st.booleans(),
    "ressources_mensuelles_foyer": st.one_of(st.integers(0, 3000), st.floats(0, 3000)),
    "activite_2_ans_sur_3": st.booleans(),
    "date_evaluation": st.sampled_from(["2021-06-01", "2022-02-28", "2022-03-01",
                                       "2025-03-31", "2026-11-22"]),
    # the facts of the personal amounts (rules/money, OpenFisca-France)
    "logement": st.sampled_from(["locataire", "locataire_social", "proprietaire", "heberge",
                                 "sans_domicile"]),
    "taux_incapacite": st.sampled_from([0, 50, 80]),
})


@st.composite
def full_situations(draw):
    """A complete situation, consistent: `enfants_ages` of length `enfants_a_charge` with
    `enfants_moins_3_ans` ages under 3; the partner's facts only in a couple; a rent only for
    tenants; the earnings and the partner's income within the household's resources."""
    d = draw(_base_situations)
    n = draw(st.integers(0, 4))
    k = draw(st.integers(0, n))
    ages = (draw(st.lists(st.integers(0, 2), min_size=k, max_size=k))
            + draw(st.lists(st.integers(3, 19), min_size=n - k, max_size=n - k)))
    d |= {"enfants_a_charge": n, "enfants_moins_3_ans": k,
          "enfants_ages": tuple(draw(st.permutations(ages)))}
    if d["logement"] in ("locataire", "locataire_social"):
        d["loyer_mensuel"] = draw(st.integers(0, 900))
    total = float(d["ressources_mensuelles_foyer"])
    partner = 0.0
    if d["en_couple"]:
        partner = round(draw(st.floats(0, 1)) * total, 2)
        d |= {"conjoint_age": draw(st.integers(14, 80)),
              "conjoint_activite": draw(st.sampled_from(ACTIVITES)),
              "conjoint_revenus_mensuels": partner}
    d["revenus_activite_mensuels"] = round(draw(st.floats(0, 1)) * max(0.0, total - partner),
                                           2)
    return d


@st.composite
def partial_and_full(draw):
    full = draw(full_situations())
    keep = draw(st.sets(st.sampled_from(sorted(full)), max_size=len(full)))
    partial = {k: v for k, v in full.items() if k in keep or k == "date_evaluation"}
    return partial, full


def statuses(result):
    return {d["id"]: d for d in result["dispositifs"]}


# How often the RSA's early « eligible » (decide_avant_calcul) is contradicted once the
# computation has run: printed by `test_rsa_early_eligible_contradictions_are_reported`.
RSA_EARLY: Counter[str] = Counter()


def _computed(d):
    return (d.get("montant_personnel") or {}).get("statut") == "calcule"


def rsa_early_eligible_overturned(scheme_id, before, after):
    """The one documented exception (PRODUCT.md): the RSA said « eligible » from its
    conditions (resources under the montant forfaitaire) before the computation could run;
    OpenFisca then counts what the screen does not (forfait logement, the family benefits
    and the ASPA it computes) and may find 0 €."""
    return (scheme_id == "rsa" and before["statut"] == "eligible"
            and after["statut"] == "non_eligible" and not _computed(before)
            and _computed(after))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_and_full())
def test_a_decided_status_never_changes_when_facts_are_added(pair):
    partial, full = pair
    before, after = statuses(evaluate(partial)), statuses(evaluate(full))
    for scheme_id, d in before.items():
        if d["statut"] != "indetermine":
            if scheme_id == "rsa" and d["statut"] == "eligible" and not _computed(d):
                RSA_EARLY["early eligible"] += 1
                if _computed(after["rsa"]):
                    RSA_EARLY["then computed"] += 1
            if rsa_early_eligible_overturned(scheme_id, d, after[scheme_id]):
                RSA_EARLY["overturned"] += 1
                continue
            assert after[scheme_id]["statut"] == d["statut"], (scheme_id, partial, full)
            assert d["faits_manquants"] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
            # Either a fact can decide it, or the catalogue has no amount for that date, or
            # the computation said « à vérifier » (it failed or took longer than
            # MONEY_TIMEOUT_SECONDS: no fact can decide then, the guichet computes). The
            # suite allows 60 s and warms OpenFisca up, so the last one is not expected here.
            assert d["faits_manquants"] or any(
                "montant de référence" in r["texte"] for r in d["raisons"]) or (
                (d["montant_personnel"] or {}).get("statut") == "a_verifier"), d["id"]
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


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_situations())
def test_the_rsa_early_eligible_is_the_only_status_the_computation_overturns(full):
    """The same complete situation, before the computation can run (no housing situation
    yet) and after: only the RSA's early « eligible » may change (and it is counted)."""
    before = statuses(evaluate({k: v for k, v in full.items()
                                if k not in ("logement", "loyer_mensuel")}))
    after = statuses(evaluate(full))
    for scheme_id, d in before.items():
        if d["statut"] == "indetermine":
            continue
        if scheme_id == "rsa" and d["statut"] == "eligible":
            RSA_EARLY["complete: early eligible"] += 1
            if after["rsa"]["statut"] == "non_eligible":
                RSA_EARLY["complete: overturned"] += 1
                continue
        assert after[scheme_id]["statut"] == d["statut"], (scheme_id, full)


def test_rsa_early_eligible_contradictions_are_reported(capsys):
    """Runs after the property above (file order): how often the exception happened."""
    with capsys.disabled():
        print(f"\nRSA early « eligible » over the generated pairs: {dict(RSA_EARLY)}")
