"""The library entry points: `check` runs ingest -> extract -> cluster -> judge -> Report, and
`extract` gives the claims of one article, file or text. The CLI is a thin layer over these."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.engines.ray_engine import extract_claim_sets_ray
from checker.engines.reuse import StoredEncoder, TileResult, matched_tile, stored_claim_sets, tile_key
from checker.engines.store import Store, content_hash, open_store
from checker.engines.workers import extract_claim_sets_parallel, workers_for
from checker.judge.entities import canonicalized, judge_entity_claims
from checker.judge.numeric import judge_clusters
from checker.match.cluster import cluster_claims
from checker.match.embedding import RememberingEncoder, SentenceEncoder
from checker.match.stories import group_stories
from checker.match.syndication import count_once, entities_once, find_syndicated
from checker.match.tiles import Tile, date_tiles, reported_by
from checker.models import (
    Article,
    ArticleSummary,
    Claim,
    ClaimCluster,
    EntityClaim,
    Finding,
    FindingKind,
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


def by_confidence(findings: list[Finding]) -> list[Finding]:
    """Surest first; entity conflicts, which carry no confidence, after the scored findings (stable)."""
    return sorted(findings, key=lambda f: -1.0 if f.confidence is None else -f.confidence)


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
    store: Store | None = None,
) -> Found:
    """Syndication, stories, clustering and judging over claims already extracted (`sets`, one entry
    per article, in article order): the stages of `check` after extraction, callable alone, so that a
    benchmark can weigh many settings against one extraction. `encoder` defaults to the model's.
    `progress` hears each stage start and end, named with what it works on ('cluster 8,515 claims').
    With `store`, a tile of a large archive whose inputs did not change is taken from it."""
    timings = {} if timings is None else timings
    encoder = encoder or get_encoder(options.model)
    tell = progress or (lambda stage, done, total: None)
    t0 = time.perf_counter()
    claims = [c for group in sets.numeric for c in group]
    entity_claims = [c for group in sets.entities for c in group]
    stage = f"syndication {len(articles):,} articles"
    tell(stage, 0, 1)
    syndicated = find_syndicated(articles)
    tell(stage, 1, 1)
    timings["syndication"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    judged = count_once(claims, syndicated)
    entities = (
        canonicalized(entities_once(entity_claims, syndicated))
        if FindingKind.ENTITY_CONFLICT in options.kinds
        else []
    )
    claims_of = _by_article(judged)
    entities_of = _by_article(entities)
    tiles = date_tiles(articles, options.tile_articles, options.date_window_days)
    if len(tiles) > 1:
        encoder = RememberingEncoder(encoder)
    stage = f"cluster {len(judged):,} claims"
    clusters: list[ClaimCluster] = []
    entity_findings: list[Finding] = []
    hashes = {a.id: content_hash(a) for a in articles} if store is not None and len(tiles) > 1 else {}
    for done, tile in enumerate(tiles):
        tell(stage, done, len(tiles))
        inside = [articles[k] for k in tile.articles]

        def key(inside: list[Article] = inside, tile: Tile = tile) -> str:
            return tile_key(inside, tile.core, claims_of, entities_of, options, hashes)

        def match(tile: Tile = tile) -> TileResult:
            found, conflicts = _match_tile(articles, tile, claims_of, entities_of, encoder, options)
            return TileResult(clusters=found, entity_findings=conflicts)

        # one tile is the whole archive: stored, it would be stale after any change, and never used
        result = matched_tile(store if len(tiles) > 1 else None, key, match)
        clusters += result.clusters
        entity_findings += result.entity_findings
    tell(stage, len(tiles), len(tiles))
    if len(tiles) > 1:  # each tile numbers its clusters from 1
        clusters = [c.model_copy(update={"id": f"{c.block}#{k + 1}"}) for k, c in enumerate(clusters)]
    timings["cluster"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    stage = f"judge {len(clusters):,} clusters"
    tell(stage, 0, 1)
    named = {a.id: n for a, n in zip(articles, sets.names, strict=True)}
    findings = judge_clusters(clusters, options, names=named, mentions=claims_of) + entity_findings
    tell(stage, 1, 1)
    timings["judge"] = time.perf_counter() - t0
    return Found(claims, entity_claims, clusters, by_confidence(findings), syndicated)


_C = TypeVar("_C", Claim, EntityClaim)


def _by_article(claims: Sequence[_C]) -> dict[str, list[_C]]:
    """Claims by the id of their article, each article's in the order given."""
    out: dict[str, list[_C]] = {}
    for claim in claims:
        out.setdefault(claim.article_id, []).append(claim)
    return out


def _match_tile(
    articles: Sequence[Article],
    tile: Tile,
    claims: dict[str, list[Claim]],
    entities: dict[str, list[EntityClaim]],
    encoder: SentenceEncoder,
    options: CheckOptions,
) -> tuple[list[ClaimCluster], list[Finding]]:
    """Stories and clusters of one tile's articles, and its entity conflicts: those the tile reports
    (`checker.match.tiles.reported_by`). `claims` and `entities` are by article id."""
    inside = [articles[k].id for k in tile.articles]
    stories = group_stories([articles[k] for k in tile.articles], options.story_contrast)
    tile_claims = [c for a in inside for c in claims.get(a, ())]
    clusters = cluster_claims(tile_claims, encoder, options, stories)
    kept = [c for c in clusters if reported_by(c.claims) in tile.core]
    if FindingKind.ENTITY_CONFLICT not in options.kinds:
        return kept, []
    tile_entities = [c for a in inside for c in entities.get(a, ())]
    found = judge_entity_claims(tile_entities, encoder, options, stories)
    return kept, [f for f in found if reported_by(f.entity_claims or f.claims) in tile.core]


def _extract(
    articles: Sequence[Article], opts: CheckOptions, progress: Callable[[int, int], None] | None
) -> ClaimSets:
    """The claim sets of `articles` from the engine of `opts`: Ray actors, or this process and workers."""
    if opts.engine == "ray":
        return extract_claim_sets_ray(articles, opts, progress=progress)
    return extract_claim_sets_parallel(
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


def _check(source: Source, opts: CheckOptions, progress: Progress | None, store: Store | None) -> Report:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    archive = _as_archive(source, progress)
    archive = Archive(articles=filter_articles(archive.articles, opts), skipped=archive.skipped)
    timings["ingest"] = time.perf_counter() - t0

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
    archive = Archive(
        articles=[archive.articles[k] for k in kept],
        skipped=archive.skipped
        + [skipped_article(a, sets.failed[a.id]) for a in archive.articles if a.id in sets.failed],
    )
    per_article = [sets.numeric[k] for k in kept]
    entities_per_article = [sets.entities[k] for k in kept]
    kept_sets = ClaimSets(per_article, entities_per_article, [sets.names[k] for k in kept], {})
    timings["extract"] = time.perf_counter() - t0
    if progress:
        done = len(archive.articles) if extracting is None else extracting
        progress("extract", done, done)
    encoder = StoredEncoder(store, get_encoder(opts.model)) if store is not None else None
    found = find_conflicts(archive.articles, kept_sets, opts, timings, encoder, progress, store)
    claims, entity_claims, clusters, findings, syndicated = (
        found.claims,
        found.entity_claims,
        found.clusters,
        found.findings,
        found.syndicated,
    )

    by_kind: dict[str, int] = {}
    for f in findings:
        by_kind[f.kind.value] = by_kind.get(f.kind.value, 0) + 1
    return Report(
        checker_version=__version__,
        generated_at=datetime.now(UTC),
        options=opts.model_dump(mode="json"),
        stats=ReportStats(
            articles=len(archive.articles),
            skipped=len(archive.skipped),
            claims=len(claims),
            entity_claims=len(entity_claims),
            clusters=len(clusters),
            findings=len(findings),
            findings_by_kind=by_kind,
            timings={k: round(v, 3) for k, v in timings.items()},
        ),
        articles=[
            ArticleSummary(**a.model_dump(exclude={"text"}), claims=len(cl), entity_claims=len(ents))
            for a, cl, ents in zip(archive.articles, per_article, entities_per_article, strict=True)
        ],
        skipped=archive.skipped,
        findings=findings,
        syndicated=syndicated,
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
