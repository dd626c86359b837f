"""What the words around a number say about it: bounds and hedges ("more than", "nearly", "or more",
"20-plus"), vague amounts ("tens of thousands") and change ("rose 3%"); and what a figure takes from the
one before it: its change when it restates it ("fell 190 points, or 0.6%"), its hedge when it converts it
("some 40 km (25 miles)").

The tables are `data/qualifiers.json` and `data/vague.json` (each vague interval with its reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.figures.numbers import number_at
from checker.figures.tokens import Tok
from checker.models import Qualifier, Quantity
from checker.tables import load_table


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
    closing: frozenset[tuple[str, ...]]
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
    closing = frozenset(tuple(p.split()) for p in raw["closing"])
    vague = {
        tuple(p.split()): Vague(float(s["low"]), float(s["high"]), s["low_inclusive"], s["high_inclusive"])
        for p, s in load_table("vague.json")["phrases"].items()
    }
    context = {k: frozenset(v) for k, v in load_table("context.json").items() if isinstance(v, list)}
    longest_after = max(map(len, [*after, *closing]))
    return Hedges(
        before, after, closing, vague, context, max(map(len, before)), longest_after, max(map(len, vague))
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
            if i - n >= 1 and toks[i - n - 1].text in _COMPARATORS and toks[i - n - 1].glued_to(toks[i - n]):
                return None  # "<>30", "=>30": not a bound anyone writes
            qualifier, near = h.before[key]
            return qualifier, near, i - n, " ".join(key)
    return None


_COMPARATORS = {"<", ">", "="}
_CLOSED = {Qualifier.MORE_THAN: Qualifier.AT_LEAST, Qualifier.LESS_THAN: Qualifier.AT_MOST}


def qualifier_after(toks: list[Tok], j: int, before: Qualifier | None = None) -> tuple[Qualifier, int] | None:
    """A bound written after the figure, given the one written before it (if any): '500 or more' is
    at least 500, as is 'about 500 or more'; 'more than 5000 or equal to' closes the bound. A phrase that
    goes on to a figure of its own ('200 or greater than 190') bounds that figure, not this one."""
    h = hedges()
    table = {**h.after, **dict.fromkeys(h.closing)}
    n = match_phrase(toks, j, table, h.max_after)
    if not n:
        return None
    end = j + n
    if end < len(toks) and toks[end].kind in {"num", "word", "sym"} and number_at(toks, end) is not None:
        return None
    phrase = tuple(t.low for t in toks[j:end])
    if phrase in h.closing:
        closed = _CLOSED.get(before) if before is not None else None
        return (closed, end) if closed is not None else None
    if before not in {None, Qualifier.EXACT, Qualifier.APPROXIMATE}:
        return None
    return h.after[phrase], end


def plus_after(toks: list[Tok], j: int) -> int | None:
    """The token after 'plus' written as a bound ('three-plus seasons', '50 plus people'), never the
    'plus' of a sum ('5 plus 3')."""
    if j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].low == "plus":
        glued = toks[j - 1].glued_to(toks[j]) and toks[j].glued_to(toks[j + 1])
        return j + 2 if glued else None
    if j + 1 < len(toks) and toks[j].low == "plus" and toks[j + 1].kind == "word":
        return j + 1 if number_at(toks, j + 1) is None else None
    return None


def change_before(toks: list[Tok], i: int, dimension: str) -> str | None:
    """'up' or 'down' when the figure is what something rose or fell by."""
    ctx = hedges().context
    k = i - 1
    by = k >= 0 and toks[k].low == "by"
    if by:
        k -= 1
    while k >= 0 and toks[k].low in ctx["change_adverbs"]:
        k -= 1
    if k < 0:
        return None
    copula = k >= 1 and toks[k - 1].low in ctx["copulas"]
    if toks[k].low in {"up", "down"} and dimension == "count" and not copula:
        return None  # "shot down 105 drones": a particle, not a fall; "were up 0.25 points" is a rise
    found = _direction(toks[k].low)
    if found is None and by:
        # "grow sales by 35 per cent", "cut its forecast by 2%": the verb, its object, then "by"
        for back in range(k - 1, max(k - 3, -1), -1):
            if toks[back].kind != "word":
                break
            if (found := _direction(toks[back].low)) is not None:
                break
    return found


def _direction(word: str) -> str | None:
    ctx = hedges().context
    if word in ctx["change_up"]:
        return "up"
    if word in ctx["change_down"]:
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


#: what joins a figure to the same figure said again: "lost 190 points, or 0.6%", "1 °C (1.8 °F)";
#: up to two words of what the first one counts may come between
_RESTATEMENT = re.compile(r"^(?:[^\W\d]+\s+){0,1}[^\W\d]*\s*(?:,\s*or|or|\()(?:\s+about)?$")


def restated_changes(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure restating the one before it ('fell 190 points, or 0.6%', 'dropped 1 °C (1.8 °F)')
    moved the same way."""
    out = found[:1]
    for q in found[1:]:
        prev = out[-1]
        between = text[prev.end : q.start].strip().lower()
        if q.change is None and prev.change is not None and _RESTATEMENT.match(between):
            q = q.model_copy(update={"change": prev.change})
        out.append(q)
    return out


def hedged_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """A conversion in brackets after a hedged measure is as hedged: 'some 40 km (25 miles)' is about 25
    miles, never exactly."""
    out = found[:1]
    for q in found[1:]:
        prev = out[-1]
        closes = text[q.end : q.end + 2].strip().startswith(")")
        bracketed = text[prev.end : q.start].strip() == "(" and closes
        if (
            bracketed
            and q.qualifier is Qualifier.EXACT
            and prev.qualifier is Qualifier.APPROXIMATE
            and q.dimension == prev.dimension != "count"
        ):
            q = q.model_copy(update={"qualifier": prev.qualifier, "hedge": prev.hedge, "near": prev.near})
        out.append(q)
    return out
