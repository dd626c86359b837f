"""The library entry points: `check` runs ingest -> extract -> cluster -> judge -> Report, and
`extract` gives the claims of one article, file or text. The CLI is a thin layer over these."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.engines.ray_engine import iter_claim_sets_ray
from checker.engines.reuse import StoredEncoder, stored_claim_sets
from checker.engines.spill import HeldClaims, spill_claims, temporary_store
from checker.engines.store import Store, open_store
from checker.engines.tiled import Matched, match_tiles
from checker.engines.workers import Chunk, gathered, iter_claim_sets_parallel, workers_for
from checker.judge.entities import canonicalized
from checker.match.embedding import SentenceEncoder
from checker.models import (
    Article,
    ArticleSummary,
    Claim,
    ClaimCluster,
    EntityClaim,
    Finding,
    Report,
    ReportStats,
    SkippedInput,
    SyndicatedCopy,
)
from checker.options import CheckOptions
from checker.read.filters import filter_articles
from checker.read.ingest import (
    SUPPORTED_SUFFIXES,
    Archive,
    InputError,
    article_from_text,
    input_suffix,
    load_archive,
)
from checker.version import __version__

log = logging.getLogger("checker")

Source = str | Path | Article | Iterable[Article]
#: called with (stage, done, total) as work proceeds; the CLI draws progress bars from it
Progress = Callable[[str, int, int], None]

_encoders: dict[str, SentenceEncoder] = {}


def get_encoder(model: str) -> SentenceEncoder:
    """One encoder per model per process: loading a model is the most expensive step."""
    if model not in _encoders:
        _encoders[model] = SentenceEncoder(model)
    return _encoders[model]


def _as_archive(source: Source, progress: Progress | None) -> Archive:
    if isinstance(source, Article):
        return Archive(articles=[source], skipped=[])
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        return load_archive(source, progress=(lambda d, t: progress("read", d, t)) if progress else None)
    if isinstance(source, str):
        return Archive(articles=[article_from_text(source)], skipped=[])
    articles = list(source)
    if not all(isinstance(a, Article) for a in articles):
        raise InputError("expected a path, a text, an Article or an iterable of Articles")
    return Archive(articles=articles, skipped=[])


def skipped_article(article: Article, reason: str) -> SkippedInput:
    """The skipped entry of an article read but not checked, pointing at the file and line it came from."""
    origin = article.origin or article.id
    path, sep, line = origin.rpartition(":")
    if sep and line.isdecimal():
        return SkippedInput(path=path, line=int(line), reason=reason)
    return SkippedInput(path=origin, reason=reason)


def _looks_like_path(text: str) -> bool:
    """A string is a path when it names something on disk, or looks like a path (so a typo is an error).
    An empty or blank string is a text (with no claims), never the current folder."""
    if not text.strip() or "\n" in text or len(text) > 1024:
        return False
    try:
        if Path(text).exists():
            return True
    except (OSError, ValueError):  # a sentence longer than a file name, or with a NUL: not a path
        return False
    return " " not in text.strip() and (
        text.endswith(("/", "\\")) or input_suffix(Path(text)) in SUPPORTED_SUFFIXES
    )


def _options(options: CheckOptions | None, overrides: dict[str, Any]) -> CheckOptions:
    base = options or CheckOptions()
    if overrides:
        fields = {name: getattr(base, name) for name in CheckOptions.model_fields}  # excluded ones too
        fields.update({k: v for k, v in overrides.items() if v is not None})
        base = CheckOptions.model_validate(fields)
    return base


class Found(NamedTuple):
    """What the stages after extraction give: every claim, the clusters and the findings."""

    claims: list[Claim]
    entity_claims: list[EntityClaim]
    clusters: list[ClaimCluster]
    findings: list[Finding]
    syndicated: list[SyndicatedCopy]


def find_conflicts(
    articles: Sequence[Article],
    sets: ClaimSets,
    options: CheckOptions,
    timings: dict[str, float] | None = None,
    encoder: SentenceEncoder | None = None,
    progress: Progress | None = None,
) -> Found:
    """Syndication, stories, clustering and judging over claims already extracted (`sets`, one entry
    per article, in article order): the stages of `check` after extraction, callable alone, so that a
    benchmark can weigh many settings against one extraction. `encoder` defaults to the model's.
    `progress` hears each stage start and end, named with what it works on ('cluster 8,515 claims')."""
    encoder = encoder or get_encoder(options.model)
    held = HeldClaims(articles, sets)
    matched = match_tiles(
        articles, held, options, encoder, timings=timings, progress=progress, keep_clusters=True
    )
    return Found(
        [c for group in sets.numeric for c in group],
        [c for group in sets.entities for c in group],
        matched.kept,
        matched.findings,
        matched.syndicated,
    )


def _extract(
    articles: Sequence[Article], opts: CheckOptions, progress: Callable[[int, int], None] | None
) -> ClaimSets:
    """The claim sets of `articles` from the engine of `opts`: Ray actors, or this process and workers."""
    return gathered(articles, _extract_chunks(articles, opts, progress))


def _extract_chunks(
    articles: Sequence[Article], opts: CheckOptions, progress: Callable[[int, int], None] | None
) -> Generator[Chunk, None, None]:
    """The claim sets of `articles` a chunk at a time, as each is done: Ray actors, or this process and
    workers. The chunks are written out as they come (`checker.engines.spill`), never all held."""
    if opts.engine == "ray":
        return iter_claim_sets_ray(articles, opts, progress=progress)
    return iter_claim_sets_parallel(
        articles,
        spacy_model=opts.spacy_model,
        batch_size=opts.batch_size,
        disabled_rules=opts.disabled_rules,
        workers=workers_for(len(articles), opts.workers),
        progress=progress,
    )


def check(
    source: Source, *, options: CheckOptions | None = None, progress: Progress | None = None, **overrides: Any
) -> Report:
    """Read an archive (a folder or file path, an Article or Articles) and report conflicting figures.

    Keyword overrides are `CheckOptions` fields: `check(path, model="...", date_window_days=2)`.
    With `store`, claims and vectors of earlier runs are reused (`checker.engines.store`): the report is
    the same.
    """
    opts = _options(options, overrides)
    if opts.store is None:
        return _check(source, opts, progress, None)
    with open_store(opts.store) as store:
        return _check(source, opts, progress, store)


def _encoder(opts: CheckOptions, store: Store | None) -> SentenceEncoder:
    """The model's encoder; with a store, one that takes the vectors it holds and stores the others."""
    encoder = get_encoder(opts.model)
    return StoredEncoder(store, encoder) if store is not None else encoder


def _spills(articles: Sequence[Article], opts: CheckOptions) -> bool:
    """Whether a run writes its claims out (`checker.engines.spill`) rather than hold them: an archive of
    more than one core of a tile, whose articles can be told apart by id."""
    return len(articles) > opts.tile_articles and len({a.id for a in articles}) == len(articles)


def _without_failed(archive: Archive, failed: dict[str, str]) -> Archive:
    """The archive without the articles extraction could not read, which join its skipped inputs."""
    return Archive(
        articles=[a for a in archive.articles if a.id not in failed],
        skipped=archive.skipped
        + [skipped_article(a, failed[a.id]) for a in archive.articles if a.id in failed],
    )


def _check(source: Source, opts: CheckOptions, progress: Progress | None, store: Store | None) -> Report:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    archive = _as_archive(source, progress)
    archive = Archive(articles=filter_articles(archive.articles, opts), skipped=archive.skipped)
    timings["ingest"] = time.perf_counter() - t0
    if _spills(archive.articles, opts):
        return _check_spilled(archive, opts, progress, store, timings)

    t0 = time.perf_counter()
    extracting: int | None = None  # None: every article read
    if store is None:
        extracted = (lambda d, t: progress("extract", d, t)) if progress else None
        sets = _extract(archive.articles, opts, extracted)
    else:
        stored = stored_claim_sets(store, archive.articles, opts, lambda a, p: _extract(a, opts, p), progress)
        sets, extracting = stored.sets, stored.extracted
        log.info("store %s: %d articles reused, %d extracted", store.path, stored.reused, stored.extracted)
    kept = [k for k, a in enumerate(archive.articles) if a.id not in sets.failed]
    archive = _without_failed(archive, sets.failed)
    kept_sets = ClaimSets(
        [sets.numeric[k] for k in kept], [sets.entities[k] for k in kept], [sets.names[k] for k in kept], {}
    )
    timings["extract"] = time.perf_counter() - t0
    if progress:
        done = len(archive.articles) if extracting is None else extracting
        progress("extract", done, done)
    held = HeldClaims(archive.articles, kept_sets)
    matched = match_tiles(
        archive.articles, held, opts, _encoder(opts, store), timings=timings, progress=progress, store=store
    )
    counts = [(len(n), len(e)) for n, e in zip(kept_sets.numeric, kept_sets.entities, strict=True)]
    return _report(opts, archive, counts, matched, timings)


def _check_spilled(
    archive: Archive,
    opts: CheckOptions,
    progress: Progress | None,
    store: Store | None,
    timings: dict[str, float],
) -> Report:
    """`_check` for an archive of more than one tile: the claims are written to the store (or to a
    temporary one, removed at the end) as they are extracted, and each tile reads its own back."""
    t0 = time.perf_counter()
    with ExitStack() as stack:
        spill = store if store is not None else stack.enter_context(temporary_store())
        spilled = spill_claims(
            spill,
            archive.articles,
            opts,
            lambda a, p: _extract_chunks(a, opts, p),
            progress,
            reuse=store is not None,
        )
        if store is not None:
            reused, extracted = spilled.reused, spilled.extracted
            log.info("store %s: %d articles reused, %d extracted", store.path, reused, extracted)
        archive = _without_failed(archive, spilled.failed)
        timings["extract"] = time.perf_counter() - t0
        if progress:
            done = len(archive.articles) if store is None else spilled.extracted
            progress("extract", done, done)
        encoder = _encoder(opts, store)
        matched = match_tiles(
            archive.articles, spilled, opts, encoder, timings=timings, progress=progress, store=store
        )
        log.info("tiles: the encoder held at most %d texts' vectors at once", matched.most_remembered)
    counts = [spilled.digest.counts[a.id] for a in archive.articles]
    return _report(opts, archive, counts, matched, timings)


def _report(
    opts: CheckOptions,
    archive: Archive,
    counts: Sequence[tuple[int, int]],
    matched: Matched,
    timings: dict[str, float],
) -> Report:
    """The report of a run: `counts` are each article's (numeric claims, entity claims), in its order."""
    by_kind: dict[str, int] = {}
    for f in matched.findings:
        by_kind[f.kind.value] = by_kind.get(f.kind.value, 0) + 1
    return Report(
        checker_version=__version__,
        generated_at=datetime.now(UTC),
        options=opts.model_dump(mode="json"),
        stats=ReportStats(
            articles=len(archive.articles),
            skipped=len(archive.skipped),
            claims=sum(n for n, _ in counts),
            entity_claims=sum(e for _, e in counts),
            clusters=matched.clusters,
            findings=len(matched.findings),
            findings_by_kind=by_kind,
            timings={k: round(v, 3) for k, v in timings.items()},
        ),
        articles=[
            ArticleSummary(**a.model_dump(exclude={"text"}), claims=n, entity_claims=e)
            for a, (n, e) in zip(archive.articles, counts, strict=True)
        ],
        skipped=archive.skipped,
        findings=matched.findings,
        syndicated=matched.syndicated,
    )


def _one_article(item: str | Path | Article, name: str, published: datetime | None) -> list[Article]:
    if isinstance(item, Article):
        found = [item]
    elif isinstance(item, Path) or _looks_like_path(item):
        archive = load_archive(item)
        found = archive.articles
        if not found:
            reasons = "; ".join(s.reason for s in archive.skipped) or "no article in it"
            raise InputError(f"{item}: nothing to compare ({reasons})")
        # the two sides are two articles even when read from files of one name in two folders
        found = [a.model_copy(update={"id": f"{name}:{a.id}"}) for a in found]
    else:
        found = [article_from_text(item, id=name)]
    if published is not None:
        found = [a.model_copy(update={"published": published}) for a in found]
    # two bare texts have no outlet: name each after its side so they count as two sources
    return [a if a.source else a.model_copy(update={"source": name}) for a in found]


def compare(
    a: str | Path | Article,
    b: str | Path | Article,
    *,
    published_a: datetime | None = None,
    published_b: datetime | None = None,
    options: CheckOptions | None = None,
    **overrides: Any,
) -> list[Finding]:
    """The findings between two texts, files or Articles: the same pipeline and defaults as `check`."""
    articles = _one_article(a, "A", published_a) + _one_article(b, "B", published_b)
    return check(articles, options=options, **overrides).findings


def extract_all(
    source: Source, *, options: CheckOptions | None = None, **overrides: Any
) -> tuple[list[Claim], list[EntityClaim]]:
    """Numeric and entity claims in one pass (one parse per sentence): what `checker extract` shows."""
    opts = _options(options, overrides)
    archive = _as_archive(source, None)
    for skipped in archive.skipped:
        where = skipped.path + (f":{skipped.line}" if skipped.line else "")
        log.warning("skipped %s: %s", where, skipped.reason)
    sets = extract_claim_sets(
        archive.articles,
        spacy_model=opts.spacy_model,
        batch_size=opts.batch_size,
        disabled_rules=opts.disabled_rules,
    )
    for article in archive.articles:
        if article.id in sets.failed:
            log.warning("skipped %s: %s", article.origin or article.id, sets.failed[article.id])
    return (
        [c for group in sets.numeric for c in group],
        canonicalized([c for group in sets.entities for c in group]),
    )


def extract_entities(
    source: Source, *, options: CheckOptions | None = None, **overrides: Any
) -> list[EntityClaim]:
    """The entity claims of an Article, a file or folder path, or a bare text, in reading order, with
    names canonicalized across everything read ('Kiev' and 'Kyiv' share one canonical name)."""
    return extract_all(source, options=options, **overrides)[1]


def extract(source: Source, *, options: CheckOptions | None = None, **overrides: Any) -> list[Claim]:
    """The numeric claims of an Article, a file or folder path, or a bare text, in reading order."""
    return extract_all(source, options=options, **overrides)[0]
