"""A figure that covers a share of what another outlet's covers, and is no larger, is no conflict
(`checker.claims.scopes`); a larger share still is. Short texts written for these tests."""

from __future__ import annotations

from datetime import datetime

import checker
from checker.claims.scopes import narrower, nested
from checker.models import Article


def _kinds(a: str, b: str) -> list[checker.FindingKind]:
    return [f.kind for f in checker.compare(a, b)]


def _figure(text: str, article: str = "t") -> checker.Claim:
    return checker.extract(Article(id=article, text=text))[0]


def test_one_places_count_is_a_share_of_the_whole():
    whole = "Around 40 houses were damaged by the earthquake, officials said."
    town = "{} houses were damaged in Takengon, the capital of Central Aceh district, officials said."
    assert _kinds(whole, town.format("Ten")) == []
    assert nested(_figure(whole, "a"), _figure(town.format("Ten"), "b"))
    assert not nested(_figure(whole, "a"), _figure(town.format("Sixty"), "b"))  # a share exceeds no whole
    for named in ("in the town of Takengon", "in the district capital Takengon", "in Kharkiv"):
        assert _figure(f"Ten houses were damaged {named}, officials said.").frame.place is not None, named


def test_a_place_named_in_a_when_clause_makes_a_share():
    whole = "The bombing of UN schools and housing killed more than 50 people, the agency said."
    school = (
        "Some 30 people were killed when shells landed at a school in the Jabaliya refugee camp, "
        "the agency said."
    )
    assert _kinds(whole, school) == []


def test_a_place_describing_the_counted_noun_is_no_share():
    a = "The 2004 tsunami killed 230,000 people in 14 countries."
    b = "The 2004 tsunami killed 230,000 people in 13 countries around the Indian Ocean."
    assert _kinds(a, b) == [checker.FindingKind.CONFLICT]
    assert _figure("Lawmakers in Quessa passed a budget of 286 billion euros on Tuesday.").frame.site is None


def test_the_latest_episode_is_a_share_but_the_latest_toll_is_not():
    riots = "Youths attacked a police station and at least three banks, police said."
    latest = "In the latest riots overnight, youths attacked a government building and two banks."
    assert _kinds(riots, latest) == []
    toll = "The quake killed 40 people, officials said."
    latest_toll = "In the latest toll, the quake killed 25 people, officials said."
    assert _kinds(toll, latest_toll) == [checker.FindingKind.CONFLICT]
    deadline = _figure("Youths attacked two banks and will march again by Friday at the latest.", "a")
    assert not narrower(deadline, _figure("Youths attacked three banks, police said.", "b"))


def test_a_total_since_a_date_is_a_share_of_the_total():
    whole = "Gray had previously been arrested four times on charges of grand larceny."
    since = "Gray had been arrested {} times since October on charges of grand larceny."
    assert _kinds(whole, since.format("three")) == []
    assert _kinds(whole, since.format("six")) == [checker.FindingKind.CONFLICT]


def test_a_sum_over_several_stretches_holds_each_stretch():
    nights = "Police made over 50 arrests over four nights."
    assert _kinds("Police made 46 arrests, officials said.", nights) == []
    rounds = "SeaMicro raised $35 million in two rounds of funding."
    assert _kinds(rounds, "Most recently, SeaMicro raised $20 million.") == []
    assert _kinds(rounds, "SeaMicro raised $50 million from investors.") == [checker.FindingKind.CONFLICT]


def test_an_activitys_length_so_far_moves_with_the_date():
    five = Article(
        id="a", source="A", published=datetime(2008, 12, 11), text="The shooting sparked five days of riots."
    )
    eight = Article(
        id="b", source="B", published=datetime(2008, 12, 14), text="The shooting sparked eight days of riots."
    )
    assert checker.check([five, eight]).findings == []
    same_day = eight.model_copy(update={"published": datetime(2008, 12, 11)})
    assert [f.kind for f in checker.check([five, same_day]).findings] == [checker.FindingKind.CONFLICT]
    undated = [a.model_copy(update={"published": None}) for a in (five, same_day)]
    assert checker.check(undated).findings == []
    shorter_later = five.model_copy(update={"published": datetime(2008, 12, 17)})
    assert [f.kind for f in checker.check([eight, shorter_later]).findings] == [checker.FindingKind.CONFLICT]


def test_a_name_owning_the_counted_noun_is_whose_figure_it_is():
    new = "Luck set an NFL rookie record for a season with 4,183 passing yards."
    old = "Luck surpassed Cam Newton's record of 4,051 passing yards in the second quarter."
    assert _kinds(new, old) == []


def test_what_outlets_leave_out_of_one_event_is_no_share():
    """Real disagreements the share rules must not explain away."""
    conflict = [checker.FindingKind.CONFLICT]
    assert _kinds("Floods destroyed 2,000 homes in Pakistan.", "Floods destroyed 3,000 homes.") == conflict
    day = "The storm killed 50 people in the last 24 hours."
    assert _kinds(day, "The storm killed 40 people.") == conflict
    a = "The blast, the latest in a string of attacks on the city, killed 12 people."
    assert _kinds(a, "The blast killed 15 people.") == conflict
    war = "The civil war has killed 300,000 people since 2011."
    assert _kinds(war, "The civil war has killed 400,000 people.") == conflict
    price = "Apple shares closed at $500 on Friday, the latest sign of investor worry."
    assert not nested(_figure(price, "a"), _figure("Apple shares closed at $520 on Friday.", "b"))
    assert _figure("The strike killed 12 soldiers trained in Jordan.").frame.site is None


def test_a_name_owning_the_figure_keeps_all_its_words():
    owner = _figure("Analysts said Bank of America's profit of $5 billion beat forecasts.").frame.actor
    assert owner is not None and owner.text == "Bank of America"
