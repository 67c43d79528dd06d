"""The rest of the household's resources is counted to the cent (no floating residue)."""

from rules.money.household import household_of


def test_no_floating_residue_becomes_an_allowance():
    # 2834.78 - 1348.47 - 1486.31 == 2.27e-13 in floating point
    household = household_of({
        "age": 57, "activite": "emploi", "en_couple": True, "conjoint_age": 67,
        "conjoint_activite": "emploi", "conjoint_revenus_mensuels": 1348.47,
        "revenus_activite_mensuels": 1486.31, "ressources_mensuelles_foyer": 2834.78,
        "taux_incapacite": 80})
    person = household.people[0]
    assert (person.salaire, person.chomage, person.retraite) == (1486.31, 0.0, 0.0)
    assert not any("reste de vos ressources" in h for h in household.hypotheses)
