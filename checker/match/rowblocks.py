"""The pairs of a segment a block of rows at a time, so that asking them costs memory by the block.

A segment's constraints are asked of every pair (i, j), i < j, of its claims. Spelt out at once, the index
arrays of those pairs weigh 16 bytes a pair, and each rule's answers and selections as much again: at
5,000 claims, gigabytes for matrices whose answers fit in 25 MB of booleans. Here the pairs come a block
of rows at a time (rows i..i+B against every j > i), in the order of `np.triu_indices`, and each block's
answers are written into the square matrices that keep them.

A symmetric matrix of distances is kept condensed, as `scipy.spatial.distance.squareform` lays it out:
the cells (i, j), i < j, row after row, half a square matrix and what linkage takes. A block of rows'
cells j > i are one run of it (`condensed_blocks`), and any cell off the diagonal is found by its index
(`pick`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import numpy as np

#: a cell's row or column: one index, or an array of them
_Index = TypeVar("_Index", int, np.ndarray)

#: pairs spelt out at once: a block's index arrays weigh 512 KB each, and the dozen arrays a rule makes of
#: them a few MB in all, however large the segment
PAIRS_PER_BLOCK = 1 << 16


def row_blocks(n: int, width: int | None = None) -> Iterator[slice]:
    """Rows 0..n-1 in consecutive slices of about `PAIRS_PER_BLOCK` cells of a matrix `width` wide (n
    unless given)."""
    step = max(1, PAIRS_PER_BLOCK // max(n if width is None else width, 1))
    for start in range(0, n, step):
        yield slice(start, min(start + step, n))


def upper_cells(n: int, rows: slice) -> np.ndarray:
    """Which cells of the rows `rows` of an n-wide matrix lie above the diagonal (j > i)."""
    return np.arange(n)[None, :] > np.arange(rows.start, rows.stop)[:, None]


def upper_pairs(n: int, rows: slice) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j), i < j < n, of the rows `rows`, in the order `np.triu_indices(n, 1)` gives them."""
    i, j = np.nonzero(upper_cells(n, rows))
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


def pairs_before(n: int, i: _Index) -> _Index:
    """The cells above the diagonal of the rows before row i of an n-wide matrix: where row i's begin in
    the condensed array (ints or index arrays alike)."""
    return (2 * n - 1 - i) * i // 2


def pair_index(n: int, i: _Index, j: _Index) -> _Index:
    """Where the cell (i, j), i < j < n, lies in the condensed array: `pairs_before(n, i) + j - i - 1`, in
    fewer steps (it is asked of every cell two groups of claims have between them)."""
    return (2 * n - 3 - i) * i // 2 + j - 1


def condensed_blocks(n: int) -> Iterator[tuple[slice, slice, np.ndarray]]:
    """For each block of rows (`row_blocks`): the rows, the run of the condensed array that holds their
    cells above the diagonal, and which cells those are (`upper_cells`): `condensed[run] =
    square[rows][cells]`."""
    for rows in row_blocks(n):
        yield (
            rows,
            slice(pairs_before(n, rows.start), pairs_before(n, rows.stop)),
            upper_cells(n, rows),
        )


def to_condensed(square: np.ndarray, dtype: type | None = None) -> np.ndarray:
    """The cells above the diagonal of a square matrix, as `squareform(square, checks=False)` gives them,
    in `dtype` (the matrix's unless given), copied a block of rows at a time: no index arrays of all its
    pairs, and no copy of the whole matrix in `dtype`."""
    n = len(square)
    out = np.empty(n * (n - 1) // 2, dtype=square.dtype if dtype is None else dtype)
    for rows, run, cells in condensed_blocks(n):
        out[run] = square[rows][cells]
    return out


def _cells(values: np.ndarray, n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The cells (i, j), i != j, of the symmetric matrix whose condensed cells are `values`."""
    return values[pair_index(n, np.minimum(i, j), np.maximum(i, j))]


def pick(values: np.ndarray, n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`square[np.ix_(rows, cols)]` of the symmetric n-by-n matrix whose condensed cells are `values`, for
    index arrays that share no index (the condensed array holds no diagonal), a block of rows at a time:
    the index arrays of two large groups' cells are never whole."""
    if len(rows) * len(cols) <= PAIRS_PER_BLOCK:  # most groups: one block, made at once
        return _cells(values, n, rows[:, None], cols[None, :])
    out = np.empty((len(rows), len(cols)), dtype=values.dtype)
    for block in row_blocks(len(rows), len(cols)):
        out[block] = _cells(values, n, rows[block, None], cols[None, :])
    return out


def sub_condensed(values: np.ndarray, n: int, members: np.ndarray) -> np.ndarray:
    """The condensed cells of the members' own matrix (`square[np.ix_(members, members)]`, members
    distinct), from the condensed cells `values` of the n-by-n one, a block of the members' rows at a
    time."""
    m = len(members)
    out = np.empty(m * (m - 1) // 2, dtype=values.dtype)
    for rows, run, cells in condensed_blocks(m):
        i, j = np.nonzero(cells)
        out[run] = _cells(values, n, members[i + rows.start], members[j])
    return out
