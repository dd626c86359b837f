"""Tiles: a large archive matched a stretch of days at a time, so the cost grows with the archive, not
its square.

Stories and clusters compare articles with each other; over a whole archive of 20,000 articles their
matrices alone outgrow memory, and most of what they compare lies months apart, where no claim may meet
another anyway (`CheckOptions.date_window_days`). So the dated articles are cut, in publication order,
into cores of `CheckOptions.tile_articles` articles, or of as many as the date window holds where that
is more (a dense archive: a tile's margins would otherwise be many times its core). A tile is a core and
every article published within the date window (and a day, for time zones) before its first article or
after its last: each pair of articles close enough to be compared lies whole in some tile. A tile
reports only the clusters whose earliest claim comes from its core, so a fact is reported once, by the
tile whose core saw it first, however many tiles overlap it.

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


def _cores(when: list[datetime], size: int, days: float) -> list[range]:
    """Runs of consecutive positions in `when` (sorted): at least `size` of them, and at least `days` of
    publication time, so that a tile's margins (the date window on each side) never outgrow its core many
    times over in a dense archive; a last run shorter than half of `size` joins the one before."""
    runs: list[range] = []
    start = 0
    while start < len(when):
        end = max(start + size, bisect_right(when, when[start] + timedelta(days=days)))
        runs.append(range(start, min(end, len(when))))
        start = runs[-1].stop
    if len(runs) > 1 and len(runs[-1]) < size / 2:
        tail = runs.pop()
        runs[-1] = range(runs[-1].start, tail.stop)
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
    for run in _cores(when, core_size, window_days):
        first = bisect_left(when, when[run.start] - margin)
        last = bisect_right(when, when[run.stop - 1] + margin)
        core = dated[run.start : run.stop]
        reports = core + undated if not tiles else core  # the first tile reports the undated-only clusters
        tiles.append(Tile(sorted(dated[first:last] + undated), frozenset(articles[k].id for k in reports)))
    return tiles


def last_tiles(tiles: Sequence[Tile], articles: int) -> list[int]:
    """For each of `articles` positions, the index of the last tile holding it (-1 when none does): tiles
    run in order, so after that tile nothing asks for the article's claims or their vectors again."""
    last = [-1] * articles
    for index, tile in enumerate(tiles):
        for k in tile.articles:
            last[k] = index
    return last


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
