"""The options more than one command takes (--model, --output, --quiet, ...), as typer annotations.

One definition each, so that `check`, `compare`, `extract` and `store vacuum` spell and explain an option
the same way; and the parsers of the date options, which say how to write a date that cannot be read.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from checker.options import SWITCHABLE_RULES

ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help="sentence-transformers model: local path or hub name (env CHECKER_MODEL)",
    ),
]
SpacyOption = Annotated[
    str | None,
    typer.Option(
        "--spacy-model", metavar="NAME", help="spaCy pipeline name or path (env CHECKER_SPACY_MODEL)"
    ),
]
OutputOption = Annotated[
    str, typer.Option("--output", "-o", metavar="FILE", help="file to write (atomically), '-' for stdout")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")]
DateWindowOption = Annotated[
    float | None,
    typer.Option("--date-window", metavar="DAYS", help="days within which claims may be the same fact"),
]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        metavar="P",
        help="leave out findings less sure than this (default: the fitted threshold; lower it to see more)",
    ),
]
DisableRuleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--disable-rule",
        metavar="RULE",
        help="switch a named rule off, to see what it does (repeat): " + ", ".join(sorted(SWITCHABLE_RULES)),
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="FILE",
        help="SQLite file kept between runs (made if missing): a rerun extracts only new or changed "
        "articles and gives the same report; see `checker store --help`",
    ),
]
FailOption = Annotated[
    bool,
    typer.Option("--fail-on-conflict", help="exit 1 when a conflict or entity conflict is found (for CI)"),
]


def iso_datetime(value: str) -> datetime:
    """A --published-a/-b value: an ISO date or date and time, or a message saying how to write one."""
    try:
        return datetime.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(
            f"{value!r} is not a date: write it as 2025-05-16 or 2025-05-16T09:30"
        ) from err


def iso_date(value: str) -> date:
    """A --since/--until value: the date of an ISO date or date and time."""
    return iso_datetime(value).date()
