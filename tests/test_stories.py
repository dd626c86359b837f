"""Stories: articles about two similar events split apart; one event told in different words stays one."""

from __future__ import annotations

from checker.models import Article
from checker.stories import group_stories, story_similarity


def _article(id: str, text: str) -> Article:
    return Article(id=id, text=text)


QUAKE_ONE = [
    "A magnitude 6.1 earthquake struck Aceh province on Tuesday morning, killing at least 24 people in "
    "Bener Meriah and Central Aceh, officials in Takengon said.",
    "Rescuers in Takengon dug through collapsed homes after Tuesday's quake in Aceh; Bener Meriah "
    "district reported the most damage and at least 24 deaths.",
    "The Aceh quake on Tuesday flattened a mosque in Bener Meriah, where villagers in Takengon spent "
    "the night outside; 24 people have died.",
]
QUAKE_TWO = [
    "A magnitude 7.6 earthquake hit off the coast of Papua near Manokwari on Sunday, killing four "
    "people and damaging a hotel in the provincial capital.",
    "Residents of Manokwari fled to higher ground after Sunday's quake off Papua; a hotel collapsed "
    "and four people were killed, the disaster agency said.",
    "Four people died in Manokwari when Sunday's Papua earthquake brought down a hotel, and aftershocks "
    "kept residents outdoors overnight.",
]
# one bridge collapse in three outlets' own words: little shared wording, one event
BRIDGE = [
    "Insurers face claims that could top $3 billion after the container ship Dali struck the Key Bridge "
    "in Baltimore, underwriters told clients.",
    "Port of Baltimore shipping lanes stay shut while crews clear the fallen Key Bridge spans from the "
    "Patapsco; the Dali remains pinned under steel.",
    "Families of the six workers lost when the Key Bridge fell gathered in Baltimore as divers searched "
    "the river near the Dali.",
]


def test_two_similar_events_are_two_stories() -> None:
    articles = [_article(f"a{i}", t) for i, t in enumerate(QUAKE_ONE)] + [
        _article(f"b{i}", t) for i, t in enumerate(QUAKE_TWO)
    ]
    stories = group_stories(articles, contrast=0.4)
    assert len({stories[f"a{i}"] for i in range(3)}) == 1
    assert len({stories[f"b{i}"] for i in range(3)}) == 1
    assert stories["a0"] != stories["b0"]


def test_one_event_in_different_words_stays_one_story() -> None:
    articles = [_article(f"k{i}", t) for i, t in enumerate(BRIDGE)]
    assert len(set(group_stories(articles, contrast=0.4).values())) == 1


def test_a_syndicated_copy_does_not_split_its_story() -> None:
    # two identical copies are far more alike than the third report; they still share its story
    articles = [_article("k0", BRIDGE[0]), _article("k0-copy", BRIDGE[0]), _article("k2", BRIDGE[2])]
    assert len(set(group_stories(articles, contrast=0.4).values())) == 1


def test_contrast_zero_keeps_one_story() -> None:
    articles = [_article("a", QUAKE_ONE[0]), _article("b", QUAKE_TWO[0])]
    assert set(group_stories(articles, contrast=0).values()) == {0}


def test_stop_words_only_is_no_evidence() -> None:
    articles = [_article("a", "It was the one."), _article("b", "And then there were none.")]
    assert story_similarity(articles).shape == (2, 2)
    assert len(set(group_stories(articles, contrast=0.4).values())) == 1


def test_single_article() -> None:
    assert group_stories([_article("only", BRIDGE[0])], contrast=0.4) == {"only": 0}
