"""The planner asks only what can matter: premises first, never a question whose premise is
false, and computed thresholds decided on every value the unknown facts allow."""

from rules import evaluate

TODAY = "2026-11-22"


def _questions(**facts):
    """The questions asked before a first answer (not those only the amounts need)."""
    return [q["fait"] for q in evaluate({"date_evaluation": TODAY, **facts})["questions"]
            if not q["pour_montant"]]


def _status(scheme_id, **facts):
    result = evaluate({"date_evaluation": TODAY, **facts})
    return next(d for d in result["dispositifs"] if d["id"] == scheme_id)


def test_children_under_3_are_asked_only_after_a_child():
    before = _questions(age=30, commune="Lille")
    assert before.index("enfants_a_charge") < before.index("enfants_moins_3_ans")
    assert "enfants_moins_3_ans" not in _questions(age=30, commune="Lille", enfants_a_charge=0)
    assert "enfants_moins_3_ans" in _questions(age=30, commune="Lille", enfants_a_charge=2)


def test_the_first_question_never_waits_for_an_unknown_premise():
    questions = [q for q in evaluate({"date_evaluation": TODAY, "commune": "Loos",
                                      "quartier_tzc": True})["questions"]
                 if not q["pour_montant"]]
    assert "apres" not in questions[0]
    waiting = [q for q in questions if "apres" in q]
    assert {q["fait"]: q["apres"] for q in waiting}["sans_emploi_depuis_mois"] == "activite"
    assert questions.index(waiting[0]) > max(i for i, q in enumerate(questions) if "apres" not in q)


def test_months_without_work_are_not_asked_to_workers_students_or_retirees():
    for activite in ("emploi", "etudes", "retraite", "apprentissage"):
        asked = _questions(age=40, commune="Loos", quartier_tzc=True, activite=activite)
        assert "sans_emploi_depuis_mois" not in asked, activite
        assert _status("tzc", age=40, commune="Loos", quartier_tzc=True,
                       activite=activite)["statut"] == "non_eligible"
    assert "sans_emploi_depuis_mois" in _questions(age=40, commune="Loos", quartier_tzc=True,
                                                   activite="sans_emploi")


def test_a_question_that_changes_no_threshold_is_not_asked():
    facts = {"age": 40, "rsa": False, "activite": "sans_emploi", "enfants_a_charge": 0,
             "ressources_mensuelles_foyer": 500}
    assert _status("rsa", **facts)["statut"] == "eligible"
    assert "en_couple" not in _status("rsa", **facts)["faits_manquants"]
    # a couple with two children: whether one is under 3 changes nothing for the RSA
    couple = {**facts, "enfants_a_charge": 2, "en_couple": True,
              "ressources_mensuelles_foyer": 1100}
    assert "enfants_moins_3_ans" not in _status("rsa", **couple)["faits_manquants"]


def test_two_years_of_work_are_asked_after_the_age():
    questions = _questions(commune="Lille", activite="sans_emploi", rsa=False,
                           enfants_a_charge=0, enceinte=False, ressources_mensuelles_foyer=0)
    assert questions.index("age") < questions.index("activite_2_ans_sur_3")
    assert "activite_2_ans_sur_3" not in _questions(commune="Lille", age=16,
                                                    activite="sans_emploi", rsa=False)


def test_the_resources_come_before_what_only_sizes_the_rsa_threshold():
    facts = {"commune": "Hautmont", "activite": "sans_emploi", "rsa": False, "age": 40,
             "enfants_a_charge": 0}
    asked = _questions(**facts)
    assert asked.index("ressources_mensuelles_foyer") < asked.index("enceinte")
    # 500 € is under the RSA amount of any household: neither couple nor pregnancy is asked
    after = _questions(**facts, ressources_mensuelles_foyer=500)
    assert "enceinte" not in after and "en_couple" not in after


def test_the_amounts_facts_come_last_and_say_so():
    questions = evaluate({"date_evaluation": TODAY, "age": 30, "commune": "Roubaix",
                          "enfants_a_charge": 2})["questions"]
    flags = [q["pour_montant"] for q in questions]
    assert flags == sorted(flags), [q["fait"] for q in questions]  # never one before another
    deferred = {q["fait"] for q in questions if q["pour_montant"]}
    assert {"logement", "enfants_ages", "revenus_activite_mensuels"} <= deferred
    assert "activite" not in deferred and "ressources_mensuelles_foyer" not in deferred
