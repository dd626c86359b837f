"""Entity canonicalization and place containment: spelling variants and containment are never
conflicts, distinct entities stay apart, and an unresolvable name never conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.entities.names import EntityIndex, canonicalize
from checker.entities.places import (
    Relation,
    place_candidates,
    places_agree,
    places_conflict,
    relation,
    resolve_place,
)

ARCHIVE = [
    ("Zelenskyy", "PERSON"),
    ("Zelensky", "PERSON"),
    ("Zelenskiy", "PERSON"),
    ("Volodymyr Zelensky", "PERSON"),
    ("President Volodymyr Zelenskyy", "PERSON"),
    ("Olena Zelenska", "PERSON"),
    ("Dmitry Peskov", "PERSON"),
    ("Dmitry Peskov", "PERSON"),
    ("Dmitri Peskov", "PERSON"),
    ("Kremlin spokesman Dmitry Peskov", "PERSON"),
    ("Peskov", "PERSON"),
    ("Recep Tayyip Erdogan", "PERSON"),
    ("Erdoğan", "PERSON"),
    ("Erdogan", "PERSON"),
    ("John Smith", "PERSON"),
    ("Jane Smith", "PERSON"),
    ("Smith", "PERSON"),
    ("Kyiv", "GPE"),
    ("Kiev", "GPE"),
    ("Kyiv", "GPE"),
    ("the Kremlin", "ORG"),
    ("Kremlin", "ORG"),
    ("Kremlin", "FAC"),
    ("Russia's", "GPE"),
    ("Russia", "GPE"),
    ("U.S.", "GPE"),
    ("US", "GPE"),
    ("United States", "GPE"),
    ("the United States", "GPE"),
    ("Turkey", "GPE"),
    ("Türkiye", "GPE"),
    ("Dnipro", "GPE"),
    ("Dnipropetrovsk region", "GPE"),
    ("Austria", "GPE"),
    ("Australia", "GPE"),
    ("Georgia", "GPE"),
    ("NATO", "ORG"),
    ("North Atlantic Treaty Organization", "ORG"),
    ("Ministry of Defence", "ORG"),
    ("Defence Ministry", "ORG"),
    ("Russian", "NORP"),
    ("Russians", "NORP"),
    ("Ukrainian", "NORP"),
    ("Dolmabahçe Palace", "FAC"),
    ("Dolmabahce Palace", "FAC"),
]


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return EntityIndex(ARCHIVE)


def same(index: EntityIndex, *mentions: tuple[str, str]) -> bool:
    found = {index.lookup(text, label) for text, label in mentions}
    assert None not in found
    return len(found) == 1


@pytest.mark.parametrize(
    ("mentions", "canonical"),
    [
        (
            [
                ("Zelenskyy", "PERSON"),
                ("Zelensky", "PERSON"),
                ("Zelenskiy", "PERSON"),
                ("Volodymyr Zelensky", "PERSON"),
                ("President Volodymyr Zelenskyy", "PERSON"),
            ],
            "Volodymyr Zelensky",
        ),
        (
            [
                ("Dmitry Peskov", "PERSON"),
                ("Dmitri Peskov", "PERSON"),
                ("Peskov", "PERSON"),
                ("Kremlin spokesman Dmitry Peskov", "PERSON"),
            ],
            "Dmitry Peskov",
        ),
        (
            [("Erdogan", "PERSON"), ("Erdoğan", "PERSON"), ("Recep Tayyip Erdogan", "PERSON")],
            "Recep Tayyip Erdogan",
        ),
        ([("Kyiv", "GPE"), ("Kiev", "GPE")], "Kyiv"),
        ([("the Kremlin", "ORG"), ("Kremlin", "ORG"), ("Kremlin", "FAC")], "Kremlin"),
        ([("Russia's", "GPE"), ("Russia", "GPE")], "Russia"),
        (
            [("U.S.", "GPE"), ("US", "GPE"), ("United States", "GPE"), ("the United States", "GPE")],
            "United States",
        ),
        ([("Turkey", "GPE"), ("Türkiye", "GPE")], "Turkey"),
        (
            [("NATO", "ORG"), ("North Atlantic Treaty Organization", "ORG")],
            "North Atlantic Treaty Organization",
        ),
        ([("Ministry of Defence", "ORG"), ("Defence Ministry", "ORG")], "Ministry of Defence"),
        ([("Russian", "NORP"), ("Russians", "NORP")], "Russian"),
        ([("Dolmabahçe Palace", "FAC"), ("Dolmabahce Palace", "FAC")], "Dolmabahce Palace"),
    ],
)
def test_variants_become_one_entity(
    index: EntityIndex, mentions: list[tuple[str, str]], canonical: str
) -> None:
    assert same(index, *mentions)
    entity = index.lookup(*mentions[0])
    assert entity is not None
    assert entity.canonical == canonical
    assert {text for text, _ in mentions} <= set(entity.variants)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Dnipro", "GPE"), ("Dnipropetrovsk region", "GPE")),
        (("Austria", "GPE"), ("Australia", "GPE")),
        (("John Smith", "PERSON"), ("Jane Smith", "PERSON")),
        (("Olena Zelenska", "PERSON"), ("Volodymyr Zelensky", "PERSON")),
        (("Russia", "GPE"), ("Russian", "NORP")),
        (("Russian", "NORP"), ("Ukrainian", "NORP")),
        (("Georgia", "GPE"), ("Russia", "GPE")),
    ],
)
def test_distinct_entities_stay_apart(index: EntityIndex, a: tuple[str, str], b: tuple[str, str]) -> None:
    assert not same(index, a, b)


@pytest.mark.parametrize(
    "mentions",
    [
        [("James Andrews", "PERSON"), ("Andrew", "PERSON")],  # one letter apart, two surnames
        [("A.J. Smith", "PERSON"), ("Stephen A. Smith", "PERSON")],  # a middle initial is no first name
        [("Unity State", "GPE"), ("United States", "GPE")],  # two gazetteer places
        [("Unity State", "ORG"), ("US", "ORG"), ("United States", "GPE")],  # US is no acronym of Unity State
        [("Peter Davison", "PERSON"), ("Davidson", "PERSON")],
    ],
)
def test_near_names_of_distinct_entities_stay_apart(mentions: list[tuple[str, str]]) -> None:
    index = EntityIndex(mentions)
    assert index.lookup(*mentions[0]) != index.lookup(*mentions[1])


def test_suffixes_and_titles_are_not_names() -> None:
    index = EntityIndex([("Nick J. Rahall II", "PERSON"), ("Nick Rahall", "PERSON"), ("N. Y.", "PERSON")])
    assert index.lookup("Nick J. Rahall II", "PERSON") == index.lookup("Nick Rahall", "PERSON")
    assert index.lookup("N. Y.", "PERSON") != index.lookup("Nick Rahall", "PERSON")


def test_an_ambiguous_surname_joins_nobody(index: EntityIndex) -> None:
    smith = index.lookup("Smith", "PERSON")
    assert smith is not None
    assert "John Smith" not in smith.variants and "Jane Smith" not in smith.variants


def test_a_surname_joins_the_one_person_who_has_it() -> None:
    mapping = canonicalize([("John Smith", "PERSON"), ("Smith", "PERSON"), ("Jane Doe", "PERSON")])
    assert mapping[("Smith", "PERSON")] == "John Smith"
    assert mapping[("Jane Doe", "PERSON")] == "Jane Doe"


def test_canonical_form_is_the_most_frequent_full_name() -> None:
    mentions = [("Dmitri Peskov", "PERSON")] * 3 + [("Dmitry Peskov", "PERSON"), ("Peskov", "PERSON")]
    assert canonicalize(mentions)[("Peskov", "PERSON")] == "Dmitri Peskov"


def test_canonicalization_ignores_mention_order() -> None:
    assert canonicalize(ARCHIVE) == canonicalize(list(reversed(ARCHIVE)))


def test_places_keep_the_gazetteer_entry(index: EntityIndex) -> None:
    kyiv = index.lookup("Kiev", "GPE")
    assert kyiv is not None and kyiv.place is not None
    assert (kyiv.place.kind, kyiv.place.country_code) == ("city", "UA")
    assert index.canonical("Kremlin", "ORG") == "Kremlin"
    assert index.canonical("the Pentagon's", "ORG") == "Pentagon"  # unseen: its cleaned surface


@pytest.mark.parametrize(
    ("name", "kind", "country", "admin"),
    [
        ("Kyiv", "city", "UA", None),
        ("Kiev", "city", "UA", None),
        ("Istanbul", "city", "TR", None),
        ("Türkiye", "country", "TR", None),
        ("the U.S.", "country", "US", None),
        ("Baltimore", "city", "US", "US-MD"),
        ("Maryland", "region", "US", "US-MD"),
        ("Paris", "city", "FR", None),  # the most populous Paris
        ("Paris, Texas", "city", "US", "US-TX"),
        ("Georgia", "country", "GE", None),  # the country before the US state
        ("Dnipropetrovsk region", "region", "UA", "UA-12"),
        ("Kyiv region", "region", "UA", "UA-32"),
        ("Odessa", "city", "UA", None),  # Odesa, Ukraine before Odessa, Texas
        ("Washington", "city", "US", "US-DC"),
        ("New York", "city", "US", "US-NY"),  # New York City before the state
        ("Portland", "city", "US", "US-OR"),  # before Portland Parish, Jamaica
        ("Kent", "region", "GB", "GB-KEN"),  # before Kent, Washington
    ],
)
def test_resolve(name: str, kind: str, country: str, admin: str | None) -> None:
    place = resolve_place(name)
    assert place is not None
    assert (place.kind, place.country_code, place.admin_code) == (kind, country, admin)


@pytest.mark.parametrize(
    "name",
    ["Europe", "Middle East", "Black Sea", "Red Sea", "Donbas", "Sahel", "North", "White House", "Us", ""],
)
def test_areas_and_landforms_do_not_resolve(name: str) -> None:
    assert resolve_place(name) is None


def test_georgia_keeps_both_readings() -> None:
    assert [p.key for p in place_candidates("Georgia")] == ["GE", "US-GA"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Istanbul", "Turkey"),
        ("Istanbul", "Türkiye"),
        ("Baltimore", "Maryland"),
        ("Baltimore", "United States"),
        ("Maryland", "the U.S."),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Kyiv"),
        ("Atlanta", "Georgia"),  # the US state
        ("Tbilisi", "Georgia"),  # the country
        ("Paris", "Texas"),  # Paris, Texas
        ("London", "England"),
        ("Kent", "England"),
        ("Crimea", "Ukraine"),
    ],
)
def test_same_or_containing_places_agree(a: str, b: str) -> None:
    assert places_agree(a, b) and places_agree(b, a)
    assert not places_conflict(a, b) and not places_conflict(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Istanbul", "Ankara"),
        ("Austria", "Australia"),
        ("Baltimore", "Virginia"),
        ("Florida", "Texas"),
        ("Tbilisi", "Atlanta"),
        ("Paris", "London"),
        ("London", "Scotland"),
        ("Kyiv", "Moscow"),
    ],
)
def test_disjoint_places_conflict(a: str, b: str) -> None:
    assert places_conflict(a, b) and places_conflict(b, a)
    assert not places_agree(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Europe", "Kyiv"),  # not resolved
        ("Donbas", "Donetsk"),  # not resolved
        ("Kyiv region", "Kyiv"),  # the city is not administratively in the oblast; no data either way
        ("Dnipropetrovsk region", "Kharkiv"),  # Ukrainian cities carry no ISO region code
        ("Brooklyn", "Manhattan"),  # districts of one city lie too close to tell
        ("Zorblax", "Istanbul"),
    ],
)
def test_undecidable_pairs_never_conflict(a: str, b: str) -> None:
    assert not places_conflict(a, b) and not places_conflict(b, a)


def test_relation_is_directed() -> None:
    istanbul, turkey = resolve_place("Istanbul"), resolve_place("Turkey")
    assert istanbul is not None and turkey is not None
    assert relation(turkey, istanbul) is Relation.CONTAINS
    assert relation(istanbul, turkey) is Relation.WITHIN
    assert relation(istanbul, istanbul) is Relation.SAME


@given(st.text(max_size=40), st.text(max_size=40))
def test_arbitrary_place_names_never_crash(a: str, b: str) -> None:
    assert not (places_agree(a, b) and places_conflict(a, b))


@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.sampled_from(["PERSON", "GPE", "ORG", "NORP", "FAC"])), max_size=12
    )
)
def test_arbitrary_mentions_never_crash(mentions: list[tuple[str, str]]) -> None:
    mapping = canonicalize(mentions)
    assert set(mapping) == {m for m in mentions if m[0].strip()}
    assert all(isinstance(name, str) for name in mapping.values())
