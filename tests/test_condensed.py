"""A segment's distances kept condensed give the very figures of the square matrix they replace."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import squareform

from checker.match import cluster, rowblocks


def _vectors(n: int, seed: int = 0) -> np.ndarray:
    """L2-normalised float32 rows, as the encoder gives them, a third of them repeated (wire copies)."""
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    copies = rng.integers(0, n, size=n // 3)
    vectors[rng.integers(0, n, size=n // 3)] = vectors[copies]
    return vectors


def _square_distances(vectors: np.ndarray) -> np.ndarray:
    """The square distances as clustering made them before they were kept condensed."""
    distance = vectors @ vectors.T
    np.subtract(1.0, distance, out=distance)
    np.clip(distance, 0.0, 2.0, out=distance)
    return distance.astype(np.float64)


@pytest.fixture(params=[rowblocks.PAIRS_PER_BLOCK, 50], ids=["default blocks", "small blocks"])
def blocks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(rowblocks, "PAIRS_PER_BLOCK", request.param)
    return int(request.param)


@pytest.mark.parametrize("n", [2, 3, 40, 257, 1200])
def test_condensed_distances_are_the_square_ones_bit_for_bit(n: int, blocks: int) -> None:
    vectors = _vectors(n, seed=n)
    got = cluster.condensed_distances(vectors)
    assert got.dtype == np.float64
    assert np.array_equal(got, squareform(_square_distances(vectors), checks=False))


def test_the_changes_to_the_distances_are_the_square_ones(blocks: int) -> None:
    n = 90
    rng = np.random.default_rng(1)
    square = _square_distances(_vectors(n))
    same_event = rng.random((n, n)) < 0.3
    same_event |= same_event.T
    forbidden = rng.random((n, n)) < 0.2
    forbidden |= forbidden.T
    condensed = squareform(square, checks=False)
    cluster._closer_on_same_event(condensed, same_event)
    cluster._keep_apart(condensed, forbidden)
    np.subtract(square, cluster.SAME_PREDICATE_BONUS, out=square, where=same_event)
    np.maximum(square, 0.0, out=square, where=same_event)
    square[forbidden] = cluster.CANNOT_LINK
    np.fill_diagonal(square, 0.0)
    assert np.array_equal(condensed, squareform(square, checks=False))


def test_cells_are_found_in_the_condensed_array(blocks: int) -> None:
    n = 61
    square = _square_distances(_vectors(n, seed=2))
    np.fill_diagonal(square, 0.0)
    condensed = rowblocks.to_condensed(square)
    assert np.array_equal(condensed, squareform(square, checks=False))
    assert np.array_equal(rowblocks.to_condensed(square.astype(np.float32), np.float64), condensed)
    assert all(
        condensed[rowblocks.pair_index(n, i, j)] == square[i, j] for i in range(n) for j in range(i + 1, n)
    )
    order = np.random.default_rng(3).permutation(n)
    rows, cols = order[:25], order[25:]
    assert np.array_equal(rowblocks.pick(condensed, n, rows, cols), square[np.ix_(rows, cols)])
    for members in (np.sort(order[:30]), order[:30], order[:1], order[:0]):
        expected = squareform(square[np.ix_(members, members)], checks=False)
        assert np.array_equal(rowblocks.sub_condensed(condensed, n, members), expected)


def _square_constrained_groups(
    distance: np.ndarray, forbidden: np.ndarray, threshold: float
) -> list[list[int]]:
    """`constrained_groups` as it was worked on square matrices."""
    from scipy.cluster.hierarchy import fcluster, linkage

    def link(square: np.ndarray, method: str) -> np.ndarray:
        tree = linkage(squareform(square, checks=False), method=method)
        return np.asarray(fcluster(tree, t=threshold, criterion="distance"))

    distance = distance.copy()
    distance[forbidden] = cluster.CANNOT_LINK
    np.fill_diagonal(distance, 0.0)
    groups: list[list[int]] = []
    labels = link(distance, "average")
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        if forbidden[np.ix_(idx, idx)].any():
            sub = link(distance[np.ix_(idx, idx)], "complete")
            groups += [[int(idx[k]) for k in np.flatnonzero(sub == s)] for s in np.unique(sub)]
        else:
            groups.append([int(k) for k in idx])
    return groups


@pytest.mark.parametrize("seed", range(4))
def test_constrained_groups_are_those_of_the_square_matrices(seed: int, blocks: int) -> None:
    """Tight groups of near copies, a few pairs of which may not meet: some groups hold a forbidden pair
    after average linkage and are split again."""
    rng = np.random.default_rng(seed)
    centres = _vectors(6, seed=seed)[rng.integers(0, 6, size=150)]
    vectors = centres + rng.normal(scale=0.005, size=centres.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    distance = _square_distances(vectors)
    forbidden = rng.random(distance.shape) < 0.002
    forbidden |= forbidden.T
    np.fill_diagonal(forbidden, False)
    expected = _square_constrained_groups(distance, forbidden, 0.3)
    assert cluster.constrained_groups(distance, forbidden, 0.3) == expected
    condensed = rowblocks.to_condensed(distance)
    cluster._keep_apart(condensed, forbidden)
    labels = cluster._labels(condensed, 0.3, "average")
    assert any(forbidden[np.ix_(labels == label, labels == label)].any() for label in np.unique(labels))
    assert cluster.constrained_groups(distance[:1, :1], forbidden[:1, :1], 0.3) == [[0]]
