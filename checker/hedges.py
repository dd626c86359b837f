"""What the words around a number say about it: bounds and hedges ("more than", "nearly", "or more"),
vague amounts ("tens of thousands"), ranges ("100-120", "between 100 and 120"), and change ("rose 3%").

The tables are `data/qualifiers.json` and `data/vague.json` (each vague interval with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.models import Qualifier
from checker.numbers import Number, number_at
from checker.tables import load_table
from checker.tokens import Tok
from checker.units import unit_table

_RANGE_WORDS = {"-", "–", "—", "to", "through", "~"}


@dataclass(frozen=True)
class Vague:
    low: float
    high: float
    low_inclusive: bool
    high_inclusive: bool


@dataclass(frozen=True)
class Hedges:
    before: dict[tuple[str, ...], tuple[Qualifier, bool]]
    after: dict[tuple[str, ...], Qualifier]
    vague: dict[tuple[str, ...], Vague]
    context: dict[str, frozenset[str]]
    max_before: int
    max_after: int
    max_vague: int


@cache
def hedges() -> Hedges:
    raw = load_table("qualifiers.json")
    before = {
        tuple(phrase.split()): (Qualifier(spec["qualifier"]), bool(spec.get("near")))
        for phrase, spec in raw["phrases"].items()
    }
    after = {tuple(p.split()): Qualifier(q) for p, q in raw["after"].items() if not p.startswith("_")}
    vague = {
        tuple(p.split()): Vague(float(s["low"]), float(s["high"]), s["low_inclusive"], s["high_inclusive"])
        for p, s in load_table("vague.json")["phrases"].items()
    }
    context = {k: frozenset(v) for k, v in load_table("context.json").items() if isinstance(v, list)}
    return Hedges(
        before, after, vague, context, max(map(len, before)), max(map(len, after)), max(map(len, vague))
    )


def match_phrase(toks: list[Tok], i: int, table: dict[tuple[str, ...], Any], longest: int) -> int:
    """Length in tokens of the longest phrase of `table` starting at token i (0 if none)."""
    for n in range(min(longest, len(toks) - i), 0, -1):
        if tuple(t.low for t in toks[i : i + n]) in table:
            return n
    return 0


def vague_at(toks: list[Tok], i: int) -> tuple[Vague, int] | None:
    """A vague amount starting at token i and its length in tokens."""
    h = hedges()
    n = match_phrase(toks, i, h.vague, h.max_vague)
    if not n:
        return None
    return h.vague[tuple(t.low for t in toks[i : i + n])], n


def qualifier_before(toks: list[Tok], i: int) -> tuple[Qualifier, bool, int, str] | None:
    """(qualifier, near, first token, words) of a bound or hedge written just before token i."""
    h = hedges()
    for n in range(min(h.max_before, i), 0, -1):
        key = tuple(t.low for t in toks[i - n : i])
        if key in h.before:
            qualifier, near = h.before[key]
            return qualifier, near, i - n, " ".join(key)
    return None


def qualifier_after(toks: list[Tok], j: int) -> tuple[Qualifier, int] | None:
    """'500 or more', '200 or greater', '5000 or less': a bound written after the figure."""
    h = hedges()
    n = match_phrase(toks, j, h.after, h.max_after)
    if not n:
        return None
    return h.after[tuple(t.low for t in toks[j : j + n])], j + n


def change_before(toks: list[Tok], i: int, dimension: str) -> str | None:
    """'up' or 'down' when the figure is what something rose or fell by."""
    ctx = hedges().context
    k = i - 1
    if k >= 0 and toks[k].low == "by":
        k -= 1
    while k >= 0 and toks[k].low in ctx["change_adverbs"]:
        k -= 1
    if k < 0 or (toks[k].low in {"up", "down"} and dimension == "count"):
        return None  # "shot down 105 drones": a particle, not a fall
    if toks[k].low in ctx["change_up"]:
        return "up"
    if toks[k].low in ctx["change_down"]:
        return "down"
    return None


def bounds(q: Qualifier, value: float) -> tuple[float | None, float | None, bool, bool]:
    """The interval a bound or hedge makes of a value: 'more than 160' is (160, inf)."""
    return {
        Qualifier.MORE_THAN: (value, None, False, True),
        Qualifier.AT_LEAST: (value, None, True, True),
        Qualifier.AT_MOST: (None, value, True, True),
        Qualifier.LESS_THAN: (None, value, True, False),
    }.get(q, (value, value, True, True))


def range_after(toks: list[Tok], core: Number, between: bool) -> tuple[Number, int] | None:
    """The upper end of '100-120', '100 to 120', 'between 100 and 120', '8- to 16-meter', and where the
    upper number starts (after a repeated currency sign or unit)."""
    k = core.j
    if k + 1 >= len(toks):
        return None
    sep = toks[k]
    if sep.text == "-" and toks[k + 1].low == "to" and toks[k - 1].glued_to(sep):
        k, sep = k + 1, toks[k + 1]  # "8- to 16-meter"
    if not (sep.low in _RANGE_WORDS or (between and sep.low == "and")):
        return None
    glued_dash = sep.text in {"-", "–"} and toks[k - 1].glued_to(sep) and sep.glued_to(toks[k + 1])
    spaced_dash = sep.text in {"-", "–"} and not toks[k - 1].glued_to(sep) and not sep.glued_to(toks[k + 1])
    if sep.text in {"-", "–"} and not (glued_dash or spaced_dash):
        return None
    start = k + 1
    if start < len(toks) and toks[start].kind == "sym" and toks[start].text in unit_table().currency_symbols:
        start += 1  # "$3-$4 billion"
    if start >= len(toks) or toks[start].kind not in {"num", "word"}:
        return None
    upper = number_at(toks, start)
    if upper is None or upper.i != start or (upper.words and not core.words and sep.text in {"-", "–"}):
        return None
    scale = 1.0
    if upper.scaled and not core.scaled and upper.value > 0:  # "3-4 billion": the scale covers both ends
        head = number_at(toks[: upper.i + 1], upper.i)
        scale = upper.value / head.value if head is not None and head.value else 1.0
        if core.value * scale > upper.value:
            scale = 1.0  # "$200,000 to $414 million": the first end is written in full
    if upper.value <= core.value * scale:
        return None  # "3-1" is a score, not a range
    if scale > 1:
        core.value *= scale
        core.precision *= scale
        core.scaled = True
    return upper, start
