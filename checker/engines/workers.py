"""Extraction on every core: the articles are cut into chunks, and worker processes, each loading the
spaCy pipeline once, extract the chunks' claims. Each article's claims depend on that article alone, so
the result is the same, claim for claim and in the same order, as one process gives."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.models import Article
from checker.read.ingest import InputError

#: articles per task: large enough that a task outweighs its pickling, small enough to share the work
CHUNK = 32
#: below this many articles per worker, starting workers (each loads spaCy: seconds) costs more than
#: it saves, and extraction runs in this process
MIN_ARTICLES_PER_WORKER = 100


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(articles: int, workers: int | None) -> int:
    """How many processes extraction uses: as asked, never more than the archive keeps busy.

    Unasked (None), the library uses this process only: worker processes are spawned, and spawning
    imports the calling script again, which a script without an `if __name__ == "__main__":` guard
    does not survive. The command line, whose entry point is guarded, asks for the CPUs."""
    return max(1, min(workers or 1, articles // MIN_ARTICLES_PER_WORKER))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued chunks and end the workers now (Python 3.14 names this `terminate_workers`)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()


def log_to_stderr(level: int) -> None:
    """checker's log on stderr at `level`: set by the command line, and by each worker the same way, so
    that `--debug` shows the tracebacks of articles a worker skips."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("checker: %(message)s"))
    log = logging.getLogger("checker")
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _extract(chunk: list[Article], spacy_model: str, batch_size: int, disabled: frozenset[str]) -> ClaimSets:
    return extract_claim_sets(chunk, spacy_model=spacy_model, batch_size=batch_size, disabled_rules=disabled)


def extract_claim_sets_parallel(
    articles: Sequence[Article],
    *,
    spacy_model: str,
    batch_size: int,
    disabled_rules: frozenset[str],
    workers: int,
    progress: Callable[[int, int], None] | None = None,
) -> ClaimSets:
    """`extract_claim_sets` over `workers` processes, in article order."""
    if workers <= 1:
        return extract_claim_sets(
            articles, spacy_model=spacy_model, batch_size=batch_size, disabled_rules=disabled_rules
        )
    chunks = [list(articles[k : k + CHUNK]) for k in range(0, len(articles), CHUNK)]
    # spawn, not fork: the parent may hold threads (torch, tokenizers) that a forked child would inherit
    context = multiprocessing.get_context("spawn")
    parts: list[ClaimSets] = []
    level = logging.getLogger("checker").getEffectiveLevel()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=log_to_stderr, initargs=(level,)
    )
    try:
        futures = [pool.submit(_extract, c, spacy_model, batch_size, disabled_rules) for c in chunks]
        done = 0
        for chunk, future in zip(chunks, futures, strict=True):
            parts.append(future.result())
            done += len(chunk)
            if progress:
                progress(done, len(articles))
    except BrokenProcessPool as err:
        _stop(pool)
        raise InputError(
            "a worker process stopped (out of memory, killed, or it could not start): rerun with "
            "--workers 1; a script that sets CheckOptions.workers must keep its work under "
            '`if __name__ == "__main__":`, since spawned workers import it again'
        ) from err
    except BaseException:  # Ctrl-C or a failure: stop the workers rather than wait for their chunks
        _stop(pool)
        raise
    pool.shutdown()
    failed: dict[str, str] = {}
    for part in parts:
        failed.update(part.failed)
    return ClaimSets(
        [group for part in parts for group in part.numeric],
        [group for part in parts for group in part.entities],
        [names for part in parts for names in part.names],
        failed,
    )
