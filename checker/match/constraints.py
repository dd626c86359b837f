"""Which claims may never share a cluster, whatever their similarity, and which claims pin no fact.

- a part never meets its whole, a per-party figure never meets a total, a change never meets a level;
- different measured things, events, times, actors, people (ages) or places never meet, nor the count
  of a stretch and of the whole ("his first 17 passes", "completed 28 passes"), nor two stretches of
  different lengths unless told in the same words;
- the size of one thing never meets an amount, lengths from different places never meet, a time
  counted back from the day of writing ('eight days ago') or an activity's length so far ('five days of
  riots') meets others only in dated reports, the cash
  part of a price never meets the whole, and one kind of sum never meets another (`checker.claims.measures`);
- claims further apart than the date window never meet;
- measured figures an order of magnitude apart never meet, nor counts twenty times apart;
- two incompatible figures from one article are two facts;
- a claim whose article holds a different figure that only the article keeps apart from it meets no
  different figure elsewhere, unless the two are told in the same words (`told_alike`; the claims are
  found by `checker.match.cluster.ambiguous`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime, timedelta

import numpy as np
from rapidfuzz import fuzz

from checker.claims.claimants import party
from checker.claims.frames import predicate_classes
from checker.claims.measures import Wording, wording, wording_differs
from checker.claims.slots import PROPER_NOUN
from checker.entities.gazetteer import fold, strip_article
from checker.entities.names import surname_match
from checker.entities.places import place_candidates, places_conflict
from checker.figures.units import to_base
from checker.match.intervals import compatible
from checker.match.rowblocks import pair_blocks
from checker.models import Claim
from checker.options import CheckOptions
from checker.read.dates import days_apart

#: measured figures this many times apart describe different things (a three-year war, a two-hour
#: meeting), never a typo of one another
MAX_MEASURE_RATIO = 10.0
#: counts this many times apart are different facts (three killed in one strike, 640 in the war), never
#: a slip of one another: a dropped or doubled digit makes ten times, not twenty
MAX_COUNT_RATIO = 20.0


def _orders_apart(a: Claim, b: Claim) -> bool:
    if a.quantity.dimension == "count":
        x, y = abs(a.quantity.value), abs(b.quantity.value)
        return min(x, y) > 0 and max(x, y) / min(x, y) > MAX_COUNT_RATIO
    x, y = abs(to_base(a.quantity.value, a.quantity.unit)), abs(to_base(b.quantity.value, b.quantity.unit))
    return min(x, y) > 0 and max(x, y) / min(x, y) > MAX_MEASURE_RATIO


def _events_differ(a: Claim, b: Claim) -> bool:
    """Counts of different events are different facts: drones shot down vs drones launched."""
    if a.quantity.dimension != "count" or not a.frame.predicate or not b.frame.predicate:
        return False
    ca, cb = predicate_classes(a.frame.predicate.norm), predicate_classes(b.frame.predicate.norm)
    return bool(ca) and bool(cb) and not ca & cb


def _times_differ(a: Claim, b: Claim) -> bool:
    """Figures about days or nights that do not meet: last night's drones are not tonight's; nor is a
    total since a day ('500 drones since Monday') the count of one day ('50 drones on Monday')."""
    ta, tb = a.frame.time, b.frame.time
    if ta is None or tb is None:
        return False
    return not ta.overlaps(tb) or ta.running != tb.running


def _actors_differ(a: Claim, b: Claim) -> bool:
    """Two named people, or two countries, doing the counted thing are two facts: one player's assists
    are not another's, and drones Russia launched are not drones Ukraine launched. A surname the
    recognizer missed ('Jones has 193 yards') is still a name: names sharing no word, however spelt
    (Zelensky, Zelenskyy), are two people."""
    x, y = a.frame.actor, b.frame.actor
    if x is None or y is None:
        return False
    if x.label == y.label == "PERSON":
        return not surname_match(x.norm.split()[-1], y.norm.split()[-1])
    if {x.label, y.label} <= {"PERSON", PROPER_NOUN}:
        return not any(surname_match(u, v) for u in x.norm.split() for v in y.norm.split())
    if x.label != y.label:
        return False
    if x.label in {"GPE", "NORP"}:
        sides = party(x), party(y)
        return all(s is not None and len(s) == 2 for s in sides) and sides[0] != sides[1]
    return False


def _people_differ(a: Claim, b: Claim) -> bool:
    """An age is a fact about one person: it meets only an age of the person or noun it describes
    ('Reid, 33' and 'Tara Reid, 34'; 'a 29-year-old man' and 'a 31-year-old man'), never a friend's age
    or a span of years."""
    if not (a.quantity.age or b.quantity.age):
        return False
    x, y = a.frame.counted, b.frame.counted
    if a.quantity.age != b.quantity.age or x is None or y is None:
        return True
    return x.norm.lower().split()[-1:] != y.norm.lower().split()[-1:]


#: place names the gazetteer does not know are one place when they share a word, however spelt
#: (rapidfuzz partial token set ratio): 'the Jabaliya school' and 'Jabaliya refugee camp' are, and
#: 'Takengon' and 'Central Aceh district' are not
PLACE_NAME_MIN_RATIO = 90


def places_differ(a: Claim, b: Claim) -> bool:
    """Figures placed in places that neither equal nor contain each other are two facts: people killed
    in Gaza City are not people killed at Mount Cook, nor in the Jabaliya refugee camp."""
    x, y = a.frame.place, b.frame.place
    if x is None or y is None:
        return False
    if places_conflict(x.text, y.text):
        return True
    if place_candidates(x.text) and place_candidates(y.text):
        return False  # the gazetteer knows both: they agree or it cannot tell
    names = [strip_article(fold(p.text)) for p in (x, y)]
    return fuzz.partial_token_set_ratio(*names) < PLACE_NAME_MIN_RATIO


#: sentences at least this alike, figure masked (rapidfuzz ratio), tell one fact in one wording
TOLD_ALIKE_RATIO = 85


def masked_sentence(claim: Claim) -> str:
    """The claim's sentence with its figure masked, lower-cased: what `told_alike` compares."""
    return f"{claim.sentence_before}#{claim.sentence_after}".lower()


def told_alike(a: Claim, b: Claim) -> bool:
    """Two articles' sentences that differ in little but the figure: a copy of one report, or its
    misprint."""
    return (
        a.article_id != b.article_id
        and fuzz.ratio(masked_sentence(a), masked_sentence(b)) >= TOLD_ALIKE_RATIO
    )


def _stretches_differ(a: Claim, b: Claim, x: Wording, y: Wording) -> bool:
    """'their first two drives' and 'four of their first five drives': a stretch's figure is its length,
    so two lengths are two stretches, unless told in the same words (then one is a misprint)."""
    return (
        x.span is not None
        and x.span == y.span
        and a.quantity.value != b.quantity.value
        and not told_alike(a, b)
    )


def same_event(a: Claim, b: Claim) -> bool:
    """Both claims name an event and the events are of one class ('swap' and 'hand over')."""
    if not a.frame.predicate or not b.frame.predicate:
        return False
    if a.frame.predicate.norm == b.frame.predicate.norm:
        return True
    return bool(predicate_classes(a.frame.predicate.norm) & predicate_classes(b.frame.predicate.norm))


#: a rule of `cannot_link`: whether claims `a` and `b`, worded `x` and `y`, are two facts
Rule = Callable[[Claim, Claim, Wording, Wording], bool]
#: a rule asked of many pairs at once, given as two index arrays
AskPairs = Callable[[np.ndarray, np.ndarray], np.ndarray]
#: a rule made ready for one segment's claims and their wordings, then asked of its pairs a block at a time
PairRule = Callable[[Sequence[Claim], Sequence[Wording]], AskPairs]


def _keyed(rule: Rule, key: Callable[[Claim, Wording], Hashable]) -> PairRule:
    """`rule` over many pairs, asked once per pair of distinct keys: `key` is all the rule reads of one
    claim, so two pairs whose claims have equal keys get one answer. Answers are kept for the segment
    (one byte per pair of keys), so a pair of keys met again in a later block is not asked again."""

    def prepare(claims: Sequence[Claim], words: Sequence[Wording]) -> AskPairs:
        codes: dict[Hashable, int] = {}
        first: list[int] = []  # a claim of each key
        code = np.empty(len(claims), dtype=np.int64)
        for k, (claim, worded) in enumerate(zip(claims, words, strict=True)):
            found = codes.setdefault(key(claim, worded), len(first))
            if found == len(first):
                first.append(k)
            code[k] = found
        m = len(first)
        known = np.full(m * m, -1, dtype=np.int8)  # by pair of keys: -1 not asked yet, else the answer

        def pairs(i: np.ndarray, j: np.ndarray) -> np.ndarray:
            keyed = code[i] * m + code[j]
            for pair in np.unique(keyed[known[keyed] < 0]).tolist():
                p, q = first[pair // m], first[pair % m]
                known[pair] = rule(claims[p], claims[q], words[p], words[q])
            return known[keyed].astype(bool)

        return pairs

    return prepare


def _orders_apart_pairs(claims: Sequence[Claim], words: Sequence[Wording]) -> AskPairs:
    """`_orders_apart` over many pairs: the same magnitudes and ratios, in numpy."""
    counts = np.array([c.quantity.dimension == "count" for c in claims])
    bare = np.array([abs(c.quantity.value) for c in claims], dtype=np.float64)

    @functools.cache
    def in_base() -> np.ndarray:
        """The values in base units, worked out when a measure is first asked."""
        return np.array([abs(to_base(c.quantity.value, c.quantity.unit)) for c in claims], dtype=np.float64)

    def pairs(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        out = np.zeros(len(i), dtype=bool)
        for of_counts, ratio in ((True, MAX_COUNT_RATIO), (False, MAX_MEASURE_RATIO)):
            sel = np.flatnonzero(counts[i] == of_counts)  # `_orders_apart` reads the first claim's dimension
            if not len(sel):
                continue
            values = bare if of_counts else in_base()
            x, y = values[i[sel]], values[j[sel]]
            low, high = np.minimum(x, y), np.maximum(x, y)
            with np.errstate(divide="ignore", invalid="ignore"):
                out[sel] = (low > 0) & (high / np.where(low > 0, low, 1.0) > ratio)
        return out

    return pairs


def _stretches_differ_pairs(claims: Sequence[Claim], words: Sequence[Wording]) -> AskPairs:
    """`_stretches_differ` over many pairs: sentences compared only where the stretches and figures call
    for it."""
    spans: dict[str | None, int] = {None: -1}
    span = np.array([spans.setdefault(w.span, len(spans)) for w in words], dtype=np.int64)
    value = np.array([c.quantity.value for c in claims], dtype=np.float64)

    def pairs(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        out = (span[i] >= 0) & (span[i] == span[j]) & (value[i] != value[j])
        for k in np.flatnonzero(out).tolist():
            out[k] = not told_alike(claims[i[k]], claims[j[k]])
        return out

    return pairs


def _part_whole(a: Claim, b: Claim, x: Wording, y: Wording) -> bool:
    return a.part_of_larger != b.part_of_larger or a.distributive != b.distributive


def _change_level(a: Claim, b: Claim, x: Wording, y: Wording) -> bool:
    return a.quantity.change != b.quantity.change


def _rule(check: Callable[[Claim, Claim], bool]) -> Rule:
    return lambda a, b, x, y: check(a, b)


#: the named rules of `cannot_link`, in the order they are asked, each also as asked of many pairs at
#: once (`cannot_link_matrix`): by what the rule reads of each claim, or in numpy
_RULES: tuple[tuple[str, Rule, PairRule], ...] = (
    ("part_whole", _part_whole, _keyed(_part_whole, lambda c, w: (c.part_of_larger, c.distributive))),
    ("change_level", _change_level, _keyed(_change_level, lambda c, w: c.quantity.change)),
    ("orders_apart", _rule(_orders_apart), _orders_apart_pairs),
    (
        "events_differ",
        _rule(_events_differ),
        _keyed(_rule(_events_differ), lambda c, w: (c.quantity.dimension, c.frame.predicate)),
    ),
    ("times_differ", _rule(_times_differ), _keyed(_rule(_times_differ), lambda c, w: c.frame.time)),
    ("actors_differ", _rule(_actors_differ), _keyed(_rule(_actors_differ), lambda c, w: c.frame.actor)),
    (
        "people_differ",
        _rule(_people_differ),
        _keyed(_rule(_people_differ), lambda c, w: (c.quantity.age, c.frame.counted)),
    ),
    ("places_differ", _rule(places_differ), _keyed(_rule(places_differ), lambda c, w: c.frame.place)),
    ("wording_differs", wording_differs, _keyed(wording_differs, lambda c, w: (w, c.published is None))),
    ("stretches_differ", _stretches_differ, _stretches_differ_pairs),
)


def days_or_places_differ(a: Claim, b: Claim, options: CheckOptions) -> bool:
    """Whether the frames set two claims on days or in places that do not meet: the rules `times_differ`
    and `places_differ` alone, which keep apart the tolls of two incidents told alike
    (`checker.match.tallies`)."""
    off = options.disabled_rules
    return ("times_differ" not in off and _times_differ(a, b)) or (
        "places_differ" not in off and places_differ(a, b)
    )


def cannot_link(
    a: Claim,
    b: Claim,
    options: CheckOptions,
    *,
    agree: bool | None = None,
    words: tuple[Wording, Wording] | None = None,
) -> bool:
    """Pairs no similarity may join; `agree` is `compatible(a, b)` and `words` the two claims'
    `measures.wording` when the caller has them already."""
    agrees = compatible(a.quantity, b.quantity, options) if agree is None else agree
    if a.article_id == b.article_id and not agrees:
        return True
    if a.published and b.published and days_apart(a.published, b.published) > options.date_window_days:
        return True
    off = options.disabled_rules
    x, y = words or (wording(a), wording(b))
    return any(name not in off and rule(a, b, x, y) for name, rule, _ in _RULES)


_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def _far_apart(claims: Sequence[Claim], window: float) -> AskPairs:
    """Pairs both dated and further apart than `window` days (`checker.read.dates.days_apart`), in whole
    microseconds as `datetime` subtracts: on the wall clock when either is naive or both share one
    tzinfo, in UTC otherwise."""
    dated = np.array([c.published is not None for c in claims])
    if not dated.any():
        return lambda i, j: np.zeros(len(i), dtype=bool)
    moments = [c.published for c in claims if c.published is not None]
    if any(m.tzinfo is not None and m.utcoffset() is None for m in moments):
        return lambda i, j: np.array(
            [
                bool(a.published and b.published and days_apart(a.published, b.published) > window)
                for a, b in ((claims[p], claims[q]) for p, q in zip(i.tolist(), j.tolist(), strict=True))
            ],
            dtype=bool,
        )
    wall = np.zeros(len(claims), dtype=np.int64)
    utc = np.zeros(len(claims), dtype=np.int64)
    zone = np.full(len(claims), -1, dtype=np.int64)  # -1: naive
    zones: dict[int, int] = {}
    for k, claim in enumerate(claims):
        when = claim.published
        if when is None:
            continue
        wall[k] = (when.replace(tzinfo=None) - _EPOCH) // _MICROSECOND
        offset = when.utcoffset()
        utc[k] = wall[k] - (offset // _MICROSECOND if offset is not None else 0)
        if when.tzinfo is not None:
            zone[k] = zones.setdefault(id(when.tzinfo), len(zones))

    def pairs(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        in_utc = (zone[i] >= 0) & (zone[j] >= 0) & (zone[i] != zone[j])
        gap = np.where(in_utc, np.abs(utc[i] - utc[j]), np.abs(wall[i] - wall[j]))
        return dated[i] & dated[j] & (gap / 1e6 / 86400 > window)

    return pairs


def cannot_link_matrix(
    claims: Sequence[Claim], options: CheckOptions, agree: np.ndarray, words: Sequence[Wording]
) -> np.ndarray:
    """`cannot_link` of every pair of `claims` at once (`agree`: their `compatibility_matrix`, `words`:
    their wordings), as a symmetric matrix asked in the order (i, j), i < j. Each rule is asked only of
    the pairs no earlier rule kept apart, as `cannot_link` asks it, and once per pair of distinct values
    of what it reads, not once per pair of claims.

    The pairs are asked a block of rows at a time (`checker.match.rowblocks`), rule after rule: the
    matrix itself keeps which pairs are apart so far, so a large segment's pairs are never all spelt out
    at once."""
    n = len(claims)
    out = np.zeros((n, n), dtype=bool)
    article: dict[str, int] = {}
    of_article = np.array([article.setdefault(c.article_id, len(article)) for c in claims], dtype=np.int64)
    far_apart = _far_apart(claims, options.date_window_days)
    left = 0  # pairs no rule has kept apart yet
    for i, j in pair_blocks(n):
        apart = (of_article[i] == of_article[j]) & ~agree[i, j]
        apart |= far_apart(i, j)
        out[i, j] = apart
        left += int(np.count_nonzero(~apart))
    for name, _, prepare in _RULES:
        if name in options.disabled_rules:
            continue
        if not left:
            break
        pairs = prepare(claims, words)
        left = 0
        for i, j in pair_blocks(n):
            todo = np.flatnonzero(~out[i, j])
            if len(todo):
                apart = pairs(i[todo], j[todo])
                out[i[todo], j[todo]] = apart
                left += len(todo) - int(np.count_nonzero(apart))
    out |= out.T  # mirrored: the lower triangle is all False so far
    return out


def same_event_matrix(claims: Sequence[Claim]) -> np.ndarray:
    """`same_event(a, b)` for every a and b of `claims` (rows a, columns b), asked once per pair of
    distinct events."""
    codes: dict[str | None, int] = {}
    first: list[Claim] = []
    code = np.empty(len(claims), dtype=np.int64)
    for k, claim in enumerate(claims):
        event = claim.frame.predicate.norm if claim.frame.predicate else None
        found = codes.setdefault(event, len(first))
        if found == len(first):
            first.append(claim)
        code[k] = found
    table = np.zeros((len(first), len(first)), dtype=bool)
    for p, a in enumerate(first):
        for q, b in enumerate(first):
            table[p, q] = same_event(a, b)
    return table[np.ix_(code, code)]
