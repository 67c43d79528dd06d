"""Children and their ages: « 2 enfants dont un bébé de 18 mois », « jumeaux de 1 an »."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rules.language.clauses import is_negated, preceded_by
from rules.language.dates import months_between, parse_date_at
from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import PUNCT
from rules.language.units import ATTACHED_UNITS, DURATION_UNITS, HALF
from rules.language.yes_no import parse_yes_no

_CHILD_NOUNS_SINGULAR = frozenset(
    {"enfant", "gosse", "gamin", "gamine", "mome", "fille", "garcon", "bebe", "nourrisson",
     "fils", "loulou", "marmot", "minot", "ado", "adolescent", "adolescente", "petit",
     "petite", "ptit", "ptite", "grand", "grande"}
)  # fmt: skip
_CHILD_NOUNS_PLURAL = frozenset(
    {"enfants", "gosses", "gamins", "gamines", "momes", "filles", "garcons", "bebes",
     "nourrissons", "loulous", "marmots", "minots", "ados", "adolescents", "adolescentes",
     "petits", "petites", "ptits", "ptites", "grands", "grandes", "jumeaux", "jumelles",
     "triples", "triplees"}
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
        {
            "",
            "de",
            "d",
            "qui",
            "et",
            "dont",
            "a",
            "ont",
            "age",
            "agee",
            "ages",
            "agees",
            "ne",
            "nee",
            "nes",
            "nees",
            ":",
            "(",
            "aussi",
            "en",
            "avec",
        }
    )
    | PUNCT
)


@dataclass(slots=True)
class _Group:
    count: int | None
    under3: int | None
    subset: bool
    start: int
    end: int


def _child_ages(tx: Text, j: int, today: date | None) -> tuple[list[float] | str | None, int]:
    """Ages after a child noun: « de 4 et 7 ans » → [4, 7]; « de 18 mois » → [1.5];
    « de moins de 3 ans » → "under"; « de plus de 3 ans » → "over"; None when nothing."""
    w = tx.word
    k = j
    skipped = 0
    while w(k) in {"de", "d", "qui", "ont", "a", "age", "agee", "ages", "agees", "(", ":",
                   "respectivement", "charge", "ans"} and skipped < 4:  # fmt: skip
        if w(k) == "ans":
            return None, j
        k += 1
        skipped += 1
    if w(k) in {"moins", "-", "<"} or w(k) in {"plus", ">", "+"}:
        under = w(k) in {"moins", "-", "<"}
        m = k + 1
        while w(m) in {"de", "d"}:
            m += 1
        nums = tx.by_start
        num = nums.get(m)
        if num is not None:
            unit = DURATION_UNITS.get(w(num.end)) or (
                12.0 if w(num.end) == "a" and tx.attached(num.end) else None
            )
            if unit is not None:
                years = num.value * unit / 12
                if under and years <= 3:
                    return "under", num.end + 1
                if not under and years >= 3:
                    return "over", num.end + 1
                return None, num.end + 1
        return None, j
    if w(k) in {"ne", "nee", "nes", "nees"} and today is not None:
        m = k + 1 if w(k + 1) in {"en", "le", "depuis", "au", "debut", "fin"} else k
        period = parse_date_at(tx, m + 1 if m > k else k + 1, today)
        if period is not None:
            oldest, youngest = (
                months_between(period.first, today),
                months_between(period.last, today),
            )
            if oldest < 36:
                return [oldest / 12], period.end
            if youngest >= 36:
                return [youngest / 12], period.end
            return None, period.end
        return None, j
    ages: list[float] = []
    pending: list[float] = []
    nums = tx.by_start
    m = k
    while m in nums:
        num = nums[m]
        pending.append(num.value)
        m = num.end
        unit_word = w(m)
        unit = DURATION_UNITS.get(unit_word)
        if unit is None and unit_word in ATTACHED_UNITS and tx.attached(m):
            unit = ATTACHED_UNITS[unit_word]
        if unit is not None:
            m += 1
            if w(m) == "et" and w(m + 1) in HALF:
                pending[-1] += 0.5
                m += 2
            elif w(m) == "1" and w(m + 1) == "/" and w(m + 2) == "2":
                pending[-1] += 0.5
                m += 3
            ages.extend(v * unit / 12 for v in pending)
            pending = []
        if w(m) in {"et", ",", "-"} and m + 1 in nums:
            m += 1
            continue
        break
    if not ages:
        return None, j
    return ages, m


def _group_at(tx: Text, k: int, today: date | None) -> _Group | None:
    """The children group whose noun is token k, or None when k is not a child noun."""
    w = tx.word
    noun = w(k)
    if noun not in CHILD_NOUNS:
        return None
    if noun in _CONDITIONAL_NOUNS and (w(k + 1) in CHILD_NOUNS or w(k + 1) not in _NOUN_FOLLOWERS):
        return None  # an adjective: « petit garçon », « un petit boulot »
    if noun in _BABIES and preceded_by(tx, k, frozenset({"attends", "attend", "attendons"})):
        return None  # pregnancy, not a child yet
    if noun in {"fille", "garcon", "fils", "petite", "petit", "grand", "grande"} and preceded_by(
        tx, k, frozenset({"suis", "etre", "es", "etais"}), span=3
    ):
        return None  # « je suis une fille de 19 ans »
    # walk back over adjectives to the number or determiner
    h = k - 1
    while h >= 0 and w(h) in _ADJECTIVES and h > k - 3:
        h -= 1
    if w(h) in _ORDINAL_SUFFIX and tx.attached(h):
        return None  # « mon 2e enfant »
    count: int | None = None
    start = k
    num = tx.by_end.get(h + 1)
    if num is not None and num.value.is_integer():
        count = int(num.value)
        start = num.start
    elif noun in _MULTIPLES:
        count = _MULTIPLES[noun]
    elif w(h) in {"mon", "ma", "son", "sa", "ton", "ta", "le", "la", "l"}:
        count = 1
        start = h
    elif (noun in _CHILD_NOUNS_SINGULAR and noun != "fils") or (
        noun == "fils" and w(h) not in {"mes", "des", "les", "nos", "ses", "mais"}
    ):
        count = 1
    before = "dont" if "dont" in {w(start - 1), w(start - 2)} else w(start - 1)
    subset = (
        before == "dont"
        or w(start) in {"le", "la", "l"}
        or before in {"le", "la", "l"}
        or (before == "plus" and w(start - 2) in {"le", "la", "l"})
    )
    if w(k - 1) == "plus" and w(k - 2) in {"le", "la", "l"}:
        subset, count = True, 1
    if count and is_negated(tx, start, before=3, after=0):
        count = 0
    if count is None and is_negated(tx, k, before=3, after=0):
        count = 0
    ages, end = _child_ages(tx, k + 1, today)
    if ages is None and count is None:
        # « enfants : 2 », « enfants à charge 3 »
        m = k + 1
        while w(m) in {":", "a", "charge", "="}:
            m += 1
        nums = tx.by_start
        if m in nums and w(nums[m].end) not in DURATION_UNITS and nums[m].value.is_integer():
            count = int(nums[m].value)
            end = nums[m].end
    if count == 0:
        if ages == "under":  # « pas d'enfant de moins de 3 ans »: how many in all is unknown
            return _Group(None, 0, subset, start, end)
        return _Group(0, 0, subset, start, end)
    under3: int | None = None
    if ages == "under":
        under3 = count
    elif ages == "over":
        under3 = 0
    elif isinstance(ages, list):
        if count is None:
            count = len(ages)
        if len(ages) == 1 and count > 1:
            under3 = count if ages[0] < 3 else 0
        elif len(ages) >= count:
            under3 = sum(1 for a in ages if a < 3)
        else:
            under3 = sum(1 for a in ages if a < 3) if subset else None
    elif noun in _BABIES:
        under3 = count
    elif noun in _OLDER:
        under3 = 0
    return _Group(count, under3, subset, start, max(end, k + 1))


def _bare_subset(tx: Text, m: int, today: date | None) -> _Group | None:
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
    return _Group(count, min(under, count), True, m, end)


def child_groups(tx: Text, today: date | None) -> list[_Group]:
    """Every group of children named in the text (« 2 enfants », « dont un bébé »…)."""
    groups: list[_Group] = []
    k = 0
    while k < len(tx.words):
        if tx.word(k) == "dont":
            subset = _bare_subset(tx, k + 1, today)
            if subset is not None:
                groups.append(subset)
                k = subset.end
                continue
        group = _group_at(tx, k, today)
        if group is None:
            k += 1
            continue
        groups.append(group)
        k = group.end
    return groups


def combine_groups(groups: list[_Group]) -> tuple[int | None, int | None]:
    main = [g for g in groups if not g.subset]
    subsets = [g for g in groups if g.subset]
    total: int | None = None
    if main and all(g.count is not None for g in main):
        total = sum(g.count or 0 for g in main)
    under: int | None
    if main and all(g.under3 is not None for g in main):
        under = sum(g.under3 or 0 for g in main)
    elif subsets and any(g.under3 is not None for g in subsets):
        under = sum(g.under3 or 0 for g in subsets) + sum(g.under3 or 0 for g in main)
    else:
        under = None
    if total is not None and under is not None and under > total:
        under = total
    return total, under


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
        total, under = combine_groups(groups)
        if total is None and not [g for g in groups if not g.subset]:
            used = {i for g in groups for i in range(g.start, g.end)}
            for num in tx.numbers():
                if num.start not in used and num.value.is_integer():
                    total = int(num.value)
                    break
        if total is not None and under is not None and under > total:
            under = total
        return total, under
    for num in tx.numbers():
        after = tx.word(num.end)
        if after not in PUNCT | {"", "seul", "seule", "seulement", "a", "en", "et", "au", "total"}:
            continue
        if not num.value.is_integer() or num.value < 0:
            continue
        value = int(num.value)
        return value, (0 if value == 0 else None)
    answer = parse_yes_no(text)
    if answer is False or tx.joined in {"personne", "nul", "aucun", "aucune"}:
        return 0, 0
    return None, None
