"""Pairs asked a block of rows at a time give the answers of every pair asked at once, or one by one."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

import checker
from checker.claims.measures import wording
from checker.match import rowblocks
from checker.match.constraints import cannot_link, cannot_link_matrix
from checker.match.intervals import compatibility_matrix, compatibility_table, compatible
from checker.models import Article
from checker.options import CheckOptions

TEXTS = [
    "Russia said it shot down 105 Ukrainian drones over the Moscow region overnight. "
    "Ukraine launched about 150 drones, officials said. Reid, 33, was hurt.",
    "Officials said 106 drones were shot down over Moscow on Thursday. Tara Reid, 34, was hurt. "
    "At least 12 people were killed in Gaza City and 40 people were killed in the Jabaliya refugee camp.",
    "Nearly 1,000 people were evacuated from a 620-mile front. About 90 minutes later 15 people were killed.",
    "The storm killed 14 people and destroyed 1,200 homes along a 1,000-kilometer front. "
    "Rescuers found 3 people alive; more than 160 flights were cancelled.",
    "The fire burned 18,200 hectares and forced 950 people from their homes. 45,000 acres burned in all.",
]


@pytest.fixture(scope="module")
def claims() -> list[checker.Claim]:
    found: list[checker.Claim] = []
    for k, text in enumerate(TEXTS):
        published = datetime(2025, 5, 20 + k, 9, 0)
        found += checker.extract(Article(id=f"a{k}", source=f"S{k}", published=published, text=text))
    assert len(found) >= 15
    return found


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of one to a few rows, so that every matrix here is worked in many blocks."""
    monkeypatch.setattr(rowblocks, "PAIRS_PER_BLOCK", 50)


@pytest.mark.parametrize("n", [0, 1, 2, 5, 24, 101])
def test_pair_blocks_are_the_upper_triangle_in_order(n: int):
    pairs = list(rowblocks.pair_blocks(n))
    assert n < 2 or len(pairs) > 1 or n * n <= rowblocks.PAIRS_PER_BLOCK
    i = np.concatenate([p[0] for p in pairs]) if pairs else np.zeros(0, dtype=np.int64)
    j = np.concatenate([p[1] for p in pairs]) if pairs else np.zeros(0, dtype=np.int64)
    expected = np.triu_indices(n, 1)
    assert np.array_equal(i, expected[0]) and np.array_equal(j, expected[1])


def test_upper_where_is_nonzero_of_the_upper_triangle():
    matrix = np.random.default_rng(0).random((37, 37)) < 0.3
    got = list(rowblocks.upper_where(37, lambda rows: matrix[rows]))
    assert got == [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(matrix, 1)), strict=True)]


def test_compatibility_matrix_is_compatible_of_each_pair(claims: list[checker.Claim]):
    options = CheckOptions()
    quantities = [c.quantity for c in claims]
    agree = compatibility_matrix(quantities, options)
    n = len(claims)
    for i in range(n):
        assert agree[i, i]
        for j in range(i + 1, n):
            assert agree[i, j] == agree[j, i] == compatible(quantities[i], quantities[j], options)
    table = compatibility_table(quantities, options)
    assert [[bool(x) for x in row] for row in table] == [
        [compatible(a, b, options) for b in quantities] for a in quantities
    ]


@pytest.mark.parametrize(
    "off",
    [frozenset(), frozenset({"orders_apart", "events_differ"}), frozenset({"part_whole", "places_differ"})],
)
def test_cannot_link_matrix_is_cannot_link_of_each_pair(claims: list[checker.Claim], off: frozenset[str]):
    options = CheckOptions(disabled_rules=off)
    agree = compatibility_matrix([c.quantity for c in claims], options)
    words = [wording(c) for c in claims]
    apart = cannot_link_matrix(claims, options, agree, words)
    n = len(claims)
    assert not apart.diagonal().any()
    for i in range(n):
        for j in range(i + 1, n):
            one = cannot_link(
                claims[i], claims[j], options, agree=bool(agree[i, j]), words=(words[i], words[j])
            )
            assert apart[i, j] == apart[j, i] == one, (claims[i].sentence, claims[j].sentence)
    assert apart.any() and not apart[np.triu_indices(n, 1)].all()  # the pairs tell both answers
