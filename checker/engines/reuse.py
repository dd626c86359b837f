"""A run with a store (`checker.engines.store`): the claims of unchanged articles and the vectors of
contexts already encoded are taken from it, and only the rest is extracted or encoded, and stored.

Everything after extraction (syndication, stories, clustering, judging) runs again over the whole
archive, with the stored vectors, except the matching of a tile (`checker.match.tiles`) whose inputs are
all unchanged (`tile_key`): its clusters are taken from the store. The report is the one a run without a
store gives.

Writes are transactions, one per chunk of extracted articles and one per batch of vectors, so a run
that is stopped leaves a store that the next run uses as far as it got.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, TypeAdapter

from checker.claims.extract import ClaimSets
from checker.engines.ray_engine import ArticleClaims
from checker.engines.store import Store, code_digest, content_hash, text_sha256
from checker.match.embedding import SentenceEncoder
from checker.match.stories import Stories
from checker.models import Article, Claim, ClaimCluster, EntityClaim, Finding
from checker.options import CheckOptions

if TYPE_CHECKING:
    import numpy as np

#: extracted articles per transaction; a large archive takes larger chunks, at most `MAX_CHUNKS` of them,
#: since each chunk starts the worker processes (or Ray actors) again
STORE_CHUNK = 1000
MAX_CHUNKS = 20

Extractor = Callable[[Sequence[Article], Callable[[int, int], None] | None], ClaimSets]
Progress = Callable[[str, int, int], None]


class Stored(NamedTuple):
    """What `stored_claim_sets` gives: the claim sets of every article, and how many were extracted."""

    sets: ClaimSets
    reused: int
    extracted: int


#: one article's share of `ClaimSets`: its numeric claims, entity claims and names
Parts = tuple[list[Claim], list[EntityClaim], frozenset[str]]


def _row(parts: Parts, failed: str | None) -> ArticleClaims:
    numeric, entities, names = parts
    return ArticleClaims(numeric=numeric, entities=entities, names=sorted(names), failed=failed)


def stored_claim_sets(
    store: Store,
    articles: Sequence[Article],
    options: CheckOptions,
    extract: Extractor,
    progress: Progress | None = None,
    chunk: int | None = None,
) -> Stored:
    """The claim sets of `articles` (in their order): stored ones where the article is unchanged, the
    others from `extract` (the worker or Ray path), a chunk at a time, each chunk stored in one
    transaction. Stored articles that are not in `articles` stay in the store and out of the result."""
    key = store.use_fingerprint(options)
    hashes = [content_hash(a) for a in articles]
    hits = store.stored_claims(key, {a.id: h for a, h in zip(articles, hashes, strict=True)})
    found: dict[int, Parts] = {}
    failed: dict[str, str] = {}
    for k, article in enumerate(articles):
        if (row := hits.get(article.id)) is not None:
            found[k] = (row.numeric, row.entities, frozenset(row.names))
            if row.failed is not None:
                failed[article.id] = row.failed
    todo = [k for k in range(len(articles)) if k not in found]
    if progress:
        progress("reuse", len(found), len(articles))
    size = chunk or max(STORE_CHUNK, math.ceil(len(todo) / MAX_CHUNKS))
    for begin in range(0, len(todo), size):
        part = todo[begin : begin + size]

        def extracted(done: int, total: int, begin: int = begin) -> None:
            if progress:
                progress("extract", begin + done, len(todo))

        sets = extract([articles[k] for k in part], extracted)
        # the extracted objects themselves go into the result, as in a run without a store
        parts: list[Parts] = list(zip(*sets[:3], strict=True))
        ids = [articles[k].id for k in part]
        rows = (_row(p, sets.failed.get(i)) for p, i in zip(parts, ids, strict=True))
        store.put_claims(key, zip(ids, (hashes[k] for k in part), rows, strict=True))
        found.update(zip(part, parts, strict=True))
        failed.update(sets.failed)
        extracted(len(part), len(todo))
    ordered = [found[k] for k in range(len(articles))]
    numeric, entities = [p[0] for p in ordered], [p[1] for p in ordered]
    names = [p[2] for p in ordered]
    return Stored(ClaimSets(numeric, entities, names, failed), len(articles) - len(todo), len(todo))


class StoredEncoder(SentenceEncoder):
    """A `SentenceEncoder` that takes the vectors it has from the store and encodes only the others,
    with `encoder`, storing them. Its model loads only when something is left to encode."""

    def __init__(self, store: Store, encoder: SentenceEncoder) -> None:
        super().__init__(encoder.model_name, batch_size=encoder.batch_size)
        self.store = store
        self.encoder = encoder

    @property
    def model(self) -> Any:
        return self.encoder.model

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return self.encoder.encode(texts)
        hashes = [text_sha256(t) for t in texts]
        found = self.store.vectors(self.model_name, list(dict.fromkeys(hashes)))
        missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
        if missing:
            # the texts to encode in the order given, so that a run with an empty store encodes the
            # very batches a run without one does
            vectors = self.encoder.encode(list(missing.values()))
            new = {h: v.tobytes() for h, v in zip(missing, vectors, strict=True)}
            self.store.put_vectors(self.model_name, new.items())
            found.update(new)
        return np.vstack([np.frombuffer(found[h], dtype=np.float32) for h in hashes])


class TileResult(BaseModel):
    """What matching one tile gave (`checker.pipeline.find_conflicts`): its clusters and entity conflicts."""

    clusters: list[ClaimCluster]
    entity_findings: list[Finding]


#: options that say where or how fast a run goes, not what it finds; and those of the casualty tallies,
#: which are matched afresh every run, beside the stored result (`checker.engines.tiled`)
_RUN_ONLY = {"store", "workers", "engine", "ray_address", "batch_size", "tallies", "tally_window_days"}


_CLAIMS = TypeAdapter(list[Claim])
_ENTITY_CLAIMS = TypeAdapter(list[EntityClaim])


def tile_key(
    tile_articles: Sequence[Article],
    core: frozenset[str],
    claims: dict[str, list[Claim]],
    entities: dict[str, list[EntityClaim]],
    stories: Stories,
    options: CheckOptions,
) -> str:
    """SHA-256 over everything matching a tile reads: the code, the options that change findings, and per
    article whether the tile reports it, the claims judged of it (a new copy of a wire story sets some
    aside; the names of entities are made one across the whole archive), and its story.

    An article's text enters only through its story. So a change that leaves its claims and its story as
    they were (a paragraph that became the outlet's furniture once newer pages repeated it, a corrected
    typo) keeps the tile's stored result, which is the very result matching the tile again would give."""
    digest = hashlib.sha256()
    matching = options.model_dump(mode="json", exclude=_RUN_ONLY)
    for name, value in matching.items():
        if isinstance(getattr(options, name), frozenset):
            matching[name] = sorted(value)  # a set's order changes from one process to the next
    digest.update(json.dumps([code_digest(), matching], sort_keys=True).encode())
    for article in tile_articles:
        row = [article.id, article.id in core, stories.of(article.id)]
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(_CLAIMS.dump_json(claims.get(article.id, [])))
        digest.update(_ENTITY_CLAIMS.dump_json(entities.get(article.id, [])))
    return digest.hexdigest()


def matched_tile(store: Store | None, key: Callable[[], str], match: Callable[[], TileResult]) -> TileResult:
    """The tile's stored result when `store` holds one under `key()`; else `match()`, stored."""
    if store is None:
        return match()
    found_key = key()
    if (payload := store.tile(found_key)) is not None:
        return TileResult.model_validate_json(payload)
    result = match()
    store.put_tile(found_key, result.model_dump_json().encode("utf-8"))
    return result
