"""Units of measure: the table in `data/units.json`, conversion and dimensions through pint; money is
read by `checker.money` and converted here only between a currency and its subunits."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.money import currency_at, is_currency, subunit
from checker.tables import load_table

if TYPE_CHECKING:
    from checker.tokens import Tok

#: pint dimensionality -> the dimension name used for blocking and comparison
_DIMENSION_NAMES = {
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass]": "mass",
    "[time]": "duration",
    "[temperature]": "temperature",
    "[length] / [time]": "speed",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "1 / [time]": "frequency",
    "[mass] / [length] / [time] ** 2": "pressure",
}


@dataclass(frozen=True)
class Unit:
    name: str
    pint: str | None
    explicit_dimension: str | None = None


@dataclass(frozen=True)
class UnitTable:
    surfaces: dict[str, Unit]  # lower-cased surface -> unit
    case_sensitive: frozenset[str]
    digit_only: frozenset[str]
    max_surface_words: int
    not_units: frozenset[str]


@cache
def unit_table() -> UnitTable:
    raw: dict[str, Any] = load_table("units.json")
    surfaces: dict[str, Unit] = {}
    for name, spec in raw["units"].items():
        unit = Unit(name=name, pint=spec.get("pint"), explicit_dimension=spec.get("dimension"))
        for surface in spec["surfaces"]:
            surfaces[surface.lower()] = unit
    return UnitTable(
        surfaces=surfaces,
        case_sensitive=frozenset(raw["case_sensitive"]),
        digit_only=frozenset(raw["digit_only"]),
        max_surface_words=max(len(s.split()) for s in surfaces),
        not_units=frozenset(raw["not_units"]),
    )


@cache
def _registry() -> Any:
    import pint  # imported on first conversion: loading the registry takes a moment

    return pint.UnitRegistry()


@cache
def _pint_facts(pint_expr: str) -> tuple[str, float, bool]:
    """(dimension name, factor to base units, is an offset unit) for a pint expression."""
    ureg = _registry()
    one = ureg.Quantity(1, ureg.Unit(pint_expr)) if "*" not in pint_expr else ureg.parse_expression(pint_expr)
    dims = str(one.dimensionality)
    offset = dims == "[temperature]" and not one._ok_for_muldiv()
    factor = 1.0 if offset else float(one.to_base_units().magnitude)
    return _DIMENSION_NAMES.get(dims, dims), factor, offset


def dimension_of(unit_name: str) -> str:
    """'kilometre' -> 'length'; 'percent' -> 'percent'; 'USD' -> 'currency:USD'; unknown -> 'count'."""
    if unit_name.startswith("currency:"):
        return unit_name
    if (sub := subunit(unit_name)) is not None:
        return f"currency:{sub.of}"
    if is_currency(unit_name):
        return f"currency:{unit_name}"
    unit = unit_by_name(unit_name)
    if unit is None:
        return "count"
    if unit.explicit_dimension:
        return unit.explicit_dimension
    assert unit.pint is not None
    return _pint_facts(unit.pint)[0]


@cache
def unit_by_name(name: str) -> Unit | None:
    """The unit of a canonical name: from the table, or a unit pint knows ('hertz', 'gigabyte')."""
    for unit in unit_table().surfaces.values():
        if unit.name == name:
            return unit
    expr = name.replace(" ", "_")
    return Unit(name=name, pint=expr) if _pint_name(expr) == expr else None


@cache
def _pint_name(token: str) -> str | None:
    """pint's canonical name for a unit symbol or word ('GHz' -> 'gigahertz'), None when it knows none."""
    try:
        return str(_registry().parse_units(token))
    except Exception:  # pint raises several error types for text that is not a unit
        return None


@cache
def pint_unit(token: str, glued: bool) -> tuple[str, str] | None:
    """(name, dimension) for a unit written as a symbol or word the table does not list, read by pint.

    Only where a reader would see a unit: right after digits, never a word on the table's list of
    English words pint also knows ('point', 'turn', 'hand', 'at', 'a')."""
    if token in unit_table().not_units or token.lower() in unit_table().not_units:
        return None
    if len(token) < 2 and not glued:
        return None
    name = _pint_name(token)
    if name is None or name == "dimensionless":
        return None
    return name.replace("_", " "), _pint_facts(name)[0]


class UnitHit(NamedTuple):
    """A unit found after a figure: its name, dimension, tokens used, and a scale it carries ('MUSD')."""

    name: str
    dimension: str
    n: int
    scale: float = 1.0


def unit_at(toks: list[Tok], k: int, after_digits: bool, scaled: bool = False) -> UnitHit | None:
    """The unit written from token k on: money first ('dollars', '10 €', '50 cents'), then measures.

    'pounds' is money only after a scale word ('20 million pounds'); '25 pounds' is a weight."""
    table = unit_table()
    if k >= len(toks):
        return None
    if toks[k].text == "%":
        return UnitHit("percent", "percent", 1)
    if toks[k].text == "°" and k + 1 < len(toks) and toks[k + 1].low in {"c", "f"}:
        unit = table.surfaces["°" + toks[k + 1].low]
        return UnitHit(unit.name, dimension_of(unit.name), 2)
    money = currency_at(toks, k, after_digits)
    if money is not None and (scaled or _joined(toks[k : k + money[1]]) not in table.surfaces):
        currency, n = money
        return UnitHit(currency.code, dimension_of(currency.code), n, currency.scale)
    for n in range(min(table.max_surface_words, len(toks) - k), 0, -1):
        window = toks[k : k + n]
        phrase = _joined(window)
        if phrase not in table.surfaces and n > 1 and window[-1].text == ".":
            continue  # a full stop after the unit ends the sentence; the shorter window takes the unit
        probe = phrase if phrase in table.surfaces else phrase.rstrip(".")
        if probe not in table.surfaces:
            continue
        raw = " ".join(t.text for t in window)
        if probe in table.digit_only and not after_digits:
            continue
        if probe in table.case_sensitive and raw.rstrip(".") not in {probe, probe.upper()}:
            continue
        if probe in {"c", "f"} and not (after_digits and raw.isupper()):
            continue  # a bare letter is a temperature only as a capital after digits ('12 C')
        unit = table.surfaces[probe]
        return UnitHit(unit.name, dimension_of(unit.name), n)
    tok = toks[k]
    if after_digits and tok.kind in {"word", "other"}:
        glued = k >= 1 and toks[k - 1].glued_to(tok)
        found = pint_unit(tok.text, glued)
        if found is not None:
            return UnitHit(found[0], found[1], 1)
    return None


def _joined(window: list[Tok]) -> str:
    """The lower-cased words of a window as written: glued tokens stay glued ('km/h'), others spaced."""
    out = window[0].low
    for a, b in itertools.pairwise(window):
        out += ("" if a.glued_to(b) else " ") + b.low
    return out


def rate_after(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """'a barrel', 'per share', 'a month': (the thing the figure is per, tokens used) after a unit."""
    if k + 1 >= len(toks) or toks[k].low not in {"a", "an", "per"}:
        return None
    nxt = toks[k + 1]
    unit = unit_table().surfaces.get(nxt.low)
    if unit is not None and nxt.kind == "word":
        then = toks[k + 2].low if k + 2 < len(toks) else ""
        if then in load_table("context.json")["time_reference_after"]:
            return None  # "$6.78 billion a year earlier": when, not per what
        return unit.name, 2
    if toks[k].low == "per" and nxt.kind == "word" and nxt.low not in unit_table().not_units:
        from checker.counted import counted_noun

        counted = counted_noun(toks, k + 1, singular=True)
        if counted is not None:
            return counted[0].lower(), 1 + counted[1]
    return None


def to_base(value: float, unit_name: str | None) -> float:
    """The value in SI base units (temperatures in kelvin); counts, money and percents unchanged."""
    sub = subunit(unit_name) if unit_name else None
    if sub is not None:
        return value / sub.per  # "164p" is GBP 1.64
    unit = unit_by_name(unit_name) if unit_name else None
    if unit is None or unit.pint is None:
        return value
    _, factor, offset = _pint_facts(unit.pint)
    if offset:
        ureg = _registry()
        return float(ureg.Quantity(value, ureg.Unit(unit.pint)).to("kelvin").magnitude)
    return value * factor


def base_scale(unit_name: str | None) -> float:
    """How many base units one unit is (for converting tolerances); 1 for offset units."""
    sub = subunit(unit_name) if unit_name else None
    if sub is not None:
        return 1 / sub.per
    unit = unit_by_name(unit_name) if unit_name else None
    if unit is None or unit.pint is None:
        return 1.0
    return _pint_facts(unit.pint)[1]
