"""`parse_quantities`: every figure in a text, as a `Quantity` with its interval, unit and span.

The cheap word-level layer: a tokenizer and tables, no parser and no model. It decides what is a
figure at all (dates, clock times, years, ordinals, designators like "Highway 403" or "F-16" are not),
reads the number, its hedge ("more than", "about"), vague amounts ("tens of thousands"), ranges,
scale words, currencies and units. What the figure counts is the claim layer's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.models import Qualifier, Quantity
from checker.numbers import DIGITS, decimal_precision, number_words, parse_digits, parse_number_words
from checker.tables import load_table
from checker.units import dimension_of, iso_currency, unit_table

_SYMBOLS = sorted(unit_table().currency_symbols, key=len, reverse=True)
_TOKEN = re.compile(
    "(?P<sym>" + "|".join(re.escape(s) for s in _SYMBOLS) + r"|[%°])"
    rf"|(?P<num>{DIGITS.pattern})"
    r"|(?P<word>[A-Za-z]+(?:[’'][A-Za-z]+)?\.?(?<!\.))|(?P<other>\w+)|(?P<punct>\S)"
)
_ORDINAL_SUFFIX = re.compile(r"^(st|nd|rd|th|s)$", re.IGNORECASE)  # "21st", "1990s"
_RANGE_WORDS = {"-", "–", "—", "to"}


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _Tables:
    qualifiers: dict[tuple[str, ...], tuple[Qualifier, bool]]
    vague: dict[tuple[str, ...], tuple[float, float]]
    context: dict[str, frozenset[str]]
    max_qualifier: int
    max_vague: int


@cache
def _tables() -> _Tables:
    qualifiers = {
        tuple(phrase.split()): (Qualifier(spec["qualifier"]), bool(spec.get("near")))
        for phrase, spec in load_table("qualifiers.json")["phrases"].items()
    }
    vague = {
        tuple(p.split()): (float(s["low"]), float(s["high"]))
        for p, s in load_table("vague.json")["phrases"].items()
    }
    context = {k: frozenset(v) for k, v in load_table("context.json").items() if isinstance(v, list)}
    return _Tables(qualifiers, vague, context, max(map(len, qualifiers)), max(map(len, vague)))


def tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        out.append(_Tok(kind, m.group(), m.start(), m.end()))
    return out


def _glued(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def _match_phrase(toks: list[_Tok], i: int, table: dict[tuple[str, ...], Any], longest: int) -> int:
    """Length in tokens of the longest phrase of `table` starting at token i (0 if none)."""
    for n in range(min(longest, len(toks) - i), 0, -1):
        if tuple(t.low for t in toks[i : i + n]) in table:
            return n
    return 0


@dataclass
class _Core:
    """The number itself: tokens [i, j), its value and how precisely it is written."""

    i: int
    j: int
    value: float
    precision: float
    words: bool = False
    vague: tuple[float, float] | None = None
    scaled: bool = False


def _word_number(toks: list[_Tok], i: int) -> _Core | None:
    table = number_words()
    vocab = table.vocabulary
    j = i
    if toks[i].low == "a":  # "a thousand", "a dozen", "a million"
        if i + 1 < len(toks) and (toks[i + 1].low in table.scales or toks[i + 1].low == "dozen"):
            j = i + 1
        else:
            return None
    elif toks[i].low == "dozen" or toks[i].low not in vocab:
        return None
    end = j + 1
    k = end
    while k < len(toks):
        t = toks[k]
        if t.low in vocab or t.low == "dozen":
            end = k = k + 1
        elif t.text in {"-", "and"} and k + 1 < len(toks) and toks[k + 1].low in vocab:
            if t.text == "-" and not (_glued(toks[k - 1], t) and _glued(t, toks[k + 1])):
                break
            k += 1
        else:
            break
    surface = " ".join(t.text for t in toks[i:end])
    value = parse_number_words(surface)
    if value is None:
        return None
    return _Core(i, end, value, decimal_precision(str(int(value))) if value >= 1 else 1.0, words=True)


def _core_at(toks: list[_Tok], i: int) -> _Core | None:
    tables = _tables()
    t = toks[i]
    if t.kind == "word" and (n := _match_phrase(toks, i, tables.vague, tables.max_vague)):
        low, high = tables.vague[tuple(x.low for x in toks[i : i + n])]
        return _Core(i, i + n, low, high - low, words=True, vague=(low, high))
    if t.kind == "num":
        value = parse_digits(t.text)
        if value is None:
            return None
        core = _Core(i, i + 1, value, decimal_precision(t.text))
        suffixes = number_words().scale_suffixes
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.kind in {"word", "other"} and _glued(t, nxt):
            if nxt.text in suffixes:
                core.value *= suffixes[nxt.text]
                core.precision *= suffixes[nxt.text]
                core.j, core.scaled = i + 2, True
            elif nxt.low.rstrip(".") not in unit_table().surfaces:
                return None  # "21st", "1990s", "6pm", "3D": not a figure
        elif nxt is not None and nxt.low in number_words().scales and nxt.low != "hundred":
            core.value *= number_words().scales[nxt.low]
            core.precision *= number_words().scales[nxt.low]
            core.j, core.scaled = i + 2, True
        return core
    if t.kind == "word":
        words = _word_number(toks, i)
        if words and any(toks[k].low in number_words().scales for k in range(words.i, words.j)):
            words.scaled = toks[words.j - 1].low != "hundred"
        return words
    return None


def _unit_at(toks: list[_Tok], k: int, after_digits: bool) -> tuple[str, str, int] | None:
    """(unit name, dimension, tokens used) for a unit starting at token k."""
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
        phrase = " ".join(t.low for t in window)
        code = table.currency_words.get(phrase) or iso_currency(" ".join(t.text for t in window))
        if code is not None:
            return code, f"currency:{code}", n
        probe = phrase if phrase in table.surfaces else phrase.rstrip(".")
        if probe not in table.surfaces:
            continue
        raw = " ".join(t.text for t in window)
        if probe in table.digit_only and not after_digits:
            continue
        if probe in table.case_sensitive and raw.rstrip(".") not in {probe, probe.upper()}:
            continue
        if probe in {"c", "f"}:
            continue  # a bare letter is a temperature only after a degree sign
        unit = table.surfaces[probe]
        return unit.name, dimension_of(unit.name), n
    return None


def _currency_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    if i >= 1 and toks[i - 1].kind == "sym" and toks[i - 1].text in unit_table().currency_symbols:
        return unit_table().currency_symbols[toks[i - 1].text], i - 1
    if i >= 1 and (code := iso_currency(toks[i - 1].text)):
        return code, i - 1
    return None


def _is_not_a_figure(toks: list[_Tok], core: _Core, has_unit: bool, hedged: bool) -> bool:
    """Dates, clock times, years, designators, phone numbers and referential 'the two sides'."""
    ctx = _tables().context
    t = toks[core.i]
    prev = toks[core.i - 1] if core.i >= 1 else None
    prev2 = toks[core.i - 2] if core.i >= 2 else None
    nxt = toks[core.j] if core.j < len(toks) else None
    if t.kind == "num":
        if nxt is not None and nxt.text in {":", "/"} and _glued(t, nxt):
            return True  # 8:03, 5/17/2018
        if prev is not None and prev.text in {":", "/", "#"} and _glued(prev, t):
            return True
        if nxt is not None and (
            nxt.low in ctx["time_suffixes"] or nxt.low.rstrip(".") in ctx["time_suffixes"]
        ):
            return True
        if prev is not None and prev.text in {"-", "–"} and _glued(prev, t) and prev2 is not None:
            if prev2.kind in {"word", "other"} and _glued(prev2, prev):
                return True  # F-16, COVID-19, Su-34
            if prev2.kind == "num" and _glued(prev2, prev):
                return True  # the later groups of 416-555-0199 (real ranges were read with their start)
        if prev is not None and prev.kind in {"word", "other"} and _glued(prev, t):
            return True
        if prev is not None and prev.low.rstrip(".") in ctx["months"] and (prev.text[0].isupper()):
            return True  # May 21
        if (
            nxt is not None
            and nxt.low.rstrip(".") in ctx["months"]
            and nxt.text[0].isupper()
            and core.value <= 31
        ):
            return True  # 21 May
        if prev is not None and prev.low in ctx["designators"] and not hedged:
            return True  # Highway 403, Article 5, flight 370
        if _looks_like_year(t, prev, nxt, has_unit or hedged):
            return True
        if _dash_chain(toks, core.i) >= 3:
            return True  # 416-555-0199 seen from its first group
    elif core.vague is None and not has_unit:
        if prev is not None and prev.low in ctx["reference_determiners"] and core.value < 10:
            return True  # "the two sides", "both three"
        if toks[core.i].low == "one" and core.j - core.i == 1:
            if prev is not None and prev.low in {
                "no",
                "any",
                "every",
                "which",
                "this",
                "that",
                "the",
                "each",
            }:
                return True
            if nxt is None or nxt.low in ctx["one_followers_not_count"] or nxt.kind == "punct":
                return True
    return False


def _dash_chain(toks: list[_Tok], i: int) -> int:
    """How many digit groups are joined by dashes from token i on: 3 or more is a phone or an id."""
    groups, k = 1, i
    while k + 2 < len(toks) and toks[k + 1].text == "-" and toks[k + 2].kind == "num":
        if not (_glued(toks[k], toks[k + 1]) and _glued(toks[k + 1], toks[k + 2])):
            break
        groups, k = groups + 1, k + 2
    return groups


def _looks_like_year(t: _Tok, prev: _Tok | None, nxt: _Tok | None, attached: bool) -> bool:
    if attached or not re.fullmatch(r"(1[89]|20)\d\d", t.text):
        return False
    if prev is not None and prev.low in _tables().context["year_prepositions"]:
        return True
    if prev is not None and prev.text == ",":
        return True  # "May 21, 2025"
    # a bare 4-digit number counts things only when a plural noun follows ("2000 troops")
    return not (nxt is not None and nxt.kind == "word" and nxt.text.islower() and nxt.low.endswith("s"))


def _qualifier_before(toks: list[_Tok], i: int) -> tuple[Qualifier, bool, int, str] | None:
    tables = _tables()
    for n in range(min(tables.max_qualifier, i), 0, -1):
        key = tuple(t.low for t in toks[i - n : i])
        if key in tables.qualifiers:
            qualifier, near = tables.qualifiers[key]
            return qualifier, near, i - n, " ".join(key)
    return None


def _change_before(toks: list[_Tok], i: int, dimension: str) -> str | None:
    ctx = _tables().context
    k = i - 1
    if k >= 0 and toks[k].low == "by":
        k -= 1
    if k < 0 or (toks[k].low in {"up", "down"} and dimension == "count"):
        return None  # "shot down 105 drones": a particle, not a fall
    if toks[k].low in ctx["change_up"]:
        return "up"
    if toks[k].low in ctx["change_down"]:
        return "down"
    return None


def _interval(q: Qualifier, value: float) -> tuple[float | None, float | None, bool, bool]:
    return {
        Qualifier.MORE_THAN: (value, None, False, True),
        Qualifier.AT_LEAST: (value, None, True, True),
        Qualifier.AT_MOST: (None, value, True, True),
        Qualifier.LESS_THAN: (None, value, True, False),
    }.get(q, (value, value, True, True))


def _range_after(toks: list[_Tok], core: _Core, between: bool) -> _Core | None:
    """The upper end of '100-120', '100 to 120', 'between 100 and 120'."""
    k = core.j
    if k + 1 >= len(toks):
        return None
    sep = toks[k]
    if not (sep.text in _RANGE_WORDS or (between and sep.low == "and")):
        return None
    if sep.text in {"-", "–"} and not (_glued(toks[k - 1], sep) and _glued(sep, toks[k + 1])):
        return None
    start = k + 1
    if toks[start].kind == "sym" and toks[start].text in unit_table().currency_symbols:
        start += 1  # "$3-$4 billion"
    if start >= len(toks):
        return None
    upper = _core_at(toks, start)
    if upper is None or upper.vague is not None or upper.words != core.words:
        return None
    if upper.scaled and not core.scaled:  # "3-4 billion": the scale covers both ends
        scale = upper.value / (
            parse_digits(toks[upper.i].text) or parse_number_words(toks[upper.i].text) or 1
        )
        core.value *= scale
        core.precision *= scale
        core.scaled = True
    if upper.value <= core.value:
        return None  # "3-1" is a score, not a range
    if sep.text == "-" and _dash_chain(toks, core.i) >= 3:
        return None
    return upper


def parse_quantities(text: str) -> list[Quantity]:
    """Every figure in `text`, in order; spans index into `text`."""
    toks = tokenize(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        core = _core_at(toks, i) if toks[i].kind in {"num", "word"} else None
        if core is None:
            i += 1
            continue
        first = core.i
        currency = _currency_before(toks, first)
        if currency is not None:
            first = currency[1]
        hedge = _qualifier_before(toks, first)
        between = first >= 1 and toks[first - 1].low in {"between", "from"}
        upper = _range_after(toks, core, between)
        last = upper.j if upper else core.j
        if upper is not None and between:
            first -= 1
        unit_start = (
            last + 1
            if last < len(toks) and toks[last].text == "-" and _glued(toks[last - 1], toks[last])
            else last
        )
        unit = None if currency else _unit_at(toks, unit_start, after_digits=toks[last - 1].kind == "num")
        if unit is None and unit_start != last:
            unit_start = last
        if unit is not None:
            last = unit_start + unit[2]
            if last + 1 < len(toks) and toks[last].text == "-" and toks[last + 1].low == "old":
                last += 2
        if _is_not_a_figure(toks, core, has_unit=bool(unit or currency), hedged=hedge is not None):
            i = core.j
            continue
        if hedge is not None and upper is None:
            first = hedge[2]
        out.append(_build(text, toks, core, upper, first, last, currency, unit, hedge, between))
        i = last
    return out


def _build(
    text: str,
    toks: list[_Tok],
    core: _Core,
    upper: _Core | None,
    first: int,
    last: int,
    currency: tuple[str, int] | None,
    unit: tuple[str, str, int] | None,
    hedge: tuple[Qualifier, bool, int, str] | None,
    between: bool,
) -> Quantity:
    start, end = toks[first].start, toks[last - 1].end
    if currency:
        unit_name, dimension = currency[0], f"currency:{currency[0]}"
    elif unit:
        unit_name, dimension = unit[0], unit[1]
    else:
        unit_name, dimension = None, "count"
    if core.vague is not None:
        low, high = core.vague
        fields: dict[str, Any] = dict(
            value=low, low=low, high=high, high_inclusive=False, qualifier=Qualifier.VAGUE, hedge=None
        )
        if hedge and hedge[0] in {Qualifier.MORE_THAN, Qualifier.AT_LEAST}:
            fields.update(high=None, high_inclusive=True)  # "more than tens of thousands": no upper bound
    elif upper is not None:
        fields = dict(
            value=core.value, low=core.value, high=upper.value, qualifier=Qualifier.RANGE, hedge=None
        )
    else:
        qualifier = hedge[0] if hedge else Qualifier.EXACT
        lo, hi, lo_inc, hi_inc = _interval(qualifier, core.value)
        fields = dict(
            value=core.value,
            low=lo,
            high=hi,
            low_inclusive=lo_inc,
            high_inclusive=hi_inc,
            qualifier=qualifier,
            hedge=hedge[3] if hedge else None,
            near=bool(hedge and hedge[1]),
        )
    never_negative = dimension in {"count", "percent"} or dimension.startswith("currency:")
    if (
        never_negative
        and fields.get("low") is None
        and fields["qualifier"] in {Qualifier.AT_MOST, Qualifier.LESS_THAN}
    ):
        fields["low"] = 0.0  # a count or a sum of money is never negative
    return Quantity(
        unit=unit_name,
        dimension=dimension,
        surface=text[start:end],
        start=start,
        end=end,
        precision=core.precision,
        scaled=core.scaled or (upper.scaled if upper else False),
        change=_change_before(toks, first, dimension),
        **fields,
    )
