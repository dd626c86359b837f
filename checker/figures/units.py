"""Units of measure: the table in `data/units.json`, conversion and dimensions through pint, and the cue
words a symbol read only as written needs before it ("K" is kelvins only after a temperature). Currencies
are `checker.figures.currencies`, converted here only between a currency and its subunits. Reading units
from text is `checker.figures.unit_phrases`; the number reader asks the table here whether "m" or "K"
after digits is a unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.figures.currencies import is_currency, subunit
from checker.figures.tokens import Tok
from checker.tables import load_table

#: dimension names used for blocking and comparison, each by a unit pint measures it in
_DIMENSION_REFERENCES = {
    "length": "meter",
    "area": "meter ** 2",
    "volume": "meter ** 3",
    "mass": "kilogram",
    "duration": "second",
    "temperature": "kelvin",
    "speed": "meter / second",
    "power": "watt",
    "energy": "joule",
    "frequency": "hertz",
    "pressure": "pascal",
}


_SURFACE_TOKENS = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
#: how many words before a unit its cue may be, and after a bare degree sign its scale
CUE_WINDOW = 5


@dataclass(frozen=True)
class Unit:
    name: str
    pint: str | None
    explicit_dimension: str | None = None
    cue: str | None = None  # a list in data/context.json, one of whose words must come before the figure


@dataclass(frozen=True)
class UnitTable:
    surfaces: dict[str, Unit]  # lower-cased surface -> unit
    case_sensitive: frozenset[str]
    digit_only: frozenset[str]
    exact: dict[str, Unit]  # surfaces read only as written ('g', 'G')
    max_surface_words: int  # in tokens: 'barrel-a-day' is five
    not_units: frozenset[str]
    parts: dict[str, str]  # unit -> the smaller unit a measure is finished in ("5 ft 2 in")
    named: dict[tuple[str, ...], tuple[float, str]]  # words -> (value, unit): 'absolute zero' is 0 K


@cache
def unit_table() -> UnitTable:
    raw: dict[str, Any] = load_table("units.json")
    surfaces: dict[str, Unit] = {}
    exact: dict[str, Unit] = {}
    exact_case = frozenset(raw["exact_case"])
    for name, spec in raw["units"].items():
        unit = Unit(name, spec.get("pint"), spec.get("dimension"), spec.get("cue"))
        for surface in spec["surfaces"]:
            if surface in exact_case:
                exact[surface] = unit
            else:
                surfaces[surface.lower()] = unit
    return UnitTable(
        surfaces=surfaces,
        case_sensitive=frozenset(raw["case_sensitive"]),
        digit_only=frozenset(raw["digit_only"]),
        exact=exact,
        max_surface_words=max(len(_SURFACE_TOKENS.findall(s)) for s in surfaces),
        not_units=frozenset(raw["not_units"]),
        parts={k: v for k, v in raw["parts"].items() if not k.startswith("_")},
        named={tuple(k.split()): (float(v[0]), v[1]) for k, v in raw["named"].items()},
    )


def cued_symbol(toks: list[Tok], k: int) -> bool:
    """Whether token k is a symbol read only as written ('g', 'K') and the words its unit needs come
    before it: 'K' is kelvins only after a temperature ('300 °C (573.15K)'), else thousands."""
    unit = unit_table().exact.get(toks[k].text)
    return unit is not None and (unit.cue is None or cued(toks, k, unit.cue))


def cued(toks: list[Tok], k: int, cue: str) -> bool:
    """Whether a word of the `cue` list comes within a few words before the unit at k."""
    cues = load_table("context.json")[cue]
    return any(t.low in cues for t in toks[max(0, k - CUE_WINDOW) : k])


@cache
def _registry() -> Any:
    import pint  # imported on first conversion: loading the registry takes a moment

    return pint.UnitRegistry()


@cache
def _pint_facts(pint_expr: str) -> tuple[str, float, bool]:
    """(dimension name, factor to base units, is an offset unit) for a pint expression."""
    ureg = _registry()
    plain = not any(op in pint_expr for op in "*/(")
    one = ureg.Quantity(1, ureg.Unit(pint_expr)) if plain else ureg.parse_expression(pint_expr)
    dims = str(one.dimensionality)
    offset = dims == "[temperature]" and not one._ok_for_muldiv()
    factor = 1.0 if offset else float(one.to_base_units().magnitude)
    return _dimension_names().get(_dimension_key(one.dimensionality), dims), factor, offset


def _dimension_key(dimensionality: Any) -> frozenset[tuple[str, float]]:
    return frozenset(dict(dimensionality).items())


@cache
def _dimension_names() -> dict[frozenset[tuple[str, float]], str]:
    ureg = _registry()
    return {
        _dimension_key(ureg.parse_expression(unit).dimensionality): name
        for name, unit in _DIMENSION_REFERENCES.items()
    }


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
    """The unit of a canonical name: from the table, a unit pint knows ('hertz', 'gigabyte'), or one
    built of them ('square centimetre', 'metre per second')."""
    table = unit_table()
    for unit in [*table.surfaces.values(), *table.exact.values()]:
        if unit.name == name:
            return unit
    if " per " in name:
        num, _, den = name.rpartition(" per ")  # 'joule per square metre per year' is (J/m²)/yr
        a, b = unit_by_name(num), unit_by_name(den)
        top, bottom = a.pint if a else None, b.pint if b else None
        return Unit(name, f"({_as_factor(top)}) / ({_as_factor(bottom)})") if top and bottom else None
    for word, power in (("square ", 2), ("cubic ", 3), ("inverse ", -1)):
        base = unit_by_name(name.removeprefix(word)) if name.startswith(word) else None
        if base is not None and base.pint is not None:
            return Unit(name, f"({_as_factor(base.pint)}) ** {power}")
    expr = name.replace(" ", "_")
    us = expr.replace("metre", "meter").replace("litre", "liter")
    return Unit(name=name, pint=us) if _pint_name(us) == us else None


def _as_factor(pint_expr: str) -> str:
    """A unit as a factor of a compound unit. An offset unit there is a difference of temperatures
    ('3°C per hour' warms by 3 kelvins an hour, 'per degree Celsius'), which pint calls delta_degree_Celsius
    and can divide; degree_Celsius itself it cannot."""
    return f"delta_{pint_expr}" if _pint_facts(pint_expr)[2] else pint_expr


@cache
def _pint_name(token: str) -> str | None:
    """pint's canonical name for a unit symbol or word ('GHz' -> 'gigahertz'), None when it knows none."""
    try:
        return str(_registry().parse_units(token))
    except Exception:  # pint raises several error types for text that is not a unit
        return None


@cache
def pint_unit(token: str, glued: bool, allow_words: bool = False) -> tuple[str, str] | None:
    """(name, dimension) for a unit written as a symbol or word the table does not list, read by pint.

    Only where a reader would see a unit: right after digits, never a word on the table's list of
    English words pint also knows ('point', 'turn', 'hand', 'at', 'a') unless it starts a rate
    (`allow_words`: 'A/cm2'); a word in capitals is a symbol ('MB'), not the word ('mb')."""
    not_units = unit_table().not_units
    as_word = token.islower() or token.istitle()  # "ev", "Mb"; never "eV", "MB"
    if not allow_words and (token in not_units or (token.lower() in not_units and as_word)):
        return None
    if len(token) < 2 and not glued:
        return None
    name = _pint_name(token) or _pint_name(_hertz_case(token))
    if name is None or name == "dimensionless":
        return None
    return _readable(name), _pint_facts(name)[0]


def _readable(pint_name: str) -> str:
    """pint's name in the words checker names units with: 'centimeter ** 3' -> 'cubic centimeter',
    'kilometer / hour' -> 'kilometer per hour'."""
    name = pint_name.replace("_", " ")
    for power, word in ((" ** 2", "square "), (" ** 3", "cubic ")):
        if name.endswith(power) and " " not in name.removesuffix(power):
            name = word + name.removesuffix(power)
    name = name.replace("meter", "metre").replace("liter", "litre")  # the spelling the table uses
    return name.replace(" / ", " per ")


def _hertz_case(token: str) -> str:
    """'Ghz', 'HZ', 'KHZ' as pint writes them ('GHz', 'Hz', 'kHz'): frequencies are often miscased."""
    if not token.lower().endswith("hz"):
        return token
    prefix = token[:-2]
    return (prefix.lower() if prefix.lower() == "k" else prefix.upper()) + "Hz"


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
