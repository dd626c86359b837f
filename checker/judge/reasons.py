"""Reasons an editor can verify: the frame slots that make claims one fact, with their source words,
and the interval arithmetic, after conversion, that makes the figures incompatible."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checker.figures.units import base_scale
from checker.match.intervals import judged_interval, rule_for
from checker.models import Claim
from checker.options import CheckOptions

#: frame slots quoted in a reason, in reading order, with the label an editor sees
SLOT_LABELS = {
    "counted": "object",
    "predicate": "event",
    "actor": "actor",
    "place": "place",
    "time": "time",
    "claimant": "claimant",
}


def _words(claims: Sequence[Claim], slot: str) -> list[str]:
    found: list[str] = []
    for c in claims:
        value = getattr(c.frame, slot)
        if value is not None:
            found.append(value.text)
    return found


def shared_slots(claims: Sequence[Claim]) -> dict[str, str]:
    """Slot -> the words each source used for it ('shot down / brought down'), for slots most claims fill."""
    shared: dict[str, str] = {}
    for slot, label in SLOT_LABELS.items():
        words = _words(claims, slot)
        if len(words) * 2 < len(claims):
            continue  # a slot only a few sources fill does not make them one fact
        shared[label] = " / ".join(w for w, _ in Counter(words).most_common(4))
    return shared


def fact_label(claims: Sequence[Claim]) -> str:
    """What the claims are about, in the most common wording: 'Ukrainian drones (shot down)' for a
    count, 'length of container ship' for a measure."""
    q = claims[0].quantity
    things = Counter(c.counted for c in claims if c.counted).most_common(1)
    if q.dimension != "count":
        return f"{q.dimension} of {things[0][0]}" if things else q.dimension
    thing = things[0][0] if things else "count"
    events = Counter(c.frame.predicate.text for c in claims if c.frame.predicate).most_common(1)
    return f"{thing} ({events[0][0]})" if events else thing


def outlets(claims: Sequence[Claim]) -> str:
    return ", ".join(dict.fromkeys(c.outlet for c in claims))


def describe_shared(shared: dict[str, str]) -> str:
    return "; ".join(f"{label}: {words}" for label, words in shared.items())


def incompatibility(a: Claim, b: Claim, options: CheckOptions) -> str:
    """'105 and 150 do not overlap (exact figures ...)', in `a`'s unit after any conversion."""
    converting = a.quantity.unit != b.quantity.unit
    scale = base_scale(a.quantity.unit)
    a_int = judged_interval(a.quantity, options, converting=converting).in_unit(scale)
    b_int = judged_interval(b.quantity, options, converting=converting).in_unit(scale)
    unit = f" {a.quantity.unit}" if a.quantity.unit and a.quantity.dimension != "count" else ""
    rule = rule_for(a.quantity, b.quantity)
    return f"{a_int.describe()}{unit} and {b_int.describe()}{unit} do not overlap ({rule})"


def conflict_reason(
    fact: str,
    shared: dict[str, str],
    majority: Claim,
    agreeing: list[Claim],
    outliers: list[Claim],
    options: CheckOptions,
    level: bool = False,
) -> str:
    n = len({c.outlet for c in agreeing})
    others = "; ".join(f"'{x.text}' ({x.outlet})" for x in outliers)
    tie = " No figure has most of the outlets behind it: any of them may be the wrong one." if level else ""
    return (
        f"Same fact: {fact} [{describe_shared(shared)}]. '{majority.text}' in {n} outlet(s) "
        f"({outlets(agreeing)}) vs {others}: {incompatibility(majority, outliers[0], options)}.{tie}"
    )


def disputed_reason(
    fact: str, shared: dict[str, str], sides: list[list[Claim]], options: CheckOptions
) -> str:
    parts = []
    for side in sides:
        claimants = ", ".join(dict.fromkeys(c.frame.claimant.text for c in side if c.frame.claimant))
        parts.append(f"'{side[0].text}' according to {claimants} ({outlets(side)})")
    return (
        f"Disputed: {fact} [{describe_shared(shared)}]. {' vs '.join(parts)}: the figures come from "
        f"opposing claimants; {incompatibility(sides[0][0], sides[1][0], options)}."
    )


def revision_reason(fact: str, shared: dict[str, str], ordered: list[Claim]) -> str:
    steps = " -> ".join(
        f"'{c.text}' ({c.outlet}, {c.published:%d %b %Y %H:%M})"
        if c.published
        else f"'{c.text}' ({c.outlet})"
        for c in ordered
    )
    return (
        f"Revision: {fact} [{describe_shared(shared)}] moves the way a running total moves as the story "
        f"develops: {steps}. The latest figure is '{ordered[-1].text}'."
    )
