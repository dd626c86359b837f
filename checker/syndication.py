"""Syndication: the same wire story carried by several outlets counts once.

Copies are found by the text similarity of their leads (rapidfuzz), confirmed on the whole text, and
grouped; the earliest copy is counted and the others are listed beside it. A copy that changed a
figure keeps that claim: only the claims it repeats word for word are set aside, so an edited copy
can still be caught disagreeing with its own wire.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rapidfuzz import fuzz, process

from checker.models import Article, Claim, EntityClaim, SyndicatedCopy

#: rapidfuzz ratio (0-100) of two leads above which the stories are candidate copies: a changed
#: headline, byline or dateline moves the lead by a few points, a rewrite by far more
MIN_LEAD_RATIO = 85.0
#: the same on the whole text, to confirm: outlets trim or extend a wire story at the end
MIN_TEXT_RATIO = 80.0
#: characters of the lead compared first (cheap), before whole texts are compared
LEAD_CHARS = 600
#: texts shorter than this carry too little to call a copy (a one-line brief is a headline, not a story)
MIN_TEXT_CHARS = 200


def _sort_key(article: Article) -> tuple[datetime, str]:
    when = article.published.replace(tzinfo=None) if article.published else datetime.max
    return when, article.id


def find_syndicated(articles: Sequence[Article]) -> list[SyndicatedCopy]:
    """Groups of articles from different outlets that carry the same story, the earliest first."""
    pool = [a for a in articles if len(a.text) >= MIN_TEXT_CHARS]
    if len(pool) < 2:
        return []
    leads = [" ".join(a.text[:LEAD_CHARS].split()) for a in pool]
    scores = process.cdist(leads, leads, scorer=fuzz.ratio, score_cutoff=MIN_LEAD_RATIO, workers=-1)
    parent = list(range(len(pool)))
    lowest: dict[tuple[int, int], float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(pool)):
        for j in range(i + 1, len(pool)):
            if scores[i, j] < MIN_LEAD_RATIO or pool[i].outlet == pool[j].outlet:
                continue
            whole = fuzz.ratio(pool[i].text, pool[j].text, score_cutoff=MIN_TEXT_RATIO)
            if whole >= MIN_TEXT_RATIO:
                lowest[(i, j)] = whole
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(pool)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted((pool[k] for k in members), key=_sort_key)
        pair_scores = [s for (i, j), s in lowest.items() if i in members and j in members]
        found.append(
            SyndicatedCopy(
                original=ordered[0].id,
                copies=[a.id for a in ordered[1:]],
                outlets=list(dict.fromkeys(a.outlet for a in ordered)),
                similarity=round(min(pair_scores), 1),
            )
        )
    return sorted(found, key=lambda g: g.original)


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
