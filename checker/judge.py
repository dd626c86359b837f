"""Judgement: within a cluster of claims about one fact, figures that cannot both be true.

Each article speaks once per fact (its first mention), so an article that repeats a figure does not
count twice, and two figures from the same article are never a finding on their own. When several
sources agree and one differs, the finding names the majority figure, how many sources carry it,
and the outliers.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.intervals import compatible, judged_interval, rule_for
from checker.models import Claim, ClaimCluster, Finding, FindingKind, MajorityFigure, Severity
from checker.options import CheckOptions
from checker.units import base_scale

#: relative gap between majority and outlier above which a conflict is high severity
HIGH_SEVERITY_GAP = 0.2


def _first_mentions(cluster: ClaimCluster) -> list[Claim]:
    firsts: dict[str, Claim] = {}
    for claim in sorted(cluster.claims, key=lambda c: c.start):
        firsts.setdefault(claim.article_id, claim)
    return sorted(firsts.values(), key=lambda c: cluster.claims.index(c))


def _fact_label(claims: Sequence[Claim]) -> str:
    c = claims[0]
    thing = c.counted or c.quantity.dimension
    return f"{thing} ({c.predicate})" if c.predicate else thing


def _majority(claims: list[Claim], options: CheckOptions) -> tuple[Claim, list[Claim]]:
    """The claim compatible with the most sources (earliest wins ties) and the claims it rules out."""

    def support(c: Claim) -> int:
        return sum(compatible(c.quantity, o.quantity, options) for o in claims)

    best = max(claims, key=lambda c: (support(c), -claims.index(c)))
    return best, [c for c in claims if not compatible(best.quantity, c.quantity, options)]


def _outlets(claims: Sequence[Claim]) -> str:
    return ", ".join(dict.fromkeys(c.outlet for c in claims))


def _count_outlets(claims: Sequence[Claim]) -> int:
    return len({c.outlet for c in claims})


def _severity(majority: Claim, outliers: Sequence[Claim]) -> Severity:
    base = abs(majority.quantity.value) or 1.0
    gap = max(abs(o.quantity.value - majority.quantity.value) / base for o in outliers)
    return Severity.HIGH if gap > HIGH_SEVERITY_GAP else Severity.MEDIUM


def _reason(
    fact: str, majority: Claim, agreeing: list[Claim], outliers: list[Claim], options: CheckOptions
) -> str:
    o = outliers[0]
    converting = majority.quantity.unit != o.quantity.unit
    scale = base_scale(majority.quantity.unit)
    a_int = judged_interval(majority.quantity, options, converting=converting).in_unit(scale)
    b_int = judged_interval(o.quantity, options, converting=converting).in_unit(scale)
    unit = (
        f" {majority.quantity.unit}"
        if majority.quantity.unit and majority.quantity.dimension != "count"
        else ""
    )
    others = "; ".join(f"'{x.text}' ({x.outlet})" for x in outliers)
    rule = rule_for(majority.quantity, o.quantity)
    n = _count_outlets(agreeing)
    return (
        f"Same fact: {fact}. '{majority.text}' in {n} outlet(s) ({_outlets(agreeing)}) "
        f"vs {others}: {a_int.describe()}{unit} and {b_int.describe()}{unit} do not overlap ({rule})."
    )


def judge_cluster(cluster: ClaimCluster, options: CheckOptions) -> Finding | None:
    claims = _first_mentions(cluster)
    if len({c.article_id for c in claims}) < 2:
        return None
    majority, outliers = _majority(claims, options)
    if not outliers:
        return None
    agreeing = [c for c in claims if c not in outliers]
    fact = _fact_label(claims)
    return Finding(
        kind=FindingKind.CONFLICT,
        severity=_severity(majority, outliers),
        reason=_reason(fact, majority, agreeing, outliers, options),
        fact=fact,
        claims=claims,
        majority=MajorityFigure(
            text=majority.text, value=majority.quantity.value, sources=_count_outlets(agreeing)
        )
        if _count_outlets(agreeing) > 1
        else None,
        outliers=[c.id for c in outliers],
        cluster_id=cluster.id,
    )


def judge_clusters(clusters: Sequence[ClaimCluster], options: CheckOptions) -> list[Finding]:
    findings = [f for f in (judge_cluster(c, options) for c in clusters) if f is not None]
    return [f for f in findings if f.kind in options.kinds]
