"""The comparison rules of checker.match.intervals, one case each."""

from __future__ import annotations

import pytest

from checker import CheckOptions, parse_quantities
from checker.match.intervals import compatible

OPTS = CheckOptions()


def q(text: str):
    (found,) = parse_quantities(text)
    return found


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("more than 160 flights", "165 flights", True),
        ("more than 160 flights", "150 flights", False),
        ("105 drones", "150 drones", False),
        ("105 drones", "106 drones", False),
        ("a 1,000-kilometer front", "a 620-mile front", True),
        ("a 1,200-kilometer front", "a 620-mile front", False),
        ("1.2 million people", "1,180,000 people", True),
        ("about 90 minutes", "two hours", False),
        ("about 1,000 people", "950 people", True),
        ("nearly 1,000 people", "950 people", True),
        ("nearly 1,000 people", "1,000 people", True),
        ("just over four minutes", "four minutes", True),
        ("nearly 1,000 people", "1,001 people", False),
        ("tens of thousands of troops", "20,000 troops", True),
        ("dozens of drones", "12 drones", False),
        ("18,200 hectares", "45,000 acres", True),
        ("$5 million", "€5 million", True),
        ("5%", "5 people", True),
    ],
)
def test_rules(a: str, b: str, agree: bool):
    assert compatible(q(a), q(b), OPTS) is agree
    assert compatible(q(b), q(a), OPTS) is agree
