"""The OpenFisca-France calculator behind `rules.engine.amounts.AmountProvider`.

The tax-benefit system is loaded once per process (about 3 s: call `warm_up()` at start-up).
Concurrent `compute` calls (FastAPI's thread pool) are handed to ONE worker thread, which
gathers every request waiting and computes them in one simulation per month: 500 households
cost little more than one. Answers are cached (LRU) per household, month and request. Beyond
`MONEY_TIMEOUT_SECONDS` (3 s by default), on any exception, or without OpenFisca, an answer is
`valeur=None` with a French `erreur`: `compute` never raises.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import queue
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from typing import Any

from rules.engine.amounts import AmountAnswer, AmountRequest
from rules.money import core_speedups, lazy
from rules.money.household import Household, household_of, month_of
from rules.money.simulation import Batch, period_of

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 3.0
WARM_UP_TIMEOUT_SECONDS = 120.0
GATHER_SECONDS = 0.050  # at most this long spent gathering a batch…
GATHER_GAP_SECONDS = 0.010  # …while requests keep arriving at least this often
GATHER_EXPECTED = True  # …or while the callers just answered are coming back
CACHE_SIZE = 20_000
# Variables defined monthly whose value is already a yearly amount (« Montant annuel de la
# bourse de … »): computed on the month asked even when the request says « annee ».
YEARLY_AMOUNT_ON_A_MONTH = frozenset({"bourse_college", "bourse_lycee"})

TROP_LONG = "Le calcul de ce montant a pris trop de temps : il reste à vérifier."
ECHEC = "Le calcul de ce montant n'a pas pu être fait : il reste à vérifier."
SANS_LOYER = "Sans le montant de votre loyer, l'aide au logement reste à vérifier."
RENT_VARIABLES = frozenset({"aide_logement", "apl", "als", "alf", "aide_logement_montant",
                            "reduction_loyer_solidarite"})
SANS_OPENFISCA = ("Le simulateur OpenFisca-France n'est pas disponible : ce montant reste "
                  "à vérifier.")


def inconnue(variable: str) -> str:
    return f"Le simulateur ne connaît pas « {variable} » : ce montant reste à vérifier."


# Variables always 0 for the households we build: OpenFisca would compute them month after
# month, through their own bases of resources, to find 0 (a neutralised variable is its default
# value, at no cost). Each is either exact for our inputs, or one of the stated hypotheses.
NEUTRALISED: tuple[str, ...] = (
    # needs a precondition of past work OpenFisca does not know (False by default)
    "ass",
    # needs an invalidity pension (we set none) or a retired person with a disability under
    # the ASPA age: « Nous n'avons pas calculé l'ASI »
    "asi",
    # no savings, no property, no capital income, no self-employment (hypotheses)
    "rsa_base_ressources_patrimoine_individu",
    "aide_logement_base_ressources_patrimoine",
    "revenus_capital",
    "revenus_locatifs",
    "revenus_capitaux_prelevement_bareme",
    "revenus_capitaux_prelevement_liberatoire",
    "revenus_capitaux_prelevement_forfaitaire_unique_ir",
    "rpns_imposables",
    "rpns_auto_entrepreneur_benefice",
    # no work-accident pension (no input would make it positive)
    "rente_accident_travail",
    # housing aid for home buyers and residences: we never set those occupancy statuses
    "aides_logement_accedant_et_foyer",
    "aides_logement_plafond_mensualite",
    # higher-education grant: its amount depends on the parents' income we do not ask
    # (hypothesis, said to students)
    "bourse_criteres_sociaux",
)

_system: Any = None
_system_lock = threading.Lock()


def openfisca_available() -> bool:
    return (importlib.util.find_spec("openfisca_france") is not None
            and importlib.util.find_spec("openfisca_core") is not None)


def tax_benefit_system() -> Any:
    """OpenFisca-France's tax-benefit system, loaded once per process (thread-safe), with the
    variables our households cannot have neutralised (see `NEUTRALISED`) and a few formulas
    made lazy (`rules.money.lazy`: same answers, less work); OpenFisca's period arithmetic
    memoised (`rules.money.core_speedups`)."""
    global _system
    if _system is None:
        with _system_lock:
            if _system is None:
                from openfisca_france import FranceTaxBenefitSystem

                system = FranceTaxBenefitSystem()
                for name in NEUTRALISED:
                    system.neutralize_variable(name)
                lazy.install(system)
                core_speedups.install()
                _system = system
    return _system


def timeout_seconds() -> float:
    try:
        return float(os.environ.get("MONEY_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS


@dataclass(slots=True)
class _Job:
    household: Household
    month: dt.date
    requests: tuple[AmountRequest, ...]
    future: Future[dict[AmountRequest, float | str]] = field(default_factory=Future)


class OpenFiscaProvider:
    """An `AmountProvider` computing with OpenFisca-France, in batches, with a cache."""

    def __init__(self, *, timeout: float | None = None, cache_size: int = CACHE_SIZE) -> None:
        self._timeout = timeout
        self._cache: OrderedDict[tuple[Household, dt.date, AmountRequest], AmountAnswer] = (
            OrderedDict())
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()
        self.simulations = 0  # how many simulations were run (batching is measured by it)

    # The engine's protocol ---------------------------------------------------------------

    def compute(self, requests: Sequence[AmountRequest], facts: Mapping[str, Any],
                on: dt.date) -> dict[AmountRequest, AmountAnswer]:
        try:
            asked = [r for r in requests if r.variable not in COMBINED]
            asked += [part for r in requests if r.variable in COMBINED
                      for part in COMBINED[r.variable][0]]
            answers = self._compute(asked, facts, on)
            for r in requests:
                if r.variable in COMBINED:
                    parts, combine = COMBINED[r.variable]
                    answers[r] = combine(*(answers[part] for part in parts))
            return answers
        except Exception:  # never raise: the engine says « à vérifier »
            log.exception("montants : échec du calcul")
            return {r: AmountAnswer(valeur=None, erreur=ECHEC) for r in requests}

    def warm_up(self) -> None:
        """Load OpenFisca-France and run one small simulation (compiles the formulas' paths):
        households of every shape together, so that each lazy formula (`rules.money.lazy`)
        runs its original too, then one alone through the worker."""
        if not openfisca_available():
            return
        tax_benefit_system()
        month = month_of(dt.date.today())
        simulate([household_of(f) for f in WARM_UP_FACTS], month, CATALOGUE_REQUESTS)
        # not bounded by the timeout: a cold start may be slow
        self._run(household_of(WARM_UP_FACTS[0]), month, CATALOGUE_REQUESTS,
                  timeout=WARM_UP_TIMEOUT_SECONDS)

    # Inside ------------------------------------------------------------------------------

    def _compute(self, requests: Sequence[AmountRequest], facts: Mapping[str, Any],
                 on: dt.date) -> dict[AmountRequest, AmountAnswer]:
        if not requests:
            return {}
        if not openfisca_available():
            return {r: AmountAnswer(valeur=None, erreur=SANS_OPENFISCA) for r in requests}
        household = household_of(facts)
        month = month_of(on)
        answers: dict[AmountRequest, AmountAnswer] = {}
        with self._cache_lock:
            for r in requests:
                cached = self._cache.get((household, month, r))
                if cached is not None:
                    self._cache.move_to_end((household, month, r))
                    answers[r] = cached
        missing = tuple(r for r in dict.fromkeys(requests) if r not in answers)
        if missing:
            answers.update(self._run(household, month, missing))
        return answers

    def _run(self, household: Household, month: dt.date, requests: tuple[AmountRequest, ...],
             timeout: float | None = None) -> dict[AmountRequest, AmountAnswer]:
        job = _Job(household, month, requests)
        self._ensure_worker()
        self._jobs.put(job)
        if timeout is None:
            timeout = self._timeout if self._timeout is not None else timeout_seconds()
        try:
            values = job.future.result(timeout=timeout)
        except FutureTimeout:
            return {r: AmountAnswer(valeur=None, erreur=TROP_LONG) for r in requests}
        except Exception:
            log.exception("montants : échec de la simulation")
            return {r: AmountAnswer(valeur=None, erreur=ECHEC) for r in requests}
        answers = {r: self._answer(household, month,
                                   SANS_LOYER if household.loyer_inconnu
                                   and r.variable in RENT_VARIABLES else values[r])
                   for r in requests}
        with self._cache_lock:
            for r, answer in answers.items():
                if answer.valeur is not None:
                    self._cache[(household, month, r)] = answer
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return answers

    @staticmethod
    def _answer(household: Household, month: dt.date, value: float | str) -> AmountAnswer:
        if isinstance(value, str):
            return AmountAnswer(valeur=None, erreur=value, parametres_du=month)
        detail: dict[str, Any] = {"personnes": household.personnes,
                                  "ressources": round(household.ressources, 2)}
        if household.statut_occupation in ("locataire_vide", "locataire_hlm"):
            detail["loyer"] = household.loyer
        return AmountAnswer(valeur=value, parametres_du=month, hypotheses=household.hypotheses,
                            detail=detail)

    def _ensure_worker(self) -> None:
        with self._worker_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="openfisca-money",
                                                daemon=True)
                self._worker.start()

    def _work(self) -> None:
        expected, answered_at = 0, 0.0
        while True:
            jobs = [self._jobs.get()]
            # Gather every request waiting, and those arriving right behind them: a fuller
            # batch costs little more. The callers just answered come back within a few ms
            # (more under load: they hold the GIL in turn), so right after a batch the worker
            # waits for as many requests as it answered plus those that were waiting
            # (`expected`), up to GATHER_SECONDS; otherwise until a GATHER_GAP_SECONDS silence.
            now = time.monotonic()
            deadline = now + GATHER_SECONDS
            patient_until = answered_at + GATHER_SECONDS if GATHER_EXPECTED else 0.0
            while (left := deadline - (now := time.monotonic())) > 0:
                patient = len(jobs) < expected and now < patient_until
                wait = min(patient_until - now, left) if patient else min(GATHER_GAP_SECONDS,
                                                                           left)
                try:
                    jobs.append(self._jobs.get(timeout=wait))
                except queue.Empty:
                    if not patient:
                        break
            by_month: dict[dt.date, list[_Job]] = defaultdict(list)
            for job in jobs:
                by_month[job.month].append(job)
            for month, group in by_month.items():
                households = list(dict.fromkeys(job.household for job in group))
                wanted = list(dict.fromkeys(r for job in group for r in job.requests))
                try:
                    outcome: Any = simulate_each_on_failure(households, month, wanted)
                except Exception as error:
                    outcome = error
                self._deliver(group, households, outcome)
            expected, answered_at = len(jobs) + self._jobs.qsize(), time.monotonic()

    def _deliver(self, jobs: list[_Job], households: list[Household], outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            for job in jobs:
                if not job.future.done():
                    job.future.set_exception(outcome)
            return
        results, simulations = outcome
        self.simulations += simulations
        index = {h: i for i, h in enumerate(households)}
        for job in jobs:
            result = results[index[job.household]]
            if not job.future.done():
                job.future.set_result({r: ECHEC if result is None else result[r]
                                       for r in job.requests})


Values = dict[AmountRequest, float | str]

CSS_FREE = AmountRequest("cmu_c", "famille", "mois")
CSS_PAID = AmountRequest("css_participation_forfaitaire", "famille", "mois")


def _css(free: AmountAnswer, paid: AmountAnswer) -> AmountAnswer:
    """The complémentaire santé solidaire, one right computed by two variables: free (`cmu_c`)
    or with a monthly participation (`css_participation_forfaitaire`), or neither."""
    failed = next((a for a in (free, paid) if a.valeur is None), None)
    if failed is not None:
        return failed
    assert free.valeur is not None and paid.valeur is not None
    if free.valeur >= 0.5:
        text = "gratuite pour votre foyer"
    elif paid.valeur > 0:
        text = f"avec une participation d'environ {round(paid.valeur)} € par mois pour le foyer"
    else:
        return replace(free, valeur=0.0)
    return replace(free, valeur=1.0, detail={**free.detail, "texte": text})


# Rights the catalogue names once and OpenFisca-France computes with several variables.
COMBINED: dict[str, tuple[tuple[AmountRequest, ...], Callable[..., AmountAnswer]]] = {
    "css": ((CSS_FREE, CSS_PAID), _css),
}


# The housing aid of M reads the RSA of M-1 (CCH R822-15/R822-17, the neutralisation of an RSA
# beneficiary's resources), which reads the housing aid of M-1 (forfait logement), and so on
# back in time: OpenFisca cuts that spiral (`max_spiral_loops`) where it meets it, and purges
# what it computed inside, so its answers depend on the ORDER in which variables are computed.
# The requests of a batch came in the order of whoever asked first: one household's housing aid
# was 301 € or 389 €, its CSS with or without a participation, with other people's requests.
# Every batch now computes the catalogue's variables always all, always in that order
# (`CATALOGUE_REQUESTS`), then any other request: an answer depends on the household only.
def simulate(households: Sequence[Household], month: dt.date,
             requests: Sequence[AmountRequest]) -> list[Values]:
    """ONE simulation: each household's value of each request (€), or why there is none."""
    tbs = tax_benefit_system()
    batch = Batch(tbs, households, month)
    # always the same computations in the same order (see above)
    computed = {r: _column(tbs, batch, r, month) for r in CATALOGUE_REQUESTS}
    columns = {r: computed[r] if r in computed else _column(tbs, batch, r, month)
               for r in requests}
    return [{r: c if isinstance(c, str) else round(float(c[i]), 2) for r, c in columns.items()}
            for i in range(len(households))]


def simulate_each_on_failure(households: Sequence[Household], month: dt.date,
                             requests: Sequence[AmountRequest]
                             ) -> tuple[list[Values | None], int]:
    """`simulate`, and when it fails each household alone (one odd household must not fail
    the others); None for a household that fails alone. Also returns how many simulations."""
    try:
        return list(simulate(households, month, requests)), 1
    except Exception:
        log.exception("montants : échec d'une simulation de %d foyers", len(households))
    results: list[Values | None] = []
    for household in households if len(households) > 1 else ():
        try:
            results.append(simulate([household], month, requests)[0])
        except Exception:
            log.exception("montants : échec de la simulation d'un foyer")
            results.append(None)
    return (results or [None]), 1 + len(results)


def _column(tbs: Any, batch: Batch, request: AmountRequest, month: dt.date) -> Any:
    """Every household's value of `request`, or a French reason why there is none."""
    variable = tbs.variables.get(request.variable)
    if variable is None:
        return inconnue(request.variable)
    if variable.entity.key != request.entite:
        return inconnue(request.variable)
    monthly = variable.definition_period == "month"
    try:
        if request.periode == "annee" and monthly and request.variable not in \
                YEARLY_AMOUNT_ON_A_MONTH:
            values = batch.values(request.variable, request.entite, str(month.year), add=True)
        elif request.periode == "annee" and not monthly:
            values = batch.values(request.variable, request.entite, str(month.year))
        elif not monthly:  # a yearly variable asked for a month: its twelfth
            values = batch.values(request.variable, request.entite, period_of(month),
                                  divide=True)
        else:
            values = batch.values(request.variable, request.entite, period_of(month))
        return values.astype(float)
    except Exception:
        log.exception("montants : échec du calcul de %s", request.variable)
        return ECHEC


# Households of every shape (age, pay, incapacity, housing) for the warm-up.
WARM_UP_FACTS: tuple[dict[str, Any], ...] = (
    {"age": 62, "commune": "59350", "logement": "locataire", "loyer_mensuel": 400,
     "ressources_mensuelles_foyer": 500, "enfants_ages": (4, 12, 16), "taux_incapacite": 80},
    {"age": 22, "commune": "59512", "activite": "emploi", "logement": "locataire_social",
     "loyer_mensuel": 350, "revenus_activite_mensuels": 900, "ressources_mensuelles_foyer": 900,
     "en_couple": True, "conjoint_age": 24, "conjoint_activite": "sans_emploi",
     "conjoint_revenus_mensuels": 300, "enfants_ages": (1,), "taux_incapacite": 0},
    {"age": 45, "commune": "59599", "activite": "sans_emploi", "logement": "heberge",
     "ressources_mensuelles_foyer": 0, "taux_incapacite": 60},
    {"age": 70, "commune": "59009", "activite": "retraite", "logement": "proprietaire",
     "ressources_mensuelles_foyer": 900, "taux_incapacite": 0},
)

# What the catalogue asks (see the report of rules/money): the warm-up computes them all once.
CATALOGUE_REQUESTS: tuple[AmountRequest, ...] = (
    AmountRequest("rsa", "famille"),
    AmountRequest("ppa", "famille"),
    AmountRequest("aide_logement", "famille"),
    AmountRequest("reduction_loyer_solidarite", "famille"),
    AmountRequest("af", "famille"),
    AmountRequest("cf", "famille"),
    AmountRequest("asf", "famille"),
    AmountRequest("paje_base", "famille"),
    AmountRequest("ars", "famille", "annee"),
    AmountRequest("aah", "individu"),
    AmountRequest("aspa", "famille"),
    AmountRequest("cheque_energie", "menage", "annee"),
    AmountRequest("cmu_c", "famille"),
    AmountRequest("css_participation_forfaitaire", "famille"),
    AmountRequest("bourse_college", "famille", "annee"),
    AmountRequest("bourse_lycee", "famille", "annee"),
    AmountRequest("contrat_engagement_jeune", "individu"),
)
