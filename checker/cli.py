"""The `checker` command: a thin typer layer over `checker.check` and `checker.extract`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from checker import __version__
from checker.ingest import InputError
from checker.models import FindingKind
from checker.nlp import ModelLoadError
from checker.options import CheckOptions
from checker.pipeline import check as run_check
from checker.pipeline import extract as run_extract
from checker.render import OutputFormat, claims_table, print_table, to_json, to_markdown

EXIT_OK, EXIT_CONFLICT, EXIT_BAD_INPUT = 0, 1, 2

app = typer.Typer(
    help="Find conflicting figures across news articles, with their sources.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="sentence-transformers model: local path or hub name (env CHECKER_MODEL)"),
]
SpacyOption = Annotated[
    str | None, typer.Option("--spacy-model", help="spaCy pipeline name or path (env CHECKER_SPACY_MODEL)")
]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="file to write, '-' for stdout")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")
    ] = False,
) -> None:
    """checker reads a news archive and flags figures that cannot all be true."""


def _console(stream: object) -> Console:
    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(file=stream, no_color=no_color, highlight=False, soft_wrap=False)  # type: ignore[arg-type]


def write_output(text: str, output: str) -> None:
    """Write to stdout, or atomically to a file (a temporary file, then a rename)."""
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fail(message: str) -> typer.Exit:
    _console(sys.stderr).print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _options(model: str | None, spacy_model: str | None, **more: object) -> CheckOptions:
    fields = {k: v for k, v in {"model": model, "spacy_model": spacy_model, **more}.items() if v is not None}
    return CheckOptions(**fields)


@app.command()
def check(
    path: Annotated[
        Path, typer.Argument(help="a folder (read recursively) or a .txt/.json/.jsonl/.html file")
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="output format")
    ] = OutputFormat.TABLE,
    output: OutputOption = "-",
    model: ModelOption = None,
    spacy_model: SpacyOption = None,
    date_window: Annotated[
        float | None, typer.Option(help="days within which claims may be the same fact")
    ] = None,
    kind: Annotated[
        list[FindingKind] | None, typer.Option("--kind", help="finding kinds to report (repeat)")
    ] = None,
    fail_on_conflict: Annotated[bool, typer.Option(help="exit 1 when a conflict is found (for CI)")] = False,
    quiet: QuietOption = False,
) -> None:
    """Report conflicting figures in a news archive.

    Examples:

      checker check datasets/istanbul-talks/articles

      checker check archive/ --format json --output report.json

      checker check archive/ --fail-on-conflict --quiet

    Exit codes: 0 done; 1 a conflict was found and --fail-on-conflict was given; 2 unusable input.
    """
    try:
        opts = _options(
            model, spacy_model, date_window_days=date_window, kinds=frozenset(kind) if kind else None
        )
        show_progress = not quiet and sys.stderr.isatty()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            console=_console(sys.stderr),
            disable=not show_progress,
            transient=True,
        ) as bar:
            tasks: dict[str, object] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

            report = run_check(path, options=opts, progress=progress)
    except (InputError, ModelLoadError, ValueError) as err:
        raise _fail(str(err)) from err
    if report.stats.articles == 0:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:5])
        raise _fail(f"no readable article in {path}" + (f" ({reasons})" if reasons else ""))
    if format is OutputFormat.JSON:
        write_output(to_json(report), output)
    elif format is OutputFormat.MARKDOWN:
        write_output(to_markdown(report), output)
    elif output == "-":
        print_table(report, _console(sys.stdout))
    else:
        with open(os.devnull, "w") as sink:
            console = Console(file=sink, record=True, width=120, no_color=True)
            print_table(report, console)
            write_output(console.export_text(), output)
    if fail_on_conflict and any(f.kind is FindingKind.CONFLICT for f in report.findings):
        raise typer.Exit(EXIT_CONFLICT)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="a file or folder of articles")],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json")
    ] = OutputFormat.TABLE,
    output: OutputOption = "-",
    spacy_model: SpacyOption = None,
) -> None:
    """Print the numeric claims found in articles, with what each figure counts.

    Examples:

      checker extract datasets/istanbul-talks/articles/wire/bosphorus-0516.txt

      checker extract archive/ --format json
    """
    try:
        claims = run_extract(path, options=_options(None, spacy_model))
    except (InputError, ModelLoadError, ValueError) as err:
        raise _fail(str(err)) from err
    if format is OutputFormat.JSON:
        write_output(json.dumps([c.model_dump(mode="json") for c in claims], indent=2) + "\n", output)
    else:
        _console(sys.stdout).print(claims_table(claims))


def main() -> None:
    app()
