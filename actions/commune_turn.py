"""The commune in a turn: read from the message, offered with one tap when misspelt or shared,
confirmed when outside the Nord, told once when it is. Kept apart from `actions.dialogue` (which
calls it) so that reading the other facts and planning the questions can change without it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from actions.messages import Message, say
from rules.language.communes import read_place
from rules.language.dont_know import is_dont_know
from rules.language.yes_no import parse_yes_no
from rules.places.communes import Commune, CommuneError, get_commune, resolve_commune

if TYPE_CHECKING:
    from actions.dialogue import State

OTHER_COMMUNE = "commune:autre"  # the payload of « Non, une autre commune »
_PAYLOAD = re.compile(r"^\s*(insee:[0-9AB]{5}|commune:autre)\s*$", re.IGNORECASE)
_SHOWN = 4
_ANSWER_WORDS = 4  # a longer message naming no commune is not read whole as a commune's name



@dataclass
class CommuneTurn:
    """What a message says of the commune: facts to note, or a message to send instead."""

    facts: dict[str, Any] = field(default_factory=dict)
    problem: Message | None = None  # a confirmation, suggestions, or « unknown commune »
    payload: bool = False  # a button's payload or a yes/no to our proposal: nothing else in it


def is_payload(text: str) -> bool:
    """« insee:59410 », « commune:autre »: a button of ours, never read as text."""
    return bool(_PAYLOAD.match(text or ""))


def _value(commune: Commune) -> str:
    return f"insee:{commune.insee}"


def _ask_commune() -> Message:
    return say("Dans quelle commune habitez-vous ? Indiquez son nom ou son code postal "
               "(par exemple : Roubaix, ou 59100).")


def _no_button(state: State) -> dict[str, str]:
    """« Non »: back to the commune already known, or another one."""
    known = get_commune(str(state.situation.get("commune", "")).removeprefix("insee:"))
    if known is not None and known.dans_le_nord:
        return {"title": f"Non, {known.nom}", "payload": _value(known)}
    return {"title": "Non, une autre commune", "payload": OTHER_COMMUNE}


def _where(commune: Commune) -> str:
    """« Lens (Pas-de-Calais) », « Paris »."""
    if commune.departement_nom == commune.nom:
        return commune.nom
    return f"{commune.nom} ({commune.departement_nom})"


def _confirm_outside(state: State, commune: Commune) -> CommuneTurn:
    return CommuneTurn(problem=say(
        f"Vous habitez bien à {_where(commune)}, hors du Nord ?",
        [{"title": f"Oui, {commune.nom}", "payload": _value(commune)}, _no_button(state)]))


def _offer(state: State, communes: tuple[Commune, ...] | list[Commune]) -> CommuneTurn:
    shown = list(communes)[:_SHOWN]
    if len(shown) == 1:  # the names are in the text too: SMS shows no buttons
        return CommuneTurn(problem=say(
            f"Vous habitez à {shown[0].libelle} ?",
            [{"title": f"Oui, {shown[0].libelle}", "payload": _value(shown[0])},
             _no_button(state)]))
    labels = [c.libelle if c.dans_le_nord else f"{c.libelle}, {c.departement_nom}"
              for c in shown]
    buttons = [{"title": label, "payload": _value(c)} for label, c in zip(labels, shown,
                                                                         strict=True)]
    return CommuneTurn(problem=say(
        f"Vouliez-vous dire : {' ; '.join(labels)} ? Touchez votre commune, ou écrivez son nom "
        "ou son code postal.", [*buttons, _no_button(state)]))


def _take(state: State, commune: Commune, quartier: bool | None = None) -> CommuneTurn:
    """A commune named clearly (and whether in its habilitated quartier): noted if in the
    Nord, confirmed first if not."""
    inside = {} if quartier is None else {"quartier_tzc": quartier}
    if state.situation.get("commune") == _value(commune):
        return CommuneTurn(inside)
    if not commune.dans_le_nord:
        return _confirm_outside(state, commune)
    return CommuneTurn({"commune": _value(commune), **inside})


def _answer(state: State, text: str) -> CommuneTurn:
    """The whole message as the answer to « dans quelle commune ? »."""
    try:
        return _take(state, resolve_commune(text.strip()))
    except CommuneError as exc:
        if exc.candidates:
            return _offer(state, exc.candidates)
        return CommuneTurn(problem=say(exc.message))


def _tapped(text: str) -> CommuneTurn | None:
    """A button of ours."""
    said = text.strip().lower()
    if said == OTHER_COMMUNE:
        return CommuneTurn(problem=_ask_commune(), payload=True)
    if is_payload(said):
        commune = get_commune(said.removeprefix("insee:").upper())
        if commune is None:
            return CommuneTurn(problem=_ask_commune(), payload=True)
        return CommuneTurn({"commune": _value(commune)}, payload=True)
    return None


def _yes_or_no(proposed: list[str], text: str, others: bool) -> CommuneTurn | None:
    """« oui » / « non » typed to the commune we proposed (and nothing else)."""
    answer = parse_yes_no(text) if proposed and not others else None
    if answer is True:
        return CommuneTurn({"commune": f"insee:{proposed[0]}"}, payload=True)
    if answer is False:
        return CommuneTurn(problem=_ask_commune(), payload=True)
    return None


def read_commune(state: State, text: str, others: bool) -> CommuneTurn:
    """The commune in a message (`others`: it gives other facts too). « oui » answers the
    commune last offered (`State.communes_proposees`, kept by the dialogue when it sends it)."""
    offered, state.communes_proposees = state.communes_proposees, []
    tapped = _tapped(text)
    if tapped is not None:
        return tapped
    reading = read_place(text)
    if reading.commune is not None:
        return _take(state, reading.commune, reading.quartier)
    if reading.suggestions:
        return _offer(state, reading.suggestions)
    if reading.unknown:
        return _answer(state, reading.unknown)
    yes_or_no = _yes_or_no(offered, text, others)
    if yes_or_no is not None:
        return yes_or_no
    if (state.fait_demande == "commune" and not others and not is_dont_know(text)
            and len(text.split()) <= _ANSWER_WORDS):
        return _answer(state, text)
    return CommuneTurn()


def proposed(problem: Message) -> list[str]:
    """The INSEE codes a message offers to tap, the first the one proposed."""
    return [b["payload"].removeprefix("insee:") for b in problem.get("buttons", [])
            if b["payload"].startswith("insee:")]


def outside_the_nord(result: dict[str, Any], commune: str | None, was: str | None
                     ) -> list[Message]:
    """Said once, when the commune just given (`commune`, before: `was`) is outside the Nord."""
    territoire = result.get("territoire")
    if not territoire or territoire["dans_le_nord"] or commune == was:
        return []
    return [say(f"Vous habitez à {territoire['nom']}, hors du Nord : les aides du Département "
                "du Nord ne vous concernent pas, mais les aides nationales (RSA, CEJ, prime "
                "d'activité…) restent valables.")]
