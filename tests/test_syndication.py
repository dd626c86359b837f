"""Syndication by MinHash LSH: the groups are those of the exact test asked of every pair of articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import combinations

from checker.match.syndication import (
    ALL_PAIRS_UP_TO,
    LEAD_CHARS,
    MIN_TEXT_CHARS,
    Settled,
    _copies,
    candidate_pairs,
    find_syndicated,
    sorted_candidates,
)
from checker.models import Article

SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")


def _story(rng: random.Random) -> str:
    """A story of made-up words: two stories share few runs of letters, as two real ones do."""
    words = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(120))
    return " ".join(words).capitalize() + "."


def _edited(text: str, rng: random.Random) -> str:
    """A wire copy as an outlet runs it: a new first sentence, a word changed, a line cut at the end."""
    words = text.split()
    words[rng.randrange(20, 60)] = "reportedly"
    return "Updated: " + " ".join(words[: len(words) - rng.randrange(0, 8)])


def _archive(stories: int, copies: int, seed: int = 3) -> list[Article]:
    rng = random.Random(seed)
    when = datetime(2025, 3, 1, tzinfo=UTC)
    articles = []
    for s in range(stories):
        text = _story(rng)
        articles.append(Article(id=f"s{s}", source=f"outlet{s}", published=when, text=text))
        for c in range(copies if s % 3 == 0 else 0):
            articles.append(
                Article(
                    id=f"s{s}-copy{c}",
                    source=f"paper{c}",
                    published=when + timedelta(hours=c + 1),
                    text=_edited(text, rng),
                )
            )
    return articles


def _exhaustive_pairs(articles: list[Article]) -> set[tuple[str, str]]:
    pool = [a for a in articles if len(a.text) >= MIN_TEXT_CHARS]
    leads = [" ".join(a.text[:LEAD_CHARS].split()) for a in pool]
    return {
        (pool[i].id, pool[j].id)
        for i, j in combinations(range(len(pool)), 2)
        if _copies(pool[i], pool[j], (leads[i], leads[j])) is not None
    }


def test_lsh_finds_every_pair_of_copies_the_exact_test_finds() -> None:
    articles = _archive(stories=90, copies=3)
    pool = [a for a in articles if len(a.text) >= MIN_TEXT_CHARS]
    assert len(pool) > ALL_PAIRS_UP_TO  # the LSH path, not the all-pairs one for small archives
    leads = [" ".join(a.text[:LEAD_CHARS].split()) for a in pool]
    candidates = {(pool[i].id, pool[j].id) for i, j in candidate_pairs(leads)}
    copies = _exhaustive_pairs(articles)
    assert copies and copies <= candidates
    assert len(candidates) < len(pool) * (len(pool) - 1) // 2 // 10  # far from every pair


def test_groups_are_the_connected_copies_earliest_first() -> None:
    articles = _archive(stories=90, copies=3)
    groups = find_syndicated(articles)
    assert [(g.original, sorted(g.copies)) for g in groups] == [
        (f"s{s}", [f"s{s}-copy{c}" for c in range(3)]) for s in sorted(range(0, 90, 3), key=str)
    ]
    assert all(80 <= g.similarity <= 100 for g in groups)


def test_small_archives_compare_every_pair() -> None:
    assert candidate_pairs(["a", "b", "c"]) == {(0, 1), (0, 2), (1, 2)}


def test_a_search_settled_on_the_earlier_articles_finds_the_groups_of_a_whole_search() -> None:
    """Articles added to a searched archive are compared with every article, the earlier ones not again
    with each other: the groups (and their similarity) are those of searching the whole archive."""
    articles = _archive(stories=90, copies=3)
    # whole new groups, and new copies of earlier stories
    added = articles[-12:] + [a for a in articles[:-12:5] if "copy" in a.id]
    earlier = [a for a in articles if a not in added]
    last = find_syndicated(earlier)
    settled = Settled({a.id for a in earlier}, [([g.original, *g.copies], g.similarity) for g in last])
    whole = find_syndicated(articles)
    assert find_syndicated(articles, settled=settled) == whole
    new = {a.id for a in added}
    assert len(whole) > len(last) and any(g.original in new for g in whole)
    assert any(set(g.copies) & new for g in whole if g.original not in new)
    pool = [a for a in articles if len(a.text) >= MIN_TEXT_CHARS]
    fresh = {k for k, a in enumerate(pool) if a in added}
    leads = [" ".join(a.text[:LEAD_CHARS].split()) for a in pool]
    expected = {(i, j) for i, j in candidate_pairs(leads) if i in fresh or j in fresh}
    assert list(sorted_candidates(leads, fresh=fresh)) == sorted(expected)
