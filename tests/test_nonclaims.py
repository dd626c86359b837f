"""Figures real pages print that claim nothing: each named rule fires on its case and not on the claim
beside it, and switching a rule off brings its figures back."""

from __future__ import annotations

import pytest

import checker
from checker.claims.nonclaims import NON_CLAIM_RULES, non_claim
from checker.match.cluster import block_key
from checker.options import READING_RULES, SWITCHABLE_RULES


def _rules(text: str) -> dict[str, str | None]:
    """Each figure of `text` (every rule off while extracting) and the rule that names it a non-claim."""
    claims = checker.extract(text, disabled_rules=frozenset(NON_CLAIM_RULES) | READING_RULES)
    return {c.text: non_claim(c) for c in claims}


@pytest.mark.parametrize(
    ("text", "figure", "rule"),
    [
        ("Police responded to 1576 S. White Station Road on Tuesday.", "1576", "street_address"),
        ("The shooting happened in the 2400 block of Main Street.", "2400", "street_address"),
        ("Officers arrived at 4 a.m. after a call.", "4", "clock_time"),
        ("Image 7 of 52 shows the scene.", "7", "gallery_counter"),
        ("Image 7 of 52 shows the scene.", "52", "gallery_counter"),
        ("Anyone with information should call 555-1234.", "555-1234", "phone_number"),
        ("Two men were found dead in the house.[8] Police said little.", "8", "citation_marker"),
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
        ('"They killed [12] of our men," he said.', "12"),
        ("Organizers said 250-1000 marchers joined the rally.", "250-1000"),
    ],
)
def test_the_claim_beside_it_stays(text: str, figure: str):
    assert _rules(text)[figure] is None


def test_a_rule_switched_off_keeps_its_figures():
    text = "Police responded to 1576 S. White Station Road on Tuesday."
    assert "1576" not in {c.text for c in checker.extract(text)}
    assert "1576" in {c.text for c in checker.extract(text, disabled_rules=frozenset({"street_address"}))}


@pytest.mark.parametrize(
    ("text", "figure", "calibre"),
    [
        ("Police found 9 mm magazines in the car.", "9 mm", 9.0),
        ("He carried a .40-caliber pistol.", ".40", 40.0),
        ("He carried a 40-caliber pistol.", "40", 40.0),
        ("Police said the teen had a .357 revolver.", ".357", 357.0),
        ("A 12-gauge shotgun was found.", "12", 12.0),
    ],
)
def test_a_calibre_is_a_fact_about_the_weapon(text: str, figure: str, calibre: float):
    """Kept, compared with calibres only, and written without its point: '.40' and '40-caliber' agree."""
    (claim,) = [c for c in checker.extract(text) if c.text == figure]
    assert (claim.quantity.value, block_key(claim)) == (calibre, "count:calibre")


def test_calibres_read_two_ways_agree_and_different_calibres_do_not():
    def calibres(*texts: str) -> set[float]:
        return {
            c.quantity.value for t in texts for c in checker.extract(t) if block_key(c) == "count:calibre"
        }

    assert calibres("He was shot with a .40-caliber pistol.", "He was shot with a 40-caliber pistol.") == {
        40.0
    }
    assert calibres("a .38-caliber revolver", "a .357 revolver") == {38.0, 357.0}


def test_a_calibre_switched_off_is_read_as_written():
    (claim,) = checker.extract(
        "Police found 9 mm magazines in the car.", disabled_rules=frozenset({"calibre"})
    )
    assert claim.quantity.dimension == "length"


def test_every_rule_can_be_switched_off_by_name():
    assert set(NON_CLAIM_RULES) | READING_RULES <= SWITCHABLE_RULES
    with pytest.raises(ValueError, match="unknown rule"):
        checker.CheckOptions(disabled_rules=frozenset({"no_such_rule"}))
