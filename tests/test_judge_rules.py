"""Judgement rules that keep a desk from false alarms, on short texts written for these tests."""

from __future__ import annotations

import checker


def test_a_total_after_a_change_is_worked_out_not_contradicted():
    assert checker.compare("Sam had 35 books. Then he bought 56 more books.", "Sam has 91 books now.") == []
    assert [f.kind for f in checker.compare("Sam had 35 books.", "Sam had 92 books.")] == [
        checker.FindingKind.CONFLICT
    ]


def test_figures_paired_the_wrong_way_round_are_not_a_disagreement():
    a = "The Dow fell 3% on Monday and the S&P 500 fell 9% on Monday."
    b = "The S&P 500 fell 9% on Monday while the Dow fell 3% on Monday."
    assert checker.compare(a, b) == []


def test_different_nights_and_different_events_never_conflict():
    a = "Russia's Defence Ministry said it shot down 105 Ukrainian drones overnight."
    b = "Ukraine's air force said Russia launched 128 drones overnight."
    assert checker.compare(a, b) == []
