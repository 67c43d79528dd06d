"""Half answers are neither yes nor no (messages written here)."""

import pytest

from rules.language.yes_no import parse_yes_no


@pytest.mark.parametrize("text", ["plus ou moins", "bah ça dépend des semaines", "peut-être",
                                  "c'est compliqué"])
def test_a_half_answer_is_neither(text):
    assert parse_yes_no(text) is None


@pytest.mark.parametrize(("text", "value"), [("plus maintenant", False), ("pas vraiment", False),
                                             ("ouais carrément", True)])
def test_plain_answers_stay_read(text, value):
    assert parse_yes_no(text) is value
