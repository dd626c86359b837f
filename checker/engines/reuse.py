"""A run with a store (`checker.engines.store`): the claims of unchanged articles and the vectors of
contexts already encoded are taken from it, and only the rest is extracted or encoded, and stored.

In an archive of more than one tile (`checker.match.tiles`), a tile whose inputs are all unchanged
(`TileInputs`: its articles' content hashes, their syndication groups and canonical entity names, the
options and the code) takes its judged findings from the store (`TileFindings`), without finding its
stories or reading its claims; so does one whose stories and claims are unchanged, once its stories are
found. Syndication starts from what the last run found (`checker.engines.resyndicate`). The report is
the one a run without a store gives.

Writes are transactions, one per chunk of extracted articles, one per batch of vectors and one per
result of a tile or of syndication, so a run that is stopped leaves a store that the next run uses as far
as it got.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import TypeAdapter

from checker.claims.extract import ClaimSets
from checker.engines.ray_engine import ArticleClaims
from checker.engines.spill import Claimed, Digest
from checker.engines.store import Store, code_digest, content_hash, fingerprint, text_sha256
from checker.entities.names import EntityIndex
from checker.match.embedding import SentenceEncoder
from checker.match.stories import Stories
from checker.match.tiles import Tile
from checker.models import Article, Claim, EntityClaim, Finding, SyndicatedCopy, placed_like
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


#: options that say where or how fast a run goes, not what it finds
_WHERE = {"store", "workers", "engine", "ray_address", "batch_size"}


def _settings(options: CheckOptions) -> str:
    """The code and the options of a run that change what it finds, as JSON that is the same in every
    process."""
    matching = options.model_dump(mode="json", exclude=_WHERE)
    for name, value in matching.items():
        if isinstance(getattr(options, name), frozenset):
            matching[name] = sorted(value)  # a set's order changes from one process to the next
    return json.dumps([code_digest(), matching], sort_keys=True)


class TileInputs:
    """The keys a tile's judged findings are kept by, over what decides them: the code and the options,
    and per article (in the tile's order) whether the tile reports it, the canonical names of its entity
    mentions (made one across the archive), and the syndication groups it is in (a copy's claims that
    repeat its original's are set aside; an original carries its copies' outlets), with what each member
    of those reads.

    What an article reads, in `key`, known before the tile's stories are found or its claims read: its
    content hash (its claims, under the run's extraction fingerprint; the tile's stories, told from its
    texts; its tallies). In `stories_key`, once the tile's stories are found: its story and the hash of its
    claims (and, with tallies, which read the text, its content hash). A change to an article's text that
    leaves its claims and its tile's stories as they were (a paragraph that became its outlet's furniture
    once newer pages repeated it) misses the first key and finds the second."""

    def __init__(
        self,
        articles: Sequence[Article],
        syndicated: Sequence[SyndicatedCopy],
        digest: Digest,
        index: EntityIndex | None,
        options: CheckOptions,
    ) -> None:
        self.articles, self.syndicated, self.digest = articles, syndicated, digest
        self.base = _settings(options).encode()
        self.extraction, _ = fingerprint(options)
        self.tallies = options.tallies
        self._hashes: dict[int, str] = {}
        self.position: dict[str, int] = {}
        for k, article in enumerate(articles):
            self.position.setdefault(article.id, k)
        self.groups_of: dict[str, list[int]] = {}
        for g, group in enumerate(syndicated):
            for member in (group.original, *group.copies):
                self.groups_of.setdefault(member, []).append(g)
        # by mention number (numbered in the order the run met them): the mention, and its canonical name
        self.canonical: list[tuple[str, str, str | None]] | None = None
        if index is not None:
            self.canonical = [("", "", None)] * len(digest.mention_ids)
            for (text, label), number in digest.mention_ids.items():
                entity = index.lookup(text, label)
                self.canonical[number] = (text, label, entity.canonical if entity is not None else None)

    def _content(self, position: int) -> str:
        if position not in self._hashes:
            self._hashes[position] = content_hash(self.articles[position])
        return self._hashes[position]

    def key(self, tile: Tile) -> str:
        """The key over the articles' content hashes."""
        return self._key(tile, lambda k: ["content", self.extraction, self._content(k)])

    def stories_key(self, tile: Tile, stories: Stories) -> str | None:
        """The key over the articles' stories and claims; None when the claims of one of them are not
        stored (a run whose articles share an id holds its claims in memory)."""
        hashes = self.digest.claims_hashes
        if any(hashes.get(self.articles[k].id) is None for k in tile.articles):
            return None

        def reads(k: int) -> list[Any]:
            article = self.articles[k]
            read = ["stories", hashes[article.id], stories.of(article.id)]
            return [*read, self._content(k)] if self.tallies else read

        def member(k: int) -> Any:
            return hashes.get(self.articles[k].id) or self._content(k)

        return self._key(tile, reads, member)

    def _key(
        self, tile: Tile, reads: Callable[[int], list[Any]], member: Callable[[int], Any] | None = None
    ) -> str:
        member = member or self._content
        digest = hashlib.sha256(self.base)
        groups: set[int] = set()
        for k in tile.articles:
            article = self.articles[k]
            row: list[Any] = [article.id, article.id in tile.core, *reads(k)]
            if self.canonical is not None:
                mentions = self.digest.entity_mentions.get(article.id)
                row.append([] if mentions is None else sorted(self.canonical[m] for m in mentions.tolist()))
            digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))
            groups.update(self.groups_of.get(article.id, ()))
        for g in sorted(groups):
            group = self.syndicated[g]
            members = sorted(self.position[i] for i in (group.original, *group.copies))
            row = [group.model_dump(mode="json"), [member(k) for k in members]]
            digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


_FINDINGS = TypeAdapter(list[Finding])


def packed(findings: list[Finding]) -> bytes:
    """Findings as compressed JSON (b"" for none): defaults left out, they read back the same, in smaller
    objects (`checker.engines.store._packed`)."""
    return zlib.compress(_FINDINGS.dump_json(findings, exclude_defaults=True)) if findings else b""


def unpacked(payload: bytes, shift: int = 0) -> list[Finding]:
    """Findings as `packed` gave them, the number of each cluster id moved on by `shift` ('block#3' is
    'block#10' with a shift of 7: a tile numbers its clusters from 1, the report across tiles)."""
    if not payload:
        return []
    found = _FINDINGS.validate_json(zlib.decompress(payload))
    if not shift:
        return found
    return [f.model_copy(update={"cluster_id": renumbered(f.cluster_id, shift)}) for f in found]


def renumbered(cluster_id: str | None, shift: int) -> str | None:
    if cluster_id is None or not shift:
        return cluster_id
    block, _, number = cluster_id.rpartition("#")
    return f"{block}#{int(number) + shift}"


class KeptFindings:
    """Findings kept until the report as compressed JSON (`packed`), a tile's at a time: a finding holds its
    claims, some 7 KB each as Python objects and a few hundred bytes compressed, and a large archive has
    thousands of findings, which would otherwise sit under every later tile. They read back as they were,
    each part's cluster ids moved on by its shift."""

    def __init__(self) -> None:
        self._parts: list[tuple[bytes, int]] = []

    def add(self, findings: list[Finding]) -> None:
        self.add_packed(packed(findings))

    def add_packed(self, payload: bytes, shift: int = 0) -> None:
        if payload:
            self._parts.append((payload, shift))

    def all(self) -> list[Finding]:
        return [f for payload, shift in self._parts for f in unpacked(payload, shift)]


#: a tally note as kept (`checker.match.tallies.tally_note`): the article's position in the tile, the
#: outcomes it tallies, its names
NoteInputs = tuple[int, list[str], list[str]]

#: per article that a tile's findings quote, the ids of its numeric claims and of its entity claims as
#: extracted, in order: where they sat when the findings were judged
Placed = dict[str, tuple[list[str], list[str]]]


def placed_ids(loaded: dict[str, Claimed]) -> Placed:
    """The ids of each article's claims as extracted (`Placed`)."""
    return {i: ([c.id for c in got.numeric], [c.id for c in got.entities]) for i, got in loaded.items()}


def quoted(found: Sequence[Finding]) -> list[str]:
    """The articles whose claims the findings hold, each once, in the order met."""
    numeric = [c.article_id for f in found for c in f.claims]
    entities = [c.article_id for f in found for c in f.entity_claims]
    return list(dict.fromkeys(numeric + entities))


class TileFindings(NamedTuple):
    """What a tile gave, as the report takes it: how many clusters it reported, its findings (`packed`, the
    cluster ids numbered from 1 in the tile) and entity conflicts, its tally notes, and where the claims
    of the articles its findings quote sat (`Placed`)."""

    clusters: int
    findings: bytes
    entity_findings: bytes
    notes: list[NoteInputs]
    placed: Placed

    def payload(self) -> bytes:
        head = [self.clusters, len(self.findings), self.notes, self.placed]
        return json.dumps(head).encode("utf-8") + b"\n" + self.findings + self.entity_findings

    @classmethod
    def read(cls, payload: bytes) -> TileFindings:
        head, _, parts = payload.partition(b"\n")
        clusters, size, notes, placed = json.loads(head)
        return cls(
            clusters,
            parts[:size],
            parts[size:],
            [(i, o, n) for i, o, n in notes],
            {i: (numeric, entities) for i, (numeric, entities) in placed.items()},
        )


_C = TypeVar("_C", Claim, EntityClaim)


def re_placed(found: TileFindings, current: dict[str, Claimed]) -> TileFindings | None:
    """The tile's findings with each claim where it sits now (`current`: the claims of the articles they
    quote), or None when none moved. A tile is found by its stories and claims (`TileInputs.stories_key`)
    when its articles' claims say what they said, wherever they sit (`checker.engines.store.placeless_hash`):
    the same claims in the same order, so the k-th claim then is the k-th claim now."""
    numeric: dict[str, Claim] = {}
    entities: dict[str, EntityClaim] = {}
    for article_id, (then_numeric, then_entities) in found.placed.items():
        now = current[article_id]
        numeric.update((i, c) for i, c in zip(then_numeric, now.numeric, strict=True) if i != c.id)
        entities.update((i, c) for i, c in zip(then_entities, now.entities, strict=True) if i != c.id)
    if not numeric and not entities:
        return None

    def moved(claims: list[_C], now: dict[str, _C]) -> list[_C]:
        return [c if c.id not in now else placed_like(c, now[c.id]) for c in claims]

    def fixed(finding: Finding) -> Finding:
        # outliers and the latest claim are numeric claims, or entity claims in an entity conflict
        now: dict[str, Claim] | dict[str, EntityClaim] = entities if finding.entity_claims else numeric
        ids = [now[i].id if i in now else i for i in finding.outliers]
        latest = finding.latest
        if latest is not None and latest in now:
            latest = now[latest].id
        update = {
            "claims": moved(finding.claims, numeric),
            "entity_claims": moved(finding.entity_claims, entities),
            "outliers": ids,
            "latest": latest,
        }
        return finding.model_copy(update=update)

    placed = placed_ids({i: current[i] for i in found.placed})
    return found._replace(
        findings=packed([fixed(f) for f in unpacked(found.findings)]),
        entity_findings=packed([fixed(f) for f in unpacked(found.entity_findings)]),
        placed=placed,
    )
