"""Schema of a scheme file (`rules/catalogue/<id>.yaml`), checked when the catalogue loads.

Every field has a French `description`: the people who edit the catalogue read them in
`rules/catalogue/schema.json` (their editor shows them) and in `rules/catalogue/README.md`.
`python -m rules.engine.write_schema` writes `schema.json` again after a change here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rules.engine.facts import DERIVED_FROM_COMMUNE, FACTS

SCHEMA_FILE = Path(__file__).parent.parent / "catalogue" / "schema.json"

Status = Literal["en_vigueur", "historique", "annonce"]
# What each value means, for the people who write the catalogue (README, schema.json).
STATUSES: dict[str, str] = {
    "en_vigueur": "le dispositif existe aujourd'hui : on peut le demander",
    "historique": "le dispositif a pris fin (date « fin ») ; « remplace_par » dit ce qui le "
                  "remplace",
    "annonce": "une promesse (programme, annonce politique) : jamais présentée comme un droit",
}

Importance = Literal["droit", "accompagnement", "service"]
# Where the final answer puts the scheme, for the people who write the catalogue.
IMPORTANCES: dict[str, str] = {
    "droit": "un droit qui vous verse de l'argent (RSA, prime d'activité…) : dit en premier",
    "accompagnement": "une personne qui vous suit, dans un lieu près de chez vous (mission "
                      "locale, MDIE…) : dit ensuite, avec son adresse",
    "service": "un service ou une aide ouverte à beaucoup (Pass numériques, aide au permis, "
               "France Services…) : regroupés en une ligne à la fin",
}

Confirmation = Literal["confirme", "secondaire", "deduit", "a_confirmer"]
CONFIRMATIONS: dict[str, str] = {
    "confirme": "lu dans le texte officiel ou sur le site de l'organisme qui décide",
    "secondaire": "lu dans une source qui cite le texte officiel (presse, site spécialisé, "
                  "autre projet), sans avoir lu le texte lui-même",
    "deduit": "calculé ou déduit par nous à partir d'autres valeurs sourcées (la source dit "
              "comment)",
    "a_confirmer": "ni lu ni calculé de façon sûre : une estimation à vérifier avant de s'y fier",
}
CONFIRMATION_HELP = "degré de confirmation : " + " ; ".join(
    f"« {k} » = {v}" for k, v in CONFIRMATIONS.items())
INTERNAL_REFERENCE = (
    "référence de notre recherche (fichier « seed », numéros de ligne, notes internes) : "
    "jamais montrée aux habitants"
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Une source du dispositif (liste « sources »)."""

    titre: str = Field(description="titre lisible de la source, montré sur la fiche")
    url: str | None = Field(None, description="adresse de la page, si elle est en ligne")
    date: str | None = Field(None, description="date de la source : AAAA, AAAA-MM ou AAAA-MM-JJ")
    statut: Confirmation = Field("confirme", description=CONFIRMATION_HELP)
    reference_interne: str | None = Field(None, description=INTERNAL_REFERENCE)


class DatedValue(Strict):
    """Une valeur valable à partir d'une date, avec sa source."""

    depuis: dt.date = Field(description="date à partir de laquelle la valeur s'applique")
    valeur: float = Field(description="la valeur (un montant en euros, ou un taux : 0,5 = 50 %)")
    source: str = Field(description="d'où vient la valeur (texte officiel, article, page)")
    statut: Confirmation = Field("confirme", description=CONFIRMATION_HELP)


class DatedSeries(Strict):
    """Values that change over time: the one in force at a date is the latest one started."""

    libelle: str = Field(description="ce que c'est, en français clair")
    valeurs: list[DatedValue] = Field(
        min_length=1, description="les valeurs successives, de la plus ancienne à la plus récente")

    @model_validator(mode="after")
    def _chronological(self) -> DatedSeries:
        dates = [v.depuis for v in self.valeurs]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(
                f"les valeurs de « {self.libelle} » doivent être dans l'ordre des dates")
        return self

    def at(self, on: dt.date) -> DatedValue | None:
        current = None
        for value in self.valeurs:
            if value.depuis > on:
                break
            current = value
        return current


class Amount(DatedSeries):
    """Un montant montré à la personne (liste « montants »)."""

    id: str = Field(description="identifiant du montant, en minuscules (« montant_forfaitaire »)")
    unite: str = Field("€ par mois", description="unité affichée après le montant")


class Parameter(DatedSeries):
    """Un paramètre d'un calcul (« parametres »), par exemple un taux de majoration."""

    unite: str = Field("taux", description="« taux » (0,5 = 50 %) ou une unité comme « € »")


class Computed(Strict):
    calcul: str = Field(description="nom d'un calcul du moteur (« rsa_montant_forfaitaire_foyer »)")


Comparand = float | Computed
COMPARAND_HELP = " : un nombre, ou {calcul: nom} pour un seuil calculé"


class Condition(Strict):
    """Une condition : une feuille (« fait » et une comparaison) ou un groupe (« tous »,
    « un_parmi », « non »)."""

    fait: str | None = Field(None, description="le fait de la situation comparé (« age »)")
    egal: bool | int | float | str | None = Field(None, description="le fait vaut exactement ceci")
    parmi: list[str | int] | None = Field(None, description="le fait vaut l'une de ces valeurs")
    min: Comparand | None = Field(None, description="au moins (inclus)" + COMPARAND_HELP)
    max: Comparand | None = Field(None, description="au plus (inclus)" + COMPARAND_HELP)
    sup: Comparand | None = Field(None, description="strictement plus que" + COMPARAND_HELP)
    inf: Comparand | None = Field(None, description="strictement moins que" + COMPARAND_HELP)
    tous: list[Condition] | None = Field(None, description="toutes ces conditions à la fois")
    un_parmi: list[Condition] | None = Field(
        None, description="au moins une de ces conditions")
    non: Condition | None = Field(
        None, description="une exclusion : la condition donnée ne doit pas être remplie")
    libelle: str | None = Field(
        None, description="la condition en quelques mots (« avoir 25 ans ou plus »)")
    si_vrai: str | None = Field(
        None, description="la phrase montrée quand la condition est remplie ; {age}, "
        "{ressources_mensuelles_foyer}… sont remplacés par la réponse de la personne")
    si_faux: str | None = Field(
        None, description="la phrase montrée quand la condition n'est pas remplie")
    si_inconnu: str | None = Field(
        None, description="la phrase montrée quand on ne sait pas encore (par défaut : "
        "« À préciser : » suivi du libellé)")
    source: str | None = Field(None, description="le texte (loi, page officielle) qui la fonde")
    reference_interne: str | None = Field(None, description=INTERNAL_REFERENCE)

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
    """Un quartier habilité d'une commune (portée « quartiers »)."""

    commune: str = Field(pattern=r"^\d[\dAB]\d{3}$", description="code INSEE de la commune")
    nom: str = Field(description="nom du quartier, tel qu'on le dit à la personne")
    depuis: dt.date | None = Field(None, description="date de l'habilitation")
    source: str = Field(description="d'où vient l'habilitation (arrêté, article)")


Scope = Literal["national", "region", "departement", "communes", "quartiers"]


class Territoire(Strict):
    """Où habitent les personnes à qui le dispositif s'adresse."""

    portee: Scope = Field(description=(
        "« national » (toute la France), « region » ou « departement » (codes INSEE dans "
        "« codes »), « communes » (codes INSEE des communes dans « codes »), « quartiers » "
        "(liste « quartiers »)"))
    codes: list[str] = Field(default_factory=list, description=(
        "codes INSEE : de la région (« 32 »), du département (« 59 ») ou des communes"))
    quartiers: list[Quartier] = Field(
        default_factory=list, description="les quartiers habilités (portée « quartiers »)")
    fait_quartier: str | None = Field(None, description=(
        "portée « quartiers » : le fait de la situation qui dit si la personne habite dans "
        "l'un des quartiers de sa commune (« quartier_tzc »)"))
    libelle: str = Field(description="à qui il s'adresse, par exemple « aux habitants du Nord »")
    si_vrai: str | None = Field(None, description=(
        "la phrase quand la personne habite le territoire ({commune_nom}, {territoires} sont "
        "remplacés) ; par défaut une phrase tirée du libellé"))
    si_faux: str | None = Field(None, description=(
        "la phrase quand elle n'y habite pas ; par défaut une phrase tirée du libellé"))
    source: str | None = Field(None, description="le texte qui fixe le territoire")
    reference_interne: str | None = Field(None, description=INTERNAL_REFERENCE)

    @model_validator(mode="after")
    def _codes(self) -> Territoire:
        if self.portee in ("region", "departement", "communes") and not self.codes:
            raise ValueError(f"la portée « {self.portee} » demande une liste « codes »")
        if self.portee == "quartiers" and not (self.quartiers and self.fait_quartier):
            raise ValueError("la portée « quartiers » demande « quartiers » et « fait_quartier »")
        if self.fait_quartier is not None and FACTS.get(self.fait_quartier, None) is None:
            raise ValueError(f"fait inconnu : « {self.fait_quartier} »")
        return self


class Demarche(Strict):
    """Comment faire la demande."""

    texte: str = Field(description="ce que la personne fait, en phrases simples (« vous »)")
    service_public: str | None = Field(None, pattern=r"^[FNR]\d+$", description=(
        "identifiant de la fiche service-public.fr (« F19778 »)"))
    en_ligne: str | None = Field(None, description="adresse où faire la demande en ligne")
    telephone: str | None = Field(None, description="numéro à appeler")
    telephone_source: str | None = Field(
        None, description="où ce numéro a été lu (obligatoire avec « telephone »)")

    @model_validator(mode="after")
    def _phone_sourced(self) -> Demarche:
        if self.telephone and not self.telephone_source:
            raise ValueError("un numéro de téléphone doit avoir sa source (telephone_source)")
        return self


class Reference(Strict):
    """Un texte de loi sur lequel repose un calcul d'OpenFisca-France."""

    titre: str = Field(description="le texte, par exemple « CSS art. L542-1 »")
    url: str | None = Field(None, description="son adresse (Légifrance)")


class OpenFisca(Strict):
    """Le montant personnel calculé par OpenFisca-France (rules/money)."""

    variable: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description=(
        "nom de la variable d'OpenFisca-France qui donne le montant (« aide_logement »)"))
    entite: Literal["individu", "famille", "foyer_fiscal", "menage"] = Field(description=(
        "à qui OpenFisca attribue la variable : la personne (« individu »), la famille au sens "
        "de la CAF, le foyer fiscal ou le ménage"))
    periode: Literal["mois", "annee"] = Field("mois", description=(
        "« mois » : un montant par mois ; « annee » : un montant par an (versé une fois)"))
    faits: list[str] = Field(min_length=1, description=(
        "les faits que le calcul lit : tant que l'un d'eux est inconnu (et sa prémisse n'est pas "
        "fausse), le dispositif reste « indetermine » et ce fait est demandé"))
    libelle: str = Field(description="ce que le montant est, dit à la personne (« Aide au "
                                     "logement estimée »)")
    si_zero: str = Field(description=(
        "la raison dite quand le calcul donne 0 € (gabarit : {ressources_mensuelles_foyer}, "
        "{personnes}, {loyer_mensuel}…)"))
    nature: Literal["montant", "droit"] = Field("montant", description=(
        "« montant » : la variable est une somme versée ; « droit » : elle dit seulement oui "
        "(1) ou non (0), et le calcul dit en mots ce qui est ouvert (la complémentaire santé "
        "solidaire gratuite ou avec participation)"))
    decide_avant_calcul: bool = Field(False, description=(
        "vrai si les conditions du dispositif suffisent à dire « eligible » avant le calcul "
        "(RSA : ressources sous le montant forfaitaire) ; sinon le dispositif reste "
        "« indetermine » tant que le calcul n'a pas été fait"))
    deja_percu: str | None = Field(None, description=(
        "fait booléen qui dit que la personne perçoit déjà l'aide (« rsa ») : elle reste "
        "« eligible » même si le calcul donne 0 €, qui est alors à vérifier"))
    references: list[Reference] = Field(default_factory=list, description=(
        "les textes de loi que portent les paramètres d'OpenFisca-France pour ce calcul"))


class Scheme(Strict):
    """Un dispositif : un fichier `rules/catalogue/<id>.yaml`."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description=(
        "identifiant, le nom du fichier sans « .yaml » (minuscules, chiffres, « _ »)"))
    nom: str = Field(description="nom complet, tel que la personne le lit")
    noms_alternatifs: list[str] = Field(default_factory=list, description=(
        "autres noms, sigles et fautes courantes : pour reconnaître le dispositif quand la "
        "personne en parle"))
    resume: str = Field(description="ce que c'est, en deux ou trois phrases simples")
    statut: Status = Field(description="état du dispositif : " + " ; ".join(
        f"« {k} » = {v}" for k, v in STATUSES.items()))
    ordre: int = Field(100, description="rang d'affichage : les plus petits d'abord")
    importance: Importance = Field(description="place dans la réponse finale : " + " ; ".join(
        f"« {k} » = {v}" for k, v in IMPORTANCES.items()))
    moment: str | None = Field(None, description=(
        "pour un dispositif qui n'a de sens qu'à un moment (l'ouverture du RSA…), ce moment dit "
        "comme une condition, par exemple « si vous venez d'obtenir le RSA » : la réponse finale "
        "le dit ainsi, sans supposer que c'est le cas"))
    debut: dt.date | None = Field(None, description="date de création (absent avant)")
    fin: dt.date | None = Field(None, description="date de fin (obligatoire si « historique »)")
    remplace_par: str | None = Field(None, description="id du dispositif qui le remplace")
    porteur: str = Field(description="qui le finance ou le met en œuvre")
    territoire: Territoire = Field(description="où habitent les personnes concernées")
    conditions: Condition | None = Field(None, description=(
        "les conditions à remplir (absent : ouvert à tous les habitants du territoire)"))
    montants: list[Amount] = Field(
        default_factory=list, description="montants montrés à la personne, datés et sourcés")
    parametres: dict[str, Parameter] = Field(default_factory=dict, description=(
        "paramètres des calculs (taux…), datés et sourcés, par nom"))
    openfisca: OpenFisca | None = Field(None, description=(
        "le montant personnel et la décision calculés par OpenFisca-France, une fois connus "
        "les faits qu'il lit ; les conditions (« conditions ») restent un premier tri qui peut "
        "dire « non » tôt, jamais contre le calcul"))
    lieu_type: str | None = Field(None, description=(
        "type de lieu où aller (« caf », « mission_locale », « france_services »…)"))
    lieux_alternatifs: list[str] = Field(default_factory=list, description=(
        "autres types de lieu, si le premier n'existe pas près de chez la personne"))
    accueil: str | None = Field(None, description=(
        "phrase dite, avec l'adresse du lieu, à qui demande à parler à quelqu'un et a droit au "
        "dispositif"))
    exemple: int | None = Field(None, description=(
        "rang du dispositif parmi ceux que l'assistant cite en exemple (sous son premier nom "
        "alternatif)"))
    documents: list[str] = Field(default_factory=list, description="pièces à apporter")
    a_verifier: list[str] = Field(default_factory=list, description=(
        "à vérifier sur place : les conditions que l'assistant ne demande pas ; la personne les "
        "vérifie avec l'organisme (montré sur la fiche)"))
    demarche: Demarche = Field(description="comment faire la demande")
    sources: list[Source] = Field(min_length=1, description="les sources du dispositif")
    verifie_le: dt.date = Field(description="date de la dernière vérification des sources")
    a_confirmer: str | None = Field(None, description=(
        "ce que nous n'avons pas pu confirmer dans nos sources (une valeur ou une source dont "
        "le statut n'est pas « confirme ») : une phrase pour la personne"))
    annonce: str | None = Field(None, description=(
        "pour une « annonce » : qui l'a promise et où, en phrase lisible"))
    reference_interne: str | None = Field(None, description=INTERNAL_REFERENCE)

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


def json_schema() -> str:
    """The JSON schema of a scheme file, as written in `rules/catalogue/schema.json`."""
    schema = Scheme.model_json_schema()
    schema["title"] = "Dispositif du catalogue « Mes droits Nord »"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
