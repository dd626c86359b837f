"""Extraction on every core: the articles are cut into chunks, and worker processes, each loading the
spaCy pipeline once, extract the chunks' claims. Each article's claims depend on that article alone, so
the result is the same, claim for claim and in the same order, as one process gives."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.models import Article, Claim, EntityClaim
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


#: claim sets of some of the articles given: their positions, and the sets of those articles in that order
Chunk = tuple[Sequence[int], ClaimSets]


def iter_claim_sets_parallel(
    articles: Sequence[Article],
    *,
    spacy_model: str,
    batch_size: int,
    disabled_rules: frozenset[str],
    workers: int,
    progress: Callable[[int, int], None] | None = None,
) -> Generator[Chunk, None, None]:
    """`extract_claim_sets` a chunk of articles at a time, in this process (`workers` 1) or over `workers`
    processes, each chunk handed on as it is done and then let go, so that a caller that writes the
    chunks out (`checker.engines.spill`) never holds the archive's claims. Chunks come in article order."""
    chunks = [range(k, min(k + CHUNK, len(articles))) for k in range(0, len(articles), CHUNK)]
    done = 0
    if workers <= 1:
        for chunk in chunks:
            part = extract_claim_sets(
                articles[chunk.start : chunk.stop],
                spacy_model=spacy_model,
                batch_size=batch_size,
                disabled_rules=disabled_rules,
            )
            done += len(chunk)
            if progress:
                progress(done, len(articles))
            yield chunk, part
        return
    # spawn, not fork: the parent may hold threads (torch, tokenizers) that a forked child would inherit
    context = multiprocessing.get_context("spawn")
    level = logging.getLogger("checker").getEffectiveLevel()
    disabled = disabled_rules
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=log_to_stderr, initargs=(level,)
    )
    try:
        # a done future holds its chunk's claims until dropped: each is dropped once handed on
        pending = deque(
            (c, pool.submit(_extract, list(articles[c.start : c.stop]), spacy_model, batch_size, disabled))
            for c in chunks
        )
        while pending:
            chunk, future = pending.popleft()
            part = future.result()
            del future
            done += len(chunk)
            if progress:
                progress(done, len(articles))
            yield chunk, part
    except BrokenProcessPool as err:
        _stop(pool)
        raise InputError(
            "a worker process stopped (out of memory, killed, or it could not start): rerun with "
            "--workers 1; a script that sets CheckOptions.workers must keep its work under "
            '`if __name__ == "__main__":`, since spawned workers import it again'
        ) from err
    except BaseException:  # Ctrl-C, a failure, or the caller stopping early: stop the workers now
        _stop(pool)
        raise
    pool.shutdown()


def gathered(articles: Sequence[Article], chunks: Iterable[Chunk]) -> ClaimSets:
    """The claim sets of every article, in article order, from chunks that came in any order."""
    numeric: list[list[Claim]] = [[] for _ in articles]
    entities: list[list[EntityClaim]] = [[] for _ in articles]
    names: list[frozenset[str]] = [frozenset() for _ in articles]
    failed: dict[str, str] = {}
    for positions, part in chunks:
        for k, own_numeric, own_entities, own_names in zip(positions, *part[:3], strict=True):
            numeric[k], entities[k], names[k] = own_numeric, own_entities, own_names
        failed.update(part.failed)
    return ClaimSets(numeric, entities, names, failed)


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
    chunks = iter_claim_sets_parallel(
        articles,
        spacy_model=spacy_model,
        batch_size=batch_size,
        disabled_rules=disabled_rules,
        workers=workers,
        progress=progress,
    )
    return gathered(articles, chunks)
