"""The concept of a figure (NewsQuant's `referred_concepts`) on sentences written for these tests."""

from __future__ import annotations

import pytest

import checker
from checker.models import Article


def _concept(text: str, figure: str) -> str | None:
    claims = checker.extract(Article(id="t", source="Test", text=text))
    return next(c for c in claims if c.text == figure).frame.concept


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("Core inflation rose 0.3% in March.", "0.3%", "core inflation"),  # the thing measured
        ("The hotel sits on a 40-acre lot.", "40-acre", "lot"),  # a measure names its noun
        ("Wood scored 22 goals last season.", "22", "wood"),  # the goals are the unit
        ("Base price: $59,995.", "$59,995", "base price"),  # a label before the figure
        ("He said it cost $5 million.", "$5 million", None),  # a pronoun names nothing
    ],
)
def test_concept(text: str, figure: str, expected: str | None) -> None:
    assert _concept(text, figure) == expected
