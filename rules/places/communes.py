"""The commune gazetteer: every commune of metropolitan France, found by code or by name.

A person may type an INSEE code (« 59512 »), a postal code (« 59100 »), a name in any spelling
(« villeneuve d ascq », « ST AMAND LES EAUX »), or a name with its département or postal code
(« Roubaix (59) », « Roubaix 59100 »). `resolve_commune` returns the one commune meant, or raises
a `CommuneError` whose French message names what was typed and whose `candidates` let the
interface offer a choice. This product serves the Nord: when a name is shared by several
communes and exactly one of them is in the Nord, that one is returned.

Data: `data/communes_fr.csv` (INSEE COG 2026 via etalab/decoupage-administratif; points are
area centroids from IGN ADMIN EXPRESS-COG 2018). See `data/SOURCES.md`.

A five-digit string can be both the INSEE code of one commune and the postal code of others
(« 59350 » is Lille's INSEE code and Saint-André-lez-Lille's postal code; « 59100 » is
Roubaix's postal code and Bousignies' INSEE code): 2,884 such codes exist, 207 of them INSEE
codes of Nord communes. Without a hint, the reading is chosen only when one is overwhelmingly
more likely (its communes are at least ten times more populous); otherwise `CommuneAmbiguous`
lists both readings. So a bare INSEE code does NOT always come back to its commune: a caller
that holds an INSEE code (e.g. one stored after a first resolution) must use `get_commune`, or
`resolve_commune(code, kind="insee")`, or the textual form « insee:59100 »; « cp:59350 »
forces the postal reading.

A few former communes of the Nord merged into a current one (Lomme, Hellemmes → Lille;
Saint-Pol-sur-Mer, Fort-Mardyck, Malo-les-Bains, Rosendaël, Petite-Synthe, Mardyck →
Dunkerque) are accepted as names of the current commune.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from rules.normalize import fold

__all__ = [
    "EARTH_RADIUS_KM",
    "MAX_QUERY_LENGTH",
    "Commune",
    "CommuneAmbiguous",
    "CommuneError",
    "CommuneNotFound",
    "all_communes",
    "get_commune",
    "haversine_km",
    "look_alikes_in_the_nord",
    "normalize_name",
    "resolve_commune",
    "search_communes",
]

DATA_FILE = Path(__file__).parent / "data" / "communes_fr.csv"
NORD = "59"
HAUTS_DE_FRANCE = "32"  # INSEE region code
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
MAX_QUERY_LENGTH = 100  # the longest commune name has 45 characters
_CODE_READING_DOMINANCE = 10  # population ratio needed to pick one reading of a shared code
_SHOWN_IN_MESSAGE = 6

CodeKind = Literal["auto", "insee", "postal", "name"]


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    nom: str
    departement: str
    departement_nom: str
    region: str
    codes_postaux: tuple[str, ...]
    population: int | None
    epci_siren: str | None
    epci_nom: str | None
    lat: float
    lon: float

    @property
    def dans_le_nord(self) -> bool:
        return self.departement == NORD

    @property
    def code_postal(self) -> str | None:
        """The first (lowest) postal code, or None."""
        return self.codes_postaux[0] if self.codes_postaux else None

    @property
    def libelle(self) -> str:
        """« Roubaix (59100) »: the name with its first postal code."""
        return f"{self.nom} ({self.code_postal})" if self.code_postal else self.nom


class CommuneError(ValueError):
    """The text does not designate exactly one commune. `message` is French, for the person."""

    def __init__(self, message: str, query: str = "", candidates: Iterable[Commune] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.query = query
        self.candidates: list[Commune] = list(candidates)


class CommuneNotFound(CommuneError):
    """No commune matches; `candidates` are suggestions (possibly none)."""


class CommuneAmbiguous(CommuneError):
    """Several communes match; `candidates` lists them, the likeliest first."""


# --------------------------------------------------------------------------------------------
# Normalisation

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ARTICLES = ("le ", "la ", "les ", "l ")


def normalize_name(text: str) -> str:
    """The project's :func:`~rules.normalize.fold`, then only letters and digits (hyphens and
    apostrophes become spaces), single spaces, « St » → « saint ».

    « Villeneuve-d'Ascq » → « villeneuve d ascq » ; « ST AMAND LES EAUX » →
    « saint amand les eaux » ; « Marcq-en-Barœul » → « marcq en baroeul ».
    """
    words = _NON_ALNUM.sub(" ", fold(text)).split()
    if "st" in words or "ste" in words or "sts" in words or "stes" in words:
        words = [_ABBREVIATIONS.get(word, word) for word in words]
    return " ".join(words)


def _compact(normalized: str) -> str:
    return normalized.replace(" ", "")


def _without_article(normalized: str) -> str | None:
    for article in _ARTICLES:
        if normalized.startswith(article) and len(normalized) > len(article):
            return normalized[len(article):]
    return None


# --------------------------------------------------------------------------------------------
# Loading


def _rank(commune: Commune) -> tuple[bool, int, str]:
    """Nord first, then the most populous, then by name."""
    return (not commune.dans_le_nord, -(commune.population or 0), commune.nom)


@dataclass(frozen=True, slots=True)
class _Table:
    """Stage 1, enough for codes: the communes and their INSEE and postal codes."""

    communes: tuple[Commune, ...]
    by_insee: dict[str, Commune]
    by_postal: dict[str, tuple[Commune, ...]]
    departements: dict[str, str]  # code → name


@dataclass(frozen=True, slots=True)
class _Names:
    """Stage 2, built on the first look-up by name: name keys, prefixes, fuzzy choices."""

    by_key: dict[str, tuple[Commune, ...]]  # compact normalised name → communes
    by_alias: dict[str, tuple[Commune, ...]]  # same without a leading article, and old names
    sorted_keys: list[str]  # compact keys, sorted, for prefix search
    sorted_key_communes: list[Commune]
    compact_names: list[str]  # parallel to `communes`, for fuzzy matching
    spaced_names: list[str]  # parallel to `communes`, for word-prefix search
    sorted_postal: list[str]
    sorted_postal_communes: list[Commune]
    departement_by_name: dict[str, str]  # compact normalised name → code
    nord: tuple[int, ...]  # indexes in `communes` of the Nord's communes, then the region's
    region: tuple[int, ...]


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def _postal_codes(text: str) -> tuple[str, ...]:
    if "|" not in text:
        return (text,) if text else ()
    return tuple(sorted(p for p in text.split("|") if p))


def _group(pairs: Iterable[tuple[str, Commune]]) -> dict[str, tuple[Commune, ...]]:
    grouped: dict[str, dict[str, Commune]] = {}
    for key, commune in pairs:
        grouped.setdefault(key, {})[commune.insee] = commune
    return {
        key: tuple(found.values()) if len(found) == 1 else tuple(sorted(found.values(), key=_rank))
        for key, found in grouped.items()
    }


# Paris, Lyon and Marseille are one row each; their arrondissements' INSEE codes lead to them.
_ARRONDISSEMENTS = {"75056": range(75101, 75121), "69123": range(69381, 69390),
                    "13055": range(13201, 13217)}

# Former communes of the Nord merged into a current one, that people still give as their town
# (communes associées / fusionnées; their postal codes are among the current commune's).
_FORMER_COMMUNES = {
    "Lomme": "59350", "Hellemmes": "59350", "Hellemmes-Lille": "59350",
    "Saint-Pol-sur-Mer": "59183", "Fort-Mardyck": "59183", "Mardyck": "59183",
    "Malo-les-Bains": "59183", "Rosendaël": "59183", "Petite-Synthe": "59183",
}


@functools.cache
def _table() -> _Table:
    communes: list[Commune] = []
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        column = {name: i for i, name in enumerate(next(reader))}
        (insee, nom, dep, dep_nom, region, postaux, population, epci_siren, epci_nom, lat,
         lon) = (column[name] for name in (
            "code_insee", "nom", "departement_code", "departement_nom", "region_code",
            "codes_postaux", "population", "epci_siren", "epci_nom", "latitude", "longitude"))
        for row in reader:
            communes.append(
                Commune(
                    insee=row[insee],
                    nom=row[nom],
                    departement=row[dep],
                    departement_nom=row[dep_nom],
                    region=row[region],
                    codes_postaux=_postal_codes(row[postaux]),
                    population=_int_or_none(row[population]),
                    epci_siren=row[epci_siren] or None,
                    epci_nom=row[epci_nom] or None,
                    lat=float(row[lat]),
                    lon=float(row[lon]),
                )
            )
    by_insee = {c.insee: c for c in communes}
    for city, codes in _ARRONDISSEMENTS.items():
        if city in by_insee:
            for code in codes:
                by_insee.setdefault(str(code), by_insee[city])
    return _Table(
        communes=tuple(communes),
        by_insee=by_insee,
        by_postal=_group((p, c) for c in communes for p in c.codes_postaux),
        departements={c.departement: c.departement_nom for c in communes},
    )


@functools.cache
def _names() -> _Names:
    table = _table()
    communes = table.communes
    spaced = [normalize_name(c.nom) for c in communes]
    compact = [_compact(name) for name in spaced]
    by_key = _group(zip(compact, communes, strict=True))
    aliases = [
        (_compact(bare), c)
        for name, c in zip(spaced, communes, strict=True)
        if (bare := _without_article(name))
    ]
    aliases += [
        (_compact(normalize_name(old)), table.by_insee[code])
        for old, code in _FORMER_COMMUNES.items()
        if code in table.by_insee
    ]
    order = sorted(range(len(communes)), key=compact.__getitem__)
    postal = sorted(((p, c) for c in communes for p in c.codes_postaux), key=lambda pair: pair[0])
    return _Names(
        by_key=by_key,
        by_alias={k: v for k, v in _group(aliases).items() if k not in by_key},
        sorted_keys=[compact[i] for i in order],
        sorted_key_communes=[communes[i] for i in order],
        compact_names=compact,
        spaced_names=spaced,
        sorted_postal=[p for p, _ in postal],
        sorted_postal_communes=[c for _, c in postal],
        departement_by_name={
            _compact(normalize_name(name)): code for code, name in table.departements.items()
        },
        nord=_indexes(communes, lambda c: c.dans_le_nord),
        region=_indexes(communes, lambda c: c.region == HAUTS_DE_FRANCE and not c.dans_le_nord),
    )


def _indexes(communes: tuple[Commune, ...], keep: Callable[[Commune], bool]) -> tuple[int, ...]:
    return tuple(i for i, commune in enumerate(communes) if keep(commune))


def all_communes() -> tuple[Commune, ...]:
    """Every commune, in INSEE order."""
    return _table().communes


def get_commune(insee: str) -> Commune | None:
    """The commune with this INSEE code (arrondissement codes give their city), or None."""
    if not isinstance(insee, str):
        return None
    return _table().by_insee.get(insee.strip().upper())


# --------------------------------------------------------------------------------------------
# Distances


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------
# Messages


def _shown(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _of(name: str) -> str:
    """« de » before a name, elided or contracted: d'Orchies, du Quesnoy, des Rues-des-Vignes."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if normalize_name(name[:1]) in tuple("aeiouy"):
        return "d'" + name
    return "de " + name


def _listing(labels: list[str], more: bool) -> str:
    return ", ".join(labels) + (", etc." if more else "")


def _names_listing(communes: list[Commune], label: str = "libelle") -> str:
    """« Roubaix (59100), Tourcoing (59200) » — at most a few, then « etc. »."""
    shown = communes[:_SHOWN_IN_MESSAGE]
    if label == "departement":
        labels = [f"{c.nom} ({c.code_postal}, {c.departement_nom})" for c in shown]
    elif label == "nom":
        labels = [c.nom for c in shown]
    else:
        labels = [c.libelle for c in shown]
    return _listing(labels, len(communes) > _SHOWN_IN_MESSAGE)


def _not_found(query: str, suggestions: list[Commune], what: str) -> CommuneNotFound:
    if suggestions:
        message = f"{what} Vouliez-vous dire : {_names_listing(suggestions)} ?"
    else:
        message = f"{what} Vérifiez l'orthographe, ou indiquez le code postal de votre commune."
    return CommuneNotFound(message, query, suggestions)


# --------------------------------------------------------------------------------------------
# Fuzzy suggestions

_FUZZY_CUTOFF = 0.7  # Jaro-Winkler similarity: rewards a shared beginning, as in « Roubé »
_CLOSE = 0.9  # a look-alike this close in the Nord (then the region) is the one meant
_FUZZY_POOL = 150
_MIN_FUZZY = 4
_NORD_BONUS = 8.0
_PREFERRED_BONUS = 20.0


def _close_in(key: str, indexes: tuple[int, ...], limit: int) -> list[tuple[float, Commune]]:
    """(similarity, commune) of the communes at `indexes` at least `_CLOSE` to `key`."""
    table, names = _table(), _names()
    hits = process.extract(key, [names.compact_names[i] for i in indexes],
                           scorer=JaroWinkler.normalized_similarity, limit=limit,
                           score_cutoff=_CLOSE)
    found = [(similarity, table.communes[indexes[at]]) for _, similarity, at in hits]
    return sorted(found, key=lambda pair: (-pair[0], _rank(pair[1])))


def look_alikes_in_the_nord(text: str, limit: int = 3) -> list[tuple[Commune, float]]:
    """The communes of the Nord whose names look like `text` (a misspelling: « tourcoin »),
    close enough (Jaro-Winkler ≥ 0.9), with their similarity, the closest first."""
    key = _compact(normalize_name(text))
    found = _close_in(key, _names().nord, limit) if len(key) >= _MIN_FUZZY else []
    return [(commune, similarity) for similarity, commune in found]


def _fuzzy(normalized: str, limit: int, preferred: frozenset[str] = frozenset()) -> list[Commune]:
    """Communes whose name looks like `normalized`: close ones in the Nord, else close ones in
    the Hauts-de-France, else any in France, Nord and populous ones boosted."""
    key = _compact(normalized)
    if len(key) < _MIN_FUZZY:  # « vda »: too short for a look-alike to mean anything
        return []
    if not preferred:
        for indexes in (_names().nord, _names().region):
            close = _close_in(key, indexes, limit)
            if close:
                return [commune for _, commune in close]
    table, names = _table(), _names()
    hits = process.extract(key, names.compact_names, scorer=JaroWinkler.normalized_similarity,
                           limit=max(_FUZZY_POOL, limit), score_cutoff=_FUZZY_CUTOFF)
    scored: list[tuple[float, Commune]] = []
    for _, similarity, index in hits:
        commune = table.communes[index]
        score = 100.0 * similarity + min(5.0, math.log10((commune.population or 0) + 1))
        if commune.dans_le_nord:
            score += _NORD_BONUS
        if commune.insee in preferred:
            score += _PREFERRED_BONUS
        scored.append((score, commune))
    scored.sort(key=lambda pair: (-pair[0], _rank(pair[1])))
    out: dict[str, Commune] = {}
    for _, commune in scored:
        out.setdefault(commune.insee, commune)
        if len(out) == limit:
            break
    return list(out.values())


# --------------------------------------------------------------------------------------------
# Resolution

_EXPLICIT = re.compile(
    r"^(insee|code\s+insee|cog|cp|code\s+postal)\s*[:=]?\s*(\S.*)$", re.IGNORECASE
)
_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_SPACED_CODE = re.compile(r"^(\d{2})\s(\d{3})$")
_POSTAL_IN_TEXT = re.compile(r"(?<![\dA-Za-z])(\d{5}|\d{2}\s\d{3})(?![\dA-Za-z])")
_PARENS = re.compile(r"\(([^()]*)\)")
_TRAILING_DEPT = re.compile(r"[\s,;/-]+(\d{2,3}|2[AaBb])\s*$")
_ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille)(?: (\d{1,2})(?: ?(?:e|er|eme|ieme))?)?(?: arrondissement)?$"
)
_CEDEX = re.compile(r"(?:^| )cedex(?: \d{1,2})?$")
_CITIES = {"paris": "75056", "lyon": "69123", "marseille": "13055"}


def _as_code(text: str) -> str | None:
    """« 59100 », « 59 100 », « 2a004 », « 9100 » (a lost leading zero) → a 5-char code."""
    text = text.strip().upper()
    spaced = _SPACED_CODE.match(text)
    if spaced:
        text = spaced.group(1) + spaced.group(2)
    if len(text) == 4 and text.isdigit():
        text = "0" + text
    return text if _CODE.match(text) else None


def _population(communes: Iterable[Commune]) -> int:
    return sum(c.population or 0 for c in communes)


def _resolve_code(code: str, query: str, kind: CodeKind) -> Commune:
    table = _table()
    by_insee = table.by_insee.get(code) if kind in ("auto", "insee") else None
    by_postal = table.by_postal.get(code, ()) if kind in ("auto", "postal") else ()
    if by_insee and (not by_postal or by_insee in by_postal):
        return by_insee
    if by_postal and by_insee is None:
        if len(by_postal) == 1:
            return by_postal[0]
        raise CommuneAmbiguous(
            f"Le code postal {code} est celui de {len(by_postal)} communes : "
            f"{_names_listing(list(by_postal), 'nom')}. Indiquez le nom de votre commune.",
            query, by_postal,
        )
    if by_insee and by_postal:
        # The same five digits are one commune's INSEE code and other communes' postal code:
        # pick a reading only when it is overwhelmingly the more likely one.
        insee_people, postal_people = _population([by_insee]), _population(by_postal)
        if postal_people >= _CODE_READING_DOMINANCE * max(1, insee_people):
            if len(by_postal) == 1:
                return by_postal[0]
        elif insee_people >= _CODE_READING_DOMINANCE * max(1, postal_people):
            return by_insee
        candidates = [*by_postal, by_insee]
        postal_names = _names_listing(list(by_postal), "nom")
        raise CommuneAmbiguous(
            f"« {code} » est à la fois le code postal {_of(postal_names)} et le code INSEE "
            f"{_of(by_insee.nom)}. Indiquez le nom de votre commune.",
            query, candidates,
        )
    if code.startswith(("97", "98")):
        raise CommuneNotFound(
            f"Le code « {code} » est celui d'une commune d'outre-mer : notre liste ne couvre "
            "que la France métropolitaine (Corse comprise).",
            query, [],
        )
    label = {"insee": "le code INSEE", "postal": "le code postal"}.get(
        kind, "le code postal ou le code INSEE"
    )
    raise CommuneNotFound(
        f"Aucune commune n'a {label} « {code} ». Vérifiez le code, ou indiquez le nom de "
        "votre commune.",
        query, [],
    )


@dataclass(slots=True)
class _Parsed:
    name: str  # normalised
    postal_codes: list[str]
    departements: list[str]

    @property
    def qualified(self) -> bool:
        return bool(self.postal_codes or self.departements)

    def admits(self, commune: Commune) -> bool:
        if self.postal_codes and not any(
            code in commune.codes_postaux or code == commune.insee for code in self.postal_codes
        ):
            return False
        return not self.departements or commune.departement in self.departements


def _parse(query: str) -> _Parsed:
    """Split « Roubaix (59) », « 59100 Roubaix », « Roubaix, Nord » into a name and hints."""
    departements_known = _table().departements
    by_department_name = _names().departement_by_name
    parsed = _Parsed("", [], [])

    def hint(text: str) -> bool:
        text = text.strip()
        code = _as_code(text) if len(text.replace(" ", "")) == 5 else None
        if code:
            parsed.postal_codes.append(code)
            return True
        upper = text.upper()
        if len(upper) == 1 and upper.isdigit():
            upper = "0" + upper
        if upper in departements_known:
            parsed.departements.append(upper)
            return True
        by_name = by_department_name.get(_compact(normalize_name(text)))
        if by_name:
            parsed.departements.append(by_name)
            return True
        return False

    def bracket(match: re.Match[str]) -> str:
        # « (59) », « (Nord) », « (59100) » are hints; « (Canton de …) » is part of a name.
        parts = [part for part in re.split(r"[,;/]", match.group(1)) if part.strip()]
        return " " if parts and all([hint(part) for part in parts]) else match.group(0)

    rest = _PARENS.sub(bracket, query)
    parsed.postal_codes += [code.replace(" ", "") for code in _POSTAL_IN_TEXT.findall(rest)]
    rest = _POSTAL_IN_TEXT.sub(" ", rest)
    if "," in rest:
        head, *tail = rest.split(",")
        rest = ",".join([head, *(part for part in tail if part.strip() and not hint(part))])
    if not _ARRONDISSEMENT.match(normalize_name(rest)):
        trailing = _TRAILING_DEPT.search(rest)
        if trailing and normalize_name(rest[: trailing.start()]) and hint(trailing.group(1)):
            rest = rest[: trailing.start()]
    parsed.name = _CEDEX.sub("", normalize_name(rest)).strip()
    return parsed


def communes_named(text: str) -> tuple[Commune, ...]:
    """Communes whose name is exactly this text (case, accents, hyphens ignored); fast, and no
    suggestions: for scanning a free message word by word."""
    return _by_name(normalize_name(text))


def _by_name(normalized: str) -> tuple[Commune, ...]:
    arrondissement = _ARRONDISSEMENT.match(normalized)
    if arrondissement:
        city = _table().by_insee.get(_CITIES[arrondissement.group(1)])
        return (city,) if city else ()
    names = _names()
    key = _compact(normalized)
    found = names.by_key.get(key) or names.by_alias.get(key)
    if not found:
        bare = _without_article(normalized)
        if bare:
            found = names.by_key.get(_compact(bare), ())
    return found or ()


def _check_length(text: str) -> str:
    stripped = " ".join(text.split())
    if not stripped:
        raise CommuneNotFound(
            "Vous n'avez pas indiqué de commune. Indiquez son nom, son code postal "
            "(par exemple 59100) ou son code INSEE.",
            text, [],
        )
    if len(stripped) > MAX_QUERY_LENGTH:
        raise CommuneNotFound(
            f"Le texte indiqué pour la commune (« {_shown(stripped)} », {len(stripped)} "
            "caractères) est trop long pour être un nom de commune : indiquez seulement le "
            "nom de votre commune ou son code postal.",
            text, [],
        )
    return stripped


@dataclass
class _Query:
    """What was typed, and what is read from it on demand (each reading at most once)."""

    text: str  # as given
    stripped: str  # spaces collapsed
    kind: CodeKind = "auto"
    limit: int = 10  # for suggestions

    @functools.cached_property
    def whole(self) -> tuple[Commune, ...]:
        """The communes named by the whole text, brackets included: « Bors (Canton de …) »."""
        return _by_name(normalize_name(self.stripped))

    @functools.cached_property
    def parsed(self) -> _Parsed:
        if self.whole:
            return _Parsed(normalize_name(self.stripped), [], [])
        return _parse(self.stripped)

    @functools.cached_property
    def named(self) -> tuple[Commune, ...]:
        return self.whole or _by_name(self.parsed.name)

    @functools.cached_property
    def kept(self) -> list[Commune]:
        """The communes named that the hints (postal code, département) admit."""
        return self.admitted(self.named)

    def admitted(self, communes: Iterable[Commune]) -> list[Commune]:
        return [c for c in communes if self.parsed.admits(c)]


# Each recogniser returns the commune meant, raises a `CommuneError`, or passes (None).
_Recogniser = Callable[[_Query], "Commune | None"]


def _prefixed_code(query: _Query) -> Commune | None:
    """« insee:59350 », « code postal 59350 »: the text says how to read the code."""
    explicit = _EXPLICIT.match(query.stripped)
    code = _as_code(explicit.group(2)) if explicit and query.kind == "auto" else None
    if not explicit or not code:
        return None
    kind = "insee" if explicit.group(1).lower() in ("insee", "code insee", "cog") else "postal"
    return _resolve_code(code, query.text, kind)


def _code(query: _Query) -> Commune | None:
    """A postal or INSEE code (« 59100 », « 59 100 »); anything else when a code was asked."""
    if query.kind == "name":
        return None
    code = _as_code(query.stripped)
    if code:
        return _resolve_code(code, query.text, query.kind)
    if query.kind == "auto":
        return None
    what = "code INSEE" if query.kind == "insee" else "code postal"
    raise CommuneNotFound(
        f"« {_shown(query.stripped)} » n'est pas un {what} : il faut 5 chiffres (ou 2A/2B "
        "suivi de 3 chiffres pour la Corse).",
        query.text, [],
    )


def _hints_only(query: _Query) -> Commune | None:
    """No name left once the hints are read: « (59100) » is a postal code, « (59) » is not."""
    parsed = query.parsed
    if parsed.name:
        return None
    if len(parsed.postal_codes) == 1 and not parsed.departements:
        return _resolve_code(parsed.postal_codes[0], query.text, "postal")
    raise CommuneNotFound(
        f"Nous ne reconnaissons pas de nom de commune dans « {_shown(query.stripped)} ». "
        "Indiquez le nom de votre commune ou son code postal.",
        query.text, [],
    )


def _unknown_name(query: _Query) -> Commune | None:
    """No commune has this name: look-alike names are suggested, near the hints first."""
    if query.named:
        return None
    table, parsed = _table(), query.parsed
    preferred = frozenset(
        c.insee for code in parsed.postal_codes for c in table.by_postal.get(code, ())
    )
    if parsed.departements:
        preferred |= {c.insee for c in table.communes if c.departement in parsed.departements}
    raise _not_found(query.text, _fuzzy(parsed.name, 5, preferred),
                     f"Nous ne trouvons pas la commune « {_shown(query.stripped)} ».")


def _exact_name(query: _Query) -> Commune | None:
    """The one commune with this name that the hints admit, or the one of them in the Nord."""
    kept, parsed = query.kept, query.parsed
    if not kept:
        hints = [f"code postal {p}" for p in parsed.postal_codes]
        hints += [f"département {d}" for d in parsed.departements]
        raise _not_found(
            query.text, list(query.named),
            f"Nous ne trouvons pas de commune « {query.named[0].nom} » qui corresponde à ce que "
            f"vous indiquez ({', '.join(hints)}).",
        )
    if len(kept) == 1:
        return kept[0]
    in_nord = [c for c in kept if c.dans_le_nord]
    if len(in_nord) == 1 and not parsed.departements:
        return in_nord[0]
    return None


def _ambiguous(query: _Query) -> CommuneAmbiguous:
    """Several communes have this name: they are listed (and the Nord's look-alikes)."""
    kept, first = query.kept, query.kept[0]
    message = (f"Plusieurs communes s'appellent « {first.nom} » : "
               f"{_names_listing(kept, 'departement').removesuffix('.')}. Précisez le "
               f"département ou le code postal, par exemple « {first.nom} ({first.departement}) ».")
    nearby = _nord_names_starting(query)
    if nearby:
        message += f" Dans le Nord : {_names_listing(nearby)}."
    return CommuneAmbiguous(message, query.text, [*nearby, *kept])


def _nord_names_starting(query: _Query) -> list[Commune]:
    """« Saint André » typed in the Nord probably means Saint-André-lez-Lille: when no commune
    of that name is in the Nord and nothing says where, the Nord's names starting with it."""
    if query.parsed.qualified or any(c.dans_le_nord for c in query.kept):
        return []
    names = _names()
    span = _prefix_range(names.sorted_keys, _compact(query.parsed.name))
    return sorted((c for i in span if (c := names.sorted_key_communes[i]).dans_le_nord),
                  key=_rank)[:3]


_RECOGNISERS: tuple[_Recogniser, ...] = (_prefixed_code, _code, _hints_only, _unknown_name,
                                         _exact_name)


def resolve_commune(query: str, *, kind: CodeKind = "auto") -> Commune:
    """The one commune designated by an INSEE code, a postal code or a name.

    `kind` forces the reading of the text: "insee", "postal" (a code) or "name"; the text may
    also say it: « insee:59350 », « cp 59350 ». Raises `CommuneNotFound` (with suggestions) or
    `CommuneAmbiguous` (with the candidates, likeliest first), both with a French message.
    """
    text = query if isinstance(query, str) else ""
    read = _Query(text, _check_length(text), kind)
    for recognise in _RECOGNISERS:
        found = recognise(read)
        if found is not None:
            return found
    raise _ambiguous(read)


# --------------------------------------------------------------------------------------------
# Autocomplete


def _prefix_range(keys: list[str], prefix: str) -> range:
    start = bisect.bisect_left(keys, prefix)
    return range(start, bisect.bisect_left(keys, prefix + "\U0010ffff", lo=start))


def _is_code(query: _Query) -> bool:
    return query.stripped.replace(" ", "").isdigit() or _as_code(query.stripped) is not None


def _same_insee_code(query: _Query) -> Iterable[Commune]:
    code = _as_code(query.stripped)
    found = _table().by_insee.get(code) if code else None
    return [found] if found else []


def _postal_codes_starting(query: _Query) -> Iterable[Commune]:
    digits = query.stripped.replace(" ", "")
    if not digits.isdigit() or len(digits) > 5:
        return []
    names = _names()
    span = _prefix_range(names.sorted_postal, digits)
    return sorted((names.sorted_postal_communes[i] for i in span), key=_rank)


def _names_starting(query: _Query) -> Iterable[Commune]:
    """Exact names, then names starting with the text: the Nord's first, most populous first."""
    table, names = _table(), _names()
    exact = {c.insee for c in _by_name(query.parsed.name)}
    span = _prefix_range(names.sorted_keys, _compact(query.parsed.name))
    starting = [*(table.by_insee[code] for code in exact),
                *(names.sorted_key_communes[i] for i in span)]
    return sorted(query.admitted(starting), key=lambda c: (
        not c.dans_le_nord, c.insee not in exact, -(c.population or 0), c.nom))


def _names_with_a_word_starting(query: _Query) -> Iterable[Commune]:
    table, needle = _table(), " " + query.parsed.name
    hits = [table.communes[i] for i, name in enumerate(_names().spaced_names)
            if needle in " " + name]
    return sorted(query.admitted(hits), key=_rank)


def _look_alike_names(query: _Query) -> Iterable[Commune]:
    return query.admitted(_fuzzy(query.parsed.name, query.limit * 3))


# Suggestions, group after group, as long as more are wanted; each group is looked for only then.
_CODE_SUGGESTIONS = (_same_insee_code, _postal_codes_starting)
_NAME_SUGGESTIONS = (_names_starting, _names_with_a_word_starting, _look_alike_names)


def _first(limit: int, groups: Iterable[Iterable[Commune]], *, stop: bool = True
           ) -> list[Commune]:
    """The first `limit` different communes of the groups, in order. Without `stop`, each group
    still adds one more: so code suggestions have always been, « 59350 » with limit 1 giving
    Lille and Saint-André-lez-Lille; kept as it was (behaviour unchanged)."""
    out: dict[str, Commune] = {}
    for group in groups:
        for commune in group:
            out.setdefault(commune.insee, commune)
            if len(out) >= limit:
                if stop:
                    return list(out.values())
                break
    return list(out.values())


def search_communes(query: str, limit: int = 10) -> list[Commune]:
    """Suggestions for an autocomplete, typos tolerated.

    A code (or its beginning) gives the communes with that INSEE or postal code. A name gives
    exact matches first, then names starting with the text, then names with a word starting
    with it, then look-alike names; within each group the Nord and the most populous come first.
    Hints work as in `resolve_commune` (« saint amand (59) »).
    """
    if limit <= 0 or not isinstance(query, str):
        return []
    stripped = " ".join(query.split())
    if not stripped or len(stripped) > MAX_QUERY_LENGTH:
        return []
    read = _Query(query, stripped, limit=limit)
    if _is_code(read):
        return _first(limit, (suggest(read) for suggest in _CODE_SUGGESTIONS), stop=False)
    if not read.parsed.name:
        return []
    return _first(limit, (suggest(read) for suggest in _NAME_SUGGESTIONS))
