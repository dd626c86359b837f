"""The stages after extraction, a tile at a time (`checker.match.tiles`), so that what a run holds follows
the tile, not the archive.

Syndication looks at the whole archive first. Then each tile, in publication order, reads its articles'
claims from a `ClaimSource` (held in memory, or spilled to a store: `checker.engines.spill`), counts wire
copies once, finds stories, clusters and entity conflicts, and judges its clusters at once; only the
findings are kept, and the claims of the articles the next tile shares (`_Carrying`), which it would read
again. Judging a cluster reads only the claims and names of the articles in it, which all lie
in the tile. The encoder forgets the vectors of texts no later tile asks for
(`checker.match.embedding.RememberingEncoder.forget_through`). The findings, their order and the cluster
ids are those of matching every tile first and judging all clusters after.
"""

from __future__ import annotations

import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from pydantic import TypeAdapter

from checker.engines.reuse import TileResult, matched_tile, tile_key
from checker.engines.spill import Claimed, ClaimSource, Digest
from checker.engines.store import Store
from checker.entities.names import EntityIndex
from checker.judge.entities import canonicalized, judge_entity_claims
from checker.judge.numeric import judge_clusters
from checker.match.cluster import cluster_claims
from checker.match.embedding import LastUse, RememberingEncoder, SentenceEncoder
from checker.match.stories import Stories, group_stories
from checker.match.syndication import count_once, entities_once, find_syndicated
from checker.match.tallies import (
    TallyNote,
    already_told,
    far_groups,
    far_tally_clusters,
    spans_window,
    tallies_by_article,
    tally_clusters,
    tally_note,
)
from checker.match.tiles import Tile, date_tiles, last_tiles, reported_by
from checker.models import Article, Claim, ClaimCluster, EntityClaim, Finding, FindingKind, SyndicatedCopy
from checker.options import CheckOptions

#: called with (stage, done, total) as work proceeds
Progress = Callable[[str, int, int], None]


class Matched(NamedTuple):
    """What matching gives: the findings (surest first), the syndicated copies, how many clusters the
    tiles reported, the clusters themselves when asked to keep them, and the most texts whose vectors the
    encoder held at once (0 for an archive of one tile, which encodes every text once anyway)."""

    findings: list[Finding]
    syndicated: list[SyndicatedCopy]
    clusters: int
    kept: list[ClaimCluster]
    most_remembered: int


def by_confidence(findings: list[Finding]) -> list[Finding]:
    """Surest first; entity conflicts, which carry no confidence, after the scored findings (stable)."""
    return sorted(findings, key=lambda f: -1.0 if f.confidence is None else -f.confidence)


_C = TypeVar("_C", Claim, EntityClaim)


def by_article(claims: Sequence[_C]) -> dict[str, list[_C]]:
    """Claims by the id of their article, each article's in the order given."""
    out: dict[str, list[_C]] = {}
    for claim in claims:
        out.setdefault(claim.article_id, []).append(claim)
    return out


class _SetAside(NamedTuple):
    """What counting wire copies once sets aside over the archive: numeric claims, and entity mentions."""

    claims: int
    mentions: Counter[tuple[str, str]]


def _set_aside(claims: ClaimSource, syndicated: Sequence[SyndicatedCopy], order: dict[str, int]) -> _SetAside:
    """A copy's claims that repeat its original's are set aside (`count_once`, `entities_once`), which reads
    only the articles of its group: so each group is read alone, never the whole archive."""
    dropped = 0
    mentions: Counter[tuple[str, str]] = Counter()
    for group in syndicated:
        ids = sorted([group.original, *group.copies], key=order.__getitem__)
        loaded = claims.load(ids)
        numeric = [c for i in ids for c in loaded[i].numeric]
        dropped += len(numeric) - len(count_once(numeric, [group]))
        entities = [c for i in ids for c in loaded[i].entities]
        kept = Counter((c.text, c.label) for c in entities_once(entities, [group]))
        mentions += Counter((c.text, c.label) for c in entities) - kept
    return _SetAside(dropped, mentions)


class _TileClaims(NamedTuple):
    """A tile's claims by article id: numeric ones as judged (wire copies counted once), entity claims
    with the archive's canonical names (empty when entity conflicts are not asked for), and names."""

    numeric: dict[str, list[Claim]]
    entities: dict[str, list[EntityClaim]]
    names: dict[str, frozenset[str]]


def _tile_claims(
    ids: Sequence[str],
    claims: ClaimSource,
    syndicated: Sequence[SyndicatedCopy],
    order: dict[str, int],
    index: EntityIndex | None,
) -> _TileClaims:
    """The claims of the articles `ids`, read with those of every article syndicated with one of them: a
    copy's claims are judged against its original's, an original carries its copies' outlets."""
    inside = set(ids)
    groups = [g for g in syndicated if inside & {g.original, *g.copies}]
    needed = sorted(inside.union(*({g.original, *g.copies} for g in groups)), key=order.__getitem__)
    loaded = claims.load(needed)
    judged = count_once([c for i in needed for c in loaded[i].numeric], groups)
    numeric = {i: found for i, found in by_article(judged).items() if i in inside}
    entities: dict[str, list[EntityClaim]] = {}
    if index is not None:
        once = entities_once([c for i in needed for c in loaded[i].entities], groups)
        entities = by_article(canonicalized([c for c in once if c.article_id in inside], index))
    return _TileClaims(numeric, entities, {i: loaded[i].names for i in ids})


class _Reading(NamedTuple):
    """What reading any tile's claims needs (`_tile_claims`)."""

    claims: ClaimSource
    syndicated: Sequence[SyndicatedCopy]
    order: dict[str, int]
    names: EntityIndex | None  # the archive's canonical names, when entity conflicts are asked for


class _Carrying:
    """A `ClaimSource` that keeps, of what it loaded last, the claims of the articles the next tile shares
    (`keep_for`): tiles overlap by their margins, and each article's claims are then read from the store
    once rather than once for every tile it lies in. What is kept is what the next tile reads anyway."""

    def __init__(self, source: ClaimSource) -> None:
        self.source = source
        self._last: dict[str, Claimed] = {}

    @property
    def digest(self) -> Digest:
        return self.source.digest

    def load(self, ids: Sequence[str]) -> dict[str, Claimed]:
        found = {i: self._last[i] for i in ids if i in self._last}
        found.update(self.source.load([i for i in ids if i not in found]))
        self._last = found
        return found

    def keep_for(self, ids: set[str]) -> None:
        """Let go of all that was loaded last but the claims of `ids`."""
        self._last = {i: c for i, c in self._last.items() if i in ids}


class _TileReader:
    """A tile's claims (`_tile_claims`), read when first asked for and then kept: with a store, a tile whose
    key finds its result is never matched, but its claims are still judged."""

    def __init__(self, ids: Sequence[str], reading: _Reading) -> None:
        self.ids, self.reading = ids, reading
        self._held: _TileClaims | None = None

    def claims(self) -> _TileClaims:
        if self._held is None:
            self._held = _tile_claims(self.ids, *self.reading)
        return self._held


_FINDINGS = TypeAdapter(list[Finding])


class _Kept:
    """Findings kept until the report as compressed JSON, a tile's at a time: a finding holds its claims,
    some 7 KB each as Python objects and a few hundred bytes compressed, and a large archive has thousands
    of findings, which would otherwise sit under every later tile. They read back as they were."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def add(self, findings: list[Finding]) -> None:
        if findings:
            # defaults left out: they read back the same, in smaller objects (`checker.engines.store._packed`)
            self._parts.append(zlib.compress(_FINDINGS.dump_json(findings, exclude_defaults=True)))

    def all(self) -> list[Finding]:
        return [f for part in self._parts for f in _FINDINGS.validate_json(zlib.decompress(part))]


def match_tiles(
    articles: Sequence[Article],
    claims: ClaimSource,
    options: CheckOptions,
    encoder: SentenceEncoder,
    *,
    timings: dict[str, float] | None = None,
    progress: Progress | None = None,
    store: Store | None = None,
    keep_clusters: bool = False,
) -> Matched:
    """Syndication, stories, clustering and judging over the claims of `articles` (`claims`), a tile at a
    time. `progress` hears each stage, named with what it works on; `timings` gets each stage's seconds.
    With `store`, a tile of a large archive whose inputs did not change is taken from it."""
    timings = {} if timings is None else timings
    tell = progress or (lambda stage, done, total: None)
    t0 = time.perf_counter()
    stage = f"syndication {len(articles):,} articles"
    tell(stage, 0, 1)
    syndicated = find_syndicated(articles)
    tell(stage, 1, 1)
    timings["syndication"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    order: dict[str, int] = {}
    for k, article in enumerate(articles):
        order.setdefault(article.id, k)
    digest = claims.digest
    aside = _set_aside(claims, syndicated, order)
    index = (
        EntityIndex((digest.mentions - aside.mentions).elements())
        if FindingKind.ENTITY_CONFLICT in options.kinds
        else None
    )
    tiles = date_tiles(articles, options.tile_articles, options.date_window_days)
    remembering: RememberingEncoder | None = None
    if len(tiles) > 1:
        last: dict[str, int] = {}
        for article, step in zip(articles, last_tiles(tiles, len(articles)), strict=True):
            last[article.id] = max(step, last.get(article.id, step))
        last_use = LastUse((digest.texts[i], step) for i, step in last.items())
        encoder = remembering = RememberingEncoder(encoder, last_use)
    judged = sum(digest.counts[i][0] for i in order) - aside.claims
    stage = f"cluster {judged:,} claims"
    carrying = _Carrying(claims)
    # one tile is the whole archive: stored, it would be stale after any change, and never used
    matching = _Matching(
        articles,
        _Reading(carrying, syndicated, order, index),
        options,
        encoder,
        tile_store=store if len(tiles) > 1 else None,
        numbered=len(tiles) > 1,
        keep_clusters=keep_clusters,
    )
    for done, tile in enumerate(tiles):
        tell(stage, done, len(tiles))
        matching.match(tile)
        following = tiles[done + 1].articles if done + 1 < len(tiles) else []
        carrying.keep_for({articles[k].id for k in following})
        if remembering is not None:
            remembering.forget_through(done)
    matching.match_far_tallies()
    tell(stage, len(tiles), len(tiles))
    timings["cluster"] = time.perf_counter() - t0 - matching.judging
    # each tile's clusters were judged as soon as it was matched: the stage names what was judged
    stage = f"judge {matching.reported:,} clusters"
    tell(stage, 0, 1)
    tell(stage, 1, 1)
    timings["judge"] = matching.judging
    most = remembering.most_remembered if remembering is not None else 0
    found = by_confidence(matching.findings.all() + matching.entity_findings.all())
    return Matched(found, syndicated, matching.reported, matching.kept, most)


class _Matching:
    """Tiles matched and judged in turn (`match`), and what that gathers: the findings, how many clusters
    the tiles reported (the clusters too, with `keep_clusters`), and the seconds spent judging. A tile's
    claims, stories and clusters are let go when `match` returns, before the next tile reads its own."""

    def __init__(
        self,
        articles: Sequence[Article],
        reading: _Reading,
        options: CheckOptions,
        encoder: SentenceEncoder,
        *,
        tile_store: Store | None,
        numbered: bool,
        keep_clusters: bool,
    ) -> None:
        self.articles, self.reading, self.options, self.encoder = articles, reading, options, encoder
        self.tile_store = tile_store
        self.numbered, self.keep_clusters = numbered, keep_clusters
        self.findings, self.entity_findings = _Kept(), _Kept()
        self.kept: list[ClaimCluster] = []
        self.reported = 0
        self.judging = 0.0
        self.notes: list[TallyNote] = []  # the tallies of every tile's core, met again across the archive
        self.claim_sets: list[frozenset[str]] = []  # with tallies: the claims of each tile's findings

    def match(self, tile: Tile) -> None:
        options = self.options
        inside = [self.articles[k] for k in tile.articles]
        read = _TileReader([a.id for a in inside], self.reading)

        # the stories first: the key reads them, and a tile of thousands of articles finds them before
        # its claims are read, so that the two largest things it holds never meet (only the claims of the
        # margin it shares with the tile before, kept for it, are held beside the stories)
        stories = group_stories(inside, options.story_contrast)

        def key() -> str:
            held = read.claims()
            return tile_key(inside, tile.core, held.numeric, held.entities, stories, options)

        def match() -> TileResult:
            found, conflicts = _match_tile(inside, tile, stories, read.claims(), self.encoder, options)
            return TileResult(clusters=found, entity_findings=conflicts)

        result = matched_tile(self.tile_store, key, match)
        # tallies read the articles' text, which no tile key holds: matched afresh, beside the stored result
        clusters = result.clusters + self._tallies(tile, inside, stories, read)
        if self.numbered:  # each tile numbers its clusters from 1: numbered across tiles instead
            first = self.reported + 1
            clusters = [c.model_copy(update={"id": f"{c.block}#{first + k}"}) for k, c in enumerate(clusters)]
        self.reported += len(clusters)
        started = time.perf_counter()
        held = read.claims()
        found = judge_clusters(clusters, options, names=held.names, mentions=held.numeric)
        self.findings.add(found)
        if options.tallies:  # the far tallies must not report these again
            self.claim_sets += [frozenset(c.id for c in f.claims) for f in found]
        self.judging += time.perf_counter() - started
        self.entity_findings.add(result.entity_findings)
        if self.keep_clusters:
            self.kept += clusters

    def _tallies(
        self, tile: Tile, inside: list[Article], stories: Stories, read: _TileReader
    ) -> list[ClaimCluster]:
        """The tally clusters the tile reports (`checker.match.tallies`), when tallies are asked for; and
        the note of each tallying article of its core, for the far tallies."""
        if not self.options.tallies:
            return []
        held = read.claims()
        tallies = tallies_by_article([c for a in inside for c in held.numeric.get(a.id, ())], inside)
        for article in inside:
            if article.id in tile.core:
                names = held.names.get(article.id, frozenset())
                note = tally_note(article, tallies.get(article.id, {}), names)
                if note is not None:
                    self.notes.append(note)
        found = tally_clusters(tallies, stories, self.options)
        return [c for c in found if reported_by(c.claims) in tile.core]

    def match_far_tallies(self) -> None:
        """The tallies of articles further apart than the date window that tell of one incident
        (`checker.match.tallies.far_groups`), judged once every tile has been matched."""
        if not self.notes:
            return
        started = time.perf_counter()
        by_id = {a.id: a for a in self.articles}
        for ids in far_groups(self.notes, self.options):
            held = _tile_claims(ids, *self.reading)
            clusters = far_tally_clusters(ids, held.numeric, by_id, self.options, self.reported + 1)
            self.reported += len(clusters)
            found = judge_clusters(clusters, self.options, names=held.names, mentions=held.numeric)
            # a tile's cluster can span more than the window through close dates: reported once
            new = [f for f in found if spans_window(f.claims, self.options)]
            for finding in new:  # runs of one group overlap: each disagreement once
                if not already_told(finding, self.claim_sets):
                    self.findings.add([finding])
                    self.claim_sets.append(frozenset(c.id for c in finding.claims))
            if self.keep_clusters:
                self.kept += clusters
        self.judging += time.perf_counter() - started


def _match_tile(
    inside: Sequence[Article],
    tile: Tile,
    stories: Stories,
    claims: _TileClaims,
    encoder: SentenceEncoder,
    options: CheckOptions,
) -> tuple[list[ClaimCluster], list[Finding]]:
    """Clusters of one tile's articles (`inside`), and its entity conflicts: those the tile reports
    (`checker.match.tiles.reported_by`)."""
    ids = [a.id for a in inside]
    tile_claims = [c for a in ids for c in claims.numeric.get(a, ())]
    clusters = cluster_claims(tile_claims, encoder, options, stories)
    kept = [c for c in clusters if reported_by(c.claims) in tile.core]
    if FindingKind.ENTITY_CONFLICT not in options.kinds:
        return kept, []
    tile_entities = [c for a in ids for c in claims.entities.get(a, ())]
    found = judge_entity_claims(tile_entities, encoder, options, stories)
    return kept, [f for f in found if reported_by(f.entity_claims or f.claims) in tile.core]
