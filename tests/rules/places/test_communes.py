"""The commune gazetteer, as a person typing their commune experiences it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.places.communes import (
    Commune,
    CommuneAmbiguous,
    CommuneError,
    CommuneNotFound,
    all_communes,
    get_commune,
    haversine_km,
    normalize_name,
    resolve_commune,
    search_communes,
)

ROUBAIX = "59512"
LILLE = "59350"


@pytest.mark.parametrize(
    "typed",
    ["59512", "59100", "roubaix", "ROUBAIX", "Roubaix", "  Roubaix  ", "Roubaix (59)",
     "Roubaix 59100", "59100 Roubaix", "Roubaix, Nord", "Roubaix (Nord)", "59 100"],
)
def test_roubaix_however_it_is_typed(typed: str) -> None:
    commune = resolve_commune(typed)
    assert commune.insee == ROUBAIX
    assert commune.nom == "Roubaix"
    assert commune.dans_le_nord
    assert commune.departement == "59"
    assert "59100" in commune.codes_postaux


@pytest.mark.parametrize("typed", ["villeneuve d ascq", "VILLENEUVE-D'ASCQ", "Villeneuve d’Ascq",
                                   "villeneuve   d'ascq"])
def test_villeneuve_d_ascq_ignores_case_hyphens_and_apostrophes(typed: str) -> None:
    assert resolve_commune(typed).insee == "59009"


@pytest.mark.parametrize("typed", ["st amand les eaux", "ST-AMAND-LES-EAUX",
                                   "Saint-Amand-les-Eaux", "saint amand les eaux"])
def test_st_is_saint(typed: str) -> None:
    assert resolve_commune(typed).insee == "59526"


def test_accents_and_ligatures_are_optional() -> None:
    assert resolve_commune("marcq en baroeul").nom == "Marcq-en-Barœul"
    assert resolve_commune("Marcq-en-Barœul").insee == "59378"


def test_postal_code_59000_is_lille() -> None:
    # In the data, 59000 is Lille's only; Lille also has 59160 (Lomme), 59260, 59777, 59800.
    lille = resolve_commune("59000")
    assert lille.insee == LILLE
    assert resolve_commune("59800").insee == LILLE


def test_postal_code_shared_by_several_communes_is_ambiguous() -> None:
    with pytest.raises(CommuneAmbiguous) as caught:
        resolve_commune("59830")
    names = {c.nom for c in caught.value.candidates}
    assert {"Cysoing", "Bouvines", "Bachy"} <= names
    assert len(caught.value.candidates) >= 3
    assert "59830" in caught.value.message
    assert "Cysoing" in caught.value.message


def test_code_that_is_both_a_postal_code_and_an_insee_code() -> None:
    # 59650 is Villeneuve-d'Ascq's postal code and Wattrelos's INSEE code: ask, never guess.
    with pytest.raises(CommuneAmbiguous) as caught:
        resolve_commune("59650")
    assert {c.nom for c in caught.value.candidates} == {"Villeneuve-d'Ascq", "Wattrelos"}
    assert "Wattrelos" in caught.value.message
    # The caller can say which reading it means.
    assert resolve_commune("insee:59650").nom == "Wattrelos"
    assert resolve_commune("59650", kind="insee").nom == "Wattrelos"
    assert resolve_commune("cp 59650").nom == "Villeneuve-d'Ascq"
    assert resolve_commune("59650", kind="postal").nom == "Villeneuve-d'Ascq"
    # A lopsided collision is decided: 59350 is Lille (INSEE) rather than Saint-André (postal).
    assert resolve_commune("59350").insee == LILLE
    assert resolve_commune("cp:59350").nom == "Saint-André-lez-Lille"


def test_every_insee_code_round_trips_when_said_to_be_insee() -> None:
    for commune in all_communes():
        assert resolve_commune(commune.insee, kind="insee") is commune
        assert get_commune(commune.insee) is commune


@pytest.mark.parametrize(("typed", "expected"), [("Roubé", "Roubaix"), ("Tourcoin", "Tourcoing"),
                                                 ("Lile", "Lille"), ("dunkerke", "Dunkerque")])
def test_typo_gives_suggestions(typed: str, expected: str) -> None:
    with pytest.raises(CommuneNotFound) as caught:
        resolve_commune(typed)
    error = caught.value
    suggestions = [c.nom for c in error.candidates]
    assert expected in suggestions
    assert suggestions[0] == expected  # the Nord commune comes first
    assert f"« {typed} »" in error.message
    assert "Vouliez-vous dire" in error.message
    assert expected in error.message


def test_roube_message_names_roubaix_with_its_postal_code() -> None:
    with pytest.raises(CommuneNotFound) as caught:
        resolve_commune("Roubé")
    assert "Roubaix (59100)" in caught.value.message
    assert caught.value.message.startswith("Nous ne trouvons pas la commune « Roubé »")


@pytest.mark.parametrize("typed", ["", "   ", "x" * 10_000])
def test_empty_or_absurd_input(typed: str) -> None:
    with pytest.raises(CommuneNotFound) as caught:
        resolve_commune(typed)
    assert caught.value.candidates == []
    assert "commune" in caught.value.message
    assert len(caught.value.message) < 400  # the 10,000 characters are not echoed back
    assert isinstance(caught.value, ValueError)


def test_unknown_code() -> None:
    with pytest.raises(CommuneNotFound) as caught:
        resolve_commune("99999")
    assert "99999" in caught.value.message
    with pytest.raises(CommuneNotFound, match="outre-mer"):
        resolve_commune("97400")


@pytest.mark.parametrize(("typed", "insee", "departement"),
                         [("Lens", "62498", "62"), ("Villetaneuse", "93079", "93")])
def test_communes_outside_the_nord(typed: str, insee: str, departement: str) -> None:
    commune = resolve_commune(typed)
    assert commune.insee == insee
    assert commune.departement == departement
    assert commune.dans_le_nord is False


def test_corsica_codes() -> None:
    assert resolve_commune("2A004").nom == "Ajaccio"
    assert resolve_commune("2a004").nom == "Ajaccio"
    assert get_commune("2A004") is resolve_commune("Ajaccio")


def test_name_shared_in_france_prefers_the_single_nord_one() -> None:
    bailleul = resolve_commune("Bailleul")
    assert bailleul.dans_le_nord
    assert bailleul.insee == "59043"


def test_name_shared_outside_the_nord_is_ambiguous_and_can_be_qualified() -> None:
    with pytest.raises(CommuneAmbiguous) as caught:
        resolve_commune("Saint-Sauveur")
    assert len(caught.value.candidates) > 5
    assert "Précisez le département" in caught.value.message
    assert resolve_commune("Saint-Sauveur (31)").departement == "31"
    assert resolve_commune("Saint-Sauveur (Haute-Garonne)").departement == "31"


def test_hint_that_contradicts_the_name() -> None:
    with pytest.raises(CommuneNotFound) as caught:
        resolve_commune("Roubaix (62)")
    assert [c.insee for c in caught.value.candidates] == [ROUBAIX]


def test_former_communes_of_the_nord_and_paris_arrondissements() -> None:
    assert resolve_commune("Lomme").insee == LILLE
    assert resolve_commune("Saint-Pol-sur-Mer").nom == "Dunkerque"
    assert resolve_commune("Paris 12e").insee == "75056"
    assert get_commune("75112").insee == "75056"


def test_names_with_brackets_in_the_data() -> None:
    assert resolve_commune("Bors (Canton de Charente-Sud)").insee == "16053"


def test_every_nord_commune_resolves_by_its_name() -> None:
    for commune in all_communes():
        if commune.dans_le_nord:
            assert resolve_commune(commune.nom) is commune
            assert resolve_commune(normalize_name(commune.nom).upper()) is commune


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_a_commune_or_a_french_error(text: str) -> None:
    try:
        commune = resolve_commune(text)
    except CommuneError as error:
        assert error.message
        assert all(isinstance(c, Commune) for c in error.candidates)
    else:
        assert isinstance(commune, Commune)


def test_get_commune_is_a_plain_lookup() -> None:
    assert get_commune(ROUBAIX).nom == "Roubaix"
    assert get_commune("00000") is None
    assert get_commune("roubaix") is None


def test_search_for_autocomplete() -> None:
    assert search_communes("roub")[0].insee == ROUBAIX
    assert search_communes("tourc")[0].nom == "Tourcoing"
    assert search_communes("lil")[0].insee == LILLE
    assert search_communes("villeneuve d")[0].insee == "59009"
    assert search_communes("marcq")[0].nom == "Marcq-en-Barœul"  # Nord before Marcq (78)
    assert search_communes("dunkerke")[0].nom == "Dunkerque"  # typo
    assert ROUBAIX in {c.insee for c in search_communes("59100")}
    assert search_communes("591")[0].dans_le_nord
    assert len(search_communes("saint", limit=7)) == 7
    assert search_communes("") == []
    assert search_communes("x" * 10_000) == []


def test_normalize_name() -> None:
    assert normalize_name("Villeneuve-d'Ascq") == "villeneuve d ascq"
    assert normalize_name("  ST   AMAND-LES-EAUX ") == "saint amand les eaux"
    assert normalize_name("Ste-Marie") == "sainte marie"
    assert normalize_name("Marcq-en-Barœul") == "marcq en baroeul"
    assert normalize_name("Châtillon") == "chatillon"


def test_haversine_lille_roubaix() -> None:
    lille, roubaix = get_commune(LILLE), get_commune(ROUBAIX)
    assert lille is not None and roubaix is not None
    km = haversine_km(lille.lat, lille.lon, roubaix.lat, roubaix.lon)
    assert 11 <= km <= 13
    assert haversine_km(lille.lat, lille.lon, lille.lat, lille.lon) == 0
    assert km == pytest.approx(haversine_km(roubaix.lat, roubaix.lon, lille.lat, lille.lon))


def test_commune_record() -> None:
    roubaix = get_commune(ROUBAIX)
    assert roubaix is not None
    assert roubaix.region == "32"
    assert roubaix.departement_nom == "Nord"
    assert roubaix.population and roubaix.population > 90_000
    assert roubaix.epci_nom == "Métropole Européenne de Lille"
    assert roubaix.libelle == "Roubaix (59100)"
    assert len(all_communes()) == 34_746
    assert sum(c.dans_le_nord for c in all_communes()) == 647
