"""The incremental store (`checker check ARCHIVE --store checker.db`): one SQLite file of what extraction
found in each article and of the sentence vectors of claim contexts. This module is the file: its
tables, the keys its entries are found by, and opening it; `checker.engines.reuse` is what a run takes
from it, and `checker.engines.upkeep` what `checker store info|vacuum` do.

An article is found again by its id and a content hash (SHA-256 over its text, title, date, outlet and
url). Its claims are kept under a fingerprint of everything extraction depends on: the checker version
and a digest of its files, the spaCy pipeline, the non-claim rules switched off, and `STORE_SCHEMA`.
Another fingerprint is another set of entries, so a store can serve runs with other settings without
mixing them. Beside an article's claims is their digest (`ArticleDigest`), all a run needs of an article
whose claims it does not read. Vectors are kept by model name and the SHA-256 of the text, as float32
blobs. The judged findings of each tile of a large archive (`checker.match.tiles`) are kept by a key
over what decides them (`checker.engines.reuse.TileInputs`). Syndication keeps the MinHash signature of
each lead, and the groups it last found with the articles it found them among
(`checker.engines.resyndicate`).
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
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

from checker.engines.ray_engine import ArticleClaims
from checker.match.embedding import text_key
from checker.models import PLACE_FIELDS, Article, Claim, EntityClaim
from checker.options import (
    CONSTRAINT_RULES,
    EXPLANATION_RULES,
    FEATURE_RULES,
    SWITCHABLE_RULES,
    CheckOptions,
)
from checker.read.ingest import InputError
from checker.version import __version__

if TYPE_CHECKING:
    import numpy as np

#: the layout of the tables below: a store of another schema is refused with a clear error
STORE_SCHEMA = 2
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
    entity_claims INTEGER NOT NULL, failed TEXT, payload BLOB NOT NULL, texts BLOB NOT NULL,
    mentions BLOB NOT NULL, claims_hash TEXT NOT NULL, PRIMARY KEY (fingerprint, id));
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, hash));
CREATE TABLE IF NOT EXISTS tile_findings (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tile_inputs (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS leads (hash TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS syndication (key TEXT PRIMARY KEY, payload BLOB NOT NULL);
"""
#: the tables of payloads kept by a key over their inputs (`Store.derived`)
_KEYED = ("tile_findings", "tile_inputs", "syndication")
#: the tables a vacuum empties: what the next run finds again at the cost of matching, not extracting
DERIVED_TABLES = (*_KEYED, "leads")


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


def _json(claims: ArticleClaims) -> bytes:
    """An article's claims as stored: JSON (then zlib-compressed: a quarter of the size; sentences repeat).
    Fields at their defaults are left out: they read back the same, and a model read back keeps the set
    of the fields it was given, which for every field of a claim costs more than the claim's own values."""
    return claims.model_dump_json(exclude_defaults=True).encode("utf-8")


def placeless_hash(claims: ArticleClaims) -> str:
    """A hash of what an article's claims say, apart from where they sit in its text (`PLACE_FIELDS`): a
    block that leaves the text before some claims (a paragraph that became the outlet's furniture once
    newer pages repeated it) moves them without changing what any tile finds, and a tile's kept findings
    are then moved with them (`checker.engines.reuse.re_placed`)."""
    place: dict[str, Any] = dict.fromkeys(PLACE_FIELDS, True)
    numeric = {"__all__": place | {"quantity": {"start": True, "end": True}}}
    exclude = {"numeric": numeric, "entities": {"__all__": place}}
    data = claims.model_dump_json(exclude_defaults=True, exclude=exclude)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


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
    """An article's claims as `put_claims` stored them. Pydantic keeps, on every model it validates, a set of
    the fields it was given: 1 to 2 KB for each of a claim's eight models, half of what a claim weighs, and
    a large tile holds tens of thousands of claims. Read back, they share one set per class (every field):
    claims are never changed in place (a frozen model copies its set before a `model_copy` adds to it), and
    nothing here asks which fields were given (`exclude_unset`); values, equality and dumps are unchanged."""
    claims = ArticleClaims.model_validate_json(zlib.decompress(payload))
    for claim in [*claims.numeric, *claims.entities]:
        _share_given(claim)
    return claims


class ArticleDigest(NamedTuple):
    """What a run needs of an article whose claims it does not read (`checker.engines.spill.Digest`): its
    claim counts, the keys (`text_key`) of its claims' contexts, its entity mentions, why it failed, and a
    hash of its claims as stored, apart from where they sit (`placeless_hash`; None when not stored)."""

    claims: int
    entity_claims: int
    texts: np.ndarray  # uint64, sorted, distinct
    mentions: list[tuple[str, str]]  # (text, label) of each entity claim, in order
    failed: str | None
    claims_hash: str | None = None


def digest_of(
    numeric: Sequence[Claim],
    entities: Sequence[EntityClaim],
    failed: str | None,
    claims_hash: str | None = None,
) -> ArticleDigest:
    import numpy as np

    contexts = {c.context for c in numeric} | {c.context for c in entities}
    texts = np.array(sorted(text_key(t) for t in contexts), dtype=np.uint64)
    mentions = [(c.text, c.label) for c in entities]
    return ArticleDigest(len(numeric), len(entities), texts, mentions, failed, claims_hash)


def _digest_columns(digest: ArticleDigest) -> tuple[bytes, bytes]:
    return digest.texts.astype("<u8").tobytes(), zlib.compress(json.dumps(digest.mentions).encode("utf-8"))


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

    def stored_digests(self, key: str, wanted: dict[str, str]) -> dict[str, ArticleDigest]:
        """The digests of the articles in `wanted` (id -> content hash) stored with that hash, without
        their claims."""
        import numpy as np

        found: dict[str, ArticleDigest] = {}
        columns = "hash, claims, entity_claims, texts, mentions, failed, claims_hash"
        for article_id, stored_hash, *row in self._rows(key, list(wanted), columns):
            if wanted[article_id] == stored_hash:
                claims, entities, texts, mentions, failed, claims_hash = row
                said = [(t, label) for t, label in json.loads(zlib.decompress(mentions))]
                keys = np.frombuffer(texts, dtype="<u8").astype(np.uint64)
                found[article_id] = ArticleDigest(claims, entities, keys, said, failed, claims_hash)
        return found

    def _rows(self, key: str, ids: Sequence[str], columns: str) -> Iterator[tuple[Any, ...]]:
        """(id, *columns) of the articles of `ids` stored under fingerprint `key`."""
        for begin in range(0, len(ids), _LOOKUP):
            part = ids[begin : begin + _LOOKUP]
            marks = ",".join("?" * len(part))
            query = f"SELECT id, {columns} FROM articles WHERE fingerprint = ? AND id IN ({marks})"
            yield from self.db.execute(query, (key, *part)).fetchall()

    def put_claims(self, key: str, rows: Iterable[tuple[str, str, ArticleClaims]]) -> list[ArticleDigest]:
        """(id, content hash, claims) of extracted articles, with their digests, in one transaction; the
        digests, in the order given."""
        digests: list[ArticleDigest] = []

        def row(article_id: str, content: str, claims: ArticleClaims) -> tuple[Any, ...]:
            data = _json(claims)
            hashed = placeless_hash(claims)
            digests.append(digest_of(claims.numeric, claims.entities, claims.failed, hashed))
            texts, mentions = _digest_columns(digests[-1])
            counts = len(claims.numeric), len(claims.entities)
            stored = claims.failed, zlib.compress(data), texts, mentions, hashed
            return key, article_id, content, *counts, *stored

        with self.transaction() as db:
            marks = ", ".join("?" * 10)
            db.executemany(f"INSERT OR REPLACE INTO articles VALUES ({marks})", (row(*r) for r in rows))
        return digests

    # -- what matching and syndication gave: kept by keys over their inputs -----------------------------

    def derived(self, table: str, key: str) -> bytes | None:
        """What `put_derived` kept under `key` in `table` (`tile_findings`, `tile_inputs`, `syndication`)."""
        row = self.db.execute(f"SELECT payload FROM {_table(table)} WHERE key = ?", (key,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def put_derived(self, *rows: tuple[str, str, bytes]) -> None:
        """(table, key, payload) rows, in one transaction."""
        with self.transaction() as db:
            for table, key, payload in rows:
                query = f"INSERT OR REPLACE INTO {_table(table)} VALUES (?, ?)"
                db.execute(query, (key, zlib.compress(payload)))

    def signatures(self, hashes: Sequence[str]) -> dict[str, bytes]:
        """The stored MinHash signatures of leads, by the SHA-256 of the lead."""
        found: dict[str, bytes] = {}
        for begin in range(0, len(hashes), _LOOKUP):
            part = hashes[begin : begin + _LOOKUP]
            marks = ",".join("?" * len(part))
            found.update(self.db.execute(f"SELECT hash, signature FROM leads WHERE hash IN ({marks})", part))
        return found

    def put_signatures(self, rows: Iterable[tuple[str, bytes]]) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO leads VALUES (?, ?)", rows)

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


def _table(name: str) -> str:
    if name not in _KEYED:
        raise ValueError(f"not a table of derived results: {name}")
    return name


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
    except BaseException:
        db.close()
        raise
    return store
