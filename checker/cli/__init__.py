"""The `checker` command: a thin typer layer over `checker.check`, `checker.compare` and `checker.extract`.

It takes a command line and gives the library's results as text (a table, JSON, CSV, HTML, ...) and an
exit code: 0 done, 1 a conflict under --fail-on-conflict, 2 unusable input, 3 a checker bug.

Manners: results go to stdout (or atomically to a file), progress and errors to stderr; progress only
when stderr is a terminal and --quiet is not given; no colour when NO_COLOR is set or the output is
not a terminal; an error names the file or option at fault and says what to do.

- `__init__`: the typer `app`, its --version and --debug, and `main`, the console script.
- `articles`: the commands that read articles: `check`, `compare`, `extract`.
- `store`: `checker store info|vacuum`, the upkeep of a --store file.
- `params`: the options several commands share, as typer annotations, and the date parsers.
- `output`: exit codes, errors, atomic writes, stdout failures and progress bars.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Annotated

import typer

from checker.cli.articles import check, compare, extract
from checker.cli.output import EXIT_INTERNAL
from checker.cli.store import store_app
from checker.engines.workers import log_to_stderr
from checker.version import __version__

_debug = False

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


# in this order in `checker --help`
app.command()(check)
app.command()(compare)
app.command()(extract)
app.add_typer(store_app, name="store")


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
