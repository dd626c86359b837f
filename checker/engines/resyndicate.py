"""Syndication with a store (`checker.match.syndication`): the MinHash signature of each lead is kept
(by the lead's SHA-256), and so are the groups a run found, with the articles it found them among (by id
and a hash of what syndication reads of each: its text and outlet).

A rerun starts from those groups: the articles it searched that are unchanged are settled, and only
the pairs that hold another article (added, or changed since) are tested (`Settled`, in
`checker.match.syndication`); the groups are those a search of the whole archive finds, since whether
two articles are copies depends on those two alone. A group one of whose articles changed or left may
part without it: its other articles are searched again, as new ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from checker.engines.store import Store, code_digest, text_sha256
from checker.match.syndication import (
    ALL_PAIRS_UP_TO,
    Settled,
    find_syndicated,
    in_pool,
    lead_signatures,
)
from checker.models import Article, SyndicatedCopy

if TYPE_CHECKING:
    import numpy as np


def _read(article: Article) -> str:
    """A short hash of what syndication reads of an article, besides its id and date: its text and outlet."""
    return text_sha256(json.dumps([article.text, article.outlet], ensure_ascii=False))[:16]


class _KeptSigner:
    """Signs leads with the signatures `store` keeps, signing and keeping the others."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, leads: Sequence[str]) -> np.ndarray:
        import numpy as np

        hashes = [text_sha256(lead) for lead in leads]
        found = self.store.signatures(list(dict.fromkeys(hashes)))
        missing = {h: lead for h, lead in zip(hashes, leads, strict=True) if h not in found}
        if missing:
            signed = lead_signatures(list(missing.values())).astype("<u4")  # every value is below 2**32
            new = {h: row.tobytes() for h, row in zip(missing, signed, strict=True)}
            self.store.put_signatures(new.items())
            found.update(new)
        rows = [np.frombuffer(found[h], dtype="<u4") for h in hashes]
        return np.stack(rows).astype(np.uint64)


def stored_syndication(store: Store, articles: Sequence[Article]) -> list[SyndicatedCopy]:
    """`find_syndicated(articles)`, from what `store` kept of the last search where it can (see above);
    what this search found is kept in its place, in one transaction."""
    key = f"syndication {code_digest()}"
    pool = {a.id: _read(a) for a in articles if in_pool(a)}
    unique = len(pool) == sum(in_pool(a) for a in articles)  # ids told apart: the search can be kept
    settled: Settled | None = None
    # so few articles are all compared with each other, not as candidates: never settled
    if unique and len(pool) > ALL_PAIRS_UP_TO and (payload := store.derived("syndication", key)):
        last = json.loads(payload)
        kept: dict[str, str] = last["pool"]
        if len(kept) > ALL_PAIRS_UP_TO:
            settled = _settled(kept, last["groups"], pool)
    found = find_syndicated(articles, _KeptSigner(store), settled)
    if unique:
        groups = [[[g.original, *g.copies], g.similarity] for g in found]
        store.put_derived(("syndication", key, json.dumps({"pool": pool, "groups": groups}).encode("utf-8")))
    return found


def _settled(kept: dict[str, str], groups: list[list[Any]], pool: dict[str, str]) -> Settled:
    """What the last search settles of `pool`: the articles it searched that are unchanged, but those of
    a group one of whose articles changed or left (the group may part without it: they are searched
    again, as new), and the groups of the others."""
    gone = {i for i, h in kept.items() if pool.get(i) != h}
    whole = [(ids, score) for ids, score in groups if not gone.intersection(ids)]
    parted = {i for ids, _ in groups if gone.intersection(ids) for i in ids}
    return Settled({i for i in kept if i not in gone and i not in parted}, whole)
