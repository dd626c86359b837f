"""Casualty tallies: each article's toll of an incident, compared between outlets however each words it
(`checker.match.tallies`), on short texts written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import checker
from checker.match.tallies import article_tallies, spans_window
from checker.models import Article
from checker.options import CheckOptions


def _tallies(text: str) -> dict[str, float]:
    claims = checker.extract([Article(id="a", text=text, published=datetime(2017, 2, 1))], workers=1)
    return {outcome: claim.quantity.value for outcome, claim in article_tallies(claims, text).items()}


def test_the_first_generic_count_of_each_outcome_is_the_tally():
    text = (
        "A gunman opened fire outside a bowling alley in Memphis, injuring five people. "
        "Three adults in a van were injured. Two people were killed in the shooting."
    )
    assert _tallies(text) == {"injured": 5, "killed": 2}


def test_a_sentence_summing_several_events_or_an_earlier_year_is_no_tally():
    text = (
        "At least 12 people were killed in separate shootings across the city this weekend. "
        "In 2005, four people were killed at the same club."
    )
    assert _tallies(text) == {}


def test_people_shot_in_an_article_naming_no_death_were_injured():
    assert _tallies("Police said three people were shot at a Memphis bowling alley on Tuesday.") == {
        "shot": 3,
        "injured": 3,
    }
    assert _tallies("Three people were shot on Tuesday. One of them died in hospital.") == {"shot": 3}
    assert _tallies("Five people were shot and a girl was injured by glass on Sunday.") == {"shot": 5}


def _article(name: str, text: str, day: int) -> Article:
    return Article(id=name, source=f"{name}.example", text=text, published=datetime(2017, 2, day))


JOPLIN = (
    "The latest on the shooting spree in Joplin that injured eight people: a man has been charged, Joplin "
    "police said.",
    "Joplin police have arrested a driver who opened fire on three cars, injuring five people on Saturday "
    "morning.",
)


def test_two_outlets_giving_different_injured_counts_for_one_shooting_conflict():
    articles = [
        _article(
            "first",
            JOPLIN[0],
            1,
        ),
        _article(
            "second",
            JOPLIN[1],
            2,
        ),
    ]
    # however differently two outlets word a toll (similarity asked to be near identity here), their
    # tallies meet
    apart = {"min_similarity": 0.99, "merge_similarity": 0.99}
    report = checker.check(articles, workers=1, tallies=True, **apart)
    assert [(f.cluster_id, f.kind, sorted(c.quantity.value for c in f.claims)) for f in report.findings] == [
        ("tally:injured#1", checker.FindingKind.CONFLICT, [5.0, 8.0])
    ]
    assert report.findings[0].confidence is not None
    assert not checker.check(articles, workers=1, **apart).findings  # tallies are off by default


def _dated(name: str, text: str, day: datetime) -> Article:
    return Article(id=name, source=f"{name}.example", text=text, published=day)


def _bowling_alley(more: str = "") -> Article:
    """The first report of a shooting in Brockton: eight injured."""
    text = (
        "Eight people were injured when a gunman fired into the Maple Lanes bowling alley on Orchard Road, "
        "police in Brockton said."
    )
    return _dated("first", f"{text} {more}".strip(), datetime(2017, 2, 1))


def test_a_toll_restated_weeks_later_meets_the_first_report_when_the_articles_share_names():
    first = _bowling_alley("Officers arrested Dale Fenwick nearby.")
    later = _dated(
        "later",
        "Dale Fenwick appeared in court on Monday. He is accused of a shooting at the Maple Lanes bowling "
        "alley on Orchard Road that injured five people, prosecutors in Brockton said.",
        datetime(2017, 3, 20),
    )
    report = checker.check([first, later], workers=1, tallies=True)
    tallied = [f for f in report.findings if (f.cluster_id or "").startswith("tally:injured")]
    assert [sorted(c.quantity.value for c in f.claims) for f in tallied] == [[5.0, 8.0]]
    # beyond the tally window, or with tallies off, they never meet
    assert not checker.check([first, later], workers=1, tallies=True, tally_window_days=30).findings
    assert not checker.check([first, later], workers=1).findings


def test_tolls_of_two_incidents_weeks_apart_that_share_one_name_never_meet():
    first = _bowling_alley()
    other = _dated(
        "other",
        "Five people were injured when shots were fired outside the Riverside Tavern on Elm Street, police "
        "in Brockton said.",
        datetime(2017, 3, 20),
    )
    assert not checker.check([first, other], workers=1, tallies=True).findings


def test_a_finding_spans_the_window_whatever_the_zones_of_its_dates():
    claims = checker.extract(
        [
            Article(id="a", text="Five people were injured.", published=datetime(2017, 2, 1)),
            Article(id="b", text="Eight people were injured.", published=datetime(2017, 3, 1, tzinfo=UTC)),
        ],
        workers=1,
    )
    assert spans_window(claims, CheckOptions())
    assert not spans_window(claims, CheckOptions(date_window_days=60))


def test_the_command_line_reads_tallies_when_asked(tmp_path: Path):
    from typer.testing import CliRunner

    from checker.cli import app

    rows = [
        {"id": "first", "source": "first.example", "published": "2017-02-01", "text": JOPLIN[0]},
        {"id": "second", "source": "second.example", "published": "2017-02-02", "text": JOPLIN[1]},
    ]
    archive = tmp_path / "joplin.jsonl"
    archive.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    args = ["check", str(archive), "--format", "json", "--output", str(out), "--quiet", "--tallies"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"]["tallies"] is True
    assert [sorted(c["value"]["value"] for c in f["claims"]) for f in report["findings"]] == [[5.0, 8.0]]


def test_names_spelt_with_or_without_a_hyphen_join_far_tallies():
    from checker.match.tallies import TallyNote, far_groups, tally_note

    early = Article(id="early", text="Four people were injured.", published=datetime(2017, 2, 1))
    late = Article(id="late", text="Three people were injured.", published=datetime(2017, 2, 10))

    def note(article: Article, names: set[str]) -> TallyNote:
        outcomes = article_tallies(checker.extract([article], workers=1), article.text)
        made = tally_note(article, outcomes, frozenset(names))
        assert made is not None
        return made

    options = CheckOptions(tallies=True)
    first = note(early, {"All-Star Lanes", "Billy Hardwick"})
    assert far_groups([first, note(late, {"All Star Lanes", "billy hardwick"})], options) == [
        ["early", "late"]
    ]
    # one name in common is not enough
    assert far_groups([first, note(late, {"Maple Lanes", "Billy Hardwick"})], options) == []


def test_a_toll_told_through_a_chain_of_close_dates_is_reported_once():
    days = (datetime(2017, 2, 1), datetime(2017, 2, 6), datetime(2017, 2, 11))
    figures = ("Eight", "Eight", "Five")
    articles = [
        _dated(
            f"report-{k}",
            f"{figure} people were injured when a gunman fired into the Maple Lanes bowling alley on Orchard "
            "Road, police in Brockton said.",
            day,
        )
        for k, (figure, day) in enumerate(zip(figures, days, strict=True))
    ]
    report = checker.check(articles, workers=1, tallies=True)
    assert [sorted(c.quantity.value for c in f.claims) for f in report.findings] == [[5.0, 8.0, 8.0]]


def test_a_group_joined_by_and_counts_whole_but_a_second_clause_does_not():
    assert _tallies("A man and 3 women were shot outside the club.") == {"shot": 4, "injured": 4}
    assert _tallies("Three men and a woman were wounded by gunfire.") == {"injured": 4}
    assert _tallies("Two people died and three women were injured.") == {"killed": 2, "injured": 3}


def test_a_disagreement_similarity_reports_is_not_reported_again_by_the_tallies():
    told = "people were injured in a shooting at the Maple Lanes bowling alley in Brockton on Tuesday"
    articles = [
        _article("a", f"Eight {told}", 1),
        _article("b", f"Five {told}", 1),
        _article(
            "c", "Eight were hurt. Dale Fenwick shot eight people at Maple Lanes, Brockton police said.", 2
        ),
    ]
    report = checker.check(articles, workers=1, tallies=True)
    assert [sorted(c.quantity.value for c in f.claims) for f in report.findings] == [[5.0, 8.0]]


def test_tallies_joined_through_a_middle_article_meet_only_within_the_tally_window():
    said = "people were injured when a gunman fired into the Maple Lanes bowling alley on Orchard Road"
    articles = [
        _dated("first", f"Eight {said}, police in Brockton said.", datetime(2017, 2, 1)),
        _dated("middle", f"Eight {said}, a court heard.", datetime(2017, 11, 20)),
        _dated("last", f"Five {said}, an appeal court heard.", datetime(2018, 9, 24)),
    ]
    # every finding kept, however far apart (the date gap weighs against it): first and last never meet
    report = checker.check(articles, workers=1, tallies=True, min_confidence=0.0)
    assert [sorted(c.article_id for c in f.claims) for f in report.findings] == [["last", "middle"]]


def test_a_rerun_from_the_store_matches_tallies_afresh(tmp_path: Path):
    # the first run's text names a death, the second's not: the claims and stories are the same, so
    # the stored tiles are used, but the tallies must follow the text
    def run(extra: str) -> list[str | None]:
        articles = [
            _article(
                "a", "Police said three people were shot at Maple Lanes in Brockton on Tuesday." + extra, 1
            ),
            _article("b", "Five people were injured when a gunman fired into Maple Lanes in Brockton.", 1),
        ]
        articles += [
            _article(
                f"z{k}", f"The Brockton council met on Thursday to approve {k + 3} new parks.", 10 + 3 * k
            )
            for k in range(6)
        ]
        report = checker.check(articles, workers=1, tallies=True, tile_articles=2, store=tmp_path / "c.db")
        return sorted((f.cluster_id or "").split("#")[0] for f in report.findings)

    assert "tally:injured" not in run(" Elsewhere, a man died in a crash.")
    assert "tally:injured" in run("")
