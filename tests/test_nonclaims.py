"""Figures real pages print that claim nothing: each named rule fires on its case and not on the claim
beside it, and switching a rule off brings its figures back."""

from __future__ import annotations

import pytest

import checker
from checker.nonclaims import NON_CLAIM_RULES, non_claim
from checker.options import SWITCHABLE_RULES


def _rules(text: str) -> dict[str, str | None]:
    """Each figure of `text` (every rule off while extracting) and the rule that names it a non-claim."""
    claims = checker.extract(text, disabled_rules=frozenset(NON_CLAIM_RULES))
    return {c.text: non_claim(c) for c in claims}


@pytest.mark.parametrize(
    ("text", "figure", "rule"),
    [
        ("Police responded to 1576 S. White Station Road on Tuesday.", "1576", "street_address"),
        ("The shooting happened in the 2400 block of Main Street.", "2400", "street_address"),
        ("Officers arrived at 4 a.m. after a call.", "4", "clock_time"),
        ("Image 7 of 52 shows the scene.", "7", "gallery_counter"),
        ("Image 7 of 52 shows the scene.", "52", "gallery_counter"),
        ("Police found 9 mm magazines in the car.", "9 mm", "calibre"),
        ("He carried a .40-caliber pistol.", ".40", "calibre"),
        ("A 12-gauge shotgun was found.", "12", "calibre"),
        ("Anyone with information should call 555-1234.", "555-1234", "phone_number"),
    ],
)
def test_a_non_claim_is_named_by_its_rule(text: str, figure: str, rule: str):
    assert _rules(text)[figure] == rule


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Four people were shot in the 2400 block of Main Street.", "Four"),
        ("Rain reached 9 mm on Monday.", "9 mm"),
        ("The gunman fired 7 of his 52 rounds, police said.", "7"),
        ("Two people were wounded at 4 a.m.", "Two"),
        ("The city paved 12 roads last year.", "12"),
        ("Police searched 12 blocks of the city.", "12"),
        ("The jobless rate rose .5 percent in May.", ".5 percent"),
        ("Organizers said 250-1000 marchers joined the rally.", "250-1000"),
    ],
)
def test_the_claim_beside_it_stays(text: str, figure: str):
    assert _rules(text)[figure] is None


def test_a_rule_switched_off_keeps_its_figures():
    text = "Police responded to 1576 S. White Station Road on Tuesday."
    assert "1576" not in {c.text for c in checker.extract(text)}
    assert "1576" in {c.text for c in checker.extract(text, disabled_rules=frozenset({"street_address"}))}


def test_every_rule_can_be_switched_off_by_name():
    assert set(NON_CLAIM_RULES) <= SWITCHABLE_RULES
    with pytest.raises(ValueError, match="unknown rule"):
        checker.CheckOptions(disabled_rules=frozenset({"no_such_rule"}))
