"""The other figures a claim's sentence states: evidence of what the claim is about.

A statistics line gives several figures of one subject over one span ("404 yards and two touchdowns on
106 carries"). Two such lines that share two or more kinds of figure besides the claim's own and
disagree on every one of them are about different subjects or spans (another player, another season),
however alike they read; one kind alone may be one outlet's misreport of it. Running totals are left
out: a death toll and an injury count rise together between two reports of one event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checker.claims.frames import natural_direction
from checker.match.intervals import compatible
from checker.models import Claim
from checker.options import CheckOptions

#: kinds of figure two statistics lines must share, all disagreeing, to be two subjects: one alone may
#: be one outlet's misreport of it
MIN_SHARED_KINDS = 2

#: (article id, sentence offset): the figures of one sentence
SentenceKey = tuple[str, int]
SentenceFigures = dict[SentenceKey, list[Claim]]


def sentence_figures(claims: Iterable[Claim]) -> SentenceFigures:
    index: SentenceFigures = defaultdict(list)
    for claim in claims:
        index[(claim.article_id, claim.sentence_start)].append(claim)
    return index


def _kind(claim: Claim) -> str | None:
    q = claim.quantity
    if q.dimension != "count":
        return q.dimension
    return f"count:{claim.counted_lemma}" if claim.counted_lemma else None


def kinded_others(claim: Claim, figures: SentenceFigures) -> int:
    """How many other figures of the claim's sentence are of some kind: `others_disagree(a, b)` needs
    MIN_SHARED_KINDS of them beside `a` and one beside `b`."""
    return sum(
        1
        for x in figures.get((claim.article_id, claim.sentence_start), [])
        if x.id != claim.id and _kind(x) is not None
    )


def others_disagree(a: Claim, b: Claim, figures: SentenceFigures, options: CheckOptions) -> bool:
    """Whether the two sentences share kinds of figure besides the claims' own (at least
    MIN_SHARED_KINDS) and disagree on each."""
    if natural_direction(a.frame) or natural_direction(b.frame):
        return False
    own = {_kind(a), _kind(b), None}
    theirs = [y for y in figures.get((b.article_id, b.sentence_start), []) if y.id != b.id]
    shared = 0
    for x in figures.get((a.article_id, a.sentence_start), []):
        kind = _kind(x)
        if x.id == a.id or kind in own:
            continue
        same_kind = [y for y in theirs if _kind(y) == kind]
        if not same_kind:
            continue
        if any(compatible(x.quantity, y.quantity, options) for y in same_kind):
            return False
        shared += 1
    return shared >= MIN_SHARED_KINDS
