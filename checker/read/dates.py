"""Publication dates as written by feeds and pages, read with dateutil, and the time between two of them."""

from __future__ import annotations

import warnings
from datetime import date, datetime, time

from dateutil import parser as date_parser


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601, RFC 2822, 'May 22, 2025 8:03 am' and the like; None when it is not a date.

    An offset is kept when the source gives one; otherwise the datetime stays naive (unknown zone).
    A date without its day, month or year ('May 2025', 'Monday', '5') is None, never completed from
    the day of the run, so the same archive gives the same report on any day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float):
        return None  # bare numbers are ambiguous (seconds? milliseconds?); refuse rather than guess
    text = str(value).strip().rstrip(".")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        with warnings.catch_warnings():
            # an unknown zone name ("CDT") leaves the time naive rather than guessing an offset
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            # dateutil fills a missing day, month or year from its default (today): read the text
            # against two defaults that differ in all three, and refuse it when the results differ
            readings = {date_parser.parse(text, fuzzy=False, default=d).date() for d in _DEFAULTS}
            parsed = date_parser.parse(text, fuzzy=False, default=_DEFAULTS[0])
    except (ValueError, OverflowError):
        return None
    return parsed if len(readings) == 1 else None


#: two defaults differing in day, month and year (each day exists in every month)
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def days_between(a: datetime, b: datetime) -> float:
    """Days from `a` to `b`, negative when `b` is earlier; a naive and an aware moment compare by their
    wall-clock times."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return (b - a).total_seconds() / 86400


def days_apart(a: datetime, b: datetime) -> float:
    """Days between two moments, whichever comes first."""
    return abs(days_between(a, b))
