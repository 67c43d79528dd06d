"""Each way of reading a commune, alone: it finds the commune, says why not, or passes (None)."""

from __future__ import annotations

import pytest

from rules.places import communes
from rules.places.communes import CommuneAmbiguous, CommuneNotFound, _Query

ROUBAIX, LILLE = "59512", "59350"


def query(text: str, kind: communes.CodeKind = "auto", limit: int = 10) -> _Query:
    return _Query(text, " ".join(text.split()), kind, limit)


def insees(found) -> list[str]:
    return [c.insee for c in found]


def test_prefixed_code():
    assert communes._prefixed_code(query("insee:59350")).insee == LILLE
    assert communes._prefixed_code(query("cp 59100")).insee == ROUBAIX
    assert communes._prefixed_code(query("59100")) is None
    assert communes._prefixed_code(query("insee:59350", kind="name")) is None


def test_code():
    assert communes._code(query("59 100")).insee == ROUBAIX
    assert communes._code(query("Roubaix")) is None
    assert communes._code(query("59100", kind="name")) is None
    with pytest.raises(CommuneNotFound, match="n'est pas un code postal"):
        communes._code(query("Roubaix", kind="postal"))


def test_hints_only():
    assert communes._hints_only(query("Roubaix")) is None
    assert communes._hints_only(query("(59100)")).insee == ROUBAIX
    with pytest.raises(CommuneNotFound, match="ne reconnaissons pas de nom"):
        communes._hints_only(query("(59)"))


def test_unknown_name_suggests_look_alikes():
    assert communes._unknown_name(query("Roubaix")) is None
    with pytest.raises(CommuneNotFound) as raised:
        communes._unknown_name(query("roubé"))
    assert ROUBAIX in insees(raised.value.candidates)


def test_exact_name():
    assert communes._exact_name(query("Roubaix (59)")).insee == ROUBAIX
    with pytest.raises(CommuneNotFound, match="qui corresponde"):
        communes._exact_name(query("Roubaix (62)"))
    assert communes._exact_name(query("Saint-André")) is None  # several, none in the Nord


def test_ambiguous_names_the_nord_look_alikes():
    error = communes._ambiguous(query("Saint-André"))
    assert isinstance(error, CommuneAmbiguous) and "Dans le Nord" in error.message
    assert error.candidates[0].dans_le_nord


def test_code_suggestions():
    assert insees(communes._same_insee_code(query("59350"))) == [LILLE]
    assert communes._same_insee_code(query("lille")) == []
    assert all(c.code_postal.startswith("591") or any(p.startswith("591")
               for p in c.codes_postaux) for c in communes._postal_codes_starting(query("591")))
    assert communes._postal_codes_starting(query("591000")) == []


def test_name_suggestions():
    assert insees(communes._names_starting(query("roubaix")))[0] == ROUBAIX
    assert "59009" in insees(communes._names_with_a_word_starting(query("ascq")))
    assert ROUBAIX in insees(communes._look_alike_names(query("roubé")))


def test_first_keeps_the_order_and_drops_repeats():
    lille, roubaix = communes.get_commune(LILLE), communes.get_commune(ROUBAIX)
    assert communes._first(2, [[lille, lille], [roubaix, lille]]) == [lille, roubaix]
    assert communes._first(1, [[lille], [roubaix]]) == [lille]
