"""The generated archive the benchmarks score against: its truth must be a truth a desk would sign.

A hedge that misstates its figure ("nearly 40" for 30) or two events of one kind in one town on one day
would make the checker look wrong where any reader would side with it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from random import Random

import pytest

from benchmarks.archive.wording import (
    HEDGE_SLACK,
    Style,
    hedged_count,
    hedged_km,
    hedged_money,
    hedged_percent,
    number_word,
)
from benchmarks.archive.writer import APART_DAYS, make_events

_STYLES = [
    Style(
        words_small=words,
        british=british,
        percent_sign=sign,
        money_short=short,
        units="metric",
        km_glued=False,
        hedge=1.0,
        said="said",
        tz=None,  # type: ignore[arg-type]
        section="news",
    )
    for words, british, sign, short in [(True, True, True, True), (False, False, False, False)]
]
_WORDS = {number_word(n): n for n in range(1, 20)} | {"a dozen": 12, "half a dozen": 6, "two dozen": 24}
_SCALE = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _shown(text: str) -> tuple[str, float]:
    """The hedge word and the figure a rendered hedge shows."""
    hedge = re.match(r"(more than|just over|at least|nearly|almost|about|some|roughly)?\s*", text)
    assert hedge is not None
    rest = text[hedge.end() :]
    for word, n in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
        if rest.startswith(word):
            return hedge.group(1) or "", float(n)
    number = re.search(r"([\d,]+(?:\.\d+)?)\s*(m\b|million|bn|billion)?", rest)
    assert number is not None, text
    value = float(number.group(1).replace(",", "")) * _SCALE.get(number.group(2) or "", 1.0)
    return hedge.group(1) or "", value


def _honest(kind: str, shown: float, true: float) -> bool:
    if kind == "more than":
        return shown < true
    if kind == "just over":  # a near bound, read as [X, X * 1.1] (`data/qualifiers.json`)
        return shown < true <= shown * (1 + HEDGE_SLACK) + 1e-9
    if kind == "at least":
        return shown <= true
    return abs(shown - true) <= HEDGE_SLACK * shown + 1e-9


@pytest.mark.parametrize("style", _STYLES)
def test_every_hedge_is_near_its_figure(style: Style) -> None:
    rng = Random(3)
    for n in range(3, 3000, 7):
        kind, shown = _shown(hedged_count(n, style, rng))
        assert _honest(kind, shown, n), (n, kind, shown)
    for amount in [12_345.0, 98_000.0, 2.1e6, 3.04e6, 17.6e6, 2.2e9]:
        for _ in range(20):
            kind, shown = _shown(hedged_money(amount, "$", style, rng).replace("$", ""))
            assert _honest(kind, shown, amount), (amount, kind, shown)
    for percent in [3.1, 4.4, 8.9, 10.0, 12.6, 45.2]:
        for _ in range(20):
            kind, shown = _shown(hedged_percent(percent, style, rng))
            assert _honest(kind, shown, percent), (percent, kind, shown)
    for km in [6.0, 13.0, 48.0, 230.0]:
        for _ in range(20):
            kind, shown = _shown(hedged_km(km, style, rng))
            assert _honest(kind, shown, km), (km, kind, shown)


def test_no_two_events_of_one_kind_share_a_setting_within_days() -> None:
    """At 3,000 articles there is room for every event; at 5,000, with 36 elections and 36 budget votes
    in 120 days and 7 countries, a few keep a country that is taken."""
    events = make_events(Random(7), 3000)
    near = timedelta(days=APART_DAYS)
    clashes = [
        (a.index, b.index)
        for i, a in enumerate(events)
        for b in events[i + 1 :]
        if a.kind is b.kind
        and all(a.ctx[key] == b.ctx[key] for key in a.kind.setting)
        and abs(a.start - b.start) <= near
    ]
    assert clashes == []
    assert {kind.setting for kind in {e.kind for e in events}} == {("place",), ("country",), ("company",)}
