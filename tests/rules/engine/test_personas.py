"""Personas for the eleven contract schemes: what a resident would be told."""

from engine_helpers import by_id, run


def test_ines_22_no_job_roubaix_gets_cej_and_mission_locale_in_roubaix():
    result = run(age=22, activite="sans_emploi", commune="Roubaix", rqth=False)
    s = by_id(result)
    assert s["cej"]["statut"] == "eligible"
    assert s["cej"]["raisons"][0]["texte"].startswith("Vous avez 22 ans : le CEJ est ouvert de 16")
    assert s["mission_locale"]["statut"] == "eligible"
    assert s["cej"]["lieu"]["type"] == "mission_locale"
    assert s["cej"]["lieu"]["commune"] == "Roubaix"
    assert result["territoire"] == {
        "commune": "59512", "nom": "Roubaix", "departement": "59", "region": "32",
        "dans_le_nord": True,
    }


def test_tom_exactly_25_still_cej_but_26_is_not_without_rqth():
    assert by_id(run(age=25, activite="sans_emploi"))["cej"]["statut"] == "eligible"
    s = by_id(run(age=26, activite="sans_emploi", rqth=False))
    assert s["cej"]["statut"] == "non_eligible"
    assert by_id(run(age=26, activite="sans_emploi", rqth=True))["cej"]["statut"] == "eligible"
    assert by_id(run(age=29, activite="sans_emploi", rqth=True))["cej"]["statut"] == "eligible"
    assert by_id(run(age=30, activite="sans_emploi", rqth=True))["cej"]["statut"] == "non_eligible"
    assert by_id(run(age=15, activite="sans_emploi"))["cej"]["statut"] == "non_eligible"


def test_cej_age_27_waits_for_rqth_and_asks_it():
    result = run(age=27, activite="sans_emploi", commune="Lille", rsa=False,
                 enfants_a_charge=0, en_couple=False, ressources_mensuelles_foyer=0)
    s = by_id(result)
    assert s["cej"]["statut"] == "indetermine"
    assert s["cej"]["faits_manquants"] == ["rqth"]
    assert "rqth" in [q["fait"] for q in result["questions"]]


def test_student_is_not_cej_nor_rsa():
    # both students: the partner cannot claim the RSA for the household either
    s = by_id(run(age=20, activite="etudes", rsa=False, en_couple=True,
                  conjoint_activite="etudes"))
    assert s["cej"]["statut"] == "non_eligible"
    assert s["rsa"]["statut"] == "non_eligible"
    # the partner's activity unknown: no early « non » (a non-student partner may claim it)
    s = by_id(run(age=20, activite="etudes", rsa=False, en_couple=True))
    assert s["rsa"]["statut"] == "indetermine"


def test_garantie_jeunes_is_history_with_its_successor():
    s = by_id(run(age=22, activite="sans_emploi"))
    gj = s["garantie_jeunes"]
    assert gj["statut"] == "non_eligible"
    assert gj["en_vigueur"] is False
    assert gj["remplace_par"] == "cej"
    assert "1er mars 2022" not in gj["raisons"][0]["texte"]  # it ended on 28 February
    assert "28 février 2022" in gj["raisons"][0]["texte"]


def test_garantie_jeunes_valid_on_its_last_day_not_the_next():
    last_day = by_id(run(age=22, activite="sans_emploi", date_evaluation="2022-02-28"))
    assert last_day["garantie_jeunes"]["statut"] == "eligible"
    assert last_day["garantie_jeunes"]["en_vigueur"] is True
    assert "cej" not in last_day  # the CEJ starts on 1 March 2022
    next_day = by_id(run(age=22, activite="sans_emploi", date_evaluation="2022-03-01"))
    assert next_day["garantie_jeunes"]["statut"] == "non_eligible"
    assert next_day["cej"]["statut"] == "eligible"


def test_circuit_court_history_points_to_proch_emploi():
    s = by_id(run(age=22, activite="sans_emploi", commune="Lille"))
    assert s["circuit_court"]["en_vigueur"] is False
    assert s["circuit_court"]["remplace_par"] == "proch_emploi"
    assert s["proch_emploi"]["statut"] == "eligible"


def test_proch_emploi_only_in_hauts_de_france():
    s = by_id(run(activite="sans_emploi", commune="Villetaneuse"))
    assert s["proch_emploi"]["statut"] == "non_eligible"
    assert "Seine-Saint-Denis" in s["proch_emploi"]["raisons"][0]["texte"]


def test_nadia_single_mother_rsa_cambrai():
    result = run(age=33, en_couple=False, enfants_a_charge=1, enfants_moins_3_ans=1,
                 rsa=True, activite="sans_emploi", commune="Cambrai")
    s = by_id(result)
    assert s["rsa"]["statut"] == "eligible"
    assert s["rsa"]["raisons"][0]["texte"] == "Vous percevez déjà le RSA."
    assert s["mdie"]["statut"] == "eligible"
    assert s["mdie"]["lieu"]["commune"] == "Cambrai"
    assert s["mdie"]["lieu"]["verifie"] is False  # no published address
    assert s["coach_emploi"]["statut"] == "eligible"
    assert s["creche_avip"]["statut"] == "eligible"


def test_fatima_rsa_in_lens_is_not_sent_to_a_nord_mdie():
    s = by_id(run(age=45, rsa=True, activite="sans_emploi", commune="Lens"))
    assert s["mdie"]["statut"] == "non_eligible"
    assert "réservé aux habitants du Nord" in s["mdie"]["raisons"][0]["texte"]
    assert s["coach_emploi"]["statut"] == "non_eligible"
    assert s["rsa"]["statut"] == "eligible"  # national
    assert s["france_services"]["statut"] == "eligible"


def test_karim_loos_oliveaux_tzc():
    s = by_id(run(age=41, commune="Loos", quartier_tzc=True, residence_depuis_mois=36,
                  sans_emploi_depuis_mois=26, activite="sans_emploi"))
    assert s["tzc"]["statut"] == "eligible"
    assert s["tzc"]["lieu"]["type"] == "ebe"


def test_tzc_edges_12_months_and_6_months():
    base = dict(commune="Loos", quartier_tzc=True, activite="sans_emploi")
    assert by_id(run(**base, sans_emploi_depuis_mois=11, residence_depuis_mois=24))["tzc"][
        "statut"] == "non_eligible"
    assert by_id(run(**base, sans_emploi_depuis_mois=12, residence_depuis_mois=24))["tzc"][
        "statut"] == "eligible"
    assert by_id(run(**base, sans_emploi_depuis_mois=14, residence_depuis_mois=5))["tzc"][
        "statut"] == "non_eligible"
    assert by_id(run(**base, sans_emploi_depuis_mois=14, residence_depuis_mois=6))["tzc"][
        "statut"] == "eligible"


def test_tzc_quartier_only_asked_where_a_territory_exists():
    roubaix = run(age=40, commune="Roubaix", sans_emploi_depuis_mois=20, activite="sans_emploi")
    assert by_id(roubaix)["tzc"]["statut"] == "non_eligible"
    assert "quartier_tzc" not in [q["fait"] for q in roubaix["questions"]]
    loos = run(age=40, commune="Loos", sans_emploi_depuis_mois=20, activite="sans_emploi",
               residence_depuis_mois=30)
    question = next(q for q in loos["questions"] if q["fait"] == "quartier_tzc")
    assert "Les Oliveaux" in question["texte"]


def test_rsa_screening_single_person_threshold_2026():
    base = dict(age=30, activite="sans_emploi", rsa=False, en_couple=False, enfants_a_charge=0,
                enceinte=False)
    assert by_id(run(**base, ressources_mensuelles_foyer=651.68))["rsa"]["statut"] == "eligible"
    assert by_id(run(**base, ressources_mensuelles_foyer=651.69))["rsa"]["statut"] == (
        "non_eligible")
    reason = by_id(run(**base, ressources_mensuelles_foyer=800))["rsa"]["raisons"][-1]["texte"]
    assert "651,69 €" in reason


def test_rsa_threshold_follows_the_date():
    base = dict(age=30, activite="sans_emploi", rsa=False, en_couple=False, enfants_a_charge=0,
                enceinte=False, ressources_mensuelles_foyer=640)
    assert by_id(run(**base, date_evaluation="2025-03-31"))["rsa"]["statut"] == "non_eligible"
    assert by_id(run(**base, date_evaluation="2025-04-01"))["rsa"]["statut"] == "eligible"


def test_rsa_household_scale_couple_two_children():
    # 651,69 × 2,1 = 1 368,55 €
    base = dict(age=35, activite="sans_emploi", rsa=False, en_couple=True, enfants_a_charge=2,
                enfants_moins_3_ans=0)
    assert by_id(run(**base, ressources_mensuelles_foyer=1368))["rsa"]["statut"] == "eligible"
    assert by_id(run(**base, ressources_mensuelles_foyer=1369))["rsa"]["statut"] == "non_eligible"


def test_rsa_under_25_needs_child_pregnancy_or_work_history():
    base = dict(age=22, activite="sans_emploi", rsa=False, en_couple=False,
                ressources_mensuelles_foyer=0)
    no = by_id(run(**base, enfants_a_charge=0, enceinte=False, activite_2_ans_sur_3=False))
    assert no["rsa"]["statut"] == "non_eligible"
    assert by_id(run(**base, enfants_a_charge=1, enfants_moins_3_ans=1))["rsa"]["statut"] == (
        "eligible")
    assert by_id(run(**base, enfants_a_charge=0, enceinte=True))["rsa"]["statut"] == "eligible"
    young_worker = by_id(run(**base, enfants_a_charge=0, enceinte=False,
                             activite_2_ans_sur_3=True))
    assert young_worker["rsa"]["statut"] == "eligible"


def test_france_services_open_to_everyone_with_hours():
    s = by_id(run(commune="Avesnes-sur-Helpe"))
    fs = s["france_services"]
    assert fs["statut"] == "eligible"
    assert fs["lieu"]["verifie"] is True
    assert fs["lieu"]["distance_km"] < 5


def test_empty_situation_lists_everything_and_asks_first_question():
    result = run()
    assert result["territoire"] is None
    assert all(d["lieu"] is None for d in result["dispositifs"])
    assert result["questions"], "an empty situation must lead to a question"
    ids = {d["id"] for d in result["dispositifs"]}
    assert {"cej", "garantie_jeunes", "circuit_court", "proch_emploi", "creche_avip", "mdie",
            "coach_emploi", "tzc", "rsa", "mission_locale", "france_services"} <= ids


def test_complete_situation_has_no_question_left():
    result = run(age=30, commune="Douai", activite="emploi", rsa=False, en_couple=True,
                 enfants_a_charge=0, ressources_mensuelles_foyer=2500, rqth=False,
                 sans_emploi_depuis_mois=0, residence_depuis_mois=50, enceinte=False,
                 inscrit_france_travail=False, activite_2_ans_sur_3=True,
                 enfants_moins_3_ans=0, conjoint_age=32, conjoint_activite="emploi",
                 conjoint_revenus_mensuels=1200, revenus_activite_mensuels=1300,
                 logement="locataire", loyer_mensuel=550, taux_incapacite=0)
    assert result["questions"] == []
    assert not [d for d in result["dispositifs"] if d["statut"] == "indetermine"]


def test_outside_the_nord_offices_come_from_national_directories_only():
    s = by_id(run(age=45, rsa=True, activite="sans_emploi", commune="Paris"))
    lieu = s["rsa"]["lieu"]
    assert lieu["type"] == "france_services"  # no CAF of the Nord for a Parisian
    assert lieu["distance_km"] < 10
    assert s["mission_locale"]["lieu"] is None or s["mission_locale"]["lieu"]["type"] != (
        "mission_locale")


def test_student_lone_parent_of_a_baby_can_get_rsa():
    # CASF L262-4 3°: the student exclusion does not apply to those entitled to the majoration.
    s = by_id(run(age=30, activite="etudes", rsa=False, en_couple=False, enfants_a_charge=1,
                  enfants_moins_3_ans=1, ressources_mensuelles_foyer=0))
    assert s["rsa"]["statut"] == "eligible"
    older_child = by_id(run(age=30, activite="etudes", rsa=False, en_couple=False,
                            enfants_a_charge=1, enfants_moins_3_ans=0, enceinte=False,
                            ressources_mensuelles_foyer=0))
    assert older_child["rsa"]["statut"] == "non_eligible"
