"""Clustering: claims about the same fact across articles.

Claims are blocked first (by what they count or the dimension they measure, then by publication date)
so the cost grows with the size of the largest block, not the archive. Inside a block, claims are
joined by the similarity of their masked context (average linkage), under constraints that no
similarity can override:
- a part never meets its whole, a per-party figure never meets a total, a change never meets a level;
- different measured things, events, times, actors, people (ages) or places never meet, nor the count
  of a stretch and of the whole ("his first 17 passes", "completed 28 passes"), nor two stretches of
  different lengths unless told in the same words;
- the size of one thing never meets an amount, lengths from different places never meet, and a time
  counted back from the day of writing ('eight days ago') meets others only in dated reports, and the
  cash part of a price never meets the whole, nor revenue R&D spending (`checker.measures`);
- claims further apart than the date window, or of different stories (`checker.stories`), never meet;
- measured figures an order of magnitude apart never meet, nor counts twenty times apart;
- two incompatible figures from one article are two facts, and so are two statistics lines that
  disagree on every other kind of figure they share (`checker.cofigures`);
- a claim whose article holds a different figure that only the article keeps apart from it meets no
  different figure elsewhere, unless the two are told in the same words.
Measures (durations, lengths, money) are joined at a lower similarity than counts: their dimension,
magnitude and measured thing already narrow them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from itertools import combinations, pairwise
from typing import Protocol, TypeVar

import numpy as np
from rapidfuzz import fuzz

from checker.claimants import party
from checker.cofigures import SentenceFigures, others_disagree, sentence_figures
from checker.embedding import SentenceEncoder
from checker.entities import surname_match
from checker.frames import PROPER_NOUN, days_apart, predicate_classes
from checker.gazetteer import fold, strip_article
from checker.intervals import compatibility_matrix, compatible
from checker.measures import Wording, wording, wording_differs
from checker.models import Claim, ClaimCluster
from checker.options import CheckOptions
from checker.places import place_candidates, places_conflict
from checker.stories import Stories
from checker.units import to_base

#: distance given to pairs that must never share a cluster (cosine distances lie in [0, 2])
CANNOT_LINK = 10.0
#: similarity added when two claims name one event ("release" and "swap"): the frame agrees where
#: the wording of the rest of the sentence does not
SAME_PREDICATE_BONUS = 0.2
#: measured figures this many times apart describe different things (a three-year war, a two-hour
#: meeting), never a typo of one another
MAX_MEASURE_RATIO = 10.0
#: counts this many times apart are different facts (three killed in one strike, 640 in the war), never
#: a slip of one another: a dropped or doubled digit makes ten times, not twenty
MAX_COUNT_RATIO = 20.0


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


def _orders_apart(a: Claim, b: Claim) -> bool:
    if a.quantity.dimension == "count":
        x, y = abs(a.quantity.value), abs(b.quantity.value)
        return min(x, y) > 0 and max(x, y) / min(x, y) > MAX_COUNT_RATIO
    x, y = abs(to_base(a.quantity.value, a.quantity.unit)), abs(to_base(b.quantity.value, b.quantity.unit))
    return min(x, y) > 0 and max(x, y) / min(x, y) > MAX_MEASURE_RATIO


def _events_differ(a: Claim, b: Claim) -> bool:
    """Counts of different events are different facts: drones shot down vs drones launched."""
    if a.quantity.dimension != "count" or not a.frame.predicate or not b.frame.predicate:
        return False
    ca, cb = predicate_classes(a.frame.predicate.norm), predicate_classes(b.frame.predicate.norm)
    return bool(ca) and bool(cb) and not ca & cb


def _times_differ(a: Claim, b: Claim) -> bool:
    """Figures about days or nights that do not meet: last night's drones are not tonight's; nor is a
    total since a day ('500 drones since Monday') the count of one day ('50 drones on Monday')."""
    ta, tb = a.frame.time, b.frame.time
    if ta is None or tb is None:
        return False
    return not ta.overlaps(tb) or ta.running != tb.running


def _actors_differ(a: Claim, b: Claim) -> bool:
    """Two named people, or two countries, doing the counted thing are two facts: one player's assists
    are not another's, and drones Russia launched are not drones Ukraine launched. A surname the
    recognizer missed ('Jones has 193 yards') is still a name: names sharing no word, however spelt
    (Zelensky, Zelenskyy), are two people."""
    x, y = a.frame.actor, b.frame.actor
    if x is None or y is None:
        return False
    if x.label == y.label == "PERSON":
        return not surname_match(x.norm.split()[-1], y.norm.split()[-1])
    if {x.label, y.label} <= {"PERSON", PROPER_NOUN}:
        return not any(surname_match(u, v) for u in x.norm.split() for v in y.norm.split())
    if x.label != y.label:
        return False
    if x.label in {"GPE", "NORP"}:
        sides = party(x), party(y)
        return all(s is not None and len(s) == 2 for s in sides) and sides[0] != sides[1]
    return False


def _people_differ(a: Claim, b: Claim) -> bool:
    """An age is a fact about one person: it meets only an age of the person or noun it describes
    ('Reid, 33' and 'Tara Reid, 34'; 'a 29-year-old man' and 'a 31-year-old man'), never a friend's age
    or a span of years."""
    if not (a.quantity.age or b.quantity.age):
        return False
    x, y = a.frame.counted, b.frame.counted
    if a.quantity.age != b.quantity.age or x is None or y is None:
        return True
    return x.norm.lower().split()[-1:] != y.norm.lower().split()[-1:]


#: place names the gazetteer does not know are one place when they share a word, however spelt
#: (rapidfuzz partial token set ratio): 'the Jabaliya school' and 'Jabaliya refugee camp' are, and
#: 'Takengon' and 'Central Aceh district' are not
PLACE_NAME_MIN_RATIO = 90


def _places_differ(a: Claim, b: Claim) -> bool:
    """Figures placed in places that neither equal nor contain each other are two facts: people killed
    in Gaza City are not people killed at Mount Cook, nor in the Jabaliya refugee camp."""
    x, y = a.frame.place, b.frame.place
    if x is None or y is None:
        return False
    if places_conflict(x.text, y.text):
        return True
    if place_candidates(x.text) and place_candidates(y.text):
        return False  # the gazetteer knows both: they agree or it cannot tell
    names = [strip_article(fold(p.text)) for p in (x, y)]
    return fuzz.partial_token_set_ratio(*names) < PLACE_NAME_MIN_RATIO


#: sentences at least this alike, figure masked (rapidfuzz ratio), tell one fact in one wording
TOLD_ALIKE_RATIO = 85


def told_alike(a: Claim, b: Claim) -> bool:
    """Two sentences that differ in little but the figure: a copy of one report, or its misprint."""
    masked = [f"{c.sentence_before}#{c.sentence_after}".lower() for c in (a, b)]
    return a.article_id != b.article_id and fuzz.ratio(*masked) >= TOLD_ALIKE_RATIO


def _stretches_differ(a: Claim, b: Claim, x: Wording, y: Wording) -> bool:
    """'their first two drives' and 'four of their first five drives': a stretch's figure is its length,
    so two lengths are two stretches, unless told in the same words (then one is a misprint)."""
    return (
        x.span is not None
        and x.span == y.span
        and a.quantity.value != b.quantity.value
        and not told_alike(a, b)
    )


def same_event(a: Claim, b: Claim) -> bool:
    """Both claims name an event and the events are of one class ('swap' and 'hand over')."""
    if not a.frame.predicate or not b.frame.predicate:
        return False
    if a.frame.predicate.norm == b.frame.predicate.norm:
        return True
    return bool(predicate_classes(a.frame.predicate.norm) & predicate_classes(b.frame.predicate.norm))


def cannot_link(
    a: Claim,
    b: Claim,
    options: CheckOptions,
    *,
    agree: bool | None = None,
    words: tuple[Wording, Wording] | None = None,
) -> bool:
    """Pairs no similarity may join; `agree` is `compatible(a, b)` and `words` the two claims'
    `measures.wording` when the caller has them already."""
    agrees = compatible(a.quantity, b.quantity, options) if agree is None else agree
    if a.article_id == b.article_id and not agrees:
        return True
    if a.part_of_larger != b.part_of_larger or a.distributive != b.distributive:
        return True
    if a.quantity.change != b.quantity.change:
        return True
    if a.published and b.published and days_apart(a.published, b.published) > options.date_window_days:
        return True
    x, y = words or (wording(a), wording(b))
    return (
        _orders_apart(a, b)
        or _events_differ(a, b)
        or _times_differ(a, b)
        or _actors_differ(a, b)
        or _people_differ(a, b)
        or _places_differ(a, b)
        or wording_differs(a, b, x, y)
        or _stretches_differ(a, b, x, y)
    )


def _link(distance: np.ndarray, threshold: float, method: str) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    condensed = squareform(distance, checks=False)
    return np.asarray(fcluster(linkage(condensed, method=method), t=threshold, criterion="distance"))


def constrained_groups(distance: np.ndarray, forbidden: np.ndarray, threshold: float) -> list[list[int]]:
    """Average linkage under cannot-link constraints: a group holding a forbidden pair is split again
    with complete linkage, which never joins a pair further apart than the threshold."""
    distance = distance.copy()
    distance[forbidden] = CANNOT_LINK
    np.fill_diagonal(distance, 0.0)
    if len(distance) < 2:
        return [list(range(len(distance)))]
    labels = _link(distance, threshold, "average")
    groups: list[list[int]] = []
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        if forbidden[np.ix_(idx, idx)].any():
            sub = _link(distance[np.ix_(idx, idx)], threshold, "complete")
            groups += [[int(idx[k]) for k in np.flatnonzero(sub == s)] for s in np.unique(sub)]
        else:
            groups.append([int(k) for k in idx])
    return groups


def _cluster_segment(
    claims: list[Claim],
    vectors: np.ndarray,
    options: CheckOptions,
    stories: Stories,
    figures: SentenceFigures,
) -> list[tuple[list[Claim], dict[str, float]]]:
    n = len(claims)
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    agree = compatibility_matrix([c.quantity for c in claims], options)
    forbidden = np.zeros((n, n), dtype=bool)
    words = [wording(c) for c in claims]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = claims[i], claims[j]
            if (
                stories.apart(a.article_id, b.article_id)
                or cannot_link(a, b, options, agree=bool(agree[i, j]), words=(words[i], words[j]))
                or (not agree[i, j] and others_disagree(a, b, figures, options))
            ):
                forbidden[i, j] = forbidden[j, i] = True
    same_verb = np.array([[same_event(a, b) for b in claims] for a in claims])
    distance = np.where(same_verb, np.maximum(distance - SAME_PREDICATE_BONUS, 0.0), distance)
    counts = claims[0].quantity.dimension == "count"
    threshold = 1.0 - (options.min_similarity if counts else options.min_similarity_measures)
    vague = _ambiguous(claims, distance, agree, threshold, options, words)
    loose = ~agree & ~forbidden & (vague[:, None] | vague[None, :])
    for i, j in zip(*np.nonzero(np.triu(loose)), strict=True):
        if not told_alike(claims[i], claims[j]):
            forbidden[i, j] = forbidden[j, i] = True
    distance[forbidden] = CANNOT_LINK
    np.fill_diagonal(distance, 0.0)
    groups = constrained_groups(distance, forbidden, threshold)
    merged = _merge_agreeing(groups, agree, distance, forbidden, options)
    raw = vectors @ vectors.T
    return [
        (
            [claims[k] for k in group],
            {
                "|".join(sorted((claims[i].id, claims[j].id))): round(float(raw[i, j]), 4)
                for i in group
                for j in group
                if i < j
            },
        )
        for group in merged
    ]


def _ambiguous(
    claims: list[Claim],
    distance: np.ndarray,
    agree: np.ndarray,
    threshold: float,
    options: CheckOptions,
    words: list[Wording],
) -> np.ndarray:
    """Claims whose frame does not single out one fact even in their own article.

    When an article gives two different figures that nothing but the article itself keeps apart (a
    recap's 364 yards and 101 yards, both 'yards' gained in the game), the frame is too coarse to say
    which fact another outlet's figure is about, so a different figure elsewhere is no evidence of a
    conflict unless it is told in the same words (`told_alike`). Such claims still join figures they
    agree with.
    """
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_article[claim.article_id].append(i)
    vague = np.zeros(len(claims), dtype=bool)
    for members in by_article.values():
        for i, j in combinations(members, 2):
            if (
                not agree[i, j]
                and distance[i, j] <= threshold
                and not cannot_link(claims[i], claims[j], options, agree=True, words=(words[i], words[j]))
            ):
                vague[i] = vague[j] = True
    return vague


def _representative(group: list[int], agree: np.ndarray) -> int:
    """The member compatible with the most others (the earliest on ties)."""
    support = agree[np.ix_(group, group)].sum(axis=1)
    return group[int(np.argmax(support))]


def _merge_agreeing(
    groups: list[list[int]],
    agree: np.ndarray,
    distance: np.ndarray,
    forbidden: np.ndarray,
    options: CheckOptions,
) -> list[list[int]]:
    """Join groups whose figures agree and of which some two claims are loosely similar.

    Joining agreeing reports cannot create a conflict; it gathers every source of a fact under one
    finding, however differently each outlet phrased it: one loose link between the groups suffices.
    """
    limit = 1.0 - options.merge_similarity
    groups = [list(g) for g in groups]
    a = 0
    while a < len(groups):
        b = a + 1
        while b < len(groups):
            ga, gb = groups[a], groups[b]
            block = np.ix_(ga, gb)
            joinable = not forbidden[block].any() and distance[block].min() <= limit
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

    `stories` (from `checker.stories.group_stories`) keeps claims of different stories, and of undated
    articles naming different years, apart; without it the whole archive is one story.
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
    vectors = unique[[position[c.context] for c in todo]]
    row = {c.id: i for i, c in enumerate(todo)}
    clusters: list[ClaimCluster] = []
    for key, seg in segments:
        seg_vectors = vectors[[row[c.id] for c in seg]]
        for group, similarity in _cluster_segment(seg, seg_vectors, options, stories, figures):
            if len({c.article_id for c in group}) >= 2:
                group.sort(
                    key=lambda c: (c.published.replace(tzinfo=None) if c.published else datetime.min, c.id)
                )
                clusters.append(
                    ClaimCluster(
                        id=f"{key}#{len(clusters) + 1}", block=key, claims=group, similarity=similarity
                    )
                )
    return clusters
