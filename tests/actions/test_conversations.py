"""Whole conversations with the assistant, as residents would write them (by SMS, often)."""

import itertools
import re

import pytest
from engine_helpers import TODAY

from actions.dialogue import State, respond
from rules import evaluate
from rules.engine.facts import FACTS
from rules.engine.ranking import ranked_answer

QUESTION_TEXT = {name: fact.question for name, fact in FACTS.items() if fact.question}


class Conversation:
    """Plays turns: (intent, text) as Rasa would classify them; keeps every message sent."""

    def __init__(self) -> None:
        self.state = State()
        self.sheets: list[dict] = []
        self.transcript: list[str] = []
        self.last: list[dict] = []
        self.erased = False

    def make_sheet(self, situation: dict) -> str:
        self.sheets.append(dict(situation))
        return f"http://test/fiche/{len(self.sheets)}"

    def say(self, text: str, intent: str = "inform") -> list[str]:
        reply = respond(self.state, intent, text, TODAY, self.make_sheet)
        self.state = reply.state
        self.erased = self.erased or reply.erase
        self.last = reply.messages
        texts = [m["text"] for m in reply.messages]
        self.transcript += [f"> {text}", *texts]
        return texts

    @property
    def asked(self) -> str | None:
        return self.state.fait_demande

    def answer_until_done(self, answers: dict[str, str], limit: int = 20) -> None:
        for _ in range(limit):
            if self.asked is None:
                return
            self.say(answers.get(self.asked, "je ne sais pas"),
                     "dont_know" if self.asked not in answers else "inform")
        raise AssertionError("\n".join(self.transcript))

    def text(self) -> str:
        return "\n".join(self.transcript)


def test_first_message_reads_every_fact_and_asks_nothing_twice():
    c = Conversation()
    c.say("jai 23 ans au chomage depuis 8 mois a roubaix")
    assert c.state.situation["age"] == 23
    assert c.state.situation["sans_emploi_depuis_mois"] == 8
    assert c.state.situation["commune"] == "insee:59512"
    assert c.state.situation["activite"] == "sans_emploi"
    assert c.asked not in ("age", "commune", "activite", "sans_emploi_depuis_mois")
    assert "Déjà une bonne nouvelle" in c.text() and "Contrat d'engagement jeune" in c.text()


def test_greeting_welcomes_and_asks_the_planner_question():
    c = Conversation()
    texts = c.say("slt", "greet")
    assert texts[0].startswith("Bonjour")
    assert c.asked == evaluate({"date_evaluation": TODAY.isoformat()})["questions"][0]["fait"]


def test_quick_replies_for_closed_questions():
    c = Conversation()
    c.say("j'ai 30 ans, j'habite Lille")
    while c.asked and c.asked != "activite":
        c.say("je ne sais pas", "dont_know")
    first = c.last[-1]["buttons"][0]["title"]
    assert first == "Je cherche un emploi / je suis sans emploi"
    c.say(c.last[-1]["buttons"][1]["payload"])
    assert c.state.situation["activite"] == "emploi"


def test_conversation_reaches_a_sheet_matching_the_engine():
    c = Conversation()
    c.say("bjr jai 22 ans je cherche du taf a tourcoing")
    c.answer_until_done({"rsa": "nan", "enfants_a_charge": "0", "en_couple": "non",
                         "ressources_mensuelles_foyer": "0", "enceinte": "non",
                         "activite_2_ans_sur_3": "non", "rqth": "non",
                         "sans_emploi_depuis_mois": "6 mois",
                         "residence_depuis_mois": "2 ans", "quartier_tzc": "non",
                         "inscrit_france_travail": "oui", "enfants_moins_3_ans": "0"})
    assert c.sheets, c.text()
    assert "Votre fiche de droits : http://test/fiche/1" in c.text()
    result = evaluate({**c.sheets[0], "date_evaluation": TODAY.isoformat()})
    answer = ranked_answer(result["dispositifs"])
    assert answer.first
    for d in answer.first:
        assert f"✔ {d['nom']}" in c.text()
    grouped = next(t for t in c.text().splitlines() if t.startswith("Aussi ouverts à vous : "))
    for d in answer.grouped:  # the services open to many, in one line
        assert d["nom"].split(" (")[0] in grouped


def test_dont_know_leaves_the_fact_unknown_and_moves_on():
    c = Conversation()
    c.say("j'ai 40 ans à Douai")
    first = c.asked
    c.say("jsp", "dont_know")
    assert first not in c.state.situation
    assert c.asked != first


def test_correction_at_any_point():
    c = Conversation()
    c.say("g 25 ans au chomdu a lille")
    assert "Contrat d'engagement jeune" in c.text()
    c.say("en fait j'ai 26 ans", "correct")
    assert c.state.situation["age"] == 26
    result = evaluate({**c.state.situation, "date_evaluation": TODAY.isoformat()})
    cej = next(d for d in result["dispositifs"] if d["id"] == "cej")
    assert cej["statut"] != "eligible"



def test_after_a_correction_the_answer_follows_the_facts_as_they_are_now():
    """Evaluations are memoised on the facts: a correction is answered from the new facts, and
    going back to the first value gives the first answer again, word for word."""
    c = Conversation()
    c.say("g 25 ans au chomdu a lille")
    c.answer_until_done({"rsa": "non", "enfants_a_charge": "0", "en_couple": "non",
                         "ressources_mensuelles_foyer": "0", "enceinte": "non",
                         "activite_2_ans_sur_3": "non", "rqth": "non",
                         "sans_emploi_depuis_mois": "6 mois", "residence_depuis_mois": "2 ans",
                         "quartier_tzc": "non", "inscrit_france_travail": "oui"})
    first = [m["text"] for m in c.last]
    assert "✔ Accompagnement par une mission locale" in "\n".join(first)
    corrected = c.say("en fait j'ai 26 ans", "correct")
    assert any("mission locale ne s'applique pas" in t for t in corrected), c.text()
    c.answer_until_done({"rqth": "non"})
    assert "✔ Accompagnement par une mission locale" not in "\n".join(m["text"] for m in c.last)
    again = c.say("en fait j'ai 25 ans", "correct")
    assert again[:-1] == ["J'ai noté : 25 ans.", *first[:-1]]
    assert "http://test/fiche/3" in again[-1]  # a new sheet: the RQTH was answered meanwhile

def test_absurd_age_is_refused_in_french_and_nothing_is_lost():
    c = Conversation()
    c.say("j'habite Roubaix")
    texts = c.say("j'ai 300 ans")
    assert any("ne peut pas dépasser 120 ans" in t for t in texts)
    assert c.state.situation["commune"] == "insee:59512"
    assert "age" not in c.state.situation


def test_unknown_commune_gets_suggestions():
    c = Conversation()
    c.say("bonjour", "greet")
    while c.asked != "commune":
        c.say("je ne sais pas", "dont_know")
    texts = c.say("Roubé")
    assert "Roubaix" in texts[0]
    assert c.last[0]["buttons"][0]["payload"] == "insee:59512"
    c.say("insee:59512")
    assert c.state.situation["commune"] == "insee:59512"


def test_outside_the_nord_is_told_honestly():
    c = Conversation()
    texts = c.say("j'ai 45 ans, je touche le rsa, j'habite à Lens")
    assert texts[-1] == "Vous habitez bien à Lens (Pas-de-Calais), hors du Nord ?"
    assert "commune" not in c.state.situation and c.state.situation["age"] == 45
    texts = c.say("insee:62498")  # « Oui, Lens »
    assert any("hors du Nord" in t for t in texts)
    assert any("aides nationales" in t for t in texts)


def test_former_name_is_understood_with_its_successor():
    c = Conversation()
    c.say("j'ai 22 ans sans emploi a roubaix")
    texts = c.say("et la garantie jeunes ?", "ask_scheme")
    assert "Garantie jeunes n'existe plus" in texts[0]
    assert "1er mars 2022" in texts[0] and "Contrat d'engagement jeune" in texts[0]
    assert texts[1].startswith("Et vous pouvez y avoir droit")


def test_announcement_is_never_presented_as_a_right():
    c = Conversation()
    texts = c.say("c quoi le programme salariés seniors", "ask_scheme")
    assert "promesse" in texts[0] and "pas un droit" in texts[0]


@pytest.mark.parametrize("question, scheme_id, what_it_is", [
    ("c quoi le CEJ", "cej", "15 à 20 heures par semaine"),
    ("la creche vip cest quoi", "creche_avip", "parent cherche activement un emploi"),
    ("zero chomeur", "tzc", "entreprise à but d'emploi"),
    ("la mdie", "mdie", "percevez le RSA dans le Nord"),
])
def test_asking_about_a_scheme_says_what_it_is_then_asks_what_decides_it(
        question, scheme_id, what_it_is):
    c = Conversation()
    texts = c.say(question, "ask_scheme")
    assert what_it_is in texts[0]
    assert texts[1] == "Pour savoir si c'est pour vous, il me faut encore quelques réponses."
    # ... and the conversation goes on at once with the planner's next question.
    result = evaluate({**c.state.situation, "date_evaluation": TODAY.isoformat()})
    mine = next(d for d in result["dispositifs"] if d["id"] == scheme_id)
    assert mine["statut"] == "indetermine"
    assert c.asked == result["questions"][0]["fait"]
    assert len(texts) == 3 and texts[2].startswith(QUESTION_TEXT[c.asked])


def test_two_misunderstandings_offer_the_answers_and_a_way_to_skip_the_question():
    c = Conversation()
    c.say("j'ai 30 ans à Lille")
    c.say("blablabla", "out_of_scope")
    texts = c.say("qsdfgh", "nlu_fallback")
    assert texts[0].startswith("Je n'arrive pas à comprendre votre réponse. Que faites-vous")
    titles = [b["title"] for b in c.last[0]["buttons"]]
    assert titles[0] == "Je cherche un emploi / je suis sans emploi"
    assert titles[-3:] == ["Passer cette question", "Parler à quelqu'un", "Recommencer"]
    skipped = c.say("Je préfère ne pas répondre")
    assert "activite" in c.state.ignores and c.asked != "activite"
    assert not any("Que faites-vous" in t for t in skipped)


def test_an_unanswered_question_is_named_with_what_it_would_have_decided():
    c = Conversation()
    c.say("j'ai 30 ans à Lille, je cherche du travail")
    assert c.asked == "rsa"
    c.say("ça vous regarde pas")
    c.answer_until_done({"enfants_a_charge": "0", "sans_emploi_depuis_mois": "3 mois",
                         "ressources_mensuelles_foyer": "400", "en_couple": "non",
                         "enceinte": "non", "inscrit_france_travail": "oui"})
    said = c.text()
    line = next(t for t in c.transcript if t.startswith("Sans réponse sur : RSA, je ne peux"))
    assert "Accompagnement à la Maison départementale insertion et emploi" in line
    assert "À vérifier" not in said  # nothing else left undecided


def test_restart_forgets_everything():
    c = Conversation()
    c.say("j'ai 30 ans à Lille")
    texts = c.say("on recommence", "restart")
    assert texts[0] == "On recommence à zéro."
    assert c.state.situation == {}


def test_erase_asks_the_gateway_to_delete():
    c = Conversation()
    c.say("j'ai 30 ans à Lille, je touche le RSA")
    texts = c.say("effacez mes données", "erase")
    assert c.erased and c.state.situation == {}
    assert "effacées" in texts[0]


def test_erasing_said_in_other_words_is_confirmed_first():
    c = Conversation()
    c.say("j'ai 30 ans à Lille, je touche le RSA")
    asked = c.asked
    texts = c.say("je veux effacer mon message precedent", "erase")
    assert "C'est définitif" in texts[0] and not c.erased
    assert [b["title"] for b in c.last[0]["buttons"]] == ["Oui, tout effacer", "Non, continuer"]
    texts = c.say("Non, continuer", "deny")
    assert texts[0] == "D'accord, je garde vos réponses." and not c.erased
    assert c.asked == asked and c.state.situation["age"] == 30
    c.say("supprime tout", "erase")
    c.say("oui", "affirm")
    assert c.erased and c.state.situation == {}


def test_an_answer_instead_of_the_confirmation_keeps_everything():
    c = Conversation()
    c.say("j'ai 30 ans à Lille, je touche le RSA")
    c.say("effacer mon dernier message", "erase")
    c.say("j'ai 2 enfants")
    assert not c.erased and c.state.situation["enfants_a_charge"] == 2
    c.say("oui", "affirm")  # an answer to the question now, not a confirmation
    assert not c.erased


def test_asking_for_a_person_gives_the_nearest_france_services():
    c = Conversation()
    c.say("j'habite Avesnes-sur-Helpe")
    texts = c.say("je veux parler a quelqu'un", "human")
    assert "France Services" in texts[0] or "France services" in texts[0]
    assert "tél." in texts[0]


@pytest.mark.parametrize("said", ["nlu_fallback", "inform", "greet"])
def test_a_request_for_a_person_the_classifier_missed_still_finds_one(said):
    c = Conversation()
    c.say("j'habite Avesnes-sur-Helpe")
    texts = c.say("bonjour, pouvez-vous me rappeler ?", said)
    assert "France services" in texts[0] or "France Services" in texts[0]
    assert "Je n'ai pas compris" not in " ".join(texts)


def test_asking_for_a_person_without_a_commune_gives_the_switchboard():
    c = Conversation()
    texts = c.say("un conseiller svp", "human")
    assert "03 59 73 59 59" in texts[0]


def test_empty_and_enormous_messages_lose_nothing_and_ask_again():
    c = Conversation()
    c.say("j'ai 30 ans à Lille")
    known, asked = dict(c.state.situation), c.asked
    assert asked is not None
    texts = c.say("   ", "nlu_fallback")
    assert texts == ["Votre message est vide. Répondez à la question ou décrivez votre situation."]
    texts = c.say("a" * 50_000, "nlu_fallback")
    assert texts[0].startswith("Votre message est trop long (50\u202f000 caractères)")
    assert texts[1].startswith(QUESTION_TEXT[asked])  # the same question, asked again
    assert all(len(t) < 1_000 for t in texts)  # the message is never echoed back
    assert c.state.situation == known and c.asked == asked


ANSWERS_30_LILLE = {"activite": "au chomage", "rsa": "non", "en_couple": "non",
                    "enfants_a_charge": "0", "enceinte": "non",
                    "ressources_mensuelles_foyer": "0", "sans_emploi_depuis_mois": "2 ans",
                    "inscrit_france_travail": "oui"}


def _announced_counts(c: Conversation, first: str) -> tuple[list[int], str]:
    """Plays the conversation to its end: the « (N questions au plus) » of every question asked
    (1 for « dernière question »), and the last question's text."""
    counts, last = [], first
    while c.asked is not None:
        found = re.search(r"\((\d+) questions au plus\)$", last)
        assert found or last.endswith("(dernière question)"), last
        counts.append(int(found.group(1)) if found else 1)
        texts = c.say(ANSWERS_30_LILLE.get(c.asked, "je ne sais pas"),
                      "inform" if c.asked in ANSWERS_30_LILLE else "dont_know")
        if c.asked is not None:
            last = texts[-1]
    return counts, last


def test_the_number_of_questions_left_is_said_and_kept():
    """« (N questions au plus) » is a promise: the count never goes up, no more questions than
    first announced are asked, and the last one says « (dernière question) »."""
    c = Conversation()
    texts = c.say("j'ai 30 ans a Lille")
    planned = [q for q in evaluate({**c.state.situation,
                                    "date_evaluation": TODAY.isoformat()})["questions"]
               if not q["pour_montant"]]  # asked after the first sheet, if the person agrees
    assert texts[-1].endswith(f"({len(planned)} questions au plus)"), texts[-1]
    counts, last = _announced_counts(c, texts[-1])
    assert last.endswith("(dernière question)"), c.text()
    assert counts == sorted(counts, reverse=True), counts
    assert len(counts) <= counts[0], counts


def test_each_answer_lowers_the_number_of_questions_left():
    c = Conversation()
    counts, _ = _announced_counts(c, c.say("j'ai 30 ans a Lille")[-1])
    assert all(after < before for before, after in itertools.pairwise(counts)), counts


def test_single_mother_on_rsa_is_routed_to_her_mdie():
    c = Conversation()
    c.say("33 ans maman solo d'un bebe de 18 mois, jtouche le rsa, sur cambrai")
    c.answer_until_done({"activite": "au chomage", "en_couple": "non",
                         "enfants_a_charge": "1", "enfants_moins_3_ans": "1"})
    assert "Maison départementale insertion et emploi" in c.text()
    assert "Cambrai" in c.text()


def test_yes_no_by_intent_when_the_words_are_unusual():
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    while c.asked != "rsa":
        c.say("je ne sais pas", "dont_know")
    c.say("carrément", "affirm")
    assert c.state.situation["rsa"] is True


def test_no_new_sheet_when_nothing_changed():
    c = Conversation()
    c.say("j'ai 40 ans à Lille, je bosse")
    c.answer_until_done({})
    assert len(c.sheets) == 1
    c.say("merci c'est noté", "inform")
    assert len(c.sheets) == 1 and "http://test/fiche/1" in c.text().splitlines()[-1]
    c.say("en fait j'ai 41 ans", "correct")
    assert len(c.sheets) == 2


def test_state_survives_the_rasa_slots():
    c = Conversation()
    c.say("j'ai 23 ans a roubaix")
    again = State.from_dict(c.state.as_dict())
    assert again == c.state


def test_asking_for_a_person_gives_a_handover_code_for_the_desk():
    c = Conversation()
    made = []

    def make_code(situation):
        made.append(dict(situation))
        return "K7M2QX", 2880

    c.say("jai 52 ans je touche le rsa a maubeuge")
    reply = respond(c.state, "human", "je veux parler a quelqu'un", TODAY, c.make_sheet,
                    make_code)
    texts = [m["text"] for m in reply.messages]
    assert any("K7M2QX" in t and "2 jours" in t for t in texts)
    assert made == [c.state.situation]  # the agent gets what the person already said


def test_no_handover_code_before_anything_was_said():
    texts = respond(State(), "human", "un conseiller", TODAY, lambda s: "", lambda s: ("X", 1))
    assert not any("code" in m["text"] for m in texts.messages)


def test_dont_know_the_commune_moves_on():
    c = Conversation()
    c.say("bonjour", "greet")
    assert c.asked == "commune"
    texts = c.say("je sais pas", "dont_know")
    assert "Je n'ai pas compris" not in " ".join(texts)
    assert c.asked not in (None, "commune")


def test_a_misspelt_commune_gets_suggestions_and_the_other_facts_are_kept():
    c = Conversation()
    texts = c.say("jhabite sur roubé, g 28 ans, au rsa")
    assert "Roubaix (59100)" in texts[-1]
    assert c.state.situation["age"] == 28 and c.state.situation["rsa"] is True
    c.say(c.last[-1]["buttons"][0]["payload"])
    assert c.state.situation["commune"] == "insee:59512"


@pytest.mark.parametrize("intent", ["thank", "greet", "goodbye"])
def test_facts_said_with_thanks_or_a_greeting_are_not_lost(intent):
    c = Conversation()
    c.say("j'ai 30 ans a lille, je cherche du travail")
    while c.asked in ("sans_emploi_depuis_mois", "residence_depuis_mois"):
        c.say("je ne sais pas", "dont_know")
    asked = c.asked
    assert c.last[-1]["buttons"][1]["title"] == "Non"
    c.say("non merci", intent)
    assert c.state.situation[asked] is False and c.asked != asked


def test_facts_said_while_asking_for_a_person_are_used_to_find_one():
    c = Conversation()
    texts = c.say("je veux parler a quelqu un, j'habite a wattrelos", "human")
    assert "sur place : Où : France services" in texts[-1]  # not « dites-moi votre commune »
    assert c.state.situation["commune"] == "insee:59650"


def test_asking_about_the_rsa_does_not_say_one_receives_it():
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    c.say("c quoi le rsa", "ask_scheme")
    assert "rsa" not in c.state.situation


def test_a_yes_no_question_is_answered_by_the_words_not_a_guessed_intent():
    c = Conversation()
    c.say("j'ai 30 ans a lille, je cherche du travail")
    while c.asked in ("sans_emploi_depuis_mois", "residence_depuis_mois"):
        c.say("je ne sais pas", "dont_know")
    asked = c.asked
    c.say("c'est gratuit ?", "affirm")  # a question, whatever the classifier thought
    assert asked not in c.state.situation and c.asked == asked


def test_a_scheme_we_do_not_know_is_said_honestly_and_the_question_comes_back():
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    asked = c.asked
    texts = c.say("et le pass culture c quoi ?", "ask_scheme")
    assert texts[0].startswith("Je ne connais pas ce dispositif")
    assert "Je n'ai pas compris" not in " ".join(texts) and c.asked == asked


def test_the_apl_is_a_scheme_we_know():
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    asked = c.asked
    texts = c.say("et l'apl c quoi ?", "ask_scheme")
    assert texts[0].startswith("Aide au logement (APL, ALF ou ALS)")
    assert c.asked == asked


def test_restarting_said_in_other_words_is_confirmed_first():
    c = Conversation()
    c.say("j'ai 30 ans à Lille")
    texts = c.say("nouvelle demande", "restart_conversation")
    assert texts == ["Voulez-vous tout recommencer ? Vos réponses seront oubliées."]
    c.say("Non, continuer", "deny")
    assert c.state.situation["age"] == 30
    c.say("nouvelle demande", "restart_conversation")
    texts = c.say(c.last[0]["buttons"][0]["payload"], "affirm")
    assert texts[0] == "On recommence à zéro." and c.state.situation == {}


def test_an_answer_taken_for_a_restart_is_an_answer():
    c = Conversation()
    c.say("j'ai 30 ans a lille, je cherche du travail")
    while c.asked != "ressources_mensuelles_foyer":
        c.say("je ne sais pas", "dont_know")
    c.say("rien du tout comme revenus", "restart_conversation")  # as the classifier once did
    assert c.state.situation["ressources_mensuelles_foyer"] == 0
    assert c.state.situation["age"] == 30


def test_an_rsa_recipient_asking_for_a_person_also_gets_the_mdie():
    c = Conversation()
    c.say("jtouche le rsa, j'habite a cambrai")
    texts = c.say("je veux parler a quelqu'un", "human")
    assert "France Services" in texts[0]
    assert texts[1].startswith("Vous percevez le RSA : la MDIE") and "Cambrai" in texts[1]
    c = Conversation()
    c.say("je touche pas le rsa, j'habite a cambrai")
    assert not any("MDIE" in t for t in c.say("je veux parler a quelqu'un", "human"))


@pytest.mark.parametrize("question", [
    "c'est quoi le coach emploi ?", "c quoi territoire zero chomeur", "pass formation c koi",
    "c quoi la voiture a 1 euro", "c quoi l'aide garde enfant region",
])
def test_a_scheme_s_name_is_not_a_fact_about_the_person(question):
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    before = dict(c.state.situation)
    c.say(question, "ask_scheme")
    assert c.state.situation == before
    c.say(question, "inform")  # whatever the classifier said
    assert c.state.situation == before


def test_facts_around_a_scheme_question_are_kept():
    c = Conversation()
    c.say("jtouche le rsa, c quoi la mdie", "ask_scheme")
    assert c.state.situation == {"rsa": True}


def test_asking_to_erase_again_instead_of_answering_asks_again():
    c = Conversation()
    c.say("j'ai 30 ans à Lille")
    c.say("supprimez tout svp", "erase")
    texts = c.say("supprimez tout svp", "erase")
    assert "C'est définitif" in texts[0] and not c.erased


def test_good_news_later_ruled_out_is_said():
    c = Conversation()
    first = " ".join(c.say("j'ai 22 ans, je cherche du travail a tourcoing"))
    assert "Déjà une bonne nouvelle" in first and "Contrat d'engagement jeune" in first
    said = " ".join(c.say("en fait je travaille", "correct"))
    assert "Finalement, Contrat d'engagement jeune (CEJ) ne s'applique pas : " in said, said
    assert "cej" not in c.state.annonces


def test_the_final_answer_puts_money_and_a_person_first_services_in_one_line():
    c = Conversation()
    c.say("58 ans, je cherche du travail a douai, je touche le rsa, seule sans enfant")
    c.answer_until_done({"ressources_mensuelles_foyer": "500", "inscrit_france_travail": "oui"})
    lines = c.text().splitlines()
    start = next(i for i, t in enumerate(lines) if t.startswith("Voici ce que vous pouvez"))
    final = lines[start + 1:]
    assert final[0].startswith("✔ Revenu de solidarité active (RSA)"), final
    checks = [t for t in final if t.startswith("✔")]
    assert not any("Pass numériques" in t for t in checks), checks
    grouped = next(t for t in final if t.startswith("Aussi ouverts à vous : "))
    assert "Pass numériques" in grouped and "Pass Formation" in grouped
    # on the RSA, but since when is not known: the orientation is said as a condition
    assert any(t.startswith("✔ Si vous venez d'obtenir le RSA — Orientation") for t in checks)


def test_after_asking_for_a_person_the_conversation_goes_on_where_it_was():
    c = Conversation()
    c.say("j'ai 30 ans a lille")
    pending = c.asked
    texts = c.say("je veux parler à quelqu'un", "human")
    assert "France Services" in texts[0]
    assert texts[-1].startswith("Et pour continuer ici : " + QUESTION_TEXT[pending]), texts
    assert c.asked == pending


def test_no_question_waits_for_a_premise_left_unanswered():
    c = Conversation()
    c.say("j'ai 40 ans a loos")
    asked = []
    for _ in range(20):
        if c.asked is None:
            break
        asked.append(c.asked)
        c.say("je ne sais pas", "dont_know")
    assert "activite" in asked
    assert "sans_emploi_depuis_mois" not in asked, asked
    assert "enfants_a_charge" in asked and "enfants_moins_3_ans" not in asked, asked


def test_only_services_open_to_many_are_said_in_one_line():
    c = Conversation()
    c.say("j'ai 67 ans, je suis a la retraite, a dunkerque")
    c.answer_until_done({"rsa": "non", "enfants_a_charge": "0", "en_couple": "oui",
                         "ressources_mensuelles_foyer": "1600"})
    lines = c.text().splitlines()
    assert not any(t.startswith("Voici ce que vous pouvez") for t in lines), c.text()
    assert any(t.startswith("Ouverts à vous, a priori : ") for t in lines), c.text()
    assert not any(t.startswith("✔") for t in lines)


def test_after_a_person_the_next_question_if_the_message_answered_the_pending_one():
    c = Conversation()
    c.say("j'habite a dunkerque, je travaille")
    c.state.situation["age"] = 37  # as if the message had answered the pending question
    c.state.fait_demande = "age"
    texts = c.say("je veux parler à quelqu'un", "human")
    assert texts[-1].startswith("Et pour continuer ici : "), texts
    assert c.asked not in (None, "age")
