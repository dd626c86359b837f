"""Syndication: the same wire story carried by several outlets counts once.

Candidate copies come from MinHash LSH over the leads (datasketch), so no step compares every pair of
articles and the cost grows with the archive, not its square. Each candidate is put to the exact test:
the text similarity of the two leads (rapidfuzz), confirmed on the whole text. Copies are grouped; the
earliest copy is counted and the others are listed beside it. A copy that changed a figure keeps that
claim: only the claims it repeats word for word are set aside, so an edited copy can still be caught
disagreeing with its own wire.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz

from checker.models import Article, Claim, EntityClaim, SyndicatedCopy

if TYPE_CHECKING:
    import numpy as np

#: rapidfuzz ratio (0-100) of two leads above which the stories are candidate copies: a changed
#: headline, byline or dateline moves the lead by a few points, a rewrite by far more
MIN_LEAD_RATIO = 85.0
#: the same on the whole text, to confirm: outlets trim or extend a wire story at the end
MIN_TEXT_RATIO = 80.0
#: characters of the lead compared first (cheap), before whole texts are compared
LEAD_CHARS = 600
#: texts shorter than this carry too little to call a copy (a one-line brief is a headline, not a story)
MIN_TEXT_CHARS = 200
#: leads are compared as sets of overlapping 5-byte shingles: a changed headline or byline leaves most
#: of them, while unrelated leads share few
SHINGLE_BYTES = 5
#: MinHash permutations, cut into (bands, rows per band): two leads are candidates when all rows of one
#: band agree. A pair of shingle sets with Jaccard similarity 0.6 (the least alike copies found on the
#: GVA archive were 0.60) is a candidate with probability 1 - (1 - 0.6**4)**64 > 0.9998, 0.5 with 0.98
LSH_PERMUTATIONS = 256
LSH_BANDS = (64, 4)
#: so few leads are all compared: a fixed cost, below that of signing them (and importing datasketch)
ALL_PAIRS_UP_TO = 64
#: a pair sharing a band is a candidate only if this share of all its signature rows agree (an estimate of
#: the Jaccard similarity of the two leads, within 0.03 at 256 permutations): the least alike copies found
#: on the GVA archive estimate at 0.72, while leads written to one template share bands by the million
#: (4.2 million pairs in the generated archive of 20,000 articles, 0 of them copies) and estimate below
MIN_SIGNATURE_SHARE = 0.4


def _sort_key(article: Article) -> tuple[datetime, str]:
    when = article.published.replace(tzinfo=None) if article.published else datetime.max
    return when, article.id


def _shingles(lead: str) -> set[bytes]:
    data = lead.encode()
    return {data[k : k + SHINGLE_BYTES] for k in range(max(1, len(data) - SHINGLE_BYTES + 1))}


def in_pool(article: Article) -> bool:
    """Whether an article is long enough to be tested as a copy (`MIN_TEXT_CHARS`)."""
    return len(article.text) >= MIN_TEXT_CHARS


def lead_of(article: Article) -> str:
    """The lead two copies are first compared by: its first `LEAD_CHARS` characters, spaces made one."""
    return " ".join(article.text[:LEAD_CHARS].split())


def lead_signatures(leads: Sequence[str]) -> np.ndarray:
    """The MinHash signature of each lead, one row of `LSH_PERMUTATIONS` values (each below 2**32)."""
    import numpy as np
    from datasketch import MinHash

    signatures = MinHash.bulk(
        (_shingles(lead) for lead in leads), num_perm=LSH_PERMUTATIONS, hashfunc=zlib.crc32
    )
    return np.stack([s.hashvalues for s in signatures]) if signatures else np.zeros((0, LSH_PERMUTATIONS))


#: signs leads: `lead_signatures`, or one that keeps what it signed (`checker.engines.resyndicate`)
Signer = Callable[[Sequence[str]], "np.ndarray"]


def candidate_pairs(leads: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs (i < j) of leads whose MinHash signatures share a band and agree on `MIN_SIGNATURE_SHARE` of
    their rows: every pair of leads alike enough to be copies, and a few more, found in time linear in the
    number of leads. Up to `ALL_PAIRS_UP_TO` leads, every pair (cheaper than signing them)."""
    return set(sorted_candidates(leads))


def sorted_candidates(
    leads: Sequence[str], sign: Signer = lead_signatures, fresh: Collection[int] | None = None
) -> Iterator[tuple[int, int]]:
    """`candidate_pairs` one at a time, in sorted order, never all held: a dense archive of templated
    leads has millions of pairs sharing a band, and only those whose whole signatures agree enough
    (`MIN_SIGNATURE_SHARE`) are candidates. With `fresh`, only the pairs that hold one of those leads.

    Two leads share a band when the band's `LSH_BANDS[1]` rows of their signatures are equal (as the
    band keys of datasketch's `MinHashLSH` are): each band's buckets are found by sorting, in a few arrays
    of one number per lead, where an LSH index would keep a key object per lead and band."""
    count = len(leads)
    if count <= ALL_PAIRS_UP_TO:
        every = combinations(range(count), 2)
        yield from every if fresh is None else (p for p in every if p[0] in fresh or p[1] in fresh)
        return
    import numpy as np

    values = sign(leads)
    is_fresh = np.zeros(count, dtype=bool)
    is_fresh[list(fresh if fresh is not None else range(count))] = True
    bands, rows = LSH_BANDS
    bucket = np.empty((bands, count), dtype=np.int64)  # bucket[b, i]: lead i's bucket in band b
    members = []  # per band: the leads, grouped by bucket (ascending within one), and where each starts
    for band in range(bands):
        part = np.ascontiguousarray(values[:, band * rows : (band + 1) * rows])
        keys = part.view(np.dtype((np.void, part.itemsize * rows))).ravel()
        _, bucket[band] = np.unique(keys, return_inverse=True)
        order = np.argsort(bucket[band], kind="stable")
        starts = np.searchsorted(bucket[band][order], np.arange(bucket[band].max() + 2))
        members.append((order, starts))
    found: list[tuple[int, int]] = []
    for i in np.flatnonzero(is_fresh).tolist():
        shared = [
            order[starts[bucket[band, i]] : starts[bucket[band, i] + 1]]
            for band, (order, starts) in enumerate(members)
        ]
        others = np.unique(np.concatenate(shared))
        # a pair of two fresh leads is met from its first; one of a fresh and a settled lead, from the fresh
        others = others[(others > i) | ~is_fresh[others]]
        alike = (values[others] == values[i]).mean(axis=1) >= MIN_SIGNATURE_SHARE
        pairs = ((min(i, j), max(i, j)) for j in others[alike].tolist())
        if fresh is None:
            yield from pairs
        else:
            found += pairs
    yield from sorted(found)


def _copies(a: Article, b: Article, leads: tuple[str, str]) -> float | None:
    """The whole-text similarity of two articles from different outlets whose leads are alike, else None."""
    if a.outlet == b.outlet or fuzz.ratio(*leads, score_cutoff=MIN_LEAD_RATIO) < MIN_LEAD_RATIO:
        return None
    whole = fuzz.ratio(a.text, b.text, score_cutoff=MIN_TEXT_RATIO)
    return whole if whole >= MIN_TEXT_RATIO else None


class Settled(NamedTuple):
    """What an earlier search found among some of the articles (`settled`, by id, each unchanged since):
    the groups (the ids of each, all settled), with their similarity, of the settled articles whose
    group holds none but settled articles. The other articles are compared with every article, and those
    settled are not compared again with each other: the groups are those a search of all of them finds.
    (An article that changed or left unsettles the group it was in: the group may part without it.)"""

    settled: Collection[str]
    groups: Sequence[tuple[Sequence[str], float]]


def find_syndicated(
    articles: Sequence[Article], sign: Signer = lead_signatures, settled: Settled | None = None
) -> list[SyndicatedCopy]:
    """Groups of articles from different outlets that carry the same story, the earliest first. `sign`
    signs the leads; with `settled`, only the pairs that hold an article added since are tested (article
    ids must then be unique)."""
    pool = [a for a in articles if in_pool(a)]
    if len(pool) < 2:
        return []
    leads = [lead_of(a) for a in pool]
    parent = list(range(len(pool)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    fresh: set[int] | None = None
    known: dict[frozenset[str], float] = {}
    if settled is not None:
        position = {a.id: k for k, a in enumerate(pool)}
        for ids, score in settled.groups:
            known[frozenset(ids)] = score
            for other in ids[1:]:
                if root(position[other]) != root(position[ids[0]]):
                    parent[root(position[other])] = root(position[ids[0]])
        fresh = {k for k, a in enumerate(pool) if a.id not in settled.settled}
    for i, j in sorted_candidates(leads, sign, fresh):
        if root(i) != root(j) and _copies(pool[i], pool[j], (leads[i], leads[j])) is not None:
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(pool)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        if len(members) < 2:
            continue
        similarity = known.get(frozenset(pool[k].id for k in members))
        if similarity is None:  # its least alike pair of copies, every pair of the group tested
            similarity = round(min(_scores(pool, leads, members)), 1)
        ordered = sorted((pool[k] for k in members), key=_sort_key)
        found.append(
            SyndicatedCopy(
                original=ordered[0].id,
                copies=[a.id for a in ordered[1:]],
                outlets=list(dict.fromkeys(a.outlet for a in ordered)),
                similarity=similarity,
            )
        )
    return sorted(found, key=lambda g: g.original)


def _scores(pool: Sequence[Article], leads: Sequence[str], members: Sequence[int]) -> list[float]:
    """The whole-text similarity of every pair of copies in a group."""
    pairs = combinations(members, 2)
    return [s for i, j in pairs if (s := _copies(pool[i], pool[j], (leads[i], leads[j]))) is not None]


def count_once(claims: Sequence[Claim], groups: Sequence[SyndicatedCopy]) -> list[Claim]:
    """The claims to judge: a copy's claims that repeat its original are set aside, and the original's
    claim lists the outlets that carried it."""
    copy_of = {c: g for g in groups for c in g.copies}
    originals = {g.original: g for g in groups}

    def key(c: Claim) -> tuple[str, str | None, str | None]:
        return c.text, c.counted_lemma, c.predicate

    in_original: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for c in claims:
        if c.article_id in originals:
            in_original.setdefault(c.article_id, set()).add(key(c))
    carried: dict[tuple[str, tuple[str, str | None, str | None]], list[str]] = {}
    kept = []
    for c in claims:
        group = copy_of.get(c.article_id)
        if group is not None and key(c) in in_original.get(group.original, set()):
            carried.setdefault((group.original, key(c)), []).append(c.outlet)
            continue
        kept.append(c)
    return [
        c.model_copy(update={"carried_by": list(dict.fromkeys(carried[(c.article_id, key(c))]))})
        if (c.article_id, key(c)) in carried
        else c
        for c in kept
    ]


def entities_once(claims: Sequence[EntityClaim], groups: Sequence[SyndicatedCopy]) -> list[EntityClaim]:
    """Entity claims to judge: a copy's entity claims that repeat its original are set aside."""
    copy_of = {c: g.original for g in groups for c in g.copies}
    in_original = {(c.article_id, c.text, c.relation) for c in claims}
    return [
        c
        for c in claims
        if c.article_id not in copy_of or (copy_of[c.article_id], c.text, c.relation) not in in_original
    ]
