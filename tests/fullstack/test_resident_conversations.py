"""Conversations end to end: typed as residents type (SMS spelling, no accents), understood by the
trained Rasa model, answered by the action server, through POST /api/v1/chat.

Each test is one person's conversation and checks what that person would notice.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import httpx
import pytest
from conversation_helpers import ANSWERS, chat, converse, sheet_of, sheet_url, statuses

from rules import evaluate
from rules.engine.facts import FACTS


class Person:
    """One resident on the web chat: a fresh sender, every message seen."""

    def __init__(self, stack: Any) -> None:
        self.stack = stack
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"
        self.seen: list[dict[str, Any]] = []

    def say(self, text: str) -> str:
        """Send a message; the assistant's reply as one text."""
        self.last = chat(self.stack, self.sender, text)
        self.seen += self.last
        return "\n".join(m["text"] for m in self.last)

    @property
    def question(self) -> str:
        return self.last[-1]["text"]

    @property
    def buttons(self) -> list[dict[str, str]]:
        return self.last[-1].get("buttons", [])

    def finish(self, answers: dict[str, str], first: str) -> dict[str, Any]:
        """Answer every remaining question; the rights sheet reached."""
        self.seen += converse(lambda text: chat(self.stack, self.sender, text), first, answers)
        return sheet_of(self.seen)

    def everything_said(self) -> str:
        return "\n".join(m["text"] for m in self.seen)


def answer_for(question: str) -> str:
    return next((a for key, a in ANSWERS.items() if key in question), "je ne sais pas")


def assert_matches_engine(sheet: dict[str, Any]) -> None:
    facts = {**sheet["fiche"]["situation"], "date_evaluation": sheet["date_evaluation"]}
    assert statuses(sheet) == statuses(evaluate(facts))


def asked_facts(person: Person) -> list[str]:
    """The questions the assistant asked, as their first words (to spot a repeated one)."""
    return [m["text"].split(" (")[0] for m in person.seen if m["text"].endswith(")")
            and "?" in m["text"]]


@pytest.fixture
def person(stack):
    return Person(stack)


def test_sms_spelling_opening_is_read_whole_and_nothing_is_asked_twice(person):
    reply = person.say("jai 23 ans au chomdu depuis 8 mois a roubaix")
    assert "Déjà une bonne nouvelle" in reply and "Contrat d'engagement jeune" in reply
    for question in ("Quel âge", "Dans quelle commune", "Que faites-vous", "sans emploi ?"):
        assert question not in reply
    sheet = person.finish(ANSWERS, answer_for(person.question))
    situation = sheet["fiche"]["situation"]
    assert (situation["age"], situation["commune"], situation["activite"],
            situation["sans_emploi_depuis_mois"]) == (23, "insee:59512", "sans_emploi", 8)
    asked = asked_facts(person)
    assert len(asked) == len(set(asked)), asked
    assert_matches_engine(sheet)


def test_a_greeting_gets_the_welcome_and_a_first_question(person):
    reply = person.say("slt")
    assert reply.startswith("Bonjour")
    assert "?" in person.question


def test_age_in_words_and_duration_in_years_and_a_half(person):
    person.say("g vingt deux ans, sans emploi depuis 2 ans et demi, a lille")
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert sheet["fiche"]["situation"]["age"] == 22
    assert sheet["fiche"]["situation"]["sans_emploi_depuis_mois"] == 30


def test_since_january_counts_months_to_today(person):
    person.say("chui au chomage depuis janvier, 35 ans, j'habite a douai")
    sheet = person.finish(ANSWERS, answer_for(person.question))
    today = dt.date.fromisoformat(sheet["date_evaluation"])
    assert sheet["fiche"]["situation"]["sans_emploi_depuis_mois"] == today.month - 1


def test_children_with_a_baby_are_read_from_one_sentence(person):
    reply = person.say("jai 2 enfants dont un bebe de 18 mois, on habite a tourcoing")
    assert "Combien d'enfants" not in person.question and "moins de 3 ans" not in person.question
    assert "enfants à charge : 2" in reply  # « J'ai noté : … » shows what was read
    sheet = person.finish(ANSWERS, answer_for(person.question))
    situation = sheet["fiche"]["situation"]
    assert (situation["enfants_a_charge"], situation["enfants_moins_3_ans"]) == (2, 1)
    assert "Combien d'enfants" not in person.everything_said()


def test_rsa_said_in_passing_is_never_asked(person):
    person.say("jtouche le rsa depuis 2023, g 45 ans, j'habite a lens")
    person.say("oui")  # « Vous habitez bien à Lens (Pas-de-Calais), hors du Nord ? »
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert sheet["fiche"]["situation"]["rsa"] is True
    assert "Percevez-vous le RSA" not in person.everything_said()


@pytest.mark.parametrize("said, suggested, insee", [
    ("j'habite sur roubaix", None, "59512"),
    ("59100", None, "59512"),
    ("j'habite sur roubé", "Roubaix (59100)", "59512"),
    ("jhabite a armentiere", "Armentières (59280)", "59017"),
])
def test_the_commune_is_found_in_the_way_people_write_it(person, said, suggested, insee):
    person.say("j'ai 40 ans")
    reply = person.say(said)
    if suggested:  # a misspelt name: the person taps the right one among the suggestions
        assert suggested in reply
        assert person.buttons[0]["payload"] == f"insee:{insee}"
        person.say(person.buttons[0]["payload"])
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert sheet["fiche"]["situation"]["commune"] == f"insee:{insee}"
    assert sheet["fiche"]["situation"]["age"] == 40


def test_a_misspelt_commune_in_a_long_message_keeps_the_other_facts(person):
    reply = person.say("jhabite sur roubé, g 28 ans, au rsa")
    assert "Roubaix (59100)" in reply
    person.say(person.buttons[0]["payload"])
    sheet = person.finish(ANSWERS, answer_for(person.question))
    situation = sheet["fiche"]["situation"]
    assert (situation["commune"], situation["age"], situation["rsa"]) == (
        "insee:59512", 28, True)


@pytest.mark.parametrize("said, activite", [
    ("je bosse", "emploi"),
    ("chui etudiante", "etudes"),
    ("en formation", "formation"),
    ("a la retraite", "retraite"),
])
def test_activities_in_everyday_words(person, said, activite):
    person.say("j'ai 24 ans et j'habite a valenciennes")
    while "Que faites-vous" not in person.question:
        person.say(answer_for(person.question))
    person.say(said)
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert sheet["fiche"]["situation"]["activite"] == activite


def test_closed_questions_come_with_buttons_that_answer_them(person):
    person.say("jai 30 ans a lille, je cherche du travail")
    closed = [m for m in person.last if m.get("buttons")]
    while not closed:
        person.say(answer_for(person.question))
        closed = [m for m in person.last if m.get("buttons")]
    titles = [b["title"] for b in person.buttons]
    assert titles == ["Oui", "Non"]
    question = person.question
    person.say(person.buttons[1]["payload"])
    assert person.question != question  # answered: the next question comes


def fact_asked(question: str) -> str:
    return next(f.name for f in FACTS.values()
                if f.question and question.startswith(f.question.split(" (")[0].split("{")[0]))


def test_dont_know_moves_on_and_leaves_the_fact_unknown(person):
    person.say("j'ai 50 ans, j'habite a lille, je cherche du boulot depuis 3 ans")
    question = person.question.split(" (")[0]
    reply = person.say("jsais pas")
    assert question not in reply
    sheet = person.finish({question: "je ne sais pas", **ANSWERS}, answer_for(person.question))
    assert question not in person.everything_said().split(question, 1)[1]  # not asked again
    assert fact_asked(question) not in sheet["fiche"]["situation"]
    assert_matches_engine(sheet)


def test_the_number_of_remaining_questions_is_given_and_goes_down(person):
    person.say("bonjour")
    counts = []
    for _ in range(20):
        found = re.search(r"\((\d+) questions au plus\)", person.question)
        if not found:
            break
        counts.append(int(found[1]))
        person.say(answer_for(person.question))
    assert len(counts) >= 3 and counts == sorted(counts, reverse=True)
    assert "dernière question" in person.question or "/fiche/" in person.question


def test_a_correction_is_taken_and_the_answer_recomputed(person):
    reply = person.say("jai 23 ans, au chomage depuis 8 mois, a roubaix")
    assert "Contrat d'engagement jeune" in reply
    person.say("en fait jai 27 ans pas 23")
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert sheet["fiche"]["situation"]["age"] == 27
    assert statuses(sheet)["cej"] == "non_eligible"
    assert_matches_engine(sheet)


def test_a_former_name_is_explained_by_its_successor(person):
    reply = person.say("c koi la garantie jeunes")
    assert "Garantie jeunes n'existe plus" in reply
    assert "Contrat d'engagement jeune" in reply


@pytest.mark.parametrize("asked, named", [
    ("c quoi la creche vip", "AVIP"),
    ("cest quoi territoire zero chomeur", "zéro chômeur"),
    ("la mdie cest quoi", "MDIE"),
    ("le contrat d'engagement c'est quoi", "Contrat d'engagement jeune"),
])
def test_asking_about_a_scheme_by_name_explains_it(person, asked, named):
    reply = person.say(asked)
    assert named.lower() in reply.lower()
    assert "Je n'ai pas compris" not in reply


def test_a_scheme_question_mid_conversation_then_the_question_again(person):
    person.say("j'ai 19 ans a maubeuge")
    question = person.question
    reply = person.say("et le cej c quoi")
    assert "Contrat d'engagement jeune" in reply
    assert person.question == question


def test_asking_for_a_person_gives_the_nearest_france_services_and_a_code(person):
    person.say("jai 33 ans jhabite a wattrelos")
    reply = person.say("je veux parler a quelqu un")
    assert "France Services" in reply and "tél." in reply
    assert re.search(r"ce code à l'agent : [A-Z2-9]{6}", reply)


def test_restart_forgets_everything(person):
    person.say("g 23 ans a lille")
    reply = person.say("recommencer")
    assert "On recommence à zéro" in reply
    person.say("je ne sais pas")
    sheet = person.finish({}, "je ne sais pas")
    assert "age" not in sheet["fiche"]["situation"]
    assert "commune" not in sheet["fiche"]["situation"]


def test_two_misunderstandings_offer_the_answers_and_a_way_out(person):
    person.say("j'ai 30 ans a lille")
    first = person.say("azertyuiop")
    assert "Je n'ai pas compris" in first
    reply = person.say("qsdfghjklm")
    assert "Je n'arrive pas à comprendre votre réponse" in reply
    assert [b["title"] for b in person.buttons][-3:] == [
        "Passer cette question", "Parler à quelqu'un", "Recommencer"]


def test_outside_the_nord_is_told_what_still_applies(person):
    reply = person.say("j'ai 23 ans et j'habite a amiens, au chomage depuis 1 an")
    assert "Vous habitez bien à Amiens (Somme), hors du Nord ?" in reply  # confirmed first
    reply = person.say("oui")
    assert "hors du Nord" in reply and "aides nationales" in reply
    sheet = person.finish(ANSWERS, answer_for(person.question))
    assert statuses(sheet)["cej"] == "eligible"
    assert statuses(sheet)["creche_avip"] == "non_eligible"
    assert_matches_engine(sheet)


def test_the_final_answer_comes_in_short_messages_with_the_sheet_link(person):
    sheet = person.finish(ANSWERS, "33 ans maman solo dun bebe de 18 mois, jtouche le rsa, "
                                   "a cambrai")
    final = person.seen[[i for i, m in enumerate(person.seen)
                         if m["text"].startswith("Voici ce que vous pouvez demander")][-1]:]
    eligible = [d for d in sheet["dispositifs"] if d["statut"] == "eligible"]
    assert all(len(m["text"]) <= 500 for m in final)
    first = [d for d in eligible if d["importance"] != "service"]
    for d in first:  # what matters most: one line each, with where to go or how to apply
        line = next(m["text"] for m in final if m["text"].startswith("✔") and d["nom"] in m["text"])
        assert "Où :" in line or "Comment :" in line
    grouped = next(m["text"] for m in final if m["text"].startswith(("Aussi ouverts", "Ouverts")))
    for d in eligible:  # every right is named, the services open to many in one line
        assert d["nom"].split(" (")[0] in " ".join(m["text"] for m in final)
    assert len(final) < len(eligible) + 2 and grouped
    assert "/fiche/" in final[-1]["text"]


def test_thanks_and_goodbye_are_answered_politely(person):
    person.say("j'ai 30 ans")
    assert "Avec plaisir" in person.say("merci bcp")
    assert "Au revoir" in person.say("bye")


def test_asking_what_one_is_entitled_to_starts_the_questions(person):
    reply = person.say("jai droit a quoi ?")
    assert "Je n'ai pas compris" not in reply
    assert "?" in person.question


def test_erasing_in_other_words_is_confirmed_then_done(person):
    sheet = person.finish(ANSWERS, "j'ai 30 ans à Lille")
    reply = person.say("pouvez vous supprimer tout ce que je vous ai dit")
    assert "C'est définitif" in reply
    assert httpx.get(f"{sheet_url(person.seen)}.json").status_code == 200
    assert sheet["fiche"]["situation"]["age"] == 30
    reply = person.say(person.buttons[0]["payload"])  # « Oui, tout effacer »
    assert "effacées" in reply
    assert httpx.get(f"{sheet_url(person.seen)}.json").status_code == 404


def test_the_amounts_after_the_sheet_through_the_real_bot(person):
    """Issue 12's household through Rasa: the offer comes with the first sheet, « Oui,
    calculer » asks the housing and incomes, the final answer gives each amount."""
    person.finish({**ANSWERS, "enfants avez-vous": "2", "moins de 3 ans": "1"},
                  "maman solo de 2 enfants, 30 ans, a roubaix, 600 euros par mois")
    offer = next(m for m in person.seen if "calculer vos montants" in m.get("text", ""))
    assert [b["title"] for b in offer["buttons"]] == ["Oui, calculer", "Pas maintenant"]
    text = person.say(offer["buttons"][0]["payload"])
    answers = {"logement": "locataire", "loyer": "520 sans les charges",
               "travail (salaire net)": "0", "âge ont vos enfants": "2 et 6 ans",
               "taux d'incapacité": "non", "ttendez-vous": "non"}
    for _ in range(8):
        if "/fiche/" in text:
            break
        text = person.say(next((a for key, a in answers.items() if key in person.question),
                               "je ne sais pas"))
    assert "Aide au logement (APL, ALF ou ALS) : Aide au logement estimée : environ 498 € " \
           "par mois" in text, text
    assert "environ 34 € par mois" in text and "c'est l'organisme qui verse l'aide" in text
    sheet = sheet_of(person.last)
    amounts = {d["id"]: d["montant_personnel"]["arrondi"] for d in sheet["dispositifs"]
               if (d.get("montant_personnel") or {}).get("arrondi")}
    assert amounts["aide_logement"] == 498 and amounts["allocations_familiales"] == 153
