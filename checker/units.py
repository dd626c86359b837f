"""Units of measure and money: the table in `data/units.json`, conversion and dimensions through pint,
currency codes through pycountry. No exchange rates: different currencies are never comparable."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.tables import load_table

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
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    max_surface_words: int


@cache
def unit_table() -> UnitTable:
    raw: dict[str, Any] = load_table("units.json")
    surfaces: dict[str, Unit] = {}
    for name, spec in raw["units"].items():
        unit = Unit(name=name, pint=spec.get("pint"), explicit_dimension=spec.get("dimension"))
        for surface in spec["surfaces"]:
            surfaces[surface.lower()] = unit
    currencies = raw["currencies"]
    words = {k: v for k, v in currencies["words"].items() if not k.startswith("_")}
    return UnitTable(
        surfaces=surfaces,
        case_sensitive=frozenset(raw["case_sensitive"]),
        digit_only=frozenset(raw["digit_only"]),
        currency_symbols=dict(sorted(currencies["symbols"].items(), key=lambda kv: -len(kv[0]))),
        currency_words=words,
        max_surface_words=max(len(s.split()) for s in [*surfaces, *words]),
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
    unit = unit_by_name(unit_name)
    if unit is None:
        return "count"
    if unit.explicit_dimension:
        return unit.explicit_dimension
    assert unit.pint is not None
    return _pint_facts(unit.pint)[0]


@cache
def unit_by_name(name: str) -> Unit | None:
    for unit in unit_table().surfaces.values():
        if unit.name == name:
            return unit
    return None


def to_base(value: float, unit_name: str | None) -> float:
    """The value in SI base units (temperatures in kelvin); counts, money and percents unchanged."""
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
    unit = unit_by_name(unit_name) if unit_name else None
    if unit is None or unit.pint is None:
        return 1.0
    return _pint_facts(unit.pint)[1]


@cache
def iso_currency(code: str) -> str | None:
    """'usd' or 'USD' -> 'USD' when pycountry knows it as an ISO 4217 code."""
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        return None
    import pycountry

    found = pycountry.currencies.get(alpha_3=code)
    return found.alpha_3 if found else None
