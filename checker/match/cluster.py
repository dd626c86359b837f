"""Clustering: claims about the same fact across articles.

Claims are blocked first (by what they count or the dimension they measure, then by publication date)
so the cost grows with the size of the largest block, not the archive. Inside a block, claims are
joined by the similarity of their masked context (average linkage), under constraints that no
similarity can override (`checker.match.constraints`), and one more that needs the whole block: two statistics
lines that disagree on every other kind of figure they share never meet (`checker.match.cofigures`). Claims of
different stories (`checker.match.stories`) are in different blocks. Measures (durations, lengths, money) are
joined at a lower similarity than counts: their dimension, magnitude and measured thing already narrow
them. The constraints of a segment are asked of all its pairs (`constraints.cannot_link_matrix`): each rule
once per pair of distinct values it reads, and only of pairs no earlier rule kept apart, a block of rows
at a time (`checker.match.rowblocks`), and the distances are kept condensed (each pair i < j once, as
linkage takes them) and changed in place: a segment of thousands of claims costs its condensed distances
twice while linkage works (it copies them) and a few boolean matrices, not square float64 matrices,
index arrays of all its pairs and copies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from itertools import combinations, pairwise
from typing import Protocol, TypeVar

import numpy as np
from rapidfuzz import fuzz

from checker.claims.frames import natural_direction
from checker.claims.measures import Wording, wording
from checker.match.cofigures import (
    MIN_SHARED_KINDS,
    SentenceFigures,
    kinded_others,
    others_disagree,
    sentence_figures,
)
from checker.match.constraints import (
    TOLD_ALIKE_RATIO,
    cannot_link,
    cannot_link_matrix,
    masked_sentence,
    same_event_matrix,
    told_alike,
)
from checker.match.embedding import SentenceEncoder
from checker.match.intervals import compatibility_matrix
from checker.match.rowblocks import (
    condensed_blocks,
    pair_index,
    pick,
    sub_condensed,
    to_condensed,
    upper_where,
)
from checker.match.stories import Stories
from checker.models import Claim, ClaimCluster, reading_order
from checker.options import CheckOptions
from checker.read.dates import days_apart

#: distance given to pairs that must never share a cluster (cosine distances lie in [0, 2])
CANNOT_LINK = 10.0
#: similarity added when two claims name one event ("release" and "swap"): the frame agrees where
#: the wording of the rest of the sentence does not
SAME_PREDICATE_BONUS = 0.2


#: the block of a figure with no counted noun, keyed by its concept
BARE_BLOCK = "about:"


def block_key(claim: Claim) -> str | None:
    """What a claim may be compared with; None when it cannot be compared safely at all."""
    q = claim.quantity
    if q.dimension == "count":
        if claim.counted_lemma:
            return f"count:{claim.counted_lemma}"
        # a bare figure is about its concept ('the new average was 79'), when the sentence names one
        return f"{BARE_BLOCK}{claim.frame.concept.lower()}" if claim.frame.concept else None
    return q.dimension


class _Dated(Protocol):
    @property
    def published(self) -> datetime | None: ...


_D = TypeVar("_D", bound=_Dated)


def date_segments(claims: Sequence[_D], window_days: float) -> list[list[_D]]:
    """Split a block where consecutive publication dates lie further apart than the window.

    Undated claims have no date constraint, so a block holding any stays whole.
    """
    if any(c.published is None for c in claims):
        return [list(claims)]
    ordered = sorted(claims, key=lambda c: c.published.replace(tzinfo=None))  # type: ignore[union-attr]
    segments: list[list[_D]] = [[ordered[0]]]
    for prev, cur in pairwise(ordered):
        assert prev.published is not None and cur.published is not None
        if days_apart(prev.published, cur.published) > window_days:
            segments.append([])
        segments[-1].append(cur)
    return segments


def _labels(condensed: np.ndarray, threshold: float, method: str) -> np.ndarray:
    """Flat clusters of condensed distances, cut at `threshold`."""
    from scipy.cluster.hierarchy import fcluster, linkage

    return np.asarray(fcluster(linkage(condensed, method=method), t=threshold, criterion="distance"))


def constrained_groups(distance: np.ndarray, forbidden: np.ndarray, threshold: float) -> list[list[int]]:
    """Average linkage under cannot-link constraints: a group holding a forbidden pair is split again
    with complete linkage, which never joins a pair further apart than the threshold. Linkage reads
    the cells above the diagonal of `distance` only, so they alone are copied (condensed)."""
    if len(distance) < 2:
        return [list(range(len(distance)))]
    condensed = to_condensed(distance)
    _keep_apart(condensed, forbidden)
    return _split_forbidden(_labels(condensed, threshold, "average"), condensed, forbidden, threshold)


def _keep_apart(condensed: np.ndarray, forbidden: np.ndarray) -> None:
    """Set the condensed distances of the forbidden pairs above the diagonal to `CANNOT_LINK`, in place."""
    for rows, run, cells in condensed_blocks(len(forbidden)):
        condensed[run][forbidden[rows][cells]] = CANNOT_LINK


def _split_forbidden(
    labels: np.ndarray, condensed: np.ndarray, forbidden: np.ndarray, threshold: float
) -> list[list[int]]:
    """The groups of average linkage's `labels`, each holding a forbidden pair split again with complete
    linkage (`constrained_groups`); `condensed` holds the distances linkage was given."""
    groups: list[list[int]] = []
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        if forbidden[np.ix_(idx, idx)].any():
            sub = _labels(sub_condensed(condensed, len(forbidden), idx), threshold, "complete")
            groups += [[int(idx[k]) for k in np.flatnonzero(sub == s)] for s in np.unique(sub)]
        else:
            groups.append([int(k) for k in idx])
    return groups


def _statistics_apart(
    claims: list[Claim],
    agree: np.ndarray,
    forbidden: np.ndarray,
    figures: SentenceFigures,
    options: CheckOptions,
) -> np.ndarray:
    """`others_disagree(a, b)` for the pairs (i < j) of disagreeing figures not kept apart already, asked
    only where it can hold: neither figure a running total, and other figures beside both."""
    free = np.array([natural_direction(c.frame) is None for c in claims])
    others = np.array([kinded_others(c, figures) for c in claims])
    first, second = free & (others >= MIN_SHARED_KINDS), free & (others >= 1)

    def asked(rows: slice) -> np.ndarray:
        return ~agree[rows] & ~forbidden[rows] & first[rows, None] & second[None, :]

    out = np.zeros_like(forbidden)
    for i, j in upper_where(len(claims), asked):
        if others_disagree(claims[i], claims[j], figures, options):
            out[i, j] = out[j, i] = True
    return out


def ambiguous(
    claims: list[Claim],
    condensed: np.ndarray,
    agree: np.ndarray,
    threshold: float,
    options: CheckOptions,
    words: list[Wording],
) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Claims whose frame does not single out one fact even in their own article, and for each of them
    the figures of its article that keep it so (its partners, for `_Rows.rivals`).

    When an article gives two different figures that nothing but the article itself keeps apart (a
    recap's 364 yards and 101 yards, both 'yards' gained in the game), the frame is too coarse to say
    which fact another outlet's figure is about, so a different figure elsewhere is no evidence of a
    conflict unless it is told in the same words (`told_alike`). Such claims still join figures they
    agree with. `condensed` holds the distances of all pairs (i < j, as `squareform` lays them out).
    """
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_article[claim.article_id].append(i)
    n = len(claims)
    vague = np.zeros(n, dtype=bool)
    partners: dict[int, list[int]] = defaultdict(list)
    for members in by_article.values():
        for i, j in combinations(members, 2):  # i < j: members are in order
            if (
                not agree[i, j]
                and condensed[pair_index(n, i, j)] <= threshold
                and not cannot_link(claims[i], claims[j], options, agree=True, words=(words[i], words[j]))
            ):
                vague[i] = vague[j] = True
                partners[i].append(j)
                partners[j].append(i)
    return vague, partners


class _Rows:
    """How alike a segment's claims read as rows of a template: their sentences with the figure masked
    (`masked_sentence`, rapidfuzz ratio). Each sentence is masked once and each pair compared once: a
    wire's table can put hundreds of one article's claims in a segment."""

    def __init__(self, claims: list[Claim], partners: dict[int, list[int]]) -> None:
        self.claims, self.partners = claims, partners
        self.found: dict[int, list[int]] = {}
        self.masked: dict[int, str] = {}
        self.ratios: dict[tuple[int, int], float] = {}

    def _masked(self, i: int) -> str:
        if i not in self.masked:
            self.masked[i] = masked_sentence(self.claims[i])
        return self.masked[i]

    def ratio(self, i: int, j: int) -> float:
        """How alike the two sentences read, figure masked (0 to 100)."""
        key = (i, j) if i < j else (j, i)
        if key not in self.ratios:
            self.ratios[key] = fuzz.ratio(self._masked(i), self._masked(j))
        return self.ratios[key]

    def rivals(self, i: int) -> list[int]:
        """The figures that keep claim i's frame from singling out one fact (`ambiguous`) and that its
        article tells in the same words, in another sentence: the other rows of its template."""
        if i not in self.found:
            at = self.claims[i].sentence_start
            self.found[i] = [
                r
                for r in self.partners.get(i, ())
                if self.claims[r].sentence_start != at and self.ratio(i, r) >= TOLD_ALIKE_RATIO
            ]
        return self.found[i]


def _templated(rows: _Rows, i: int, j: int) -> bool:
    """Whether claim j's sentence, told alike with claim i's, is no more about i's figure than about a
    rival of i that i's article tells in the same words, as another row of a template: j reads no nearer
    to i than to the rival, by half of what sets the two rows apart. Two suspects described in the same
    words ('Described as a black male, 5'11", 160lbs' and '..., 6'02", 200lbs') are two such rows, and
    a third suspect's weight ('5'08", 200lbs') meets neither; a copy of one row ('The SNP won 52 seats
    ...' beside 'The DUP won 40 seats ...') reads that much nearer to it, and meets its figure."""
    own = rows.ratio(j, i)
    return any(rows.ratio(j, r) >= own - (100.0 - rows.ratio(i, r)) / 2 for r in rows.rivals(i))


def _cluster_segment(
    claims: list[Claim],
    vectors: np.ndarray,
    options: CheckOptions,
    figures: SentenceFigures,
) -> list[tuple[list[Claim], dict[str, float], frozenset[str]]]:
    n = len(claims)
    condensed = condensed_distances(vectors)
    agree = compatibility_matrix([c.quantity for c in claims], options)
    words = [wording(c) for c in claims]
    forbidden = cannot_link_matrix(claims, options, agree, words)
    if "others_disagree" not in options.disabled_rules:
        forbidden |= _statistics_apart(claims, agree, forbidden, figures, options)
    _closer_on_same_event(condensed, same_event_matrix(claims))
    counts = claims[0].quantity.dimension == "count"
    threshold = 1.0 - (options.min_similarity if counts else options.min_similarity_measures)
    vague, partners = ambiguous(claims, condensed, agree, threshold, options, words)
    template = _Rows(claims, partners)
    if "ambiguous_frame" not in options.disabled_rules:
        # weighing ambiguity as a feature alone lost precision on the unseen ECB+ topics: it still vetoes
        # as before, every pair is asked from the matrices as they were before this loop: keeping (i, j)
        # apart changes a cell of a block already made and one below the diagonal, never given
        def loose(rows: slice) -> np.ndarray:
            return ~agree[rows] & ~forbidden[rows] & (vague[rows, None] | vague[None, :])

        for i, j in upper_where(n, loose):
            if (
                not told_alike(claims[i], claims[j])
                or _templated(template, i, j)
                or _templated(template, j, i)
            ):
                forbidden[i, j] = forbidden[j, i] = True
    _keep_apart(condensed, forbidden)
    # `constrained_groups` on the distances kept condensed throughout (what linkage reads: the cells
    # above the diagonal), and with the boolean matrices packed to a bit a cell while linkage works on
    # its own copy of the distances: that copy and the condensed distances are the most a segment holds
    packed = np.packbits(agree), np.packbits(forbidden)
    del agree, forbidden, words
    labels = _labels(condensed, threshold, "average")
    agree, forbidden = (np.unpackbits(bits, count=n * n).view(bool).reshape(n, n) for bits in packed)
    del packed
    groups = _split_forbidden(labels, condensed, forbidden, threshold)
    merged = _merge_agreeing(groups, agree, condensed, forbidden, options)
    return [
        (
            [claims[k] for k in group],
            _similarities(claims, vectors, group),
            frozenset(claims[k].id for k in group if vague[k]),
        )
        for group in merged
    ]


def condensed_distances(vectors: np.ndarray) -> np.ndarray:
    """Cosine distances of all pairs i < j, as `squareform` lays them out (1 - similarity, clipped to
    [0, 2]), as float64: linkage at ties depends on it.

    The similarities are worked in place in float32 and widened a block of rows at a time straight into
    the condensed array: the values of `np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)`
    above the diagonal, with no square float64 matrix (204 MB at 5,046 claims). They come from one
    product of the vectors with their transpose, not one a block of rows: numpy makes it a symmetric
    product (BLAS syrk), whose last bits a product of a few rows with all the vectors does not always
    give (OpenBLAS picks its kernel by the shape), and linkage at ties depends on them. The float32
    similarities beside the condensed distances (102 MB each at 5,046 claims) are no more than linkage
    holds: the condensed distances and its own copy of them."""
    similarity = vectors @ vectors.T
    np.subtract(1.0, similarity, out=similarity)
    np.clip(similarity, 0.0, 2.0, out=similarity)
    return to_condensed(similarity, np.float64)


def _closer_on_same_event(condensed: np.ndarray, same_event: np.ndarray) -> None:
    """Bring pairs naming one event `SAME_PREDICATE_BONUS` closer (never below 0), in place, a block of
    rows of the condensed distances at a time."""
    for rows, run, cells in condensed_blocks(len(same_event)):
        distance, where = condensed[run], same_event[rows][cells]
        np.subtract(distance, SAME_PREDICATE_BONUS, out=distance, where=where)
        np.maximum(distance, 0.0, out=distance, where=where)


def _similarities(claims: list[Claim], vectors: np.ndarray, group: list[int]) -> dict[str, float]:
    """The cosine similarity of each pair of a group, keyed by its two claims' ids, from the group's
    own vectors: not a second square matrix of the whole segment. One matrix product of the group's
    rows gives the cells the segment's product gives (checked byte for byte on reports at 1,000 and
    5,000 articles)."""
    members = vectors[group]
    raw = members @ members.T
    return {
        "|".join(sorted((claims[i].id, claims[j].id))): round(float(raw[a, b]), 4)
        for a, i in enumerate(group)
        for b, j in enumerate(group)
        if i < j
    }


def _representative(group: list[int], agree: np.ndarray) -> int:
    """The member compatible with the most others (the earliest on ties)."""
    support = agree[np.ix_(group, group)].sum(axis=1)
    return group[int(np.argmax(support))]


def _merge_agreeing(
    groups: list[list[int]],
    agree: np.ndarray,
    condensed: np.ndarray,
    forbidden: np.ndarray,
    options: CheckOptions,
) -> list[list[int]]:
    """Join groups whose figures agree and of which some two claims are loosely similar (`condensed`:
    the distances of all pairs).

    Joining agreeing reports cannot create a conflict; it gathers every source of a fact under one
    finding, however differently each outlet phrased it: one loose link between the groups suffices.
    """
    n = len(agree)
    limit = 1.0 - options.merge_similarity
    groups = [list(g) for g in groups]
    a = 0
    while a < len(groups):
        b = a + 1
        while b < len(groups):
            ga, gb = groups[a], groups[b]
            block = np.ix_(ga, gb)
            joinable = (
                not forbidden[block].any() and pick(condensed, n, np.array(ga), np.array(gb)).min() <= limit
            )
            if joinable and agree[_representative(ga, agree), _representative(gb, agree)]:
                groups[a] = ga + gb
                del groups[b]
                b = a + 1  # the grown group may now reach groups it could not before
                continue
            b += 1
        a += 1
    return groups


def cluster_claims(
    claims: Sequence[Claim],
    encoder: SentenceEncoder,
    options: CheckOptions,
    stories: Stories | None = None,
) -> list[ClaimCluster]:
    """Clusters of claims from at least two articles; lone claims are left out.

    `stories` (from `checker.match.stories.group_stories`) keeps claims of different stories apart: each story
    is blocked on its own. Without it the whole archive is one story.
    """
    stories = stories or Stories()
    blocks: dict[tuple[int, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        key = block_key(claim)
        if key is not None:
            blocks[(stories.of(claim.article_id), key)].append(claim)
    segments = [
        (key, seg)
        for (_, key), members in sorted(blocks.items())
        for seg in date_segments(members, options.date_window_days)
        if len({c.article_id for c in seg}) >= 2
    ]
    todo = [c for _, seg in segments for c in seg]
    if not todo:
        return []
    figures = sentence_figures(claims)
    texts = list(dict.fromkeys(c.context for c in todo))  # wire copy repeats contexts: encode each once
    unique = encoder.encode(texts)
    position = {t: i for i, t in enumerate(texts)}
    clusters: list[ClaimCluster] = []
    for key, seg in segments:
        # each segment's rows picked from the texts' own: no array of every claim's vector beside them
        seg_vectors = unique[[position[c.context] for c in seg]]
        for group, similarity, vague in _cluster_segment(seg, seg_vectors, options, figures):
            if len({c.article_id for c in group}) >= 2:
                group.sort(
                    key=lambda c: (
                        c.published.replace(tzinfo=None) if c.published else datetime.min,
                        *reading_order(c),
                    )
                )
                clusters.append(
                    ClaimCluster(
                        id=f"{key}#{len(clusters) + 1}",
                        block=key,
                        claims=group,
                        similarity=similarity,
                        ambiguous=vague,
                    )
                )
    return clusters
