"""An event's figures (`Fact`), how one is rendered in an outlet's style, and how an outlet gets one
wrong (`deviate`): the planted errors of the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from .wording import (
    Style,
    count_text,
    duration_text,
    fmt_decimal,
    hedged_count,
    hedged_km,
    hedged_money,
    hedged_percent,
    km_text,
    money_text,
    percent_text,
    speed_text,
    with_commas,
)


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


def C(value: int, singular: str, plural: str | None = None) -> Fact:
    """A count of a noun ("household", or "person" / "people"): the commonest figure of an event."""
    return Fact("count", value, (singular, plural or singular + "s"))
