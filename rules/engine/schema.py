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
        for check in _GROUP_CHECKS if self.fait is None else _LEAF_CHECKS:
            message = check(self)
            if message:
                raise ValueError(message)
        return self

    def comparisons(self) -> list[str]:
        return [k for k in COMPARISONS if getattr(self, k) is not None]


COMPARISONS = ("egal", "parmi", "min", "max", "sup", "inf")


def _group_has_no_comparison(cond: Condition) -> str | None:
    found = cond.comparisons()
    return f"{', '.join(found)} n'a de sens qu'avec « fait »" if found else None


def _group_texts_paired(cond: Condition) -> str | None:
    if (cond.si_vrai is None) != (cond.si_faux is None):
        return "un groupe a si_vrai et si_faux ensemble, ou aucun des deux"
    return None


def _leaf_fact_known(cond: Condition) -> str | None:
    if cond.fait not in FACTS and cond.fait not in DERIVED_FROM_COMMUNE:
        return f"fait inconnu : « {cond.fait} »"
    return None


def _leaf_has_comparison(cond: Condition) -> str | None:
    if not cond.comparisons():
        return f"la condition sur « {cond.fait} » n'a pas de comparaison"
    return None


def _leaf_texts_given(cond: Condition) -> str | None:
    missing = [k for k in ("libelle", "si_vrai", "si_faux", "source") if not getattr(cond, k)]
    if missing:
        return f"la condition sur « {cond.fait} » n'a pas : {', '.join(missing)}"
    return None


def _leaf_values_possible(cond: Condition) -> str | None:
    fact = FACTS.get(cond.fait or "")
    if fact is None or fact.kind != "enum":
        return None
    for value in ([cond.egal] if cond.egal is not None else []) + (cond.parmi or []):
        if value not in fact.values:
            return f"« {value} » n'est pas une valeur possible de {cond.fait}"
    return None


def _leaf_bool_compared_to_bool(cond: Condition) -> str | None:
    fact = FACTS.get(cond.fait or "")
    if fact and fact.kind == "bool" and not isinstance(cond.egal, bool):
        return f"{cond.fait} est un booléen : utilisez « egal: true » ou « egal: false »"
    return None


_GROUP_CHECKS = (_group_has_no_comparison, _group_texts_paired)
_LEAF_CHECKS = (_leaf_fact_known, _leaf_has_comparison, _leaf_texts_given,
                _leaf_values_possible, _leaf_bool_compared_to_bool)


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
