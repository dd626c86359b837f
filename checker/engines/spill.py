"""Claims spilled to SQLite: an archive of more than one tile (`checker.match.tiles`) never holds every
article's claims in memory at once.

Extraction hands on each chunk of articles as it is done (`checker.engines.workers.iter_claim_sets_parallel`,
`checker.engines.ray_engine.iter_claim_sets_ray`), and `spill_claims` writes it to a store in the store's
own tables and encoding (`Store.put_claims`): the run's `--store`, whose unchanged articles are then not
extracted again, or a temporary one (`temporary_store`) removed at the end of the run. Matching reads a
tile's articles back when it comes to them (`Store.stored_claims`). What the rest of the run needs of every
article is kept small, in a `Digest`.

Claims held in memory (`HeldClaims`: an archive of one tile, or `checker.pipeline.find_conflicts`) and
spilled ones (`SpilledClaims`) are both a `ClaimSource`, which `checker.engines.tiled` matches the same way.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from checker.claims.extract import ClaimSets
from checker.engines.ray_engine import ArticleClaims
from checker.engines.store import ArticleDigest, Store, content_hash, digest_of, open_store
from checker.engines.workers import Chunk
from checker.models import Article, Claim, EntityClaim
from checker.options import CheckOptions
from checker.read.ingest import InputError

if TYPE_CHECKING:
    import numpy as np

ExtractProgress = Callable[[int, int], None]
#: extraction a chunk at a time, as `checker.engines.workers.iter_claim_sets_parallel` gives it
ChunkExtractor = Callable[[Sequence[Article], ExtractProgress | None], Generator[Chunk, None, None]]
Progress = Callable[[str, int, int], None]


class Claimed(NamedTuple):
    """One article's claims: its numeric claims and entity claims, and the names its story is told by."""

    numeric: list[Claim]
    entities: list[EntityClaim]
    names: frozenset[str]


class Digest:
    """What a run keeps of each article whose claims it does not keep: the claim counts the report gives,
    the keys of the texts its claims ask the encoder for (`checker.match.embedding.LastUse`), how often
    each entity mention occurs (the archive-wide canonical names: `checker.entities.names.EntityIndex`),
    which mentions each article holds (numbered in `mention_ids`, for this run only), and a hash of its
    claims as a store keeps them (`checker.engines.reuse.TileInputs`)."""

    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, int]] = {}  # article id -> (numeric claims, entity claims)
        self.texts: dict[str, np.ndarray] = {}  # article id -> text keys (uint64) of its claims' contexts
        self.mentions: Counter[tuple[str, str]] = Counter()  # (text, label) of every entity claim
        self.mention_ids: dict[tuple[str, str], int] = {}  # (text, label) -> its number in this run
        self.entity_mentions: dict[str, np.ndarray] = {}  # article id -> its mentions' numbers, sorted
        self.claims_hashes: dict[str, str | None] = {}  # article id -> hash of its stored claims, if stored

    def add(self, article_id: str, claimed: Claimed) -> None:
        self.add_digest(article_id, digest_of(claimed.numeric, claimed.entities, None))

    def add_digest(self, article_id: str, digest: ArticleDigest) -> None:
        import numpy as np

        self.counts[article_id] = (digest.claims, digest.entity_claims)
        self.texts[article_id] = digest.texts
        self.claims_hashes[article_id] = digest.claims_hash
        self.mentions.update(digest.mentions)
        ids = {self.mention_ids.setdefault(m, len(self.mention_ids)) for m in digest.mentions}
        self.entity_mentions[article_id] = np.array(sorted(ids), dtype=np.int64)


class ClaimSource(Protocol):
    """Where the claims of a run's articles are, by article id; `load` gives those of some of them."""

    @property
    def digest(self) -> Digest: ...

    def load(self, ids: Sequence[str]) -> dict[str, Claimed]: ...


class HeldClaims:
    """Claims held in memory, one `ClaimSets` entry per article (in article order). Articles sharing an id
    (possible only in articles handed over in Python) share their claims, as they always did."""

    def __init__(self, articles: Sequence[Article], sets: ClaimSets) -> None:
        self._by_id: dict[str, Claimed] = {}
        for article, numeric, entities, names in zip(articles, *sets[:3], strict=True):
            held = self._by_id.get(article.id)
            if held is not None:
                numeric, entities = held.numeric + numeric, held.entities + entities
            self._by_id[article.id] = Claimed(numeric, entities, names)
        self._digest = Digest()
        for article_id, claimed in self._by_id.items():
            self._digest.add(article_id, claimed)

    @property
    def digest(self) -> Digest:
        return self._digest

    def load(self, ids: Sequence[str]) -> dict[str, Claimed]:
        return {i: self._by_id[i] for i in ids}


class SpilledClaims:
    """The claims of a run's articles in `store`, under extraction fingerprint `key`, found by id and
    content hash (`hashes`); `failed` says which articles could not be read, and why."""

    def __init__(self, store: Store, key: str, hashes: dict[str, str]) -> None:
        self.store, self.key, self.hashes = store, key, hashes
        self._digest = Digest()
        self.failed: dict[str, str] = {}
        self.reused = 0
        self.extracted = 0

    @property
    def digest(self) -> Digest:
        return self._digest

    def load(self, ids: Sequence[str]) -> dict[str, Claimed]:
        rows = self.store.stored_claims(self.key, {i: self.hashes[i] for i in ids})
        if len(rows) < len(set(ids)):
            lost = sorted(set(ids) - rows.keys())
            raise InputError(
                f"the store {self.store.path} lost the claims of {len(lost)} article(s) during this run "
                f"({lost[0]}, ...): another run with the same store changed them; rerun"
            )
        return {i: Claimed(r.numeric, r.entities, frozenset(r.names)) for i, r in rows.items()}

    def add(self, article_id: str, digest: ArticleDigest) -> None:
        """Count a stored or extracted article in: its digest, and why it failed if it did."""
        self._digest.add_digest(article_id, digest)
        if digest.failed is not None:
            self.failed[article_id] = digest.failed


def spill_claims(
    store: Store,
    articles: Sequence[Article],
    options: CheckOptions,
    extract: ChunkExtractor,
    progress: Progress | None = None,
    *,
    reuse: bool = True,
) -> SpilledClaims:
    """Every article's claims in `store` (ids must be unique): with `reuse`, those stored under an unchanged
    content hash are digested from the digests kept beside them, without reading their claims (a temporary
    store has none: nor is a reuse stage reported); the others
    are extracted a chunk at a time by `extract`, each chunk stored in one transaction as it comes (a stopped
    run leaves what it finished) and digested, never all held at once."""
    key = store.use_fingerprint(options)
    hashes = {a.id: content_hash(a) for a in articles}
    spilled = SpilledClaims(store, key, hashes)
    stored = store.stored_digests(key, hashes) if reuse else {}
    todo = [a for a in articles if a.id not in stored]
    if progress and reuse:
        progress("reuse", len(stored), len(articles))
    for article in articles:
        if (digest := stored.get(article.id)) is not None:
            spilled.add(article.id, digest)

    def extracted(done: int, total: int) -> None:
        if progress:
            progress("extract", done, len(todo))

    with closing(extract(todo, extracted)) as chunks:  # closed early, it stops its workers
        for positions, sets in chunks:
            ids = [todo[k].id for k in positions]
            rows = [
                ArticleClaims(numeric=n, entities=e, names=sorted(names), failed=sets.failed.get(i))
                for i, n, e, names in zip(ids, *sets[:3], strict=True)
            ]
            digests = store.put_claims(key, ((i, hashes[i], row) for i, row in zip(ids, rows, strict=True)))
            for article_id, digest in zip(ids, digests, strict=True):
                spilled.add(article_id, digest)
    spilled.reused, spilled.extracted = len(stored), len(todo)
    return spilled


@contextmanager
def temporary_store() -> Iterator[Store]:
    """A store in a temporary folder of its own, removed with everything in it when the run ends."""
    with (
        tempfile.TemporaryDirectory(prefix="checker-claims-") as folder,
        open_store(Path(folder) / "claims.db") as store,
    ):
        yield store
