"""The commands that read articles: `check` (an archive), `compare` (two articles), `extract` (the claims).

Each turns its options into `CheckOptions`, calls the library (`checker.pipeline`), and writes the result
in the format asked for; unusable input is exit 2 with a message, never a traceback. `checker.cli`
registers them on the app.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from checker.cli.output import (
    check_options,
    console_for,
    exit_for,
    fail,
    progress_bars,
    stdout_errors,
    write_output,
)
from checker.cli.params import (
    DateWindowOption,
    DisableRuleOption,
    FailOption,
    MinConfidenceOption,
    ModelOption,
    OutputOption,
    QuietOption,
    SpacyOption,
    StoreOption,
    iso_date,
    iso_datetime,
)
from checker.engines.workers import default_workers
from checker.formats import findings_json, findings_markdown, render, to_csv, to_jsonl
from checker.models import Finding, FindingKind
from checker.pipeline import check as run_check
from checker.pipeline import compare as run_compare
from checker.pipeline import extract_all
from checker.read.filters import describe_filters
from checker.read.ingest import InputError
from checker.read.nlp import ModelLoadError
from checker.report.render import OutputFormat
from checker.report.text import claims_table, entity_claims_table, print_findings, print_table, record_text


class CompareFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"


class Engine(StrEnum):
    LOCAL = "local"
    RAY = "ray"


class ExtractFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


def check(
    path: Annotated[
        Path,
        typer.Argument(metavar="PATH", help="a folder (read recursively) or a .txt/.json/.jsonl/.html file"),
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="output format")
    ] = OutputFormat.TABLE,
    output: OutputOption = "-",
    since: Annotated[
        date | None,
        typer.Option(parser=iso_date, metavar="DATE", help="only articles published on or after DATE"),
    ] = None,
    until: Annotated[
        date | None,
        typer.Option(parser=iso_date, metavar="DATE", help="only articles published on or before DATE"),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="OUTLET", help="only articles from this outlet (repeat)"),
    ] = None,
    kind: Annotated[
        list[FindingKind] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="report only this kind: conflict, disputed, revision, entity_conflict (repeat)",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            metavar="N",
            help="processes for extraction (default: the CPUs; at least 100 articles each); with --engine "
            "ray, its actors (default: one a CPU of the Ray)",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="where extraction runs: local processes, or Ray actors (needs: pip install -e '.[ray]')",
        ),
    ] = Engine.LOCAL,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            metavar="ADDRESS",
            help="with --engine ray, the cluster to join (ray://head:10001, auto); default: a local Ray",
        ),
    ] = None,
    store: StoreOption = None,
    disable_rule: DisableRuleOption = None,
    date_window: DateWindowOption = None,
    min_confidence: MinConfidenceOption = None,
    story_contrast: Annotated[
        float | None,
        typer.Option(
            "--story-contrast",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="how sharply articles must part to be told as two stories, never compared (0: one story)",
        ),
    ] = None,
    tallies: Annotated[
        bool,
        typer.Option(
            "--tallies",
            help="also compare each article's casualty tolls between the outlets of one story, however each"
            " words them (off by default: more found, and more false alarms)",
        ),
    ] = False,
    tally_window: Annotated[
        float | None,
        typer.Option(
            "--tally-window",
            metavar="DAYS",
            help="casualty tolls of articles further apart than the date window still meet up to this many"
            " days apart, when the articles share rarely named names (default 365)",
        ),
    ] = None,
    tile_articles: Annotated[
        int | None,
        typer.Option(
            "--tile-articles",
            min=2,
            metavar="N",
            help="a larger archive is matched N articles at a time, in publication order, each with the"
            " articles within the date window around them (default 250)",
        ),
    ] = None,
    model: ModelOption = None,
    spacy_model: SpacyOption = None,
    fail_on_conflict: FailOption = False,
    quiet: QuietOption = False,
) -> None:
    """Report conflicting figures in a news archive.

    \b
    Examples:
      checker check datasets/istanbul-talks/articles
      checker check archive/ --format html --output report.html
      checker check archive/ --format json --output report.json
      checker check archive/ --format csv -o - | head
      checker check archive/ --since 2025-05-20 --source 'Bosphorus Wire' --source 'Continental Press'
      checker check archive/ --fail-on-conflict --quiet --format markdown
      checker check archive/ --store checker.db       # daily: only new or changed articles are read

    \b
    Exit codes:
      0  the run finished
      1  a conflict or entity conflict was found and --fail-on-conflict was given
      2  unusable input: a missing path, no readable article, no article left after the
         filters, a bad option, a model that cannot be loaded, an output that cannot be written
    """
    opts = check_options(
        model=model,
        spacy_model=spacy_model,
        date_window_days=date_window,
        min_confidence=min_confidence,
        story_contrast=story_contrast,
        tallies=tallies or None,
        tally_window_days=tally_window,
        tile_articles=tile_articles,
        kinds=frozenset(kind) if kind else None,
        disabled_rules=frozenset(disable_rule) if disable_rule else None,
        workers=workers or (default_workers() if engine is Engine.LOCAL else None),
        engine=engine.value,
        ray_address=ray_address,
        store=store,
        since=since,
        until=until,
        sources=frozenset(source) if source else None,
    )
    try:
        with progress_bars(quiet) as progress:
            report = run_check(path, options=opts, progress=progress)
    except (InputError, ModelLoadError) as err:
        raise fail(str(err)) from err
    if report.stats.articles == 0:
        filters = describe_filters(opts)
        if filters:
            raise fail(f"no article in {path} matches {filters}; widen the filters")
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
        raise fail(
            f"no readable article in {path}"
            + (f" ({reasons})" if reasons else "")
            + "; give a folder or a .txt, .json, .jsonl or .html file"
        )
    if format is OutputFormat.TABLE and output == "-":
        with stdout_errors():
            print_table(report, console_for(sys.stdout))
    else:
        write_output(render(report, format), output)
    exit_for(report.findings, fail_on_conflict)


def compare(
    a: Annotated[str, typer.Argument(metavar="A", help="the first article: a file path or the text itself")],
    b: Annotated[str, typer.Argument(metavar="B", help="the second article: a file path or the text itself")],
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="output format")
    ] = CompareFormat.TABLE,
    output: OutputOption = "-",
    published_a: Annotated[
        datetime | None,
        typer.Option(parser=iso_datetime, metavar="DATETIME", help="publication time of A (overrides)"),
    ] = None,
    published_b: Annotated[
        datetime | None,
        typer.Option(parser=iso_datetime, metavar="DATETIME", help="publication time of B (overrides)"),
    ] = None,
    date_window: DateWindowOption = None,
    min_confidence: MinConfidenceOption = None,
    model: ModelOption = None,
    spacy_model: SpacyOption = None,
    fail_on_conflict: FailOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare two articles (files or texts) and report the figures they disagree on.

    The same pipeline and defaults as `check`; a text without an outlet is named A or B.

    \b
    Examples:
      checker compare datasets/istanbul-talks/articles/wire/bosphorus-0522.txt \\
        datasets/istanbul-talks/articles/newspaper/lakeshore-gazette-0523.html
      checker compare 'Officials said 105 drones were shot down.' 'Officials said 150 drones were shot down.'
      checker compare a.txt b.txt --published-a 2025-05-22 --published-b 2025-05-23 --format json

    \b
    Exit codes: 0 done; 1 a conflict was found and --fail-on-conflict was given; 2 unusable input.
    """
    for side in (a, b):
        if _missing_file(side):
            raise fail(f"no such file: {side}; give an existing file, or quote the article text itself")
    opts = check_options(
        model=model, spacy_model=spacy_model, date_window_days=date_window, min_confidence=min_confidence
    )
    try:
        busy = not quiet and sys.stderr.isatty()
        with console_for(sys.stderr).status("comparing") if busy else nullcontext():
            findings = run_compare(a, b, published_a=published_a, published_b=published_b, options=opts)
    except (InputError, ModelLoadError) as err:
        raise fail(str(err)) from err
    if format is CompareFormat.TABLE and output == "-":
        with stdout_errors():
            print_findings(findings, console_for(sys.stdout))
    elif format is CompareFormat.TABLE:
        write_output(record_text(lambda console: print_findings(findings, console)), output)
    else:
        write_output(_findings_text(findings, format), output)
    exit_for(findings, fail_on_conflict)


def _missing_file(arg: str) -> bool:
    """A one-word argument with a slash or a file suffix is meant as a path: a typo must not become a text."""
    if any(ch.isspace() for ch in arg) or Path(arg).exists():
        return False
    return "/" in arg or "\\" in arg or bool(Path(arg).suffix)


def _findings_text(findings: list[Finding], format: CompareFormat) -> str:
    if format is CompareFormat.JSON:
        return findings_json(findings)
    if format is CompareFormat.JSONL:
        return to_jsonl(findings)
    if format is CompareFormat.CSV:
        return to_csv(findings)
    count = f"{len(findings)} finding{'' if len(findings) == 1 else 's'}."
    lines = ["# checker compare", "", count, "", *findings_markdown(findings)]
    return "\n".join(lines)


def extract(
    source: Annotated[
        str, typer.Argument(metavar="PATH-OR-TEXT", help="a file or folder of articles, or a text")
    ],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="output format")
    ] = ExtractFormat.TABLE,
    output: OutputOption = "-",
    spacy_model: SpacyOption = None,
) -> None:
    """Print the claims found in articles: numeric claims, each with its frame (what the figure
    counts, the event, who did it, where, when, who says so), and entity claims (where an event
    happened, where a ship was bound, who holds a role) with their canonical names.

    \b
    Examples:
      checker extract datasets/istanbul-talks/articles/wire/bosphorus-0516.txt
      checker extract 'Russia said it shot down 105 drones overnight.'
      checker extract archive/ --format json --output claims.json
      checker extract archive/ --format jsonl | grep drone
    """
    try:
        claims, entities = extract_all(source, options=check_options(spacy_model=spacy_model))
    except (InputError, ModelLoadError) as err:
        raise fail(str(err)) from err
    if format is ExtractFormat.JSON:
        payload = {
            "claims": [c.model_dump(mode="json") for c in claims],
            "entity_claims": [c.model_dump(mode="json") for c in entities],
        }
        write_output(json.dumps(payload, indent=2) + "\n", output)
    elif format is ExtractFormat.JSONL:
        lines = [json.dumps({"type": "claim", **c.model_dump(mode="json")}) for c in claims]
        lines += [json.dumps({"type": "entity_claim", **c.model_dump(mode="json")}) for c in entities]
        write_output("".join(line + "\n" for line in lines), output)
    else:

        def draw(console: Console) -> None:
            console.print(claims_table(claims))
            if entities:
                console.print(entity_claims_table(entities))

        if output == "-":
            with stdout_errors():
                draw(console_for(sys.stdout))
        else:
            write_output(record_text(draw, width=160), output)
