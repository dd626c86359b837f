"""Entity conflicts: the same slot of the same event filled with places that cannot both be right.

Entity claims are canonicalized across the archive (spelling and transliteration variants are one
entity), blocked by relation and event class, clustered by the similarity of their masked sentences
under the constraint that different days never meet, and judged with offline geography: a city and
the country that contains it agree, a place the gazetteer does not know never conflicts, and a claim
that conflicts with no other (a country containing both cities) is left out of the finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from checker.claims.entity_claims import LOCATION, ROLE
from checker.claims.frames import predicate_classes
from checker.entities.names import EntityIndex
from checker.entities.places import places_agree, places_conflict
from checker.judge.reasons import describe_shared
from checker.match.cluster import constrained_groups, date_segments
from checker.match.embedding import SentenceEncoder
from checker.match.stories import Stories
from checker.models import EntityClaim, Finding, FindingKind, MajorityFigure, Severity, reading_order
from checker.options import CheckOptions


def _block(claim: EntityClaim) -> str:
    """Location claims meet within an event class; a journey's destination is one slot whatever the
    words for the vessel ('the ship', 'the Dali', 'it')."""
    if claim.relation != LOCATION:
        return claim.relation
    classes = sorted(predicate_classes(claim.subject.norm))
    return f"{claim.relation}:{classes[0] if classes else claim.subject.norm}"


def canonicalized(claims: Sequence[EntityClaim], index: EntityIndex | None = None) -> list[EntityClaim]:
    """Claims with archive-wide canonical names: 'Kiev' and 'Kyiv' become one. The index is built from
    `claims`, or is `index` when they are only part of the archive (a tile: `checker.engines.tiled`)."""
    if index is None:
        index = EntityIndex((c.text, c.label) for c in claims)
    return [c.model_copy(update={"canonical": index.canonical(c.text, c.label)}) for c in claims]


def _times_apart(a: EntityClaim, b: EntityClaim) -> bool:
    return a.time is not None and b.time is not None and not a.time.overlaps(b.time)


def _leading(claims: list[EntityClaim], group: list[int]) -> str:
    """The place most of a group's claims agree with."""
    names = [claims[i].canonical for i in group]
    return max(names, key=lambda n: (sum(places_agree(n, o) for o in names), -names.index(n)))


def _clusters(
    claims: list[EntityClaim], vectors: np.ndarray, options: CheckOptions, stories: Stories
) -> list[list[int]]:
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    forbidden = np.array(
        [[_times_apart(a, b) or stories.apart(a.article_id, b.article_id) for b in claims] for a in claims],
        dtype=bool,
    )
    groups = constrained_groups(distance, forbidden, 1.0 - options.min_similarity_entities)
    # gather every source of the event's place: groups whose places agree join at a loose link
    merged = True
    while merged:
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                block = np.ix_(groups[a], groups[b])
                if forbidden[block].any() or distance[block].min() > 1.0 - options.merge_similarity:
                    continue
                if places_conflict(_leading(claims, groups[a]), _leading(claims, groups[b])):
                    continue
                groups[a] = groups[a] + groups.pop(b)
                merged = True
                break
            if merged:
                break
    return groups


def _same_occasion(a: EntityClaim, b: EntityClaim) -> bool:
    """Whether two claims are known to be about one occasion: an event's place is contested only
    when both claims date the event to the same day; a journey has one destination whenever told."""
    if a.relation == LOCATION:
        return a.time is not None and b.time is not None and a.time.overlaps(b.time)
    return not _times_apart(a, b)


def _judge(claims: list[EntityClaim], cluster_id: str) -> Finding | None:
    firsts: dict[str, EntityClaim] = {}
    for c in sorted(claims, key=reading_order):  # each article's first claim in its text
        if any(places_conflict(c.canonical, o.canonical) for o in claims if o.article_id != c.article_id):
            firsts.setdefault(c.article_id, c)
    # in the cluster's order, never by offsets compared across articles: a paragraph that leaves one text
    # would reorder them, and with them the fact, the slots and the reason (a store reuses those)
    evidence = sorted(firsts.values(), key=claims.index)
    if len(evidence) < 2:
        return None
    support = Counter(
        c.canonical for c in evidence for o in evidence if places_agree(c.canonical, o.canonical)
    )
    majority_name = max(
        support, key=lambda name: (support[name], -[c.canonical for c in evidence].index(name))
    )
    agreeing_claims = [c for c in claims if places_agree(majority_name, c.canonical)]
    outliers = [
        c
        for c in evidence
        if places_conflict(majority_name, c.canonical)
        and any(_same_occasion(c, o) for o in agreeing_claims if o.article_id != c.article_id)
    ]
    if not outliers:
        return None
    evidence = [c for c in evidence if c in outliers or places_agree(majority_name, c.canonical)]
    agreeing = [c for c in evidence if c not in outliers]
    outlets = len({c.outlet for c in agreeing})
    subject = Counter(c.subject.text for c in evidence).most_common(1)[0][0]
    shared = {"event": " / ".join(dict.fromkeys(c.subject.text for c in evidence))}
    times = [c.time.text for c in evidence if c.time]
    if times:
        shared["time"] = " / ".join(dict.fromkeys(times))
    event = cluster_id.split("#")[0].split(":")[-1]  # the block's event class: 'talks', 'strike'
    fact = f"place of the {event}" if evidence[0].relation == LOCATION else f"destination ({subject})"
    others = "; ".join(f"'{c.text}' ({c.outlet})" for c in outliers)
    majority_words = (
        next(c.text for c in agreeing if c.canonical == majority_name) if agreeing else majority_name
    )
    reason = (
        f"Same slot: {fact} [{describe_shared(shared)}]. '{majority_words}' in {outlets} outlet(s) "
        f"({', '.join(dict.fromkeys(c.outlet for c in agreeing))}) vs {others}: different places, "
        f"neither containing the other (offline gazetteer: {majority_name} vs "
        f"{', '.join(dict.fromkeys(c.canonical for c in outliers))})."
    )
    return Finding(
        kind=FindingKind.ENTITY_CONFLICT,
        severity=Severity.HIGH if outlets > 1 else Severity.MEDIUM,
        reason=reason,
        fact=fact,
        claims=[],
        entity_claims=sorted(evidence, key=lambda c: claims.index(c)),
        majority=MajorityFigure(text=majority_words, value=0.0, sources=outlets) if outlets > 1 else None,
        outliers=[c.id for c in outliers],
        cluster_id=cluster_id,
        shared=shared,
    )


def judge_entity_claims(
    claims: Sequence[EntityClaim],
    encoder: SentenceEncoder,
    options: CheckOptions,
    stories: Stories | None = None,
) -> list[Finding]:
    """Entity-conflict findings over the archive's entity claims (roles are never judged); claims that
    `stories` (`checker.match.stories.group_stories`) keeps apart are never compared."""
    stories = stories or Stories()
    blocks: dict[tuple[int, str], list[EntityClaim]] = defaultdict(list)
    for claim in claims:
        if claim.relation != ROLE:
            blocks[(stories.of(claim.article_id), _block(claim))].append(claim)
    findings: list[Finding] = []
    for (_, key), members in sorted(blocks.items()):
        for segment in date_segments(members, options.date_window_days):
            if len({c.article_id for c in segment}) < 2:
                continue
            vectors = encoder.encode(list(dict.fromkeys(c.context for c in segment)))
            position = {t: i for i, t in enumerate(dict.fromkeys(c.context for c in segment))}
            seg_vectors = vectors[[position[c.context] for c in segment]]
            for k, group in enumerate(_clusters(segment, seg_vectors, options, stories)):
                finding = _judge([segment[i] for i in group], f"{key}#{k + 1}")
                if finding is not None:
                    findings.append(finding)
    return findings
