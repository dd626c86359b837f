"""Units as written after a figure: table surfaces and pint symbols ("km", "120Hz"), money (through
`checker.figures.money`), and the phrases units are built into: "square feet", "km2", "4 km cubed",
"metres per second", "kV/cm", "20 (kg)", primes ("30'", '10"'), and a measure in two units ("5 ft 2 in");
also what money is per ("$52 a barrel") and "percent of" written before a figure.
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import NamedTuple

from checker.figures.counted import counted_noun
from checker.figures.currencies import currencies
from checker.figures.money import currency_at
from checker.figures.numbers import number_at
from checker.figures.tokens import Tok, reads_as_clock
from checker.figures.units import (
    CUE_WINDOW,
    Unit,
    cued,
    cued_symbol,
    dimension_of,
    pint_unit,
    to_base,
    unit_by_name,
    unit_table,
)
from checker.tables import load_table, stop_words

_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_POWER_PREFIXES = {"square": 2, "sq": 2, "cubic": 3, "cu": 3}
_POWER_SUFFIXES = {"2": 2, "²": 2, "3": 3, "³": 3, "squared": 2, "cubed": 3}
_POWER_NAMES = {2: "square", 3: "cubic"}
_PER = {"per", "/"}
#: primes after a figure: feet and inches ("30'", '10"', "2½′"), typeset quotes too, inside a height only
#: ("5’11”": `_TYPESET`)
_PRIMES = {"'": "foot", "′": "foot", "’": "foot", '"': "inch", "″": "inch", "”": "inch"}
#: typeset quotes, primes only inside a height: elsewhere they are apostrophes and quotation marks
#: ("the players’ union", "45’" in a match report, "‘we need 40’")
_TYPESET = {"’", "”"}


class UnitHit(NamedTuple):
    """A unit found after a figure: its name, dimension, tokens used, and a scale it carries ('MUSD')."""

    name: str
    dimension: str
    n: int
    scale: float = 1.0


class NamedFigure(NamedTuple):
    value: float
    unit: str
    n: int  # tokens


def named_figure_at(toks: list[Tok], i: int) -> NamedFigure | None:
    """A figure named by words, from the table ('absolute zero' is 0 K)."""
    if toks[i].low not in _named_first_words():
        return None
    for words, (value, unit) in unit_table().named.items():
        if tuple(t.low for t in toks[i : i + len(words)]) == words:
            return NamedFigure(value, unit, len(words))
    return None


@cache
def _named_first_words() -> frozenset[str]:
    return frozenset(words[0] for words in unit_table().named)


@cache
def unit_words() -> frozenset[str]:
    """The first words of units and money written in words: what may follow 'a' in 'a gallon', 'a penny'."""
    money = currencies()
    phrases = [*unit_table().surfaces, *money.words, *money.subunits]
    return frozenset(phrase.split()[0] for phrase in phrases) | frozenset(_POWER_PREFIXES)


def unit_at(toks: list[Tok], k: int, after_digits: bool, scaled: bool = False) -> UnitHit | None:
    """The unit written from token k on: money first ('dollars', '10 €', '50 cents'), then measures
    with their powers and rates.

    'pounds' is money only after a scale word ('20 million pounds'); '25 pounds' is a weight."""
    if k >= len(toks):
        return None
    if toks[k].text in _BRACKETS:
        return _bracketed(toks, k, after_digits)
    table = unit_table()
    money = currency_at(toks, k, after_digits)
    if money is not None and (scaled or _joined(toks[k : k + money[1]]) not in table.surfaces):
        currency, n = money
        return UnitHit(currency.code, dimension_of(currency.code), n, currency.scale)
    found = _inverse_at(toks, k) if after_digits else None
    found = found or _powered_unit_at(toks, k, after_digits)
    if found is None:
        return None
    unit, n = found
    if not opens_height(toks, k) and _code_follows(toks, k + n):
        return None  # "24703L202", "24703 L-202": a part number, not litres; "5'11": feet, then inches
    rate = per_unit_after(toks, k + n)
    if rate is None and unit.pint is not None:
        skip = 1 if k + n < len(toks) and toks[k + n].low.endswith("ed") and toks[k + n].kind == "word" else 0
        per = _per_thing_after(toks, k + n + skip)  # "3.8 yards per carry", "156.9 yards allowed per game"
        if per is not None and (not skip or toks[k + n + 1].low == "per"):
            name = f"{unit.name} per {per[0]}"  # a rate, never a total
            return UnitHit(name, f"{dimension_of(unit.name)} per {per[0]}", n + skip + per[1])
    if rate is not None and unit.pint is not None:
        unit, n = Unit(f"{unit.name} per {rate[0].name}", None), n + rate[1]
        then = per_unit_after(toks, k + n) if toks[k + n - rate[1]].text == "/" else None
        if then is not None and toks[k + n].low == "per" and _is_time(then[0]):
            unit, n = Unit(f"{unit.name} per {then[0].name}", None), n + then[1]  # "20 J/m^2 per year"
    return UnitHit(unit.name, dimension_of(unit.name), n)


#: a symbol raised to the power minus one, glued to it: 's-1', 's^-1', 's⁻¹'
_MINUS_ONE = (("-", "1"), ("^", "-", "1"), ("⁻", "¹"))


def _inverse_at(toks: list[Tok], k: int) -> tuple[Unit, int] | None:
    """'4e14 s-1': a unit symbol to the power minus one (a frequency, a rate per metre)."""
    for mark in _MINUS_ONE:
        end = k + 1 + len(mark)
        window = toks[k:end]
        if end > len(toks) or tuple(t.text for t in window[1:]) != mark:
            continue
        glued = all(a.glued_to(b) for a, b in itertools.pairwise(window))
        code = end < len(toks) and window[-1].glued_to(toks[end]) and toks[end].kind != "punct"
        if not glued or code:
            return None  # "s-10": a code
        found = pint_unit(toks[k].text, glued=True, allow_words=True) if toks[k].kind == "word" else None
        base = unit_by_name(found[0]) if found is not None else None
        return (_inverse(base), len(mark) + 1) if base is not None and base.pint is not None else None
    return None


def _inverse(unit: Unit) -> Unit:
    name = f"inverse {unit.name}"
    return unit_by_name(name) or Unit(name, f"({unit.pint}) ** -1")


def _bracketed(toks: list[Tok], k: int, after_digits: bool) -> UnitHit | None:
    """'20 (kg)', '20 [kg]': a unit in brackets right after the figure."""
    inner = unit_at(toks, k + 1, after_digits) if k + 1 < len(toks) else None
    end = k + 1 + inner.n if inner is not None else k
    if inner is None or end >= len(toks) or toks[end].text != _BRACKETS[toks[k].text]:
        return None
    return inner._replace(n=inner.n + 2)


def _powered_unit_at(
    toks: list[Tok], k: int, after_digits: bool, denominator: bool = False
) -> tuple[Unit, int] | None:
    """A measure with its power: 'square feet', 'sq km', 'km2', 'm²', 'km^3', '4 km cubed'; in the
    denominator of a rate a time too ('km/s2')."""
    power = _POWER_PREFIXES.get(toks[k].low)
    if power is not None:
        base = _plain_unit_at(toks, k + 1, after_digits=True)
        if base is None or not _is_length(base[0]):
            return None
        return _raised(base[0], power), base[1] + 1
    found = _plain_unit_at(toks, k, after_digits, denominator)
    if found is None or not (_is_length(found[0]) or (denominator and _is_time(found[0]))):
        return found
    if opens_height(toks, k):
        return found  # "6'2\"": a height in feet and inches, never square feet
    unit, n = found
    j = k + n
    if j + 1 < len(toks) and toks[j].text == "^" and toks[j].glued_to(toks[j + 1]):
        j += 1  # "km^3"
    glued = j < len(toks) and toks[j - 1].glued_to(toks[j])
    if j < len(toks) and toks[j].low in _POWER_SUFFIXES and (glued or toks[j].low in {"squared", "cubed"}):
        return _raised(unit, _POWER_SUFFIXES[toks[j].low]), j + 1 - k
    return found


def _raised(unit: Unit, power: int) -> Unit:
    name = f"{_POWER_NAMES[power]} {unit.name}"
    return unit_by_name(name) or Unit(name, f"({unit.pint}) ** {power}")


def _is_length(unit: Unit) -> bool:
    return unit.pint is not None and dimension_of(unit.name) == "length"


def _is_time(unit: Unit) -> bool:
    return unit.pint is not None and dimension_of(unit.name) == "duration"


def _plain_unit_at(
    toks: list[Tok], k: int, after_digits: bool, denominator: bool = False
) -> tuple[Unit, int] | None:
    """A unit from the table (longest surface first) or, right after digits or a rate's slash, a
    symbol pint knows."""
    table = unit_table()
    if k >= len(toks):
        return None
    if toks[k].low == "in" and after_digits and toks[k - 1].kind == "num" and _ends_measure(toks, k + 1):
        return table.surfaces["inch"], 1  # "2 in.", "2 1/2 in thick": inches where nothing else follows
    if toks[k].text == "°" and k + 1 < len(toks) and toks[k + 1].low in {"c", "f"}:
        return table.surfaces["°" + toks[k + 1].low], 2
    if toks[k].text == "°" and after_digits and (scale := _scale_named_after(toks, k + 1)) is not None:
        return scale, 1  # "-273.15° on the Celsius scale"
    if toks[k].text in _PRIMES and after_digits and _prime_is_unit(toks, k):
        return table.surfaces[_PRIMES[toks[k].text]], 1
    if after_digits and cued_symbol(toks, k):
        return table.exact[toks[k].text], 1
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
        if unit.cue is not None and not cued(toks, k, unit.cue):
            continue
        return unit, n
    tok = toks[k]
    if after_digits and tok.kind in {"word", "other"}:
        glued = k >= 1 and toks[k - 1].glued_to(tok)
        per_follows = k + 2 < len(toks) and toks[k + 1].text == "/" and tok.glued_to(toks[k + 1])
        words_ok = per_follows or denominator or _not_a_clock(toks, k)  # "1.3 A/cm2", "9.8 m/s2", "2.1 pm"
        found = pint_unit(tok.text, glued or words_ok, allow_words=words_ok)
        if found is not None:
            return unit_by_name(found[0]) or Unit(found[0], found[0].replace(" ", "_")), 1
    return None


def _not_a_clock(toks: list[Tok], k: int) -> bool:
    """'am'/'pm' after digits no clock can show ('2.123 pm') are units, not the time of day."""
    meridiem = toks[k].low in load_table("context.json")["meridiem"]
    return meridiem and k >= 1 and toks[k - 1].kind == "num" and not reads_as_clock(toks, k - 1)


def _scale_named_after(toks: list[Tok], j: int) -> Unit | None:
    """The temperature scale a bare degree sign is on, named a few words on in its clause."""
    table = unit_table()
    for tok in toks[j : j + CUE_WINDOW]:
        if tok.kind == "punct":
            return None
        unit = table.surfaces.get(tok.low)
        if unit is not None and tok.low in table.digit_only and dimension_of(unit.name) == "temperature":
            return unit
    return None


def _ends_measure(toks: list[Tok], j: int) -> bool:
    """Nothing but the end of the clause or a measuring word after it ('2 in thick')."""
    if j >= len(toks):
        return True
    return (
        toks[j].text in {".", ",", ";", ")", "!", "?"}
        or toks[j].low in load_table("context.json")["measure_adjectives"]
    )


def opens_height(toks: list[Tok], k: int) -> bool:
    """Whether the token at k is the foot prime of a height: digits glued before it, whole inches under
    12 after it, glued ("6'2", "5’11”", "6′2″") or spaced with their own mark ("6' 2\"")."""
    if _PRIMES.get(toks[k].text) != "foot" or k < 1 or k + 1 >= len(toks):
        return False
    feet, inches = toks[k - 1], toks[k + 1]
    if feet.kind != "num" or not feet.glued_to(toks[k]) or _arc(toks, k):
        return False
    if inches.kind != "num" or not inches.text.isdigit() or int(inches.text) >= 12:
        return False
    marked = k + 2 < len(toks) and _PRIMES.get(toks[k + 2].text) == "inch" and inches.glued_to(toks[k + 2])
    return toks[k].glued_to(inches) or marked


def _closes_height(toks: list[Tok], k: int) -> bool:
    """Whether the token at k is the inch mark of a height ('6'2"')."""
    inch = _PRIMES.get(toks[k].text) == "inch"
    return inch and k >= 2 and toks[k - 1].glued_to(toks[k]) and opens_height(toks, k - 2)


def _in_height(toks: list[Tok], k: int) -> bool:
    """Whether the token at k is a mark of a height: its foot prime or its inch mark."""
    return opens_height(toks, k) or _closes_height(toks, k)


def _arc(toks: list[Tok], k: int) -> bool:
    """Primes in an angle or a position ('40°26′46″N', '40° 26′ 46″ N'): a degree sign among the
    figures and marks right before the figure."""
    j = k - 1
    while j >= 0 and (toks[j].kind == "num" or toks[j].text in _PRIMES or toks[j].text == "°"):
        if toks[j].text == "°":
            return True
        j -= 1
    return False


def _prime_is_unit(toks: list[Tok], k: int) -> bool:
    """A prime after digits is feet or inches unless it closes a quotation: an even number of the same
    mark before it, heights aside ('he said "I saw 10"' closes a quote), or is a typeset quote outside a
    height, or marks an angle."""
    mark = toks[k].text
    if _in_height(toks, k):
        return True
    if mark in _TYPESET or _arc(toks, k):
        return False
    if k + 1 < len(toks) and toks[k].glued_to(toks[k + 1]) and toks[k + 1].kind == "word":
        return False  # "2022′s": an apostrophe
    if mark in {"′", "″"}:
        return True
    if mark == "'" and not toks[k - 1].glued_to(toks[k]):
        return False
    return sum(t.text == mark and not _in_height(toks, m) for m, t in enumerate(toks[:k])) % 2 == 0


def _code_follows(toks: list[Tok], j: int) -> bool:
    """Digits glued to the unit ('L202', 'L-202') make it part of a code."""
    if j >= len(toks) or not toks[j - 1].glued_to(toks[j]):
        return False
    if toks[j].kind == "num":
        return True
    dash = toks[j].text == "-" and j + 1 < len(toks)
    return dash and toks[j + 1].kind == "num" and toks[j].glued_to(toks[j + 1])


def per_unit_after(toks: list[Tok], k: int) -> tuple[Unit, int] | None:
    """'per second', '/ms', 'an hour' after a measure: what it is per, and the tokens used."""
    if k + 1 >= len(toks):
        return None
    word = toks[k].low
    if word == "/" and not (toks[k - 1].glued_to(toks[k]) and toks[k].glued_to(toks[k + 1])):
        return None
    if word not in _PER and word not in {"a", "an"}:
        return None
    found = _powered_unit_at(toks, k + 1, after_digits=True, denominator=word == "/")
    if found is None or found[0].pint is None:
        return None
    if word in {"a", "an"} and dimension_of(found[0].name) != "duration":
        return None  # "100 km an hour", never "5 km a day's walk" read as a distance per walk
    then = toks[k + 1 + found[1]].low if k + 1 + found[1] < len(toks) else ""
    if then in load_table("context.json")["time_reference_after"]:
        return None  # "10 km a year earlier"
    return found[0], 1 + found[1]


def _per_thing_after(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """'per carry', 'a game' after a measure: the thing it is per (singular) and the tokens used;
    after 'a'/'an' only the nouns of context.json's `per_nouns` ('5 km a day's walk' is no rate)."""
    if k + 1 >= len(toks) or toks[k].low not in {"a", "an", "per"} or toks[k + 1].kind != "word":
        return None
    if toks[k].low != "per":
        noun = toks[k + 1].low
        return (noun, 2) if noun in load_table("context.json")["per_nouns"] else None
    word = toks[k + 1].low
    return (word, 2) if word.isalpha() and word not in stop_words() else None


def part_after(toks: list[Tok], k: int, unit_name: str) -> tuple[float, int] | None:
    """'5 ft 2 in', '5 feet and 2 inches', '2 hours 30 minutes': the smaller unit's part of a measure
    written in two units, in the larger unit, and the token after it."""
    smaller = unit_table().parts.get(unit_name)
    start = k + 1 if k < len(toks) and toks[k].low == "and" else k
    if smaller is None or start >= len(toks) or toks[start].kind != "num":
        return None
    ratio = to_base(1.0, smaller) / to_base(1.0, unit_name)
    if opens_height(toks, k - 1):  # the inches of a height: one token ("6'2, 200-pound": 2, then 200)
        marked = start + 1 < len(toks) and _closes_height(toks, start + 1)
        return int(toks[start].text) * ratio, start + 1 + int(marked)  # "6'2\"", or "6'2" unmarked
    part = number_at(toks, start)
    if part is None or part.i != start:
        return None
    if part.j >= len(toks) or toks[part.j].text in _PRIMES:
        return None  # "5'14\"": no height has 14 inches
    found = _plain_unit_at(toks, part.j, after_digits=True)
    if found is not None and found[0].name == smaller:
        n = found[1]  # "5 ft 2 in", "6' 2 inches"
    elif smaller == "inch" and toks[part.j].low == "in":
        n = 1  # "5 ft 2 in": a bare 'in' reads as inches only here
    else:
        return None
    return part.value * ratio, part.j + n


def _joined(window: list[Tok]) -> str:
    """The lower-cased words of a window as written: glued tokens stay glued ('km/h'), others spaced."""
    out = window[0].low
    for a, b in itertools.pairwise(window):
        out += ("" if a.glued_to(b) else " ") + b.low
    return out


def rate_after(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """'a barrel', 'per share', 'a month', '/hour': (the thing the figure is per, tokens used) after
    money."""
    if k + 1 < len(toks) and toks[k].text == "/" and toks[k - 1].glued_to(toks[k]):
        found = per_unit_after(toks, k)
        return (found[0].name, found[1]) if found is not None else None
    if k + 1 >= len(toks) or toks[k].low not in {"a", "an", "per"}:
        return None
    nxt = toks[k + 1]
    unit = unit_table().surfaces.get(nxt.low)
    if unit is not None and nxt.kind == "word":
        then = toks[k + 2].low if k + 2 < len(toks) else ""
        if then in load_table("context.json")["time_reference_after"]:
            return None  # "$6.78 billion a year earlier": when, not per what
        return unit.name, 2
    if toks[k].low == "per" and (found := _powered_unit_at(toks, k + 1, after_digits=True)) is not None:
        return found[0].name, 1 + found[1]  # "$80 per sq m"
    if toks[k].low == "per" and nxt.kind == "word" and nxt.low not in unit_table().not_units:
        counted = counted_noun(toks, k + 1, singular=True)
        if counted is not None:
            return counted[0].lower(), 1 + counted[1]
    return None


def percent_of_before(toks: list[Tok], i: int) -> int | None:
    """Where 'percent of' / 'per cent of' starts, right before token i, when it heads its clause (no
    figure of its own before it)."""
    if i < 2 or toks[i - 1].low != "of":
        return None
    for n in (2, 1):
        k = i - 1 - n
        found = unit_at(toks, k, after_digits=True) if k >= 0 else None
        if found is not None and found.name == "percent" and found.n == n:
            return k if k == 0 or toks[k - 1].kind == "punct" else None
    return None
