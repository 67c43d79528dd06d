"""The personal amounts in the chat: offered with the first sheet, asked only if the person
agrees, then said in the final answer with their source and who decides (issue 12's « done
when » household: a lone mother of two in Roubaix, 600 €, rent 520 €)."""

from test_conversations import Conversation

FIRST = {"activite": "je cherche du travail", "rsa": "non", "enceinte": "non",
         "inscrit_france_travail": "oui", "sans_emploi_depuis_mois": "1 an",
         "residence_depuis_mois": "3 ans", "quartier_tzc": "non", "rqth": "non"}
AMOUNTS = {"logement": "locataire", "loyer_mensuel": "520", "revenus_activite_mensuels": "0",
           "taux_incapacite": "non", "enfants_ages": "2 et 6 ans", "enceinte": "non"}


def _first_sheet() -> Conversation:
    c = Conversation()
    c.say("maman solo de 2 enfants, 30 ans, a roubaix, 600 euros par mois en tout")
    c.answer_until_done(FIRST)
    assert c.sheets, c.text()
    return c


def test_the_amounts_are_offered_with_the_first_sheet_not_asked_before_it():
    c = _first_sheet()
    assert not any(f in c.sheets[0] for f in AMOUNTS), c.sheets[0]
    offer = next(m for m in c.last if m.get("buttons") and "calculer vos montants" in m["text"])
    assert [b["title"] for b in offer["buttons"]] == ["Oui, calculer", "Pas maintenant"]
    assert "Aide au logement" in offer["text"]


def test_no_thanks_keeps_the_sheet_and_asks_nothing():
    c = _first_sheet()
    texts = c.say("Pas maintenant")
    assert c.asked is None and len(c.sheets) == 1
    assert "calculer mes montants" in texts[0]


def test_yes_asks_the_amounts_facts_then_says_each_amount():
    c = _first_sheet()
    c.say("Calculer mes montants")
    asked = []
    for _ in range(10):
        if c.asked is None:
            break
        asked.append(c.asked)
        c.say(AMOUNTS.get(c.asked, "je ne sais pas"),
              "inform" if c.asked in AMOUNTS else "dont_know")
    assert set(asked) <= set(AMOUNTS), asked  # nothing about a partner: she lives alone
    final = c.text().split("> ")[-1]
    for scheme, amount in (("Revenu de solidarité active", "environ 34 € par mois"),
                           ("Aide au logement", "environ 498 € par mois"),
                           ("Allocations familiales", "environ 153 € par mois"),
                           ("Allocation de soutien familial", "environ 404 € par mois"),
                           ("PAJE", "environ 199 € par mois"),
                           ("Complémentaire santé solidaire", "gratuite"),
                           ("Chèque énergie", "environ 240 € par an")):
        line = next((t for t in final.splitlines() if scheme in t), "")
        assert amount in line, (scheme, final)
    assert "c'est l'organisme qui verse l'aide qui décide" in final
    assert c.sheets[-1]["loyer_mensuel"] == 520 and c.sheets[-1]["logement"] == "locataire"


def test_the_offer_s_button_is_taken_whatever_the_classifier_thought():
    c = _first_sheet()
    c.say("Calculer mes montants", "erase")  # the trained model took it for « effacer »
    assert c.asked is not None and c.state.montants is True and not c.erased


def test_erasing_the_amounts_in_words_is_still_erasing():
    c = _first_sheet()
    texts = c.say("effacer mes montants", "erase")
    assert texts[0].startswith("Voulez-vous effacer") and c.state.montants is None
