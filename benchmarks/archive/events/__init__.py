"""The event templates, one module a family of events, and the order the writer takes them in.

- `base`: `EventType` (figures, context, titles, leads, fact sentences, colour, quotes) and the
  place context most types share;
- `nature` (storm, earthquake, flood, wildfire), `incidents` (drone attack, rail crash), `politics`
  (strike, election, budget vote), `business` (company results, sports transfer);
- `fillers`: what any article may add: neutral or incident filler paragraphs, attribution clauses
  and generic quotes.

`EVENT_TYPES` keeps the generator's order: the first eleven events take one type each in this order,
so changing it changes every archive.
"""

from __future__ import annotations

from .base import EventType
from .business import RESULTS, TRANSFER
from .incidents import DRONE, RAIL
from .nature import EARTHQUAKE, FLOOD, STORM, WILDFIRE
from .politics import BUDGET, ELECTION, STRIKE

EVENT_TYPES: tuple[EventType, ...] = (
    STORM,
    STRIKE,
    ELECTION,
    EARTHQUAKE,
    RESULTS,
    TRANSFER,
    DRONE,
    FLOOD,
    BUDGET,
    WILDFIRE,
    RAIL,
)
