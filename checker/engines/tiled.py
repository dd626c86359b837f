"""The stages after extraction, a tile at a time (`checker.match.tiles`), so that what a run holds follows
the tile, not the archive.

Syndication looks at the whole archive first. Then each tile, in publication order, reads its articles'
claims from a `ClaimSource` (held in memory, or spilled to a store: `checker.engines.spill`), counts wire
copies once, finds stories, clusters and entity conflicts, and judges its clusters at once; only the
findings are kept, and the claims of the articles the next tile shares (`Carrying`), which it would read
again. Judging a cluster reads only the claims and names of the articles in it, which all lie
in the tile. The encoder forgets the vectors of texts no later tile asks for
(`checker.match.embedding.RememberingEncoder.forget_through`). The findings, their order and the cluster
ids are those of matching every tile first and judging all clusters after. With a store, a tile whose
inputs did not change takes its findings from it (`checker.engines.reuse.TileInputs`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from checker.engines.resyndicate import stored_syndication
from checker.engines.reuse import (
    KeptFindings,
    NoteInputs,
    TileFindings,
    TileInputs,
    packed,
    placed_ids,
    quoted,
    re_placed,
    renumbered,
    unpacked,
)
from checker.engines.spill import ClaimSource
from checker.engines.store import Store
from checker.engines.tileclaims import Carrying, Reading, TileClaims, TileReader, set_aside, tile_claims
from checker.entities.names import EntityIndex
from checker.judge.entities import judge_entity_claims
from checker.judge.numeric import judge_clusters
from checker.match.cluster import cluster_claims
from checker.match.embedding import LastUse, RememberingEncoder, SentenceEncoder
from checker.match.stories import Stories, group_stories
from checker.match.syndication import find_syndicated
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
from checker.models import Article, ClaimCluster, Finding, FindingKind, SyndicatedCopy
from checker.options import CheckOptions

#: the start of the key under which a tile's findings are kept with its claims where they sit now
#: (`checker.engines.reuse.re_placed`), apart from the findings of the tiles matched
PLACED = "placed "

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
    With `store`, syndication starts from what the last run found, and a tile of a large archive whose
    inputs did not change takes its findings from it (unless the clusters are kept: the store keeps none)."""
    timings = {} if timings is None else timings
    tell = progress or (lambda stage, done, total: None)
    t0 = time.perf_counter()
    stage = f"syndication {len(articles):,} articles"
    tell(stage, 0, 1)
    syndicated = find_syndicated(articles) if store is None else stored_syndication(store, articles)
    tell(stage, 1, 1)
    timings["syndication"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    order: dict[str, int] = {}
    for k, article in enumerate(articles):
        order.setdefault(article.id, k)
    digest = claims.digest
    aside = set_aside(claims, syndicated, order)
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
    carrying = Carrying(claims)
    # one tile is the whole archive: stored, it would be stale after any change, and never used
    matching = _Matching(
        articles,
        Reading(carrying, syndicated, order, index),
        carrying,
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
    claims, stories and clusters are let go when `match` returns, before the next tile reads its own.

    With `tile_store`, a tile whose inputs are unchanged (`TileInputs`) takes its findings from it, without
    finding its stories or reading its claims; another is matched and judged, and its findings stored."""

    def __init__(
        self,
        articles: Sequence[Article],
        reading: Reading,
        carrying: Carrying,
        options: CheckOptions,
        encoder: SentenceEncoder,
        *,
        tile_store: Store | None,
        numbered: bool,
        keep_clusters: bool,
    ) -> None:
        self.articles, self.reading, self.options, self.encoder = articles, reading, options, encoder
        self.carrying = carrying  # the claims as extracted, where a tile's kept findings learn where they sit
        self.tile_store = tile_store
        self.inputs: TileInputs | None = None
        if tile_store is not None and not keep_clusters:  # a tile's findings are kept, not its clusters
            digest, syndicated = reading.claims.digest, reading.syndicated
            self.inputs = TileInputs(articles, syndicated, digest, reading.names, options)
        self.numbered, self.keep_clusters = numbered, keep_clusters
        self.findings, self.entity_findings = KeptFindings(), KeptFindings()
        self.kept: list[ClaimCluster] = []
        self.reported = 0
        self.judging = 0.0
        self.notes: list[TallyNote] = []  # the tallies of every tile's core, met again across the archive
        self.claim_sets: list[frozenset[str]] = []  # with tallies: the claims of each tile's findings

    def match(self, tile: Tile) -> None:
        inside = [self.articles[k] for k in tile.articles]
        shift = self.reported if self.numbered else 0  # a tile numbers its clusters from 1
        found = self._stored(tile, inside, shift)
        self.reported += found.clusters
        self.findings.add_packed(found.findings, shift)
        self.entity_findings.add_packed(found.entity_findings)
        if self.options.tallies:  # the far tallies meet these notes, and must not report these findings again
            for position, outcomes, names in found.notes:
                note = tally_note(inside[position], outcomes, frozenset(names))
                assert note is not None
                self.notes.append(note)
            self.claim_sets += [frozenset(c.id for c in f.claims) for f in unpacked(found.findings)]

    def _stored(self, tile: Tile, inside: list[Article], shift: int) -> TileFindings:
        """The tile's findings: from the store when its inputs are unchanged (`TileInputs.key`), or when its
        stories and claims are (`TileInputs.stories_key`); else matched and judged, and stored."""
        # the stories before the claims: a tile of thousands of articles finds them before its claims are
        # read, so that the two largest things it holds never meet (only the claims of the margin it
        # shares with the tile before, kept for it, are held beside the stories)
        if self.inputs is None or self.tile_store is None:
            return self._matched(tile, inside, group_stories(inside, self.options.story_contrast), shift)
        store, key = self.tile_store, self.inputs.key(tile)
        told = store.derived("tile_inputs", key)
        if told is not None and (payload := store.derived("tile_findings", told.decode())) is not None:
            return TileFindings.read(payload)
        stories = group_stories(inside, self.options.story_contrast)
        read = self.inputs.stories_key(tile, stories) or key
        if (payload := store.derived("tile_findings", read)) is not None:
            found = TileFindings.read(payload)
            moved = re_placed(found, self.carrying.peek(list(found.placed)))
            if moved is None:
                store.put_derived(("tile_inputs", key, read.encode()))
                return found
            # kept apart from what its stories and claims found, which other texts of them still need
            here = PLACED + hashlib.sha256(f"{read} {key}".encode()).hexdigest()
            store.put_derived(("tile_findings", here, moved.payload()), ("tile_inputs", key, here.encode()))
            return moved
        found = self._matched(tile, inside, stories, shift)
        store.put_derived(("tile_findings", read, found.payload()), ("tile_inputs", key, read.encode()))
        return found

    def _matched(self, tile: Tile, inside: list[Article], stories: Stories, shift: int) -> TileFindings:
        """The tile matched and judged, its cluster ids numbered from 1."""
        options = self.options
        read = TileReader([a.id for a in inside], self.reading)
        clusters, conflicts = _match_tile(inside, tile, stories, read.claims(), self.encoder, options)
        tallied, notes = self._tallies(tile, inside, stories, read)
        clusters += tallied
        if self.numbered:
            clusters = [c.model_copy(update={"id": f"{c.block}#{k + 1}"}) for k, c in enumerate(clusters)]
        started = time.perf_counter()
        held = read.claims()
        found = judge_clusters(clusters, options, names=held.names, mentions=held.numeric)
        self.judging += time.perf_counter() - started
        if self.keep_clusters:
            self.kept += [c.model_copy(update={"id": renumbered(c.id, shift)}) for c in clusters]
        placed = placed_ids(self.carrying.peek(quoted(found + conflicts))) if self.inputs else {}
        return TileFindings(len(clusters), packed(found), packed(conflicts), notes, placed)

    def _tallies(
        self, tile: Tile, inside: list[Article], stories: Stories, read: TileReader
    ) -> tuple[list[ClaimCluster], list[NoteInputs]]:
        """The tally clusters the tile reports (`checker.match.tallies`), when tallies are asked for; and
        what the note of each tallying article of its core is made of, for the far tallies."""
        if not self.options.tallies:
            return [], []
        held = read.claims()
        tallies = tallies_by_article([c for a in inside for c in held.numeric.get(a.id, ())], inside)
        notes: list[NoteInputs] = []
        for position, article in enumerate(inside):
            if article.id in tile.core:
                names = held.names.get(article.id, frozenset())
                outcomes = sorted(tallies.get(article.id, {}))
                if tally_note(article, outcomes, names) is not None:
                    notes.append((position, outcomes, sorted(names)))
        found = tally_clusters(tallies, stories, self.options)
        return [c for c in found if reported_by(c.claims) in tile.core], notes

    def match_far_tallies(self) -> None:
        """The tallies of articles further apart than the date window that tell of one incident
        (`checker.match.tallies.far_groups`), judged once every tile has been matched."""
        if not self.notes:
            return
        started = time.perf_counter()
        by_id = {a.id: a for a in self.articles}
        for ids in far_groups(self.notes, self.options):
            held = tile_claims(ids, *self.reading)
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
    claims: TileClaims,
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
