"""Every situation fact that can be read from one free sentence (:func:`extract_facts`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from rules.language.activity import SANS_EMPLOI, Hit, activity_hits, main_activity
from rules.language.age import BIRTH_RE, birth_date, own_ages
from rules.language.children import (
    CHILD_NOUNS,
    Group,
    ages_from,
    child_groups,
    combine_groups,
)
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
from rules.language.housing import housing_in_sentence
from rules.language.money import money_candidates, spent
from rules.language.partner import partner_activity, partner_age, partner_income
from rules.language.rent import rent_in_sentence
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


def _lead_in_start(tx: Text, start: int) -> int:
    """Where « depuis 8 mois », « il y a 8 mois », « ça fait 8 mois » starts."""
    if [tx.word(start - 3), tx.word(start - 2), tx.word(start - 1)] == ["il", "y", "a"]:
        return start - 3
    if tx.word(start - 1) in {"depuis", "fait"}:
        return start - 1
    return start


def _topic_of(tx: Text, duration: Duration, topics: dict[int, str]) -> str | None:
    """What a « depuis … » duration is about: the nearest topic word in the same sentence."""
    best: tuple[int, int, str] | None = None
    start = _lead_in_start(tx, duration.start)
    for i in range(max(0, start - 9), min(len(tx.words), duration.end + 9)):
        topic = topics.get(i)
        if topic is None or start <= i < duration.end:
            continue
        if i < start:
            lo, hi, distance, side = i, start, start - i, 0
        else:
            lo, hi, distance, side = duration.end, i, i - duration.end + 1, 1
        if any(tx.word(m) in SENTENCE_END for m in range(lo, hi)):
            continue
        # a word of the same clause is nearer than one past a comma
        distance += 3 * sum(1 for m in range(lo, hi) if tx.word(m) == ",")
        if best is None or (distance, side) < (best[0], best[1]):
            best = (distance, side, topic)
    return None if best is None or best[2] == "other" else best[2]



_OF_UNEMPLOYMENT = frozenset({"chomage", "emploi", "travail", "boulot", "taf", "recherche"})
_NO_INCOME_RE = phrase(
    r"(?:pas|sans|aucun|aucune|zero|0|plus) (?:de |d )?(?:revenus?|ressources?)"
    r"|(?:revenus?|ressources?) (?::|=)? ?(?:rien|zero|0|nada|aucun)"
    r"|pas un (?:rond|sou|centime)"
)
_EXPECTING_RE = phrase(r"(?:attends|attend|attendons) (?:un|une) (?:bebe|enfant)")


class Sentence:
    """One message being read, with what several fact readers share (computed once)."""

    def __init__(self, text: str, today: date) -> None:
        self.tx = Text(text)
        self.today = today
        self.ages = own_ages(self.tx, strict=True)
        self.age_starts = {n.start for n in self.ages}

    @cached_property
    def activity(self) -> list[Hit]:
        return activity_hits(self.tx)

    @cached_property
    def child_groups(self) -> list[Group]:
        return child_groups(self.tx, self.today)


Facts = dict[str, object]


_AGE_TO_COME_RE = phrase(
    r"(?:je |j ?' ?)?(?:aurai|vais avoir|vais bientot avoir) (\d{1,3}) (?:ans|an)"
)


def read_age(s: Sentence) -> Facts:
    """« j'ai 23 ans », « j'aurai 26 ans en janvier » (25 today), or a birth date (« née le
    12/03/2001 ») that is not a child's."""
    to_come = _AGE_TO_COME_RE.search(s.tx.norm)
    if to_come:
        return {"age": int(to_come.group(1)) - 1}
    if s.ages:
        return {"age": int(s.ages[0].value)}
    if s.tx.spans(BIRTH_RE) and not s.child_groups:
        born = birth_date(s.tx, s.today)
        if born is not None and born <= s.today:
            return {"age": months_between(born, s.today) // 12}
    return {}


def read_activity(s: Sentence) -> Facts:
    """« au chomdu », « je bosse », « en alternance »… (not what is said of someone else)."""
    category = main_activity(s.activity)
    return {"activite": category} if category is not None else {}


def _duration_topic(s: Sentence, duration: Duration, topics: dict[int, str]) -> str | None:
    """What a duration measures: "unemployed", "residence", or None (not a « since »)."""
    tx = s.tx
    of_unemployment = (  # « 2 ans de chômage »
        tx.word(duration.end) in {"de", "d", "sans"}
        and tx.word(duration.end + 1) in _OF_UNEMPLOYMENT
    )
    moved_in = (
        duration.is_date
        and tx.word(duration.start - 1) in DATE_LEAD_INS
        and preceded_by(tx, duration.start, _MOVE_IN, span=4)
        and not _moving_soon(tx, duration.start)
    )  # « j'ai emménagé en janvier », not « je déménage en janvier »
    if not (duration.marked or of_unemployment or moved_in) or duration.start in s.age_starts:
        return None
    return "residence" if moved_in else _topic_of(tx, duration, topics)


def _moving_soon(tx: Text, start: int) -> bool:
    """« je déménage en janvier »: a move word right after « je », « on »: to come."""
    return any(tx.word(i) in _MOVE_IN and tx.word(i - 1) in {"je", "on", "nous"}
               for i in range(max(0, start - 4), start))


_DURATION_FACTS = {"unemployed": "sans_emploi_depuis_mois", "residence": "residence_depuis_mois"}


def read_durations(s: Sentence) -> Facts:
    """« au chômage depuis 8 mois », « j'habite ici depuis 2023 »: the first of each topic."""
    facts: Facts = {}
    topics = _topics(s.tx, s.activity)
    for duration in durations_in(s.tx, s.today):
        topic = _duration_topic(s, duration, topics)
        if topic is not None:
            facts.setdefault(_DURATION_FACTS[topic], duration.months)
    return facts


def read_rsa(s: Sentence) -> Facts:
    value = receives_rsa(s.tx)
    return {"rsa": value} if value is not None else {}


def read_couple(s: Sentence) -> Facts:
    value = in_couple(s.tx)
    return {"en_couple": value} if value is not None else {}


def read_pregnancy(s: Sentence) -> Facts:
    """« enceinte », « pas enceinte », « j'attends un bébé »."""
    value = said_flag(s.tx, frozenset({"enceinte", "enceintes"}))
    if value is None and s.tx.spans(_EXPECTING_RE):
        value = True
    return {"enceinte": value} if value is not None else {}


def read_children(s: Sentence) -> Facts:
    if not s.child_groups:
        return {}
    total, under = combine_groups(s.child_groups)
    if under is None and total:  # « deux gamins, un de 18 mois et une de 4 ans »
        ages = ages_from(s.tx, s.child_groups[0].end)
        if len(ages) == total:
            under = sum(1 for months in ages if months < 36)
    facts: Facts = {}
    if total is not None:
        facts["enfants_a_charge"] = total
    if under is not None:
        facts["enfants_moins_3_ans"] = under
    return facts


def read_france_travail(s: Sentence) -> Facts:
    value = registered_france_travail(s.tx)
    return {"inscrit_france_travail": value} if value is not None else {}


def read_rqth(s: Sentence) -> Facts:
    value = said_flag(s.tx, frozenset({"rqth"}))
    return {"rqth": value} if value is not None else {}


def read_income(s: Sentence) -> Facts:
    """An amount next to « revenus », « je touche », « € »…; « pas de revenus » → 0."""
    money = [m for m in money_candidates(s.tx, need_context=True)
             if m[1] not in s.age_starts and not spent(s.tx, m[1])]
    if money:
        return {"ressources_mensuelles_foyer": float(money[0][0])}
    if s.tx.spans(_NO_INCOME_RE):
        return {"ressources_mensuelles_foyer": 0.0}
    return {}


def read_housing(s: Sentence) -> Facts:
    """« je suis locataire », « j'habite en HLM », « je suis hébergée chez ma mère », « je suis
    SDF »; « loyer 450 », « je paie 450 € de loyer » (only right next to « loyer »)."""
    facts: Facts = {}
    housing = housing_in_sentence(s.tx)
    if housing is not None:
        facts["logement"] = housing
    rent = rent_in_sentence(s.tx)
    if rent is not None and housing in (None, "locataire", "locataire_social"):
        facts["loyer_mensuel"] = rent
    return facts


def read_partner(s: Sentence) -> Facts:
    """« mon mari a 30 ans et il travaille », « ma copine est au chômage », « ma femme touche
    900 € » (see rules.language.partner)."""
    found = {"conjoint_age": partner_age(s.tx), "conjoint_activite": partner_activity(s.tx),
             "conjoint_revenus_mensuels": partner_income(s.tx)}
    return {name: value for name, value in found.items() if value is not None}


# Each reader gives the facts it finds (contract field names), in this order.
FACT_READERS: tuple[Callable[[Sentence], Facts], ...] = (
    read_age,
    read_activity,
    read_durations,
    read_rsa,
    read_couple,
    read_pregnancy,
    read_children,
    read_france_travail,
    read_rqth,
    read_income,
    read_housing,
    read_partner,
)


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
    sentence = Sentence(text, today)
    for read in FACT_READERS:
        facts.update(read(sentence))
    return facts
