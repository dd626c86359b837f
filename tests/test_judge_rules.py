"""Judgement rules that keep a desk from false alarms, on short texts written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

import checker
from checker.models import Article


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


def test_a_result_of_parts_told_in_one_sentence_is_worked_out():
    told = "The shelter had 28 blankets, and it bought 36 new ones and a church gave it 4 more."
    assert checker.compare(told, "The shelter has 68 blankets now.") == []
    assert checker.compare("There are 6 buses and 3 depots.", "There are 3 more buses than depots.") == []
    each = "Six volunteers worked at each stall, and there were 34 stalls."
    assert checker.compare(each, "204 volunteers worked at the fair.") == []


def test_a_bound_is_never_taken_for_a_sum():
    a = "Mohan beat Sohan by 40 m and Sohan beat Rohan by 80 m."
    b = "Mohan beat Sohan by less than 40 m and Sohan beat Rohan by 80 m."
    assert [f.kind for f in checker.compare(a, b)] == [checker.FindingKind.CONFLICT]


def test_bare_figures_compare_only_when_they_name_the_same_concept():
    a = "After the final exam, the class average was 79."
    assert [f.kind for f in checker.compare(a, "After the final exam, the class average was 39.")] == [
        checker.FindingKind.CONFLICT
    ]
    assert checker.compare(a, "After the final exam, the school's budget was 39.") == []


# two earthquakes a desk might read in one archive; the sentences with the tolls name no place
ACEH = [
    "Rescuers in Takengon dug through the rubble of Bener Meriah villages after the Aceh earthquake. "
    "A mosque in Bener Meriah collapsed during dawn prayers. The quake killed 24 people, officials said.",
    "Villagers around Takengon and Bener Meriah slept outside as aftershocks rattled Aceh. Landslides cut "
    "the road from Takengon to Bener Meriah. The earthquake killed 24 people, the disaster agency said.",
    "Takengon's hospital treated the injured from Bener Meriah after the Aceh quake, and the mosque in "
    "Bener Meriah lay in ruins. The quake killed 24 people, according to officials.",
]
PAPUA = [
    "Residents of Manokwari fled to higher ground when the Papua earthquake brought down a hotel. Guests "
    "of the Manokwari hotel were pulled from the lobby. The quake killed four people, officials said.",
    "A hotel in Manokwari collapsed in the Papua earthquake as guests ran into the street, and the "
    "Manokwari airport closed its runway. The earthquake killed four people, the disaster agency said.",
    "Aftershocks kept Manokwari awake after the Papua quake flattened a seaside hotel near the Manokwari "
    "airport. The quake killed four people, according to officials.",
]


def test_two_similar_events_in_one_archive_never_conflict():
    articles = [
        checker.Article(id=f"{side}{i}", source=f"Outlet {side}{i}", text=text)
        for side, texts in (("aceh", ACEH), ("papua", PAPUA))
        for i, text in enumerate(texts)
    ]
    assert checker.check(articles).findings == []
    # the same archive read as one story: the two quakes' death tolls are taken for one fact
    one_story = checker.check(articles, story_contrast=0)
    assert [f.kind for f in one_story.findings] == [checker.FindingKind.CONFLICT]


def test_the_size_of_one_thing_never_meets_an_amount():
    kick = "Scobee made a 44-yard field goal to give Jacksonville a 17-7 halftime lead."
    assert checker.compare(kick, "Wayne caught five passes for 68 yards in the first half.") == []
    contract = "The team signed Brand to a five-year contract."
    assert checker.compare(contract, "The team has not had a winning season in three years.") == []


def test_a_count_written_as_a_size_never_meets_a_count_of_things():
    won = "The Green Union won 191 seats, leaving it short of an outright majority."
    chamber = "The Green Union won a plurality in the 350-seat chamber."
    assert checker.compare(won, chamber) == []
    other_size = "The Green Union won a plurality in the 360-seat chamber."
    assert [f.kind for f in checker.compare(chamber, other_size)] == [checker.FindingKind.CONFLICT]


def test_a_size_meets_a_size_of_the_same_thing():
    a = "The 984-foot container ship lost power before the crash."
    b = "The ship, which measures 1,200 feet from bow to stern, lost power before the crash."
    assert [f.kind for f in checker.compare(a, b)] == [checker.FindingKind.CONFLICT]


def test_a_rate_never_meets_a_total():
    total = "Bush ran for 30 yards on Sunday."
    assert checker.compare(total, "Bush averaged 3.8 yards per carry on Sunday.") == []
    rates = checker.compare(
        "Bush averaged 3.8 yards per carry on Sunday.", "Bush averaged 5.2 yards a carry on Sunday."
    )
    assert [sorted(c.text for c in f.claims) for f in rates] == [["3.8 yards per carry", "5.2 yards a carry"]]


def test_a_depth_and_distances_from_different_places_never_meet():
    bireun = "The quake struck 55 km south of Bireun, the USGS said."
    assert checker.compare("The quake struck at a depth of 10 km, the USGS said.", bireun) == []
    assert checker.compare("The quake struck 431 km off Banda Aceh, the USGS said.", bireun) == []
    other_spelling = "The quake struck 70 km (43 miles) south of the town of Bireuen, the USGS said."
    assert [f.kind for f in checker.compare(bireun, other_spelling)] == [checker.FindingKind.CONFLICT]


def test_two_statistics_lines_that_disagree_on_everything_else_are_two_subjects():
    season = "He rushed for 404 yards and two touchdowns on 106 carries this season."
    other = "He rushed for 269 yards and five touchdowns on 83 carries this season."
    assert checker.compare(season, other) == []
    misreport = "He rushed for 404 yards and two touchdowns on 116 carries this season."
    assert [f.kind for f in checker.compare(season, misreport)] == [checker.FindingKind.CONFLICT]


def test_a_time_counted_back_from_the_day_of_writing_moves_with_the_date():
    tuesday = Article(
        id="a",
        source="A",
        published=datetime(2008, 12, 9),
        text="The riots began eight days ago, police said.",
    )
    thursday = Article(
        id="b",
        source="B",
        published=datetime(2008, 12, 11),
        text="The riots began ten days ago, police said.",
    )
    assert checker.check([tuesday, thursday]).findings == []
    wrong = thursday.model_copy(update={"text": "The riots began three weeks ago, police said."})
    assert [f.kind for f in checker.check([tuesday, wrong]).findings] == [checker.FindingKind.CONFLICT]
    undated = [a.model_copy(update={"published": None}) for a in (tuesday, wrong)]
    assert checker.check(undated).findings == []


def test_time_explains_a_figure_only_when_it_explains_every_source_at_odds_with_it():
    def report(name: str, hour: int, hours: str) -> Article:
        text = f"The budget cleared parliament on Saturday after {hours} hours of debate, officials said."
        return Article(id=name, source=f"Outlet {name}", published=datetime(2025, 3, 8, hour), text=text)

    # a debate's length only grows: 'eight' after 'nine' is no earlier stage of it
    earlier, later = report("a", 9, "nine"), report("c", 15, "nine")
    assert checker.check([earlier, report("b", 12, "eight")]).findings != []
    (finding,) = checker.check([earlier, report("b", 12, "eight"), later]).findings
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["b"]
    # 'eight' before every 'nine' is the debate seen earlier
    assert checker.check([report("b", 6, "eight"), earlier, later]).findings == []


def test_a_part_of_a_stated_whole_never_meets_the_whole():
    a = "Three of the four Israeli soldiers killed by friendly fire died when a tank fired on them."
    b = "Four Israeli soldiers were killed by friendly fire when a tank fired on them."
    assert checker.compare(a, b) == []


def test_a_measure_that_shares_only_a_verb_is_not_pinned_to_one_fact():
    assert checker.compare("He had 793 yards and six touchdowns.", "Later he had just 269 yards.") == []
    told_alike = checker.compare(
        "Lionel walked to Walt's house, 48 miles away.", "Lionel walked to Walt's house, 38 miles away."
    )
    assert [f.kind for f in told_alike] == [checker.FindingKind.CONFLICT]


def test_the_cash_part_of_a_price_never_meets_the_price():
    a = "AMD is paying $281 million in cash for SeaMicro, the company said."
    b = "AMD is paying $334 million for SeaMicro, the company said."
    assert checker.compare(a, b) == []
    both = "AMD is paying $320 million in cash and stock for SeaMicro, the company said."
    assert [f.kind for f in checker.compare(b, both)] == [checker.FindingKind.CONFLICT]


def test_two_polls_answer_two_questions():
    a = "A poll for Kathimerini found that 68 per cent of Greeks believe the government failed."
    b = "A poll by Ethnos said 83.3 percent of Greeks were unhappy with the government's response."
    assert checker.compare(a, b) == []
    same_poll = "A poll for Kathimerini found that 58 per cent of Greeks believe the government failed."
    assert [f.kind for f in checker.compare(a, same_poll)] == [checker.FindingKind.CONFLICT]


def test_the_count_of_a_stretch_never_meets_the_count_of_the_whole():
    whole = "Garrard completed 28 passes in the game."
    assert checker.compare(whole, "Garrard completed his first 17 passes in the game.") == []
    stretch = checker.compare("He will miss the last two games.", "He will miss the last three games.")
    assert [f.kind for f in stretch] == [checker.FindingKind.CONFLICT]


def test_a_countdown_moves_with_the_moment_of_writing():
    a = "The president has 39 days left in office, officials said."
    b = "The president has 20 days left in office, officials said."
    assert checker.compare(a, b) == []


def test_agreeing_copies_of_one_poll_do_not_pin_another_poll():
    ethnos = "An opinion poll by Ethnos said 83.3 percent of Greeks were unhappy with the government."
    kathimerini = "A survey for Kathimerini found that 68 per cent of Greeks believe the government failed."
    articles = [
        Article(id="a", source="A", text=ethnos),
        Article(id="b", source="B", text=ethnos),
        Article(id="c", source="C", text=kathimerini),
    ]
    assert checker.check(articles).findings == []


PROTEST = "Police said 12 people were arrested during the protest in the city centre."


def test_a_frame_that_holds_two_figures_in_its_own_article_pins_no_fact():
    """The article itself gives 12 and 30 for what the frame reads as one fact, so another outlet's
    20 may be about either: no evidence of a conflict (rule `ambiguous_frame`). Switched off, the
    ambiguity is still weighed: the finding comes back less sure than the plain one."""
    grown = f"{PROTEST} By the evening the number of people arrested during the protest had grown to 30."
    other = "Twenty people were arrested at the protest in the city centre, the police said."
    assert [f.kind for f in checker.compare(PROTEST, other)] == [checker.FindingKind.CONFLICT]
    assert checker.compare(grown, other) == []
    weighed = frozenset({"ambiguous_frame"})
    plain = checker.compare(PROTEST, other, min_confidence=0.0, disabled_rules=weighed)
    vague = checker.compare(grown, other, min_confidence=0.0, disabled_rules=weighed)
    assert vague[0].evidence["ambiguous"] == 1.0 and plain[0].evidence["ambiguous"] == 0.0
    assert vague[0].confidence is not None and plain[0].confidence is not None
    assert vague[0].confidence < plain[0].confidence


def test_a_figure_told_in_the_same_words_is_pinned_even_when_its_frame_is_loose():
    grown = f"{PROTEST} By the evening the number of people arrested during the protest had grown to 30."
    copy = PROTEST.replace("12", "15")
    assert [f.kind for f in checker.compare(grown, copy)] == [checker.FindingKind.CONFLICT]


def test_stretches_of_different_lengths_are_two_stretches():
    five = "After scoring on four of their first five drives, the Jaguars punted to start the fourth quarter."
    two = "The Jaguars scored touchdowns on their first two drives and led 17-7 at halftime."
    assert checker.compare(five, two) == []


def test_a_part_told_by_a_partitive_or_a_degree_word_never_meets_the_whole():
    assert checker.compare("Two of the bombs fell inside the camp.", "Four bombs fell on the camp.") == []
    seriously = "Dozens of people were seriously injured in the quake."
    assert checker.compare(seriously, "The quake injured 250 people.") == []


def test_an_age_a_year_apart_is_a_birthday_unless_the_reports_are_days_apart():
    trial = "Trial is set for June 17 for 26-year-old Christopher Simpson, who is accused of the shooting."
    verdict = "A jury found 27-year-old Christopher Simpson guilty of the shooting."
    assert checker.compare(trial, verdict) == []
    same_week = checker.compare(
        trial, verdict, published_a=datetime(2013, 1, 4), published_b=datetime(2013, 1, 3)
    )
    assert [f.kind for f in same_week] == [checker.FindingKind.CONFLICT]


def test_a_wording_an_article_repeats_with_other_figures_is_a_template_that_pins_nothing():
    """Two suspects described in one article in the same words: another outlet's description in those
    words is no more one of them than the other."""
    described = "described as a black male, {}, {} with brown eyes and black hair."
    articles = _outlets(
        {
            "a": "Police are looking for two men. The first is "
            + described.format("5'11\"", "160lbs")
            + " The second is "
            + described.format("6'02\"", "200lbs"),
            "b": "Police are looking for a man. He is " + described.format("5'08\"", "175lbs"),
        }
    )
    assert checker.check(articles).findings == []


@pytest.mark.parametrize(
    ("party", "rival"), [("The Civic Alliance", "The People's Front"), ("The SNP", "The DUP")]
)
def test_a_copy_of_one_row_of_a_template_still_meets_its_figure(party: str, rival: str):
    """Rows of a template told apart by their words (the party, however short its name) are told apart:
    another outlet's copy of one row is about that row, and a misreported seat count is a conflict."""
    said = "in Sunday's parliamentary election, officials said."
    articles = _outlets(
        {
            "a": f"{party} won 52 seats {said} {rival} won 40 seats {said}",
            "b": f"{party} won 47 seats {said}",
            "c": f"{party} won 52 seats {said}",
        }
    )
    (finding,) = checker.check(articles).findings
    assert finding.kind == checker.FindingKind.CONFLICT
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["b"]


def test_rows_told_apart_by_another_figure_still_meet_their_copies():
    """Rows of a template that differ in a figure that is not the claim's own (the district) are told
    apart by it: a copy of one row with another turnout is a conflict."""
    articles = _outlets(
        {
            "a": "In District 7, turnout was 52 percent. In District 9, turnout was 41 percent.",
            "b": "In District 7, turnout was 61 percent.",
            "c": "In District 7, turnout was 52 percent.",
        }
    )
    (finding,) = checker.check(articles).findings
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["b"]


def test_one_kind_of_sum_never_meets_another():
    revenue = "AMD expects the combined company to bring in an additional $300 million in revenue."
    research = "The company spent $389.1 million in research and development last year."
    assert checker.compare(revenue, research) == []
    more = revenue.replace("$300 million", "$420 million")
    assert [f.kind for f in checker.compare(revenue, more)] == [checker.FindingKind.CONFLICT]


def test_the_state_a_count_is_left_in_is_its_event():
    missing = "A strong earthquake struck Aceh province on Tuesday, leaving two people missing."
    trapped = "The earthquake left 14 people trapped when a mosque collapsed in Aceh province."
    assert checker.compare(missing, trapped) == []
    dead = "The storm left 12 people dead in the town."
    assert [f.kind for f in checker.compare(dead, "The storm killed 15 people in the town.")] == [
        checker.FindingKind.CONFLICT
    ]


def test_counts_twenty_times_apart_are_two_facts():
    war = "More than 640 Palestinians have been killed in Gaza, medical officials said."
    strike = "Three Palestinians were killed in Gaza, medical officials said."
    assert checker.compare(war, strike) == []
    slip = "Sixty-four Palestinians have been killed in Gaza, medical officials said."
    assert [f.kind for f in checker.compare(war, slip)] == [checker.FindingKind.CONFLICT]


def test_places_the_gazetteer_does_not_know_are_one_place_only_when_they_share_a_name():
    from checker.match.constraints import places_differ
    from checker.models import Slot

    def placed(name: str) -> checker.Claim:
        claim = checker.extract("Ten houses were damaged, officials said.")[0]
        return claim.model_copy(
            update={"frame": claim.frame.model_copy(update={"place": Slot(text=name, norm=name)})}
        )

    assert places_differ(placed("Takengon"), placed("Central Aceh district"))
    assert not places_differ(placed("the Jabaliya school"), placed("Jabaliya refugee camp"))
    assert not places_differ(
        placed("Kyiv"), placed("Ukraine")
    )  # the gazetteer knows both: one holds the other


def _outlets(texts: dict[str, str]) -> list[checker.Article]:
    return [checker.Article(id=k, source=f"Outlet {k}", text=t) for k, t in texts.items()]


def test_an_open_bound_never_hides_a_misreport_it_happens_to_agree_with():
    # 'more than 70' agrees with 72 and with 112: it has the most support, yet 112 is the misreport
    said = "in Sunday's parliamentary election"
    articles = _outlets(
        {
            "a": f"The Civic Alliance won 72 seats {said}, officials said.",
            "b": f"The Civic Alliance won 72 seats {said}, local media reported.",
            "c": f"The Civic Alliance won more than 70 seats {said}, officials said.",
            "d": f"The Civic Alliance won 112 seats {said}, local media reported.",
            "e": f"The Civic Alliance won more than 70 seats {said}, the commission said.",
        }
    )
    (finding,) = checker.check(articles).findings
    assert finding.kind == checker.FindingKind.CONFLICT
    assert finding.majority is not None and finding.majority.text == "72"
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["d"]


def test_a_bound_stays_the_majority_when_no_figure_agrees_with_it():
    articles = _outlets(
        {
            "a": "At least six people were killed in the floods in the north, officials said.",
            "b": "At least six people were killed in the floods in the north, local media reported.",
            "c": "At least six people were killed in the floods in the north, the agency said.",
            "d": "Four people were killed in the floods in the north, officials said.",
        }
    )
    (finding,) = checker.check(articles).findings
    assert finding.majority is not None and finding.majority.text == "At least six"
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["d"]


def test_figures_that_stand_level_are_all_in_question():
    """One outlet against one, or two against two: nothing tells which figure is wrong, so there is no
    majority and every figure is named, never only the later one."""
    said = "were killed in the floods in the north"
    one_each = _outlets({"a": f"Six people {said} on Monday.", "b": f"Eight people {said} on Monday."})
    (finding,) = checker.check(one_each).findings
    assert finding.kind == checker.FindingKind.CONFLICT and finding.majority is None
    assert sorted(c.article_id for c in finding.claims if c.id in finding.outliers) == ["a", "b"]
    assert "No figure has most of the outlets behind it" in finding.reason

    texts = {"a": f"Six people {said}.", "b": f"Six people {said}.", "c": f"Eight people {said}."}
    (finding,) = checker.check(_outlets(texts)).findings
    assert finding.majority is not None and finding.majority.sources == 2
    assert [c.article_id for c in finding.claims if c.id in finding.outliers] == ["c"]

    (finding,) = checker.check(_outlets({**texts, "d": f"Eight people {said}."})).findings
    assert finding.majority is None
    assert sorted(c.article_id for c in finding.claims if c.id in finding.outliers) == ["a", "b", "c", "d"]


def test_the_majority_is_counted_in_outlets_and_level_severity_ignores_the_order_of_publication():
    said = "were killed in the floods in the north"
    one_outlet_twice = [
        checker.Article(id="a1", source="Outlet A", text=f"Six people {said}."),
        checker.Article(id="a2", source="Outlet A", text=f"Six people {said}, it added."),
        checker.Article(id="b", source="Outlet B", text=f"Eight people {said}."),
        checker.Article(id="c", source="Outlet C", text=f"Eight people {said}."),
    ]
    (finding,) = checker.check(one_outlet_twice).findings
    assert finding.majority is not None and finding.majority.text == "Eight" and finding.majority.sources == 2
    assert sorted(c.article_id for c in finding.claims if c.id in finding.outliers) == ["a1", "a2"]

    def severity(first: str, second: str) -> checker.Severity:
        texts = {"a": f"{first} people {said}.", "b": f"{second} people {said}."}
        (level,) = checker.check(_outlets(texts)).findings
        return level.severity

    assert severity("100", "121") == severity("121", "100") == checker.Severity.MEDIUM
