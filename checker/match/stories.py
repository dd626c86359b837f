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

from checker.match.story_sums import NodeSums, Tree, node_sums
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
#: rows of a tile's article-by-article similarity computed at a time (`_tree_distances`, `node_sums`)
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


class _Cosines:
    """Cosine similarity of the articles' TF-IDF vectors (rows L2-normalised), a block at a time: in a tile of
    thousands of articles a square array of it is a hundred megabytes or more. A sparse product computes
    each cell from its row's terms in their stored order, so a block holds the very figures of the whole
    product, and (i, j) those of (j, i): two articles list the terms they share in one order."""

    def __init__(self, vectors: Any, count: int, missing: float, blank: np.ndarray | None = None) -> None:
        self.vectors, self.count = vectors, count  # vectors: None when no article has a term
        self.missing = missing  # the similarity without vectors: no evidence to split on
        self.blank = blank  # articles whose every similarity is NaN: no evidence either way

    def ordered(self, order: np.ndarray) -> _Cosines:
        """The same articles, the k-th being `order[k]`."""
        vectors = None if self.vectors is None else self.vectors[order]
        return _Cosines(vectors, self.count, self.missing, None if self.blank is None else self.blank[order])

    def block(self, rows: slice, columns: slice) -> np.ndarray:
        """The similarity of the articles in `rows` with those in `columns`."""
        if self.vectors is None:
            span = range(self.count)
            return np.full((len(span[rows]), len(span[columns])), self.missing)
        block = (self.vectors[rows] @ self.vectors[columns].T).toarray()
        if self.blank is not None:
            block[self.blank[rows]] = np.nan
            block[:, self.blank[columns]] = np.nan
        return block


def _vectors(articles: Sequence[Article], **tfidf: Any) -> Any:
    """The articles' TF-IDF vectors; None when no article has a term (nothing but stop words, or no
    names)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(sublinear_tf=True, **tfidf).fit_transform(_texts(articles))
    except ValueError:  # an empty vocabulary
        return None


def _word_cosines(articles: Sequence[Article]) -> _Cosines:
    """By the articles' words and word pairs, English stop words out; all ones without any."""
    vectors = _vectors(articles, stop_words="english", ngram_range=(1, 2))
    return _Cosines(vectors, len(articles), 1.0)


#: a proper-noun phrase inside a sentence (a capital after a lower-case word or a comma): 'Oriel Bay',
#: 'Kofi Moreau'; a capital opening a sentence says nothing
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*")


def _names(text: str) -> list[str]:
    return [m.group().lower() for m in _NAME.finditer(text)]


def _name_cosines(articles: Sequence[Article]) -> _Cosines:
    """By the names the articles use; NaN where an article names nobody and nothing."""
    vectors = _vectors(articles, analyzer=_names)
    blank = None if vectors is None else np.asarray(vectors.getnnz(axis=1) == 0)
    return _Cosines(vectors, len(articles), np.nan, blank)


def story_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of the articles' word TF-IDF vectors (rows and columns in article order), square:
    for a few articles (`group_stories` works it in blocks)."""
    return _word_cosines(articles).block(slice(None), slice(None))


def name_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of the names each article uses, square; NaN where an article
    names nobody and nothing (no evidence either way)."""
    return _name_cosines(articles).block(slice(None), slice(None))


def _parts(
    sums: NodeSums, node: int, halves: tuple[int, int], contrast: float, floor: float = UNRELATED
) -> bool:
    """Whether the two halves of a node part: much less alike across than the tighter is inside (its pairs
    that are not copies), or below `floor`."""
    across = sums.mean_across(node)
    if across is None:  # no evidence either way
        return False
    known = [t for t in (sums.tightness(h) for h in halves) if t is not None]
    return across < floor or bool(known and across < contrast * max(known))


def _tree_distances(words: _Cosines, names: _Cosines) -> np.ndarray:
    """The condensed distances the tree is built on (each pair i < j once, row by row, as `squareform`
    gives them): 1 - the mean of the word and name similarities (words alone where an article names
    nobody), in [0, 1]. Worked `GRAM_ROWS` rows at a time against the articles from the first of them on,
    never as a square array."""
    count = words.count
    pairs = np.empty(count * (count - 1) // 2)
    at = 0
    for begin in range(0, count, GRAM_ROWS):
        rows, columns = slice(begin, begin + GRAM_ROWS), slice(begin, None)
        similarity, named = words.block(rows, columns), names.block(rows, columns)
        distance = np.add(similarity, named)
        distance /= 2
        np.copyto(distance, similarity, where=np.isnan(named))
        np.subtract(1.0, distance, out=distance)
        np.clip(distance, 0.0, 1.0, out=distance)
        for k, row in enumerate(distance, start=begin):
            pairs[at : at + count - k - 1] = row[k - begin + 1 :]
            at += count - k - 1
    return pairs


def _whole_stories(tree: Tree, words: NodeSums, names: NodeSums, contrast: float) -> list[int]:
    """For each node of the tree (leaves first, then the merges in order), how many stories of `WHOLE_STORY`
    articles or more it holds, walked from the leaves up: two groups join into one story when each is one
    story and they do not part; a group that holds two stories never joins a third."""
    one = [True] * tree.count  # whether each node is one story
    whole = [int(WHOLE_STORY <= 1)] * tree.count
    sharper = contrast * WHOLE_CONTRAST
    for node in range(tree.count, tree.root + 1):
        halves = tree.halves(node)
        # names part groups by contrast only: two reports of one event may share no name at all
        joined = (
            one[halves[0]]
            and one[halves[1]]
            and not _parts(words, node, halves, sharper)
            and not _parts(names, node, halves, sharper, floor=0.0)
        )
        one.append(joined)
        whole.append(int(tree.size[node] >= WHOLE_STORY) if joined else whole[halves[0]] + whole[halves[1]])
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
    from scipy.cluster.hierarchy import linkage

    words, names = _word_cosines(articles), _name_cosines(articles)
    tree = Tree(linkage(_tree_distances(words, names), method="average"))
    # the figures of every node, each pair read once (`checker.match.story_sums`), in the tree's order
    words, names = words.ordered(tree.order), names.ordered(tree.order)
    word_sums, name_sums = node_sums(tree, [words.block, names.block], COPY_SIMILARITY, GRAM_ROWS)
    whole = _whole_stories(tree, word_sums, name_sums, contrast)
    story = [0] * len(articles)
    stories = 0
    todo = [tree.root]
    while todo:
        node = todo.pop()
        if node >= tree.count:
            halves = tree.halves(node)
            # names part groups by contrast only: two reports of one event may share no name at all
            if (
                whole[node] > 1
                or _parts(word_sums, node, halves, contrast)
                or _parts(name_sums, node, halves, contrast, floor=0.0)
            ):
                todo += halves
                continue
        for k in tree.members(node).tolist():
            story[k] = stories
        stories += 1
    return Stories(story={a.id: s for a, s in zip(articles, story, strict=True)})
