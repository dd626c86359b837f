"""Upkeep of a store (`checker.engines.store`): what it holds (`checker store info`) and dropping what no run
will use again (`checker store vacuum`)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from checker.engines.store import DERIVED_TABLES, fingerprint, open_store, text_sha256
from checker.options import CheckOptions
from checker.read.ingest import load_archive


class FingerprintInfo(NamedTuple):
    fingerprint: str
    description: dict[str, Any]
    last_used: str
    articles: int
    claims: int
    entity_claims: int
    current: bool  # what a run with default options would use


class StoreInfo(NamedTuple):
    path: Path
    schema: int
    created_by: str
    articles: int
    claims: int
    entity_claims: int
    vectors: int
    models: dict[str, int]  # model name -> vectors
    bytes: int
    fingerprints: list[FingerprintInfo]


def _size(path: Path) -> int:
    """The store on disk, with its write-ahead log while one is open."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def store_info(path: str | Path, options: CheckOptions | None = None) -> StoreInfo:
    """What the store at `path` holds (it must exist). `current` marks the fingerprint of `options`."""
    with open_store(path, create=False) as store:
        db = store.db
        current, _ = fingerprint(options or CheckOptions())
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        counts = {
            key: (n, c, e)
            for key, n, c, e in db.execute(
                "SELECT fingerprint, COUNT(*), SUM(claims), SUM(entity_claims) "
                "FROM articles GROUP BY fingerprint"
            )
        }
        prints = [
            FingerprintInfo(key, json.loads(desc), used, *counts.get(key, (0, 0, 0)), current=key == current)
            for key, desc, used in db.execute(
                "SELECT fingerprint, description, last_used FROM fingerprints ORDER BY last_used DESC"
            )
        ]
        models = dict(db.execute("SELECT model, COUNT(*) FROM vectors GROUP BY model").fetchall())
        return StoreInfo(
            path=store.path,
            schema=int(meta["schema"]),
            created_by=meta.get("created_by", "?"),
            articles=sum(f.articles for f in prints),
            claims=sum(f.claims for f in prints),
            entity_claims=sum(f.entity_claims for f in prints),
            vectors=sum(models.values()),
            models=models,
            bytes=_size(store.path),
            fingerprints=prints,
        )


class Vacuumed(NamedTuple):
    articles: int  # entries dropped (of other fingerprints, or no longer in the archive)
    vectors: int  # vectors dropped: no kept claim has their text
    bytes_before: int
    bytes_after: int


def _contexts(payloads: Iterable[bytes]) -> Iterator[str]:
    """The texts a run encodes: the contexts of the stored numeric and entity claims."""
    for payload in payloads:
        row = json.loads(zlib.decompress(payload))
        for claim in (*row["numeric"], *row["entities"]):
            yield claim.get("context", "")  # stored without it when it is the default, empty


def vacuum_store(
    path: str | Path, options: CheckOptions | None = None, archive: str | Path | None = None
) -> Vacuumed:
    """Drop the entries of fingerprints other than that of `options` (default options when None), with
    `archive` the articles no longer in it, the vectors no kept claim needs, and what matching and
    syndication kept (the next run finds it again); then VACUUM the file."""
    keep, _ = fingerprint(options or CheckOptions())
    ids = {a.id for a in load_archive(archive).articles} if archive is not None else None
    with open_store(path, create=False) as store:
        db = store.db
        before = _size(store.path)
        with store.transaction():
            dropped = db.execute("DELETE FROM articles WHERE fingerprint != ?", (keep,)).rowcount
            db.execute("DELETE FROM fingerprints WHERE fingerprint != ?", (keep,))
            if ids is not None:
                db.execute("CREATE TEMP TABLE kept (id TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((i,) for i in ids))
                dropped += db.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM kept)").rowcount
                db.execute("DROP TABLE kept")
            payloads = (p for (p,) in db.execute("SELECT payload FROM articles"))
            needed = {text_sha256(t) for t in _contexts(payloads)}
            stale = [
                (model, h) for model, h in db.execute("SELECT model, hash FROM vectors") if h not in needed
            ]
            db.executemany("DELETE FROM vectors WHERE model = ? AND hash = ?", stale)
            for table in DERIVED_TABLES:  # found again by the next run: cheap beside extraction
                db.execute(f"DELETE FROM {table}")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Vacuumed(dropped, len(stale), before, _size(store.path))
