"""Shapes and examples for the OpenAPI document (French descriptions)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldMessage(BaseModel):
    champ: str = Field(description="le champ en cause")
    message: str = Field(description="ce qui ne va pas, en français")


class ErrorBody(BaseModel):
    erreur: str = Field(description="message en français")
    details: list[FieldMessage] | None = None


class SheetCreated(BaseModel):
    id: str = Field(description="identifiant impossible à deviner (192 bits)")
    url: str = Field(description="adresse de la fiche en ligne")
    expires_at: str = Field(description="date d'expiration (ISO 8601)")


EVALUATE_EXAMPLES: dict[str, Any] = {
    "jeune": {
        "summary": "23 ans, sans emploi depuis 8 mois, Roubaix (la commune telle que la "
                   "personne l'écrit, et son code INSEE, qui doit désigner la même commune)",
        "value": {"age": 23, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8,
                  "commune": "Roubaix", "code_insee": "59512"},
    },
    "rsa": {
        "summary": "Mère seule au RSA avec un bébé, Cambrai (code INSEE 59122)",
        "value": {"age": 33, "rsa": True, "en_couple": False, "enfants_a_charge": 1,
                  "enfants_moins_3_ans": 1, "activite": "sans_emploi", "code_insee": "59122"},
    },
}
