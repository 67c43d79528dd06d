"""A request to meet or hear from a person, read from the words whatever the intent."""

import pytest

from rules.language.person import asks_for_a_person


@pytest.mark.parametrize("text", [
    "je veux parler à un conseiller",
    "jpeu parlé a qqn svp",
    "est ce que je peux discuter avec une personne",
    "je voudrais voir une conseillère",
    "pouvez vous me rappeler demain",
    "rappelez-moi svp",
    "j'aimerais être rappelée",
    "qu'on me rappelle ce serait bien",
    "un agent peut m'appeler ?",
])
def test_a_request_for_a_person_is_read(text):
    assert asks_for_a_person(text)


@pytest.mark.parametrize("text", [
    "je veux parler a mon fils de ses droits",
    "je parle à ma voisine tous les jours",
    "un rappel de mes droits",
    "je m'appelle Julie, 34 ans",
    "j'ai 23 ans au chomage a roubaix",
])
def test_other_messages_are_not(text):
    assert not asks_for_a_person(text)
