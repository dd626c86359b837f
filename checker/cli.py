"""The `checker` command: a thin typer layer over `checker.check`, `checker.compare` and `checker.extract`.

Manners: results go to stdout (or atomically to a file), progress and errors to stderr; progress only
when stderr is a terminal and --quiet is not given; no colour when NO_COLOR is set or the output is
not a terminal; an error names the file or option at fault and says what to do.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from checker.engines.store import StoreInfo, store_info, vacuum_store
from checker.engines.workers import default_workers, log_to_stderr
from checker.formats import findings_json, findings_markdown, render, to_csv, to_jsonl
from checker.models import Finding, FindingKind
from checker.options import SWITCHABLE_RULES, CheckOptions
from checker.pipeline import Progress as ProgressCallback
from checker.pipeline import check as run_check
from checker.pipeline import compare as run_compare
from checker.pipeline import extract_all
from checker.read.filters import describe_filters
from checker.read.ingest import InputError
from checker.read.nlp import ModelLoadError
from checker.report.render import OutputFormat
from checker.report.text import claims_table, entity_claims_table, print_findings, print_table, record_text
from checker.version import __version__

EXIT_OK, EXIT_CONFLICT, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
_debug = False
#: the kinds --fail-on-conflict fails on: figures or entities that cannot both be true
FAILING_KINDS = frozenset({FindingKind.CONFLICT, FindingKind.ENTITY_CONFLICT})


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


app = typer.Typer(
    help="Find conflicting figures across news articles, with their sources.\n\n"
    "\b\nExamples:\n"
    "  checker check datasets/istanbul-talks/articles\n"
    "  checker check archive/ --format html --output report.html\n"
    "  checker compare story-a.txt story-b.txt\n"
    "  checker extract 'Russia said it shot down 105 drones overnight.'",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

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


def _iso_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(
            f"{value!r} is not a date: write it as 2025-05-16 or 2025-05-16T09:30"
        ) from err


def _iso_date(value: str) -> date:
    return _iso_datetime(value).date()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version and exit")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="on an internal error, print its traceback (for a bug report)")
    ] = False,
) -> None:
    """checker reads a news archive and flags figures that cannot all be true."""
    global _debug
    _debug = debug
    log_to_stderr(logging.DEBUG if debug else logging.WARNING)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits 1 on a closed pipe, the code --fail-on-conflict gives to "conflict found": raise
        instead, for `_stdout_errors` to make it exit 2 with a message."""
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def _console(stream: TextIO) -> Console:
    """Colour only on a terminal and never when NO_COLOR is set (https://no-color.org)."""
    return _Console(file=stream, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def _fail(message: str) -> typer.Exit:
    """An error on stderr, unwrapped so that a path in it can be copied."""
    _console(sys.stderr).print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)
    return typer.Exit(EXIT_BAD_INPUT)


def write_output(text: str, output: str) -> None:
    """Write to stdout; atomically to a regular file (a temporary file, then a rename, with the mode a new
    file gets from the umask, or the mode of the file it replaces); straight into anything else (a
    device, a pipe, /dev/stdout, a link), which is never replaced."""
    if output == "-":
        with _stdout_errors():
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    target = Path(output)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        try:
            with target.open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as err:
            raise _fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise _fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise _fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _stdout_errors() -> Iterator[None]:
    """A failed write to stdout (a closed pipe, a full disk) is exit 2 with a message, not a traceback
    and not exit 1, which --fail-on-conflict gives to "conflict found"."""
    if sys.stdout is None:
        raise _fail("stdout is closed; give --output FILE")
    try:
        yield
    except OSError as err:
        # stdout is unusable: point it at /dev/null so the interpreter's final flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise _fail(f"cannot write to stdout: {err.strerror or err}") from err


def _options(**fields: Any) -> CheckOptions:
    try:
        return CheckOptions(**{k: v for k, v in fields.items() if v is not None})
    except ValueError as err:
        raise _fail(f"invalid option: {err}") from err


class _RateColumn(ProgressColumn):
    """Items a second ('read', 'extract': files and articles), once there is a rate to tell."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.1f}/s" if task.speed and task.total and task.total > 1 else "")


@contextmanager
def _progress(quiet: bool) -> Iterator[ProgressCallback]:
    """Progress bars on stderr, only when it is a terminal and --quiet was not given: each stage with
    what it works on, how far it is, its rate and the time it has taken."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        _RateColumn(),
        TimeElapsedColumn(),
        console=_console(sys.stderr),
        disable=quiet or not sys.stderr.isatty(),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _exit_for(findings: list[Finding], fail_on_conflict: bool) -> None:
    if fail_on_conflict and any(f.kind in FAILING_KINDS for f in findings):
        raise typer.Exit(EXIT_CONFLICT)


@app.command()
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
        typer.Option(parser=_iso_date, metavar="DATE", help="only articles published on or after DATE"),
    ] = None,
    until: Annotated[
        date | None,
        typer.Option(parser=_iso_date, metavar="DATE", help="only articles published on or before DATE"),
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
    opts = _options(
        model=model,
        spacy_model=spacy_model,
        date_window_days=date_window,
        min_confidence=min_confidence,
        story_contrast=story_contrast,
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
        with _progress(quiet) as progress:
            report = run_check(path, options=opts, progress=progress)
    except (InputError, ModelLoadError) as err:
        raise _fail(str(err)) from err
    if report.stats.articles == 0:
        filters = describe_filters(opts)
        if filters:
            raise _fail(f"no article in {path} matches {filters}; widen the filters")
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
        raise _fail(
            f"no readable article in {path}"
            + (f" ({reasons})" if reasons else "")
            + "; give a folder or a .txt, .json, .jsonl or .html file"
        )
    if format is OutputFormat.TABLE and output == "-":
        with _stdout_errors():
            print_table(report, _console(sys.stdout))
    else:
        write_output(render(report, format), output)
    _exit_for(report.findings, fail_on_conflict)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(metavar="A", help="the first article: a file path or the text itself")],
    b: Annotated[str, typer.Argument(metavar="B", help="the second article: a file path or the text itself")],
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="output format")
    ] = CompareFormat.TABLE,
    output: OutputOption = "-",
    published_a: Annotated[
        datetime | None,
        typer.Option(parser=_iso_datetime, metavar="DATETIME", help="publication time of A (overrides)"),
    ] = None,
    published_b: Annotated[
        datetime | None,
        typer.Option(parser=_iso_datetime, metavar="DATETIME", help="publication time of B (overrides)"),
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
            raise _fail(f"no such file: {side}; give an existing file, or quote the article text itself")
    opts = _options(
        model=model, spacy_model=spacy_model, date_window_days=date_window, min_confidence=min_confidence
    )
    try:
        busy = not quiet and sys.stderr.isatty()
        with _console(sys.stderr).status("comparing") if busy else nullcontext():
            findings = run_compare(a, b, published_a=published_a, published_b=published_b, options=opts)
    except (InputError, ModelLoadError) as err:
        raise _fail(str(err)) from err
    if format is CompareFormat.TABLE and output == "-":
        with _stdout_errors():
            print_findings(findings, _console(sys.stdout))
    elif format is CompareFormat.TABLE:
        write_output(record_text(lambda console: print_findings(findings, console)), output)
    else:
        write_output(_findings_text(findings, format), output)
    _exit_for(findings, fail_on_conflict)


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


@app.command()
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
        claims, entities = extract_all(source, options=_options(spacy_model=spacy_model))
    except (InputError, ModelLoadError) as err:
        raise _fail(str(err)) from err
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
            with _stdout_errors():
                draw(_console(sys.stdout))
        else:
            write_output(record_text(draw, width=160), output)


store_app = typer.Typer(
    help="Look after a --store file: what it holds, and dropping what no run will use again.\n\n"
    "\b\nExamples:\n"
    "  checker store info checker.db\n"
    "  checker store vacuum checker.db --archive archive/",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(store_app, name="store")
StorePath = Annotated[Path, typer.Argument(metavar="FILE", help="the store (a --store file)")]


def _on_disk(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"


def _info_text(info: StoreInfo) -> str:
    lines = [
        f"store {info.path}: schema {info.schema}, made by checker {info.created_by}, "
        f"{_on_disk(info.bytes)} on disk",
        f"  articles       {info.articles:,}",
        f"  claims         {info.claims:,}",
        f"  entity claims  {info.entity_claims:,}",
        f"  vectors        {info.vectors:,}"
        + "".join(f"\n    {model}: {count:,}" for model, count in sorted(info.models.items())),
        f"  fingerprints   {len(info.fingerprints)}",
    ]
    for f in info.fingerprints:
        said = f.description
        rules = ", ".join(said.get("rules_off") or []) or "none"
        lines.append(
            f"    {f.fingerprint}  checker {said.get('checker')} (code {said.get('code')}), "
            f"spaCy {said.get('spacy_model')}, "
            f"rules off: {rules}; {f.articles:,} articles, last used {f.last_used}"
            + ("  (default settings)" if f.current else "")
        )
    return "\n".join(lines) + "\n"


@store_app.command("info")
def store_info_command(path: StorePath) -> None:
    """What a store holds: its schema, articles, claims, vectors, size on disk, and the fingerprints
    (checker version, spaCy pipeline, rules off) its entries were extracted under.

    \b
    Example:
      checker store info checker.db
    """
    try:
        info = store_info(path)
    except InputError as err:
        raise _fail(str(err)) from err
    with _stdout_errors():
        sys.stdout.write(_info_text(info))


@store_app.command("vacuum")
def store_vacuum_command(
    path: StorePath,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive", metavar="PATH", help="also drop the articles that are no longer in this archive"
        ),
    ] = None,
    spacy_model: SpacyOption = None,
    disable_rule: DisableRuleOption = None,
) -> None:
    """Drop the entries of other fingerprints than the settings given (default: the default settings),
    with --archive the articles no longer in it, and the vectors no kept claim needs; then compact the file.

    \b
    Examples:
      checker store vacuum checker.db
      checker store vacuum checker.db --archive archive/
      checker store vacuum checker.db --disable-rule street_address   # keep what such runs extracted
    """
    opts = _options(spacy_model=spacy_model, disabled_rules=frozenset(disable_rule) if disable_rule else None)
    try:
        done = vacuum_store(path, opts, archive)
    except InputError as err:
        raise _fail(str(err)) from err
    with _stdout_errors():
        sys.stdout.write(
            f"store {path}: dropped {done.articles:,} article entries and {done.vectors:,} vectors; "
            f"{_on_disk(done.bytes_before)} -> {_on_disk(done.bytes_after)}\n"
        )


def main() -> None:
    """The console script: an error that escapes every per-input guard is a bug, reported in one line
    with its own exit code (3), never 1 (which --fail-on-conflict gives to "conflict found")."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:
        if _debug:
            traceback.print_exc()
        else:
            print(
                f"checker: internal error ({type(err).__name__}: {err}); "
                "rerun with --debug for the traceback, and report it",
                file=sys.stderr,
            )
        sys.exit(EXIT_INTERNAL)
