"""Children and their ages: « 2 enfants dont un bébé de 18 mois », « jumeaux de 1 an »."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rules.language.clauses import is_negated, preceded_by
from rules.language.dates import months_between, parse_date_at
from rules.language.dont_know import is_dont_know
from rules.language.numbers import Num, find_numbers
from rules.language.text import Text
from rules.language.tokens import PUNCT
from rules.language.units import DURATION_UNITS, duration_unit_at, half_at
from rules.language.yes_no import parse_yes_no

_CHILD_NOUNS_SINGULAR = frozenset(
    {"enfant", "gosse", "gamin", "gamine", "mome", "fille", "garcon", "bebe", "nourrisson",
     "fils", "loulou", "marmot", "minot", "ado", "adolescent", "adolescente", "petit",
     "petite", "ptit", "ptite", "grand", "grande", "quinquin"}
)  # fmt: skip
_CHILD_NOUNS_PLURAL = frozenset(
    {"enfants", "gosses", "gamins", "gamines", "momes", "filles", "garcons", "bebes",
     "nourrissons", "loulous", "marmots", "minots", "ados", "adolescents", "adolescentes",
     "petits", "petites", "ptits", "ptites", "grands", "grandes", "jumeaux", "jumelles",
     "triples", "triplees", "quinquins"}
)  # fmt: skip
CHILD_NOUNS = _CHILD_NOUNS_SINGULAR | _CHILD_NOUNS_PLURAL
_CONDITIONAL_NOUNS = frozenset(
    {"petit", "petite", "petits", "petites", "ptit", "ptite", "ptits", "ptites", "grand",
     "grande", "grands", "grandes"}
)  # fmt: skip
_BABIES = frozenset({"bebe", "bebes", "nourrisson", "nourrissons"})
_OLDER = frozenset(
    {"ado", "ados", "adolescent", "adolescente", "adolescents", "adolescentes", "grand",
     "grande", "grands", "grandes"}
)  # fmt: skip
_MULTIPLES = {"jumeaux": 2, "jumelles": 2, "triples": 3, "triplees": 3}
_ADJECTIVES = frozenset(
    {"petit", "petite", "petits", "petites", "ptit", "ptite", "ptits", "ptites", "grand",
     "grande", "grands", "grandes", "jeune", "jeunes", "autre", "autres", "beaux", "belles",
     "-", "seul", "seule", "deja"}
)  # fmt: skip
_ORDINAL_SUFFIX = frozenset({"e", "eme", "er", "ere", "ieme", "nd", "nde", "em"})
_NOUN_FOLLOWERS = (
    frozenset(
        {"", "de", "d", "qui", "et", "dont", "a", "ont", "age", "agee", "ages", "agees", "ne",
         "nee", "nes", "nees", ":", "(", "aussi", "en", "avec"}
    )
    | PUNCT
)  # fmt: skip
_AGE_FILLERS = frozenset(
    {"de", "d", "qui", "ont", "a", "age", "agee", "ages", "agees", "(", ":", "respectivement",
     "charge", "ans"}
)  # fmt: skip
_UNDER = frozenset({"moins", "-", "<"})
_OVER = frozenset({"plus", ">", "+"})
_BORN = frozenset({"ne", "nee", "nes", "nees"})
_EXPECTING = frozenset({"attends", "attend", "attendons"})
_SINGLE_DETERMINERS = frozenset({"mon", "ma", "son", "sa", "ton", "ta", "le", "la", "l"})
_PLURAL_DETERMINERS = frozenset({"mes", "des", "les", "nos", "ses", "mais"})
_DEFINITE = frozenset({"le", "la", "l"})


@dataclass(slots=True)
class Group:
    count: int | None
    under3: int | None
    subset: bool
    start: int
    end: int


ChildAges = list[float] | Literal["under", "over"] | None  # years; or only « under / over 3 »
# (text, index after the fillers, index after the noun, today) → (ages, end), or None when
# the words there are not this recogniser's shape.
AgeRecogniser = Callable[[Text, int, int, date | None], tuple[ChildAges, int] | None]


def age_bound(tx: Text, k: int, j: int, today: date | None) -> tuple[ChildAges, int] | None:
    """« de moins de 3 ans » → "under", « de plus de 3 ans » → "over"."""
    w = tx.word
    if w(k) not in _UNDER and w(k) not in _OVER:
        return None
    m = k + 1
    while w(m) in {"de", "d"}:
        m += 1
    num = tx.by_start.get(m)
    if num is None:
        return None, j
    unit = DURATION_UNITS.get(w(num.end)) or (
        12.0 if w(num.end) == "a" and tx.attached(num.end) else None
    )
    if unit is None:
        return None, j
    years = num.value * unit / 12
    if w(k) in _UNDER and years <= 3:
        return "under", num.end + 1
    if w(k) in _OVER and years >= 3:
        return "over", num.end + 1
    return None, num.end + 1


def age_at_birth(tx: Text, k: int, j: int, today: date | None) -> tuple[ChildAges, int] | None:
    """« né en mars 2025 », « née le 12/01/2020 »: the age today, when it is clear whether
    it is under 3 (a period straddling the third birthday gives no age)."""
    if tx.word(k) not in _BORN or today is None:
        return None
    start = k + 2 if tx.word(k + 1) in {"en", "le", "depuis", "au", "debut", "fin"} else k + 1
    period = parse_date_at(tx, start, today)
    if period is None:
        return None, j
    oldest = months_between(period.first, today)
    youngest = months_between(period.last, today)
    if oldest < 36:
        return [oldest / 12], period.end
    if youngest >= 36:
        return [youngest / 12], period.end
    return None, period.end


def age_list(tx: Text, k: int, j: int, today: date | None) -> tuple[ChildAges, int] | None:
    """« de 4 et 7 ans » → [4, 7], « de 18 mois » → [1.5], « de 2 ans et demi » → [2.5]."""
    ages: list[float] = []
    pending: list[float] = []  # numbers waiting for their unit (« 4 et 7 ans »)
    nums = tx.by_start
    m = k
    while m in nums:
        num = nums[m]
        pending.append(num.value)
        m = num.end
        unit = duration_unit_at(tx, m)
        if unit is not None:
            m += 1
            half = half_at(tx, m)
            if half:
                pending[-1] += 0.5
                m += half
            ages.extend(v * unit / 12 for v in pending)
            pending = []
        if tx.word(m) in {"et", ",", "-"} and m + 1 in nums:
            m += 1
            continue
        break
    return (ages, m) if ages else (None, j)


# Tried in this order on the words after a child noun; the first whose shape is there decides.
AGE_RECOGNISERS: tuple[AgeRecogniser, ...] = (age_bound, age_at_birth, age_list)


def _child_ages(tx: Text, j: int, today: date | None) -> tuple[ChildAges, int]:
    """Ages after a child noun: « de 4 et 7 ans » → [4, 7]; « de 18 mois » → [1.5];
    « de moins de 3 ans » → "under"; « de plus de 3 ans » → "over"; None when nothing."""
    k = j
    while tx.word(k) in _AGE_FILLERS and k < j + 4:
        if tx.word(k) == "ans":
            return None, j
        k += 1
    for recognise in AGE_RECOGNISERS:
        found = recognise(tx, k, j, today)
        if found is not None:
            return found
    return None, j


# --------------------------------------------------------------------------------------------
# One group of children: « 2 enfants », « un bébé de 18 mois », « dont deux de moins de 3 ans »


def _adjective(tx: Text, k: int) -> bool:
    """« petit garçon », « un petit boulot »: petit / grand is an adjective there."""
    following = tx.word(k + 1)
    return tx.word(k) in _CONDITIONAL_NOUNS and (
        following in CHILD_NOUNS or following not in _NOUN_FOLLOWERS
    )


def _expected_baby(tx: Text, k: int) -> bool:
    """« j'attends un bébé »: a pregnancy, not a child yet."""
    return tx.word(k) in _BABIES and preceded_by(tx, k, _EXPECTING)


def _describes_the_person(tx: Text, k: int) -> bool:
    """« je suis une fille de 19 ans »."""
    return tx.word(k) in {"fille", "garcon", "fils", "petite", "petit", "grand", "grande"} and (
        preceded_by(tx, k, frozenset({"suis", "etre", "es", "etais"}), span=3)
    )


_NOT_A_CHILD: tuple[Callable[[Text, int], bool], ...] = (
    _adjective,
    _expected_baby,
    _describes_the_person,
)

# (text, noun index, index of the word before the noun and its adjectives) → (count, index
# where the group starts), or None when this is not how the count is given.
CountRecogniser = Callable[[Text, int, int], tuple[int, int] | None]


def count_number(tx: Text, k: int, h: int) -> tuple[int, int] | None:
    """« 2 enfants », « trois petites filles »."""
    num = tx.by_end.get(h + 1)
    if num is not None and num.value.is_integer():
        return int(num.value), num.start
    return None


def count_multiple(tx: Text, k: int, h: int) -> tuple[int, int] | None:
    """« jumeaux » (2), « triplées » (3)."""
    count = _MULTIPLES.get(tx.word(k))
    return (count, k) if count is not None else None


def count_determiner(tx: Text, k: int, h: int) -> tuple[int, int] | None:
    """« mon fils », « la petite », « l'enfant »: one."""
    return (1, h) if tx.word(h) in _SINGLE_DETERMINERS else None


def count_singular(tx: Text, k: int, h: int) -> tuple[int, int] | None:
    """A singular noun, « un enfant », « bébé »: one (« fils » only without « mes », « des »…)."""
    noun = tx.word(k)
    if noun == "fils":
        return (1, k) if tx.word(h) not in _PLURAL_DETERMINERS else None
    return (1, k) if noun in _CHILD_NOUNS_SINGULAR else None


COUNT_RECOGNISERS: tuple[CountRecogniser, ...] = (
    count_number,
    count_multiple,
    count_determiner,
    count_singular,
)


def _count_before(tx: Text, k: int) -> tuple[int | None, int] | None:
    """How many children the words before noun k say, and where the group starts; None for
    an ordinal (« mon 2e enfant » is not a count)."""
    h = k - 1
    while h >= 0 and tx.word(h) in _ADJECTIVES and h > k - 3:
        h -= 1
    if tx.word(h) in _ORDINAL_SUFFIX and tx.attached(h):
        return None
    for recognise in COUNT_RECOGNISERS:
        found = recognise(tx, k, h)
        if found is not None:
            return found
    return None, k


def _count_after(tx: Text, k: int) -> tuple[int, int] | None:
    """« enfants : 2 », « enfants à charge 3 »."""
    m = k + 1
    while tx.word(m) in {":", "a", "charge", "="}:
        m += 1
    num = tx.by_start.get(m)
    if num is None or tx.word(num.end) in DURATION_UNITS or not num.value.is_integer():
        return None
    return int(num.value), num.end


def _is_subset(tx: Text, start: int) -> bool:
    """« dont deux… », « le petit », « la plus grande »: part of children already counted."""
    w = tx.word
    before = "dont" if "dont" in {w(start - 1), w(start - 2)} else w(start - 1)
    return (
        before == "dont"
        or w(start) in _DEFINITE
        or before in _DEFINITE
        or (before == "plus" and w(start - 2) in _DEFINITE)
    )


def _under3(noun: str, count: int | None, ages: ChildAges, subset: bool) -> int | None:
    """How many of the group are under 3, when it can be told."""
    if ages == "under":
        return count
    if ages == "over":
        return 0
    if isinstance(ages, list):
        assert count is not None
        young = sum(1 for a in ages if a < 3)
        if len(ages) == 1 and count > 1:
            return count if ages[0] < 3 else 0
        return young if len(ages) >= count or subset else None
    if noun in _BABIES:
        return count
    return 0 if noun in _OLDER else None


def _group_at(tx: Text, k: int, today: date | None) -> Group | None:
    """The children group whose noun is token k, or None when k is not a child noun."""
    noun = tx.word(k)
    if noun not in CHILD_NOUNS or any(rule(tx, k) for rule in _NOT_A_CHILD):
        return None
    counted = _count_before(tx, k)
    if counted is None:
        return None
    count, start = counted
    subset = _is_subset(tx, start)
    if tx.word(k - 1) == "plus" and tx.word(k - 2) in _DEFINITE:
        subset, count = True, 1  # « le plus grand »
    if (count and is_negated(tx, start, before=3, after=0)) or (
        count is None and is_negated(tx, k, before=3, after=0)
    ):
        count = 0
    ages, end = _child_ages(tx, k + 1, today)
    if ages is None and count is None:
        count, end = _count_after(tx, k) or (None, end)
    if count == 0:
        # « pas d'enfant de moins de 3 ans »: how many in all is unknown
        return Group(None if ages == "under" else 0, 0, subset, start, end)
    if isinstance(ages, list) and count is None:
        count = len(ages)
    return Group(count, _under3(noun, count, ages, subset), subset, start, max(end, k + 1))


def _bare_subset(tx: Text, m: int, today: date | None) -> Group | None:
    """« dont un de 2 ans », « dont deux de moins de 3 ans »: a number and ages, no noun."""
    num = tx.by_start.get(m)
    if num is None or not num.value.is_integer():
        return None
    ages, end = _child_ages(tx, num.end, today)
    if ages is None:
        return None
    count = int(num.value)
    under: int
    if ages == "under":
        under = count
    elif ages == "over":
        under = 0
    else:
        assert isinstance(ages, list)
        young = sum(1 for a in ages if a < 3)
        under = count if len(ages) == 1 and ages[0] < 3 else young
    return Group(count, min(under, count), True, m, end)


def child_groups(tx: Text, today: date | None) -> list[Group]:
    """Every group of children named in the text (« 2 enfants », « dont un bébé »…)."""
    groups: list[Group] = []
    k = 0
    while k < len(tx.words):
        group = _bare_subset(tx, k + 1, today) if tx.word(k) == "dont" else None
        if group is None:
            group = _group_at(tx, k, today)
        if group is None:
            k += 1
            continue
        groups.append(group)
        k = group.end
    return groups


# --------------------------------------------------------------------------------------------
# All the groups of a message


def _total(main: list[Group]) -> int | None:
    if main and all(g.count is not None for g in main):
        return sum(g.count or 0 for g in main)
    return None


def _total_under3(main: list[Group], subsets: list[Group]) -> int | None:
    """The main groups' under-3s when all are known, else those of the « dont … » subsets."""
    if main and all(g.under3 is not None for g in main):
        return sum(g.under3 or 0 for g in main)
    if subsets and any(g.under3 is not None for g in subsets):
        return sum(g.under3 or 0 for g in subsets) + sum(g.under3 or 0 for g in main)
    return None


def _at_most(under: int | None, total: int | None) -> int | None:
    if total is not None and under is not None and under > total:
        return total
    return under


def combine_groups(groups: list[Group]) -> tuple[int | None, int | None]:
    """(children, under 3) of all the groups: subsets (« dont … ») are not counted twice."""
    main = [g for g in groups if not g.subset]
    subsets = [g for g in groups if g.subset]
    total = _total(main)
    return total, _at_most(_total_under3(main, subsets), total)


def _from_groups(tx: Text, groups: list[Group]) -> tuple[int | None, int | None]:
    total, under = combine_groups(groups)
    if total is None and all(g.subset for g in groups):
        # « 3 dont un bébé »: the number outside the groups is the total
        used = {i for g in groups for i in range(g.start, g.end)}
        total = next(
            (int(n.value) for n in tx.numbers() if n.start not in used and n.value.is_integer()),
            None,
        )
    return total, _at_most(under, total)


_AFTER_BARE_COUNT = PUNCT | {"", "seul", "seule", "seulement", "a", "en", "et", "au", "total"}


def _bare_count(tx: Text) -> tuple[int, int | None] | None:
    """« 3 », « 2 en tout », « 0 »: a number alone is the number of children."""
    for num in tx.numbers():
        if tx.word(num.end) not in _AFTER_BARE_COUNT:
            continue
        if not num.value.is_integer() or num.value < 0:
            continue
        value = int(num.value)
        return value, (0 if value == 0 else None)
    return None


def parse_children(text: str, today: date | None = None) -> tuple[int | None, int | None]:
    """(enfants_a_charge, enfants_moins_3_ans) from an answer about children.

    « 2 enfants dont un bébé de 18 mois » → (2, 1); « pas d'enfant » / « aucun » / « non » →
    (0, 0); « 3 » → (3, None); « un fils de 2 ans » → (1, 1); « deux filles de 4 et 7 ans » →
    (2, 0); « jumeaux de 1 an » → (2, 2); « un bébé et une fille de 5 ans » → (2, 1).
    A « bébé » counts as under 3. After « dont » the children named are taken to be all the
    under-3s. ``today`` lets « né en mars 2025 » be read as an age. Unknown parts are None.
    """
    if is_dont_know(text):
        return None, None
    tx = Text(text)
    groups = child_groups(tx, today)
    if groups:
        return _from_groups(tx, groups)
    bare = _bare_count(tx)
    if bare is not None:
        return bare
    if parse_yes_no(text) is False or tx.joined in {"personne", "nul", "aucun", "aucune"}:
        return 0, 0
    return None, None


def ages_in_months(text: str) -> list[float]:
    """Every « 5 ans », « 18 mois », « 2 ans et demi » of the text, in months: the ages of the
    children, in an answer about them (« non il a 5 ans », « le petit a 18 mois, la grande 6 »).
    A number after « 4 et » shares the unit that follows (« 4 et 7 ans »)."""
    return ages_from(Text(text), 0)


_DURATION_LEADS = frozenset({"depuis", "fait", "pendant", "dans"})


def ages_from(tx: Text, start: int) -> list[float]:
    """The ages (in months) said from token `start` on; « depuis 2 ans » is no age."""
    return [months for _, months in aged_numbers(tx, start)]


def _age_candidates(tx: Text, start: int) -> list[Num]:
    return [n for n in find_numbers(tx, group_thousands=False) if n.start >= start
            and tx.word(n.start - 1) not in _DURATION_LEADS
            and [tx.word(n.start - 2), tx.word(n.start - 1)] != ["y", "a"]]


def aged_numbers(tx: Text, start: int) -> list[tuple[Num, float]]:
    """The numbers that are ages, from token `start` on, each with its age in months."""
    nums = _age_candidates(tx, start)
    ages: list[tuple[Num, float]] = []
    unit_after: float | None = None
    for num in reversed(nums):  # from the end, so a list « 4 et 7 ans » gets its unit
        unit = duration_unit_at(tx, num.end)
        if unit is not None:
            months = num.value * unit + (unit / 2 if half_at(tx, num.end + 1) else 0)
            ages.append((num, months))
            unit_after = unit
        elif unit_after is not None and tx.word(num.end) in {"et", "ou"} \
                and any(n.start == num.end + 1 for n in nums):
            ages.append((num, num.value * unit_after))
        else:
            unit_after = None
    return ages[::-1]


_COUNT_FOLLOWERS = frozenset({"de", "d", "qui"})


def _is_count(tx: Text, num_start: int, num_end: int) -> bool:
    """« 2 enfants », « un de 4 ans », « deux qui ont 3 ans »: a number of children, no age."""
    following = tx.word(num_end)
    k = num_end
    while tx.word(k) in _ADJECTIVES and k < num_end + 2:
        k += 1
    if tx.word(k) in CHILD_NOUNS:
        return True
    return following in _COUNT_FOLLOWERS and (num_end + 1) in tx.by_start


def children_ages(text: str) -> list[int] | None:
    """The children's ages in whole years, one per child, in the order said; None when none
    is said.

    « 2 et 6 ans », « 2 ans et 6 ans » → [2, 6]; « le petit a 18 mois la grande 6 ans » →
    [1, 6] (months count in whole years); « 3, 7 et 12 » → [3, 7, 12] (numbers without a unit
    are years); « un de 4 ans » → [4]; « 5 » → [5]; « 2 enfants de 4 et 7 ans » → [4, 7] (the 2
    is a count). « depuis 2 ans » is no age; « 300 € » is no answer of ages (None).
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    with_unit = {num.start: months for num, months in aged_numbers(tx, 0)}
    ages: list[int] = []
    for num in _age_candidates(tx, 0):
        if num.start in with_unit:  # « deux de 3 ans », « jumeaux de 2 ans »: two children
            ages += [int(with_unit[num.start] // 12)] * _shared_by(tx, num, with_unit)
        elif _is_count(tx, num.start, num.end) or not num.value.is_integer():
            continue
        elif tx.word(num.end) in _NOT_AN_AGE_AFTER:
            return None  # « 300 € »: not an answer of ages
        else:
            ages.append(int(num.value))
    return ages or None


def _group_count(tx: Text, k: int) -> int:
    """How many children the words ending at token k count: « deux » (« deux de 3 ans »),
    « jumeaux », « 2 garçons », « trois petites filles »; 1 when it cannot be told."""
    multiple = _MULTIPLES.get(tx.word(k))
    if multiple is not None:
        return multiple
    if tx.word(k) in CHILD_NOUNS:
        k -= 1
        while tx.word(k) in _ADJECTIVES and k > 0:
            k -= 1
    num = tx.by_end.get(k + 1)
    return int(num.value) if num is not None and num.value.is_integer() else 1


def _shared_by(tx: Text, num: Num, aged: dict[int, float]) -> int:
    """How many children an age is of: several when it is the one age of a counted group
    (« deux de 3 ans », « jumeaux de 2 ans », « 2 garçons de 6 ans »), never in a list of
    ages (« deux de 3 et 5 ans »)."""
    after = num.end + (1 if duration_unit_at(tx, num.end) is not None else 0)
    if tx.word(num.start - 1) in {"et", ",", "ou"} or (
            tx.word(after) in {"et", ",", "ou"} and (after + 1) in aged):
        return 1
    k = num.start - 1
    if tx.word(k) not in {"de", "d"}:
        return 1
    return max(1, _group_count(tx, k - 1))


_NOT_AN_AGE_AFTER = frozenset({"€", "e", "euros", "euro", "%", "h", "heures", "km"})
