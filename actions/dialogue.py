"""The conversation, turn by turn: planner-driven questions, corrections, answers in short messages.

Pure logic, no I/O: `respond` takes the conversation's state, the message and its intent, and
returns the messages to send and the new state. The Rasa action (`actions.actions`) stores the
state in slots; the tests drive `respond` directly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from actions.commune_turn import (
    is_payload,
    outside_the_nord,
    proposed,
    read_commune,
)
from actions.final_answer import (
    SheetMaker,
    _announcements,
    _evaluate,
    _help_desk,
    _human,
    _next_step,
    _pending,
    _question_message,
    _resume,
    _short_name,
    _why,
)
from actions.messages import Message, say
from actions.reading_turn import (
    doubt_question,
    example_for,
    noted_line,
    replacement,
    say_value,
    under_3_from_bare_ages,
    weigh,
    without_stray_age,
)
from rules.engine.catalogue import default_catalogue
from rules.engine.facts import FACTS
from rules.engine.situation import SituationError, validate
from rules.language.answers import is_choice_label, read_answer
from rules.language.corrections import says_correction
from rules.language.dont_know import is_dont_know
from rules.language.person import asks_for_a_person
from rules.language.proxy import (
    as_first_person,
    restarts_for_someone_else,
    without_the_other_person,
)
from rules.language.refusals import is_refusal
from rules.language.scheme_names import (
    asks_about_a_scheme,
    find_scheme,
    without_asked_scheme_names,
)
from rules.language.sentences import extract_facts
from rules.language.yes_no import parse_yes_no
from rules.normalize import normalize
from rules.writing import french

MAX_MESSAGE = 2000
MENU = [
    {"title": "Voir mes droits", "payload": "Quels sont mes droits ?"},
    {"title": "Parler à quelqu'un", "payload": "Je veux parler à quelqu'un"},
    {"title": "Recommencer", "payload": "Recommencer"},
    {"title": "Effacer mes données", "payload": "Effacer mes données"},
]
WELCOME = (
    "Bonjour ! Je vous aide à savoir quelles aides vous pouvez demander dans le Nord. "
    "Décrivez votre situation en quelques mots (âge, commune, travail, RSA, enfants…) "
    "ou répondez à mes questions. Vous pouvez écrire « recommencer » ou « effacer mes "
    "données » à tout moment."
)
CodeMaker = Callable[[dict[str, Any]], tuple[str, int]]  # situation → hand-over code, minutes


@dataclass
class State:
    situation: dict[str, Any] = field(default_factory=dict)
    fait_demande: str | None = None
    incompris: int = 0
    annonces: list[str] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)
    sheet_url: str | None = None
    sheet_for: dict[str, Any] | None = None  # the situation the sheet was made for
    a_confirmer: str | None = None  # « erase » or « restart » asked in other words
    pour_un_tiers: bool = False  # restarted for someone else: « il », « elle » is the person
    communes_proposees: list[str] = field(default_factory=list)  # INSEE codes offered to tap
    a_corriger: dict[str, Any] = field(default_factory=dict)  # « c'est bien 20 ans ? »
    # Whether the person wants the personal amounts (their questions come after the first
    # sheet): None = not offered yet, or no answer to the offer.
    montants: bool | None = None
    offre_montants: bool = False  # the offer was the last thing said

    @classmethod
    def from_dict(cls, saved: dict[str, Any]) -> State:
        """The state as kept between turns (Rasa's slot `etat`)."""
        return cls(
            situation=dict(saved.get("situation") or {}),
            fait_demande=saved.get("fait_demande"),
            incompris=int(saved.get("incompris") or 0),
            annonces=list(saved.get("annonces") or []),
            ignores=list(saved.get("ignores") or []),
            # states saved before 2026-12 kept the URL under « sheet_id »
            sheet_url=saved.get("sheet_url") or saved.get("sheet_id"),
            sheet_for=saved.get("sheet_for"),
            a_confirmer=saved.get("a_confirmer"),
            pour_un_tiers=bool(saved.get("pour_un_tiers")),
            communes_proposees=list(saved.get("communes_proposees") or []),
            a_corriger=dict(saved.get("a_corriger") or {}),
            montants=saved.get("montants"),
            offre_montants=bool(saved.get("offre_montants")),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"situation": self.situation, "fait_demande": self.fait_demande,
                "incompris": self.incompris, "annonces": self.annonces,
                "ignores": self.ignores, "sheet_url": self.sheet_url,
                "sheet_for": self.sheet_for, "a_confirmer": self.a_confirmer,
                "pour_un_tiers": self.pour_un_tiers,
                "communes_proposees": self.communes_proposees,
                "a_corriger": self.a_corriger, "montants": self.montants,
                "offre_montants": self.offre_montants}


@dataclass
class Reply:
    messages: list[Message]
    state: State
    erase: bool = False  # the gateway deletes the conversation and the person's sheets
    final: int = 0  # how many of the last messages are the final answer (SMS sums them up)


def _examples() -> str:
    """« RSA, CEJ, crèche VIP… »: the schemes the catalogue ranks as examples (`exemple`)."""
    ranked = sorted((s for s in default_catalogue().schemes.values() if s.exemple is not None),
                    key=lambda s: s.exemple or 0)
    return ", ".join(_short_name(s) for s in ranked)


def _unknown_scheme() -> str:
    return ("Je ne connais pas ce dispositif. Je connais les aides à l'emploi et à l'insertion "
            f"dans le Nord : {_examples()}, aides de la Région… Pour les autres aides (logement, "
            f"santé…), une {_short_name(_help_desk())} peut vous renseigner.")




@dataclass
class Reading:
    """What a message gave: facts to record, facts asked about, « je ne sais pas » or a
    refusal, and a message about the commune."""

    facts: dict[str, Any]
    dont_know: bool = False
    problem: Message | None = None
    doubtful: dict[str, Any] = field(default_factory=dict)


def _answer_to_asked(state: State, text: str, today: dt.date, facts: dict[str, Any]
                     ) -> tuple[bool, bool]:
    """Reads the answer to the pending question into `facts`: (answered, « je ne sais pas »).
    The pending question is the strongest prior: its reader wins over the sentence's."""
    asked = state.fait_demande
    if asked is None:
        return False, False
    answer = read_answer(asked, text, today)
    if answer.dont_know:
        return False, True
    if not answer.understood:
        return asked in facts, False
    # a button of the question (« Je travaille » for the partner's activity): nothing else in it
    kept = {} if is_choice_label(asked, text) else without_stray_age(facts, asked, text)
    value = answer.value
    if asked == "enfants_moins_3_ans":
        value = under_3_from_bare_ages(text, value, state.situation.get("enfants_a_charge"))
    facts.clear()
    facts.update(kept | {asked: value})
    facts.update({k: v for k, v in (answer.extra or {}).items() if k not in facts})
    return True, False


def _after_the_questions(state: State, text: str, today: dt.date, facts: dict[str, Any]
                         ) -> None:
    """No question pending (after the sheet): « c'est 1200 pas 800 », or a late answer to the
    last question left unanswered (« bon ok c'est 450 par mois »)."""
    facts.update(replacement(state.situation, facts, text))
    if facts or not state.ignores:
        return
    late = state.ignores[-1]
    answer = read_answer(late, text, today)
    if answer.understood and not answer.dont_know and late != "commune":
        facts[late] = answer.value
        state.ignores.remove(late)


def _read(state: State, text: str, today: dt.date) -> Reading:
    """Facts in the message, weighed against the question asked and what is known."""
    place = read_commune(state, text, False) if is_payload(text) else None
    if place is not None:  # a button of ours: nothing else to read in it
        return Reading(place.facts, problem=place.problem)
    text = without_asked_scheme_names(text)  # « c'est quoi le coach emploi ? »: not a job
    if state.pour_un_tiers:
        text = as_first_person(text)
    if state.fait_demande and is_refusal(text):
        return Reading({}, dont_know=True)  # unknown, never « non », and not asked again
    facts: dict[str, Any] = {k: v for k, v in extract_facts(text, today).items() if k in FACTS}
    place = read_commune(state, text, bool(facts))
    facts.update(place.facts)
    problem = place.problem
    if place.payload:
        return Reading(facts, problem=problem)
    asked = state.fait_demande
    if asked == "commune" and "commune" not in facts:
        weighed = weigh(state.situation, facts, asked, False, text)
        return Reading(weighed.kept, problem is None and is_dont_know(text), problem,
                       weighed.doubtful)
    replaced = replacement(state.situation, facts, text)
    if asked is None:
        _after_the_questions(state, text, today, facts)
        answered, dont_know = False, False
    elif asked == "commune" or (replaced and asked not in replaced):
        answered, dont_know = asked in facts, False  # « j'ai 26 ans pas 24 »: not a count
    elif facts and asked not in facts and says_correction(text, no_answers_the_question=True):
        answered, dont_know = False, False  # « ah non pardon, j'habite à Hem »: its « non » too
    else:
        answered, dont_know = _answer_to_asked(state, text, today, facts)
    facts.update(replaced)
    weighed = weigh(state.situation, facts, asked, answered, text)
    return Reading(weighed.kept, dont_know, problem, weighed.doubtful)


def _merge(state: State, facts: dict[str, Any]) -> list[Message]:
    """Add the facts to the situation; refuse, with the French message, those that are wrong."""
    candidate = {**state.situation, **facts}
    try:
        validate(candidate)
    except SituationError as exc:
        bad = {e.champ for e in exc.errors}
        kept = {k: v for k, v in facts.items() if k not in bad}
        state.situation.update(kept)
        try:
            validate(state.situation)
        except SituationError:
            state.situation = {k: v for k, v in state.situation.items() if k not in bad}
        return [say(e.message) for e in exc.errors]
    state.situation = candidate
    return []


def _explain_scheme(text: str, state: State, today: dt.date) -> list[Message]:
    scheme = find_scheme(text)
    if scheme is None:
        return [say(f"De quel dispositif parlez-vous ? Par exemple : {_examples()}.")]
    catalogue = default_catalogue()
    result = _evaluate(state, today)
    status = {d["id"]: d for d in result["dispositifs"]}
    messages = []
    if scheme.statut == "annonce":
        messages.append(say(f"{scheme.nom} : c'était une promesse ({scheme.annonce}), "
                            "pas un droit que l'on peut demander aujourd'hui."))
        return messages
    if scheme.fin is not None and today > scheme.fin and scheme.remplace_par:
        successor = catalogue.schemes[scheme.remplace_par]
        text = (f"{scheme.nom} n'existe plus : le dispositif a été remplacé le "
                f"{french.date(successor.debut or scheme.fin)} par : {successor.nom}.")
        scheme = successor
        messages.append(say(text))
    else:
        messages.append(say(f"{scheme.nom} : {scheme.resume}"))
    mine = status.get(scheme.id)
    if mine and mine["statut"] == "eligible":
        messages.append(say(f"Et vous pouvez y avoir droit, a priori : {_why(mine)}"))
    elif mine and mine["statut"] == "non_eligible":
        reasons = [r["texte"] for r in mine["raisons"] if r["resultat"] is False]
        messages.append(say("D'après vos réponses, ce n'est pas pour vous : "
                            + (reasons[0] if reasons else "")))
    elif mine:
        messages.append(say("Pour savoir si c'est pour vous, il me faut encore quelques "
                            "réponses."))
    return messages


def _validity(minutes: int) -> str:
    if minutes % 1440 == 0:
        days = minutes // 1440
        return f"{days} jour{'s' if days > 1 else ''}"
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def _handover(state: State, make_code: CodeMaker | None) -> list[Message]:
    if make_code is None or not state.situation:
        return []
    code, minutes = make_code(state.situation)
    return [say(f"Au guichet, donnez ce code à l'agent : {code} (valable {_validity(minutes)})."
                " Il retrouvera vos réponses sans tout vous redemander.")]


_NOT_NOW = {"title": "Non, continuer", "payload": "Non, continuer"}
# Erasing and restarting lose the person's answers: (commands that do it at once — the page's
# button, the menu, the confirmation —, the question asked when it is said in other words).
DRASTIC: dict[str, tuple[set[str], Message]] = {
    "erase": (
        {"effacer mes donnees", "effacez mes donnees", "supprimer mes donnees",
         "supprimez mes donnees", "effacer mes informations", "tout effacer", "effacer tout",
         "oui, tout effacer"},
        say("Voulez-vous effacer toute la conversation et vos fiches ? C'est définitif.",
            [{"title": "Oui, tout effacer", "payload": "Oui, tout effacer"}, _NOT_NOW]),
    ),
    "restart_conversation": (
        {"recommencer", "on recommence", "je veux recommencer", "tout recommencer",
         "recommencer a zero", "oui, recommencer", "/restart"},
        say("Voulez-vous tout recommencer ? Vos réponses seront oubliées.",
            [{"title": "Oui, recommencer", "payload": "Oui, recommencer"}, _NOT_NOW]),
    ),
}


def _drastic(state: State, intent: str, text: str, pending: str | None, gives_facts: bool,
             today: dt.date) -> tuple[str | None, Reply | None]:
    """Whether to erase or restart now: (the one to do, or a reply asking to confirm it).

    Done at once on an explicit command, on « oui » to the confirmation, or when there is
    nothing to lose; confirmed first when the classifier found it in other words (« je veux
    effacer mon message », « rien du tout comme revenus »); never when the message gives facts.
    """
    said = normalize(text).strip(" .!")
    for action, (commands, _) in DRASTIC.items():
        if said in commands:
            return action, None
    if pending:
        answer = parse_yes_no(text)
        if answer is True:
            return pending, None
        if answer is False:
            return None, Reply([say("D'accord, je garde vos réponses."),
                                *_question_again(state, today)], state)
    if intent not in DRASTIC:  # something else: the conversation goes on
        return None, None
    if not state.situation and not state.sheet_url:
        return intent, None
    if gives_facts:
        return None, None
    state.a_confirmer = intent
    return None, Reply([DRASTIC[intent][1]], state)


def _question_again(state: State, today: dt.date) -> list[Message]:
    if state.fait_demande is None:
        return []
    pending = _pending(_evaluate(state, today), state)
    return [_question_message(q, len(pending)) for q in pending
            if q["fait"] == state.fait_demande][:1]


@dataclass
class Turn:
    """One message and what was read in it, handed to each handler in turn."""

    state: State
    said: str  # the intent the classifier found (Rasa's « restart » renamed)
    text: str
    today: dt.date
    make_sheet: SheetMaker
    make_code: CodeMaker | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    dont_know: bool = False
    problem: Message | None = None  # about the commune: unknown, or suggestions to pick from
    doubtful: dict[str, Any] = field(default_factory=dict)  # a new value, not said to correct

    @cached_property
    def intent(self) -> str:
        """What the turn is about once erasing and restarting are ruled out: a scheme named in
        a question is a question about it, whatever the classifier found (« bonjour c quoi la
        mdie ? »); a message that gives facts is an answer, even with « bonjour », « merci » or
        « recommencer »."""
        if self.said not in (*DRASTIC, "human") and asks_about_a_scheme(self.text):
            return "ask_scheme"
        if self.said not in DRASTIC and asks_for_a_person(self.text):
            return "human"  # « parlé a qqn », « rappelez-moi »: whatever the classifier found
        # « bonjour j'habite à Roubé »: a commune to confirm after a greeting is an answer too
        gives = self.facts or (self.problem is not None and self.said == "greet")
        if self.said in DRASTIC or (gives and self.said in ("greet", "thank", "goodbye")):
            return "inform"
        return self.said

    def next_step(self) -> list[Message]:
        return _next_step(_evaluate(self.state, self.today), self.state, self.make_sheet)


Handler = Callable[[Turn], Reply | None]  # None: not this handler's turn, ask the next one


def _restart_for_someone_else(turn: Turn) -> Reply | None:
    """« on peut recommencer ? c'est pour mon fils »: nothing of the first person is kept, and
    « il », « elle » now describe the person."""
    if not restarts_for_someone_else(turn.text):
        return None
    state = State(pour_un_tiers=True)
    reading = _read(state, without_the_other_person(turn.text), turn.today)
    fresh = Turn(state, turn.said, turn.text, turn.today, turn.make_sheet, facts=reading.facts)
    messages = [say("On recommence à zéro, pour cette autre personne : répondez pour elle.")]
    messages += _noted(fresh)
    return Reply(messages + fresh.next_step(), fresh.state)


YES_NO_BUTTONS = [{"title": "Oui", "payload": "Oui"}, {"title": "Non", "payload": "Non"}]


def _confirm_change(state: State, text: str, today: dt.date, make_sheet: SheetMaker
                    ) -> Reply | None:
    """The answer to « Vous m'aviez dit : 52 ans. C'est bien 20 ans ? »: « oui » records the new
    value, « non » keeps the old one. Read before the message is read for the pending question
    (« oui » is not its answer); a message that says more is read as usual, the change dropped."""
    proposed_change, state.a_corriger = state.a_corriger, {}
    answer = parse_yes_no(text)
    if answer is None or extract_facts(text, today):
        return None
    if answer:
        errors = _merge(state, proposed_change)
        line = noted_line(proposed_change, None)
        messages = errors + ([say(f"C'est corrigé. {line}")] if line and not errors else [])
        return Reply(messages + _next_step(_evaluate(state, today), state, make_sheet), state)
    kept = ", ".join(say_value(k, state.situation[k]) for k in proposed_change
                     if k in state.situation)
    again = _question_again(state, today) or _next_step(_evaluate(state, today), state,
                                                        make_sheet)
    return Reply([say(f"D'accord, je garde : {kept}."), *again], state)


def _erase_or_restart(turn: Turn) -> Reply | None:
    pending, turn.state.a_confirmer = turn.state.a_confirmer, None
    action, confirm = _drastic(turn.state, turn.said, turn.text, pending, bool(turn.facts),
                               turn.today)
    if confirm:
        return confirm
    if action == "erase":
        return Reply([say("C'est fait : votre conversation et vos fiches sont effacées. "
                          "Écrivez-moi quand vous voulez pour recommencer.")], State(),
                     erase=True)
    if action == "restart_conversation":
        fresh = Turn(State(), turn.said, turn.text, turn.today, turn.make_sheet)
        return Reply([say("On recommence à zéro."), *fresh.next_step()], fresh.state)
    return None


def _too_long(text: str) -> Message | None:
    """A message too long to be read whole is refused, and told so (never cut silently)."""
    if len(text) <= MAX_MESSAGE:
        return None
    return say(f"Votre message est trop long ({french.number(len(text))} caractères) : je lis "
               f"au plus {french.number(MAX_MESSAGE)} caractères. Écrivez l'essentiel en "
               "quelques phrases (âge, commune, travail, revenus, enfants…).")


def _empty_message(turn: Turn) -> Reply | None:
    if turn.text.strip():
        return None
    return Reply([say("Votre message est vide. Répondez à la question ou décrivez "
                      "votre situation.")], turn.state)


def _welcome(turn: Turn) -> Reply | None:
    if turn.intent != "greet" or turn.state.situation:
        return None  # greeted in the middle of the conversation: it goes on
    return Reply([say(WELCOME), *turn.next_step()], turn.state)


_GOING_ON_RE = re.compile(r"(?<![a-z])(?:continu\w*|reprend\w*|poursui\w*|la suite)(?![a-z])")


def _farewell(turn: Turn) -> Reply | None:
    if turn.intent not in ("thank", "goodbye"):
        return None
    if _GOING_ON_RE.search(normalize(turn.text)):  # « bon on continue »: not a farewell
        return Reply(_question_again(turn.state, turn.today) or turn.next_step(), turn.state)
    bye = "Avec plaisir !" if turn.intent == "thank" else "Au revoir, et bon courage !"
    return Reply([say(f"{bye} Vous pouvez revenir quand vous voulez.")], turn.state)


def _noted(turn: Turn) -> list[Message]:
    """Facts given along with a request for a person or a question about a scheme."""
    if not turn.facts:
        return []
    errors = _merge(turn.state, turn.facts)
    recorded = {k: v for k, v in turn.facts.items() if turn.state.situation.get(k) == v}
    line = noted_line(recorded, turn.state.fait_demande)
    return errors + ([say(line)] if line else [])


def _person(turn: Turn) -> Reply | None:
    if turn.intent != "human":
        return None
    messages = _noted(turn) + _human(turn.state, turn.today)
    messages += _handover(turn.state, turn.make_code) + _resume(turn.state, turn.today)
    return Reply(messages, turn.state)


def _back_to_questions(turn: Turn) -> list[Message]:
    """After a scheme question, the question that was pending (or the first one)."""
    if _pending(_evaluate(turn.state, turn.today), turn.state):
        return turn.next_step()[:1]
    return []


def _scheme_question(turn: Turn) -> Reply | None:
    if turn.intent != "ask_scheme":
        return None
    noted = _noted(turn)
    if find_scheme(turn.text):
        messages = noted + _explain_scheme(turn.text, turn.state, turn.today)
        return Reply(messages + _back_to_questions(turn), turn.state)
    if not turn.facts:  # a scheme we do not know (« et l'APL ? »)
        return Reply([say(_unknown_scheme()), *_back_to_questions(turn)], turn.state)
    return None  # facts about the person (already noted) and no scheme: an answer


def _understood(turn: Turn) -> bool:
    """Whether the message was understood; counts the messages not understood in a row."""
    state = turn.state
    if turn.dont_know and state.fait_demande:
        state.ignores.append(state.fait_demande)
    understood = (bool(turn.facts or turn.doubtful) or turn.dont_know
                  or turn.intent in ("ask_rights", "greet"))
    if turn.problem and turn.problem.get("buttons"):
        understood = True  # a misspelt commune: the person picks it among the suggestions
    state.incompris = 0 if understood else state.incompris + 1
    return understood


def _not_understood(asked: str | None) -> str:
    """Says what was not understood, with an example answer."""
    if asked is None:
        return ("Je n'ai pas compris. Décrivez votre situation en quelques mots, par exemple : "
                "« 35 ans, au chômage, à Roubaix ».")
    return f"Je n'ai pas compris votre réponse.{example_for(asked)}"


SKIP = {"title": "Passer cette question", "payload": "Je préfère ne pas répondre"}


def _way_out(state: State, today: dt.date) -> Message:
    """After two messages not understood: the pending question's answers to tap, a way to skip
    it (left unknown, never asked again) or to meet a person; with no question, the menu."""
    question = next(iter(_question_again(state, today)), None)
    if question is None:
        return say("Je n'arrive pas à vous comprendre. Que voulez-vous faire ?", MENU)
    return say(f"Je n'arrive pas à comprendre votre réponse. {question['text']}"
               f"{example_for(state.fait_demande)} Vous pouvez aussi passer la question.",
               [*question.get("buttons", []), SKIP, *MENU[1:3]])


def _answer(turn: Turn) -> Reply:
    """Facts, « je ne sais pas », anything else: noted, then what is new and the next step."""
    state = turn.state
    understood = _understood(turn)
    if state.incompris >= 2:
        state.incompris = 0
        return Reply([_way_out(state, turn.today)], state)
    if turn.problem:  # the commune is asked again, the other facts of the message kept
        messages = _merge(state, turn.facts)
        state.fait_demande = "commune"
        state.communes_proposees = proposed(turn.problem)
        return Reply([*messages, turn.problem], state)
    asked = state.fait_demande
    messages = [] if understood else [say(_not_understood(asked))]
    was = state.situation.get("commune")
    known = dict(state.situation)
    errors = _merge(state, turn.facts)
    recorded = {k: v for k, v in turn.facts.items() if state.situation.get(k) == v}
    messages += errors + [say(line) for line in (noted_line(recorded, asked, turn.text),) if line]
    result = _evaluate(state, turn.today)
    messages += outside_the_nord(result, state.situation.get("commune"), was)
    if turn.doubtful:  # asked before the next question, which the answer may change
        state.a_corriger = dict(turn.doubtful)
        return Reply([*messages, say(doubt_question(known, turn.doubtful), YES_NO_BUTTONS)],
                     state)
    messages += _announcements(result, state)
    steps = _next_step(result, state, turn.make_sheet)
    return Reply(messages + steps, state, final=0 if state.fait_demande else len(steps))


_DRASTIC_WORDS_RE = re.compile(r"(?<![a-z])(?:effac\w*|supprim\w*|recommenc\w*|oubli\w*)")
_AMOUNTS_RE = re.compile(r"(?<![a-z])(?:calcul\w*|combien)(?![a-z]).*(?<![a-z])(?:montants?|"
                         r"toucher|touche|aurai|aurais)(?![a-z])|(?<![a-z])mes montants(?![a-z])")


def _amounts(turn: Turn) -> Reply | None:
    """The answer to « Je peux aussi calculer vos montants… On continue ? » (or « calculer mes
    montants » at any time): the questions only the amounts need are then asked."""
    state = turn.state
    offered, state.offre_montants = state.offre_montants, False
    text = normalize(turn.text)
    if state.a_confirmer or _DRASTIC_WORDS_RE.search(text):
        return None  # « effacer mes montants », or the answer to « voulez-vous tout effacer ? »
    asks = bool(_AMOUNTS_RE.search(text))
    declines = text == "pas maintenant" or (offered and text in ("non merci", "plus tard"))
    answer = parse_yes_no(turn.text) if offered and not turn.facts else None
    if declines:
        answer = False
    if not asks and answer is None:
        return None
    state.montants = asks or bool(answer)
    if not state.montants:
        return Reply([say("D'accord. Votre fiche reste disponible ; écrivez « calculer mes "
                          "montants » si vous changez d'avis.")], state)
    messages = _noted(turn)
    steps = turn.next_step()
    return Reply(messages + steps, state, final=0 if state.fait_demande else len(steps))


# Asked in this order; the first that answers makes the reply, `_answer` answers any turn.
# `_amounts` before `_erase_or_restart`: the classifier has taken « Calculer mes montants »
# (the offer's button) for « effacer ».
HANDLERS: tuple[Handler, ...] = (_restart_for_someone_else, _amounts, _erase_or_restart,
                                 _empty_message, _welcome, _farewell, _person, _scheme_question)


def respond(state: State, intent: str, text: str, today: dt.date,
            make_sheet: SheetMaker, make_code: CodeMaker | None = None) -> Reply:
    """One turn of the conversation."""
    text = text or ""
    refused = _too_long(text)
    if refused is not None:
        return Reply([refused, *_question_again(state, today)], state)
    if state.a_corriger:
        confirmed = _confirm_change(state, text, today, make_sheet)
        if confirmed is not None:
            return confirmed
    said = "restart_conversation" if intent == "restart" else intent  # Rasa's own name for it
    said = "inform" if is_payload(text) else said
    reading = _read(state, text, today)  # whatever the intent
    turn = Turn(state, said, text, today, make_sheet, make_code, reading.facts,
                reading.dont_know, reading.problem, reading.doubtful)
    for handler in HANDLERS:
        reply = handler(turn)
        if reply is not None:
            return reply
    return _answer(turn)
