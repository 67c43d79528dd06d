"""What the assistant says once the facts are in: the next question, the good news as soon as it
is certain, the final answer with the places to go, and where to meet a person.

Pure logic, no I/O, like `actions.dialogue` (which drives the turns and imports these).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from actions.messages import Message, say
from rules.engine.catalogue import default_catalogue
from rules.engine.evaluator import evaluate_situation
from rules.engine.facts import FACTS
from rules.engine.ranking import Answer, ranked_answer
from rules.engine.schema import Scheme
from rules.engine.situation import validate
from rules.places import hours
from rules.places.communes import get_commune
from rules.places.offices import contact_secours, nearest_offices, office_to_lieu
from rules.writing import french

if TYPE_CHECKING:
    from actions.dialogue import State

SheetMaker = Callable[[dict[str, Any]], str]  # situation → URL of the new rights sheet



def _short_name(scheme: Scheme) -> str:
    """The name people use: the first alternative name (« RSA », « France Services »)."""
    return scheme.noms_alternatifs[0] if scheme.noms_alternatifs else scheme.nom


def _help_desk() -> Scheme:
    """Where anyone can meet a person: the one scheme in force for everyone, everywhere (no
    condition, national), with offices of its own — France Services."""
    desks = [s for s in default_catalogue().schemes.values()
             if s.statut == "en_vigueur" and s.conditions is None and s.openfisca is None
             and s.lieu_type and s.territoire.portee == "national"]
    if len(desks) != 1:
        raise LookupError(f"one help desk expected in the catalogue, found {len(desks)}")
    return desks[0]


# Buttons whose shared label speaks of the person (« Je travaille ») shown for another one; the
# payload stays the label, which the question's reader knows.
_BUTTON_TITLES: dict[str, dict[object, str]] = {
    "conjoint_activite": {
        "sans_emploi": "Sans emploi, en recherche", "emploi": "Il ou elle travaille",
        "etudes": "Fait des études", "formation": "En formation",
        "apprentissage": "En apprentissage ou en alternance", "retraite": "À la retraite",
        "autre": "Autre situation",
    },
}


def _question_message(question: dict[str, Any], remaining: int) -> Message:
    titles = _BUTTON_TITLES.get(question["fait"], {})
    buttons = [{"title": titles.get(c["valeur"], c["libelle"]), "payload": c["libelle"]}
               for c in question["choix"]]
    hint = f" ({remaining} questions au plus)" if remaining > 1 else " (dernière question)"
    return say(question["texte"] + hint, buttons)


# A situation as a cache key: each fact with its value's type (True == 1, 500 == 500.0).
FrozenSituation = tuple[tuple[str, type, Any], ...]


def _evaluate(state: State, today: dt.date) -> dict[str, Any]:
    """The engine's result for the state's facts on that day. Read it, never change it: it is
    shared by every caller with the same facts (one turn evaluates them up to three times)."""
    frozen = tuple((name, type(value), tuple(value) if isinstance(value, list) else value)
                   for name, value in state.situation.items())  # lists (enfants_ages): hashable
    return _evaluation(frozen, today)


@lru_cache(maxsize=256)
def _evaluation(situation: FrozenSituation, today: dt.date) -> dict[str, Any]:
    facts = {name: value for name, _, value in situation}
    return evaluate_situation(validate({"date_evaluation": today.isoformat(), **facts}))


def _open_questions(result: dict[str, Any], state: State) -> list[dict[str, Any]]:
    """Every question still to ask: not those the person could not answer, nor those waiting
    for one of them (no premise, no question)."""
    return [q for q in result["questions"]
            if q["fait"] not in state.ignores and q.get("apres") not in state.ignores]


def _pending(result: dict[str, Any], state: State) -> list[dict[str, Any]]:
    """The questions to ask now: those only personal amounts need wait until the person has
    agreed to « calculer vos montants » (offered with the first sheet)."""
    return [q for q in _open_questions(result, state)
            if not q.get("pour_montant") or state.montants]


AMOUNTS_YES = {"title": "Oui, calculer", "payload": "Calculer mes montants"}
AMOUNTS_NO = {"title": "Pas maintenant", "payload": "Pas maintenant"}


def _amounts_offer(result: dict[str, Any], state: State) -> list[Message]:
    """With the first sheet: the questions that would compute the amounts, offered, not asked."""
    waiting = [q for q in _open_questions(result, state) if q.get("pour_montant")]
    if not waiting or state.montants is not None:
        return []
    names = {d["id"]: _plain_name(d) for d in result["dispositifs"]}
    schemes = list(dict.fromkeys(names[s] for q in waiting for s in q["dispositifs"]
                                 if s in names))
    state.offre_montants = True
    count = f"{len(waiting)} questions au plus" if len(waiting) > 1 else "une question"
    return [say(f"Je peux aussi calculer vos montants et regarder d'autres aides "
                f"({', '.join(schemes[:4])}{'…' if len(schemes) > 4 else ''}) : {count}, sur "
                "votre logement et vos revenus. On continue ?", [AMOUNTS_YES, AMOUNTS_NO])]


def _amounts_note(result: dict[str, Any]) -> list[Message]:
    """Once amounts are shown: where they come from, and who decides."""
    computed = [d["montant_personnel"] for d in result["dispositifs"]
                if d["statut"] == "eligible" and (d.get("montant_personnel") or {}).get(
                    "statut") == "calcule"]
    if not computed:
        return []
    on = computed[0].get("parametres_du")
    law = f" (législation au {french.date(dt.date.fromisoformat(on))})" if on else ""
    return [say(f"Les montants sont des estimations, calculées avec OpenFisca-France{law} : "
                "c'est l'organisme qui verse l'aide qui décide et calcule le montant exact.")]


def _why(scheme: dict[str, Any]) -> str:
    reasons = [r["texte"] for r in scheme["raisons"] if r["resultat"]]
    return reasons[-1] if reasons else ""


def _where(lieu: dict[str, Any] | None, now: dt.datetime | None = None) -> str:
    if not lieu:
        return ""
    where = lieu["nom"]
    choice = lieu.get("choix") or {}
    if choice.get("mode") == "zone":  # « la mission locale qui couvre Seclin : …, à Ronchin »
        where = f"{choice['texte']} : {where}, à {lieu.get('commune')}"
    elif lieu.get("commune") and lieu["commune"] not in where:
        where += f", {lieu['commune']}"
    if lieu.get("distance_km") is not None and not lieu.get("position_approchee"):
        where += f" ({french.number(lieu['distance_km'])} km)"
    freshness = lieu.get("fraicheur") or ""
    if lieu.get("telephone") and lieu["telephone"] not in freshness:
        where += f", tél. {lieu['telephone']}"
    if freshness:  # « adresse vérifiée en janvier 2026 », « adresse de 2019, à confirmer : … »
        where += f" — {freshness}"
    elif lieu.get("a_confirmer"):
        where += " (adresse à confirmer)"
    opening = hours.lieu_status(lieu, now or dt.datetime.now(hours.TIMEZONE))
    return f" Où : {where}." + (f" {opening}." if opening else "")


def _how(scheme_id: str) -> str:
    """Where to go, for a scheme with no office of its own: the first sentence of its démarche."""
    scheme = default_catalogue().schemes.get(scheme_id)
    if scheme is None:
        return ""
    first = re.split(r"(?<=[.;])\s", scheme.demarche.texte.strip(), maxsplit=1)[0]
    online = f" En ligne : {scheme.demarche.en_ligne}" if scheme.demarche.en_ligne else ""
    return f" Comment : {first.rstrip(' ;.')}.{online}"


def _plain_name(d: dict[str, Any]) -> str:
    """The name without its bracket (« Pass Formation », not « … (Région Hauts-de-France) »)."""
    return d["nom"].split(" (")[0]


def _ranked_lines(answer: Answer) -> list[Message]:
    """One line a scheme that matters most, its moment said as a condition; then one line for
    the services open to many."""
    lines = [say(f"✔ {d['nom']} : {_why(d)}{_where(d.get('lieu')) or _how(d['id'])}")
             for d in answer.first]
    lines += [say(f"✔ {d['moment'][0].upper()}{d['moment'][1:]} — {d['nom']} : "
                  f"{_why(d)}{_where(d.get('lieu')) or _how(d['id'])}")
              for d in answer.at_a_moment]
    if answer.grouped:
        names = ", ".join(_plain_name(d) for d in answer.grouped)
        also = "Aussi ouverts à vous" if lines else "Ouverts à vous, a priori"
        lines.append(say(f"{also} : {names} (le détail est sur votre fiche)."))
    return lines


def _final(result: dict[str, Any], state: State, make_sheet: SheetMaker) -> list[Message]:
    answer = ranked_answer(result["dispositifs"])
    messages = []
    if answer.first or answer.at_a_moment:
        messages.append(say(f"Voici ce que vous pouvez demander, a priori ({len(answer)}) :"))
        messages += _ranked_lines(answer)
    elif answer:  # only services open to many: said so, in one line
        messages.append(say("D'après vos réponses, je ne trouve ni aide financière ni "
                            "accompagnement certains pour vous."))
        messages += _ranked_lines(answer)
    else:
        messages.append(say("D'après vos réponses, je ne trouve pas d'aide certaine pour "
                            f"l'instant. Une {_short_name(_help_desk())} peut regarder avec "
                            "vous."))
    messages += _undecided(result, state)
    if state.sheet_url is None or state.sheet_for != state.situation:
        state.sheet_url = make_sheet(state.situation)  # a new sheet only if something changed
        state.sheet_for = dict(state.situation)
    url = state.sheet_url
    messages += _amounts_note(result) + _amounts_offer(result, state)
    messages.append(say(
        f"Votre fiche de droits : {url} — vous pouvez l'imprimer ou la montrer au guichet. "
        "C'est l'organisme concerné qui décide."))
    return messages


def _undecided(result: dict[str, Any], state: State) -> list[Message]:
    """The schemes left undecided: those that a question the person did not answer would have
    decided, with the subjects of those questions (« Sans réponse sur : RSA… »); then the
    others, to check at the office."""
    subjects: dict[str, None] = {}  # ordered, without repeats
    unanswered, others, not_computed = [], [], []
    deferred = {q["fait"] for q in result["questions"] if q.get("pour_montant")}
    for d in result["dispositifs"]:
        if d["statut"] != "indetermine":
            continue
        if d["faits_manquants"] and all(f in deferred and f not in state.ignores
                                        for f in d["faits_manquants"]):
            not_computed.append(_plain_name(d))  # waits for the amounts' questions
            continue
        missing = [f for f in d["faits_manquants"] if f in state.ignores]
        subjects.update(dict.fromkeys(FACTS[f].label for f in missing))
        (unanswered if missing else others).append(_plain_name(d))
    messages = []
    if unanswered:
        messages.append(say(f"Sans réponse sur : {', '.join(subjects)}, je ne peux pas vous dire "
                            f"si vous avez droit à : {', '.join(unanswered)}. Le guichet pourra "
                            "vous le dire."))
    if others:
        messages.append(say("À vérifier : " + " ; ".join(others) + "."))
    if not_computed and state.montants is False:
        messages.append(say("Sans les questions sur votre logement et vos revenus, je ne peux "
                            f"pas vous dire si vous avez droit à : {', '.join(not_computed)}."))
    return messages


def _next_step(result: dict[str, Any], state: State, make_sheet: SheetMaker) -> list[Message]:
    pending = _pending(result, state)
    if pending:
        state.fait_demande = pending[0]["fait"]
        return [_question_message(pending[0], len(pending))]
    state.fait_demande = None
    return _final(result, state, make_sheet)


def _sentence_inside(text: str) -> str:
    """« Vous travaillez. » as the end of a sentence: « vous travaillez. » (not « RSA … » nor
    « Proch'Emploi … »)."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first[1:].islower() else text


def _retractions(result: dict[str, Any], state: State) -> list[Message]:
    """Good news said earlier that no longer holds: said, never dropped silently."""
    messages = []
    for d in result["dispositifs"]:
        if d["id"] not in state.annonces or d["statut"] == "eligible":
            continue
        state.annonces.remove(d["id"])  # announced again if it comes back
        if d["statut"] == "non_eligible":
            why = next((r["texte"] for r in d["raisons"] if r["resultat"] is False), "")
            text = f"Finalement, {d['nom']} ne s'applique pas"
            messages.append(say(f"{text} : {_sentence_inside(why)}" if why else f"{text}."))
        else:
            messages.append(say(f"Finalement, pour {d['nom']}, il me faut encore une réponse "
                                "avant de vous le confirmer."))
    return messages


def _announcements(result: dict[str, Any], state: State) -> list[Message]:
    """As soon as something is certain, say it (once); and say it when it no longer is."""
    messages = _retractions(result, state)
    new = [d for d in result["dispositifs"] if d["statut"] == "eligible"
           and d["id"] not in state.annonces and d["id"] != _help_desk().id]
    if not _pending(result, state):  # the final answer says them all
        state.annonces += [d["id"] for d in new]
        return messages
    ranked = ranked_answer(new)  # what matters most, not the services open to many
    said = [*ranked.first, *ranked.at_a_moment]
    state.annonces += [d["id"] for d in said]
    if not said:
        return messages
    names = ", ".join(d["nom"] for d in said)
    return [*messages,
            say(f"Déjà une bonne nouvelle : a priori, vous pouvez demander : {names}.")]


def _human(state: State, today: dt.date) -> list[Message]:
    result = _evaluate(state, today)
    insee = (result.get("territoire") or {}).get("commune")
    commune = get_commune(insee) if insee else None
    desk = _help_desk()
    if commune is None:
        backup = contact_secours() or {}
        return [say(f"Vous pouvez parler à une personne dans une {_short_name(desk)}, "
                    f"ou appeler le Département du Nord au {backup.get('telephone', '?')}. "
                    "Dites-moi votre commune pour trouver le lieu le plus proche.")]
    office, distance = nearest_offices(desk.lieu_type or "", commune, 1)[0]
    lieu = office_to_lieu(office, distance, today)
    text = f"Un agent {_short_name(desk)} peut vous aider gratuitement, sur place :{_where(lieu)}"
    if lieu.get("horaires"):
        text += f" Horaires : {lieu['horaires']}."
    return [say(text), *_also_received(result)]


def _resume(state: State, today: dt.date) -> list[Message]:
    """After the places where to meet a person, the question that was pending (or, if the
    message answered it, the next one): the conversation goes on where it was."""
    if state.fait_demande is None:
        return []
    pending = _pending(_evaluate(state, today), state)
    asked = [q for q in pending if q["fait"] == state.fait_demande] or pending[:1]
    state.fait_demande = asked[0]["fait"] if asked else None
    return [_question_message({**q, "texte": f"Et pour continuer ici : {q['texte']}"},
                              len(pending)) for q in asked[:1]]


def _also_received(result: dict[str, Any]) -> list[Message]:
    """The places of the person's rights that can receive them too (`accueil` in the scheme
    file: the MDIE, where the follow-up of the RSA happens in the Nord)."""
    schemes = default_catalogue().schemes
    return [say(f"{scheme.accueil}{_where(d['lieu'])}") for d in result["dispositifs"]
            if d["statut"] == "eligible" and d.get("lieu")
            and (scheme := schemes.get(d["id"])) is not None and scheme.accueil]


