"""Every situation fact that can be read from one free sentence (:func:`extract_facts`)."""

from __future__ import annotations

from datetime import date

from rules.language.activity import PRIORITY, SANS_EMPLOI, Hit, activity_hits
from rules.language.age import BIRTH_RE, birth_date, own_ages
from rules.language.children import CHILD_NOUNS, child_groups, combine_groups
from rules.language.clauses import preceded_by
from rules.language.dates import months_between
from rules.language.durations import DATE_LEAD_INS, Duration, durations_in
from rules.language.flags import (
    COUPLE_TRUE,
    in_couple,
    receives_rsa,
    registered_france_travail,
    said_flag,
)
from rules.language.money import money_candidates
from rules.language.text import Text
from rules.language.tokens import SENTENCE_END, phrase

_RESIDENCE_WORDS = frozenset(
    {"habite", "habites", "habitons", "habitent", "habiter", "vis", "vit", "vivons", "vivent",
     "loge", "logee", "loges", "heberge", "hebergee", "installe", "installee", "installes",
     "emmenage", "emmenagee", "demenage", "demenagee", "arrive", "arrivee", "arrives",
     "ici", "quartier", "ville", "commune", "coin", "appart", "appartement", "logement",
     "adresse", "domicile", "residence", "reside", "village", "cite"}
)  # fmt: skip
_MOVE_IN = frozenset(
    {"emmenage", "emmenagee", "emmenages", "demenage", "demenagee", "demenages", "arrive",
     "arrivee", "arrives", "arrivees", "installe", "installee", "installes", "installees"}
)  # fmt: skip
_UNEMPLOYED_TOPIC = frozenset(
    {"cherche", "recherche", "francetravail", "inscrit", "inscrite", "chomage", "chomeur"}
)
_OTHER_TOPIC = (
    frozenset({"rsa", "enceinte", "grossesse", "rqth", "handicap"}) | COUPLE_TRUE | CHILD_NOUNS
)


def _topics(tx: Text, activity: list[Hit]) -> dict[int, str]:
    """Token index → what it talks about: "unemployed", "residence" or "other"."""
    topics: dict[int, str] = {}
    for i, w in enumerate(tx.words):
        lives_with = w in {"vis", "vit", "vivons"} and tx.word(i + 1) in {
            "avec",
            "seul",
            "seule",
            "ensemble",
            "en",
        }
        if w in _RESIDENCE_WORDS and not lives_with:
            topics[i] = "residence"
        elif w in _UNEMPLOYED_TOPIC:
            topics[i] = "unemployed"
        elif w in _OTHER_TOPIC or lives_with:
            topics[i] = "other"
    for hit in activity:
        topics[hit.index] = "unemployed" if hit.category == SANS_EMPLOI else "other"
    return topics


def _topic_of(tx: Text, duration: Duration, topics: dict[int, str]) -> str | None:
    """What a « depuis … » duration is about: the nearest topic word in the same sentence."""
    best: tuple[int, int, str] | None = None
    for i in range(max(0, duration.start - 9), min(len(tx.words), duration.end + 9)):
        topic = topics.get(i)
        if topic is None or duration.start <= i < duration.end:
            continue
        if i < duration.start:
            lo, hi, distance, side = i, duration.start, duration.start - i, 0
        else:
            lo, hi, distance, side = duration.end, i, i - duration.end + 1, 1
        if any(tx.word(m) in SENTENCE_END for m in range(lo, hi)):
            continue
        if best is None or (distance, side) < (best[0], best[1]):
            best = (distance, side, topic)
    return None if best is None or best[2] == "other" else best[2]



def extract_facts(text: str, today: date) -> dict[str, object]:
    """Every situation field that can be read from one free sentence (contract field names).

    « jai 23 ans au chomage depuis 8 mois » → {"age": 23, "activite": "sans_emploi",
    "sans_emploi_depuis_mois": 8}. Reads: age, activite, sans_emploi_depuis_mois (a « depuis »
    duration next to unemployment words), residence_depuis_mois (a « depuis » duration next to
    « j'habite », « ici », « quartier »…), rsa, en_couple, enceinte, enfants_a_charge,
    enfants_moins_3_ans, inscrit_france_travail, rqth, ressources_mensuelles_foyer (an amount
    next to « revenus », « je touche », « gagne », « € »…). Never the commune. Absent facts are
    left out of the dict.

    Choices: a duration goes to the nearest topic word in the same sentence, so « inscrit à
    France Travail depuis 2 ans » counts as 24 months without work; what is said about someone
    else (« mon mari bosse », « elle est étudiante ») does not set ``activite``; a requested or
    pending RSA / RQTH (« j'ai fait une demande de RSA ») is left unknown.
    """
    facts: dict[str, object] = {}
    if not text or not text.strip():
        return facts
    tx = Text(text)
    ages = own_ages(tx, strict=True)
    if ages:
        facts["age"] = int(ages[0].value)
    elif tx.spans(BIRTH_RE) and not child_groups(tx, today):
        born = birth_date(tx, today)
        if born is not None and born <= today:
            facts["age"] = months_between(born, today) // 12
    hits = activity_hits(tx)
    categories = {h.category for h in hits}
    for category in PRIORITY:
        if category in categories:
            facts["activite"] = category
            break
    age_starts = {n.start for n in ages}
    topics = _topics(tx, hits)
    for duration in durations_in(tx, today):
        of_unemployment = tx.word(duration.end) in {"de", "d", "sans"} and tx.word(
            duration.end + 1
        ) in {"chomage", "emploi", "travail", "boulot", "taf", "recherche"}
        marked = duration.marked or of_unemployment
        moved_in = (
            duration.is_date
            and tx.word(duration.start - 1) in DATE_LEAD_INS
            and preceded_by(tx, duration.start, _MOVE_IN, span=4)
        )  # « j'ai emménagé en janvier »
        if not (marked or moved_in) or duration.start in age_starts:
            continue
        topic = "residence" if moved_in else _topic_of(tx, duration, topics)
        if topic == "unemployed" and "sans_emploi_depuis_mois" not in facts:
            facts["sans_emploi_depuis_mois"] = duration.months
        elif topic == "residence" and "residence_depuis_mois" not in facts:
            facts["residence_depuis_mois"] = duration.months
    if (rsa := receives_rsa(tx)) is not None:
        facts["rsa"] = rsa
    if (couple := in_couple(tx)) is not None:
        facts["en_couple"] = couple
    if (pregnant := said_flag(tx, frozenset({"enceinte", "enceintes"}))) is not None:
        facts["enceinte"] = pregnant
    elif tx.spans(phrase(r"(?:attends|attend|attendons) (?:un|une) (?:bebe|enfant)")):
        facts["enceinte"] = True
    groups = child_groups(tx, today)
    if groups:
        total, under = combine_groups(groups)
        if total is not None:
            facts["enfants_a_charge"] = total
        if under is not None:
            facts["enfants_moins_3_ans"] = under
    if (inscrit := registered_france_travail(tx)) is not None:
        facts["inscrit_france_travail"] = inscrit
    if (rqth := said_flag(tx, frozenset({"rqth"}))) is not None:
        facts["rqth"] = rqth
    money = money_candidates(tx, need_context=True)
    money = [m for m in money if m[1] not in age_starts]
    if money:
        facts["ressources_mensuelles_foyer"] = float(money[0][0])
    elif tx.spans(
        phrase(
            r"(?:pas|sans|aucun|aucune|zero|0|plus) (?:de |d )?(?:revenus?|ressources?)"
            r"|(?:revenus?|ressources?) (?::|=)? ?(?:rien|zero|0|nada|aucun)"
            r"|pas un (?:rond|sou|centime)"
        )
    ):
        facts["ressources_mensuelles_foyer"] = 0.0
    return facts
