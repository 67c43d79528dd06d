"""The rights engine over HTTP: evaluate, schemes, communes, health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.concurrency import run_in_threadpool

from api.errors import PublicError
from api.schemas import EVALUATE_EXAMPLES, ErrorBody
from rules import evaluate
from rules.engine.catalogue import default_catalogue
from rules.places.communes import search_communes

router = APIRouter(prefix="/api/v1", tags=["moteur de droits"])

SituationBody = Annotated[dict[str, Any], Body(openapi_examples=EVALUATE_EXAMPLES)]


@router.post(
    "/evaluate",
    summary="Évaluer une situation",
    description="Applique tout le catalogue à la situation (voir CONTRACT.md) et renvoie, pour "
    "chaque dispositif, « eligible », « non_eligible » ou « indetermine », les raisons, les faits "
    "manquants, le lieu le plus proche et la prochaine question à poser.",
    responses={422: {"model": ErrorBody,
                     "description": "Situation invalide (messages en français)"}},
)
async def evaluate_route(situation: SituationBody) -> dict[str, Any]:
    # Pure CPU work of a few hundred µs: run on the event loop rather than in a thread, where
    # 20 concurrent requests would fight over the GIL and lengthen the tail latency.
    return evaluate(situation)


@router.get("/schemes", summary="Le catalogue des dispositifs")
def schemes() -> list[dict[str, Any]]:
    catalogue = default_catalogue()
    return [
        {"id": s.id, "nom": s.nom, "statut": s.statut, "resume": s.resume,
         "remplace_par": s.remplace_par, "verifie_le": s.verifie_le.isoformat()}
        for s in sorted(catalogue.schemes.values(), key=lambda s: (s.ordre, s.id))
    ]


@router.get("/schemes/{scheme_id}", summary="Un dispositif, avec ses conditions et ses sources",
            responses={404: {"model": ErrorBody}})
def scheme(scheme_id: str) -> dict[str, Any]:
    found = default_catalogue().get(scheme_id)
    if found is None:
        raise PublicError(404, f"Dispositif inconnu : « {scheme_id[:60]} ».")
    return found.model_dump(mode="json")


@router.get("/communes", summary="Chercher une commune (autocomplétion, fautes tolérées)")
async def communes(
    q: Annotated[str, Query(min_length=1, max_length=100, description="début ou nom approché")],
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> list[dict[str, Any]]:
    found = await run_in_threadpool(search_communes, q, limit)
    return [
        {"insee": c.insee, "nom": c.nom, "codes_postaux": list(c.codes_postaux),
         "departement": c.departement, "departement_nom": c.departement_nom,
         "libelle": c.libelle}
        for c in found
    ]


@router.get("/health", summary="État du service", tags=["exploitation"])
def health() -> dict[str, str]:
    return {"statut": "ok", "catalogue": default_catalogue().version}
