"""Personal amounts checked to the euro against OpenFisca-France simulations built by hand
(tests/schemes/money_cases.yaml, made by tests/schemes/compute_money_cases.py without the
engine): the status and the rounded amount the person reads on the sheet."""

from pathlib import Path

import pytest
import yaml

from rules import evaluate

CASES = yaml.safe_load((Path(__file__).parents[2] / "schemes" / "money_cases.yaml").read_text(
    encoding="utf-8"))["cas"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['dispositif']}: {c['titre'][:70]}")
def test_amount_to_the_euro(case):
    situation = dict(case["situation"])
    situation["code_insee"] = situation.pop("commune")  # the cases name communes by INSEE code
    result = evaluate({"date_evaluation": str(case["date_evaluation"]), **situation})
    scheme = next(d for d in result["dispositifs"] if d["id"] == case["dispositif"])
    assert scheme["statut"] == case["attendu"], scheme["raisons"]
    amount = scheme["montant_personnel"]
    assert amount is not None and amount["statut"] == "calcule", amount
    if case["dispositif"] == "css":  # the monthly participation; 0 means the CSS is free
        expected = "gratuite" if case["montant"] == 0 else f"{case['montant']} € par mois"
        assert expected in amount["texte"], amount["texte"]
    elif case["attendu"] == "eligible":
        assert abs(amount["arrondi"] - case["montant"]) <= 1, (amount, case["source"])
        assert amount["texte"].startswith("environ ")
    else:
        assert case["montant"] == 0
        assert "0 €" in scheme["raisons"][0]["texte"], scheme["raisons"]
