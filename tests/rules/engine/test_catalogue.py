"""The catalogue files: schema checks, with the file, the field and the reason on failure."""

import json
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from rules import evaluate
from rules.engine import schema
from rules.engine.catalogue import CATALOGUE_DIR, CatalogueError, default_catalogue, load_catalogue
from rules.places.offices import office_types

CONTRACT_IDS = {"cej", "garantie_jeunes", "circuit_court", "proch_emploi", "creche_avip", "mdie",
                "coach_emploi", "tzc", "rsa", "mission_locale", "france_services"}


def test_contract_ids_exist():
    assert set(default_catalogue().schemes) >= CONTRACT_IDS


def test_statuses_of_contract_schemes():
    schemes = default_catalogue().schemes
    assert schemes["garantie_jeunes"].statut == "historique"
    assert schemes["garantie_jeunes"].remplace_par == "cej"
    assert schemes["circuit_court"].remplace_par == "proch_emploi"
    assert str(schemes["garantie_jeunes"].fin) == "2022-02-28"
    assert str(schemes["cej"].debut) == "2022-03-01"


def test_every_office_type_in_the_catalogue_exists_in_the_directory():
    types = office_types()
    for scheme in default_catalogue().schemes.values():
        for kind in filter(None, [scheme.lieu_type, *scheme.lieux_alternatifs]):
            assert kind in types, (scheme.id, kind)


def test_every_amount_has_a_source_and_unconfirmed_ones_are_flagged():
    for scheme in default_catalogue().schemes.values():
        for amount in scheme.montants:
            for value in amount.valeurs:
                assert value.source.strip(), (scheme.id, amount.id)
                if value.statut != "confirme":
                    assert scheme.a_confirmer, (scheme.id, amount.id, value.depuis)


def test_whatever_is_not_confirmed_is_explained_in_a_confirmer():
    for scheme in default_catalogue().schemes.values():
        unsure = [s.titre for s in scheme.sources if s.statut != "confirme"]
        unsure += [name for name, parameter in scheme.parametres.items()
                   for value in parameter.valeurs if value.statut != "confirme"]
        assert not unsure or scheme.a_confirmer, (scheme.id, unsure)


def _copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def test_broken_file_names_file_field_and_reason(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "cej.yaml"
    path.write_text(path.read_text().replace("min: 16", "min: seize", 1))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(directory)
    message = str(caught.value)
    assert message.startswith("cej.yaml: conditions.tous.0.un_parmi.0.min")


def test_unknown_fact_in_a_condition_is_refused(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "mdie.yaml"
    path.write_text(path.read_text().replace("fait: rsa", "fait: rsa_actif", 1))
    with pytest.raises(CatalogueError, match=r"mdie.yaml: .*fait inconnu : « rsa_actif »"):
        load_catalogue(directory)


def test_successor_must_exist(tmp_path):
    directory = _copy_catalogue(tmp_path)
    (directory / "cej.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"garantie_jeunes.yaml: remplace_par"):
        load_catalogue(directory)


def test_id_must_match_file_name(tmp_path):
    directory = _copy_catalogue(tmp_path)
    (directory / "cej.yaml").rename(directory / "cej2.yaml")
    with pytest.raises(CatalogueError, match=r"cej2.yaml: id « cej »"):
        load_catalogue(directory)


def test_phone_without_source_is_refused(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "proch_emploi.yaml"
    text = path.read_text()
    path.write_text("\n".join(li for li in text.splitlines() if "telephone_source" not in li))
    with pytest.raises(CatalogueError, match=r"proch_emploi.yaml: demarche"):
        load_catalogue(directory)


def test_version_changes_with_content(tmp_path):
    directory = _copy_catalogue(tmp_path)
    before = load_catalogue(directory).version
    path = directory / "cej.yaml"
    path.write_text(path.read_text() + "\n# note\n")
    assert load_catalogue(directory).version != before


def _without_internal_references(value):
    if isinstance(value, dict):
        return {k: _without_internal_references(v) for k, v in value.items()
                if k != "reference_interne"}
    if isinstance(value, list):
        return [_without_internal_references(v) for v in value]
    return value


def test_our_research_references_stay_in_their_own_field():
    """Seed files, their line numbers and our notes never reach a resident's text."""
    for scheme in default_catalogue().schemes.values():
        shown = json.dumps(_without_internal_references(scheme.model_dump(mode="json")),
                           ensure_ascii=False).lower()
        for internal in ("seed", "product.md", "lignes "):
            assert internal not in shown, (scheme.id, internal)


def test_no_result_text_cites_our_research():
    for situation in ({"date_evaluation": "2026-11-22"},
                      {"date_evaluation": "2026-11-22", "age": 30, "commune": "Lille",
                       "activite": "sans_emploi", "rsa": True}):
        text = json.dumps(evaluate(situation), ensure_ascii=False).lower()
        assert "seed" not in text and "lignes " not in text


def test_schema_json_is_up_to_date():
    """After a change in rules/engine/schema.py: python -m rules.engine.write_schema"""
    written = (CATALOGUE_DIR / "schema.json").read_text(encoding="utf-8")
    assert written == schema.json_schema(), "lancez : python -m rules.engine.write_schema"


def test_every_scheme_file_names_its_schema():
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json", path.name


def _models():
    return [m for m in vars(schema).values()
            if isinstance(m, type) and issubclass(m, BaseModel) and m is not schema.Strict
            and m.__module__ == schema.__name__]


def test_every_field_has_a_french_description():
    for model in _models():
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name}"
    text = schema.json_schema()
    for english in ("who it is for", "date of the source", "for an `annonce`"):
        assert english not in text


def test_every_status_value_is_defined():
    assert set(schema.STATUSES) == set(typing.get_args(schema.Status))
    assert set(schema.CONFIRMATIONS) == set(typing.get_args(schema.Confirmation))
    readme = (CATALOGUE_DIR / "README.md").read_text(encoding="utf-8")
    for value in (*schema.STATUSES, *schema.CONFIRMATIONS):
        assert f"`{value}`" in readme, value
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for english in ("confirmed", "secondary", "inferred", "unconfirmed"):
            assert f"statut: {english}" not in text, (path.name, english)


def test_every_parameter_is_dated_and_sourced():
    for scheme in default_catalogue().schemes.values():
        for name, parameter in scheme.parametres.items():
            assert parameter.valeurs, (scheme.id, name)
            assert all(v.source for v in parameter.valeurs), (scheme.id, name)
