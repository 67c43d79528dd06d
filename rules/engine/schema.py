"""Schema of a scheme file (`rules/catalogue/<id>.yaml`), checked when the catalogue loads."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rules.engine.facts import DERIVED_FROM_COMMUNE, FACTS

Status = Literal["en_vigueur", "historique", "annonce"]
SourceStatus = Literal["confirmed", "secondary", "inferred", "unconfirmed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    titre: str
    url: str | None = None
    date: str | None = Field(None, description="date of the source: YYYY, YYYY-MM or YYYY-MM-DD")
    statut: SourceStatus = "confirmed"


class DatedValue(Strict):
    depuis: dt.date
    valeur: float
    source: str
    statut: SourceStatus = "confirmed"


class Amount(Strict):
    id: str
    libelle: str
    unite: str = "€ par mois"
    valeurs: list[DatedValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _chronological(self) -> Amount:
        dates = [v.depuis for v in self.valeurs]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(f"les valeurs de « {self.id} » doivent être dans l'ordre des dates")
        return self

    def at(self, on: dt.date) -> DatedValue | None:
        current = None
        for value in self.valeurs:
            if value.depuis > on:
                break
            current = value
        return current


class Parameter(Strict):
    valeur: float
    libelle: str
    source: str


class Computed(Strict):
    calcul: str


Comparand = float | Computed


class Condition(Strict):
    """A leaf (`fait` + one comparison) or a group (`tous`, `un_parmi`, `non`)."""

    fait: str | None = None
    egal: bool | int | float | str | None = None
    parmi: list[str | int] | None = None
    min: Comparand | None = None  # inclusive
    max: Comparand | None = None  # inclusive
    sup: Comparand | None = None  # strictly greater
    inf: Comparand | None = None  # strictly lower
    tous: list[Condition] | None = None
    un_parmi: list[Condition] | None = None
    non: Condition | None = None
    libelle: str | None = None
    si_vrai: str | None = None
    si_faux: str | None = None
    si_inconnu: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Condition:
        kinds = [k for k in ("fait", "tous", "un_parmi", "non") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "une condition a exactement un de : fait, tous, un_parmi, non "
                f"(trouvé : {', '.join(kinds) or 'aucun'})"
            )
        comparisons = [k for k in ("egal", "parmi", "min", "max", "sup", "inf")
                       if getattr(self, k) is not None]
        if self.fait is None:
            if comparisons:
                raise ValueError(f"{', '.join(comparisons)} n'a de sens qu'avec « fait »")
            if (self.si_vrai is None) != (self.si_faux is None):
                raise ValueError("un groupe a si_vrai et si_faux ensemble, ou aucun des deux")
            return self
        if self.fait not in FACTS and self.fait not in DERIVED_FROM_COMMUNE:
            raise ValueError(f"fait inconnu : « {self.fait} »")
        if not comparisons:
            raise ValueError(f"la condition sur « {self.fait} » n'a pas de comparaison")
        missing = [k for k in ("libelle", "si_vrai", "si_faux", "source") if not getattr(self, k)]
        if missing:
            raise ValueError(f"la condition sur « {self.fait} » n'a pas : {', '.join(missing)}")
        fact = FACTS.get(self.fait)
        if fact and fact.kind == "enum":
            for value in ([self.egal] if self.egal is not None else []) + (self.parmi or []):
                if value not in fact.values:
                    raise ValueError(f"« {value} » n'est pas une valeur possible de {self.fait}")
        if fact and fact.kind == "bool" and not isinstance(self.egal, bool):
            raise ValueError(
                f"{self.fait} est un booléen : utilisez « egal: true » ou « egal: false »"
            )
        return self


class Quartier(Strict):
    commune: str = Field(pattern=r"^\d[\dAB]\d{3}$")
    nom: str
    depuis: dt.date | None = None
    source: str


class Territoire(Strict):
    portee: Literal["national", "region", "departement", "communes", "quartiers"]
    codes: list[str] = Field(default_factory=list)
    quartiers: list[Quartier] = Field(default_factory=list)
    libelle: str = Field(description="who it is for, e.g. « aux habitants du Nord »")
    si_vrai: str | None = None
    si_faux: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _codes(self) -> Territoire:
        if self.portee in ("region", "departement", "communes") and not self.codes:
            raise ValueError(f"la portée « {self.portee} » demande une liste « codes »")
        if self.portee == "quartiers" and not self.quartiers:
            raise ValueError("la portée « quartiers » demande une liste « quartiers »")
        return self


class Demarche(Strict):
    texte: str
    service_public: str | None = Field(None, pattern=r"^[FNR]\d+$")
    en_ligne: str | None = None
    telephone: str | None = None
    telephone_source: str | None = None

    @model_validator(mode="after")
    def _phone_sourced(self) -> Demarche:
        if self.telephone and not self.telephone_source:
            raise ValueError("un numéro de téléphone doit avoir sa source (telephone_source)")
        return self


class Scheme(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    nom: str
    noms_alternatifs: list[str] = Field(default_factory=list)
    resume: str
    statut: Status
    ordre: int = 100
    debut: dt.date | None = None
    fin: dt.date | None = None
    remplace_par: str | None = None
    porteur: str
    territoire: Territoire
    conditions: Condition | None = None
    montants: list[Amount] = Field(default_factory=list)
    parametres: dict[str, Parameter] = Field(default_factory=dict)
    lieu_type: str | None = None
    lieux_alternatifs: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    a_verifier: list[str] = Field(
        default_factory=list,
        description="conditions the assistant does not ask about, to check with the office",
    )
    demarche: Demarche
    sources: list[Source] = Field(min_length=1)
    verifie_le: dt.date
    a_confirmer: str | None = None
    annonce: str | None = Field(None, description="for an `annonce`: who promised it, where")

    @model_validator(mode="after")
    def _status(self) -> Scheme:
        if self.statut == "historique" and self.fin is None:
            raise ValueError("un dispositif historique a une date de fin (« fin »)")
        if self.statut == "annonce" and not self.annonce:
            raise ValueError("une annonce dit qui l'a promise et où (« annonce »)")
        if self.debut and self.fin and self.fin < self.debut:
            raise ValueError("« fin » est avant « debut »")
        return self

    def amount(self, amount_id: str) -> Amount | None:
        return next((a for a in self.montants if a.id == amount_id), None)


def error_lines(exc: Any) -> list[str]:
    """Readable « field: reason » lines from a pydantic ValidationError."""
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(racine)"
        lines.append(f"{loc}: {err['msg']}")
    return lines
