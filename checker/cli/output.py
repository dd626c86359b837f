"""Where the CLI's words go: results to stdout or atomically to a file, errors and progress to stderr.

The manners every command shares, in one place so that each command reads as what it does: exit codes,
colour only on a terminal without NO_COLOR, an error that names what is at fault and exits 2, progress
bars only on a terminal, and a failed write that is exit 2 with a message, never a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from checker.models import Finding, FindingKind
from checker.options import CheckOptions
from checker.pipeline import Progress as ProgressCallback

EXIT_OK, EXIT_CONFLICT, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
#: the kinds --fail-on-conflict fails on: figures or entities that cannot both be true
FAILING_KINDS = frozenset({FindingKind.CONFLICT, FindingKind.ENTITY_CONFLICT})


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits 1 on a closed pipe, the code --fail-on-conflict gives to "conflict found": raise
        instead, for `stdout_errors` to make it exit 2 with a message."""
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def console_for(stream: TextIO) -> Console:
    """Colour only on a terminal and never when NO_COLOR is set (https://no-color.org)."""
    return _Console(file=stream, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def fail(message: str) -> typer.Exit:
    """An error on stderr, unwrapped so that a path in it can be copied."""
    console_for(sys.stderr).print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)
    return typer.Exit(EXIT_BAD_INPUT)


def write_output(text: str, output: str) -> None:
    """Write to stdout; atomically to a regular file (a temporary file, then a rename, with the mode a new
    file gets from the umask, or the mode of the file it replaces); straight into anything else (a
    device, a pipe, /dev/stdout, a link), which is never replaced."""
    if output == "-":
        with stdout_errors():
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    target = Path(output)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        try:
            with target.open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as err:
            raise fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise fail(f"cannot write {output}: {err.strerror or err}; choose another --output") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def stdout_errors() -> Iterator[None]:
    """A failed write to stdout (a closed pipe, a full disk) is exit 2 with a message, not a traceback
    and not exit 1, which --fail-on-conflict gives to "conflict found"."""
    if sys.stdout is None:
        raise fail("stdout is closed; give --output FILE")
    try:
        yield
    except OSError as err:
        # stdout is unusable: point it at /dev/null so the interpreter's final flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise fail(f"cannot write to stdout: {err.strerror or err}") from err


def check_options(**fields: Any) -> CheckOptions:
    """The options of a run from the command line's values (None: not given), or exit 2 naming the bad one."""
    try:
        return CheckOptions(**{k: v for k, v in fields.items() if v is not None})
    except ValueError as err:
        raise fail(f"invalid option: {err}") from err


class _RateColumn(ProgressColumn):
    """Items a second ('read', 'extract': files and articles), once there is a rate to tell."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.1f}/s" if task.speed and task.total and task.total > 1 else "")


@contextmanager
def progress_bars(quiet: bool) -> Iterator[ProgressCallback]:
    """Progress bars on stderr, only when it is a terminal and --quiet was not given: each stage with
    what it works on, how far it is, its rate and the time it has taken."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console_for(sys.stderr),
        disable=quiet or not sys.stderr.isatty(),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def exit_for(findings: list[Finding], fail_on_conflict: bool) -> None:
    """Exit 1 when --fail-on-conflict was given and a finding is of a failing kind."""
    if fail_on_conflict and any(f.kind in FAILING_KINDS for f in findings):
        raise typer.Exit(EXIT_CONFLICT)
