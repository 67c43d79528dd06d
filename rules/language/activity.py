"""What the person does now: « au chomdu », « je bosse », « en alternance », « retraitée »."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from rules.language.clauses import is_negated, preceded_by, third_person
from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import phrase

SANS_EMPLOI, EMPLOI, ETUDES, FORMATION = "sans_emploi", "emploi", "etudes", "formation"
APPRENTISSAGE, RETRAITE, AUTRE = "apprentissage", "retraite", "autre"
THIRD_PERSON = "tiers"  # a hit about someone else: never the person's activity

_ACTIVITY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "chomage",
            "chomeur",
            "sansactivite",
            "demandeuremploi",
            "licencie",
            "licenciee",
            "inactif",
            "inactive",
        ),
        SANS_EMPLOI,
    ),
    **dict.fromkeys(
        (
            "travaille",
            "travailles",
            "travaillons",
            "travaillent",
            "travail",
            "travailler",
            "taf",
            "tafer",
            "taffer",
            "bosse",
            "bosses",
            "bossons",
            "bossent",
            "bosser",
            "boss",
            "boulot",
            "job",
            "salarie",
            "salariee",
            "salaries",
            "cdi",
            "cdd",
            "interim",
            "interimaire",
            "emploi",
            "employe",
            "employee",
            "ouvrier",
            "ouvriere",
            "embauche",
            "embauchee",
            "autoentrepreneur",
            "independant",
            "independante",
            "tempspartiel",
            "travailleur",
            "travailleuse",
        ),
        EMPLOI,
    ),
    **dict.fromkeys(
        (
            "etudiant",
            "etudiante",
            "etudiants",
            "etudiantes",
            "etudes",
            "fac",
            "faculte",
            "universite",
            "lyceen",
            "lyceenne",
            "lycee",
            "bts",
            "licence",
            "master",
            "iut",
            "dut",
            "prepa",
            "terminale",
            "etudie",
            "etudier",
            "doctorant",
            "doctorante",
        ),
        ETUDES,
    ),
    **dict.fromkeys(("formation", "formations", "stagiaire", "stagiaires", "afpa"), FORMATION),
    **dict.fromkeys(
        (
            "apprenti",
            "apprentie",
            "apprentis",
            "apprenties",
            "alternance",
            "alternant",
            "alternante",
            "alternants",
            "apprentissage",
        ),
        APPRENTISSAGE,
    ),
    **dict.fromkeys(("retraite", "retraitee", "retraites", "retraitees"), RETRAITE),
    **dict.fromkeys(("aufoyer", "servicecivique", "invalidite"), AUTRE),
}
_PRIORITY = (RETRAITE, APPRENTISSAGE, FORMATION, ETUDES, SANS_EMPLOI, EMPLOI, AUTRE)
_INTENT = frozenset(
    {"cherche", "cherches", "cherchons", "chercher", "recherche", "recherches", "rechercher",
     "trouver", "veux", "voudrais", "voudrai", "aimerais", "aimerai", "souhaite",
     "souhaiterais", "envie", "projet", "reprendre", "besoin", "demande", "attente", "vise",
     "postule", "postuler"}
)  # fmt: skip
PAST = frozenset(
    {"fini", "finis", "finit", "termine", "terminee", "arrete", "arretee", "sorti", "sortie",
     "apres", "ancien", "ancienne", "ex", "etais", "etait", "avant", "avais", "avait",
     "quitte", "quittee"}
)  # fmt: skip
_LOSS = frozenset({"perdu", "vire", "viree", "licencie", "licenciee", "fin", "quitte", "quittee"})
_VERB_FORMS = frozenset(
    {"travaille", "bosse", "taf", "etudie", "travailles", "bosses", "travaillons", "bossons"}
)
_FUZZY_STOP = frozenset(
    {"salaire", "salaires", "information", "informations", "retraiter", "travailleur",
     "bossu", "etudier", "fatigue", "format", "formes", "chomeur", "emplois", "employer",
     "retrait", "retraits", "licences", "allocation", "allocations", "alternative", "alterner",
     "travaux", "bosses", "etudes", "apprendre", "formateur", "formatrice", "retraitement",
     "employeur", "employeurs", "bossant", "formule", "formulaire", "stage", "stages"}
)  # fmt: skip
_FUZZY_CHOICES = tuple(w for w in _ACTIVITY_WORDS if len(w) >= 6)
_I_OR_NE = frozenset({"je", "j", "ne", "n"})
_MORE_TO_COME = frozenset({"a", "de", "d", "qui", "que", "pour"})


@lru_cache(maxsize=4096)
def _fuzzy_activity_word(word: str) -> str | None:
    """A typo of an activity word (« etudiente », « alternence », « aprentie »), or None."""
    if len(word) < 6 or word in _FUZZY_STOP or not word.isalpha():
        return None
    match = process.extractOne(word, _FUZZY_CHOICES, scorer=fuzz.ratio, score_cutoff=87)
    if match is None or match[0][0] != word[0]:
        return None
    return match[0]



@dataclass(frozen=True, slots=True)
class Hit:
    index: int
    category: str


def _not_an_activity(tx: Text, i: int, key: str) -> bool:
    """« offre d'emploi », « Cap emploi », « travailleur » without « indépendant »."""
    if key == "emploi":
        return tx.word(i - 1) in {"capemploi", "offre", "offres", "bureau"}
    return key in {"travailleur", "travailleuse"} and tx.word(i + 1) != "independant"


def _read_employment(tx: Text, i: int, key: str) -> str | None:
    """« je bosse » → emploi; « je travaille pas », « je cherche du taf », « j'ai perdu mon
    boulot » → sans_emploi; « j'ai travaillé », « avant je bossais » → nothing now."""
    if is_negated(tx, i) or preceded_by(tx, i, _INTENT | _LOSS, span=4):
        return SANS_EMPLOI
    if preceded_by(tx, i, PAST) or (
        key in _VERB_FORMS and tx.word(i - 1) in {"ai", "a", "avais", "avait"}
    ):
        return None
    return EMPLOI


_ABOUT_RETIREMENT = frozenset(
    {"dossier", "demande", "depart", "caisse", "droits", "age", "preparer", "calcul"}
)


def _read_status(tx: Text, i: int, category: str) -> str | None:
    """« étudiante », « en formation », « au chômage »… unless negated, past, or wished."""
    if category == RETRAITE and tx.word(i - 1) in {"de", "d", "ma", "la", "sa"} \
            and tx.word(i - 2) in _ABOUT_RETIREMENT:
        return None  # « mon dossier de retraite »: a file to make, not being retired
    # « en formation pas étudiante »: the « pas » is about the next activity word
    corrects_next = tx.word(i + 1) in {"pas", "non"} and tx.word(i + 2) in _ACTIVITY_WORDS
    if (
        (is_negated(tx, i) and not corrects_next)
        or preceded_by(tx, i, PAST)
        or (category != SANS_EMPLOI and preceded_by(tx, i, _INTENT, span=4))
    ):
        return None
    return category


def _in_a_relative_clause(tx: Text, i: int) -> bool:
    """« les jeunes qui cherchent un emploi »: said of the noun before « qui » (not « moi qui
    cherche »)."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if tx.word(k) == "qui":
            return tx.word(k - 1) not in {"moi", "je", "j", ""}
    return False


def _activity_at(tx: Text, i: int) -> str | None:
    """What token i says of the person's activity, or None."""
    word = tx.word(i)
    if word == "rien" and preceded_by(tx, i, frozenset({"fais", "fait"}), span=3):
        return SANS_EMPLOI  # « je fais rien »
    if word == "rien" and tx.word(i - 1) == "trouve" and tx.word(i - 2) in _I_OR_NE \
            and tx.word(i + 1) not in _MORE_TO_COME:
        return SANS_EMPLOI  # « l'usine a fermé et depuis je trouve rien » (not « rien à redire »)
    key = word if word in _ACTIVITY_WORDS else _fuzzy_activity_word(word)
    if key is None or _not_an_activity(tx, i, key):
        return None
    if third_person(tx, i) or _in_a_relative_clause(tx, i):
        return THIRD_PERSON  # « mon mari bosse », « les jeunes qui cherchent un emploi »
    category = _ACTIVITY_WORDS[key]
    if category == EMPLOI:
        return _read_employment(tx, i, key)
    return _read_status(tx, i, category)


_BETWEEN_JOBS_RE = phrase(
    r"entre (?:2|deux) (?:missions?|contrats?|boulots?|jobs?|emplois?|postes?|cdd|interims?)"
)


def activity_hits(tx: Text) -> list[Hit]:
    """Activity keywords with their meaning once negations, intentions and past tense applied;
    « entre 2 missions d'intérim » is without work now (its job words say nothing more)."""
    between = tx.spans(_BETWEEN_JOBS_RE)
    if between:
        return [Hit(between[0][0], SANS_EMPLOI)]
    found = ((i, _activity_at(tx, i)) for i in range(len(tx.words)))
    return [Hit(i, category) for i, category in found if category is not None]


def main_activity(hits: list[Hit]) -> str | None:
    """The most specific of the activities found (retraite > apprentissage > … > emploi)."""
    categories = {h.category for h in hits}
    return next((category for category in _PRIORITY if category in categories), None)


_NOTHING_RE = phrase(r"rien|fais rien|fait rien|je fais rien|je ne fais rien|je fais plus rien")


def parse_activite(text: str) -> str | None:
    """What the person does now: sans_emploi, emploi, etudes, formation, apprentissage,
    retraite or autre; None when nothing is recognised.

    « au chomdu », « je cherche du taf », « je travaille pas », « pas de boulot » → sans_emploi;
    « je bosse », « en CDI », « intérim » → emploi; « étudiante », « à la fac » → etudes;
    « en formation » → formation; « en alternance » → apprentissage; « retraitée » → retraite;
    « mère au foyer », « service civique » → autre. When several are said the more specific
    status wins (retraite > apprentissage > formation > études > sans emploi > emploi).
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    category = main_activity(activity_hits(tx))
    if category is not None:
        return category
    if _NOTHING_RE.fullmatch(tx.joined) or tx.words[:3] == ["rien", "du", "tout"]:
        return SANS_EMPLOI  # « rien du tout lol » to « que faites-vous ? »
    if tx.joined in {"autre", "autres", "autre chose"}:
        return SANS_EMPLOI if "rien" in tx.words else AUTRE
    return None


# --------------------------------------------------------------------------------------------
# The partner's activity

PARTNER_NOUNS = frozenset(
    {"mari", "femme", "conjoint", "conjointe", "copain", "copine", "compagnon", "compagne",
     "epoux", "epouse", "concubin", "concubine", "cheri", "cherie", "homme"}
)  # fmt: skip
_PARTNER_WORDS = frozenset({"il", "elle", "lui"}) | PARTNER_NOUNS
_OWN_WORDS = frozenset({"je", "j", "moi", "jsuis", "chui", "perso"})
_CLAUSE_CUTS = frozenset({"et", "mais", ",", ".", ";", "!", "?", "\n", "alors", "car", "par"})
_PARTNER_DETERMINERS = frozenset({"mon", "ma", "le", "la", "son", "sa", "notre"})


def parse_partner_activity(text: str) -> str | None:
    """The partner's activity, in an answer about them: « il bosse », « elle est au chômage »,
    « mon mari est à la retraite », « elle fait des études » (the same values as
    :func:`parse_activite`). What is said of the person themself (« il bosse, moi je suis au
    chômage ») is left out; nothing is read when only that is said."""
    if is_dont_know(text):
        return None
    tx = Text(text)
    clauses: list[list[str]] = [[]]
    for w in tx.words:
        if w in _CLAUSE_CUTS:
            clauses.append([])
        else:
            clauses[-1].append(w)
    kept: list[str] = []
    for clause in clauses:
        if not clause or set(clause) & _OWN_WORDS:
            continue
        words = ["je" if w in _PARTNER_WORDS else w for w in clause]
        words = [w for i, w in enumerate(words)  # « mon mari » → « je »
                 if not (w in _PARTNER_DETERMINERS and i + 1 < len(words)
                         and words[i + 1] == "je")]
        kept += [*words, ","]
    if not kept:
        return None
    return parse_activite(" ".join(kept))
