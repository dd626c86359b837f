"""House-style wording of figures: number words, round numbers for hedges, and an outlet's `Style`
deciding digits or words, "per cent" or "%", "$4.5m" or "4.5 million dollars", km or miles.

The same figure comes out worded differently from one outlet to the next, as in real news.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timezone
from random import Random

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


#: how far a hedge may sit from the figure it hedges: "nearly 40" for 30, or "nearly $3m" for $2.1m, is not a
#: hedge but another figure, which a desk would query and a checker is right to flag
HEDGE_SLACK = 0.10


def near_enough(shown: float, true: float) -> bool:
    """Whether a hedge showing `shown` ("about 40", "nearly 40") honestly hedges `true`."""
    return abs(shown - true) <= HEDGE_SLACK * abs(shown)


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
    if kind in ("nearly", "almost", "about", "some"):
        shown = nice_ceil(n) if kind in ("nearly", "almost") else nice_round(n)
        text = count_text(shown, style, rng)
        if near_enough(shown, n):
            return f"{kind} {text}"
        # no round number near enough: "about" the figure itself, worded by a generator of its own so
        # that the archive's draws (and every later article) stay what they were
        return f"about {count_text(n, style, Random(n))}"
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
        if kind != "more than" and not near_enough(small, amount):
            kind, small = "about", round(amount)
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
    if kind != "more than" and not near_enough(value * unit, amount):
        kind, value = "about", round(amount / unit, 2 if amount / unit < 10 else 1)
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
    if kind == "more than":  # an open bound: "more than 8 percent" is true of 8.9
        return f"{kind} {percent_text(math.floor(x - 0.01), style)}"
    shown: float
    if kind == "just over":  # a near bound: "just over 8 percent" for 8.9 misstates it, as "nearly" would
        shown = math.floor(x - 0.01)
    elif kind in ("nearly", "almost"):
        shown = math.ceil(x + 0.01)
    else:
        shown = round(x)
    if not near_enough(shown, x):
        kind, shown = "about", x
    return f"{kind} {percent_text(shown, style)}"


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
    shown = nice_round(km)
    if not near_enough(shown, km):
        kind, shown = "about", round(km)
    return f"{kind} {km_text(shown, style, rng)}"


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
