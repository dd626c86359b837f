"""Extraction on Ray (`--engine ray`): the articles become rows of a Ray Dataset, and `map_batches` sends
them to a pool of actors, each loading the spaCy pipeline once, that extract a batch of articles at a
time. Rows travel as JSON both ways, and come back in article order, so the result is the same, claim
for claim, as `extract_claim_sets` in one process.

Ray is an optional extra: this module imports it only when extraction runs on it, so that
`import checker` never does."""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.engines.workers import CHUNK, Chunk, gathered, log_to_stderr
from checker.models import Article, Claim, EntityClaim
from checker.options import CheckOptions
from checker.read.ingest import InputError
from checker.read.nlp import load_parser

if TYPE_CHECKING:
    import numpy as np

INSTALL_HINT = 'pip install -e ".[ray]"'


class ArticleClaims(BaseModel):
    """One article's share of `ClaimSets`, as a row sent back from an actor."""

    numeric: list[Claim]
    entities: list[EntityClaim]
    names: list[str]
    failed: str | None = None


class ClaimExtractor:
    """The actor of `map_batches`: loads the spaCy pipeline once, then extracts batches of articles."""

    def __init__(self, spacy_model: str, batch_size: int, disabled_rules: list[str], log_level: int):
        log_to_stderr(log_level)
        self.spacy_model, self.batch_size = spacy_model, batch_size
        self.disabled_rules = frozenset(disabled_rules)
        load_parser(spacy_model)  # cached: every batch's `extract_claim_sets` finds it loaded

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        import numpy as np

        articles = [Article.model_validate_json(row) for row in batch["article"]]
        sets = extract_claim_sets(
            articles,
            spacy_model=self.spacy_model,
            batch_size=self.batch_size,
            disabled_rules=self.disabled_rules,
        )
        rows = [
            ArticleClaims(
                numeric=numeric,
                entities=entities,
                names=sorted(names),
                failed=sets.failed.get(article.id),
            ).model_dump_json()
            for article, numeric, entities, names in zip(articles, *sets[:3], strict=True)
        ]
        return {"index": batch["index"], "claims": np.array(rows, dtype=object)}


def _no_progress_notice(record: logging.LogRecord) -> bool:
    """Ray Data's notice that its progress bars are off: they are, for checker's own to show."""
    return not record.getMessage().startswith("Progress bars disabled")


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise InputError(f"--engine ray needs Ray, an optional extra: {INSTALL_HINT}") from err
    return ray


@contextmanager
def _connected(ray: Any, address: str | None, workers: int | None) -> Iterator[None]:
    """Ray as found: a Ray this process already joined, the cluster at `address`, or a local Ray on
    `workers` CPUs (all of them when None). Only a Ray started here is shut down."""
    if ray.is_initialized():
        yield
        return
    try:
        if address:
            ray.init(address=address, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING)
    except Exception as err:  # an unreachable address, a cluster of another Ray version
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise InputError(f"cannot start or join {where}: {err}; check --ray-address") from err
    try:
        yield
    finally:
        ray.shutdown()


def _pool_size(ray: Any, workers: int | None, batches: int) -> int:
    """Actors: as many as asked (else one per CPU of the cluster), never more than there are batches."""
    cpus = workers or int(ray.cluster_resources().get("CPU", 1))
    return max(1, min(cpus, batches))


def iter_claim_sets_ray(
    articles: Sequence[Article],
    options: CheckOptions,
    progress: Callable[[int, int], None] | None = None,
) -> Generator[Chunk, None, None]:
    """`extract_claim_sets` as Ray Data `map_batches` over actors, each batch handed on as it comes back
    (positions in `articles`, and their claim sets) and then let go; batches may come in any order."""
    if not articles:
        return
    ray = _import_ray()
    seen = [False] * len(articles)
    with _connected(ray, options.ray_address, options.workers):
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the caller draws progress from the rows that come back
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        logging.getLogger("ray.data._internal.progress").addFilter(_no_progress_notice)
        rows = [{"index": k, "article": a.model_dump_json()} for k, a in enumerate(articles)]
        size = _pool_size(ray, options.workers, -(-len(rows) // CHUNK))
        extracted = ray.data.from_items(rows).map_batches(
            ClaimExtractor,
            fn_constructor_kwargs={
                "spacy_model": options.spacy_model,
                "batch_size": options.batch_size,
                "disabled_rules": sorted(options.disabled_rules),
                "log_level": logging.getLogger("checker").getEffectiveLevel(),
            },
            batch_size=CHUNK,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
        )
        del rows
        done = 0
        batches = iter(extracted.iter_batches(batch_size=None, batch_format="numpy"))
        while True:
            try:
                batch = next(batches, None)
            except ray.exceptions.RayError as err:
                # the actor's traceback is on stderr already: its last line names the error
                lines = [line for line in str(err).splitlines() if line.strip()]
                raise InputError(
                    f"extraction on Ray failed ({lines[-1] if lines else type(err).__name__}); every node "
                    f"needs checker and the spaCy pipeline {options.spacy_model!r} installed, or rerun "
                    "with --engine local"
                ) from err
            if batch is None:
                break
            positions = [int(k) for k in batch["index"]]
            got = [ArticleClaims.model_validate_json(row) for row in batch["claims"]]
            for k in positions:
                seen[k] = True
            done += len(positions)
            if progress:
                progress(done, len(articles))
            yield positions, _claim_sets([articles[k] for k in positions], got)
    if not all(seen):
        raise InputError("extraction on Ray lost articles: rerun, or use --engine local")


def extract_claim_sets_ray(
    articles: Sequence[Article],
    options: CheckOptions,
    progress: Callable[[int, int], None] | None = None,
) -> ClaimSets:
    """`extract_claim_sets` as Ray Data `map_batches` over actors, in article order."""
    return gathered(articles, iter_claim_sets_ray(articles, options, progress))


def _claim_sets(articles: Sequence[Article], got: list[ArticleClaims]) -> ClaimSets:
    return ClaimSets(
        [r.numeric for r in got],
        [r.entities for r in got],
        [frozenset(r.names) for r in got],
        {a.id: r.failed for a, r in zip(articles, got, strict=True) if r.failed is not None},
    )
