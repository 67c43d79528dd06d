"""The person's housing: « je loue », « en HLM », « chez ma mère », « proprio », « à la rue ».

Values are those of the `logement` fact: locataire, locataire_social, proprietaire, heberge,
sans_domicile.

Decisions:
- A place of the emergency or insertion accommodation (CHRS, « centre d'hébergement »,
  « hébergement d'urgence », the 115, « hôtel social », « foyer d'urgence ») is
  `sans_domicile`: the person has no home of their own (INSEE counts them among the
  « sans-domicile »), pays no rent that housing benefit counts, and is not « hébergé(e)
  gratuitement » by family or friends.
- A bare « foyer » (« en foyer », « au foyer de jeunes travailleurs », « résidence sociale »)
  is not read: a young workers' hostel or a social residence is paid for (a « redevance »,
  with its own housing benefit) and is none of the choices; a CHRS is `sans_domicile`. Rather
  than guess, nothing is read and the buttons are shown again.
- « mon proprio », « le propriétaire »: the landlord, not the person.
- Two different housings said (« locataire ou hébergée ») read nothing; « locataire en HLM »
  is `locataire_social`; « hébergé(e) » with a rent paid (« je paie un loyer à ma mère ») reads
  nothing (not « gratuitement »).
"""

from __future__ import annotations

from rules.language.clauses import is_negated, third_person
from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import PUNCT, phrase

LOCATAIRE, SOCIAL, PROPRIETAIRE = "locataire", "locataire_social", "proprietaire"
HEBERGE, SANS_DOMICILE = "heberge", "sans_domicile"

_RENTING = frozenset(
    {"locataire", "locataires", "loue", "louons", "louent", "location", "coloc", "colocation",
     "colocataire", "bail", "loyer", "loc"}
)  # fmt: skip
# Social landlords of the Nord, and the words of social housing.
_SOCIAL_RE = phrase(
    r"hlm|logement social|logements sociaux|logement sociale|appart social|appartement social"
    r"|maison sociale|habitat social|bailleur social|bailleurs sociaux"
    r"|vilogia|partenord|lmh|lille metropole habitat|maisons et cites|maison et cite"
    r"|sia|sia habitat|notre logis|norevie|habitat du nord|logis metropole|3f"
    r"|office public|opac|oph"
)
_PRIVATE_RE = phrase(r"(?:logement|parc|bailleur|proprietaire|proprio) prive|agence immobiliere")
_OWNER = frozenset({"proprio", "proprios", "proprietaire", "proprietaires", "accedant",
                    "accedante"})
_OWNER_RE = phrase(
    r"(?:j ai|je ai|on a|nous avons) achete|credit (?:immo|immobilier)|pret immobilier"
    r"|ma maison a moi|ma propre maison|maison qui est a moi|primo accedant"
)
_LANDLORD_DETERMINERS = frozenset({"mon", "ma", "le", "la", "l", "du", "au", "un", "une",
                                   "notre", "son", "sa", "les", "mes", "des", "aux"})
_HOSTED = frozenset({"heberge", "hebergee", "heberges", "hebergees", "hebergent", "heberger"})
_HOSTED_RE = phrase(
    r"loge gratuitement|logee gratuitement|loge gratuit|logee gratuit|a titre gratuit"
    r"|gratuitement|gratos"
)
# « chez ma mère », « chez un pote »: family and friends (not a partner: their home is the
# couple's).
_HOSTS = frozenset(
    {"mere", "pere", "parents", "parent", "maman", "papa", "mamie", "papy", "grand", "grands",
     "soeur", "frere", "tante", "oncle", "cousin", "cousine", "pote", "potes", "ami", "amie",
     "amis", "amies", "copains", "copines", "famille", "fils", "fille", "quelqu", "quelquun",
     "gens", "belle", "beau", "beaux", "daron", "darons", "daronne", "reum", "mater", "vieux",
     "voisin", "voisine", "connaissance", "collegue", "tonton", "tata", "marraine", "parrain"}
)  # fmt: skip
_CHEZ_FILLERS = frozenset({"ma", "mon", "mes", "un", "une", "des", "la", "le", "les", "l",
                           "d", "de", "sa", "son", "ses", "notre", "nos"})
_PAYING = frozenset({"paie", "paye", "payons", "verse", "participe", "participation"})
_HOMELESS_RE = phrase(
    r"sdf|sans domicile(?: fixe)?|sans logement|sans abri|sans toit|sans adresse"
    r"|(?:a|dans) la rue|dehors|je dors dans (?:ma|la|une) voiture|dans ma voiture|squat"
    r"|squatte|chrs|centre d (?:hebergement|accueil)|centre hebergement"
    r"|hebergement d urgence|hebergement urgence|hebergee? en urgence|urgence sociale|115"
    r"|hotel social|foyer d urgence|accueil d urgence|samu social|a l hotel|en hotel"
)
_STREET_RE = phrase(r"(?:a|dans) la rue")
# What may follow « à la rue » when it is no address (« à la rue depuis mars »).
_AFTER_STREET = PUNCT | {"", "depuis", "en", "et", "avec", "mais", "donc", "car", "actuellement",
                         "maintenant", "mtn", "la", "moi", "aussi", "quoi", "lol", "complet",
                         "completement", "totalement"}
_CLAUSE_END = frozenset({"et", "mais", "ou", ".", ";", "!", "?", "\n"})
_FOYER = frozenset({"foyer", "foyers", "fjt", "residence"})


def _homeless(tx: Text) -> bool:
    for i, j in tx.spans(_HOMELESS_RE):
        if (i, j) in tx.spans(_STREET_RE) and tx.word(j) not in _AFTER_STREET:
            continue  # « à la rue Victor Hugo »: an address
        if tx.word(i) == "115" and tx.word(i - 1) not in {"le", "du", "au", "par", "via"}:
            continue  # a bare « 115 » is a number, not the emergency line
        if is_negated(tx, i, before=3, after=0) and tx.word(i) != "sans":
            continue
        return True
    return False


def _negated(tx: Text, i: int) -> bool:
    """« pas locataire », « je loue pas », « je ne loue pas » (a « pas » further back is about
    another word: « pas proprio je loue »)."""
    return is_negated(tx, i, before=2, after=2)


def _owner_at(tx: Text, i: int) -> bool:
    """« proprio », « propriétaire de ma maison »; not « mon proprio » (the landlord)."""
    if tx.word(i - 1) in _LANDLORD_DETERMINERS or third_person(tx, i):
        return False
    return not _negated(tx, i)


def _hosted_by_someone(tx: Text) -> bool:
    """« chez ma mère », « chez un pote », « chez des amis »."""
    for i, w in enumerate(tx.words):
        if w != "chez":
            continue
        k = i + 1
        while tx.word(k) in _CHEZ_FILLERS and k < i + 4:
            k += 1
        if tx.word(k) in _HOSTS and not is_negated(tx, i, before=4, after=0):
            return True
    return False


def _found(tx: Text) -> set[str]:
    found: set[str] = set()
    words = tx.words
    for i, w in enumerate(words):
        if w in _OWNER and _owner_at(tx, i):
            found.add(PROPRIETAIRE)
        elif _negated(tx, i) or third_person(tx, i):
            continue
        elif w in _RENTING:
            found.add(LOCATAIRE)
        elif w in _HOSTED:
            found.add(HEBERGE)
    if tx.spans(_PRIVATE_RE):  # « logement privé », « chez un proprio privé » (the landlord)
        found.discard(PROPRIETAIRE)
        found.add(LOCATAIRE)
    if tx.spans(_OWNER_RE):
        found.add(PROPRIETAIRE)
    if tx.spans(_HOSTED_RE) or _hosted_by_someone(tx):
        found.add(HEBERGE)
    if tx.spans(_SOCIAL_RE) and not (found - {LOCATAIRE}):
        found.discard(LOCATAIRE)
        found.add(SOCIAL)
    return found


def parse_logement(text: str) -> str | None:
    """The housing said in an answer to « Quelle est votre situation de logement ? ».

    « locataire », « je loue », « en location » → locataire; « hlm », « logement social »,
    « chez Vilogia » → locataire_social; « proprio », « propriétaire de ma maison » →
    proprietaire; « chez ma mère », « hébergé chez un pote » → heberge; « à la rue », « sdf »,
    « CHRS », « hébergement d'urgence » → sans_domicile. None when nothing is recognised, when
    two housings are said, or for a bare « foyer » (see the module's decisions).
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    if _homeless(tx):
        return SANS_DOMICILE  # « hébergée au CHRS », « SDF, je dors chez des potes »
    found = _found(tx)
    if any(w in _FOYER for w in tx.words) and not (found - {HEBERGE}):
        return None  # « en foyer », « hébergé en foyer »: which kind is unknown
    if HEBERGE in found and any(w in _PAYING for w in tx.words):
        return None  # « hébergé chez ma sœur, je lui paie 200 € »: not free
    return found.pop() if len(found) == 1 else None


# --------------------------------------------------------------------------------------------
# In a free sentence: only the plain first-person statements

_SENTENCE_RE = phrase(
    r"(?:je suis|jsuis|chui|on est|nous sommes|suis) (?:(?:en|une|un) )?"
    r"(?:locataire|locataires|proprietaire|proprietaires|proprio|heberge|hebergee|heberges"
    r"|hebergees|sdf|sans domicile|sans abri|a la rue|en hlm|en logement social)"
    r"|(?:j habite|je vis|je loge|on habite|on vit|nous habitons|nous vivons) (?:en|dans un"
    r"|dans une) (?:hlm|logement social)"
    r"|(?:je loue|on loue|nous louons) (?:un|une|mon|notre) (?:appart|appartement|maison"
    r"|studio|t1|t2|t3|t4|t5|logement)"
)


def housing_in_sentence(tx: Text) -> str | None:
    """« je suis locataire », « je suis hébergée chez ma mère », « j'habite en HLM », « je suis
    SDF »: the housing said plainly of oneself, or None (never « mon fils est hébergé », « mon
    proprio »; two housings read nothing)."""
    spans = tx.spans(_SENTENCE_RE)
    if not spans:
        return None
    found = set()
    for i, j in spans:
        if is_negated(tx, i + 1, before=2, after=2):
            continue
        end = j
        while end < min(j + 6, len(tx.words)) and tx.word(end) not in _CLAUSE_END:
            end += 1
        value = parse_logement(" ".join(tx.words[i:end]))
        if value is not None:
            found.add(value)
    return found.pop() if len(found) == 1 else None
