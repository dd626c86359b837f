"""What an event type is: how it draws its figures and context, and the templates its articles are
written from. `place_context` gives the place, region, country and people most event types share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random

from ..facts import Fact
from ..names import COUNTRIES, REGIONS, TOWNS, person

FactMaker = Callable[[Random], dict[str, Fact]]
ContextMaker = Callable[[Random], dict[str, str]]


@dataclass(frozen=True)
class EventType:
    """One kind of event: how to draw its figures and context, and the templates of its articles."""

    name: str
    facts: FactMaker
    context: ContextMaker
    titles: Sequence[str]
    leads: Sequence[str]
    sentences: Sequence[str]
    colour: Sequence[str]
    quotes: Sequence[tuple[str, str]]  # (speaker key in the context, quote)
    incident: bool = True  # disaster-like: uses the incident fillers
    #: the context that makes it this event and no other of its kind: two events of one kind within days
    #: never share it (a town's storm, a country's election, a company's results)
    setting: tuple[str, ...] = ("place",)


def place_context(r: Random) -> dict[str, str]:
    """Where an event happens and who speaks first: a town, region and country, an official and a witness."""
    ctx = {
        "place": r.choice(TOWNS),
        "region": r.choice(REGIONS),
        "country": r.choice(COUNTRIES),
        "official": person(r),
        "witness": person(r),
    }
    ctx["witness_role"] = f"a resident of {ctx['place']}"
    return ctx
