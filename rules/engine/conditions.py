"""Three-valued (Kleene) evaluation of a scheme's conditions, and the reasons in French.

Each node answers (True | False | None, missing facts). A group is decided as soon as its known
parts decide it, so a decided answer never changes when unknown facts become known.
"""

from __future__ import annotations

import datetime as dt
import operator
import string
from collections.abc import Callable, Mapping
from typing import Any

from rules.engine.computations import DOMAINS, INPUTS, Spread, spread
from rules.engine.facts import COMMUNE_PLACEHOLDERS, DERIVED_FROM_COMMUNE
from rules.engine.schema import Computed, Condition, Scheme
from rules.writing import french

Value = bool | None
Outcome = tuple[Value, frozenset[str]]
Facts = Mapping[str, Any]
Context = dict[str, Any]

NOTHING: frozenset[str] = frozenset()
NO_CONTEXT: Context = {}  # never written to


class FactValues(dict[str, Any]):
    """The facts of one evaluation, and the outcomes of its groups once computed.

    Explaining a group asks its children's outcomes again: `outcomes` answers without
    re-evaluating. It lives beside the facts, never among them, and dies with the evaluation.
    """

    __slots__ = ("outcomes",)

    def __init__(self, facts: Mapping[str, Any]) -> None:
        super().__init__(facts)
        self.outcomes: dict[int, Outcome] = {}


Reason = dict[str, Any]  # {"texte", "resultat", "source"}: the contract's shape, built once



def fact_of(name: str) -> str | None:
    """The situation fact behind a fact or placeholder name (None for static ones)."""
    if name in COMMUNE_PLACEHOLDERS or name in DERIVED_FROM_COMMUNE:
        return "commune"
    return name if name not in ("seuil", "libelle") else None


def template_facts(*templates: str | None) -> set[str]:
    found = set()
    for template in templates:
        for _, field, _, _ in string.Formatter().parse(template or ""):
            if field and (fact := fact_of(field)):
                found.add(fact)
    return found


def reason(texte: str, resultat: Value, source: str | None) -> Reason:
    return {"texte": texte, "resultat": resultat, "source": source}


class Node:
    """A compiled condition. `depends_on` lists every fact its outcome and reasons read."""

    si_vrai: str | None = None
    si_faux: str | None = None
    si_inconnu: str | None = None
    libelle: str | None = None
    source: str | None = None

    def eval(self, facts: Facts) -> Outcome:
        raise NotImplementedError

    def own_facts(self) -> set[str]:
        """Facts read by this node itself (not its children), templates included."""
        return template_facts(self.si_vrai, self.si_faux, self.si_inconnu)

    def depends_on(self) -> set[str]:
        return self.own_facts()

    def context(self, facts: Facts) -> Context:
        return NO_CONTEXT

    def own_reason(self, value: Value, facts: Facts, ctx: Context) -> Reason:
        template = self.si_vrai if value is True else self.si_faux if value is False else None
        template = template or self.si_inconnu
        if template is None:
            template = f"À préciser : {self.libelle}." if self.libelle else "À préciser."
        extra = self.context(facts)
        local = french.TemplateContext(ctx, **extra) if extra else ctx
        return reason(french.fill(template, local), value, self.source)

    def explain(self, facts: Facts, ctx: Context, outcome: Outcome | None = None) -> list[Reason]:
        """The reasons, in French; `outcome` is this node's, when the caller already has it."""
        value = (outcome or self.eval(facts))[0]
        return [self.own_reason(value, facts, ctx)]


_COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "min": operator.ge,
    "max": operator.le,
    "sup": operator.gt,
    "inf": operator.lt,
}


class Leaf(Node):
    __slots__ = ("checks", "computed", "equal", "fact", "libelle", "members", "scheme",
                 "si_faux", "si_inconnu", "si_vrai", "source")

    def __init__(self, cond: Condition, scheme: Scheme) -> None:
        self.fact = cond.fait
        self.scheme = scheme
        self.libelle, self.source = cond.libelle, cond.source
        self.si_vrai, self.si_faux, self.si_inconnu = cond.si_vrai, cond.si_faux, cond.si_inconnu
        self.equal = cond.egal
        self.members = frozenset(cond.parmi) if cond.parmi is not None else None
        self.checks: list[tuple[Callable[[Any, Any], bool], float | None]] = []
        self.computed: list[tuple[str, str]] = []  # (comparison, computation)
        for key, compare in _COMPARATORS.items():
            bound = getattr(cond, key)
            if isinstance(bound, Computed):
                if bound.calcul not in DOMAINS:
                    raise ValueError(f"calcul inconnu : « {bound.calcul} »")
                self.computed.append((key, bound.calcul))
            elif bound is not None:
                self.checks.append((compare, float(bound)))

    def own_facts(self) -> set[str]:
        found = super().own_facts() | {fact_of(self.fact) or self.fact}
        for _, name in self.computed:
            found |= INPUTS[name]
        return found

    def _spreads(self, facts: Facts) -> list[Spread | None]:
        on: dt.date = facts["date_evaluation"]
        return [spread(name, facts, self.scheme, on) for _, name in self.computed]

    def _against_thresholds(self, value: Any, facts: Facts) -> Outcome:
        """Decided when every threshold the unknown facts allow decides it the same way."""
        needed, unknown = NOTHING, False
        for (key, _), bounds in zip(self.computed, self._spreads(facts), strict=True):
            if bounds is None:  # no amount at that date: nothing to ask can decide it
                unknown = True
                continue
            compare = _COMPARATORS[key]
            outcomes = {compare(value, v) for _, v in bounds.values}
            if outcomes == {False}:
                return False, NOTHING
            if outcomes != {True}:
                unknown = True
                needed |= bounds.changing(lambda v, c=compare: c(value, v))
        return (None, needed) if unknown else (True, NOTHING)

    def eval(self, facts: Facts) -> Outcome:
        value = facts.get(self.fact)
        if value is None:
            needed = frozenset((self.fact,))
            for bounds in self._spreads(facts) if self.computed else ():
                if bounds is not None:
                    needed |= bounds.changing(lambda v: v)
            return None, needed
        if self.equal is not None and value != self.equal:
            return False, NOTHING
        if self.members is not None and value not in self.members:
            return False, NOTHING
        for compare, bound in self.checks:
            if not compare(value, bound):
                return False, NOTHING
        if self.computed:
            return self._against_thresholds(value, facts)
        return True, NOTHING

    def explain(self, facts: Facts, ctx: Context, outcome: Outcome | None = None) -> list[Reason]:
        value, missing = outcome or self.eval(facts)
        if value is None and not missing:  # the reference amount is not known at that date
            return [reason(
                f"Nous ne connaissons pas le montant de référence à cette date : impossible "
                f"de vérifier la condition « {self.libelle} ».", None, self.source)]
        return [self.own_reason(value, facts, ctx)]

    def context(self, facts: Facts) -> Context:
        if not self.computed:
            return NO_CONTEXT
        key, _ = self.computed[0]
        bounds = self._spreads(facts)[0]
        return {"seuil": _threshold_text(bounds, key, self.eval(facts)[0])}


def _threshold_text(bounds: Spread | None, key: str, value: Value) -> str:
    """« 651,69 € », or, while facts are unknown, the end of the range that decided it
    (« au moins 651,69 € » when under every possible threshold)."""
    if bounds is None:
        return "?"
    low, high = french.euros(bounds.low), french.euros(bounds.high)
    if low == high:
        return low
    if value is None:
        return f"entre {low} et {high}"
    at_least = (key in ("max", "inf")) == value  # under all of them, or over all of them
    return f"au moins {low}" if at_least else f"au plus {high}"


class Group(Node):
    __slots__ = ("children", "libelle", "si_faux", "si_inconnu", "si_vrai", "source")

    # The child value that decides the group: False for « tous », True for « un_parmi ».
    decisive: bool

    def __init__(self, children: list[Node], cond: Condition | None = None) -> None:
        self.children = children
        self.libelle = self.source = self.si_vrai = self.si_faux = self.si_inconnu = None
        if cond is not None:
            self.libelle, self.source = cond.libelle, cond.source
            self.si_vrai, self.si_faux, self.si_inconnu = (
                cond.si_vrai, cond.si_faux, cond.si_inconnu
            )

    def eval(self, facts: Facts) -> Outcome:
        outcomes = getattr(facts, "outcomes", None)
        if outcomes is None:
            return self._eval(facts)
        found = outcomes.get(id(self))
        if found is None:
            found = outcomes[id(self)] = self._eval(facts)
        return found

    def depends_on(self) -> set[str]:
        found = self.own_facts()
        for child in self.children:
            found |= child.depends_on()
        return found

    def _eval(self, facts: Facts) -> Outcome:
        missing = NOTHING
        unknown = False
        for child in self.children:
            value, needed = child.eval(facts)
            if value is self.decisive:
                return self.decisive, NOTHING
            if value is None:
                unknown = True
                missing |= needed
        if unknown:
            return None, missing
        return (not self.decisive), NOTHING

    def explain(self, facts: Facts, ctx: Context, outcome: Outcome | None = None) -> list[Reason]:
        value = (outcome or self.eval(facts))[0]
        if self.si_vrai is not None and value is not None:
            return [self.own_reason(value, facts, ctx)]
        reasons: list[Reason] = []
        for child in self.children:
            child_outcome = child.eval(facts)
            # When decided, only the children that decided it explain it.
            if value is not None and child_outcome[0] is not value:
                continue
            reasons.extend(child.explain(facts, ctx, child_outcome))
        if value is None and self.si_inconnu:
            return [self.own_reason(None, facts, ctx)]
        return reasons


class AllOf(Group):
    __slots__ = ()
    decisive = False


class AnyOf(Group):
    __slots__ = ()
    decisive = True


class Not(Node):
    __slots__ = ("child", "libelle", "si_faux", "si_inconnu", "si_vrai", "source")

    def __init__(self, child: Node, cond: Condition) -> None:
        self.child = child
        self.libelle, self.source = cond.libelle, cond.source
        self.si_vrai, self.si_faux, self.si_inconnu = cond.si_vrai, cond.si_faux, cond.si_inconnu

    def depends_on(self) -> set[str]:
        return self.own_facts() | self.child.depends_on()

    def eval(self, facts: Facts) -> Outcome:
        value, missing = self.child.eval(facts)
        return (None if value is None else not value), missing

    def explain(self, facts: Facts, ctx: Context, outcome: Outcome | None = None) -> list[Reason]:
        """Its own texts when it has them; else the child's, which say what the fact is.

        A child's reason counts for the exclusion the other way round (« Vous n'êtes pas
        étudiant(e) » is false for « être étudiant(e) », true for « ne pas l'être »). Unknown,
        its `libelle` (« ne pas être étudiant(e) ») says what is asked better than the child's.
        """
        value = (outcome or self.eval(facts))[0]
        if self.si_vrai is not None or (value is None and (self.si_inconnu or self.libelle)):
            return [self.own_reason(value, facts, ctx)]
        return [{**r, "resultat": None if r["resultat"] is None else not r["resultat"]}
                for r in self.child.explain(facts, ctx)]


def threshold_inputs(node: Node) -> dict[str, set[str]]:
    """For each input of a computed threshold, the facts compared to it (« en_couple » →
    « ressources_mensuelles_foyer »): knowing the compared value first often makes the inputs
    useless (500 € is under the RSA amount of any household)."""
    found: dict[str, set[str]] = {}
    if isinstance(node, Leaf):
        for _, name in node.computed:
            for fact in INPUTS[name]:
                found.setdefault(fact, set()).add(node.fact)
    for child in getattr(node, "children", None) or ([node.child] if isinstance(node, Not)
                                                      else []):
        for fact, compared in threshold_inputs(child).items():
            found.setdefault(fact, set()).update(compared)
    return found


def compile_condition(cond: Condition, scheme: Scheme) -> Node:
    if cond.fait is not None:
        return Leaf(cond, scheme)
    if cond.non is not None:
        return Not(compile_condition(cond.non, scheme), cond)
    if cond.tous is not None:
        return AllOf([compile_condition(c, scheme) for c in cond.tous], cond)
    assert cond.un_parmi is not None
    return AnyOf([compile_condition(c, scheme) for c in cond.un_parmi], cond)
