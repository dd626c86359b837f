"""The per-node figures of a story tree, each pair read once where it meets, equal the sums over each node's
square block of a similarity matrix."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage, to_tree
from scipy.spatial.distance import pdist

from checker.match.story_sums import Tree, node_sums

COPIES = 0.8


def _similarity(count: int, seed: int) -> np.ndarray:
    """A random symmetric similarity with copies (>= COPIES) and articles whose every pair is NaN."""
    rng = np.random.default_rng(seed)
    square = rng.random((count, count))
    square[rng.random((count, count)) < 0.1] = 0.9  # copies
    square = np.triu(square, 1)
    square += square.T
    blank = rng.random(count) < 0.2
    square[blank] = np.nan
    square[:, blank] = np.nan
    return square


def _tree(count: int, seed: int) -> Tree:
    points = np.random.default_rng(seed).random((count, 3))
    return Tree(linkage(pdist(points), method="average"))


@pytest.mark.parametrize(("count", "seed", "rows"), [(2, 0, 1), (7, 1, 2), (31, 2, 4), (40, 3, 256)])
def test_node_sums_are_the_sums_over_each_node(count: int, seed: int, rows: int) -> None:
    similarity, tree = _similarity(count, seed), _tree(count, seed + 100)
    ordered = similarity[np.ix_(tree.order, tree.order)]
    (sums,) = node_sums(tree, [lambda r, c: ordered[r, c]], COPIES, rows)
    for node in range(2 * count - 1):
        members = tree.members(node)
        inner = similarity[np.ix_(members, members)][np.triu_indices(len(members), 1)]
        inner = inner[inner < COPIES]
        assert sums.inner_pairs[node] == len(inner)
        assert sums.tightness(node) == (pytest.approx(inner.mean()) if len(inner) else None)
        if node < count:
            continue
        left, right = (tree.members(h) for h in tree.halves(node))
        across = similarity[np.ix_(left, right)]
        if np.isnan(across).all():
            assert sums.mean_across(node) is None
        else:
            assert sums.mean_across(node) == pytest.approx(np.nanmean(across))
            assert sums.across_pairs[node] == np.count_nonzero(~np.isnan(across))


def test_two_similarities_in_one_pass() -> None:
    tree = _tree(12, 5)
    first, second = _similarity(12, 6), _similarity(12, 7)
    blocks = [(lambda r, c, s=s: s[np.ix_(tree.order, tree.order)][r, c]) for s in (first, second)]
    both = node_sums(tree, blocks, COPIES, 5)
    alone = [node_sums(tree, [block], COPIES, 5)[0] for block in blocks]
    for together, single in zip(both, alone, strict=True):
        assert np.array_equal(together.inner, single.inner)
        assert np.array_equal(together.across_pairs, single.across_pairs)


def test_the_tree_walks_its_leaves_as_scipy_does() -> None:
    merges = linkage(pdist(np.random.default_rng(8).random((25, 2))), method="average")
    tree, root = Tree(merges), to_tree(merges)
    assert tree.order.tolist() == root.pre_order()
    nodes = [root]
    while nodes:
        node = nodes.pop()
        assert tree.members(node.id).tolist() == node.pre_order()
        if not node.is_leaf():
            assert tree.halves(node.id) == (node.get_left().id, node.get_right().id)
            nodes += [node.get_left(), node.get_right()]
            # the gap where the halves meet is the node's
            assert tree.meets[tree.start[node.get_right().id] - 1] == node.id - tree.count
