"""Golden cases per scheme, written by jurists in `tests/schemes/<scheme_id>.yaml`.

Each file holds the cases of one scheme of `rules/catalogue/`:

    dispositif: cej
    cas:
      - titre: jeune de 25 ans sans emploi        # French, says who the person is
        date_evaluation: 2026-11-22               # the date the rules are applied at
        situation: {age: 25, activite: sans_emploi}
        attendu: eligible                         # eligible | non_eligible | indetermine | absent
        raisons: ["ouvert de 16 à 25 ans"]        # pieces of the French reasons, all required
        faits_manquants: [activite]               # (indetermine) facts that must be named
        remplace_par: cej                         # (optional) the successor shown
        source: "Code du travail, art. L5131-6"   # what justifies the expectation
        xfail: true                               # (optional) the code disagrees today…
        raison: "…"                               # …and why we think the case is right

`absent` means the scheme is not listed at that date (it had not started yet).
A case that fails on the current code is not bent: it is marked `xfail` with its `raison`,
and it fails (strict) as soon as the code agrees, so that the mark is removed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from rules import evaluate
from rules.engine.catalogue import default_catalogue

CASES_DIR = Path(__file__).resolve().parents[2] / "schemes"
STATUSES = {"eligible", "non_eligible", "indetermine", "absent"}
# money_cases.yaml holds the amounts computed by hand with OpenFisca-France (several schemes per
# file, with « montant »): it has its own runner, not this one.
NOT_SCHEME_CASES = {"money_cases.yaml"}
CASE_FIELDS = {"titre", "date_evaluation", "situation", "attendu", "raisons", "faits_manquants",
               "remplace_par", "source", "xfail", "raison"}


def _plain(text: str) -> str:
    """Non-breaking spaces (« 1 115,80 € ») compared as the plain spaces a jurist types."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _load(path: Path) -> list[dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{path.name}: un objet YAML est attendu"
    assert document.get("dispositif") == path.stem, (
        f"{path.name}: « dispositif: {document.get('dispositif')} » au lieu de {path.stem}")
    cases = document.get("cas")
    assert isinstance(cases, list) and cases, f"{path.name}: aucun cas"
    return cases


def _case_files() -> list[Path]:
    return [p for p in sorted(CASES_DIR.glob("*.yaml")) if p.name not in NOT_SCHEME_CASES]


def _params() -> list[Any]:
    params = []
    for path in _case_files():
        for case in _load(path):
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case.get("raison", "")))
            params.append(pytest.param(path.stem, case, id=f"{path.stem}: {case.get('titre')}",
                                       marks=marks))
    return params


PARAMS = _params()


def _check_shape(scheme_id: str, case: dict[str, Any]) -> None:
    where = f"{scheme_id}.yaml, cas « {case.get('titre')} »"
    unknown = set(case) - CASE_FIELDS
    assert not unknown, f"{where}: champs inconnus {sorted(unknown)}"
    for required in ("titre", "date_evaluation", "situation", "attendu", "source"):
        assert case.get(required) not in (None, ""), f"{where}: « {required} » manque"
    assert case["attendu"] in STATUSES, f"{where}: attendu « {case['attendu']} »"
    assert isinstance(case["date_evaluation"], dt.date), f"{where}: date AAAA-MM-JJ attendue"
    assert "date_evaluation" not in case["situation"], f"{where}: la date va dans le cas"
    if case.get("xfail"):
        assert case.get("raison"), f"{where}: un cas xfail dit pourquoi (« raison: »)"
    if case.get("faits_manquants"):
        assert case["attendu"] == "indetermine", f"{where}: faits manquants sans indetermine"


@pytest.mark.parametrize(("scheme_id", "case"), PARAMS)
def test_scheme_case(scheme_id: str, case: dict[str, Any]) -> None:
    _check_shape(scheme_id, case)
    assert scheme_id in default_catalogue().schemes, f"{scheme_id} n'est pas au catalogue"
    situation = {**case["situation"], "date_evaluation": case["date_evaluation"].isoformat()}
    found = {d["id"]: d for d in evaluate(situation)["dispositifs"]}.get(scheme_id)
    if case["attendu"] == "absent":
        assert found is None, f"listé le {situation['date_evaluation']} : {found}"
        return
    assert found is not None, f"{scheme_id} n'est pas listé le {situation['date_evaluation']}"
    texts = [_plain(r["texte"]) for r in found["raisons"]]
    shown = f"statut {found['statut']}, raisons {texts}, manquants {found['faits_manquants']}"
    assert found["statut"] == case["attendu"], shown
    for piece in case.get("raisons") or []:
        assert any(_plain(piece) in text for text in texts), f"« {piece} » absent : {shown}"
    missing = set(case.get("faits_manquants") or [])
    assert missing <= set(found["faits_manquants"]), shown
    if "remplace_par" in case:
        assert found["remplace_par"] == case["remplace_par"], found
    if case["attendu"] == "eligible":
        assert found["en_vigueur"] is True


def test_every_scheme_of_the_catalogue_has_its_cases():
    catalogue = set(default_catalogue().schemes)
    files = {path.stem for path in _case_files()}
    assert catalogue - files == set(), "dispositifs sans fichier de cas dans tests/schemes/"
    assert files - catalogue == set(), "fichiers de cas d'un dispositif qui n'existe pas"


def test_case_titles_are_unique_per_scheme():
    ids = [p.id for p in PARAMS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_status_a_scheme_can_take_is_covered():
    """A scheme in force with conditions has at least one case of each status; an announcement
    and an ended scheme have a case showing they give no right."""
    covered: dict[str, set[str]] = {}
    for scheme_id, case in (p.values for p in PARAMS):
        covered.setdefault(scheme_id, set()).add(case["attendu"])
    for scheme in default_catalogue().schemes.values():
        seen = covered.get(scheme.id, set())
        if scheme.statut == "annonce" or scheme.fin is not None:
            assert "non_eligible" in seen, scheme.id
        if scheme.statut == "annonce":
            continue
        if scheme.fin is None and (scheme.conditions is not None
                                   or scheme.territoire.portee != "national"):
            assert {"eligible", "non_eligible", "indetermine"} <= seen, (scheme.id, seen)
        else:
            assert "eligible" in seen, (scheme.id, seen)
