"""Claim frames, claimant parties and entity claims on sentences written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import checker
from checker.claims.claimants import opposing, party
from checker.claims.extract import sentences
from checker.claims.frames import predicate_classes
from checker.claims.time_scopes import resolve_time
from checker.match.constraints import cannot_link
from checker.models import Article, Slot, TimeScope
from checker.options import CheckOptions

THURSDAY = datetime(2025, 5, 22, 9, 0)


def _claim(text: str, figure: str, published: datetime = THURSDAY, article: str = "t") -> checker.Claim:
    claims = checker.extract(Article(id=article, source="Test", published=published, text=text))
    return next(c for c in claims if c.text == figure)


def test_frame_slots_keep_their_words():
    c = _claim(
        "Russia's Defence Ministry said it shot down 105 Ukrainian drones over the Moscow region overnight.",
        "105",
    )
    f = c.frame
    assert (f.counted.text, f.predicate.text, f.predicate.norm) == (
        "Ukrainian drones",
        "shot down",
        "shoot down",
    )
    assert f.claimant and f.claimant.text == "Russia's Defence Ministry"
    assert f.actor and f.actor.text == "Russia's Defence Ministry"  # 'it' is the ministry
    assert f.time and (f.time.start, f.time.end, f.time.night) == (date(2025, 5, 21), date(2025, 5, 22), True)


def test_a_date_on_the_reporting_verb_anchors_the_night_before_it():
    c = _claim("The ministry said on Wednesday that it had downed 40 drones overnight.", "40")
    assert c.frame.time and (c.frame.time.start, c.frame.time.end) == (date(2025, 5, 20), date(2025, 5, 21))


def test_a_tally_dates_the_count_not_the_event():
    c = _claim("The death toll from the weekend attack rose to 14 on Tuesday.", "14")
    assert c.counted_lemma == "people" and c.frame.predicate and c.frame.predicate.norm == "kill"
    assert c.frame.time is None


def test_consecutive_nights_do_not_meet_but_a_day_meets_its_nights():
    night = TimeScope(text="overnight", start=date(2025, 5, 21), end=date(2025, 5, 22), night=True)
    next_night = TimeScope(text="overnight", start=date(2025, 5, 22), end=date(2025, 5, 23), night=True)
    thursday = TimeScope(text="Thursday", start=date(2025, 5, 22), end=date(2025, 5, 22))
    assert not night.overlaps(next_night)
    assert night.overlaps(thursday) and next_night.overlaps(thursday)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("on Thursday", (date(2025, 5, 22), date(2025, 5, 22), False)),  # a Thursday paper: today
        ("last Friday", (date(2025, 5, 16), date(2025, 5, 16), False)),
        ("May 16", (date(2025, 5, 16), date(2025, 5, 16), False)),
        ("yesterday", (date(2025, 5, 21), date(2025, 5, 21), False)),
        ("two hours", None),  # a duration is not a date
        ("a second night", None),
    ],
)
def test_time_expressions_resolve_against_the_publication_date(words, expected):
    assert resolve_time(words, THURSDAY) == expected


def test_event_classes_join_synonyms_and_separate_events():
    assert predicate_classes("swap") & predicate_classes("hand over")
    assert not predicate_classes("shoot down") & predicate_classes("launch")


@pytest.mark.parametrize(
    ("claimant", "side"),
    [
        ("Russia's Defence Ministry", "RU"),
        ("Ukrainian officials", "UA"),
        ("Russian air defences", "RU"),
        ("Kyiv", "UA"),
        ("Gov. Wes Moore", "gov. wes moore"),  # a surname is never read as a town
    ],
)
def test_claimant_parties(claimant, side):
    assert party(Slot(text=claimant, norm=claimant.lower())) == side


def test_only_proven_opposing_sides_make_a_dispute():
    assert opposing([["RU", "RU"], ["UA"]])
    assert not opposing([["RU", "defense ministry"], ["RU"]])
    assert not opposing([["RU"], [None]])  # an unattributed figure is a conflict, not a dispute


def test_entity_claims_find_event_places_and_destinations():
    text = (
        "Russian and Ukrainian delegations met in Istanbul on Friday.\n\n"
        "The Dali, a Singapore-flagged vessel, was bound for Colombo in Sri Lanka.\n\n"
        "Kremlin spokesman Dmitry Peskov said no date had been set."
    )
    found = checker.extract_entities(Article(id="e", published=THURSDAY, text=text))
    triples = {(e.subject.text, e.relation, e.text) for e in found}
    assert ("met", "held in", "Istanbul") in triples
    assert ("bound", "bound for", "Colombo") in triples  # not Sri Lanka, which locates Colombo
    assert ("spokesman", "role", "Dmitry Peskov") in triples
    assert not any(e.text == "Singapore" for e in found)  # a flag state is not a destination
    for e in found:
        assert text[e.start : e.end] == e.text


def test_compare_takes_a_long_single_line_text():
    """A one-line text longer than a file name is a text, never an OSError."""
    long_a = "Russia said it shot down 105 Ukrainian drones overnight. " * 6
    long_b = "Russia said it shot down 150 Ukrainian drones overnight. " * 6
    findings = checker.compare(long_a, long_b)
    assert [f.kind for f in findings] == [checker.FindingKind.CONFLICT]


@pytest.mark.parametrize(
    ("text", "figure", "age"),
    [
        ("Tara Reid, 33, entered the clinic on Tuesday.", "33", True),
        ("Police arrested a 29-year-old man on Friday.", "29-year-old", True),
        ("The suspect is 45 years old, police said.", "45 years", True),
        ("The ceasefire has held for 3 years.", "3 years", False),
    ],
)
def test_ages_are_marked(text, figure, age):
    assert _claim(text, figure).quantity.age is age


def test_an_age_meets_only_the_age_of_the_same_person():
    options = CheckOptions()
    reid = _claim("Tara Reid, 33, entered the clinic on Tuesday.", "33")
    reid_again = _claim("Reid, 34, checked into the clinic, her publicist said.", "34", article="u")
    friend = _claim("Her friend, 16, told reporters she was fine.", "16")
    span = _claim("Reid has been sober for 3 years, her publicist said.", "3 years")
    assert not cannot_link(reid, reid_again, options)  # one woman's age: a conflict to find
    assert cannot_link(reid, friend, options)
    assert cannot_link(reid, span, options)
    man = _claim("Police arrested a 29-year-old man on Friday.", "29-year-old")
    girl = _claim("A 10-year-old girl was hurt by a stray bullet.", "10-year-old")
    assert cannot_link(man, girl, options)


def test_a_surname_the_recognizer_missed_is_still_a_name():
    options = CheckOptions()
    jones = _claim("Jones has 193 rushing yards this season.", "193 rushing yards")
    thomas = _claim("Thomas has 498 rushing yards this season.", "498 rushing yards", article="u")
    assert jones.frame.actor and jones.frame.actor.label in {"PERSON", "PROPN"}
    assert cannot_link(jones, thomas, options)
    pierre = _claim("Pierre Thomas has 490 rushing yards this season.", "490 rushing yards", article="v")
    assert not cannot_link(thomas, pierre, options)  # one man, named in full or not


def test_one_name_spelt_two_ways_is_one_actor():
    def acted_by(claim: checker.Claim, name: str, label: str) -> checker.Claim:
        actor = Slot(text=name, norm=name.lower(), label=label)
        return claim.model_copy(update={"frame": claim.frame.model_copy(update={"actor": actor})})

    a = acted_by(_claim("Zelensky signed 12 decrees on Thursday.", "12"), "Zelensky", "PERSON")
    b = _claim("Zelenskyy signed 14 decrees on Thursday.", "14", article="u")
    assert not cannot_link(a, acted_by(b, "Zelenskyy", "PROPN"), CheckOptions())
    assert not cannot_link(a, acted_by(b, "Zelenskyy", "PERSON"), CheckOptions())
    assert cannot_link(a, acted_by(b, "Shmyhal", "PROPN"), CheckOptions())


def test_a_decimal_a_tokenized_source_split_at_its_point_stays_one_sentence():
    text = "Officials said a 6. 1 magnitude quake struck. It hit at dawn. 2 people died."
    article = Article(id="t", text=text)
    assert [text for _, text in sentences(article)] == [
        "Officials said a 6. 1 magnitude quake struck.",
        "It hit at dawn.",
        "2 people died.",
    ]
    assert [c.quantity.value for c in checker.extract(article)] == [6.1, 2]


def test_an_actor_is_named_without_its_relative_clause():
    text = "Garrard, who completed 28 passes for 329 yards, ran for two yards in the second quarter."
    claim = _claim(text, "two yards")
    assert claim.frame.actor is not None and claim.frame.actor.text == "Garrard"


def test_a_plural_the_tagger_read_as_a_verb_is_still_what_is_counted():
    claims = checker.extract("He rushed for 404 yards and two touchdowns on 116 carries this season.")
    assert {c.text: c.counted_lemma for c in claims}["116"] == "carry"
    assert {c.text: c.counted_lemma for c in claims}["two"] == "touchdown"


def test_since_a_day_runs_to_the_day_of_writing_and_never_meets_one_day():
    since = _claim("Russia has launched 500 drones since Monday.", "500")
    assert since.frame.time is not None and since.frame.time.running
    assert (since.frame.time.start, since.frame.time.end) == (date(2025, 5, 19), date(2025, 5, 22))
    monday = _claim("Russia launched 50 drones on Monday.", "50", article="m")
    assert cannot_link(since, monday, CheckOptions())
