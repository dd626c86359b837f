"""Units of measure and money: the table in `data/units.json`, conversion and dimensions through pint,
currency codes through pycountry. No exchange rates: different currencies are never comparable."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

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
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    dollar_prefixes: dict[str, str]
    dollar_suffixes: dict[str, str]
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
    currencies = raw["currencies"]
    words = {k: v for k, v in currencies["words"].items() if not k.startswith("_")}
    return UnitTable(
        surfaces=surfaces,
        case_sensitive=frozenset(raw["case_sensitive"]),
        digit_only=frozenset(raw["digit_only"]),
        currency_symbols=dict(sorted(currencies["symbols"].items(), key=lambda kv: -len(kv[0]))),
        currency_words=words,
        dollar_prefixes=dict(currencies["dollar_prefixes"]),
        dollar_suffixes=dict(currencies["dollar_suffixes"]),
        max_surface_words=max(len(s.split()) for s in [*surfaces, *words]),
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


def unit_at(toks: list[Tok], k: int, after_digits: bool, scaled: bool = False) -> tuple[str, str, int] | None:
    """(unit name, dimension, tokens used) for a unit written from token k on.

    'pounds' is money only after a scale word ('20 million pounds'); '25 pounds' is a weight."""
    table = unit_table()
    if k >= len(toks):
        return None
    if toks[k].text == "%":
        return "percent", "percent", 1
    if toks[k].text == "°" and k + 1 < len(toks) and toks[k + 1].low in {"c", "f"}:
        unit = table.surfaces["°" + toks[k + 1].low]
        return unit.name, dimension_of(unit.name), 2
    for n in range(min(table.max_surface_words, len(toks) - k), 0, -1):
        window = toks[k : k + n]
        phrase = _joined(window)
        code = table.currency_words.get(phrase) or iso_currency(" ".join(t.text for t in window))
        if code is not None and not (phrase in table.surfaces and not scaled):
            return code, f"currency:{code}", n
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
        return unit.name, dimension_of(unit.name), n
    tok = toks[k]
    if after_digits and tok.kind in {"word", "other"}:
        glued = k >= 1 and toks[k - 1].glued_to(tok)
        found = pint_unit(tok.text, glued)
        if found is not None:
            return found[0], found[1], 1
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
        return unit.name, 2
    if toks[k].low == "per" and nxt.kind == "word" and nxt.low not in unit_table().not_units:
        from checker.counted import counted_noun

        counted = counted_noun(toks, k + 1, singular=True)
        if counted is not None:
            return counted[0].lower(), 1 + counted[1]
    return None


def currency_before(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """(ISO code, token index) of a currency symbol or code written before the figure at token i."""
    if i < 1:
        return None
    prev = toks[i - 1]
    if prev.kind == "sym" and prev.text in unit_table().currency_symbols:
        symbol_code = unit_table().currency_symbols[prev.text]
        # "US $5", "HK $5", "C $5", "$US5", "$A5": a country prefix or suffix around the dollar sign
        if symbol_code == "USD" and i >= 2 and toks[i - 2].text in unit_table().dollar_prefixes:
            return unit_table().dollar_prefixes[toks[i - 2].text], i - 2
        return symbol_code, i - 1
    glued_code = iso_currency(prev.text) if prev.kind == "word" and prev.text.isupper() else None
    if glued_code is not None and prev.glued_to(toks[i]):
        return glued_code, i - 1  # "USD10m", "EUR50m"
    spaced_code = iso_currency(prev.text)
    if spaced_code is not None:
        return spaced_code, i - 1
    if prev.kind == "word" and prev.text in unit_table().dollar_suffixes and i >= 2:
        before = toks[i - 2]
        if before.text == "$" and before.glued_to(prev):
            return unit_table().dollar_suffixes[prev.text], i - 2
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
