"""Tiles (`checker.match.tiles`): a large archive matched a stretch of days at a time, with every pair
of articles close enough to be compared lying whole in some tile, and each article in one core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations
from typing import NamedTuple

from checker.match.tiles import ZONE_SLACK_DAYS, date_tiles, reported_by
from checker.models import Article

START = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def _archive(count: int, hours_apart: float, undated: int = 0) -> list[Article]:
    dated = [
        Article(id=f"a{k:04d}", text="x", published=START + timedelta(hours=hours_apart * k))
        for k in range(count)
    ]
    # archive order is not publication order: tiles must sort
    return dated[::-1] + [Article(id=f"u{k:04d}", text="x") for k in range(undated)]


def test_an_archive_that_fits_one_core_is_one_tile_of_everything():
    articles = _archive(50, 12.0, undated=3)
    (tile,) = date_tiles(articles, core_size=100, window_days=7)
    assert tile.articles == list(range(len(articles)))
    assert tile.core == {a.id for a in articles}


def test_cores_partition_the_archive_with_no_sliver():
    articles = _archive(1040, 6.0, undated=25)
    tiles = date_tiles(articles, core_size=100, window_days=7)
    cores = [t.core for t in tiles]
    assert sum(len(c) for c in cores) == len(articles)
    assert set().union(*cores) == {a.id for a in articles}
    undated = {a.id for a in articles if a.published is None}
    assert [len(c - undated) for c in cores] == [100] * 9 + [140]  # the last 40 joined the tenth
    assert undated <= cores[0], "the first tile reports the clusters of undated claims alone"


def test_undated_articles_meet_every_tile():
    articles = _archive(300, 24.0, undated=5)
    undated = {k for k, a in enumerate(articles) if a.published is None}
    tiles = date_tiles(articles, core_size=50, window_days=2)
    assert len(tiles) == 6
    assert all(undated <= set(t.articles) for t in tiles)


def test_an_archive_without_dates_is_one_tile():
    articles = [Article(id=f"u{k}", text="x") for k in range(30)]
    (tile,) = date_tiles(articles, core_size=10, window_days=7)
    assert tile.articles == list(range(30))


def test_a_cluster_is_reported_by_its_earliest_dated_claim():
    early = Article(id="b-early", text="x", published=START)
    late = Article(id="a-late", text="x", published=START + timedelta(days=1))
    undated = Article(id="0-undated", text="x")

    class Claim(NamedTuple):
        article_id: str
        published: datetime | None

    def claim(article: Article) -> Claim:
        return Claim(article.id, article.published)

    assert reported_by([claim(late), claim(undated), claim(early)]) == "b-early"
    assert reported_by([claim(undated), Claim("z-undated", None)]) == "0-undated"


def test_every_pair_within_the_window_meets_in_a_tile_that_reports_its_earlier_article():
    articles = _archive(400, 9.0)
    window = 3.0
    tiles = date_tiles(articles, core_size=40, window_days=window)
    where = [({articles[k].id for k in t.articles}, t.core) for t in tiles]
    for a, b in combinations(articles, 2):
        assert a.published and b.published
        if abs((a.published - b.published).total_seconds()) / 86400 <= window:
            earlier = min(a, b, key=lambda x: x.published or START)
            assert any({a.id, b.id} <= inside and earlier.id in core for inside, core in where)


def test_a_tile_holds_no_article_beyond_its_margin():
    articles = _archive(300, 24.0)
    tiles = date_tiles(articles, core_size=30, window_days=2)
    published = {a.id: a.published for a in articles}
    for tile in tiles:
        core_dates = [published[i] for i in tile.core]
        low, high = min(core_dates), max(core_dates)  # type: ignore[type-var]
        margin = timedelta(days=2 + ZONE_SLACK_DAYS)
        for k in tile.articles:
            when = articles[k].published
            assert when is not None and low - margin <= when <= high + margin
        assert len(tile.articles) <= 30 + 2 * 3  # one article a day: three days each side at most


def test_in_a_dense_archive_a_core_spans_the_date_window():
    articles = _archive(2000, 1.0)  # 24 articles a day: 100 articles are four days
    tiles = date_tiles(articles, core_size=100, window_days=7)
    published = {a.id: a.published for a in articles}
    for tile in tiles[:-1]:
        days = [published[i] for i in tile.core]
        span = max(days) - min(days)  # type: ignore[type-var,operator]
        assert span >= timedelta(days=7) - timedelta(hours=1)
        assert len(tile.articles) <= 4 * len(tile.core), "margins at most the core's size on each side"
