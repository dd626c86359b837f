"""--since/--until/--source: which articles are read at all."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from checker.models import Article
from checker.options import CheckOptions
from checker.read.filters import describe_filters, filter_articles

KYIV = timezone(timedelta(hours=3))


def _article(n: int, source: str | None, published: datetime | None) -> Article:
    return Article(id=f"a{n}", source=source, published=published, text="Five people were hurt.")


ARTICLES = [
    _article(1, "Bosphorus Wire", datetime(2025, 5, 16, 23, 30, tzinfo=KYIV)),  # 20:30 UTC, still the 16th
    _article(2, "Kyiv Ledger", datetime(2025, 5, 17, 0, 30, tzinfo=KYIV)),  # the 16th in UTC, the 17th there
    _article(3, "kyiv ledger", datetime(2025, 5, 22, 9, 0)),
    _article(4, None, None),
]


def _ids(options: CheckOptions) -> list[str]:
    return [a.id for a in filter_articles(ARTICLES, options)]


def test_no_filter_keeps_everything():
    assert _ids(CheckOptions()) == ["a1", "a2", "a3", "a4"]
    assert describe_filters(CheckOptions()) == ""


def test_days_are_inclusive_and_read_in_the_articles_own_time_zone():
    assert _ids(CheckOptions(since=date(2025, 5, 17))) == ["a2", "a3"]
    assert _ids(CheckOptions(until=date(2025, 5, 16))) == ["a1"]
    assert _ids(CheckOptions(since=date(2025, 5, 16), until=date(2025, 5, 17))) == ["a1", "a2"]


def test_an_undated_article_cannot_be_placed_in_a_window():
    assert "a4" not in _ids(CheckOptions(since=date(2000, 1, 1)))


def test_sources_match_whatever_the_case():
    options = CheckOptions(sources=frozenset({"KYIV LEDGER"}), until=date(2025, 5, 31))
    assert _ids(options) == ["a2", "a3"]
    assert _ids(CheckOptions(sources=frozenset({"[a4]"}))) == ["a4"], "no outlet: its own"
    assert describe_filters(options) == "--until 2025-05-31 --source 'KYIV LEDGER'"
