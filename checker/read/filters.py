"""Narrowing an archive before it is read for claims: by publication day and by outlet.

Days compare in each article's own time zone, as its dateline reads. An article without a date
cannot be placed in a date window, so a date filter leaves it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.models import Article
from checker.options import CheckOptions


def filter_articles(articles: Sequence[Article], options: CheckOptions) -> list[Article]:
    """The articles within `options.since`..`options.until` (inclusive days) and from `options.sources`."""
    wanted = {s.casefold() for s in options.sources} if options.sources else None
    kept = []
    for article in articles:
        if wanted is not None and article.outlet.casefold() not in wanted:
            continue
        if options.since or options.until:
            if article.published is None:
                continue
            day = article.published.date()
            if (options.since and day < options.since) or (options.until and day > options.until):
                continue
        kept.append(article)
    return kept


def describe_filters(options: CheckOptions) -> str:
    """The filters in force, in the words of the command line ('' when there are none)."""
    parts = []
    if options.since:
        parts.append(f"--since {options.since.isoformat()}")
    if options.until:
        parts.append(f"--until {options.until.isoformat()}")
    parts += [f"--source {s!r}" for s in sorted(options.sources or ())]
    return " ".join(parts)
