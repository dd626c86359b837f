"""Stories: articles about two similar events split apart; one event told in different words stays one."""

from __future__ import annotations

from checker.match.stories import group_stories, name_similarity, story_similarity
from checker.models import Article


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
    assert len({stories.of(f"a{i}") for i in range(3)}) == 1
    assert len({stories.of(f"b{i}") for i in range(3)}) == 1
    assert stories.apart("a0", "b0")


def _reports(k: int) -> list[str]:
    """Four outlets' reports of event k of a set: each event has its own town, official and toll, and
    every event is worded alike."""
    town = ["Alder", "Brack", "Callo", "Dun", "East", "Fen", "Garro", "Hol", "Ivy", "Jur", "Kel", "Lam"][
        k
    ] + "moor"
    first = ["Ana", "Tomas", "Rhea", "Lars", "Ines", "Otto", "Mira", "Jon"][k % 8]
    last = ["Brightwell", "Quill", "Okafor", "Mendel", "Carrow", "Venn", "Sallow", "Pike"][(k // 8 + k) % 8]
    person = f"{first} {last}"
    kind, hurt = ["flood", "storm", "wildfire", "strike"][k % 4], k + 3
    return [
        f"The {kind} in {town} left {hurt} people hurt on Friday, said {person}, who leads the response"
        f" in {town}.",
        f"Officials in {town} said on Friday that the {kind} hurt {hurt} people; {person} asked {town}"
        " residents to stay home.",
        f"{person} said the {kind} that hit {town} on Friday hurt {hurt} people.",
        f"In {town}, {hurt} people were hurt in Friday's {kind}, according to {person}.",
    ]


def test_many_events_in_one_wording_are_each_their_own_story() -> None:
    """Near the root of the tree both halves mix several events, each half loose inside, so they do not
    part: walked from the root down only, these twelve events were one story."""
    articles = [_article(f"e{k}-{i}", text) for k in range(12) for i, text in enumerate(_reports(k))]
    stories = group_stories(articles, contrast=0.4)
    assert all(len({stories.of(f"e{k}-{i}") for i in range(4)}) == 1 for k in range(12))
    assert len(set(stories.story.values())) == 12


def test_one_event_in_different_words_stays_one_story() -> None:
    articles = [_article(f"k{i}", t) for i, t in enumerate(BRIDGE)]
    assert len(set(group_stories(articles, contrast=0.4).story.values())) == 1


def test_a_syndicated_copy_does_not_split_its_story() -> None:
    # two identical copies are far more alike than the third report; they still share its story
    articles = [_article("k0", BRIDGE[0]), _article("k0-copy", BRIDGE[0]), _article("k2", BRIDGE[2])]
    assert len(set(group_stories(articles, contrast=0.4).story.values())) == 1


def test_contrast_zero_keeps_one_story() -> None:
    articles = [_article("a", QUAKE_ONE[0]), _article("b", QUAKE_TWO[0])]
    assert set(group_stories(articles, contrast=0).story.values()) == {0}


def test_stop_words_only_is_no_evidence() -> None:
    articles = [_article("a", "It was the one."), _article("b", "And then there were none.")]
    assert story_similarity(articles).shape == (2, 2)
    assert len(set(group_stories(articles, contrast=0.4).story.values())) == 1


def test_single_article() -> None:
    assert group_stories([_article("only", BRIDGE[0])], contrast=0.4).story == {"only": 0}


def test_undated_articles_naming_different_years_are_not_kept_apart_by_them() -> None:
    """News names past years as background ('the worst since 2004'): the years an undated article
    names no longer date it (deleted after the ablation on the unseen ECB+ topics)."""
    season_2008 = "Bush missed four games of the 2008 season with a knee injury, the Saints said."
    season_2010 = "Thomas missed nine games of the 2010 season with an ankle injury, the Saints said."
    stories = group_stories([_article("a", season_2008), _article("b", season_2010)], contrast=0)
    assert not stories.apart("a", "b")


def test_two_quakes_sharing_a_wire_sentence_are_two_stories() -> None:
    # each report repeats one wire sentence; only the rest of it, and its names, tell the quakes apart
    wire = "Seismologists recorded {n} aftershocks in the hours after the main shock, officials said."
    oriel = [
        "The quake cracked the sea wall at Oriel Bay, and Kofi Moreau of Calder Province ordered the "
        "harbour cleared.",
        "In Oriel Bay the harbour stayed shut while Calder Province engineers checked the sea wall, "
        "Kofi Moreau said.",
        "Fishing boats left Oriel Bay after Kofi Moreau warned that the Calder Province sea wall could "
        "give way.",
    ]
    rookfield = [
        "In Rookfield the grain silos on Mill Street collapsed, Anna Lind of the Southern Plains council "
        "said.",
        "Anna Lind said Rookfield farmers lost two silos on Mill Street and the Southern Plains railway "
        "was closed.",
        "The Southern Plains railway through Rookfield stayed closed as crews cleared Mill Street, Anna "
        "Lind said.",
    ]
    articles = [_article(f"a{i}", f"{text} {wire.format(n=33)}") for i, text in enumerate(oriel)] + [
        _article(f"b{i}", f"{wire.format(n=78)} {text}") for i, text in enumerate(rookfield)
    ]
    stories = group_stories(articles, contrast=0.4)
    assert {stories.of(f"a{i}") for i in range(3)} == {stories.of("a0")}
    assert {stories.of(f"b{i}") for i in range(3)} == {stories.of("b0")}
    assert stories.apart("a0", "b0")


def test_an_article_naming_nobody_is_no_evidence_of_another_story() -> None:
    plain = "the bridge fell and the port closed; ships waited outside while crews cleared the steel."
    articles = [_article(f"k{i}", t) for i, t in enumerate(BRIDGE)] + [_article("plain", plain)]
    assert name_similarity(articles)[3, 0] != name_similarity(articles)[3, 0]  # NaN: no names


def test_the_tree_distances_are_the_square_ones_worked_in_blocks(monkeypatch) -> None:
    """Condensed a few rows at a time (`GRAM_ROWS`), so that a tile of thousands of articles holds no
    square array: the very figures of the square distance matrix, an article naming nobody too."""
    import numpy as np
    from scipy.spatial.distance import squareform

    from checker.match import stories

    monkeypatch.setattr(stories, "GRAM_ROWS", 4)
    texts = [*QUAKE_ONE, *QUAKE_TWO, *BRIDGE, "nothing named here at all, only lower-case words."]
    articles = [_article(f"a{k}", text) for k, text in enumerate(texts)]
    similarity, names = story_similarity(articles), name_similarity(articles)
    assert np.isnan(names).any()
    assert np.array_equal(similarity, similarity.T) and np.array_equal(names, names.T, equal_nan=True)
    both = np.where(np.isnan(names), similarity, (similarity + names) / 2)
    square = np.clip(1.0 - both, 0.0, 1.0)
    np.fill_diagonal(square, 0.0)
    words, named = stories._word_cosines(articles), stories._name_cosines(articles)
    assert np.array_equal(stories._tree_distances(words, named), squareform(square, checks=False))
    vectors = words.vectors
    assert np.array_equal(similarity, (vectors @ vectors.T).toarray())
    order = np.random.default_rng(1).permutation(len(articles))
    reordered = words.ordered(order).block(slice(2, 5), slice(3, None))
    assert np.array_equal(reordered, similarity[np.ix_(order[2:5], order[3:])])


def test_without_any_term_words_are_all_alike_and_names_unknown() -> None:
    import numpy as np

    from checker.match import stories

    articles = [_article("a", "it was the one."), _article("b", "and then there were none.")]
    words, names = stories._word_cosines(articles), stories._name_cosines(articles)
    assert words.vectors is None and names.vectors is None
    assert np.array_equal(words.block(slice(0, 1), slice(1, None)), [[1.0]])
    assert np.isnan(names.block(slice(None), slice(None))).all()
