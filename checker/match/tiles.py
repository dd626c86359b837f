"""Tiles: a large archive matched a stretch of days at a time, so the cost grows with the archive, not
its square.

Stories and clusters compare articles with each other; over a whole archive of 20,000 articles their
matrices alone outgrow memory, and most of what they compare lies months apart, where no claim may
meet another anyway (`CheckOptions.date_window_days`). So the dated articles are cut, in publication
order, into cores of at most `CheckOptions.tile_articles` articles. A tile is a core and every article
published within the date window (and a day, for time zones) before its first article or after its
last: each pair of articles close enough to be compared lies whole in some tile. A tile reports only
the clusters whose earliest claim comes from its core, so a fact is reported once, by the tile whose
core saw it first, however many tiles overlap it.

An archive no larger than one core is one tile: everything is compared with everything, as before.
Undated articles carry no date to place them by, so they join every tile, as they meet every claim in
an untiled run; a cluster is reported by the tile whose core holds its earliest dated claim, or by the
first tile when all its claims are undated. An archive of undated articles is thus one tile: without
dates there is nothing to cut it by.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from checker.models import Article

#: added to the date window at a tile's edges: publication times in different zones compare by wall clock
ZONE_SLACK_DAYS = 1.0


class Tile(NamedTuple):
    """Articles matched together (positions in the archive, in archive order), and the ids of those
    whose findings this tile reports (`reported_by`)."""

    articles: list[int]
    core: frozenset[str]


def _wall_clock(article: Article) -> datetime:
    assert article.published is not None
    return article.published.replace(tzinfo=None)


def _chunks(positions: list[int], size: int) -> list[list[int]]:
    """`positions` cut into runs of `size`; a last run shorter than half of `size` joins the one before,
    so that no tile is a sliver."""
    runs = [positions[k : k + size] for k in range(0, len(positions), size)]
    if len(runs) > 1 and len(runs[-1]) < size / 2:
        tail = runs.pop()
        runs[-1] += tail
    return runs


def date_tiles(articles: Sequence[Article], core_size: int, window_days: float) -> list[Tile]:
    """The archive's tiles, in publication order; one tile when it fits one core or has no dates."""
    dated = sorted(
        (k for k, a in enumerate(articles) if a.published is not None),
        key=lambda k: (_wall_clock(articles[k]), articles[k].id),
    )
    if len(articles) <= core_size or not dated:
        return [Tile(list(range(len(articles))), frozenset(a.id for a in articles))]
    undated = [k for k, a in enumerate(articles) if a.published is None]
    when = [_wall_clock(articles[k]) for k in dated]
    margin = timedelta(days=window_days + ZONE_SLACK_DAYS)
    tiles: list[Tile] = []
    start = 0
    for core in _chunks(dated, core_size):
        end = start + len(core)
        first = bisect_left(when, when[start] - margin)
        last = bisect_right(when, when[end - 1] + margin)
        reports = core + undated if not tiles else core  # the first tile reports the undated-only clusters
        tiles.append(Tile(sorted(dated[first:last] + undated), frozenset(articles[k].id for k in reports)))
        start = end
    return tiles


class _Dated(Protocol):
    @property
    def article_id(self) -> str: ...
    @property
    def published(self) -> datetime | None: ...


def reported_by(claims: Iterable[_Dated]) -> str:
    """The article whose tile reports a cluster of these claims: that of its earliest dated claim (by
    wall clock, then article id), or the first article id when none is dated."""
    claims = list(claims)
    dated = [c for c in claims if c.published is not None]
    if not dated:
        return min(c.article_id for c in claims)
    first = min(dated, key=lambda c: (c.published.replace(tzinfo=None), c.article_id))  # type: ignore[union-attr]
    return first.article_id
