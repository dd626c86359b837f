"""`parse_quantities`: every figure in a text, as a `Quantity` with its interval, unit and span.

The cheap word-level layer: tokens and tables, no parser and no model. The pipeline, per number:
read it (`checker.figures.numbers`), or a vague amount (`checker.figures.hedges`); find its currency
(`checker.figures.money`) or unit (`checker.figures.unit_phrases`), or what it counts
(`checker.figures.counted`); read its range (`checker.figures.ranges`); drop what is not a figure at all
(`checker.figures.figure_context`); then read its bounds and change (`checker.figures.hedges`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.figures.counted import counted_noun
from checker.figures.figure_context import is_age, is_not_a_figure, years
from checker.figures.hedges import (
    Vague,
    bounds,
    change_before,
    hedged_conversions,
    plus_after,
    qualifier_after,
    qualifier_before,
    restated_changes,
    vague_at,
)
from checker.figures.money import currency_before, subunit_amount_after
from checker.figures.number_words import number_words
from checker.figures.numbers import Number, number_at
from checker.figures.ranges import (
    BoundPair,
    bare_range_after,
    bound_pair_after,
    opener_before,
    spread_after,
    unit_range_after,
)
from checker.figures.tokens import Tok, tokenize
from checker.figures.unit_phrases import (
    named_figure_at,
    part_after,
    per_unit_after,
    percent_of_before,
    rate_after,
    unit_at,
    unit_words,
)
from checker.figures.units import dimension_of, unit_table
from checker.models import Qualifier, Quantity

_MEASURE_JOINERS = {"-"}  # "1,000-kilometer", "15 year-old"
_ARTICLES = {"a", "an"}
_UNIT_MODIFIERS = {"US", "UK", "imperial", "metric"}  # "a US pint"
#: between a fraction and what it is a part of: "half the condos", "a third of their staff"
_PART_OF_DETERMINERS = {"the", "its", "their", "his", "her", "our", "those", "these", "all"}


@dataclass
class _Reading:
    """One figure as it is being read: token span [first, last) and what was found around it."""

    core: Number
    first: int
    last: int
    vague: Vague | None = None
    upper: Number | None = None
    unit: tuple[str, str] | None = None  # (name, dimension)
    hedge: tuple[Qualifier, bool, str] | None = None  # (qualifier, near, words)
    opener: str | None = None  # 'between' or 'from' before a range
    pair: BoundPair | None = None  # 'more than 10 and less than 40'
    spread: float | None = None  # '2,000.45 ± 0.01'
    age: bool = False  # someone's age: 'Reid, 33,', 'aged 35', 'a 29-year-old'


def _core_at(toks: list[Tok], i: int) -> tuple[Number, Vague | None] | None:
    found = vague_at(toks, i) if toks[i].kind == "word" else None
    if found is not None:
        vague, n = found
        return Number(i, i + n, vague.low, vague.high - vague.low, words=True), vague
    num = number_at(toks, i)
    if num is None and toks[i].low in _ARTICLES and i + 1 < len(toks) and toks[i + 1].low in unit_words():
        return Number(i, i + 1, 1.0, 1.0, words=True), None  # "a gallon": one, if a unit follows
    return (num, None) if num is not None and num.i <= i else None


def _one_of_a_unit(toks: list[Tok], r: _Reading) -> bool:
    """Whether 'a'/'an' reads as one of the unit after it: a measure or money ('a gallon of beer', 'a
    penny'); never a duration ('a year earlier', 'twice a day': when or how often) or a count."""
    if r.unit is None or r.unit[1] in {"count", "duration"}:
        return False
    named = unit_at(toks, r.core.j, after_digits=False)  # the unit itself, not a noun pint also reads
    return named is not None and toks[r.core.j].low not in unit_table().not_units


def _spaced_age(toks: list[Tok], last: int) -> bool:
    """'32 - year - old': an age a tokenized source spaced out."""
    return (
        last + 3 < len(toks)
        and toks[last].text == "-"
        and toks[last + 2].text == "-"
        and toks[last + 3].low == "old"
    )


def _unit_after(toks: list[Tok], r: _Reading) -> None:
    last = r.last
    joined = last < len(toks) and toks[last].text in _MEASURE_JOINERS and toks[last - 1].glued_to(toks[last])
    k = last + 1 if joined or _spaced_age(toks, last) else last
    if k < len(toks) and toks[k].low == "of" and (r.vague is not None or r.core.scaled):
        k += 1  # "tens of thousands of troops", "millions of dollars"
    after_digits = toks[last - 1].kind == "num" or r.core.scaled or toks[r.core.j - 1].kind == "num"
    found = unit_at(toks, k, after_digits, scaled=r.core.scaled or r.vague is not None)
    if (
        found is None
        and not after_digits
        and r.vague is None
        and k + 1 < len(toks)
        and toks[k + 1].low in {"per", "/"}
    ):
        rated = unit_at(toks, k, after_digits=True)
        if rated is not None and " per " in rated.name and not rated.dimension.startswith("currency:"):
            found = rated  # "two kb per second": a symbol a rate follows is a unit after number words too
    if found is None and k + 1 < len(toks) and toks[k].text in _UNIT_MODIFIERS:
        found = unit_at(toks, k + 1, after_digits=True)  # "10 US gallons", "One US fluid ounce"
        if found is not None and found.dimension not in {"count", "percent"}:
            found = found._replace(n=found.n + 1)
        else:
            found = None
    if found is None and k == last + 1 and toks[last].text in _MEASURE_JOINERS:
        k, found = last, unit_at(toks, last, after_digits, scaled=r.core.scaled)
    if found is not None:
        r.unit, r.last = (found.name, found.dimension), k + found.n
        if found.scale != 1:
            _rescale(r.core, found.scale)  # "30 MUSD"
        part = part_after(toks, r.last, found.name) if r.upper is None and r.vague is None else None
        if part is not None:
            r.core.value, r.last = r.core.value + part[0], part[1]  # "5 ft 2 in"
        if r.last + 1 < len(toks) and toks[r.last].text == "-" and toks[r.last + 1].low == "old":
            r.last += 2  # "15 year-old", "32 - year - old"
        return
    written = toks[r.core.i : r.core.j]
    fraction = 0 < r.core.value < 1 and (r.core.words or any(ch in t.text for t in written for ch in "/⁄"))
    part_of = fraction or (r.core.scaled and toks[k - 1].low == "of")
    if fraction and k < len(toks) and toks[k].low == "of":
        k += 1  # "a third of the population": what it is a part of
        if k + 1 < len(toks) and toks[k].low in {"a", "an"}:
            m = k + 2 if toks[k + 1].text in _UNIT_MODIFIERS and k + 2 < len(toks) else k + 1
            found = unit_at(toks, m, after_digits=True)
            if found is not None and found.dimension != "count":
                r.unit, r.last = (found.name, found.dimension), m + found.n  # "1/16 of a US pint"
                return
    if part_of and k < len(toks) and toks[k].low in _PART_OF_DETERMINERS:
        k += 1  # "half the condos", "35m of its devices"
    singular = r.vague is None and r.upper is None and (r.core.value == 1 or bool(fraction))
    counted = counted_noun(toks, k, singular)
    if counted is None:
        return
    measure = unit_at(toks, k + counted[1] - 1, after_digits=True)
    if measure is not None and measure.n == 1 and measure.dimension not in {"count"}:
        r.unit = (measure.name, measure.dimension)  # "50 previous years": years, whatever the adjective
        r.last = k + counted[1]
        return
    r.unit = (counted[0], "count")  # the counted noun is not part of the figure's span
    rate = per_unit_after(toks, k + counted[1])
    if rate is not None and dimension_of(rate[0].name) == "duration":
        r.unit = (f"{counted[0]} per {rate[0].name}", "count")  # "78,000 times a minute"


def _noun_before_or(toks: list[Tok], first: int, last: int) -> tuple[str, str] | None:
    """'a year or two', 'another pick or two': a figure ending its clause after '<noun> or' counts
    that noun (or measures in it)."""
    ends = last >= len(toks) or toks[last].kind == "punct"
    if not ends or first < 2 or toks[first - 1].low != "or" or toks[first - 2].kind != "word":
        return None
    measure = unit_at(toks, first - 2, after_digits=True)
    if measure is not None and measure.n == 1 and measure.dimension != "count":
        return measure.name, measure.dimension
    counted = counted_noun(toks, first - 2, singular=True)
    return (counted[0], "count") if counted is not None and counted[1] == 1 else None


def _rescale(core: Number, scale: float) -> None:
    core.value, core.precision, core.scaled = core.value * scale, core.precision * scale, True


def _money_tail(toks: list[Tok], r: _Reading) -> None:
    """'75 USD million': a scale after the currency; '3 dollars 50 cents', '15 dollars 50.': subunits."""
    scales = number_words().scales
    if r.last < len(toks) and toks[r.last].low in scales and not r.core.scaled:
        _rescale(r.core, scales[toks[r.last].low])
        r.last += 1
    elif r.core.value == int(r.core.value) and not r.core.scaled and r.opener is None:
        found = subunit_amount_after(toks, r.last, r.unit[0] if r.unit else "")
        if found is not None:
            r.core.value, r.core.precision, r.last = r.core.value + found[0], 0.01, found[1]


def _read(toks: list[Tok], i: int, floor: int = 0) -> _Reading | None:
    """The figure whose number starts at token i; nothing before `floor` (an earlier figure's words)."""
    named = named_figure_at(toks, i)  # "absolute zero"
    core_vague = (Number(i, named.n + i, named.value, 1.0, words=True), None) if named else _core_at(toks, i)
    if core_vague is None:
        return None
    core, vague = core_vague
    article = toks[core.i].low in _ARTICLES and core.j == core.i + 1
    if article and 0 < i == floor:
        return None  # "30 miles a gallon": 'a' right after a figure says what it is per
    r = _Reading(core, core.i, core.j, vague, unit=(named.unit, dimension_of(named.unit)) if named else None)
    currency = currency_before(toks, r.first) if named is None else None
    if currency is not None and currency.at >= floor:
        r.first = currency.at
        r.unit = (currency.code, f"currency:{currency.code}")
        if currency.scale != 1:
            _rescale(core, currency.scale)  # "MAUD 60"
    hedge = qualifier_before(toks, r.first)
    if hedge is not None and hedge[2] < floor:
        hedge = None  # its words belong to the figure before
    if vague is None and (spread := spread_after(toks, core.j)) is not None:
        r.spread, r.last = spread.value, spread.j  # "9.83e-3 +/- 1e-5 km/s2"
    opener_at = opener_before(toks, r.first)
    if opener_at is None and hedge is not None:
        opener_at = opener_before(toks, hedge[2])  # "from about $350 per kg to $680 per kg"
    r.opener = toks[opener_at].low if opener_at is not None else None
    if vague is None and (upper := bare_range_after(toks, core, r.opener)) is not None:
        r.upper, r.last = upper, upper.j
        if opener_at is not None:
            r.first = opener_at
    plus = plus_after(toks, r.last) if vague is None and r.upper is None else None
    if plus is not None:
        r.last = plus  # "three-plus seasons", "20-plus years": the figure or more
    if r.unit is None:
        _unit_after(toks, r)
    if article and not _one_of_a_unit(toks, r):
        return None
    if r.unit is None and vague is None:
        r.unit = _noun_before_or(toks, r.first, r.last)  # "a year or two", "another pick or two"
    if r.unit is None and (lead := percent_of_before(toks, r.first)) is not None:
        r.unit, r.first = ("percent", "percent"), lead  # "percent of 10" heading a clause is 10%
    if r.unit is not None and r.unit[1].startswith("currency:") and r.upper is None and vague is None:
        _money_tail(toks, r)
    if r.unit is not None and r.upper is None and vague is None:
        found = unit_range_after(toks, r.last, core, r.unit, r.opener)
        if found is not None:
            r.upper, r.last = found.number, found.last
            if opener_at is not None:
                r.first = opener_at
    if r.unit is not None and r.unit[1].startswith("currency:") and (rate := rate_after(toks, r.last)):
        r.unit = (f"{r.unit[0]} per {rate[0]}", f"{r.unit[1]} per {rate[0]}")  # "$52 a barrel"
        r.last += rate[1]
    if is_not_a_figure(toks, core, has_unit=r.unit is not None and r.unit[1] != "count", hedged=bool(hedge)):
        return None
    if r.upper is not None and r.unit is None and r.opener and years(toks, core, r.upper):
        return None  # "between 1600 and 1900": a period
    if r.unit is None and vague is None and r.upper is None and hedge is None and is_age(toks, core):
        r.unit = ("year", "duration")  # "Maddon, 66, has", "aged 35": an age, in years
        r.age = True
    if r.upper is None and hedge is not None:
        r.hedge = (hedge[0], hedge[1], hedge[3])
        r.first = hedge[2]
    if plus is not None:
        r.hedge = r.hedge or (Qualifier.AT_LEAST, False, "plus")
    elif r.upper is None and vague is None:
        after = qualifier_after(toks, r.last, hedge[0] if hedge else None)
        if after is not None:
            words = " ".join(t.low for t in toks[r.last : after[1]])
            r.hedge = (after[0], False, f"{hedge[3]} {words}" if hedge else words)
            r.last = after[1]
    if r.hedge is not None and r.upper is None and vague is None:
        r.pair = bound_pair_after(toks, r.last, r.hedge[0], core.value, r.unit)
        if r.pair is not None:
            r.last = r.pair.last
            if r.unit is None and (counted := counted_noun(toks, r.last, singular=False)) is not None:
                r.unit = (counted[0], "count")  # "at most 100 and at least 20 apples"
    return r


#: '007', '029', the '000' of a split '1, 000': a whole number written with a leading zero is a code
#: or a broken digit group, never a figure a desk would compare ('0.5' is a figure)
_LEADING_ZERO = re.compile(r"0\d")


def parse_quantities(text: str) -> list[Quantity]:
    """Every figure in `text`, in order; spans index into `text`."""
    toks = tokenize(text)
    out: list[Quantity] = []
    i = floor = 0
    while i < len(toks):
        r = _read(toks, i, floor) if toks[i].kind in {"num", "word"} else None
        if r is None:
            i += 1
            continue
        quantity = _build(text, toks, r)
        if not _LEADING_ZERO.match(text, quantity.start):
            out.append(quantity)
        i = floor = max(r.last, r.core.j, i + 1)
    return hedged_conversions(text, restated_changes(text, _shared_units(text, out)))


def _shared_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """'45 and 50 mg', '5, 10 or 15%': a bare figure listed with measured ones takes their unit."""
    out = list(found)
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        bare = q.unit is None and q.qualifier is Qualifier.EXACT and nxt.dimension != "count"
        if bare and text[q.end : nxt.start].strip().lower() in {"and", "or", ",", ", and", ", or"}:
            out[k] = q.model_copy(update={"unit": nxt.unit, "dimension": nxt.dimension})
    return out


def _interval(
    value: float, low: float, high: float, low_inclusive: bool, high_inclusive: bool, qualifier: Qualifier
) -> dict[str, Any]:
    return dict(
        value=value,
        low=low,
        high=high,
        low_inclusive=low_inclusive,
        high_inclusive=high_inclusive,
        qualifier=qualifier,
    )


#: what follows a span of years that makes it an age: '29-year-old', '45 years old', '16 year-old'
_OLD = re.compile(r"\s*-?\s*old\b", re.IGNORECASE)


def _reads_old(text: str, start: int, end: int) -> bool:
    """Whether a span of years is an age: it ends in 'old' or 'old' follows it."""
    return text[start:end].lower().endswith("old") or _OLD.match(text, end) is not None


def _build(text: str, toks: list[Tok], r: _Reading) -> Quantity:
    start, end = toks[r.first].start, toks[r.last - 1].end
    unit_name, dimension = r.unit if r.unit is not None else (None, "count")
    core = r.core
    if r.vague is not None:
        v = r.vague
        fields = _interval(v.low, v.low, v.high, v.low_inclusive, v.high_inclusive, Qualifier.VAGUE)
        if r.hedge and r.hedge[0] in {Qualifier.MORE_THAN, Qualifier.AT_LEAST}:
            fields.update(high=None, high_inclusive=True)  # "more than tens of thousands": no upper bound
    elif r.pair is not None:
        p = r.pair
        fields = _interval(core.value, p.low, p.high, p.low_inclusive, p.high_inclusive, Qualifier.RANGE)
        fields["hedge"] = r.hedge[2] if r.hedge else None
    elif r.spread is not None:
        low, high = core.value - r.spread, core.value + r.spread
        fields = _interval(core.value, low, high, True, True, Qualifier.RANGE)
    elif r.upper is not None:
        low, high = sorted((core.value, r.upper.value))  # "fell from 4.8 to 4.7 percent" runs downwards
        fields = dict(value=core.value, low=low, high=high, qualifier=Qualifier.RANGE)
    else:
        qualifier = r.hedge[0] if r.hedge else Qualifier.EXACT
        lo, hi, lo_inc, hi_inc = bounds(qualifier, core.value)
        fields = dict(
            value=core.value,
            low=lo,
            high=hi,
            low_inclusive=lo_inc,
            high_inclusive=hi_inc,
            qualifier=qualifier,
            hedge=r.hedge[2] if r.hedge else None,
            near=bool(r.hedge and r.hedge[1]),
        )
    never_negative = dimension in {"count", "percent"} or dimension.startswith("currency:")
    if (
        never_negative
        and core.value >= 0
        and fields.get("low") is None
        and fields["qualifier"] in {Qualifier.AT_MOST, Qualifier.LESS_THAN}
    ):
        fields["low"] = 0.0  # a count or a sum of money is never negative
    from_range = r.opener == "from" and r.upper is not None  # two states, not what it rose by
    change = None if from_range else change_before(toks, r.first, dimension)
    if change is None and dimension == "percent" and toks[core.i].text in {"-", "−", "+"}:
        change = "down" if core.value < 0 else "up"  # "FTSE -0.6%": a signed move
    return Quantity(
        unit=unit_name,
        dimension=dimension,
        surface=text[start:end],
        start=start,
        end=end,
        precision=core.precision,
        scaled=core.scaled or (r.upper.scaled if r.upper else False),
        change=change,
        age=r.age or (unit_name == "year" and _reads_old(text, start, end)),
        **fields,
    )


__all__ = ["parse_quantities"]
