"""Judgement: within a cluster of claims about one fact, what an editor should make of them.

Each article speaks once per fact (its first mention), so an article that repeats a figure does not
count twice, and two figures from the same article are never a finding on their own. A measure needs
more than a shared verb to be one fact: what it measures, who, where or when, or one wording. Figures that
cannot both be true are then told apart by why they differ:
- `revision`: a running total (a death toll, tonnes removed so far) that moves its natural way as
  publication time passes; the latest figure is named.
- `disputed`: each side of the disagreement is attributed to claimants on opposing sides.
- `conflict`: everything else; when several sources agree and one differs, the finding names the
  majority figure, how many sources carry it, and the outliers.
Disagreements that both outlets can be right about are explained away first: figures paired the wrong
way round or worked out from each other (`checker.judge.explained`), and a share beside its whole
(`checker.claims.scopes`). What is left is weighed, not vetoed: each outlier is scored against the agreeing
source most likely to state its fact (`checker.match.confidence`), and kept when the confidence reaches the
threshold (`CheckOptions.min_confidence`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache

from checker.claims.claimants import opposing, party
from checker.claims.frames import natural_direction
from checker.claims.measures import birthday_explained, elapsed_explained
from checker.claims.scopes import nested
from checker.judge.explained import Mentions, crossed, worked_out
from checker.judge.reasons import conflict_reason, disputed_reason, fact_label, revision_reason, shared_slots
from checker.match.confidence import default_model, pair_features, story_overlap
from checker.match.constraints import same_event, told_alike
from checker.match.intervals import Agreement, compatibility_table
from checker.match.tallies import already_told, is_tally
from checker.models import Claim, ClaimCluster, Finding, FindingKind, MajorityFigure, Qualifier, Severity
from checker.options import CheckOptions
from checker.tables import load_table

#: relative gap between majority and outlier above which a conflict is high severity
HIGH_SEVERITY_GAP = 0.2


def _first_mentions(cluster: ClaimCluster) -> list[Claim]:
    firsts: dict[str, Claim] = {}
    for claim in sorted(cluster.claims, key=lambda c: c.start):
        firsts.setdefault(claim.article_id, claim)
    return sorted(firsts.values(), key=lambda c: cluster.claims.index(c))


_FIGURES = frozenset({Qualifier.EXACT, Qualifier.APPROXIMATE, Qualifier.RANGE})


def _majority(claims: list[Claim], options: CheckOptions) -> tuple[Claim, list[Claim]]:
    """The claim compatible with the most outlets (then claims; earliest wins ties) and the claims it rules
    out.

    A bound ('more than 70', 'nearly 80') agrees with every figure on its open side, a misreport too,
    so it often has the most support and rules nothing out. When it wins, the figure it agrees with that
    has the most support (exact, approximate or a range) stands for the majority instead."""
    table = compatibility_table([c.quantity for c in claims], options)
    support = table.sum(axis=1)
    # outlets first: one outlet's two reports of a figure are one source, not two
    outlets = [len({claims[j].outlet for j in table[k].nonzero()[0]}) for k in range(len(claims))]

    def rank(k: int) -> tuple[int, int, int]:
        return outlets[k], int(support[k]), -k

    best = max(range(len(claims)), key=rank)
    if claims[best].quantity.qualifier not in _FIGURES:
        figures = [k for k, c in enumerate(claims) if c.quantity.qualifier in _FIGURES and table[best, k]]
        best = max(figures, key=rank, default=best)
    return claims[best], [c for k, c in enumerate(claims) if not table[best, k]]


def _count_outlets(claims: Sequence[Claim]) -> int:
    return len({c.outlet for c in claims})


def _level(agreeing: Sequence[Claim], outliers: Sequence[Claim], options: CheckOptions) -> bool:
    """Whether the figures stand level: none the majority rules out is given by fewer outlets than the
    majority's (one outlet against one, two against two). Nothing then tells which figure is wrong, and a
    desk must not be told it is the later one (the earliest wins ties): every figure is in question."""
    compatible = Agreement(options)
    most = max(_count_outlets([x for x in outliers if compatible(o.quantity, x.quantity)]) for o in outliers)
    return most >= _count_outlets(agreeing)


def _level_severity(claims: Sequence[Claim]) -> Severity:
    """The severity of figures that stand level: the kindest reading, taking each figure in turn for the
    majority, so that it does not hang on which was published first."""
    readings = [_severity(m, [c for c in claims if c is not m]) for m in claims]
    return Severity.MEDIUM if Severity.MEDIUM in readings else Severity.HIGH


def _majority_figure(majority: Claim, agreeing: Sequence[Claim]) -> MajorityFigure:
    return MajorityFigure(text=majority.text, value=majority.quantity.value, sources=_count_outlets(agreeing))


def _severity(majority: Claim, outliers: Sequence[Claim]) -> Severity:
    base = abs(majority.quantity.value) or 1.0
    gap = max(abs(o.quantity.value - majority.quantity.value) / base for o in outliers)
    return Severity.HIGH if gap > HIGH_SEVERITY_GAP else Severity.MEDIUM


def _when(c: Claim) -> datetime:
    """Publication time in UTC (naive), so outlets in different zones order correctly."""
    assert c.published is not None
    offset = c.published.utcoffset()
    naive = c.published.replace(tzinfo=None)
    return naive - offset if offset is not None else naive


def _running_total(claims: Sequence[Claim]) -> str | None:
    """'up' when the claims are about a figure that only grows as a story develops."""
    for c in claims:
        direction = natural_direction(c.frame)
        if direction:
            return direction
    words = load_table("frames.json")["revision_cues"]
    cues = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    if all(cues.search(c.sentence.lower()) for c in claims):
        return "up"
    return None


def _nested(a: Claim, b: Claim, block: str, options: CheckOptions) -> bool:
    """The named rule `nested`: a share beside its whole (`checker.claims.scopes`). Tallies
    (`checker.match.tallies`) are each article's whole toll of one incident: none is another's share."""
    return "nested" not in options.disabled_rules and not is_tally(block) and nested(a, b)


def _as_revision(claims: list[Claim], block: str, options: CheckOptions) -> list[Claim] | None:
    """The claims in publication order when every disagreement is a later figure moving its natural way
    (a share beside a whole is no disagreement: `checker.claims.scopes`)."""
    if any(c.published is None for c in claims):
        return None
    direction = _running_total(claims)
    if direction is None:
        return None
    ordered = sorted(claims, key=_when)
    compatible = Agreement(options)
    moved = False
    for i, early in enumerate(ordered):
        for late in ordered[i + 1 :]:
            if compatible(early.quantity, late.quantity) or _nested(early, late, block, options):
                continue
            if _when(early) == _when(late):
                return None
            grew = late.quantity.value > early.quantity.value
            if grew != (direction == "up"):
                return None
            moved = True
    return ordered if moved else None


#: article id -> the named entities of its parsed sentences
Names = Mapping[str, frozenset[str]]

#: share of named entities (Jaccard) two articles must have in common for their figures to be called
#: in disagreement: two reports of one story name the same people and places, two earthquakes do not
MIN_STORY_OVERLAP = 0.1
#: extra similarity asked of two counts when either names no event: the frame says less
UNNAMED_EVENT_MARGIN = 0.1


def _close(
    cluster: ClaimCluster, outlier: Claim, agreeing: Claim, options: CheckOptions, names: Names
) -> bool:
    """The named rule `closeness`: articles that tell one story (they share named entities), frames that
    read alike, and, for counts, one named event ('shot down' and 'downed'); a count whose event is
    unnamed must read closer still. Weighing these as features alone (the rule switched off) lost
    precision on the unseen ECB+ topics, so the rule stays in front of the confidence for now."""
    if "closeness" in options.disabled_rules:
        return True
    empty: frozenset[str] = frozenset()
    overlap = story_overlap(names.get(outlier.article_id, empty), names.get(agreeing.article_id, empty))
    if is_tally(cluster.block):
        # one outcome of one story: its verbs are one event, however each outlet words it, and outlets
        # name different people of it: a place or a name in common is enough
        return overlap > 0
    if overlap < MIN_STORY_OVERLAP:
        return False
    count = outlier.quantity.dimension == "count"
    floor = options.min_similarity if count else options.min_similarity_measures
    similarity = cluster.similar(outlier, agreeing)
    if not count:
        return similarity >= floor
    if outlier.frame.predicate is None or agreeing.frame.predicate is None:
        return similarity >= floor + UNNAMED_EVENT_MARGIN
    return same_event(outlier, agreeing) and similarity >= floor


def _explained(
    o: Claim, at_odds: Sequence[Claim], block: str, mentions: Mentions, options: CheckOptions
) -> bool:
    """Whether the outlier `o` can be true beside the sources it is at odds with. Figures paired the wrong
    way round or worked out from each other, and a share beside its whole, are explained by one source.
    Time explains a figure ('eight days ago' on Tuesday and 'ten days ago' on Thursday, 26 then 27 years
    old) only when it explains every source: 'after 8 hours of debate' is no earlier stage of the debate
    when reports before it already said nine. Each explanation is a named rule that can be switched off."""
    off = options.disabled_rules
    if any(
        ("crossed" not in off and crossed(o, a, block, mentions, options))
        or ("worked_out" not in off and worked_out(o, a, block, mentions))
        or _nested(o, a, block, options)
        for a in at_odds
    ):
        return True
    timed = [
        ("elapsed" not in off and elapsed_explained(o, a))
        or ("birthday" not in off and birthday_explained(o, a))
        for a in at_odds
    ]
    return bool(timed) and all(timed)


def _scored(
    cluster: ClaimCluster, o: Claim, a: Claim, names: Names, options: CheckOptions
) -> tuple[float, dict[str, float]]:
    features = pair_features(o, a, cluster, names)
    return default_model().score(features, options.disabled_rules), features


def _threshold(options: CheckOptions) -> float:
    return options.min_confidence if options.min_confidence is not None else default_model().threshold


@cache
def _poll_cue() -> re.Pattern[str]:
    words = load_table("context.json")["poll_words"]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def _polled(claims: Sequence[Claim]) -> bool:
    """Percents from polls: each answers its own question of its own sample."""
    if claims[0].quantity.dimension != "percent":
        return False
    return any(_poll_cue().search(c.sentence.lower()) for c in claims)


def _pinned(claims: Sequence[Claim], shared: Mapping[str, str], options: CheckOptions) -> bool:
    """Whether the claims are pinned to one fact: a count by what it counts (its block), a measure by a
    frame slot beside its verb (what is measured, who, where, when, per whom) or by two sentences that
    differ in little but the figure (two that disagree: agreeing copies pin nothing). A measure that
    shares only a verb ('had 400 yards', 'finished with 86 yards') may be anyone's, at any time; poll
    shares are one fact only when credited to one poll or told in one wording. This is what one fact
    means, not evidence to weigh; it is the named rule `unpinned`."""
    if "unpinned" in options.disabled_rules:
        return True
    if _polled(claims):
        named = {c.frame.claimant.norm for c in claims if c.frame.claimant}
        if len(named) == 1 and all(c.frame.claimant for c in claims):
            return True  # one poll, reported by several outlets
    elif claims[0].quantity.dimension == "count" or set(shared) - {"event"}:
        return True
    compatible = Agreement(options)
    return any(
        told_alike(claims[i], claims[j])
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
        if not compatible(claims[i].quantity, claims[j].quantity)
    )


def _revision_confidence(
    ordered: list[Claim], cluster: ClaimCluster, names: Names, options: CheckOptions
) -> tuple[float, dict[str, float]]:
    """A revision is as sure as its surest step: the best-scored pair of a later figure that moved."""
    best: tuple[float, dict[str, float]] = (0.0, {})
    compatible = Agreement(options)
    for i, early in enumerate(ordered):
        for late in ordered[i + 1 :]:
            if compatible(early.quantity, late.quantity):
                continue
            scored = _scored(cluster, late, early, names, options)
            best = max(best, scored, key=lambda s: s[0])
    return best


def judge_cluster(
    cluster: ClaimCluster,
    options: CheckOptions,
    names: Names | None = None,
    mentions: Mentions | None = None,
) -> Finding | None:
    """The finding a cluster makes, if any, with its confidence; `names` maps article ids to their
    named entities and `mentions` gives every figure an article states in a block."""
    names = names or {}
    mentions = mentions or {}
    claims = _first_mentions(cluster)
    if len({c.article_id for c in claims}) < 2:
        return None
    majority, outliers = _majority(claims, options)
    if not outliers:
        return None
    agreeing = [c for c in claims if c not in outliers]
    threshold = _threshold(options)
    ordered = _as_revision(claims, cluster.block, options)
    if ordered is not None:
        confidence, evidence = _revision_confidence(ordered, cluster, names, options)
        fact, shared = fact_label(ordered), shared_slots(ordered)
        if confidence < threshold or not _pinned(ordered, shared, options):
            return None
        return Finding(
            kind=FindingKind.REVISION,
            severity=Severity.LOW,
            reason=revision_reason(fact, shared, ordered),
            fact=fact,
            claims=ordered,
            latest=ordered[-1].id,
            cluster_id=cluster.id,
            shared=shared,
            confidence=round(confidence, 4),
            evidence=evidence,
        )
    # a disagreement is only as strong as its closest pair: each outlier is scored against the close
    # agreeing sources it most likely shares a fact with, unless it can be true beside them (`_explained`)
    scored: dict[str, tuple[float, dict[str, float]]] = {}
    compatible = Agreement(options)
    for o in outliers:
        # only a source that disagrees with the outlier needs explaining ('more than 70' beside 112
        # agrees, and explains nothing)
        at_odds = [a for a in agreeing if not compatible(o.quantity, a.quantity)]
        if _explained(o, at_odds, cluster.block, mentions, options):
            continue
        pairs = [
            _scored(cluster, o, a, names, options) for a in agreeing if _close(cluster, o, a, options, names)
        ]
        best = max(pairs, key=lambda s: s[0], default=(0.0, {}))
        if pairs and best[0] >= threshold:
            scored[o.id] = best
    outliers = [o for o in outliers if o.id in scored]
    if not outliers:
        return None
    confidence, evidence = max(scored.values(), key=lambda s: s[0])
    claims = [c for c in claims if c in agreeing or c in outliers]
    fact = fact_label(claims)
    shared = shared_slots(claims)
    if not _pinned(claims, shared, options):
        return None
    sides = [agreeing, outliers]
    if opposing([[party(c.frame.claimant) for c in side] for side in sides]):
        return Finding(
            kind=FindingKind.DISPUTED,
            severity=Severity.MEDIUM,
            reason=disputed_reason(fact, shared, sides, options),
            fact=fact,
            claims=claims,
            outliers=[c.id for c in outliers],
            cluster_id=cluster.id,
            shared=shared,
            confidence=round(confidence, 4),
            evidence=evidence,
        )
    level = _level(agreeing, outliers, options)
    return Finding(
        kind=FindingKind.CONFLICT,
        severity=_level_severity(claims) if level else _severity(majority, outliers),
        reason=conflict_reason(fact, shared, majority, agreeing, outliers, options, level),
        fact=fact,
        claims=claims,
        majority=None if level else _majority_figure(majority, agreeing),
        outliers=[c.id for c in (claims if level else outliers)],
        cluster_id=cluster.id,
        shared=shared,
        confidence=round(confidence, 4),
        evidence=evidence,
    )


def judge_clusters(
    clusters: Sequence[ClaimCluster],
    options: CheckOptions,
    *,
    names: Names | None = None,
    mentions: Mentions | None = None,
) -> list[Finding]:
    """Findings over clusters; `names` and `mentions` come from the pipeline (see `judge_cluster`). A tally
    finding (`checker.match.tallies`) whose disagreement a finding of similarity already holds is left
    out (`already_told`): one disagreement, reported once."""
    findings = [f for f in (judge_cluster(c, options, names, mentions) for c in clusters) if f is not None]
    told = [frozenset(c.id for c in f.claims) for f in findings if not is_tally(f.cluster_id)]
    findings = [f for f in findings if not (is_tally(f.cluster_id) and already_told(f, told))]
    return [f for f in findings if f.kind in options.kinds]
