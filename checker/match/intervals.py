"""The comparison rules, in one place: when two figures can both be true.

1. Figures of different dimensions (a percent and a count, dollars and euros) are never compared.
2. Bare figures in the same unit compare exactly: 105 and 106 drones disagree.
3. Implicit rounding applies only across a unit conversion and to scale words: "620 miles" is read to
   its last written digit (± 5 miles) when set against kilometres, capped at `conversion_tolerance`
   of the value; "1.2 million" is ± 50,000 (scale words from a million up; "a thousand" is exact).
4. "about", "roughly", "some" get ± `approx_tolerance` of the value; "nearly"/"almost X" is
   [X·(1 − approx_tolerance), X] and "just over X" is [X, X·(1 + approx_tolerance)]: a figure said to
   be close to X agrees with another outlet's round X ("nearly 600,000" and "600,000").
5. Bounds are intervals with open or closed ends: "more than 160" is (160, ∞) and agrees with 165.
6. Vague amounts use their table interval ("tens of thousands" is [10,000, 100,000)).
Two figures can both be true when their intervals, in base units, overlap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.figures.units import to_base
from checker.match.rowblocks import pair_blocks
from checker.models import Qualifier, Quantity
from checker.options import CheckOptions

#: scale words round only from a million up: "1.2 million" is a rounded figure, "a thousand
#: prisoners" is as exact as "1,000 prisoners"
MIN_ROUNDED_SCALE = 1e6


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_inclusive: bool = True
    high_inclusive: bool = True

    def overlaps(self, other: Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        if self.low == other.high:
            return self.low_inclusive and other.high_inclusive
        if other.low == self.high:
            return other.low_inclusive and self.high_inclusive
        return True

    def in_unit(self, scale: float) -> Interval:
        """The interval expressed in a unit worth `scale` base units (for reasons an editor reads)."""
        return Interval(self.low / scale, self.high / scale, self.low_inclusive, self.high_inclusive)

    def describe(self) -> str:
        if self.low == self.high:
            return _fmt(self.low)
        left = "[" if self.low_inclusive and math.isfinite(self.low) else "("
        right = "]" if self.high_inclusive and math.isfinite(self.high) else ")"
        return f"{left}{_fmt(self.low)}, {_fmt(self.high)}{right}"


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def comparable(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension


def _rounding(q: Quantity, converting: bool, options: CheckOptions) -> float:
    """Half the granularity the figure is written to, where rounding is implied at all (rules 2-3)."""
    precision = q.precision or 0.0
    if q.scaled and abs(q.value) >= MIN_ROUNDED_SCALE:
        return precision / 2
    if converting:
        return min(precision / 2, options.conversion_tolerance * abs(q.value))
    return 0.0


def judged_interval(q: Quantity, options: CheckOptions, *, converting: bool = False) -> Interval:
    """The values `q` allows, in base units, with the tolerances of the rules above."""
    tol = options.approx_tolerance * abs(q.value)
    slack = _rounding(q, converting, options)
    low = -math.inf if q.low is None else q.low
    high = math.inf if q.high is None else q.high
    low_inc, high_inc = q.low_inclusive, q.high_inclusive
    if q.qualifier == Qualifier.APPROXIMATE:
        slack = max(slack, tol)
    elif q.near and q.qualifier in {Qualifier.LESS_THAN, Qualifier.AT_MOST}:
        low, low_inc, high_inc = q.value - tol, True, True
    elif q.near and q.qualifier in {Qualifier.MORE_THAN, Qualifier.AT_LEAST}:
        high, high_inc, low_inc = q.value + tol, True, True
    if q.qualifier != Qualifier.VAGUE:
        low, high = low - slack, high + slack
    return Interval(_to_base_bound(low, q.unit), _to_base_bound(high, q.unit), low_inc, high_inc)


def _to_base_bound(x: float, unit: str | None) -> float:
    return x if math.isinf(x) else to_base(x, unit)


def compatible(a: Quantity, b: Quantity, options: CheckOptions) -> bool:
    """Whether the two figures can both be true; figures that are not comparable are 'compatible'."""
    if not comparable(a, b):
        return True
    converting = a.unit != b.unit
    return judged_interval(a, options, converting=converting).overlaps(
        judged_interval(b, options, converting=converting)
    )


def _bounds(intervals: Sequence[Interval]) -> tuple[np.ndarray, ...]:
    return (
        np.array([v.low for v in intervals], dtype=np.float64),
        np.array([v.high for v in intervals], dtype=np.float64),
        np.array([v.low_inclusive for v in intervals], dtype=bool),
        np.array([v.high_inclusive for v in intervals], dtype=bool),
    )


def _overlap(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> np.ndarray:
    """`Interval.overlaps` of a[k] with b[k] for every k, in numpy."""
    low, high, low_inc, high_inc = a
    other_low, other_high, other_low_inc, other_high_inc = b
    return ~((low > other_high) | (other_low > high)) & np.where(
        low == other_high,
        low_inc & other_high_inc,
        np.where(other_low == high, other_low_inc & high_inc, True),
    )


@dataclass(frozen=True)
class _Figures:
    """Each figure's intervals as arrays, worked out once: as read in its own unit and across a
    conversion; with its dimension and unit as codes."""

    exact: tuple[np.ndarray, ...]
    converted: tuple[np.ndarray, ...]
    dimension: np.ndarray
    unit: np.ndarray

    @classmethod
    def of(cls, quantities: Sequence[Quantity], options: CheckOptions) -> _Figures:
        dimensions: dict[str, int] = {}
        units: dict[str | None, int] = {}
        return cls(
            _bounds([judged_interval(q, options) for q in quantities]),
            _bounds([judged_interval(q, options, converting=True) for q in quantities]),
            np.array([dimensions.setdefault(q.dimension, len(dimensions)) for q in quantities]),
            np.array([units.setdefault(q.unit, len(units)) for q in quantities]),
        )

    def compatible(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """`compatible(quantities[i], quantities[j])` for index arrays `i` and `j`, broadcast together."""
        overlap = np.where(
            self.unit[i] != self.unit[j],
            _overlap(tuple(x[i] for x in self.converted), tuple(x[j] for x in self.converted)),
            _overlap(tuple(x[i] for x in self.exact), tuple(x[j] for x in self.exact)),
        )
        return np.asarray(overlap | (self.dimension[i] != self.dimension[j]), dtype=bool)


def compatibility_table(quantities: Sequence[Quantity], options: CheckOptions) -> np.ndarray:
    """`compatible(quantities[i], quantities[j], options)` at row i, column j, for every i and j: each
    figure's intervals worked out once and compared in numpy."""
    every = np.arange(len(quantities))
    return _Figures.of(quantities, options).compatible(every[:, None], every[None, :])


def compatibility_matrix(quantities: Sequence[Quantity], options: CheckOptions) -> np.ndarray:
    """`compatible` for every pair at once, asked in the order (i, j), i < j, and mirrored (clustering
    asks the same pairs many times); the diagonal is True. The pairs are asked a block of rows at a
    time (`checker.match.rowblocks`): a large segment's pairs never all spelt out at once."""
    n = len(quantities)
    out = np.ones((n, n), dtype=bool)
    if n < 2:
        return out
    figures = _Figures.of(quantities, options)
    for i, j in pair_blocks(n):
        out[i, j] = out[j, i] = figures.compatible(i, j)
    return out


class Agreement:
    """`compatible` over the figures of a few claims, each figure's intervals worked out once."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self._intervals: dict[tuple[int, bool], tuple[Quantity, Interval]] = {}

    def _interval(self, q: Quantity, converting: bool) -> Interval:
        key = (id(q), converting)
        if key not in self._intervals:  # the figure is kept beside its interval, so its id stays its own
            self._intervals[key] = q, judged_interval(q, self.options, converting=converting)
        return self._intervals[key][1]

    def __call__(self, a: Quantity, b: Quantity) -> bool:
        """`compatible(a, b, options)`."""
        if not comparable(a, b):
            return True
        converting = a.unit != b.unit
        return self._interval(a, converting).overlaps(self._interval(b, converting))


def rule_for(a: Quantity, b: Quantity) -> str:
    """Which rule decided a comparison, in words an editor can check."""
    if a.unit != b.unit:
        return f"after converting {a.unit} and {b.unit} to one unit, with implicit rounding of each figure"
    hedged = [q for q in (a, b) if q.qualifier != Qualifier.EXACT or q.scaled]
    if not hedged:
        return "exact figures in the same unit compare exactly"
    words = ", ".join(sorted({f"'{q.hedge or q.surface}'" for q in hedged}))
    return f"reading {words} as intervals"
