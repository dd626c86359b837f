"""The figures a story tree is cut by, for every node, with each pair of articles read once.

Whether a node of the average-linkage tree splits (`checker.match.stories`) asks two things of a similarity:
how alike each half is inside (the mean of its pairs that are not copies) and how alike the halves are
across (the mean of the pairs between them, NaN left out). Sliced from a square matrix at every node they
cost a square array of the tile's articles, 140 MB at 4,200 articles, and the deep nodes read the same
pairs again and again. Here each pair (i, j) is added once, to the node where its two articles first meet
(the lowest node holding both): that pair is across that node's halves and inside every node above it. So
a node's inner sums are its halves' plus its own across, and a block of rows is all a pass holds.

With the leaves in the tree's order (left halves first) each node's articles are one run of positions, its
two halves meet at one gap between neighbours, and the node where positions p < q meet is the latest merge
among the gaps between them: a running maximum along each row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

#: the similarity of the articles at two runs of tree positions (`Tree.order`), rows by columns
Block = Callable[[slice, slice], np.ndarray]


class Tree:
    """A linkage tree (scipy's `merges`: node `count + step` joins the two nodes of row `step`) and its
    leaves in order, left halves first, as `scipy.cluster.hierarchy.to_tree` walks them."""

    def __init__(self, merges: np.ndarray) -> None:
        count = len(merges) + 1
        self.count, self.root = count, 2 * count - 2
        self.children = merges[:, :2].astype(int)
        self.size = np.ones(2 * count - 1, dtype=int)
        for step, (left, right) in enumerate(self.children):
            self.size[count + step] = self.size[left] + self.size[right]
        self.start = np.zeros(2 * count - 1, dtype=int)  # the first position of each node's articles
        #: for each gap between neighbouring positions, the step whose halves it parts
        self.meets = np.empty(count - 1, dtype=int)
        for step in range(count - 2, -1, -1):  # the root first: a node's start sets its halves'
            left, right = self.children[step]
            self.start[left] = self.start[count + step]
            self.start[right] = self.start[left] + self.size[left]
            self.meets[self.start[right] - 1] = step
        self.order = np.empty(count, dtype=int)  # the article at each position
        self.order[self.start[:count]] = np.arange(count)

    def halves(self, node: int) -> tuple[int, int]:
        left, right = self.children[node - self.count]
        return int(left), int(right)

    def members(self, node: int) -> np.ndarray:
        return self.order[self.start[node] : self.start[node] + self.size[node]]


class NodeSums:
    """One similarity's figures for each node of a `Tree` (leaves first, then the merges in order): the sum
    and count of the pairs inside it that are not copies, and of the known pairs across its halves."""

    def __init__(self, nodes: int) -> None:
        self.inner, self.inner_pairs = np.zeros(nodes), np.zeros(nodes, dtype=int)
        self.across, self.across_pairs = np.zeros(nodes), np.zeros(nodes, dtype=int)

    def tightness(self, node: int) -> float | None:
        """Mean similarity of the node's pairs that are not copies; None when it has no such pair."""
        pairs = self.inner_pairs[node]
        return float(self.inner[node] / pairs) if pairs else None

    def mean_across(self, node: int) -> float | None:
        """Mean similarity across the node's halves, NaN left out; None when every pair is NaN."""
        pairs = self.across_pairs[node]
        return float(self.across[node] / pairs) if pairs else None

    def _add(self, nodes: np.ndarray, cells: np.ndarray, copies: float) -> None:
        """Pairs where they meet: across the halves of `nodes`, and inside them unless copies or NaN."""
        size = len(self.inner)
        known = ~np.isnan(cells)
        self.across += np.bincount(nodes[known], cells[known], minlength=size)
        self.across_pairs += np.bincount(nodes[known], minlength=size)
        inner = cells < copies  # False where NaN: no evidence either way
        self.inner += np.bincount(nodes[inner], cells[inner], minlength=size)
        self.inner_pairs += np.bincount(nodes[inner], minlength=size)

    def _close(self, tree: Tree) -> None:
        """Each node's inner pairs: its halves' and, added last, those across them (`_add`)."""
        inner, pairs = self.inner, self.inner_pairs
        for node, (left, right) in enumerate(tree.children.tolist(), start=tree.count):
            inner[node] = inner[left] + inner[right] + inner[node]
            pairs[node] += pairs[left] + pairs[right]


def node_sums(tree: Tree, similarities: Sequence[Block], copies: float, rows: int) -> list[NodeSums]:
    """Each similarity's `NodeSums`, `rows` tree positions at a time against the positions after them.
    Pairs at least `copies` alike are copies of one text: left out of the inner figures."""
    count = tree.count
    sums = [NodeSums(2 * count - 1) for _ in similarities]
    for begin in range(0, count - 1, rows):
        end = min(begin + rows, count - 1)
        # (p, q) meets at the latest merge of gaps p .. q - 1: gap g stands for the pair (p, g + 1)
        gaps = np.arange(begin, count - 1)
        meet = np.where(gaps >= np.arange(begin, end)[:, None], tree.meets[begin:], -1)
        np.maximum.accumulate(meet, axis=1, out=meet)
        pairs = meet >= 0
        nodes = meet[pairs] + count
        del meet
        for block, figures in zip(similarities, sums, strict=True):
            figures._add(nodes, block(slice(begin, end), slice(begin + 1, None))[pairs], copies)
    for figures in sums:
        figures._close(tree)
    return sums
