"""A tile's claims (`checker.engines.tiled`), read from a `ClaimSource` when the tile comes to them: as
judged (a wire copy's claims that repeat its original's set aside, the original carrying its copies'
outlets), with the archive's canonical entity names. Tiles overlap by their margins, and what the next
tile shares is kept for it (`Carrying`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from checker.engines.spill import Claimed, ClaimSource, Digest
from checker.entities.names import EntityIndex
from checker.judge.entities import canonicalized
from checker.match.syndication import count_once, entities_once
from checker.models import Claim, EntityClaim, SyndicatedCopy

_C = TypeVar("_C", Claim, EntityClaim)


def by_article(claims: Sequence[_C]) -> dict[str, list[_C]]:
    """Claims by the id of their article, each article's in the order given."""
    out: dict[str, list[_C]] = {}
    for claim in claims:
        out.setdefault(claim.article_id, []).append(claim)
    return out


class SetAside(NamedTuple):
    """What counting wire copies once sets aside over the archive: numeric claims, and entity mentions."""

    claims: int
    mentions: Counter[tuple[str, str]]


def set_aside(claims: ClaimSource, syndicated: Sequence[SyndicatedCopy], order: dict[str, int]) -> SetAside:
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
    return SetAside(dropped, mentions)


class TileClaims(NamedTuple):
    """A tile's claims by article id: numeric ones as judged (wire copies counted once), entity claims
    with the archive's canonical names (empty when entity conflicts are not asked for), and names."""

    numeric: dict[str, list[Claim]]
    entities: dict[str, list[EntityClaim]]
    names: dict[str, frozenset[str]]


def tile_claims(
    ids: Sequence[str],
    claims: ClaimSource,
    syndicated: Sequence[SyndicatedCopy],
    order: dict[str, int],
    index: EntityIndex | None,
) -> TileClaims:
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
    return TileClaims(numeric, entities, {i: loaded[i].names for i in ids})


class Reading(NamedTuple):
    """What reading any tile's claims needs (`tile_claims`)."""

    claims: ClaimSource
    syndicated: Sequence[SyndicatedCopy]
    order: dict[str, int]
    names: EntityIndex | None  # the archive's canonical names, when entity conflicts are asked for


class Carrying:
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
        self._last = self.peek(ids)
        return self._last

    def peek(self, ids: Sequence[str]) -> dict[str, Claimed]:
        """The claims of `ids`, as `load` gives them, leaving what is kept for the next tile as it was."""
        found = {i: self._last[i] for i in ids if i in self._last}
        found.update(self.source.load([i for i in ids if i not in found]))
        return found

    def keep_for(self, ids: set[str]) -> None:
        """Let go of all that was loaded last but the claims of `ids`."""
        self._last = {i: c for i, c in self._last.items() if i in ids}


class TileReader:
    """A tile's claims (`tile_claims`), read when first asked for and then kept: matching the tile, and
    judging it, read them."""

    def __init__(self, ids: Sequence[str], reading: Reading) -> None:
        self.ids, self.reading = ids, reading
        self._held: TileClaims | None = None

    def claims(self) -> TileClaims:
        if self._held is None:
            self._held = tile_claims(self.ids, *self.reading)
        return self._held
