"""Extraction on every core: the articles are cut into chunks, and worker processes
(`checker.engines.processes`), each loading the spaCy pipeline once, extract the chunks' claims. Each
article's claims depend on that article alone, so the result is the same, claim for claim and in the same
order, as one process gives."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Generator, Iterable, Sequence

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.engines.processes import ProcessPool, WorkerStopped
from checker.models import Article, Claim, EntityClaim
from checker.read.ingest import InputError

#: articles per task: large enough that a task outweighs its pickling, small enough to share the work
CHUNK = 32
#: below this many articles per worker, starting workers (each loads spaCy: seconds) costs more than
#: it saves, and extraction runs in this process
MIN_ARTICLES_PER_WORKER = 100
#: modules a worker refuses: spaCy's thinc imports torch when it can (180 MB a process), extraction never
#: uses it
NOT_IN_WORKERS = ("torch",)


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(articles: int, workers: int | None) -> int:
    """How many processes extraction uses: as asked (unasked: the CPUs), never more than the archive keeps
    busy. The workers never import the calling script (`checker.engines.processes`), so a library call
    needs no `if __name__ == "__main__":` guard."""
    return max(1, min(workers or default_workers(), articles // MIN_ARTICLES_PER_WORKER))


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
    # fresh interpreters, not forks: the caller may hold threads (torch, tokenizers) a fork would inherit
    level = logging.getLogger("checker").getEffectiveLevel()
    tasks = [(list(articles[c.start : c.stop]), spacy_model, batch_size, disabled_rules) for c in chunks]
    try:
        with ProcessPool(
            workers, blocked=NOT_IN_WORKERS, initializer=log_to_stderr, initargs=(level,)
        ) as pool:
            for chunk, part in zip(chunks, pool.imap(_extract, tasks), strict=True):
                done += len(chunk)
                if progress:
                    progress(done, len(articles))
                yield chunk, part
    except WorkerStopped as err:
        raise InputError(
            f"{err}: out of memory, killed, or it could not start; rerun with --workers 1 "
            "(CheckOptions.workers=1)"
        ) from err


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
