"""The incremental store (`checker check ARCHIVE --store checker.db`): one SQLite file of what extraction
found in each article and of the sentence vectors of claim contexts. This module is the file: its
tables, the keys its entries are found by, opening it, and its upkeep (`checker store info|vacuum`);
`checker.engines.reuse` is what a run takes from it.

An article is found again by its id and a content hash (SHA-256 over its text, title, date, outlet and
url). Its claims are kept under a fingerprint of everything extraction depends on: the checker version
and a digest of its files, the spaCy pipeline, the non-claim rules switched off, and `STORE_SCHEMA`.
Another fingerprint is another set of entries, so a store can serve runs with other settings without
mixing them. Vectors are kept by model name and the SHA-256 of the text, as float32 blobs. What a tile
of a large archive was matched into (`checker.match.tiles`: its clusters and entity conflicts) is kept
by a key over everything that matching read (`checker.engines.reuse.tile_key`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import typing
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from checker.engines.ray_engine import ArticleClaims
from checker.models import Article
from checker.options import (
    CONSTRAINT_RULES,
    EXPLANATION_RULES,
    FEATURE_RULES,
    SWITCHABLE_RULES,
    CheckOptions,
)
from checker.read.ingest import InputError, load_archive
from checker.version import __version__

#: the layout of the tables below: a store of another schema is refused with a clear error
STORE_SCHEMA = 1
#: the switchable rules that act in extraction (the non-claim rules): the others act after it
EXTRACTION_RULES = SWITCHABLE_RULES - CONSTRAINT_RULES - EXPLANATION_RULES - FEATURE_RULES
#: hashes per `IN (...)` query, well under SQLite's limit on bound parameters
_LOOKUP = 500

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprints (
    fingerprint TEXT PRIMARY KEY, description TEXT NOT NULL, last_used TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    fingerprint TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, claims INTEGER NOT NULL,
    entity_claims INTEGER NOT NULL, failed TEXT, payload BLOB NOT NULL, PRIMARY KEY (fingerprint, id));
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, hash));
CREATE TABLE IF NOT EXISTS tiles (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
"""
#: added to schema 1 without changing it: a store made before it gets the table when next opened
_TILES = "CREATE TABLE IF NOT EXISTS tiles (key TEXT PRIMARY KEY, payload BLOB NOT NULL)"


def text_sha256(text: str) -> str:
    """SHA-256 of a text, in hex: the key of a vector, of a content hash and of a fingerprint."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(article: Article) -> str:
    """SHA-256 over the fields extraction reads: a change to any of them extracts the article again."""
    fields = [
        article.text,
        article.title,
        article.published.isoformat() if article.published else None,
        article.source,
        article.url,
    ]
    return text_sha256(json.dumps(fields, ensure_ascii=False))


@functools.cache
def code_files() -> list[Path]:
    """Every file of the package that extraction may read: its code in every stage's package, and its
    tables in `checker/data`."""
    package = Path(__file__).resolve().parents[1]
    return sorted(p for p in [*package.rglob("*.py"), *package.glob("data/*")] if p.is_file())


def code_digest() -> str:
    """SHA-256 (12 hex digits) of the package's own files, code and tables: the version string alone does
    not move with every change to how claims are read, and a store must never serve claims an older
    reading gave."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def fingerprint(options: CheckOptions) -> tuple[str, str]:
    """(key, description) of what extraction depends on besides the article itself."""
    described = {
        "schema": STORE_SCHEMA,
        "checker": __version__,
        "code": code_digest(),
        "spacy_model": options.spacy_model,
        "rules_off": sorted(options.disabled_rules & EXTRACTION_RULES),
    }
    description = json.dumps(described, sort_keys=True)
    return text_sha256(description)[:16], description


def _packed(claims: ArticleClaims) -> bytes:
    """An article's claims as stored: JSON, zlib-compressed (a quarter of the size; sentences repeat).
    Fields at their defaults are left out: they read back the same, and a model read back keeps the set
    of the fields it was given, which for every field of a claim costs more than the claim's own values."""
    return zlib.compress(claims.model_dump_json(exclude_defaults=True).encode("utf-8"))


#: per model class, the one set of given fields that every model read back from a store shares
_GIVEN: dict[type[BaseModel], set[str]] = {}
#: per model class, the fields that may hold models (alone, optional, or in a list)
_NESTED: dict[type[BaseModel], list[str]] = {}


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in typing.get_args(annotation))


def _share_given(model: BaseModel) -> None:
    """Every model inside `model` (itself included) takes its class's one set of given fields."""
    kind = type(model)
    if kind not in _GIVEN:
        _GIVEN[kind] = set(kind.model_fields)
        _NESTED[kind] = [n for n, f in kind.model_fields.items() if _holds_models(f.annotation)]
    object.__setattr__(model, "__pydantic_fields_set__", _GIVEN[kind])
    for name in _NESTED[kind]:
        value = model.__dict__[name]
        for inner in value if isinstance(value, list | tuple) else (value,):
            if isinstance(inner, BaseModel):
                _share_given(inner)


def _unpacked(payload: bytes) -> ArticleClaims:
    """An article's claims as `_packed` stored them. Pydantic keeps, on every model it validates, a set of
    the fields it was given: 1 to 2 KB for each of a claim's eight models, half of what a claim weighs, and
    a large tile holds tens of thousands of claims. Read back, they share one set per class (every field):
    claims are never changed in place (a frozen model copies its set before a `model_copy` adds to it), and
    nothing here asks which fields were given (`exclude_unset`); values, equality and dumps are unchanged."""
    claims = ArticleClaims.model_validate_json(zlib.decompress(payload))
    for claim in [*claims.numeric, *claims.entities]:
        _share_given(claim)
    return claims


class Store:
    """An open store: use `open_store`, as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or none of it (an exception or a stop rolls it back)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- claims ---------------------------------------------------------------------------------------

    def use_fingerprint(self, options: CheckOptions) -> str:
        key, description = fingerprint(options)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO fingerprints VALUES (?, ?, ?) ON CONFLICT (fingerprint) "
                "DO UPDATE SET last_used = excluded.last_used",
                (key, description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        return key

    def stored_claims(self, key: str, wanted: dict[str, str]) -> dict[str, ArticleClaims]:
        """The stored claims of the articles in `wanted` (id -> content hash) whose hash is unchanged.
        Looked up by id, so that a tile's articles are read without reading the rest."""
        found: dict[str, ArticleClaims] = {}
        for article_id, stored_hash, payload in self._rows(key, list(wanted), "hash, payload"):
            if wanted[article_id] == stored_hash:
                found[article_id] = _unpacked(payload)
        return found

    def stored_hashes(self, key: str, ids: Sequence[str]) -> dict[str, str]:
        """id -> content hash of the stored articles among `ids`: which are stored, without their claims."""
        return dict(self._rows(key, ids, "hash"))

    def _rows(self, key: str, ids: Sequence[str], columns: str) -> Iterator[tuple[Any, ...]]:
        """(id, *columns) of the articles of `ids` stored under fingerprint `key`."""
        for begin in range(0, len(ids), _LOOKUP):
            part = ids[begin : begin + _LOOKUP]
            marks = ",".join("?" * len(part))
            query = f"SELECT id, {columns} FROM articles WHERE fingerprint = ? AND id IN ({marks})"
            yield from self.db.execute(query, (key, *part)).fetchall()

    def put_claims(self, key: str, rows: Iterable[tuple[str, str, ArticleClaims]]) -> None:
        """(id, content hash, claims) of extracted articles, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((key, i, h, len(c.numeric), len(c.entities), c.failed, _packed(c)) for i, h, c in rows),
            )

    # -- matched tiles --------------------------------------------------------------------------------

    def tile(self, key: str) -> bytes | None:
        """The stored result of matching a tile, as `put_tile` was given it; None when not stored."""
        row = self.db.execute("SELECT payload FROM tiles WHERE key = ?", (key,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def put_tile(self, key: str, payload: bytes) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO tiles VALUES (?, ?)", (key, zlib.compress(payload)))

    # -- vectors --------------------------------------------------------------------------------------

    def vectors(self, model: str, hashes: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for begin in range(0, len(hashes), _LOOKUP):
            part = hashes[begin : begin + _LOOKUP]
            marks = ",".join("?" * len(part))
            query = f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({marks})"
            found.update(self.db.execute(query, (model, *part)))
        return found

    def put_vectors(self, model: str, rows: Iterable[tuple[str, bytes]]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", ((model, h, v) for h, v in rows)
            )


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    """A connection to `path`, which must be an SQLite file (or, with `create`, missing or empty)."""
    if path.is_dir():
        raise InputError(f"{path} is a folder: --store takes a file, such as checker.db")
    if not create and not path.exists():
        raise InputError(f"no such store: {path}")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # autocommit: `Store.transaction` says where each transaction begins and ends
        db = sqlite3.connect(path, timeout=60, isolation_level=None)
    except sqlite3.Error as err:
        raise InputError(f"cannot open the store {path}: {err}") from err
    try:
        db.execute("PRAGMA journal_mode = WAL")  # the first read: a file that is not SQLite fails here
        db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed chunk's order
    except sqlite3.DatabaseError as err:
        db.close()
        if isinstance(err, sqlite3.OperationalError):
            raise InputError(f"cannot open the store {path}: {err}") from err
        raise InputError(
            f"{path} is not a checker store: it is not an SQLite database ({err}); "
            "give --store a new file name"
        ) from err
    return db


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """The store at `path`, made when it is missing (with `create`). A file that is not an SQLite
    database, an SQLite database that is not a store, and a store of another schema are InputErrors."""
    path = Path(path)
    db = _connect(path, create)
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise InputError(
                f"{path} is an SQLite database but not a checker store (it has no meta table); "
                "give --store another file"
            )
        store = Store(path, db)
        if not tables:
            with store.transaction():
                for statement in filter(str.strip, _TABLES.split(";")):
                    db.execute(statement)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(STORE_SCHEMA),))
                db.execute("INSERT OR IGNORE INTO meta VALUES ('created_by', ?)", (__version__,))
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        found = row[0] if row else "none"
        if found != str(STORE_SCHEMA):
            raise InputError(
                f"{path} is a checker store of schema {found}, and this checker reads schema {STORE_SCHEMA}: "
                "delete the file (it is a cache: the next run fills it again) or give --store another path"
            )
        if "tiles" not in tables and tables:
            with store.transaction():
                db.execute(_TILES)
    except BaseException:
        db.close()
        raise
    return store


# -- info and vacuum --------------------------------------------------------------------------------------


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
    `archive` the articles no longer in it, and the vectors no kept claim needs; then VACUUM the file."""
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
            db.execute("DELETE FROM tiles")  # matched again by the next run: cheap beside extraction
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Vacuumed(dropped, len(stale), before, _size(store.path))
