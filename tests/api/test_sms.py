"""SMS text: GSM-7 alphabet, three segments at most, buttons as a numbered list."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.routes_sms import _GSM7, _GSM7_EXTENSION, _units, gsm7, segments, sms_text


def test_gsm7_keeps_french_readable_and_in_the_small_alphabet():
    assert gsm7("Êtes-vous à « Lille » ? ça marche…") == 'Etes-vous à " Lille " ? ca marche...'
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("ê" * 70) == 1 and segments("ê" * 71) == 2


def test_long_answers_fit_in_three_segments_keeping_the_question():
    messages = [{"text": "Déjà une bonne nouvelle : " + "x" * 600, "buttons": []},
                {"text": "Percevez-vous le RSA en ce moment ?",
                 "buttons": [{"title": "Oui", "payload": "Oui"},
                             {"title": "Non", "payload": "Non"}]}]
    text, buttons = sms_text(messages)
    assert segments(text) <= 3
    assert "Percevez-vous le RSA en ce moment ?" in text
    assert text.endswith("Repondez 1. Oui ; 2. Non")
    assert buttons[1]["payload"] == "Non"


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=700), min_size=1, max_size=8),
       titles=st.lists(st.text(min_size=1, max_size=30), max_size=6))
def test_any_reply_ends_keeping_the_last_message_and_the_choices(texts, titles):
    buttons = [{"title": t, "payload": t} for t in titles]
    messages = [{"text": t, "buttons": []} for t in texts]
    messages[-1]["buttons"] = buttons
    text, offered = sms_text(messages)  # returns (it used to loop forever on some lengths)
    assert text.endswith(f"{len(titles)}. {gsm7(titles[-1])}" if titles else gsm7(texts[-1]))
    assert gsm7(texts[-1]) in text
    assert offered == buttons
    assert all(ch in _GSM7 or ch in _GSM7_EXTENSION for ch in text)
    kept = text[text.index(gsm7(texts[-1])) if len(texts) > 1 else 0:]
    if _units(kept) + 44 * (len(texts) - 1) <= 3 * 153:  # room for the shortened others
        assert segments(text) <= 3


@pytest.mark.parametrize("limit", [160, 220, 300, 459, 480])
def test_the_sheet_summary_keeps_its_link_whole_at_any_size(limit):
    from api.render import sheet_sms_text
    from rules import evaluate

    result = evaluate({"date_evaluation": "2026-11-23", "age": 33, "commune": "Cambrai",
                       "rsa": True, "enfants_a_charge": 1, "enfants_moins_3_ans": 1,
                       "activite": "sans_emploi", "en_couple": False})
    url = "https://mesdroits.example/fiche/SXHSEsAOkR9STr8QEl00Xxo5CssqWumG"
    text = sheet_sms_text(result, url, limit)
    assert len(text) <= limit and text.endswith(url)
    assert "Revenu de solidarité active" in text or limit < 200


def test_the_sheet_summary_says_what_matters_first_and_the_services_in_one_line():
    from api.render import sheet_sms_text
    from rules import evaluate

    result = evaluate({"date_evaluation": "2026-11-23", "age": 23, "commune": "Roubaix",
                       "rsa": False, "enfants_a_charge": 0, "activite": "sans_emploi"})
    text = sheet_sms_text(result, "https://mesdroits.example/fiche/X", 459)
    lines = text.splitlines()
    assert lines[1].startswith("- Contrat d'engagement jeune"), text
    assert not any(line.startswith("- Pass numériques") for line in lines), text
    assert any(line.startswith("- aussi : ") and "Pass numériques" in line for line in lines), text
