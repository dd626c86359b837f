"""Generate a deterministic synthetic news archive for speed and memory benchmarks.

The archive imitates a real one: 60-100 "events" for 1000 articles (storms,
strikes, elections, earthquakes, company results, transfers, drone attacks,
floods, budget votes, wildfires, rail crashes), each covered by 5-20 articles
from about 40 invented outlets within a 3-day span, over about 120 days.
Articles are 8-20 sentences and 250-600 words, built from per-event-type
templates filled with the event's figures, rendered in each outlet's house
style (digits or words, "per cent" or "%", "$4.5m" or "4.5 million dollars",
km or miles, hedges such as "more than" / "about").  About 1 in 8 articles
deviates on one figure, so the archive contains real conflicts.

Output (flat folder): ``batch-NNN.jsonl`` files of 50 articles each, plus about
5% single-article ``<id>.json`` files and about 5% ``<id>.txt`` files.

Usage::

    python benchmarks/generate_archive.py OUT_DIR --articles 1000 --seed 7

or ``from generate_archive import generate_archive``.  Pure standard library;
the same seed always gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from random import Random
from typing import Any

__all__ = ["generate_archive", "main"]

ARTICLES_PER_JSONL = 50
SINGLE_JSON_SHARE = 0.05
TXT_SHARE = 0.05
DEVIATION_RATE = 1 / 8
SPAN_DAYS = 120
COVERAGE_HOURS = 72
MIN_SENTENCES, MAX_SENTENCES = 8, 20
MIN_WORDS, MAX_WORDS = 250, 600
ARCHIVE_START = datetime(2025, 1, 6, tzinfo=UTC)
OUTPUT_PATTERNS = ("batch-*.jsonl", "art-*.json", "art-*.txt")

# --------------------------------------------------------------------------
# Number rendering
# --------------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def number_word(n: int) -> str:
    """English words for 0 <= n < 100 ("twenty-four")."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + ("-" + _ONES[ones] if ones else "")


def with_commas(n: int) -> str:
    return f"{n:,}"


def nice_floor(n: float) -> int:
    """A round number below n, as used in "more than 40"."""
    if n < 12:
        return max(int(n) - 1, 1)
    step = 10 ** max(int(math.log10(n)) - 1, 0)
    if n < 100:
        step = 10 if n >= 30 else 5
    value = int(n // step * step)
    return value if value < n else value - step


def nice_round(n: float) -> int:
    """A round number near n, as used in "about 40"."""
    if n < 12:
        return round(n)
    step = 10 ** max(int(math.log10(n)) - 1, 0)
    if n < 100:
        step = 5
    return int(round(n / step) * step)


def nice_ceil(n: float) -> int:
    """A round number above n, as used in "nearly 40"."""
    if n < 12:
        return int(n) + 1
    step = 10 ** max(int(math.log10(n)) - 1, 0)
    if n < 100:
        step = 10 if n >= 30 else 5
    value = int(math.ceil(n / step) * step)
    return value if value > n else value + step


def fmt_decimal(x: float, digits: int = 1) -> str:
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Style:
    """An outlet's house style for figures and attribution."""

    words_small: bool  # spell out one..nine
    british: bool  # "per cent", "kilometres", "metres"
    percent_sign: bool  # "12%" rather than "12 per cent"
    money_short: bool  # "$4.5m" / "€1.2bn" rather than "$4.5 million"
    units: str  # "metric", "imperial" or "both"
    km_glued: bool  # "40km" rather than "40 km"
    hedge: float  # probability of rendering a figure with a hedge
    said: str  # attribution verb phrase
    tz: timezone
    section: str


def count_text(n: int, style: Style, rng: Random) -> str:
    """Render an integer count: digits, words, or "a dozen"."""
    if n == 12 and rng.random() < 0.35:
        return "a dozen"
    if n == 6 and rng.random() < 0.2:
        return "half a dozen"
    if n == 24 and rng.random() < 0.3:
        return "two dozen"
    if n < 10 and (style.words_small or rng.random() < 0.3):
        return number_word(n)
    if 10 <= n < 20 and rng.random() < 0.15:
        return number_word(n)
    if n >= 1_000_000 and n % 100_000 == 0 and rng.random() < 0.6:
        return f"{fmt_decimal(n / 1e6)} million"
    return with_commas(n)


def hedged_count(n: int, style: Style, rng: Random) -> str:
    if n < 3 or rng.random() >= style.hedge:
        return count_text(n, style, rng)
    kind = rng.choice(("at least", "more than", "about", "nearly", "some", "almost"))
    if kind in ("more than", "over"):
        return f"{kind} {count_text(nice_floor(n), style, rng)}"
    if kind in ("nearly", "almost"):
        return f"{kind} {count_text(nice_ceil(n), style, rng)}"
    if kind in ("about", "some"):
        return f"{kind} {count_text(nice_round(n), style, rng)}"
    return f"{kind} {count_text(n, style, rng)}"


def money_text(amount: float, currency: str, style: Style, rng: Random) -> str:
    """Render money: "$4.5m", "€1.2 billion", "4.5 million dollars", "€180,000"."""
    name = {"$": "dollars", "€": "euros"}[currency]
    if amount < 1e6:
        return f"{currency}{with_commas(round(amount))}"
    if amount >= 1e9:
        value, short, long = amount / 1e9, "bn", "billion"
    else:
        value, short, long = amount / 1e6, "m", "million"
    number = fmt_decimal(value, 2 if value < 10 else 1)
    roll = rng.random()
    if style.money_short and roll < 0.8:
        return f"{currency}{number}{short}"
    if roll < 0.85:
        return f"{number} {long} {name}"
    return f"{currency}{number} {long}"


def hedged_money(amount: float, currency: str, style: Style, rng: Random) -> str:
    if rng.random() >= style.hedge:
        return money_text(amount, currency, style, rng)
    if amount < 1e6:
        kind = rng.choice(("more than", "about", "nearly"))
        small = {"more than": nice_floor, "about": nice_round, "nearly": nice_ceil}[kind](amount)
        return f"{kind} {money_text(small, currency, style, rng)}"
    unit = 1e9 if amount >= 1e9 else 1e6
    value: float = amount / unit
    kind = rng.choice(("more than", "about", "nearly", "almost", "roughly"))
    if kind == "more than":
        value = math.floor(value) if value >= 2 else math.floor(value * 10) / 10
        if value * unit >= amount:
            value -= 1 if value >= 2 else 0.1
    elif kind in ("nearly", "almost"):
        value = math.ceil(value) if value >= 2 else math.ceil(value * 10) / 10
        if value * unit <= amount:
            value += 1 if value >= 2 else 0.1
    elif kind == "about":
        value = round(value) if value >= 10 else round(value, 1)
    return f"{kind} {money_text(max(value, 0.1) * unit, currency, style, rng)}"


def percent_text(x: float, style: Style) -> str:
    number = fmt_decimal(x)
    if style.percent_sign:
        return f"{number}%"
    return f"{number} {'per cent' if style.british else 'percent'}"


def hedged_percent(x: float, style: Style, rng: Random) -> str:
    if x < 3 or rng.random() >= style.hedge * 0.7:
        return percent_text(x, style)
    kind = rng.choice(("more than", "about", "nearly", "just over", "almost"))
    if kind in ("more than", "just over"):
        return f"{kind} {percent_text(math.floor(x - 0.01), style)}"
    if kind in ("nearly", "almost"):
        return f"{kind} {percent_text(math.ceil(x + 0.01), style)}"
    return f"{kind} {percent_text(round(x), style)}"


def km_text(km: float, style: Style, rng: Random) -> str:
    units = style.units
    metric_word = "kilometres" if style.british else "kilometers"
    metric = (
        f"{with_commas(int(km))}{'' if style.km_glued else ' '}km"
        if rng.random() < 0.75
        else f"{with_commas(int(km))} {metric_word}"
    )
    miles = max(round(km * 0.621371), 1)
    imperial = f"{with_commas(miles)} mile{'s' if miles != 1 else ''}"
    if units == "imperial":
        return imperial
    if units == "both":
        return f"{metric} ({imperial})"
    return metric


def hedged_km(km: float, style: Style, rng: Random) -> str:
    if km < 5 or rng.random() >= style.hedge:
        return km_text(km, style, rng)
    kind = rng.choice(("about", "some", "roughly", "more than"))
    if kind == "more than":
        return f"{kind} {km_text(nice_floor(km), style, rng)}"
    return f"{kind} {km_text(nice_round(km), style, rng)}"


def speed_text(kmh: float, style: Style, rng: Random) -> str:
    mph = round(kmh * 0.621371)
    metric = (
        f"{int(kmh)} km/h"
        if rng.random() < 0.7
        else (f"{int(kmh)} {'kilometres' if style.british else 'kilometers'} per hour")
    )
    if style.units == "imperial":
        return f"{mph} mph"
    if style.units == "both":
        return f"{metric} ({mph} mph)"
    return metric


def duration_text(value: int, unit: str, style: Style, rng: Random) -> str:
    if unit == "day" and value <= 3 and rng.random() < 0.35:
        value, unit = value * 24, "hour"
    if unit == "hour" and value % 24 == 0 and value <= 96 and rng.random() < 0.35:
        value, unit = value // 24, "day"
    if unit == "week" and value <= 4 and rng.random() < 0.25:
        value, unit = value * 7, "day"
    if unit == "year" and value == 1 and rng.random() < 0.5:
        return "one year"
    number = count_text(value, style, rng) if value != 12 else "12"
    if value <= 10 and rng.random() < 0.5:
        number = number_word(value)
    return f"{number} {unit}{'s' if value != 1 else ''}"


# --------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One figure of an event; ``value`` is in the fact's base unit."""

    kind: str  # count, money, percent, km, speed, duration, number
    value: float
    noun: tuple[str, str] = ("", "")  # singular, plural (counts)
    unit: str = ""  # currency for money, time unit for duration, unit word for number
    digits: int = 0  # decimals for kind "number"

    def replace(self, value: float) -> Fact:
        return Fact(self.kind, value, self.noun, self.unit, self.digits)

    def shown(self) -> str:
        """Plain rendering of the value for the truth file."""
        if self.kind == "money":
            return f"{self.unit}{self.value:,.0f}"
        if self.kind == "percent":
            return f"{fmt_decimal(self.value)}%"
        if self.kind == "number":
            return fmt_decimal(self.value, self.digits)
        return str(int(self.value))


def render_fact(fact: Fact, mode: str, style: Style, rng: Random) -> str:
    """Render a fact.  mode "" = with noun/unit, "n" = bare figure, "x" = exact."""
    kind = fact.kind
    exact = mode == "x"
    if kind == "count":
        n = int(fact.value)
        text = count_text(n, style, rng) if exact else hedged_count(n, style, rng)
        if mode == "n":
            return text
        noun = fact.noun[0] if n == 1 and text in ("1", "one") else fact.noun[1]
        return f"{text} {noun}"
    if kind == "money":
        if exact:
            return money_text(fact.value, fact.unit, style, rng)
        return hedged_money(fact.value, fact.unit, style, rng)
    if kind == "percent":
        return percent_text(fact.value, style) if exact else hedged_percent(fact.value, style, rng)
    if kind == "km":
        return km_text(fact.value, style, rng) if exact else hedged_km(fact.value, style, rng)
    if kind == "speed":
        return speed_text(fact.value, style, rng)
    if kind == "duration":
        return duration_text(int(fact.value), fact.unit, style, rng)
    if kind == "number":
        digits = fact.digits
        text = fmt_decimal(fact.value, digits) if digits else with_commas(int(fact.value))
        if fact.unit and mode != "n":
            unit = fact.unit
            if style.british:
                unit = unit.replace("meters", "metres").replace("millimeters", "millimetres")
            return f"{text} {unit}"
        return text
    raise ValueError(f"unknown fact kind {kind!r}")


def deviate(fact: Fact, rng: Random) -> Fact:
    """A clearly different value for the same fact (one outlet gets it wrong)."""
    for _ in range(10):
        wrong = _deviate_once(fact, rng)
        if wrong.shown() != fact.shown():
            return wrong
    return fact.replace(fact.value * 2 + 1)


def _deviate_once(fact: Fact, rng: Random) -> Fact:
    value = fact.value
    up = rng.random() < 0.6
    if fact.kind == "percent":
        delta = max(value * rng.uniform(0.2, 0.45), 2.0)
        new = round(value + delta if up or value - delta <= 0.5 else value - delta, 1)
        return fact.replace(min(new, 99.0))
    if fact.kind == "money":
        factor = rng.uniform(1.25, 1.8) if up else rng.uniform(0.45, 0.75)
        unit = 1e8 if value >= 1e9 else 1e5 if value >= 1e6 else 1e3
        return fact.replace(max(round(value * factor / unit) * unit, unit))
    if fact.kind == "number" and fact.digits:
        step = 10**-fact.digits
        delta = max(round(value * rng.uniform(0.06, 0.15), fact.digits), 3 * step)
        return fact.replace(round(value + delta if up else max(value - delta, step), fact.digits))
    if fact.kind == "duration":
        return fact.replace(value + rng.randint(1, 3) if up or value <= 2 else value - 1)
    if fact.kind == "number":
        factor = rng.uniform(1.1, 1.3) if up else rng.uniform(0.75, 0.9)
        return fact.replace(max(round(value * factor), 1) if value * factor >= 1 else 1)
    if value < 10:
        new = value + rng.randint(2, 5) if up or value <= 3 else value - rng.randint(1, 2)
        return fact.replace(int(new))
    factor = rng.uniform(1.3, 1.9) if up else rng.uniform(0.45, 0.75)
    new = round(value * factor)
    if new >= 1000:
        new = int(round(new, -2))
    return fact.replace(max(new, 1))


# --------------------------------------------------------------------------
# Invented world
# --------------------------------------------------------------------------

OUTLET_NAMES = (
    "The Harbor Ledger",
    "Northgate Tribune",
    "Calder Valley Post",
    "The Morning Lantern",
    "Westmere Courier",
    "Ironbridge Daily",
    "The Saltmarsh Gazette",
    "Pinecrest Herald",
    "Redfern Observer",
    "The Coastal Dispatch",
    "Amberly News",
    "Graystone Chronicle",
    "The Evening Compass",
    "Brightwater Times",
    "Halden Express",
    "Lowmoor Record",
    "The Civic Monitor",
    "Eastvale Sentinel",
    "Marrow Point Journal",
    "The Open Wire",
    "Kestrel News Agency",
    "Fairhaven Independent",
    "The Daily Meridian",
    "Orchard Bay Star",
    "Silverline Report",
    "The Capital Beacon",
    "Thornbury Standard",
    "Riverside Bulletin",
    "The Plainsman",
    "Glenmoor Argus",
    "Northwind Media",
    "The Frontline Review",
    "Copperfield Weekly",
    "Hollin Press",
    "The Granary Voice",
    "Bellhaven Mail",
    "Stonegate Wire",
    "Larkspur Online",
    "The Quayside Echo",
    "Vantage Point News",
)
SECTIONS = ("news", "world", "national", "local", "business", "sport", "politics", "region")
TZ_OFFSETS = (0, 0, 60, 60, 60, 120, -300, -240, -360, -420, 330, 540, 600, 180)
SAID = ("said", "said", "said", "told reporters", "said in a statement", "told the outlet")

TOWNS = (
    "Port Elwin",
    "Carrowmore",
    "Dunmere",
    "Ashby Vale",
    "Kelsington",
    "Marlow Cross",
    "Fenwick",
    "Oriel Bay",
    "Tamsworth",
    "Braemoor",
    "Castlereach",
    "Holloway Falls",
    "Lindqvist",
    "Saint Aubrey",
    "Varnham",
    "Queensreach",
    "Eldergate",
    "Moravia Springs",
    "Penhallow",
    "Rookfield",
    "Sundara",
    "Tarrin",
    "Whitcombe",
    "Zeller Point",
)
REGIONS = (
    "the Northern Coast",
    "Calder Province",
    "the Eastern Highlands",
    "Marren County",
    "the Southern Plains",
    "Ostvale Region",
    "the Lake District of Ennis",
    "Harrow State",
    "the Western Delta",
    "Brannock Prefecture",
)
COUNTRIES = ("Eldoria", "Vestland", "Morrova", "Quessa", "Tarvania", "Lindmark", "Oskara")
FIRST = (
    "Mara",
    "Tomas",
    "Aisha",
    "Jonah",
    "Priya",
    "Elias",
    "Greta",
    "Samuel",
    "Noor",
    "Viktor",
    "Lena",
    "Rafael",
    "Ines",
    "Kofi",
    "Hana",
    "Dmitri",
    "Clara",
    "Mateo",
    "Yara",
    "Oskar",
)
LAST = (
    "Quill",
    "Bramwell",
    "Okafor",
    "Lindgren",
    "Castellano",
    "Hartigan",
    "Novak",
    "Ferreira",
    "Achterberg",
    "Moreau",
    "Kaminski",
    "Delacroix",
    "Osei",
    "Vasquez",
    "Thorne",
    "Iversen",
    "Mbeki",
    "Rossetti",
    "Halvorsen",
    "Nakamura",
)
STORM_NAMES = ("Idris", "Bronwen", "Calloway", "Delphine", "Everett", "Fenna", "Gideon", "Hester")
COMPANIES = (
    "Veltrane Energy",
    "Northwave Retail",
    "Corbel Logistics",
    "Aurelian Motors",
    "Brightfield Telecom",
    "Kessler Foods",
    "Halcyon Pharma",
    "Meridian Steel",
    "Lumora Airlines",
    "Pellucid Software",
)
CLUBS = (
    "Ashford Rovers",
    "Calder City",
    "Port Elwin United",
    "Dunmere Athletic",
    "Rookfield Wanderers",
    "Sporting Varnham",
    "Oriel Bay FC",
    "Kelsington Town",
)
UNIONS = {
    "rail": "the Rail Operatives' Union",
    "school": "the National Teachers' Federation",
    "port": "the Port and Dock Workers' Association",
    "hospital": "the Health Staff Alliance",
    "bus": "the Transport Workers' Union",
}
SECTORS = tuple(UNIONS)
PARTIES = (
    "the Civic Alliance",
    "the People's Forward Party",
    "the Green Union",
    "the National Renewal Party",
    "the Social Democratic Bloc",
    "the Liberal Centre",
)


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


PERSON_KEYS = (
    "official",
    "witness",
    "employer",
    "analyst",
    "leader",
    "rival",
    "chairman",
    "player",
)


def _distinct_people(ctx: dict[str, str], rng: Random) -> dict[str, str]:
    """Give every person in an event a different surname (quotes use surnames)."""
    keys = [k for k in PERSON_KEYS if k in ctx]
    surnames = rng.sample(LAST, len(keys))
    for key, surname in zip(keys, surnames, strict=True):
        ctx[key] = f"{ctx[key].split()[0]} {surname}"
    if "minister" in ctx:
        ctx["minister"] = ctx["official"]
    return ctx


# --------------------------------------------------------------------------
# Event types: facts, titles, leads, fact sentences, colour, quotes
# --------------------------------------------------------------------------

FactMaker = Callable[[Random], dict[str, Fact]]
ContextMaker = Callable[[Random], dict[str, str]]


def C(value: int, singular: str, plural: str | None = None) -> Fact:
    return Fact("count", value, (singular, plural or singular + "s"))


@dataclass(frozen=True)
class EventType:
    name: str
    facts: FactMaker
    context: ContextMaker
    titles: Sequence[str]
    leads: Sequence[str]
    sentences: Sequence[str]
    colour: Sequence[str]
    quotes: Sequence[tuple[str, str]]  # (speaker key in the context, quote)
    incident: bool = True  # disaster-like: uses the incident fillers


def _storm_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "deaths": C(r.randint(2, 40), "person", "people"),
        "injured": C(r.randint(20, 300), "person", "people"),
        "power": C(r.randint(12, 480) * 1000, "household"),
        "wind": Fact("speed", r.randint(11, 21) * 10),
        "rain": Fact("number", r.randint(8, 40) * 10, unit="millimeters"),
        "evacuated": C(r.randint(15, 250) * 100, "resident"),
        "damage": Fact("money", r.randint(40, 900) * 1e6, unit=cur),
        "outage": Fact("duration", r.randint(12, 72), unit="hour"),
        "flights": C(r.randint(40, 600), "flight"),
    }


def _place_context(r: Random) -> dict[str, str]:
    ctx = {
        "place": r.choice(TOWNS),
        "region": r.choice(REGIONS),
        "country": r.choice(COUNTRIES),
        "official": person(r),
        "witness": person(r),
    }
    ctx["witness_role"] = f"a resident of {ctx['place']}"
    return ctx


def _storm_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["storm"] = f"Storm {r.choice(STORM_NAMES)}"
    ctx["official_role"] = r.choice(
        (
            "the regional emergency coordinator",
            "the civil protection chief",
            "the province's governor",
        )
    )
    return ctx


STORM = EventType(
    "storm",
    _storm_facts,
    _storm_context,
    titles=(
        "{storm} leaves {deaths} dead as it batters {region}",
        "{storm}: {power} without electricity in {region}",
        "Death toll from {storm} rises to {deaths:n}",
        "{storm} brings winds of {wind} to {place}",
        "Clean-up begins after {storm} tears through {region}",
    ),
    leads=(
        "{storm} swept across {region} [overnight|on {weekday}|early on {weekday}], "
        "killing {deaths} and leaving {power} without electricity, "
        "[officials|authorities|emergency services] said.",
        "At least {deaths:x} were killed when {storm} made landfall near {place} on {weekday}, "
        "bringing gusts of up to {wind} and torrential rain to {region}.",
        "[Emergency crews|Rescue teams] in {region} were [working|struggling] to restore power to "
        "{power} on {weekday} after {storm} [killed|left dead] {deaths}.",
    ),
    sentences=(
        "The national weather service recorded gusts of {wind} at the coast, the strongest "
        "since records began in the area.",
        "[Officials|The interior ministry] said {injured} had been treated in hospital for "
        "injuries caused by falling trees and flying debris.",
        "Around {rain} of rain fell in less than a day in parts of {region}, swelling rivers "
        "and flooding low-lying roads.",
        "Authorities ordered the evacuation of {evacuated} from coastal districts before the storm arrived.",
        "Insurers estimated the damage at {damage}, though they cautioned that the figure "
        "could rise as assessments continued.",
        "Power companies said some customers could be without electricity for up to {outage} "
        "while fallen lines were repaired.",
        "The airport at {place} cancelled {flights}, leaving thousands of passengers stranded "
        "in terminals overnight.",
        "The death toll stood at {deaths:n} on {weekday} evening, up from an earlier count, "
        "and {official} warned that it could rise further.",
        "In {place}, {power} were still in the dark on {weekday}, according to the grid "
        "operator, which has deployed extra crews from neighbouring provinces.",
    ),
    colour=(
        "Residents described roofs being torn from houses and cars being pushed across streets "
        "by the force of the wind.",
        "Schools across {region} were closed and residents were urged to stay indoors until the "
        "warnings were lifted.",
        "Images shared on social media showed uprooted trees blocking the main road into {place} "
        "and boats tossed onto the harbour wall.",
        "Volunteers handed out blankets and hot food at a sports hall that had been turned into "
        "a temporary shelter.",
    ),
    quotes=(
        (
            "official",
            "We have not seen a storm of this strength in a generation, and the recovery will take "
            "weeks, not days",
        ),
        (
            "official",
            "Our crews are working around the clock, but I ask people to be patient and to stay "
            "away from fallen power lines",
        ),
        (
            "witness",
            "The wind was screaming all night, we just sat in the hallway and waited for it to end",
        ),
    ),
)


def _strike_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    offer = r.randint(20, 60) / 10
    return {
        "workers": C(r.randint(8, 95) * 1000, "worker"),
        "days": Fact("duration", r.randint(2, 10), unit="day"),
        "offer": Fact("percent", offer),
        "demand": Fact("percent", round(offer + r.randint(20, 80) / 10, 1)),
        "cost": Fact("money", r.randint(15, 250) * 1e6, unit=cur),
        "services": C(r.randint(150, 3000), "service"),
        "ballot": Fact("percent", r.randint(700, 970) / 10),
        "sites": C(r.randint(12, 140), "site"),
    }


def _strike_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["sector"] = r.choice(SECTORS)
    ctx["union"] = UNIONS[ctx["sector"]]
    ctx["employer"] = person(r)
    ctx["employer_role"] = "a spokesperson for the employers"
    ctx["witness_role"] = f"a commuter in {ctx['place']}"
    ctx["official_role"] = r.choice(
        (
            "the union's general secretary",
            "a union spokesperson",
            "the lead negotiator for the union",
        )
    )
    return ctx


STRIKE = EventType(
    "strike",
    _strike_facts,
    _strike_context,
    titles=(
        "{workers} walk out in {sector} strike across {country}",
        "{sector} strike enters second day as talks stall",
        "Union rejects {offer} pay offer, strike goes ahead",
        "Strike by {union} to last {days}",
        "Commuters face disruption as {sector} workers strike over pay",
    ),
    leads=(
        "{workers} [walked out|went on strike] across {country} on {weekday} after {union} "
        "rejected a pay offer of {offer}, [bringing|causing] widespread disruption to {sector} "
        "services.",
        "A {sector} strike involving {workers} began on {weekday} and is set to last {days}, "
        "{union} said, after talks with employers broke down.",
        "{union} launched a strike of {days} on {weekday}, with {workers} taking part in a dispute "
        "over pay and working hours.",
    ),
    sentences=(
        "The union is demanding a rise of {demand}, arguing that wages have fallen behind "
        "inflation over the past three years.",
        "Employers have offered {offer}, which they describe as fair and affordable given the "
        "state of public finances.",
        "Members backed the action by {ballot} in a ballot last month, on a turnout the union "
        "called a clear mandate.",
        "Business groups estimate that each day of the stoppage costs the economy {cost}.",
        "Operators said {services} had been cancelled on the first day alone, with only a "
        "skeleton timetable running in {place}.",
        "Picket lines were set up at {sites} across the country, according to the union.",
        "The walkout, planned to last {days}, is the longest in the sector for more than a decade.",
        "Government ministers urged the strikers, {workers:n} of them according to the union, "
        "to return to the negotiating table.",
    ),
    colour=(
        "Commuters in {place} queued for buses and taxis as stations stood largely empty during "
        "the morning rush hour.",
        "Strikers carrying flags and banners gathered outside the ministry, chanting and sounding horns.",
        "Employers accused the union of holding the public to ransom, a charge the union rejected.",
        "Talks are expected to resume later in the week, although neither side has signalled a "
        "willingness to compromise.",
    ),
    quotes=(
        (
            "official",
            "Nobody wants to strike, but our members have been left with no choice after years of "
            "real-terms pay cuts",
        ),
        (
            "employer",
            "The offer on the table is generous, and we urge the union to put it to its members",
        ),
        (
            "witness",
            "I support the workers, even if it means I have to walk to the office this week",
        ),
    ),
    incident=False,
)


def _election_facts(r: Random) -> dict[str, Fact]:
    share = r.randint(310, 520) / 10
    seats = r.choice((150, 200, 240, 300, 350))
    won = r.randint(int(seats * 0.35), int(seats * 0.56))
    return {
        "turnout": Fact("percent", r.randint(480, 790) / 10),
        "share": Fact("percent", share),
        "rival": Fact("percent", round(share - r.randint(20, 110) / 10, 1)),
        "seats": C(won, "seat"),
        "chamber": Fact("number", seats),
        "votes": C(r.randint(600, 6000) * 1000 + r.randint(0, 999), "vote"),
        "stations": C(r.randint(30, 180) * 100, "polling station"),
        "candidates": C(r.randint(4, 14), "candidate"),
    }


def _election_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    winner, loser = r.sample(PARTIES, 2)
    ctx.update(
        winner=winner,
        loser=loser,
        leader=person(r),
        rival=person(r),
        leader_role=f"the leader of {winner}",
        rival_role=f"the leader of {loser}",
        official_role=r.choice(("the electoral commission chair", "the head of the election board")),
    )
    return ctx


ELECTION = EventType(
    "election",
    _election_facts,
    _election_context,
    titles=(
        "{winner} wins {country} election with {share} of the vote",
        "{country} election: {leader} claims victory as turnout hits {turnout}",
        "{winner} takes {seats} in {country} parliament",
        "Voters in {country} hand {winner} a narrow win",
        "Election results: what we know so far in {country}",
    ),
    leads=(
        "{winner} [won|came first in] {country}'s general election with {share} of the vote, "
        "according to preliminary results released on {weekday}.",
        "{leader} claimed victory in {country} on {weekday} after {winner} secured {seats} in the "
        "{chamber}-seat parliament.",
        "Turnout in {country}'s parliamentary election reached {turnout}, the electoral "
        "commission said on {weekday}, as {winner} moved into a commanding lead.",
    ),
    sentences=(
        "{loser} finished second with {rival}, its worst result in two decades.",
        "{winner} won {seats} in the {chamber:n}-seat chamber, leaving it short of an outright "
        "majority and facing coalition talks.",
        "Turnout was {turnout}, [higher|lower] than at the last election, according to the "
        "electoral commission.",
        "In total, {votes:n} ballots were cast at {stations} nationwide.",
        "The party took {share} of the national vote, a result analysts described as a clear "
        "mandate for change.",
        "{candidates} contested the race for the presidency, which was held on the same day.",
        "Counting continued through the night in {place}, where observers reported no major irregularities.",
    ),
    colour=(
        "Supporters gathered outside the party headquarters in {place}, waving flags and "
        "setting off fireworks as the results came in.",
        "International observers said the vote had been orderly, although they noted some "
        "delays at polling stations in rural areas.",
        "Coalition negotiations are expected to begin next week and could last several months.",
        "The campaign was dominated by the cost of living, housing and migration.",
    ),
    quotes=(
        (
            "leader",
            "Tonight the people have spoken, and they have chosen a new direction for our country",
        ),
        (
            "rival",
            "We accept the result, but we will hold the new government to account on every promise",
        ),
        (
            "official",
            "The count was conducted transparently and the final results will be certified within the week",
        ),
    ),
    incident=False,
)


def _quake_facts(r: Random) -> dict[str, Fact]:
    return {
        "magnitude": Fact("number", r.randint(48, 78) / 10, digits=1),
        "depth": Fact("km", r.randint(5, 70)),
        "distance": Fact("km", r.randint(8, 120)),
        "deaths": C(r.randint(3, 300), "person", "people"),
        "injured": C(r.randint(40, 2500), "person", "people"),
        "buildings": C(r.randint(50, 4000), "building"),
        "aftershocks": C(r.randint(10, 160), "aftershock"),
        "displaced": C(r.randint(20, 400) * 100, "person", "people"),
    }


def _quake_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["official_role"] = r.choice(
        (
            "the head of the national disaster agency",
            "the regional governor",
            "the country's seismology chief",
        )
    )
    return ctx


EARTHQUAKE = EventType(
    "earthquake",
    _quake_facts,
    _quake_context,
    titles=(
        "Magnitude {magnitude} earthquake strikes {region}, killing {deaths:n}",
        "{country} earthquake: death toll climbs to {deaths:n}",
        "Powerful quake hits near {place}",
        "Rescuers search rubble after {magnitude}-magnitude quake in {country}",
        "Earthquake leaves {displaced} homeless in {region}",
    ),
    leads=(
        "A magnitude {magnitude} earthquake struck {region} [on {weekday}|early on {weekday}], "
        "killing {deaths} and injuring {injured}, officials said.",
        "At least {deaths:x} died when a powerful earthquake hit near {place} on {weekday}, "
        "collapsing buildings and sending residents fleeing into the streets.",
        "Rescuers in {country} were digging through rubble on {weekday} after a "
        "{magnitude}-magnitude quake [killed|left dead] {deaths}.",
    ),
    sentences=(
        "The quake struck at a depth of {depth}, according to the national seismology "
        "institute, which put its magnitude at {magnitude}.",
        "Its epicentre was {distance} from {place}, the largest town in the area.",
        "Officials said {injured} had been injured, many of them seriously.",
        "{buildings} were damaged or destroyed, including a hospital and two schools.",
        "Seismologists recorded {aftershocks} in the hours after the main shock.",
        "Around {displaced} were left homeless and are staying in tents and sports halls.",
        "The death toll rose to {deaths:n} by {weekday} evening as rescuers reached remote villages.",
    ),
    colour=(
        "Video from the scene showed collapsed apartment blocks and rescuers using their bare "
        "hands to move debris.",
        "Neighbouring countries offered search-and-rescue teams and sniffer dogs.",
        "Many residents spent the night outdoors, afraid to return to damaged homes.",
        "The region sits on a major fault line and has suffered deadly earthquakes before.",
    ),
    quotes=(
        (
            "official",
            "We are racing against time because people may still be alive under the rubble",
        ),
        ("witness", "The building shook like paper, and then everything came down around us"),
        ("official", "Every available team has been sent to the affected villages"),
    ),
)


def _results_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "revenue": Fact("money", r.randint(12, 480) * 1e8, unit=cur),
        "profit": Fact("money", r.randint(40, 2500) * 1e6, unit=cur),
        "change": Fact("percent", r.randint(20, 450) / 10),
        "jobs": C(r.randint(3, 120) * 100, "job"),
        "shares": Fact("percent", r.randint(15, 140) / 10),
        "stores": C(r.randint(12, 180), "store"),
        "customers": C(r.randint(15, 400) * 100000, "customer"),
    }


def _results_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["company"] = r.choice(COMPANIES)
    ctx["direction"] = r.choice(("rose", "fell"))
    ctx["official_role"] = r.choice(("the chief executive", "the chief financial officer"))
    ctx["analyst"] = person(r)
    ctx["analyst_role"] = f"an equity analyst in {ctx['place']}"
    return ctx


RESULTS = EventType(
    "company_results",
    _results_facts,
    _results_context,
    titles=(
        "{company} profit {direction} {change} to {profit}",
        "{company} to cut {jobs} after annual results",
        "{company} shares move {shares} on results day",
        "{company} reports revenue of {revenue}",
        "{company} results: five things to know",
    ),
    leads=(
        "{company} said on {weekday} that annual profit {direction} {change} to {profit}, as "
        "revenue reached {revenue}.",
        "{company} will cut {jobs} and close {stores}, the company said on {weekday} as it "
        "reported annual results.",
        "Shares in {company} moved {shares} on {weekday} after the group reported a profit of "
        "{profit} for the year.",
    ),
    sentences=(
        "Revenue for the year came to {revenue}, broadly in line with analysts' forecasts.",
        "Net profit {direction} {change} to {profit}, the company said in a statement to the stock exchange.",
        "The group plans to cut {jobs} over the next two years as part of a cost-saving programme.",
        "It will also close {stores}, mainly in smaller towns, and move more sales online.",
        "The shares closed {shares} [higher|lower] in {place}, [making|leaving] them among the "
        "most traded stocks of the day.",
        "The company now serves {customers}, up from the previous year.",
    ),
    colour=(
        "Analysts said the results showed the company was coping better than rivals with higher costs.",
        "Unions criticised the job cuts and said they would seek urgent talks with management.",
        "The company said it expected trading conditions to remain difficult in the coming year.",
        "Investors have been waiting for a clearer strategy from the new management team.",
    ),
    quotes=(
        (
            "official",
            "These are difficult decisions, but they are necessary to secure the long-term "
            "future of the business",
        ),
        ("official", "We delivered a solid performance in a challenging market"),
        ("analyst", "The numbers were better than feared, but the outlook remains cautious"),
    ),
    incident=False,
)


def _transfer_facts(r: Random) -> dict[str, Fact]:
    return {
        "fee": Fact("money", r.randint(8, 140) * 1e6, unit="€"),
        "contract": Fact("duration", r.randint(2, 6), unit="year"),
        "wage": Fact("money", r.randint(40, 350) * 1000, unit="€"),
        "age": Fact("number", r.randint(19, 31)),
        "goals": C(r.randint(4, 38), "goal"),
        "apps": C(r.randint(20, 180), "appearance"),
        "clause": Fact("money", r.randint(15, 50) * 1e7, unit="€"),
    }


def _transfer_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    src, dst = r.sample(CLUBS, 2)
    ctx.update(
        player=person(r),
        seller=src,
        buyer=dst,
        chairman=person(r),
        player_role=f"who joins from {src}",
        chairman_role=f"the {src} chairman",
        official_role=r.choice(("the club's sporting director", "the head coach")),
    )
    return ctx


TRANSFER = EventType(
    "transfer",
    _transfer_facts,
    _transfer_context,
    titles=(
        "{buyer} sign {player} from {seller} for {fee}",
        "{player} completes {fee} move to {buyer}",
        "{buyer} agree record deal for {player}",
        "{player} joins {buyer} in {fee} deal",
        "Transfer news: {player} leaves {seller}",
    ),
    leads=(
        "{buyer} have signed {player} from {seller} for a fee of {fee}, the club announced on {weekday}.",
        "{player} has completed a move to {buyer} worth {fee}, signing a contract running for "
        "{contract} after passing a medical on {weekday}.",
        "{seller} have agreed to sell {player} to {buyer} for {fee}, ending a long saga that "
        "dominated the transfer window.",
    ),
    sentences=(
        "The {age}-year-old has signed a contract of {contract}, with the option of a further year.",
        "He will earn a reported {wage} a week, making him one of the best-paid players at the club.",
        "He scored {goals} in all competitions last season.",
        "{player} made {apps} for {seller} after coming through the club's academy.",
        "His new contract includes a release clause of {clause}, according to people familiar with the deal.",
        "The fee of {fee} could rise with add-ons linked to appearances and trophies.",
    ),
    colour=(
        "Fans gathered outside the training ground to catch a glimpse of the new signing.",
        "The deal ends months of speculation about the player's future.",
        "The club is expected to use part of the money to strengthen its defence.",
        "The player thanked supporters in a farewell message on social media.",
    ),
    quotes=(
        (
            "official",
            "He is exactly the kind of player we have been looking for, and we are delighted to "
            "bring him here",
        ),
        ("player", "This is a dream for me, I have supported this club since I was a boy"),
        ("chairman", "We did not want to sell, but the offer was too good to turn down"),
    ),
    incident=False,
)


def _drone_facts(r: Random) -> dict[str, Fact]:
    launched = r.randint(12, 160)
    return {
        "drones": C(launched, "drone"),
        "downed": C(max(launched - r.randint(2, 25), 1), "drone"),
        "deaths": C(r.randint(1, 25), "person", "people"),
        "injured": C(r.randint(3, 90), "person", "people"),
        "border": Fact("km", r.randint(20, 400)),
        "buildings": C(r.randint(5, 120), "building"),
        "power": C(r.randint(5, 300) * 1000, "home"),
        "outage": Fact("duration", r.randint(3, 30), unit="hour"),
    }


def _drone_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["official_role"] = r.choice(
        (
            "the regional military administration head",
            "the city's mayor",
            "an air force spokesperson",
        )
    )
    return ctx


DRONE = EventType(
    "drone_attack",
    _drone_facts,
    _drone_context,
    titles=(
        "Drone attack on {place} kills {deaths:n}",
        "{drones} launched overnight at {region}, air force says",
        "Air defences down {downed} in overnight attack on {place}",
        "Drone strike leaves {power} without power in {place}",
        "Overnight drone attack: what we know",
    ),
    leads=(
        "A drone attack on {place} [overnight|late on {weekday}] killed {deaths} and injured "
        "{injured}, [local officials|the regional administration] said.",
        "{drones} were launched at {region} overnight, the air force said on {weekday}, of "
        "which {downed} were shot down or jammed.",
        "Emergency services in {place} were clearing debris on {weekday} after a drone strike "
        "killed {deaths} and damaged {buildings}.",
    ),
    sentences=(
        "The air force said {downed:n} of the {drones:n} drones had been intercepted.",
        "Officials said {injured} were injured, including children.",
        "{buildings} were damaged, among them apartment blocks and a school.",
        "The strike cut electricity to {power}, and repairs could take {outage}.",
        "The city lies {border} from the border and has been targeted repeatedly in recent months.",
        "The death toll rose to {deaths:n} as rescuers searched the rubble of a residential building.",
    ),
    colour=(
        "Residents spent the night in basements and metro stations as air raid sirens sounded.",
        "Photos from the scene showed burnt-out cars and shattered windows along a main street.",
        "The attack was one of the largest on the region this year.",
        "Firefighters worked for hours to put out blazes at several sites.",
    ),
    quotes=(
        ("witness", "It was a terrible night, the explosions went on for hours"),
        ("official", "Our air defence worked well, but not every drone can be stopped"),
        ("official", "We will rebuild, as we have done every time before"),
    ),
)


def _flood_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "rain": Fact("number", r.randint(8, 35) * 10, unit="millimeters"),
        "level": Fact("number", r.randint(15, 60) / 10, digits=1, unit="meters"),
        "evacuated": C(r.randint(10, 300) * 100, "person", "people"),
        "deaths": C(r.randint(1, 30), "person", "people"),
        "homes": C(r.randint(3, 90) * 100, "home"),
        "roads": C(r.randint(12, 140), "road"),
        "damage": Fact("money", r.randint(30, 900) * 1e6, unit=cur),
        "days": Fact("duration", r.randint(2, 9), unit="day"),
    }


def _flood_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["river"] = f"River {r.choice(('Ness', 'Ardle', 'Vey', 'Orrin', 'Tamsel', 'Lune'))}"
    ctx["official_role"] = r.choice(
        ("the head of the flood agency", "the town's mayor", "the regional emergency chief")
    )
    return ctx


FLOOD = EventType(
    "flood",
    _flood_facts,
    _flood_context,
    titles=(
        "Floods force {evacuated} from their homes in {region}",
        "{river} bursts its banks in {place}",
        "Flooding kills {deaths:n} in {region}",
        "{homes} flooded as rain lashes {region}",
        "Flood warnings remain in place across {region}",
    ),
    leads=(
        "Flooding in {region} forced {evacuated} from their homes on {weekday} after the "
        "{river} burst its banks in {place}.",
        "At least {deaths:x} have died in floods in {region}, officials said on {weekday}, after "
        "{rain} of rain fell in [two days|a matter of hours].",
        "The {river} rose {level} above its normal level in {place} on {weekday}, flooding "
        "{homes} and cutting off whole neighbourhoods.",
    ),
    sentences=(
        "Meteorologists said {rain} of rain had fallen, the equivalent of two months' rainfall.",
        "The river peaked at {level} above normal, according to the flood agency.",
        "Around {evacuated} had been evacuated, many of them by boat.",
        "The floods have claimed {deaths}, and several people are still missing.",
        "{homes} were flooded and {roads} closed across the region.",
        "Early estimates put the damage at {damage}.",
        "Parts of {place} have been under water for {days}, and more rain is forecast.",
    ),
    colour=(
        "Soldiers and volunteers filled sandbags to protect the town's historic centre.",
        "Residents waded through waist-deep water to rescue belongings from their homes.",
        "Farmers said large areas of crops had been destroyed just weeks before the harvest.",
        "Critics said flood defences promised after the last disaster had never been built.",
    ),
    quotes=(
        ("witness", "The water came up so fast that we only had time to grab the children and run"),
        (
            "official",
            "Our priority now is to get everyone out of danger and to make sure nobody is left behind",
        ),
        ("witness", "This is the worst flooding I have seen in 30 years of living here"),
    ),
)


def _budget_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    seats = r.choice((200, 300, 400, 450))
    yes = r.randint(int(seats * 0.5) + 1, int(seats * 0.65))
    return {
        "total": Fact("money", r.randint(80, 900) * 1e9, unit=cur),
        "yes": Fact("number", yes),
        "no": Fact("number", seats - yes - r.randint(2, 20)),
        "deficit": Fact("percent", r.randint(15, 65) / 10),
        "defence": Fact("percent", r.randint(30, 180) / 10),
        "health": Fact("money", r.randint(8, 90) * 1e9, unit=cur),
        "debate": Fact("duration", r.randint(9, 40), unit="hour"),
        "taxcut": Fact("money", r.randint(5, 60) * 1e8, unit=cur),
    }


def _budget_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["minister"] = ctx["official"]
    ctx["official_role"] = "the finance minister"
    ctx["rival"] = person(r)
    ctx["rival_role"] = "an opposition spokesperson"
    return ctx


BUDGET = EventType(
    "budget_vote",
    _budget_facts,
    _budget_context,
    titles=(
        "{country} parliament passes {total} budget",
        "Budget approved by {yes} votes to {no}",
        "{country} budget: defence spending up {defence}",
        "Lawmakers back budget after {debate} of debate",
        "What the new budget means for you",
    ),
    leads=(
        "{country}'s parliament approved a {total} budget on {weekday} by {yes} votes to {no}, "
        "after a marathon session.",
        "Lawmakers in {country} passed next year's budget of {total} on {weekday}, including a "
        "{defence:x} rise in defence spending.",
        "The budget of {total} cleared parliament on {weekday} after {debate} of debate, "
        "handing a victory to finance minister {minister}.",
    ),
    sentences=(
        "The bill passed by {yes} votes to {no}, with several members of the governing coalition abstaining.",
        "The government expects a deficit of {deficit} of economic output next year.",
        "Defence spending will rise by {defence}, the largest increase in a decade.",
        "The health service will receive {health}, an increase ministers called historic.",
        "The budget also includes tax cuts worth {taxcut} for low and middle earners.",
        "The final vote came after {debate} of debate, one of the longest sessions on record.",
    ),
    colour=(
        "Opposition parties said the budget relied on optimistic growth forecasts.",
        "Economists warned that the spending plans would add to public debt.",
        "Protesters gathered outside parliament during the debate, calling for more money for schools.",
        "The budget now goes to the upper house, which is expected to approve it.",
    ),
    quotes=(
        (
            "official",
            "This is a responsible budget that protects families while investing in our security",
        ),
        ("rival", "The government is spending money it does not have"),
        ("official", "We listened to people's concerns and we have delivered"),
    ),
    incident=False,
)


def _fire_facts(r: Random) -> dict[str, Fact]:
    return {
        "hectares": Fact("number", r.randint(8, 400) * 100, unit="hectares"),
        "evacuated": C(r.randint(5, 200) * 100, "resident"),
        "firefighters": C(r.randint(15, 180) * 10, "firefighter"),
        "homes": C(r.randint(5, 400), "home"),
        "contained": Fact("percent", r.randint(5, 80)),
        "aircraft": C(r.randint(4, 40), "aircraft", "aircraft"),
        "distance": Fact("km", r.randint(3, 60)),
        "days": Fact("duration", r.randint(2, 12), unit="day"),
    }


def _fire_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["official_role"] = r.choice(("the fire service chief", "the regional forestry director"))
    return ctx


WILDFIRE = EventType(
    "wildfire",
    _fire_facts,
    _fire_context,
    titles=(
        "Wildfire near {place} forces {evacuated} to flee",
        "Wildfire burns {hectares} in {region}",
        "{firefighters} battle blaze in {region}",
        "Wildfire destroys {homes} near {place}",
        "Wildfire in {region}: what we know",
    ),
    leads=(
        "A wildfire in {region} has burned {hectares} and forced {evacuated} to leave their "
        "homes, officials said on {weekday}.",
        "{firefighters} were battling a wildfire {distance} from {place} on {weekday}, "
        "supported by {aircraft}.",
        "A fast-moving wildfire destroyed {homes} near {place} on {weekday}, [fire officials|"
        "the fire service] said.",
    ),
    sentences=(
        "The fire has burned {hectares} of forest and farmland since it broke out.",
        "The blaze was {contained} contained by {weekday} evening, the fire service said.",
        "{evacuated} were ordered to leave as the flames approached.",
        "{firefighters:n} firefighters and {aircraft} were deployed to fight the blaze.",
        "The fire was burning about {distance} from the centre of {place}.",
        "The fire has been burning for {days}, fanned by strong winds and high temperatures.",
        "It has destroyed {homes}, according to a preliminary count.",
    ),
    colour=(
        "Thick smoke hung over the region, and health officials urged people to stay indoors.",
        "Residents loaded cars with pets and belongings as ash fell on the streets.",
        "Investigators are trying to determine the cause of the fire.",
        "Temperatures are forecast to stay high for the rest of the week.",
    ),
    quotes=(
        (
            "official",
            "The wind keeps changing direction, which makes this fire very hard to predict",
        ),
        ("witness", "We left with only the clothes we were wearing"),
        (
            "official",
            "Our firefighters have been working without rest, and I thank every one of them",
        ),
    ),
)


def _rail_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "passengers": C(r.randint(80, 600), "passenger"),
        "deaths": C(r.randint(1, 40), "person", "people"),
        "injured": C(r.randint(10, 200), "person", "people"),
        "speed": Fact("speed", r.randint(6, 18) * 10),
        "carriages": C(r.randint(2, 9), "carriage"),
        "distance": Fact("km", r.randint(2, 40)),
        "delay": Fact("duration", r.randint(6, 72), unit="hour"),
        "compensation": Fact("money", r.randint(2, 60) * 1e6, unit=cur),
    }


def _rail_context(r: Random) -> dict[str, str]:
    ctx = _place_context(r)
    ctx["official_role"] = r.choice(("the transport minister", "the rail operator's chief executive"))
    ctx["witness_role"] = "a passenger on the train"
    return ctx


RAIL = EventType(
    "rail_crash",
    _rail_facts,
    _rail_context,
    titles=(
        "Train derails near {place}, killing {deaths:n}",
        "Rail crash in {region}: {injured} injured",
        "Investigation opened into {place} train derailment",
        "Train was travelling at {speed} before crash, officials say",
        "Derailment near {place}: what we know",
    ),
    leads=(
        "A passenger train derailed near {place} on {weekday}, killing {deaths} and injuring "
        "{injured}, officials said.",
        "{carriages} of a passenger train left the tracks {distance} from {place} on {weekday}, "
        "[the rail operator said|officials said].",
        "Investigators in {region} were examining the wreckage of a train that derailed on "
        "{weekday} with {passengers} on board.",
    ),
    sentences=(
        "The train was carrying {passengers} when it came off the tracks.",
        "It was travelling at {speed} as it entered a bend, according to preliminary data.",
        "{carriages} overturned, trapping passengers inside.",
        "The crash happened {distance} from the station at {place}.",
        "Officials said {injured} were taken to hospital, some in a critical condition.",
        "The line is expected to remain closed for {delay} while the wreckage is removed.",
        "The operator has set aside {compensation} for victims' families.",
    ),
    colour=(
        "Survivors described being thrown across the carriage as the train lurched and tipped.",
        "Rescuers used cutting equipment to free people trapped in the wreckage.",
        "The government declared a day of national mourning.",
        "Unions have long warned about the condition of the track on the line.",
    ),
    quotes=(
        ("witness", "There was a terrible noise, and then the carriage was on its side"),
        (
            "official",
            "We will find out exactly what happened, and those responsible will be held to account",
        ),
        ("official", "Our thoughts are with the families of those who died"),
    ),
)

EVENT_TYPES: tuple[EventType, ...] = (
    STORM,
    STRIKE,
    ELECTION,
    EARTHQUAKE,
    RESULTS,
    TRANSFER,
    DRONE,
    FLOOD,
    BUDGET,
    WILDFIRE,
    RAIL,
)

COMMON_FILLERS = (
    "More details are expected to be released later in the day, when the authorities are due "
    "to hold a press conference in {place}.",
    "{source} has contacted the relevant ministry for comment but had not received a response "
    "by the time of publication.",
    "The story is developing and will be updated as more information becomes available from "
    "officials and from our reporters on the ground.",
    "Analysts said it was too early to judge the long-term consequences, but several warned that "
    "the effects could be felt well beyond {region}.",
)
NEUTRAL_FILLERS = (
    *COMMON_FILLERS,
    "Commentators on television and radio spent much of {weekday} debating what the news would "
    "mean for {region} and beyond.",
    "The announcement was widely discussed on social media, where reactions ranged from open "
    "enthusiasm to deep scepticism.",
    "Observers said the coming weeks would show whether the promises made on {weekday} could be "
    "turned into concrete results.",
    "Critics argued that the decision had been rushed, while supporters said it was long overdue "
    "and reflected the realities of the moment.",
    "It is not yet clear how the move will be received by the wider public, and opinion polls in "
    "recent weeks have been sharply divided.",
    "{source} will publish further analysis of the figures in the coming days, including what "
    "they mean for readers in {place}.",
    "Previous attempts to settle similar questions ended in lengthy disputes, and several people "
    "involved said they hoped this time would be different.",
    "The timing is significant, coming only weeks before a series of other important decisions "
    "expected later in the year.",
    "People in {place} interviewed by {source} gave mixed reactions, with some welcoming the "
    "news and others saying it changed little for them.",
    "Officials declined to give further details, saying that more information would be provided "
    "once all the figures had been checked.",
    "Some of the figures quoted in early reports differed, and several were later corrected as "
    "official documents were published.",
    "The development is likely to feature prominently in debates in parliament next week, "
    "according to several lawmakers.",
)
INCIDENT_FILLERS = (
    *COMMON_FILLERS,
    "The full extent of the damage was not immediately clear on {weekday}, and officials "
    "cautioned that it could take several days before a complete picture emerged.",
    "Officials urged people to rely on verified information from the authorities and not to "
    "share unconfirmed rumours or old videos on social media.",
    "The situation has prompted renewed debate about preparedness, public spending and whether "
    "warnings from experts had been taken seriously enough in the past.",
    "Opposition politicians called for an independent inquiry into the response, saying the "
    "public deserved to know whether mistakes had been made.",
    "A telephone hotline has been set up for people seeking information about relatives, and "
    "the authorities said it would remain open through the weekend.",
    "The government said it would hold an emergency meeting to discuss the next steps and to "
    "decide whether additional funding was needed for {region}.",
    "Local businesses in {place} said they were still assessing the impact on trade, with some "
    "shops and restaurants choosing to stay closed for the rest of the week.",
    "The news dominated conversation in {place}, where many residents said they were still "
    "taking in what had happened and worried about what would come next.",
    "Reporters from {source} in {place} said the mood was tense but calm, with people gathering "
    "in cafes and on street corners to exchange news.",
    "Figures released by different agencies have varied over the course of the day, and "
    "officials have said that some of them may be revised as more information comes in.",
    "The ministry said it would publish a full report within the coming weeks and would present "
    "its findings to parliament before the end of the session.",
    "It is not the first time the area has faced such a situation in recent years, and many "
    "residents said they felt that lessons from the past had not been learned.",
    "Neighbouring authorities offered assistance, according to a government statement, which did "
    "not give details of what form that help would take.",
    "Several international organisations said they were monitoring the situation closely and "
    "stood ready to help if the government requested it.",
    "Community groups in {place} organised collections of food, clothes and money, and "
    "volunteers said the response from ordinary people had been overwhelming.",
    "Questions remain about how the authorities communicated with the public in the first hours, "
    "when information was scarce and often contradictory.",
)
EXTENDERS = (
    ", according to figures released on {weekday}",
    ", officials in {region} said",
    ", according to a statement published on the government's website",
    ", though the figure could still change as more information comes in",
    ", according to people briefed on the matter",
    ", {source} has learned",
    ", according to an update issued late on {weekday}",
    ", local media reported",
)
NEUTRAL_QUOTES = (
    "This is an important moment, and we will have more to say in the coming days",
    "We have been clear about our priorities from the start, and that has not changed",
    "Everyone will have to wait and see how this plays out over the next few months",
)
INCIDENT_QUOTES = (
    "We are following the situation closely and will act as soon as we have all the facts",
    "People deserve clear answers, and they deserve them quickly",
    "It is too early to draw conclusions, but we will learn lessons from this",
)

# --------------------------------------------------------------------------
# Rendering sentences
# --------------------------------------------------------------------------

_ALT = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_LEADING_NUMBER = re.compile(r"(\d{1,2}) (?=[a-z])")
_SLOT = re.compile(r"\{(\w+)(?::(\w))?\}")


def slots_of(template: str) -> set[str]:
    return {m.group(1) for m in _SLOT.finditer(template)}


def extend(template: str, rng: Random, unused: list[str], probability: float = 0.6) -> str:
    """Sometimes add an attribution clause, so that outlets word the same fact differently.

    ``unused`` holds the clauses not yet used in this article; the one used is removed.
    """
    if (
        not unused
        or rng.random() >= probability
        or not template.endswith(".")
        or " said" in template
        or "according to" in template
    ):
        return template
    clause = unused.pop(rng.randrange(len(unused)))
    return template[:-1] + clause + "."


def fill(template: str, ctx: dict[str, str], facts: dict[str, Fact], style: Style, rng: Random) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)

    def slot(m: re.Match[str]) -> str:
        name, mode = m.group(1), m.group(2) or ""
        if name in facts:
            return render_fact(facts[name], mode, style, rng)
        return ctx[name]

    text = _SLOT.sub(slot, text)
    lead = _LEADING_NUMBER.match(text)
    if lead:  # house style: never start a sentence with a small figure in digits
        text = number_word(int(lead.group(1))) + text[lead.end(1) :]
    return text[0].upper() + text[1:]


def title_case(text: str) -> str:
    return text[0].upper() + text[1:]


@dataclass
class Outlet:
    name: str
    domain: str
    style: Style


@dataclass
class Event:
    index: int
    kind: EventType
    facts: dict[str, Fact]
    ctx: dict[str, str]
    start: datetime
    articles: int


@dataclass
class Draft:
    event: Event
    outlet: Outlet
    published: datetime
    title: str
    paragraphs: list[str]
    deviation: dict[str, Any] | None = None
    mentioned: list[str] = field(default_factory=list)


def make_outlets(rng: Random) -> list[Outlet]:
    outlets = []
    for name in OUTLET_NAMES:
        slug = re.sub(r"[^a-z]+", "", name.lower().removeprefix("the "))
        tld = rng.choice((".com", ".co", ".news", ".net", ".org"))
        british = rng.random() < 0.5
        units = (
            "both" if rng.random() < 0.2 else ("imperial" if not british and rng.random() < 0.5 else "metric")
        )
        offset = rng.choice(TZ_OFFSETS)
        style = Style(
            words_small=rng.random() < 0.6,
            british=british,
            percent_sign=rng.random() < 0.55,
            money_short=rng.random() < 0.5,
            units=units,
            km_glued=rng.random() < 0.3,
            hedge=rng.choice((0.1, 0.2, 0.3, 0.45)),
            said=rng.choice(SAID),
            tz=timezone(timedelta(minutes=offset)),
            section=rng.choice(SECTIONS),
        )
        outlets.append(Outlet(name, f"www.{slug}{tld}", style))
    return outlets


def split_sizes(rng: Random, total: int) -> list[int]:
    """Articles per event: 5-20 each, summing to total (fewer/smaller for tiny archives)."""
    if total <= 0:
        return []
    n_events = max(1, min(round(total / 12.5), total))
    lo = 5 if n_events * 5 <= total else 1
    hi = 20 if n_events * 20 >= total else total
    sizes = [rng.randint(lo, min(hi, 20)) for _ in range(n_events)]
    while sum(sizes) > total:
        i = rng.randrange(n_events)
        if sizes[i] > lo:
            sizes[i] -= 1
    while sum(sizes) < total:
        i = rng.randrange(n_events)
        if sizes[i] < hi:
            sizes[i] += 1
    return sizes


def make_events(rng: Random, total: int) -> list[Event]:
    events = []
    for index, size in enumerate(split_sizes(rng, total)):
        kind = EVENT_TYPES[index % len(EVENT_TYPES)] if index < len(EVENT_TYPES) else rng.choice(EVENT_TYPES)
        day = rng.randrange(SPAN_DAYS - 3)
        start = ARCHIVE_START + timedelta(days=day, minutes=rng.randrange(24 * 60))
        facts = kind.facts(rng)
        ctx = _distinct_people(kind.context(rng), rng)
        ctx["weekday"] = WEEKDAYS[start.weekday()]
        events.append(Event(index, kind, facts, ctx, start, size))
    return events


def word_count(sentences: Sequence[str]) -> int:
    return sum(len(s.split()) for s in sentences)


def quote_sentence(quote: str, speaker: str, role: str, first: bool, style: Style, rng: Random) -> str:
    """Attribute a quote: full name and role on first mention, surname after."""
    who = f"{speaker}, {role}" if first else speaker.split()[-1]
    if style.said == "said" and rng.random() < 0.6:
        return f'"{quote}," said {who}.'
    return f'"{quote}," {who}{"," if first else ""} {style.said}.'


def write_article(
    event: Event, outlet: Outlet, published: datetime, rng: Random, deviate_fact: str | None
) -> Draft:
    kind, style = event.kind, outlet.style
    facts = dict(event.facts)
    deviation = None
    if deviate_fact is not None:
        wrong = deviate(facts[deviate_fact], rng)
        deviation = {
            "fact": deviate_fact,
            "true": facts[deviate_fact].shown(),
            "reported": wrong.shown(),
        }
        facts[deviate_fact] = wrong
    ctx = dict(event.ctx, source=outlet.name)

    for _attempt in range(20):
        lead_t = rng.choice(kind.leads)
        body_t = list(kind.sentences)
        rng.shuffle(body_t)
        if deviate_fact is not None and deviate_fact not in slots_of(lead_t):
            # Make sure the wrong figure is actually printed.
            carrying = [t for t in body_t if deviate_fact in slots_of(t)]
            if carrying:
                body_t.remove(carrying[0])
                body_t.insert(rng.randrange(min(3, len(body_t) + 1)), carrying[0])
        n_facts = rng.randint(max(3, len(body_t) - 3), len(body_t))
        chosen = body_t[:n_facts]
        colour = list(kind.colour)
        rng.shuffle(colour)
        quotes = [f"{who}|{q}" for who, q in kind.quotes]
        rng.shuffle(quotes)
        generic = list(INCIDENT_FILLERS if kind.incident else NEUTRAL_FILLERS)
        rng.shuffle(generic)
        extra_quotes = [f"official|{q}" for q in (INCIDENT_QUOTES if kind.incident else NEUTRAL_QUOTES)]
        rng.shuffle(extra_quotes)

        target = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
        target_words = rng.randint(MIN_WORDS, MAX_WORDS)
        templates: list[tuple[str, str]] = [("t", lead_t)]
        templates += [("t", t) for t in chosen[:2]]
        middle: list[tuple[str, str]] = [("t", t) for t in chosen[2:]]
        middle += [("t", t) for t in colour[: rng.randint(1, len(colour))]]
        middle += [("q", q) for q in quotes[: rng.randint(1, 2)]]
        rng.shuffle(middle)
        templates += middle
        tail = [("t", g) for g in generic] + [("q", q) for q in extra_quotes[:1]]
        rng.shuffle(tail)

        sentences: list[str] = []
        used: list[str] = []
        introduced: set[str] = set()
        clauses = list(EXTENDERS)
        pool = templates + tail
        for tag, template in pool:
            words = word_count(sentences)
            if len(sentences) >= target and words >= target_words:
                break
            if len(sentences) >= MAX_SENTENCES:
                break
            if tag == "q":
                who, text = template.split("|", 1)
                quote = fill(text, ctx, facts, style, rng)
                sentence = quote_sentence(
                    quote, ctx[who], ctx[f"{who}_role"], who not in introduced, style, rng
                )
            elif template in kind.sentences:
                sentence = fill(extend(template, rng, clauses), ctx, facts, style, rng)
            else:
                sentence = fill(template, ctx, facts, style, rng)
            if words + len(sentence.split()) > MAX_WORDS:
                continue
            sentences.append(sentence)
            if tag == "q":
                introduced.add(template.split("|", 1)[0])
            else:
                used.extend(sorted(slots_of(template) & facts.keys()))
        words = word_count(sentences)
        if not (MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES and MIN_WORDS <= words <= MAX_WORDS):
            continue
        if deviate_fact is not None and deviate_fact not in used:
            continue
        paragraphs = [sentences[0]]
        i = 1
        while i < len(sentences):
            take = rng.choice((1, 2, 2, 3))
            paragraphs.append(" ".join(sentences[i : i + take]))
            i += take
        title = title_case(fill(rng.choice(kind.titles), ctx, facts, style, rng))
        mentioned = sorted(set(used))
        return Draft(event, outlet, published, title, paragraphs, deviation, mentioned)
    raise RuntimeError(f"could not compose an article for event {event.index}")


def deviation_choice(event: Event, rng: Random) -> str:
    names = sorted(event.facts)
    return rng.choice(names)


def posted_line(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    ampm = "am" if dt.hour < 12 else "pm"
    return f"Posted {MONTHS[dt.month - 1]} {dt.day}, {dt.year} {hour}:{dt.minute:02d} {ampm}."


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return "-".join(slug.split("-")[:10])


def article_record(draft: Draft, article_id: str) -> dict[str, str]:
    local = draft.published.astimezone(draft.outlet.style.tz)
    url = (
        f"https://{draft.outlet.domain}/{draft.outlet.style.section}/"
        f"{local:%Y/%m/%d}/{slugify(draft.title)}-{article_id.split('-')[-1]}"
    )
    return {
        "id": article_id,
        "title": draft.title,
        "text": "\n\n".join(draft.paragraphs),
        "source": draft.outlet.name,
        "url": url,
        "published": local.isoformat(),
    }


def txt_document(draft: Draft) -> str:
    local = draft.published.astimezone(draft.outlet.style.tz)
    head = [draft.title, f"By {draft.outlet.name}", posted_line(local), ""]
    return "\n".join(head) + "\n" + "\n\n".join(draft.paragraphs) + "\n"


def _clean(out_dir: Path) -> None:
    for pattern in OUTPUT_PATTERNS:
        for path in out_dir.glob(pattern):
            path.unlink()


def generate_archive(
    out_dir: Path, articles: int = 1000, seed: int = 7, *, truth: Path | None = None
) -> Path:
    """Write a synthetic archive of ``articles`` articles into ``out_dir`` and return it.

    Files this generator wrote before (batch-*.jsonl, art-*.json, art-*.txt) are
    removed first; other files in the folder are left alone.  With ``truth``, a
    JSON file describing the events, their figures and every deviation is written
    there (keep it outside ``out_dir``: it is not an article).
    """
    if articles < 0:
        raise ValueError("articles must be >= 0")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean(out_dir)
    rng = Random(seed)
    outlets = make_outlets(rng)
    events = make_events(rng, articles)

    drafts: list[Draft] = []
    for event in events:
        chosen = (
            rng.sample(outlets, event.articles)
            if event.articles <= len(outlets)
            else [rng.choice(outlets) for _ in range(event.articles)]
        )
        for outlet in chosen:
            published = event.start + timedelta(minutes=rng.randrange(COVERAGE_HOURS * 60))
            wrong = deviation_choice(event, rng) if rng.random() < DEVIATION_RATE else None
            drafts.append(write_article(event, outlet, published, rng, wrong))
    drafts.sort(key=lambda d: (d.published, d.event.index, d.outlet.name))

    ids = [f"art-{i + 1:05d}" for i in range(len(drafts))]
    n_json = round(len(drafts) * SINGLE_JSON_SHARE)
    n_txt = round(len(drafts) * TXT_SHARE)
    picked = rng.sample(range(len(drafts)), n_json + n_txt)
    as_json, as_txt = set(picked[:n_json]), set(picked[n_json:])

    batch: list[str] = []
    batch_no = 0

    def flush() -> None:
        nonlocal batch, batch_no
        if batch:
            batch_no += 1
            (out_dir / f"batch-{batch_no:03d}.jsonl").write_text(
                "".join(batch), encoding="utf-8", newline="\n"
            )
            batch = []

    for i, (draft, article_id) in enumerate(zip(drafts, ids, strict=True)):
        if i in as_txt:
            (out_dir / f"{article_id}.txt").write_text(txt_document(draft), encoding="utf-8", newline="\n")
            continue
        record = article_record(draft, article_id)
        if i in as_json:
            (out_dir / f"{article_id}.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
                newline="\n",
            )
            continue
        batch.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(batch) == ARTICLES_PER_JSONL:
            flush()
    flush()

    if truth is not None:
        _write_truth(Path(truth), seed, events, drafts, ids)
    return out_dir


def _write_truth(path: Path, seed: int, events: list[Event], drafts: list[Draft], ids: list[str]) -> None:
    data = {
        "seed": seed,
        "events": [
            {
                "event": e.index,
                "type": e.kind.name,
                "start": e.start.isoformat(),
                "articles": e.articles,
                "facts": {name: f.shown() for name, f in sorted(e.facts.items())},
                "context": {k: v for k, v in sorted(e.ctx.items())},
            }
            for e in events
        ],
        "articles": [
            {
                "id": article_id,
                "event": d.event.index,
                "source": d.outlet.name,
                "mentions": d.mentioned,
                "deviation": d.deviation,
            }
            for d, article_id in zip(drafts, ids, strict=True)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="folder to write the archive into")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument(
        "--truth",
        type=Path,
        default=None,
        help="also write the ground truth (events, figures, deviations) here",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = generate_archive(args.out_dir, args.articles, args.seed, truth=args.truth)
    elapsed = time.perf_counter() - started
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    by_ext: dict[str, int] = {}
    for name in files:
        ext = name.rsplit(".", 1)[-1]
        by_ext[ext] = by_ext.get(ext, 0) + 1
    summary = ", ".join(f"{n} .{ext}" for ext, n in sorted(by_ext.items()))
    print(f"wrote {args.articles} articles to {out} ({summary}) in {elapsed:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
