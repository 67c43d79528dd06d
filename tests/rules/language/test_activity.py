"""Tests of the person's activity (rules/language/activity.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.language.activity import (
    APPRENTISSAGE,
    SANS_EMPLOI,
    THIRD_PERSON,
    activity_hits,
    main_activity,
    parse_activite,
    parse_partner_activity,
)
from rules.language.text import Text


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
        ("l'usine a fermé et depuis je trouve rien", "sans_emploi"),
        ("je ne trouve rien", "sans_emploi"),
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
        "je trouve rien à redire",
    ],
)
def test_parse_activite_none(text: str) -> None:
    assert parse_activite(text) is None


def test_activity_hits_tell_what_is_said_of_someone_else() -> None:
    hits = activity_hits(Text("mon mari bosse, moi je suis au chomage"))
    assert [h.category for h in hits] == [THIRD_PERSON, SANS_EMPLOI]
    assert main_activity(hits) == SANS_EMPLOI


def test_main_activity_most_specific_wins() -> None:
    hits = activity_hits(Text("je bosse en alternance"))
    assert main_activity(hits) == APPRENTISSAGE
    assert main_activity([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("il bosse", "emploi"),
        ("elle est au chomage", "sans_emploi"),
        ("il est a la retraite", "retraite"),
        ("elle fait des etudes", "etudes"),
        ("il travaille pas", "sans_emploi"),
        ("il a perdu son boulot", "sans_emploi"),
        ("mon mari est en cdi", "emploi"),
        ("elle est femme au foyer", "autre"),
        ("interimaire", "emploi"),
        ("il bosse, moi je suis au chomage", "emploi"),  # what the person says of herself
    ],
)
def test_parse_partner_activity(text: str, expected: str) -> None:
    assert parse_partner_activity(text) == expected


@pytest.mark.parametrize("text", ["moi je bosse", "jsp", "bof", ""])
def test_parse_partner_activity_reads_nothing(text: str) -> None:
    assert parse_partner_activity(text) is None
