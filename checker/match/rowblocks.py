"""The pairs of a segment a block of rows at a time, so that asking them costs memory by the block.

A segment's constraints are asked of every pair (i, j), i < j, of its claims. Spelt out at once, the index
arrays of those pairs weigh 16 bytes a pair, and each rule's answers and selections as much again: at
5,000 claims, gigabytes for matrices whose answers fit in 25 MB of booleans. Here the pairs come a block
of rows at a time (rows i..i+B against every j > i), in the order of `np.triu_indices`, and each block's
answers are written into the square matrices that keep them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

#: pairs spelt out at once: a block's index arrays weigh 512 KB each, and the dozen arrays a rule makes of
#: them a few MB in all, however large the segment
PAIRS_PER_BLOCK = 1 << 16


def row_blocks(n: int) -> Iterator[slice]:
    """Rows 0..n-1 in consecutive slices of about `PAIRS_PER_BLOCK` cells of an n-wide matrix."""
    step = max(1, PAIRS_PER_BLOCK // max(n, 1))
    for start in range(0, n, step):
        yield slice(start, min(start + step, n))


def upper_pairs(n: int, rows: slice) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j), i < j < n, of the rows `rows`, in the order `np.triu_indices(n, 1)` gives them."""
    first = np.arange(rows.start, rows.stop)
    i, j = np.nonzero(np.arange(n)[None, :] > first[:, None])
    return i + rows.start, j


def pair_blocks(n: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every pair (i, j), i < j < n, as `upper_pairs` of one block of rows after another."""
    for rows in row_blocks(n):
        yield upper_pairs(n, rows)


def upper_where(n: int, cells: Callable[[slice], np.ndarray]) -> Iterator[tuple[int, int]]:
    """The cells (i, j), i < j < n, of a boolean n-by-n matrix that are true, in row order (as
    `zip(*np.nonzero(np.triu(matrix, 1)))` gives them); `cells(rows)` makes the rows `rows` of the
    matrix, so that neither the matrix nor an index array of all its true cells is ever whole. Each
    block's rows are made before its first cell is given."""
    for rows in row_blocks(n):
        i, j = np.nonzero(np.triu(cells(rows), 1 + rows.start))
        yield from zip((i + rows.start).tolist(), j.tolist(), strict=True)
