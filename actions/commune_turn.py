"""The commune in a turn: read from the message, suggested when misspelt, told when outside the
Nord. Kept apart from `actions.dialogue` (which calls it) so that reading the other facts and
planning the questions can change without touching it."""

from __future__ import annotations

from typing import Any

from rules.language.communes import commune_mention
from rules.language.dont_know import is_dont_know
from rules.places.communes import CommuneError, resolve_commune

MAX_MESSAGE = 2000
Message = dict[str, Any]


def _text(text: str, buttons: list[dict[str, str]] | None = None) -> Message:
    message: Message = {"text": text}
    if buttons:
        message["buttons"] = buttons
    return message


def commune_answer(text: str) -> tuple[str | None, Message | None]:
    """An answer to « dans quelle commune ? »: the commune, or a message with suggestions."""
    try:
        return f"insee:{resolve_commune(text.strip()).insee}", None
    except CommuneError as exc:
        buttons = [{"title": c.libelle, "payload": f"insee:{c.insee}"}
                   for c in exc.candidates[:5]]
        return None, _text(exc.message, buttons)


def read_commune(asked: str | None, text: str, found: bool, others: bool
                 ) -> tuple[str | None, Message | None]:
    """The commune a message gives when it does not name one exactly: a suggestion picked
    (« insee:59512 »), a misspelt place after « j'habite… », or the answer to the commune
    question (`asked` is the fact asked); (commune, message with suggestions or saying it is
    unknown)."""
    if found:
        return None, None
    if text.strip().lower().startswith("insee:"):
        return commune_answer(text)
    mention = commune_mention(text)
    if mention:
        return commune_answer(mention)
    if asked == "commune" and not others and not is_dont_know(text):
        return commune_answer(text)
    return None, None


def outside_the_nord(result: dict[str, Any], commune: str | None, was: str | None
                     ) -> list[Message]:
    """Said once, when the commune just given (`commune`, before: `was`) is outside the Nord."""
    territoire = result.get("territoire")
    if not territoire or territoire["dans_le_nord"] or commune == was:
        return []
    return [_text(f"Vous habitez à {territoire['nom']}, hors du Nord : les aides du Département "
                  "du Nord ne vous concernent pas, mais les aides nationales (RSA, CEJ, prime "
                  "d'activité…) restent valables.")]
