"""Stories: which articles of an archive report one real-world event.

Two earthquakes, two stars checking into rehab, two police shootings can share every word of a
figure's frame ("6.1-magnitude", "killed", "on Sunday"); what tells them apart is the rest of the
article: the names, places and phrases only one of them uses. Claims from different stories are never
compared.

Articles are compared two ways, each by the cosine of TF-IDF vectors (weights learned from the
archive itself): by their words (title and text, words and word pairs, English stop words out), and
by the names they use (proper-noun phrases inside sentences: places, people, bodies). They are joined
by average linkage over the mean of the two. No fixed similarity marks one story: outlets covering
one event in their own words can share as little as two earthquake reports do. What marks two
stories is contrast: the tree is cut where two groups of articles are much less alike across than
either is inside, in words or in names, or hardly alike at all. Names matter where wording does not:
two reports written to one template ("Seismologists recorded 78 aftershocks") about two towns.

Undated articles used to be dated by the years they name ("the 2008 season"), and kept apart when
those years differed. News names past years as background as often as its own ("the worst since
2004"): on the unseen ECB+ topics that rule cost 3 labelled disagreements and 2 right findings and kept
out no wrong one (`benchmarks/ablation.py`, row `stories_apart`), so it was deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from checker.models import Article

#: groups of articles less alike than this on average share no story whatever their contrast
UNRELATED = 0.02
#: articles at least this alike are copies of one text (syndication, a corrected republication): they
#: say nothing about how tight a story is, or one story's copies would split off from its other reports
COPY_SIMILARITY = 0.8
#: a group holding two stories of this many articles or more is split, however alike its halves are: a
#: report or two that part from their story's others are left to the walk down the tree (`group_stories`)
WHOLE_STORY = 4
#: the walk up splits at this share of the contrast: it overrules the walk down, so it asks for stories
#: further apart (a running story's days, talks and then an attack, part at the full contrast)
WHOLE_CONTRAST = 0.75
#: rows of a tile's article-by-article similarity computed at a time (`_gram`)
GRAM_ROWS = 256


class Stories(BaseModel):
    """Which story each article tells."""

    model_config = ConfigDict(frozen=True)

    story: dict[str, int] = Field(default_factory=dict, description="article id -> story number")

    def of(self, article_id: str) -> int:
        return self.story.get(article_id, 0)

    def apart(self, a: str, b: str) -> bool:
        """Whether two articles' claims may never meet: they tell different stories."""
        return self.of(a) != self.of(b)


def _texts(articles: Sequence[Article]) -> list[str]:
    return [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]


def _cosines(articles: Sequence[Article], **tfidf: Any) -> tuple[np.ndarray, Any] | None:
    """Cosine similarity of the articles' TF-IDF vectors and the vectors; None when no article has
    a term (nothing but stop words, or no names)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vectors = TfidfVectorizer(sublinear_tf=True, **tfidf).fit_transform(_texts(articles))
    except ValueError:  # an empty vocabulary
        return None
    return _gram(vectors), vectors


def _gram(vectors: Any) -> np.ndarray:
    """`vectors @ vectors.T` (sparse rows) as a dense array, `GRAM_ROWS` rows at a time. A sparse product
    computes each row on its own, so the blocks hold the very figures of the whole product; the whole
    product at once would hold every pair of a large tile as a sparse matrix beside the dense one."""
    count = vectors.shape[0]
    gram = np.empty((count, count))
    for begin in range(0, count, GRAM_ROWS):
        gram[begin : begin + GRAM_ROWS] = (vectors[begin : begin + GRAM_ROWS] @ vectors.T).toarray()
    return gram


def story_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of the articles' word TF-IDF vectors (rows and columns in article order)."""
    found = _cosines(articles, stop_words="english", ngram_range=(1, 2))
    return found[0] if found else np.ones((len(articles), len(articles)))  # no evidence to split on


#: a proper-noun phrase inside a sentence (a capital after a lower-case word or a comma): 'Oriel Bay',
#: 'Kofi Moreau'; a capital opening a sentence says nothing
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*")


def _names(text: str) -> list[str]:
    return [m.group().lower() for m in _NAME.finditer(text)]


def name_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of the names each article uses; NaN where an article names
    nobody and nothing (no evidence either way)."""
    found = _cosines(articles, analyzer=_names)
    if found is None:
        return np.full((len(articles), len(articles)), np.nan)
    similarity, vectors = found
    nameless = np.asarray(vectors.getnnz(axis=1) == 0)
    similarity[nameless, :] = np.nan
    similarity[:, nameless] = np.nan
    return similarity


def _parts(
    similarity: np.ndarray, halves: tuple[list[int], list[int]], contrast: float, floor: float = UNRELATED
) -> bool:
    """Whether two groups part: much less alike across than the tighter is inside, or below `floor`."""
    inner = [_tightness(similarity, h) for h in halves]
    return _apart(similarity[np.ix_(*halves)], inner, contrast, floor)


def _apart(across: np.ndarray, inner: list[float | None], contrast: float, floor: float) -> bool:
    """`_parts` of two groups from the similarities `across` them and the tightness of each."""
    if np.isnan(across).all():
        return False
    mean = float(np.nanmean(across))
    known = [t for t in inner if t is not None]
    return mean < floor or bool(known and mean < contrast * max(known))


def _tightness(similarity: np.ndarray, members: list[int]) -> float | None:
    """Mean similarity of a group's pairs that are not copies; None when it has no such pair."""
    block = similarity[np.ix_(members, members)]
    pairs = block < COPY_SIMILARITY  # False where NaN: an article without names says nothing
    np.fill_diagonal(pairs, False)
    return float(block[pairs].mean()) if pairs.any() else None


def _tree_distances(similarity: np.ndarray, names: np.ndarray) -> np.ndarray:
    """The condensed distances the tree is built on (each pair i < j once, row by row, as `squareform`
    gives them): 1 - the mean of the word and name similarities (words alone where an article names
    nobody), in [0, 1]. Worked `GRAM_ROWS` rows at a time, never as a third square array: in a tile of
    thousands of articles each square array is a hundred megabytes or more."""
    count = len(similarity)
    pairs = np.empty(count * (count - 1) // 2)
    at = 0
    for begin in range(0, count, GRAM_ROWS):
        rows = slice(begin, begin + GRAM_ROWS)
        distance = np.add(similarity[rows], names[rows])
        distance /= 2
        np.copyto(distance, similarity[rows], where=np.isnan(names[rows]))
        np.subtract(1.0, distance, out=distance)
        np.clip(distance, 0.0, 1.0, out=distance)
        for k, row in enumerate(distance, start=begin):
            pairs[at : at + count - k - 1] = row[k + 1 :]
            at += count - k - 1
    return pairs


class _Inner:
    """The sum and count of one similarity's pairs inside each group of the tree that are not copies, made
    from its two halves' and the block across them: each pair is added once, where its two articles first
    meet, so the walk up a tree of n articles reads n² / 2 cells however deep the tree is."""

    def __init__(self, similarity: np.ndarray) -> None:
        self.similarity = similarity
        self.sums: dict[int, tuple[float, int]] = {}

    def tightness(self, node: int) -> float | None:
        total, count = self.sums.get(node, (0.0, 0))
        return total / count if count else None

    def parts(
        self,
        node: int,
        halves: tuple[int, int],
        members: tuple[list[int], list[int]],
        contrast: float,
        floor: float,
    ) -> bool:
        """`_parts` of the two halves, and the group's sums noted for the step after."""
        block = self.similarity[np.ix_(*members)]
        pairs = block < COPY_SIMILARITY  # False where NaN
        total = sum(self.sums.get(h, (0.0, 0))[0] for h in halves) + float(block[pairs].sum())
        count = sum(self.sums.get(h, (0.0, 0))[1] for h in halves) + int(pairs.sum())
        self.sums[node] = (total, count)
        return _apart(block, [self.tightness(h) for h in halves], contrast, floor)


def _whole_stories(
    merges: np.ndarray, similarity: np.ndarray, names: np.ndarray, contrast: float
) -> list[int]:
    """For each node of the tree (leaves first, then `merges` in order), how many stories of `WHOLE_STORY`
    articles or more it holds, walked from the leaves up: two groups join into one story when each is one
    story and they do not part; a group that holds two stories never joins a third."""
    count = len(similarity)
    words, named = _Inner(similarity), _Inner(names)
    members: list[list[int] | None] = [[k] for k in range(count)]  # None once the group holds two stories
    whole = [int(WHOLE_STORY <= 1)] * count
    for step, (left, right) in enumerate(merges[:, :2].astype(int).tolist()):
        node, halves, found = count + step, (members[left], members[right]), None
        if halves[0] is not None and halves[1] is not None:
            pair = halves[0], halves[1]
            # names part groups by contrast only: two reports of one event may share no name at all
            sharper = contrast * WHOLE_CONTRAST
            apart = words.parts(node, (left, right), pair, sharper, UNRELATED)
            apart = named.parts(node, (left, right), pair, sharper, 0.0) or apart
            if not apart:
                found = pair[0] + pair[1]
        members.append(found)
        whole.append(int(len(found) >= WHOLE_STORY) if found is not None else whole[left] + whole[right])
        members[left] = members[right] = None  # joined: no longer open
    return whole


def group_stories(articles: Sequence[Article], contrast: float) -> Stories:
    """Each article's story.

    Walking the average-linkage tree from its root, a group splits in two when its halves are, on
    average, less alike than `contrast` times the tighter half's inner similarity (copies left out),
    in words or in names, or less alike in words than `UNRELATED`. A `contrast` of 0 keeps the whole archive
    one story.

    A group also splits when it holds two stories of `WHOLE_STORY` articles or more, as the same test at
    `WHOLE_CONTRAST` of the contrast finds them walking up from the leaves (`_whole_stories`). Near the root
    both halves mix many stories, each loose inside, so they hardly ever part: a tile of 904 generated
    articles over a week, of some 80 events, was once one story. Walking up alone splits real stories
    instead: a report worded unlike the others parts from them and keeps their group from joining the
    rest (on the studied ECB+ topics it split twice as many events as the walk down), and at the full
    contrast a running story parts by its days (the bundled talks, then the drone strikes that restate
    their figures). A stray report or two is left to the walk down.
    """
    if len(articles) < 2 or contrast <= 0:
        return Stories(story={a.id: 0 for a in articles})
    from scipy.cluster.hierarchy import linkage, to_tree

    similarity = story_similarity(articles)
    names = name_similarity(articles)
    merges = linkage(_tree_distances(similarity, names), method="average")
    whole = _whole_stories(merges, similarity, names, contrast)
    story = [0] * len(articles)
    stories = 0
    todo = [to_tree(merges)]
    while todo:
        node = todo.pop()
        members = node.pre_order()
        if not node.is_leaf():
            left, right = node.get_left(), node.get_right()
            halves = left.pre_order(), right.pre_order()
            # names part groups by contrast only: two reports of one event may share no name at all
            if (
                whole[node.id] > 1
                or _parts(similarity, halves, contrast)
                or _parts(names, halves, contrast, floor=0.0)
            ):
                todo += [left, right]
                continue
        for k in members:
            story[k] = stories
        stories += 1
    return Stories(story={a.id: s for a, s in zip(articles, story, strict=True)})
