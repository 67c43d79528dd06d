"""The residents' web chat at `/`, in Debian's Chromium, against the whole assistant."""

import re
import subprocess

import pytest
from browser_csp import watch_csp
from playwright.sync_api import expect
from test_browser_desk import assert_no_serious_violation

from api.stack import ROOT, Stack, free_port, running

ANSWERS = {
    "RSA": "Non", "enfants avez-vous": "0", "couple": "Non", "Combien gagne": "0",
    "Attendez-vous": "Non", "2 ans à temps plein": "Non", "RQTH": "Non",
    "Depuis combien de temps habitez-vous": "3 ans", "France Travail": "Oui",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    trained = subprocess.run(["bash", "scripts/train_bot.sh"], cwd=ROOT, capture_output=True,
                             text=True, timeout=1200)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    with running(Stack(var_dir=tmp_path_factory.mktemp("chat"), api_port=free_port())) as stack:
        yield stack


def test_a_whole_conversation_to_the_sheet(chromium, assistant, axe_script):
    context = chromium.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    context.set_default_timeout(15_000)
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(assistant.api_url + "/")
    conversation = page.locator("#fil")
    expect(conversation).to_contain_text("Bonjour ! Je vous aide")
    page.get_by_label("Votre message").fill("jai 23 ans au chomage depuis 8 mois a roubaix")
    page.keyboard.press("Enter")
    expect(conversation).to_contain_text("Déjà une bonne nouvelle")
    sheet = page.get_by_role("link", name="Ouvrir ma fiche de droits")
    for _ in range(15):
        if sheet.count():
            break
        question = page.locator("#fil li.assistant").last.inner_text()
        answer = next((a for key, a in ANSWERS.items() if key in question), "je ne sais pas")
        lines = page.locator("#fil li").count()
        quick = page.locator("#reponses button", has_text=re.compile(f"^{answer}$"))
        if quick.count():
            quick.first.click()  # quick reply button
        else:
            page.get_by_label("Votre message").fill(answer)
            page.get_by_role("button", name="Envoyer").click()
        expect(page.locator("#fil li")).not_to_have_count(lines)  # the answer came back
        expect(page.locator("#etat")).to_have_text("")  # not wait_for_function: eval is refused
    expect(sheet).to_be_visible()
    assert_no_serious_violation(page, axe_script)

    page.reload()  # the conversation survives a reload
    expect(page.get_by_role("link", name="Ouvrir ma fiche de droits")).to_be_visible()

    with context.expect_page() as opened:
        page.get_by_role("link", name="Ouvrir ma fiche de droits").click()
    expect(opened.value.get_by_role("heading", name="Vos droits")).to_be_visible()

    page.get_by_role("button", name="Effacer mes données").click()
    expect(page.locator("#etat")).to_have_text("Vos données ont été effacées.")
    context.close()
    assert not violations, "\n".join(violations)  # the chat and the sheet, under the CSP


def test_a_message_sent_while_the_assistant_is_down_is_resent_in_one_tap(chromium, assistant):
    context = chromium.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(assistant.api_url + "/")
    expect(page.locator("#fil")).to_contain_text("Bonjour ! Je vous aide")
    assistant.stop_service("actions")
    try:
        page.get_by_label("Votre message").fill("j'ai 45 ans et j'habite à Lille")
        page.keyboard.press("Enter")
        expect(page.locator("#fil li.assistant").last).to_contain_text("Réessayez")
    finally:
        assistant.restart_service("actions", timeout=60)
    page.get_by_role("button", name="Réessayer").click()
    expect(page.locator("#fil li.moi").last).to_contain_text("j'ai 45 ans et j'habite à Lille")
    expect(page.locator("#fil li.assistant").last).not_to_contain_text("Réessayez")
    context.close()
