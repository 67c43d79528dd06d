"""The provider's batching, cache and failures (real OpenFisca, no mock of it)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from rules.engine import amounts
from rules.engine.amounts import AmountAnswer, AmountRequest
from rules.money import OpenFiscaProvider, install
from rules.money import calculator as calculator_module
from rules.money import simulation as simulation_module

ON = dt.date(2026, 11, 20)
REQUESTS = (AmountRequest("rsa", "famille"), AmountRequest("aide_logement", "famille"),
            AmountRequest("af", "famille"), AmountRequest("cheque_energie", "menage", "annee"),
            AmountRequest("aah", "individu"), AmountRequest("aspa", "famille"),
            AmountRequest("cmu_c", "famille"))


def households(n: int) -> list[dict]:
    """Distinct households; every 7th has an incapacity rate, every 5th is retired at 66 (the
    AAH and the ASPA are set to 0 in a simulation only when no one there can have them)."""
    return [{"age": 66 if i % 5 == 4 else 20 + i % 40,
             "commune": "59512" if i % 2 else "59350",
             "activite": "retraite" if i % 5 == 4 else "sans_emploi",
             "ressources_mensuelles_foyer": 100 + 17 * i,
             "logement": "locataire_social" if i % 3 == 2 else "locataire",
             "loyer_mensuel": 300 + 5 * i, "taux_incapacite": 80 if i % 7 == 6 else 0,
             "enfants_a_charge": i % 3, "enfants_ages": tuple(range(1, 1 + i % 3))}
            for i in range(n)]


@pytest.fixture(scope="module")
def warm() -> None:
    OpenFiscaProvider(timeout=120).warm_up()


def test_concurrent_calls_are_batched_and_give_the_same_answers(warm):
    facts = households(50)
    alone = OpenFiscaProvider(timeout=120)
    one_at_a_time = [alone.compute(REQUESTS, f, ON) for f in facts]
    assert alone.simulations == 50

    batched = OpenFiscaProvider(timeout=120)
    with ThreadPoolExecutor(max_workers=50) as pool:
        together = list(pool.map(lambda f: batched.compute(REQUESTS, f, ON), facts))
    assert together == one_at_a_time
    assert batched.simulations < 50
    assert any(a[REQUESTS[1]].valeur for a in together)
    assert any(a[AmountRequest("aah", "individu")].valeur for a in together)
    assert any(a[AmountRequest("aspa", "famille")].valeur for a in together)


def test_answers_are_cached(warm):
    provider = OpenFiscaProvider(timeout=120)
    facts = households(1)[0]
    first = provider.compute(REQUESTS, facts, ON)
    assert provider.compute(REQUESTS, facts, ON + dt.timedelta(days=3)) == first
    assert provider.simulations == 1
    provider.compute(REQUESTS, {**facts, "loyer_mensuel": 999}, ON)
    assert provider.simulations == 2


def test_cache_is_bounded(warm):
    provider = OpenFiscaProvider(timeout=120, cache_size=3)
    for facts in households(3):
        provider.compute(REQUESTS[:1], facts, ON)
    assert len(provider._cache) == 3
    provider.compute(REQUESTS, households(4)[3], ON)
    assert len(provider._cache) == 3


def test_a_timeout_gives_no_value_and_a_french_reason(warm, monkeypatch):
    monkeypatch.setenv("MONEY_TIMEOUT_SECONDS", "0.001")
    answers = OpenFiscaProvider().compute(REQUESTS, households(1)[0], ON)
    assert set(answers) == set(REQUESTS)
    for answer in answers.values():
        assert answer.valeur is None
        assert "trop de temps" in answer.erreur


def test_an_openfisca_exception_gives_no_value_and_a_french_reason(warm, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(simulation_module.Batch, "values", broken)
    answers = OpenFiscaProvider(timeout=120).compute(REQUESTS, households(2)[1], ON)
    for answer in answers.values():
        assert answer.valeur is None
        assert "n'a pas pu être fait" in answer.erreur

    monkeypatch.setattr(simulation_module.Batch, "__init__", broken)
    answers = OpenFiscaProvider(timeout=120).compute(REQUESTS, households(2)[1], ON)
    assert all(a.valeur is None and "n'a pas pu être fait" in a.erreur
               for a in answers.values())


def test_without_openfisca_the_answer_says_so(monkeypatch):
    monkeypatch.setattr(calculator_module, "openfisca_available", lambda: False)
    answers = OpenFiscaProvider().compute(REQUESTS, households(1)[0], ON)
    assert all(a == AmountAnswer(valeur=None, erreur=calculator_module.SANS_OPENFISCA)
               for a in answers.values())


def test_unknown_variable_or_wrong_entity(warm):
    unknown, wrong = AmountRequest("pas_une_variable", "famille"), AmountRequest("rsa", "menage")
    answers = OpenFiscaProvider(timeout=120).compute([unknown, REQUESTS[0]], households(1)[0], ON)
    assert answers[unknown].valeur is None and "ne connaît pas" in answers[unknown].erreur
    assert answers[REQUESTS[0]].valeur is not None
    answers = OpenFiscaProvider(timeout=120).compute([wrong], households(1)[0], ON)
    assert answers[wrong].valeur is None


def test_install_sets_the_engine_provider():
    previous = amounts.get_provider()
    try:
        provider = install()
        assert amounts.get_provider() is provider
    finally:
        amounts.set_provider(previous)


def test_one_odd_household_does_not_fail_the_others(warm, monkeypatch):
    original = simulation_module.Batch.__init__

    def fussy(self, tbs, batch_households, month):
        if any(h.loyer == 777 for h in batch_households):
            raise ValueError("odd household")
        original(self, tbs, batch_households, month)

    monkeypatch.setattr(simulation_module.Batch, "__init__", fussy)
    facts = households(6)
    facts[2] = {**facts[2], "loyer_mensuel": 777}
    provider = OpenFiscaProvider(timeout=120)
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda f: provider.compute(REQUESTS, f, ON), facts))
    for i, answer in enumerate(answers):
        values = [a.valeur for a in answer.values()]
        assert (all(v is None for v in values) if i == 2
                else all(v is not None for v in values))


def test_a_tenant_without_a_known_rent_gets_no_housing_benefit_figure(warm):
    facts = {**households(1)[0], "loyer_mensuel": None}
    housing, rsa = AmountRequest("aide_logement", "famille"), AmountRequest("rsa", "famille")
    answers = OpenFiscaProvider(timeout=120).compute([housing, rsa], facts, ON)
    assert answers[housing].valeur is None and "loyer" in answers[housing].erreur
    assert answers[rsa].valeur is not None
