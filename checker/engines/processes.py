"""Worker processes that never import the calling script.

`multiprocessing` starts a worker by running the calling script again in it (to find what a task names in
`__main__`), so a library call from a script without an `if __name__ == "__main__":` guard fails there, and
the library could not use the CPUs unasked. Extraction's tasks name nothing of the script: a function of this
package and a chunk of articles. So each worker here is a fresh interpreter (`python -c`) that is told the
caller's import path and then fed pickled tasks on its standard input; it answers on a copy of its standard
output, whose own descriptor is pointed at standard error first, so that nothing a library prints can garble
an answer. Modules a worker must not import (`blocked`) are refused before anything is imported: spaCy's
thinc imports torch whenever it can, at 180 MB a process, and extraction never uses it.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

#: what a new worker runs: the import path and refused modules first, then `serve`
_BOOT = (
    "import pickle, sys\n"
    "path, blocked = pickle.load(sys.stdin.buffer)\n"
    "sys.path[:] = path\n"
    "sys.modules.update(dict.fromkeys(blocked, None))\n"
    "from checker.engines.processes import serve\n"
    "serve()\n"
)


class WorkerStopped(RuntimeError):
    """A worker process ended before it answered: killed, out of memory, or it could not start."""


def serve() -> None:
    """A worker's loop: run its initializer, then each task read from standard input, answering each with
    (True, result) or (False, the exception it raised), until standard input ends."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what anything prints goes to standard error, never into an answer
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the caller, which stops its workers
    tasks = sys.stdin.buffer
    initializer, initargs = pickle.load(tasks)
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            function, args = pickle.load(tasks)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (True, function(*args))
        except Exception as err:
            answer = (False, err)
        try:
            data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        except Exception as err:  # an exception that does not pickle still says what it was
            data = pickle.dumps((False, RuntimeError(f"{type(err).__name__}: {err}")))
        answers.write(data)
        answers.flush()


def _send(stream: IO[bytes] | None, item: object) -> None:
    assert stream is not None
    pickle.dump(item, stream, pickle.HIGHEST_PROTOCOL)
    stream.flush()


class ProcessPool:
    """`workers` worker processes, each started once; `imap` runs tasks over them. Use it as a context
    manager: leaving it ends the workers (at once when leaving on an exception)."""

    def __init__(
        self,
        workers: int,
        *,
        blocked: Sequence[str] = (),
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self._processes: list[subprocess.Popen[bytes]] = []
        try:
            for _ in range(workers):
                process = subprocess.Popen(
                    [sys.executable, "-c", _BOOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE
                )
                self._processes.append(process)
                _send(process.stdin, (list(sys.path), list(blocked)))
                _send(process.stdin, (initializer, initargs))
        except OSError as err:  # it ended at once, or could not be started
            self.terminate()
            reason = f"{type(err).__name__}: {err}"
            raise WorkerStopped(f"a worker process could not be started ({reason})") from err
        except BaseException:
            self.terminate()
            raise

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()

    def imap(self, function: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> Iterator[Any]:
        """`function(*task)` for each task, yielded in task order as each is ready. Each worker takes the
        next task as soon as it has answered the last, so a slow task holds up no other worker; answers that
        come early wait here. A task that raised raises here, in its turn; a worker that ended raises
        `WorkerStopped`."""
        answers: dict[int, tuple[bool, Any]] = {}
        ready = threading.Condition()
        taken = iter(range(len(tasks)))

        def answer(k: int, given: tuple[bool, Any]) -> None:
            with ready:
                answers[k] = given
                ready.notify_all()

        def drive(process: subprocess.Popen[bytes]) -> None:
            assert process.stdin is not None and process.stdout is not None
            while True:
                with ready:
                    k = next(taken, None)
                if k is None:
                    return
                try:  # pickled whole before any of it is written: a task that cannot be fails alone
                    data = pickle.dumps((function, tasks[k]), pickle.HIGHEST_PROTOCOL)
                except Exception as err:
                    answer(k, (False, err))
                    continue
                try:
                    process.stdin.write(data)
                    process.stdin.flush()
                    answer(k, pickle.load(process.stdout))
                except (OSError, ValueError, EOFError, pickle.UnpicklingError) as err:
                    ended = f"worker process {process.pid} ended ({type(err).__name__})"
                    answer(k, (False, WorkerStopped(ended)))
                    return
                except Exception as err:  # an answer this process cannot read back: the stream is lost
                    answer(k, (False, err))
                    return

        threads = [threading.Thread(target=drive, args=(p,), daemon=True) for p in self._processes]
        for thread in threads:
            thread.start()
        for k in range(len(tasks)):
            with ready:
                while k not in answers:
                    ready.wait()
                ok, value = answers.pop(k)
            if not ok:
                raise value
            yield value

    def close(self) -> None:
        """End the workers once they have answered: their input ends, and each returns."""
        for process in self._processes:
            if process.stdin is not None:
                process.stdin.close()
        for process in self._processes:
            process.wait()
            if process.stdout is not None:
                process.stdout.close()

    def terminate(self) -> None:
        """End the workers now, whatever they are doing."""
        for process in self._processes:
            process.kill()
        for process in self._processes:
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
