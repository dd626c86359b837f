"""Published spec cases for reading figures: Microsoft Recognizers-Text's English specs and quantulum3's
own test cases, read from `../shared/data` (never copied here) and scored case by case.

Shared by `benchmarks/quantities.py` (the table) and `tests/test_quantity_specs.py` (regressions). A
case either counts or is excluded, and every exclusion names its family, so the table can list them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from benchmarks.common import SHARED_DATA, read_jsonl
from checker import Qualifier, Quantity, parse_quantities
from checker.figures.units import unit_by_name

RECOGNIZERS = SHARED_DATA / "recognizers_text" / "recognizers_text_en.jsonl"
QUANTULUM = SHARED_DATA / "quantulum3" / "quantulum3_en_tests.jsonl"

#: the Recognizers-Text models scored, and what each is run on
RECOGNIZER_MODELS = {
    "Number/NumberRangeModel": "NumberRange",
    "Number/PercentModel": "Percent",
    "NumberWithUnit/CurrencyModel": "Currency",
    "NumberWithUnit/DimensionModel": "Dimension",
    "Number/NumberModel": "Number",
}


@dataclass(frozen=True)
class CaseResult:
    id: str
    model: str
    text: str
    excluded: str | None  # the family the case was left out for, or None when it counts
    ok: bool
    expected: str
    got: str


def close(a: float | None, b: float | None, rel: float = 1e-5) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def same_multiset(expected: list[Any], got: list[Any], equal: Callable[[Any, Any], bool]) -> bool:
    """One-to-one: every expected item finds its own equal, and nothing is left over."""
    if len(expected) != len(got):
        return False
    left = list(got)
    for e in expected:
        for k, g in enumerate(left):
            if equal(e, g):
                del left[k]
                break
        else:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Recognizers-Text
# ---------------------------------------------------------------------------------------------

_DOTNET = re.compile(r"\bdotnet\b", re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b")
_PHONE = re.compile(r"\+?\d{1,3}-\d{3}-\d{4}")
_DOTTED = re.compile(r"\b\d+\.\d+\.\d+")
_UNIT_NO_FIGURE = "a unit named without a figure (Recognizers gives it no value)"
_EXCLUSIONS: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
    ("unsupported by the .NET reference", lambda c: bool(_DOTNET.search(c.get("not_supported") or ""))),
    ("a date split into numbers", lambda c: bool(_DATE.search(c["input"]))),
    ("a phone number split into numbers", lambda c: bool(_PHONE.search(c["input"]))),
    ("an IP address or version split into numbers", lambda c: bool(_DOTTED.search(c["input"]))),
    (
        "a percent with no figure",
        lambda c: (
            any(e.get("value") in {None, "null"} for e in c["expected"])
            and c["model"].endswith("PercentModel")
        ),
    ),
]


def exclusion(case: dict[str, Any]) -> str | None:
    for family, applies in _EXCLUSIONS:
        if applies(case):
            return family
    return None


def recognizer_cases() -> Iterator[dict[str, Any]]:
    for case in read_jsonl(RECOGNIZERS):
        if case["model"] in RECOGNIZER_MODELS:
            yield case


def parse_interval(text: str) -> tuple[float | None, float | None, bool, bool]:
    """'(20,35]' -> (20, 35, False, True); an empty side is unbounded."""
    lo_s, hi_s = text[1:-1].split(",")
    lo = float(lo_s) if lo_s.strip() else None
    hi = float(hi_s) if hi_s.strip() else None
    return lo, hi, text[0] == "[", text[-1] == "]"


def _interval_of(q: Quantity) -> tuple[float | None, float | None, bool, bool]:
    """checker closes an upper bound on a count or money at 0 ('fewer than a thousand' is [0, 1000)),
    because neither is ever negative; Recognizers leaves that side open, so the floor is dropped here."""
    floored = q.low == 0 and q.value > 0 and q.qualifier in {Qualifier.LESS_THAN, Qualifier.AT_MOST}
    return (None if floored else q.low), q.high, q.low_inclusive, q.high_inclusive


def _same_interval(e: tuple[float | None, ...], g: tuple[float | None, ...]) -> bool:
    e_lo, e_hi, e_lo_inc, e_hi_inc = e
    g_lo, g_hi, g_lo_inc, g_hi_inc = g
    if not (close(e_lo, g_lo) and close(e_hi, g_hi)):
        return False
    if e_lo is not None and e_lo_inc != g_lo_inc:
        return False
    # Recognizers writes plain ranges ("between 20 and 30", "1000-5000") half-open by convention
    plain_range = e_lo is not None and e_hi is not None and e_lo_inc and not e_hi_inc
    return bool(e_hi is None or e_hi_inc == g_hi_inc or plain_range)


def _is_bound(q: Quantity) -> bool:
    """A figure NumberRangeModel reports: a bound or range, or one stated as an equality ('equals 20')."""
    if q.qualifier is Qualifier.EXACT and q.hedge is not None:
        return True
    return q.low != q.high or q.low is None or q.high is None or not (q.low_inclusive and q.high_inclusive)


def _is_range_case(case: dict[str, Any]) -> bool:
    return all(e["value"] and e["value"][0] in "([" for e in case["expected"])


def _pint_expression(name: str) -> str:
    """A unit name written out ('Square meter', 'cubic kilometre', 'Meter per millisecond') as pint
    reads it."""
    expr = name.lower()
    for word, power in (("square ", "**2"), ("cubic ", "**3")):
        expr = re.sub(rf"{word}(\w+)", rf"\1{power}", expr)
    expr = re.sub(r"inverse (\w+)", r"1/\1", expr)
    expr = expr.replace(" per ", "/").replace("degree celsius", "degC").replace("degree fahrenheit", "degF")
    return expr.replace(" ", "_")


#: Recognizers' 'Ton' stands for 't', 'ton' and 'tonne' alike; its 'Metric ton' is the tonne only
_RECOGNIZER_TON = ("Ton", {"tonne", "ton"})


def _unit_factor(name: str | None) -> tuple[str, float] | None:
    """(pint dimensionality, factor to base units) of a Recognizers or checker unit name."""
    if not name:
        return None
    from checker.figures.units import _registry

    ureg = _registry()
    ours = unit_by_name(name)
    expr = ours.pint if ours is not None and ours.pint else _pint_expression(name)
    try:
        q = ureg.Quantity(1, ureg.parse_expression(expr).units)
        base = q.to_base_units()
    except Exception:
        return None
    return str(q.dimensionality), float(base.magnitude)


def _same_unit(a: str | None, b: str | None) -> bool:
    """Recognizers' unit `a` against checker's `b`; DimensionModel reads no rates, so '500,000 barrels a
    day' is compared on its barrels."""
    if a and b and " per " in b and " per " not in a.lower():
        b = b.split(" per ")[0]
    if a == _RECOGNIZER_TON[0] and b in _RECOGNIZER_TON[1]:
        return True
    fa, fb = _unit_factor(a), _unit_factor(b)
    return fa is not None and fb is not None and fa[0] == fb[0] and math.isclose(fa[1], fb[1], rel_tol=1e-6)


#: Recognizers' names for money checker reads as a subunit or a code outside ISO 4217
_RECOGNIZER_MONEY = {
    "cent": "cent",
    "pence": "penny",
    "penny": "penny",
    "bitcoin": "BTC",
    "satoshi": "satoshi",
}


@cache
def _currency_names() -> dict[str, str]:
    """English currency names (babel's CLDR, historic ones too) -> ISO code."""
    from babel import Locale

    return {name.lower(): code for code, name in Locale("en").currencies.items()}


def _same_money(expected: dict[str, Any], ours: str) -> bool:
    """Whether checker's unit is the money Recognizers names. A name without a code ('Franc', 'Rupee',
    'Netherlands guilder') matches a currency of that name ('CHF' is a franc, 'NLG' a Dutch guilder);
    'Dollar' and 'Pound' alone are US and British."""
    ours = ours.split(" per ")[0]  # "$2 per share": CurrencyModel reads the money, not the rate
    if expected.get("iso_currency"):
        return ours == expected["iso_currency"]
    unit = (expected.get("unit") or "").lower()
    if unit in _RECOGNIZER_MONEY:
        return ours == _RECOGNIZER_MONEY[unit]
    if unit in {"dollar", "pound"}:
        return ours == {"dollar": "USD", "pound": "GBP"}[unit]
    names = _currency_names()
    if unit in names:
        return ours == names[unit]
    our_name = next((name for name, code in names.items() if code == ours), "")
    return bool(unit) and our_name.split()[-1:] == unit.split()[-1:]


#: what DimensionModel leaves to Recognizers' other models (Percent, Temperature, DateTime durations)
_NOT_DIMENSIONS = {"count", "percent", "percentage_point", "temperature", "duration"}


def score_recognizer_case(
    case: dict[str, Any], numbers: Callable[[str], list[float]] | None = None
) -> CaseResult:
    """Whether checker reads the case as its spec says; `numbers` reads plain numbers (NumberModel)."""
    model = RECOGNIZER_MODELS[case["model"]]
    text = case["input"]
    excluded = exclusion(case)
    expected_items = [e for e in case["expected"] if e.get("value") not in {None, "null"}]
    if model in {"Currency", "Dimension"} and len(expected_items) < len(case["expected"]):
        excluded = excluded or _UNIT_NO_FIGURE
    ok = False
    got_repr = ""
    if model == "Number":
        values = numbers(text) if numbers is not None else []
        ok = same_multiset([float(e["value"]) for e in expected_items], values, close)
        got_repr = repr(values)
    else:
        found = parse_quantities(text)
        if model == "NumberRange":
            bounds = [_interval_of(q) for q in found if _is_bound(q)]
            exp = [parse_interval(e["value"]) for e in expected_items] if _is_range_case(case) else []
            ok = same_multiset(exp, bounds, _same_interval)
            got_repr = repr(bounds)
        elif model == "Percent":
            got_pct = [q.value for q in found if q.dimension == "percent"]
            ok = same_multiset([float(e["value"].rstrip("%")) for e in expected_items], got_pct, close)
            got_repr = repr(got_pct)
        elif model == "Currency":
            got_money = [(q.value, q.unit or "") for q in found if q.dimension.startswith("currency:")]
            exp_money = [(float(e["value"]), e) for e in expected_items]
            ok = same_multiset(
                exp_money, got_money, lambda e, g: close(e[0], g[0]) and _same_money(e[1], g[1])
            )
            got_repr = repr(got_money)
        else:  # Dimension
            got_dim = [
                (q.value, q.unit)
                for q in found
                if q.dimension not in _NOT_DIMENSIONS and not q.dimension.startswith("currency:")
            ]
            exp_dim = [(float(e["value"]), e["unit"]) for e in expected_items]
            ok = same_multiset(exp_dim, got_dim, lambda e, g: close(e[0], g[0]) and _same_unit(e[1], g[1]))
            got_repr = repr(got_dim)
    expected_repr = repr([(e["text"], e["value"], e.get("unit")) for e in case["expected"]])
    return CaseResult(case["id"], model, text, excluded, ok, expected_repr, got_repr)


# ---------------------------------------------------------------------------------------------
# quantulum3
# ---------------------------------------------------------------------------------------------

_YEAR = re.compile(r"^(1[0-9]|20)\d\d$")
_QUANTULUM_CURRENCIES = {"pound sterling", "dollar", "euro", "penny", "cent", "dime", "yen"}
#: quantulum3's names pint spells otherwise ('pound-mass' is pint's 'pound'; 'minute of arc' its 'arcminute')
_QUANTULUM_PINT_NAMES = {"pound-mass": "pound", "minute of arc": "arcminute", "second of arc": "arcsecond"}
#: what a counting unit of quantulum3's stands for: checker reads 'a dozen eggs' as 12 eggs
_QUANTULUM_COUNTS = {"dozen": 12.0, "baker's dozen": 13.0, "gross": 144.0}


def _quantulum_dimension(unit: str) -> str | None:
    """The pint dimensionality of a quantulum3 unit name; 'count' for dimensionless, 'currency' for money."""
    if unit in {"dimensionless"} or unit.startswith("count") or unit in _QUANTULUM_COUNTS:
        return "count"
    if unit in {"percentage"}:
        return "percent"
    if unit in _QUANTULUM_CURRENCIES or (unit.startswith(("dollar", "euro")) and " per " not in unit):
        return "currency"
    name = _QUANTULUM_PINT_NAMES.get(unit, unit)
    for expr in (_pint_expression(name), _pint_expression(name).replace("_", "*")):  # 'joule second'
        found = _pint_dimension(expr)
        if found is not None:
            return found
    return None


def _pint_dimension(expr: str) -> str | None:
    """pint's dimensionality of a unit expression; a pure number in pint (bits, bytes; not an angle) is
    a count."""
    from checker.figures.units import _registry

    ureg = _registry()
    try:
        one = ureg.Quantity(1, ureg.parse_expression(expr).units)
    except Exception:
        return None
    if one.dimensionless and "radian" not in str(one.to_root_units().units):
        return "count"
    return str(one.dimensionality)


def _quantulum_expected(e: dict[str, Any]) -> tuple[float, str | None]:
    return float(e["value"]) * _QUANTULUM_COUNTS.get(e["unit"], 1.0), _quantulum_dimension(e["unit"])


def _our_dimension(q: Quantity) -> str | None:
    if q.dimension == "count":
        return "count"
    if q.dimension in {"percent", "percentage_point"}:
        return "percent"
    if q.dimension.startswith("currency:"):
        return None if " per " in q.dimension else "currency"  # quantulum3 gives money rates no dimension
    unit = unit_by_name(q.unit) if q.unit else None
    if unit is None or unit.pint is None:
        return None
    return _pint_dimension(unit.pint)


def _quantulum_value(q: Quantity) -> float:
    """quantulum3 writes a range as its midpoint (with an uncertainty)."""
    if q.low is not None and q.high is not None and q.low != q.high:
        return (q.low + q.high) / 2
    return q.value


def quantulum_cases() -> list[dict[str, Any]]:
    return read_jsonl(QUANTULUM)


def _unread_vague(text: str, expected: list[dict[str, Any]], found: list[Quantity]) -> bool:
    """Whether checker reads a vague amount ('several hundred years') where quantulum3 expects nothing."""
    spans = [(k, k + len(e["surface"])) for e in expected if (k := text.find(e["surface"])) >= 0]
    return any(
        q.qualifier is Qualifier.VAGUE and not any(a < q.end and q.start < b for a, b in spans) for q in found
    )


def _inside_a_name(text: str, expected: list[dict[str, Any]]) -> bool:
    """Whether a bare number quantulum3 expects sits between two capitalised words ('South 32 Ltd')."""
    return any(
        re.search(rf"[A-Z]\w*\W+{re.escape(e['surface'])}\W+[A-Z]", text) is not None
        for e in expected
        if e["unit"] == "dimensionless"
    )


def _quantulum_exclusion(case: dict[str, Any], found: list[Quantity]) -> str | None:
    expected = case["expected"]
    if _inside_a_name(case["text"], expected):
        return (
            "a number inside a name ('South 32 Ltd', like 'Big 12', 'Apollo 11'): a name in news, not a "
            "figure to compare"
        )
    if any(e["unit"] == "dimensionless" and _YEAR.match(str(e["surface"]).strip()) for e in expected):
        return "holds a year, which checker does not read as a figure"
    if any(float(e["value"]) < 0 and e["surface"].startswith("(") for e in expected):
        return (
            "a bracketed figure read as a negative (accounting style); in news a bracket holds an aside "
            "or a conversion ('EUR 40 ($45)'), never a minus"
        )
    if _unread_vague(case["text"], expected, found):
        return (
            "a vague amount quantulum3 leaves unread ('several hundred'); checker reads it as an interval "
            "by design (issue 3)"
        )
    return None


def score_quantulum_case(case: dict[str, Any]) -> CaseResult:
    expected = case["expected"]
    found = parse_quantities(case["text"])
    excluded = _quantulum_exclusion(case, found)
    got = [(_quantulum_value(q), _our_dimension(q)) for q in found]
    exp = [_quantulum_expected(e) for e in expected]
    ok = same_multiset(exp, got, lambda e, g: close(e[0], g[0]) and e[1] == g[1])
    return CaseResult(case["id"], "quantulum3", case["text"], excluded, ok, repr(exp), repr(got))
