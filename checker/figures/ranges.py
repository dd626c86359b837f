"""Ranges: two figures that bound one amount ("100-120", "between 100 and 120", "three or four years",
"from $800,000 to $1.3 million", "from 208 pounds to 193"), two bounds on one ("more than 10 and less
than 40"), and a figure with its uncertainty ("9.83e-3 +/- 1e-5").

A range opened by "from" is read as a range even after a change verb ("fell from $2,415 to $2,315"):
the two figures bound what the thing was over the period, a weaker claim than either figure alone, so a
consistent report is never contradicted by it; and the pair may run downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.figures.currencies import currencies
from checker.figures.hedges import hedges, match_phrase
from checker.figures.money import currency_before
from checker.figures.numbers import Number, number_at
from checker.figures.tokens import Tok
from checker.figures.unit_phrases import unit_at
from checker.models import Qualifier

OPENERS = frozenset({"between", "from"})
_RANGE_WORDS = {"-", "–", "—", "to", "through", "~"}
_DASHES = {"-", "–"}
#: how far "from X ... to Y" may look for its "to" ("from $36,040 at 10.45pm last night to $34,935")
_FROM_GAP = 6
_GAP_STOPS = {",", ".", ";", ":", "(", ")", "and", "but", "while", "from"}


@dataclass(frozen=True)
class UpperEnd:
    """The upper (or, after 'from', second) end of a range and the token after it."""

    number: Number
    last: int


def opener_before(toks: list[Tok], i: int) -> int | None:
    """Where 'between' or 'from' is written right before token i."""
    return i - 1 if i >= 1 and toks[i - 1].low in OPENERS else None


def _end_at(toks: list[Tok], start: int) -> Number | None:
    """The number a range's second end starts with at token `start`, a minus sign included ('to -34')."""
    if start + 1 < len(toks) and toks[start].text in {"-", "−"} and toks[start].glued_to(toks[start + 1]):
        signed = number_at(toks, start + 1)
        return signed if signed is not None and signed.i == start else None
    if toks[start].kind not in {"num", "word"}:
        return None
    found = number_at(toks, start)
    return found if found is not None and found.i == start else None


def _in_order(core: Number, upper: Number, opener: str | None) -> bool:
    """Ends rise ('3-1' is a score, not a range), except after 'from', where the pair may fall."""
    if opener == "from":
        return upper.value != core.value
    return upper.value > core.value


def bare_range_after(toks: list[Tok], core: Number, opener: str | None) -> Number | None:
    """The upper end of '100-120', '100 to 120', 'between 100 and 120', '8- to 16-meter', 'three or four'.

    A scale written on the upper end only covers both ('3-4 billion')."""
    k = core.j
    if k + 1 >= len(toks):
        return None
    sep = toks[k]
    if sep.text == "-" and toks[k + 1].low == "to" and toks[k - 1].glued_to(sep):
        k, sep = k + 1, toks[k + 1]  # "8- to 16-meter"
    either = sep.low == "or" and opener is None
    if not (sep.low in _RANGE_WORDS or (opener == "between" and sep.low == "and") or either):
        return None
    glued_dash = sep.text in _DASHES and toks[k - 1].glued_to(sep) and sep.glued_to(toks[k + 1])
    spaced_dash = sep.text in _DASHES and not toks[k - 1].glued_to(sep) and not sep.glued_to(toks[k + 1])
    if sep.text in _DASHES and not (glued_dash or spaced_dash):
        return None
    start = k + 1
    if toks[start].kind == "sym" and toks[start].text in currencies().symbols:
        start += 1  # "$3-$4 billion"
        if start >= len(toks):
            return None  # "1,000 - $" at the end of a text
    hyphen = toks[start].text == "-" and start + 1 < len(toks) and toks[start + 1].kind == "num"
    if hyphen and sep.low == "to" and sep.glued_to(toks[start]) and toks[start].glued_to(toks[start + 1]):
        start += 1  # "200,000 to-260,000 year-old": a hyphen, not a sign
    if start >= len(toks):
        return None
    upper = _end_at(toks, start) if sep.text not in _DASHES else None
    if upper is None and toks[start].kind in {"num", "word"}:
        upper = number_at(toks, start)
    if upper is None or upper.i != start or (upper.words and not core.words and sep.text in _DASHES):
        return None
    if either and (upper.words != core.words or upper.value <= core.value):
        return None  # "three or four years"; never "200 or 2,000", which is two figures
    scale = 1.0
    if upper.scaled and not core.scaled and upper.value > 0:
        head = number_at(toks[: upper.i + 1], upper.i)
        scale = upper.value / head.value if head is not None and head.value else 1.0
        fell = opener == "from" and 0.1 <= core.value * scale / upper.value <= 10
        if core.value * scale > upper.value and not fell:
            scale = 1.0  # "$200,000 to $414 million": the first end is written in full
    scaled_core = Number(core.i, core.j, core.value * scale, core.precision * scale, core.words, scale > 1)
    if not _in_order(scaled_core, upper, opener):
        return None
    if scale > 1:
        core.value, core.precision, core.scaled = scaled_core.value, scaled_core.precision, True
    return upper


def _currency_then_number(toks: list[Tok], start: int) -> tuple[str, int] | None:
    """A currency written from token `start` on ('$', 'US $', '$US', 'EUR') and where its figure starts."""
    for k in range(start + 1, min(start + 3, len(toks))):
        if toks[k].kind in {"num", "word"} and number_at(toks, k) is not None:
            found = currency_before(toks, k)
            if found is not None and found[1] == start:
                return found[0], k
    return None


def _to_after(toks: list[Tok], k: int, opener: str | None) -> int | None:
    """Index of the word joining the second end: right at k, or after 'from X' a short aside later."""
    joiners = {"to", "-", "–"} | ({"and"} if opener == "between" else set())
    if k < len(toks) and toks[k].low in joiners:
        return k
    if opener != "from":
        return None
    for n in range(k, min(k + _FROM_GAP, len(toks))):
        if toks[n].low == "to":
            return n
        if toks[n].low in _GAP_STOPS:
            return None
    return None


def unit_range_after(
    toks: list[Tok], last: int, core: Number, unit: tuple[str, str], opener: str | None
) -> UpperEnd | None:
    """The second end of a range whose first end carries its unit: '1 per cent to 1.5 per cent',
    '$500,000 to $1 million', 'between 44 mg and 50 mg'; after 'from' or 'between' the second end
    may leave the unit out ('from 208 pounds to 193')."""
    k = _to_after(toks, last, opener)
    if k is None or k + 1 >= len(toks):
        return None
    start = k + 1
    currency = _currency_then_number(toks, start)
    if currency is not None:
        if currency[0] != unit[0]:
            return None
        start = currency[1]
    upper = _end_at(toks, start)
    if upper is None or not _in_order(core, upper, opener):
        return None
    if currency is not None:
        end = upper.j
        if end < len(toks) and toks[end].low in {"million", "billion"}:
            end += 1
        return UpperEnd(upper, end)
    found = unit_at(toks, upper.j, toks[upper.j - 1].kind == "num", scaled=upper.scaled)
    if found is not None:
        return UpperEnd(upper, upper.j + found[2]) if found[0] == unit[0] else None
    if opener is None or unit[1].startswith("currency:"):
        return None
    nxt = toks[upper.j] if upper.j < len(toks) else None
    if nxt is not None and nxt.kind in {"num", "sym"}:
        return None
    return UpperEnd(upper, upper.j)


def spread_after(toks: list[Tok], j: int) -> Number | None:
    """The uncertainty written after a figure: '± 0.01', '+/- 1e-5'."""
    k = j
    if k < len(toks) and toks[k].text == "±":
        k += 1
    elif k + 2 < len(toks) and "".join(t.text for t in toks[k : k + 3]) == "+/-":
        k += 3
    else:
        return None
    if k >= len(toks) or toks[k].kind != "num":
        return None
    spread = number_at(toks, k)
    return spread if spread is not None and spread.i == k and spread.value > 0 else None


_LOWER_BOUNDS = {Qualifier.MORE_THAN: False, Qualifier.AT_LEAST: True}  # qualifier -> end is inclusive
_UPPER_BOUNDS = {Qualifier.LESS_THAN: False, Qualifier.AT_MOST: True}
_PAIR_JOINERS = {"and", "but", ","}


@dataclass(frozen=True)
class BoundPair:
    """Two bounds on one figure: 'more than 10 and less than 40' is (10, 40)."""

    low: float
    high: float
    low_inclusive: bool
    high_inclusive: bool
    last: int


def bound_pair_after(
    toks: list[Tok], last: int, first: Qualifier, value: float, unit: tuple[str, str] | None
) -> BoundPair | None:
    """The other side of a bounded figure written right after it ('at most 100 and at least 20');
    two bounds that leave no room between them ('more than 40 and less than 10') stay two figures."""
    k = last
    while k < len(toks) and k < last + 2 and toks[k].low in _PAIR_JOINERS:
        k += 1
    if k == last or k >= len(toks):
        return None
    h = hedges()
    n = match_phrase(toks, k, h.before, h.max_before)
    if not n or k + n >= len(toks):
        return None
    second = h.before[tuple(t.low for t in toks[k : k + n])][0]
    other = number_at(toks, k + n)
    if other is None or other.i != k + n:
        return None
    end = other.j
    found = unit_at(toks, end, toks[end - 1].kind == "num", scaled=other.scaled)
    if found is not None:
        if unit is None or found[0] != unit[0]:
            return None
        end += found[2]
    if first in _LOWER_BOUNDS and second in _UPPER_BOUNDS:
        low, high, low_inc, high_inc = value, other.value, _LOWER_BOUNDS[first], _UPPER_BOUNDS[second]
    elif first in _UPPER_BOUNDS and second in _LOWER_BOUNDS:
        low, high, low_inc, high_inc = other.value, value, _LOWER_BOUNDS[second], _UPPER_BOUNDS[first]
    else:
        return None
    return BoundPair(low, high, low_inc, high_inc, end) if low < high else None
