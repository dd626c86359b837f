"""The synthetic news archive of the throughput benchmark: event templates and the writer.

- `wording`: an outlet's house style (`Style`) and how it words counts, money, percentages,
  distances, speeds and durations;
- `facts`: an event's figures (`Fact`), rendered in a style, and the wrong value an outlet reports;
- `names`: the invented outlets, places and people;
- `events/`: the event templates, one module a family (`nature`, `incidents`, `politics`,
  `business`), the fillers any article may add, and `EVENT_TYPES`;
- `compose`: one outlet's article about one event, from its templates;
- `writer`: `generate_archive`, which draws outlets and events from the seed, composes every article,
  plants the errors and writes the files and the truth.

`python benchmarks/generate_archive.py` is the command. Standard library only; the same seed gives
byte-identical files.
"""

from __future__ import annotations

from .writer import generate_archive

__all__ = ["generate_archive"]
