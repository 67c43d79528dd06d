"""Tests of the free-text parsers (rules/language/) on the way people really write.

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations. Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from engine_helpers import TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.language.parsing import (
    DONT_KNOW,
    DontKnow,
    extract_facts,
    is_dont_know,
    normalize,
    parse_activite,
    parse_age,
    parse_children,
    parse_duration_months,
    parse_money,
    parse_number,
    parse_yes_no,
)

LONG_GIBBERISH = ("azerty qsdfg wxcvb 12 ?! " * 250)[:5000]
LONG_SENTENCE = ("jai 23 ans au chomage depuis 8 mois et 2 enfants de 1 et 4 ans " * 80)[:5000]
LONG_DIGITS = ("1 " * 2500)[:5000]


# --------------------------------------------------------------------------------------------
# normalize / DONT_KNOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J’AI  Vingt-Trois ANS", "j'ai vingt-trois ans"),
        ("Chômage à Roubaix", "chomage a roubaix"),
        ("  plein   d`espaces \n\t ici ", "plein d'espaces ici"),
        ("Cœur", "coeur"),
        ("1\u00a0200\u202f€", "1 200 €"),
        ("1 an ½", "1 an 1/2"),
        ("ÉTÉ 2024", "ete 2024"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_dont_know_is_a_singleton_sentinel() -> None:
    import copy

    assert DontKnow() is DONT_KNOW
    assert copy.deepcopy(DONT_KNOW) is DONT_KNOW
    assert repr(DONT_KNOW) == "DONT_KNOW"


@pytest.mark.parametrize(
    "text",
    [
        "je ne sais pas",
        "je sais pas",
        "jsp",
        "JSP",
        "chais pas",
        "chépa",
        "aucune idée",
        "Aucune idee !",
        "?",
        "??",
        "j'sais pas",
        "je c pas",
        "jsais pas trop",
        "je me souviens plus",
        "j'en sais rien",
        "je n'en sais rien",
        "pas sûr",
        "sais pas",
    ],
)
def test_is_dont_know_true(text: str) -> None:
    assert is_dont_know(text) is True


@pytest.mark.parametrize(
    "text",
    ["je sais", "jsais", "oui", "non", "c pas moi", "je suis pas sur roubaix", "", "bof", "23"],
)
def test_is_dont_know_false(text: str) -> None:
    assert is_dont_know(text) is False


# --------------------------------------------------------------------------------------------
# parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", 23),
        ("vingt-trois", 23),
        ("vingt trois", 23),
        ("Vingt-Trois", 23),
        ("quatre-vingt-dix-neuf", 99),
        ("quatre vingt dix neuf", 99),
        ("soixante et onze", 71),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-un", 81),
        ("vingt et un", 21),
        ("vingt-et-une", 21),
        ("cent vingt", 120),
        ("deux cents", 200),
        ("deux cent un", 201),
        ("deux mille", 2000),
        ("mille deux cents", 1200),
        ("un", 1),
        ("une", 1),
        ("zero", 0),
        ("zéro", 0),
        ("aucun", 0),
        ("1 200", 1200),
        ("10 000", 10000),
        ("septante", 70),
        ("nonante-cinq", 95),
        ("j'en ai trois", 3),
        ("env. 12", 12),
        ("deux trois", 2),  # « deux ou trois »: the first number, not 5
    ],
)
def test_parse_number(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["pas d'enfant", "bof", "", "beaucoup", "quelques", "?"])
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------------------------
# parse_age


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", 23),
        ("23 ans", 23),
        ("23ans", 23),
        ("g 23 ans", 23),
        ("j'ai vingt-trois ans", 23),
        ("jai 23a", 23),
        ("jai 23", 23),
        ("J’ai 19 ans", 19),
        ("dix huit", 18),
        ("17 piges", 17),
        ("moi c 23", 23),
        ("23 ans et demi", 23),
        ("quarante-cinq ans", 45),
        ("j'ai 2 enfants et 30 ans", 30),
        ("j'ai eu 23 ans le mois dernier", 23),
        ("150", 150),  # out of range is returned: validation happens elsewhere
        ("age : 61", 61),
    ],
)
def test_parse_age(text: str, expected: int) -> None:
    assert parse_age(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("née le 12/03/2001", 25), ("12/03/2001", 25), ("né le 30/11/2001", 24), ("née en 2001", 25)],
)
def test_parse_age_from_birth_date(text: str, expected: int) -> None:
    assert parse_age(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "bof", "je sais pas", "depuis 2 ans", "2 enfants", "18 mois", "née le 12/03/2001"],
)
def test_parse_age_none(text: str) -> None:
    assert parse_age(text) is None


# --------------------------------------------------------------------------------------------
# parse_yes_no


@pytest.mark.parametrize(
    "text",
    [
        "oui",
        "Oui !",
        "OUI!!",
        "ouais",
        "ouai",
        "ouiii",
        "wi",
        "ui",
        "yes",
        "ok",
        "okkk",
        "exact",
        "bien sûr",
        "bien sur",
        "oui oui",
        "Ouais ouais",
        "tout à fait",
        "tout a fait",
        "ben oui",
        "bah ouais",
        "d'acc",
        "c'est ça",
        "évidemment",
        "si",
        "oui je le touche",
        "oui mais pas beaucoup",
        "o",
    ],
)
def test_parse_yes_no_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "non",
        "Non.",
        "nan",
        "nan nan",
        "nonnnn",
        "noooon",
        "nn",
        "no",
        "nope",
        "pas du tout",
        "jamais",
        "jamais de la vie",
        "absolument pas",
        "pas vraiment",
        "non merci",
        "pas encore",
        "non jamais",
        "je le touche pas",
        "bien sûr que non",
    ],
)
def test_parse_yes_no_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bof",
        "1",
        "0",
        "je ne sais pas",
        "jsp",
        "peut-être",
        "oui mais non",
        "ouais non",
        "mouais",
    ],
)
def test_parse_yes_no_unclear(text: str) -> None:
    assert parse_yes_no(text) is None


# --------------------------------------------------------------------------------------------
# parse_duration_months (today = 2026-11-22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 mois", 18),
        ("depuis 8 mois", 8),
        ("dpuis 8 mois", 8),
        ("8mois", 8),
        ("2 ans", 24),
        ("2ans", 24),
        ("deux ans et demi", 30),
        ("un an et 3 mois", 15),
        ("ca fait 2 ans et 3 mois", 27),
        ("1 an 1/2", 18),
        ("1 an ½", 18),
        ("1,5 an", 18),
        ("un an et demi", 18),
        ("six mois", 6),
        ("une semaine", 0),
        ("15 jours", 0),
        ("10 semaines", 2),
        ("45 jours", 1),
        ("un mois et demi", 1),
        ("depuis 1 an", 12),
        ("ça fait un an", 12),
        ("bientôt 2 ans", 24),
        ("il y a 3 mois", 3),
        ("depuis 6 mois environ", 6),
        ("depuis plus d'un an", 12),
        ("depuis janvier", 10),
        ("depuis mai", 6),
        ("depuis novembre", 0),  # this very month
        ("depuis decembre", 11),  # the most recent December is last year's
        ("depuis janvier 2025", 22),
        ("depuis mars dernier", 8),
        ("depuis novembre dernier", 12),
        ("depuis septembre 2024", 26),
        ("depuis le 1er septembre", 2),
        ("depuis le 15 mars 2024", 32),
        ("depuis le 30 novembre", 11),  # 30/11/2025: not a full year yet
        ("depuis le 15/03/2024", 32),
        ("depuis 15/03/24", 32),
        ("03/2024", 32),
        ("depuis 2023", 46),  # from 1 January 2023
        ("depuis début 2024", 34),
        ("depuis l'an dernier", 22),
        ("depuis l'année dernière", 22),
        ("depuis cette année", 10),
        ("depuis le mois dernier", 1),
        ("depuis hier", 0),
        ("8", 8),  # the question says « (en mois) »
        ("2023", 46),
        ("jai 23 ans et je suis au chomage depuis 8 mois", 8),  # « depuis » wins over « 23 ans »
    ],
)
def test_parse_duration_months(text: str, expected: int) -> None:
    assert parse_duration_months(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "jamais travaillé",
        "j'ai jamais travaillé",
        "toujours",
        "depuis toujours",
        "depuis longtemps",
        "depuis un moment",
        "depuis 2027",  # in the future
        "jsp",
        "bof",
        "",
        "600 euros",
    ],
)
def test_parse_duration_months_none(text: str) -> None:
    assert parse_duration_months(text, TODAY) is None


def test_parse_duration_months_in_january() -> None:
    assert parse_duration_months("depuis janvier", date(2027, 1, 5)) == 0
    assert parse_duration_months("depuis janvier dernier", date(2027, 1, 5)) == 12
    assert parse_duration_months("depuis décembre", date(2027, 1, 5)) == 1


# --------------------------------------------------------------------------------------------
# parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("650", 650.0),
        ("650 €", 650.0),
        ("650€", 650.0),
        ("650,50", 650.5),
        ("650.50 euros", 650.5),
        ("1 200", 1200.0),
        ("1\u00a0200 €", 1200.0),
        ("1.200€", 1200.0),
        ("1 200,50 €", 1200.5),
        ("1200e", 1200.0),
        ("600 e", 600.0),
        ("900 balles", 900.0),
        ("mille deux cents", 1200.0),
        ("huit cent cinquante euros", 850.0),
        ("1,5k", 1500.0),
        ("1k2", 1200.0),
        ("environ 900", 900.0),
        ("650 €/mois", 650.0),
        ("12000 par an", 1000.0),
        ("jtouche 550 de rsa", 550.0),
        ("j'ai 2 enfants et 900€", 900.0),
        ("entre 800 et 900", 800.0),
        ("0", 0.0),
        ("rien", 0.0),
        ("aucun revenu", 0.0),
        ("pas de revenus", 0.0),
        ("sans ressources", 0.0),
        ("que dalle", 0.0),
        ("zéro", 0.0),
    ],
)
def test_parse_money(text: str, expected: float) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "bof", "le smic", "je sais pas", "pas mal", "depuis 2 ans"])
def test_parse_money_none(text: str) -> None:
    assert parse_money(text) is None


# --------------------------------------------------------------------------------------------
# parse_children


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 enfants dont un bébé de 18 mois", (2, 1)),
        ("2 enfants dont un bb de 18 mois", (2, 1)),
        ("pas d'enfant", (0, 0)),
        ("pas d'enfants à charge", (0, 0)),
        ("aucun", (0, 0)),
        ("aucun enfant", (0, 0)),
        ("non", (0, 0)),
        ("nan", (0, 0)),
        ("j'en ai pas", (0, 0)),
        ("0", (0, 0)),
        ("zéro", (0, 0)),
        ("3", (3, None)),
        ("deux", (2, None)),
        ("j'en ai 2", (2, None)),
        ("un fils de 2 ans", (1, 1)),
        ("deux filles de 4 et 7 ans", (2, 0)),
        ("jumeaux de 1 an", (2, 2)),
        ("jumelles de 2 ans", (2, 2)),
        ("2 gosses", (2, None)),
        ("g 2 enfants", (2, None)),
        ("3 gamins dont 1 bébé", (3, 1)),
        ("un garcon de 3 ans et une fille de 18 mois", (2, 1)),
        ("un bébé et une fille de 5 ans", (2, 1)),
        ("mes enfants ont 2 et 5 ans", (2, 1)),
        ("3 enfants (2, 4 et 6 ans)", (3, 1)),
        ("un bébé", (1, 1)),
        ("1 enfant de 6 mois", (1, 1)),
        ("ma fille de 3 mois", (1, 1)),
        ("mon fils a 4 ans", (1, 0)),
        ("j'ai un enfant de 2 ans et demi", (1, 1)),
        ("2 enfants de 3 et 5 ans", (2, 0)),  # 3 years is not « under 3 »
        ("2 enfants de moins de 3 ans", (2, 2)),
        ("3 enfants dont 2 de moins de 3 ans", (3, 2)),
        ("j'en ai trois dont un de 2 ans", (3, 1)),
        ("j'ai 3 enfants, le plus petit a 2 ans", (3, 1)),
        ("un petit de 2 ans et un grand de 8 ans", (2, 1)),
        ("j'ai trois enfants dont des jumeaux de 1 an", (3, 2)),
        ("2 ados", (2, 0)),
        ("quatre enfants", (4, None)),
        ("deux enfants de 1 an et 3 ans", (2, 1)),
        ("oui", (None, None)),
        ("je suis enceinte", (None, None)),
        ("un petit boulot", (None, None)),
        ("j'ai 23 ans", (None, None)),
        ("bof", (None, None)),
        ("", (None, None)),
        ("jsp", (None, None)),
    ],
)
def test_parse_children(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_children(text, TODAY) == expected


def test_parse_children_birth_year_needs_today() -> None:
    assert parse_children("une fille née en 2025", TODAY) == (1, 1)
    assert parse_children("une fille née en 2025") == (1, None)


# --------------------------------------------------------------------------------------------
# parse_activite


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("au chômage", "sans_emploi"),
        ("au chomdu", "sans_emploi"),
        ("chui au chomdu", "sans_emploi"),
        ("jsuis au chomage", "sans_emploi"),
        ("chomeuse", "sans_emploi"),
        ("je cherche du travail", "sans_emploi"),
        ("je cherche du taf", "sans_emploi"),
        ("sans emploi", "sans_emploi"),
        ("sans taf", "sans_emploi"),
        ("je suis sans activité", "sans_emploi"),
        ("demandeur d'emploi", "sans_emploi"),
        ("demandeuse d emploi", "sans_emploi"),
        ("en recherche d'emploi", "sans_emploi"),
        ("je ne travaille pas", "sans_emploi"),
        ("je travaille pas", "sans_emploi"),
        ("je travaille plus", "sans_emploi"),
        ("pas de travail", "sans_emploi"),
        ("j'ai plus de boulot", "sans_emploi"),
        ("j'ai jamais travaillé", "sans_emploi"),
        ("licenciée", "sans_emploi"),
        ("j'ai perdu mon emploi", "sans_emploi"),
        ("fin de cdd", "sans_emploi"),
        ("je fais rien", "sans_emploi"),
        ("rien", "sans_emploi"),
        ("je bosse", "emploi"),
        ("jbosse", "emploi"),
        ("je travaille", "emploi"),
        ("je taff", "emploi"),
        ("salariée", "emploi"),
        ("en CDI", "emploi"),
        ("en cdd", "emploi"),
        ("intérim", "emploi"),
        ("je bosse en interim", "emploi"),
        ("j'ai un boulot", "emploi"),
        ("je travaille plus de 35h", "emploi"),
        ("auto-entrepreneur", "emploi"),
        ("je suis à mi-temps", "emploi"),
        ("je ne suis pas au chômage, je travaille", "emploi"),
        ("étudiante", "etudes"),
        ("etudiente", "etudes"),
        ("à la fac", "etudes"),
        ("en études", "etudes"),
        ("lycéen", "etudes"),
        ("j'suis étudiant en BTS", "etudes"),
        ("étudiant mais je bosse le week-end", "etudes"),
        ("en formation", "formation"),
        ("stagiaire de la formation pro", "formation"),
        ("au chomage et en formation", "formation"),
        ("apprentie", "apprentissage"),
        ("aprentie en cap", "apprentissage"),
        ("en alternance", "apprentissage"),
        ("en alternence", "apprentissage"),
        ("en apprentissage", "apprentissage"),
        ("contrat pro", "apprentissage"),
        ("à la retraite", "retraite"),
        ("retraitée", "retraite"),
        ("mère au foyer", "autre"),
        ("je suis en service civique", "autre"),
        ("autre", "autre"),
        ("je suis plus étudiante je cherche du taf", "sans_emploi"),
    ],
)
def test_parse_activite(text: str, expected: str) -> None:
    assert parse_activite(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bof",
        "jsp",
        "je suis au rsa",
        "je cherche une formation",
        "travailleur handicapé",
        "je veux des informations",
        "mon mari travaille",
        "inscrit à pôle emploi",
    ],
)
def test_parse_activite_none(text: str) -> None:
    assert parse_activite(text) is None


# --------------------------------------------------------------------------------------------
# extract_facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "jai 23 ans au chomage depuis 8 mois",
            {"age": 23, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "23 ans au chômage depuis 8 mois",
            {"age": 23, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "g 24 ans, chui au chomdu dpuis 1 an et demi et jtouche le rsa",
            {"age": 24, "activite": "sans_emploi", "sans_emploi_depuis_mois": 18, "rsa": True},
        ),
        ("je touche le RSA", {"rsa": True}),
        ("au rsa", {"rsa": True}),
        ("jtouche le rsa", {"rsa": True}),
        ("allocataire du R.S.A.", {"rsa": True}),
        ("je touche pas le rsa", {"rsa": False}),
        ("je suis pas au rsa", {"rsa": False}),
        ("on m'a coupé le rsa", {"rsa": False}),
        ("j'ai fait une demande de rsa", {}),
        ("c quoi le rsa", {}),  # asking about the RSA says nothing of receiving it
        ("le rsa c koi", {}),
        ("combien fait le rsa ?", {}),
        ("le rsa comment ca marche", {}),
        ("jtouche le rsa, jai droit a quoi ?", {"rsa": True}),
        ("en couple", {"en_couple": True}),
        ("mariée", {"en_couple": True}),
        ("pacsé", {"en_couple": True}),
        ("je vis avec mon copain", {"en_couple": True}),
        ("je suis pas marié", {"en_couple": False}),
        ("célibataire", {"en_couple": False}),
        ("mère isolée", {"en_couple": False}),
        (
            "seule avec mes enfants",
            {"en_couple": False},
        ),
        (
            "divorcée, seule avec mes 3 enfants",
            {"en_couple": False, "enfants_a_charge": 3},
        ),
        ("enceinte", {"enceinte": True}),
        ("pas enceinte", {"enceinte": False}),
        (
            "jsuis enceinte de 5 mois et au chomage depuis mars",
            {"enceinte": True, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        ("inscrit à france travail", {"inscrit_france_travail": True}),
        ("inscrite a pole emploi", {"inscrit_france_travail": True}),
        ("pas inscrit a france travail", {"inscrit_france_travail": False}),
        ("RQTH", {"rqth": True}),
        ("travailleur handicapé", {"rqth": True}),
        ("je n'ai pas la rqth", {"rqth": False}),
        ("étudiante", {"activite": "etudes"}),
        ("je gagne 650 € par mois", {"ressources_mensuelles_foyer": 650.0}),
        ("nos revenus c'est 1 200 € par mois", {"ressources_mensuelles_foyer": 1200.0}),
        ("on a aucun revenu", {"ressources_mensuelles_foyer": 0.0}),
        ("je paye 500 euros de loyer", {}),
        ("j'habite ici depuis 2 ans", {"residence_depuis_mois": 24}),
        ("depuis 2 ans dans le quartier", {"residence_depuis_mois": 24}),
        ("ca fait 3 ans que j'habite à Roubaix", {"residence_depuis_mois": 36}),
        ("j'habite Tourcoing depuis 2019", {"residence_depuis_mois": 94}),
        ("je vis seul depuis 3 ans", {"en_couple": False}),
        ("en couple depuis 5 ans", {"en_couple": True}),
        (
            "je suis une maman solo de 2 enfants dont un bb de 6 mois",
            {"en_couple": False, "enfants_a_charge": 2, "enfants_moins_3_ans": 1},
        ),
        (
            "je vis avec mon copain, on a 1 fils de 2 ans",
            {"en_couple": True, "enfants_a_charge": 1, "enfants_moins_3_ans": 1},
        ),
        (
            "étudiante de 21 ans, célibataire, sans enfant",
            {
                "age": 21,
                "activite": "etudes",
                "en_couple": False,
                "enfants_a_charge": 0,
                "enfants_moins_3_ans": 0,
            },
        ),
        (
            "mariée 3 enfants de 2, 5 et 9 ans, mon mari bosse en interim",
            {"en_couple": True, "enfants_a_charge": 3, "enfants_moins_3_ans": 1},
        ),
        (
            "j'ai 45 ans je suis travailleur handicapé au chômage depuis 2 ans",
            {"age": 45, "activite": "sans_emploi", "sans_emploi_depuis_mois": 24, "rqth": True},
        ),
        (
            "je gagne 1350e par mois en cdi",
            {"activite": "emploi", "ressources_mensuelles_foyer": 1350.0},
        ),
        (
            "ça fait 8 mois que je cherche du boulot",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "j'ai perdu mon travail il y a 4 mois",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 4},
        ),
        (
            "je ne suis plus étudiant, je cherche un emploi depuis septembre",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 2},
        ),
        ("j'ai jamais travaillé", {"activite": "sans_emploi"}),
        ("j'ai 2 enfants et j'ai 30 ans", {"age": 30, "enfants_a_charge": 2}),
        (
            "j'ai 30 ans et 2 enfants de 1 et 4 ans",
            {"age": 30, "enfants_a_charge": 2, "enfants_moins_3_ans": 1},
        ),
        (
            "j'ai 23 ans, je suis au RSA depuis 2 ans et j'habite le quartier depuis 10 ans",
            {"age": 23, "rsa": True, "residence_depuis_mois": 120},
        ),
        (
            "Jai 26ans je suis au chômage depuis janvier 2025",
            {"age": 26, "activite": "sans_emploi", "sans_emploi_depuis_mois": 22},
        ),
        ("je suis en alternance, 20 ans", {"age": 20, "activite": "apprentissage"}),
        ("je suis une fille de 19 ans", {"age": 19}),
        ("rsa : non", {"rsa": False}),
        ("RSA: oui", {"rsa": True}),
        ("enceinte: non", {"enceinte": False}),
        ("ma fille de 19 ans", {"enfants_a_charge": 1, "enfants_moins_3_ans": 0}),
        ("je suis une femme de 35 ans", {"age": 35}),
        ("jai 3 ans d'experience", {}),
        ("je suis née le 12/05/2003", {"age": 23}),
        ("j'ai emménagé en janvier", {"residence_depuis_mois": 10}),
        ("j'ai déménagé il y a 6 mois", {"residence_depuis_mois": 6}),
        (
            "au chômage depuis le 01/09/2025",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 14},
        ),
        ("reconnaissance travailleur handicapé en cours", {}),
        ("mon mari est au chomage depuis 2 ans", {"en_couple": True}),
        ("ma copine travaille", {"en_couple": True}),
        (
            "slt chui un jeune de 17 ans jsui sorti du lycée l'année dernière jfais rien",
            {"age": 17, "activite": "sans_emploi"},
        ),
        (
            "j'ai 58 ans, licencié il y a 18 mois, inscrit à pôle emploi, pas de rsa",
            {
                "age": 58,
                "activite": "sans_emploi",
                "sans_emploi_depuis_mois": 18,
                "inscrit_france_travail": True,
                "rsa": False,
            },
        ),
        (
            "sans emploi depuis 1 an ; j'habite le quartier depuis 5 ans",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 12, "residence_depuis_mois": 60},
        ),
        (
            "Je suis au chômage. J'habite ici depuis 2 ans.",
            {"activite": "sans_emploi", "residence_depuis_mois": 24},
        ),
        ("5 ans sans emploi", {"activite": "sans_emploi", "sans_emploi_depuis_mois": 60}),
        ("je bosse depuis 3 mois en cdd", {"activite": "emploi"}),
        ("j'attends un bébé", {"enceinte": True}),
        ("je vais m'inscrire à france travail", {"inscrit_france_travail": False}),
        ("je suis radié de pôle emploi", {"inscrit_france_travail": False}),
        ("ressources : rien", {"ressources_mensuelles_foyer": 0.0}),
        (
            "Bonjour, je m'appelle Sarah, j'ai 22 ans, je vis à Roubaix avec ma fille de 2 ans. "
            "Je suis au RSA et je cherche un travail.",
            {
                "age": 22,
                "activite": "sans_emploi",
                "rsa": True,
                "enfants_a_charge": 1,
                "enfants_moins_3_ans": 1,
            },
        ),
        ("j'habite à Roubaix", {}),  # the commune is another module's job
        ("59100", {}),
        ("", {}),
        ("bof", {}),
        ("????", {}),
    ],
)
def test_extract_facts(text: str, expected: dict[str, object]) -> None:
    assert extract_facts(text, TODAY) == expected


# --------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("text", [LONG_GIBBERISH, LONG_SENTENCE, LONG_DIGITS, "a" * 5000])
def test_long_inputs_return_quickly(text: str) -> None:
    start = time.perf_counter()
    normalize(text)
    is_dont_know(text)
    parse_number(text)
    parse_age(text)
    parse_yes_no(text)
    parse_duration_months(text, TODAY)
    parse_money(text)
    parse_children(text, TODAY)
    parse_activite(text)
    extract_facts(text, TODAY)
    assert time.perf_counter() - start < 2.0


def test_long_gibberish_reads_nothing_wrong() -> None:
    assert parse_yes_no(LONG_GIBBERISH) is None
    assert parse_activite(LONG_GIBBERISH) is None
    assert extract_facts(LONG_GIBBERISH, TODAY) == {}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_crash(text: str) -> None:
    parse_number(text)
    parse_age(text, TODAY)
    parse_yes_no(text)
    parse_duration_months(text, TODAY)
    parse_money(text)
    parse_children(text, TODAY)
    parse_activite(text)
    facts = extract_facts(text, TODAY)
    assert "commune" not in facts


# --------------------------------------------------------------------------------------------
# Properties of the number parser

_UNITS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_words(n: int) -> str:
    """French spelling of 0 ≤ n ≤ 999 (« soixante et onze », « quatre-vingts »)."""
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens == 7:
            return "soixante et onze" if unit == 1 else "soixante-" + french_words(n - 60)
        if tens == 9:
            return "quatre-vingt-" + french_words(n - 80)
        if tens == 8:
            return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _UNITS[unit]
        if unit == 0:
            return _TENS[tens]
        if unit == 1:
            return _TENS[tens] + " et un"
        return f"{_TENS[tens]}-{_UNITS[unit]}"
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent" + ("s" if rest == 0 else "")
    return head if rest == 0 else f"{head} {french_words(rest)}"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (99, "quatre-vingt-dix-neuf"),
        (200, "deux cents"),
    ],
)
def test_french_words_helper(n: int, words: str) -> None:
    assert french_words(n) == words


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10000))
def test_parse_number_digits(n: int) -> None:
    assert parse_number(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999), st.booleans(), st.booleans())
def test_parse_number_words(n: int, reform_hyphens: bool, upper: bool) -> None:
    words = french_words(n)
    if reform_hyphens:  # 1990 spelling: hyphens everywhere (« vingt-et-un », « deux-cent-un »)
        words = words.replace(" ", "-")
    if upper:
        words = words.upper()
    assert parse_number(words) == n


def test_parse_number_words_exhaustive() -> None:
    assert [parse_number(french_words(n)) for n in range(1000)] == list(range(1000))
