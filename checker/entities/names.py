"""Entity canonicalization across an archive: the spelling and transliteration variants of one person,
place or organisation (Zelenskyy / Zelensky / Zelenskiy, Dmitry / Dmitri Peskov, Kyiv / Kiev, "the
Kremlin" / "Kremlin", Erdogan / Erdoğan, U.S. / United States) become one entity with its variants
kept, so that an entity conflict is never a spelling difference.

Similar but distinct entities stay apart unless evidence joins them: places that the gazetteer tells
apart (Austria / Australia, Dnipro / Dnipropetrovsk region) never merge, people need compatible given
names (John Smith / Jane Smith stay two), and a surname alone joins a full name only when exactly one
person in the archive carries it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from checker.entities.gazetteer import Place, clean_surface, fold, strip_article
from checker.entities.places import resolve_place
from checker.tables import load_table

#: Surnames (Indel similarity, 0-100, after transliteration folds) at or above this are one name. Real
#: distinct surnames sit one letter apart (Johnson / Johnston 93, Davison / Davidson 93, Andrew /
#: Andrews 92, Ivanov / Ivanova 92; found apart in ECB+), so only a one-letter slip in a long name
#: joins (Zelensky / Zelenskyy 94, Carrasquillo / Carasquillo 96); romanised endings are unified
#: beforehand by the transliteration folds of data/entities.json.
SURNAME_MIN_RATIO = 94
#: Given names are romanised more freely (Dmitry / Dmitri 0.93, Sergei / Sergey 0.93): Jaro-Winkler,
#: which rewards a shared opening, at or above this joins them; John / Jane (0.67) stay apart.
GIVEN_NAME_MIN_JW = 0.9
#: Other names (organisations, nationalities, unresolved places), compared as sorted tokens without
#: "of/the/and": "Ministry of Defence" / "Defence Ministry" (100), Betty Ford Center / Centre (94)
#: join; Defense / iDefense (93), Austrian / Australian (89), Russian / Ukrainian Defence Ministry (84)
#: stay apart. Plural nationalities are folded first (Russians -> Russian).
NAME_MIN_RATIO = 94
#: Below this many letters fuzzy similarity means little (Iran / Iraq, Gaza / Gza): exact match only.
MIN_FUZZY_LENGTH = 5

_FAMILIES = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "norp"}
#: spaCy labels one building or body now FAC, now ORG, now GPE ("the Kremlin"): identical names in
#: these families are one entity.
_NAMED_BODIES = frozenset({"place", "org"})


@dataclass(frozen=True)
class Entity:
    """One real-world entity: its canonical name, the mentions' most common label, every surface
    variant seen, the number of mentions, and for places the gazetteer entry."""

    canonical: str
    label: str
    variants: tuple[str, ...]
    count: int
    place: Place | None = None


@dataclass(frozen=True)
class _Mention:
    text: str
    label: str
    family: str
    surface: str  # as displayed: no possessive, leading article or title
    key: str  # folded, transliteration-folded comparison form
    given: tuple[str, ...] = ()  # PERSON only
    surname: str = ""
    place: Place | None = None


@cache
def _word_set(name: str) -> frozenset[str]:
    """A word list of `data/entities.json`, folded."""
    return frozenset(fold(word) for word in load_table("entities.json")[name])


@cache
def _translit_folds() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = load_table("entities.json")["transliteration_folds"]
    return tuple((re.compile(pattern), replacement) for pattern, replacement in rules)


def translit_fold(key: str) -> str:
    """`key` with romanisation endings unified (zelenskyy, zelenskiy -> zelensky); words under four
    letters are left alone (Rahall II is not Rahall Y)."""
    return " ".join(_translit_word(word) if len(word) > 3 else word for word in key.split())


def _translit_word(word: str) -> str:
    for pattern, replacement in _translit_folds():
        word = pattern.sub(replacement, word)
    return word


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles ("President", "Kremlin spokesman", "Secretary-General") from surface words."""
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for n in range(min(3, len(words) - 1), 0, -1):
            if fold(" ".join(words[:n])) in _word_set("person_titles"):
                words, stripped = words[n:], True
                break
    return words


def _display(text: str, family: str) -> list[str]:
    words = clean_surface(text).split()
    if words and family != "person" and fold(words[0]) in _word_set("leading_articles") and len(words) > 1:
        words = words[1:]
    return _strip_titles(words) if family == "person" else words


def _mention(text: str, label: str) -> _Mention:
    family = _FAMILIES.get(label, label)
    words = _display(text, family)
    surface = " ".join(words)
    if family == "person":
        folded = [t for t in fold(surface).split() if t not in _word_set("person_suffixes")]
        tokens = translit_fold(" ".join(folded)).split()
        particles = _word_set("surname_particles")
        given = tuple(t for t in tokens[:-1] if t not in particles)
        surname = tokens[-1] if tokens else ""
        return _Mention(text, label, family, surface, " ".join(tokens), given, surname)
    key = translit_fold(strip_article(fold(surface)))
    if family == "norp":  # Russians / Russian, Israelis / Israeli
        key = key.removesuffix("s")
    place = resolve_place(surface) if family == "place" else None
    return _Mention(text, label, family, surface, key, place=place)


def _given_match(a: str, b: str) -> bool:
    if a[:1] != b[:1]:
        return False
    return len(a) == 1 or len(b) == 1 or JaroWinkler.normalized_similarity(a, b) >= GIVEN_NAME_MIN_JW


def surname_match(a: str, b: str) -> bool:
    """One surname spelled two ways (Zelensky, Zelenskyy) or the same."""
    if a == b:
        return True
    return min(len(a), len(b)) >= MIN_FUZZY_LENGTH and fuzz.ratio(a, b) >= SURNAME_MIN_RATIO


def _full(m: _Mention) -> bool:
    """A person named with a spelled-out given name, not an initial or a bare surname."""
    return any(len(g) > 1 for g in m.given)


def _given_compatible(a: _Mention, b: _Mention) -> bool:
    """First names that match (Dmitry / Dmitri / D.), or the shorter list's spelled-out names all found
    in the longer one (Tayyip Erdogan / Recep Tayyip Erdogan); a middle initial matches nothing else."""
    if not a.given or not b.given:
        return True
    if _given_match(a.given[0], b.given[0]):
        return True
    short, long = sorted((a.given, b.given), key=len)
    spelled = [g for g in short if len(g) > 1]
    return bool(spelled) and all(any(_given_match(g, h) for h in long if len(h) > 1) for g in spelled)


def _names_a_state(surface: str) -> bool:
    """US, UK, UAE: abbreviations of countries and states, whatever a parser labels them."""
    place = resolve_place(surface)
    return place is not None and place.kind != "city"


def _is_acronym(surface: str) -> bool:
    """NATO (North Atlantic Treaty Organization), UN, EU: joined to the one name whose initials they are."""
    letters = surface.replace(".", "")
    return letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 6


class _Groups:
    """Union-find over mentions that keeps apart groups the evidence separates: two different
    gazetteer places, or two people whose given names clash."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self.parent = list(range(len(mentions)))
        self.mentions = mentions
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        left = [self.mentions[k] for k in self.members[ri]]
        right = [self.mentions[k] for k in self.members[rj]]
        places = {m.place.key for m in left + right if m.place is not None}
        if len(places) > 1:
            return False
        return all(_given_compatible(a, b) for a in left if _full(a) for b in right if _full(b))

    def union(self, i: int, j: int) -> bool:
        if not self.compatible(i, j):
            return False
        ri, rj = sorted((self.find(i), self.find(j)))
        if ri != rj:
            self.parent[rj] = ri
            self.members[ri].extend(self.members.pop(rj))
        return True

    def groups(self) -> list[list[int]]:
        return list(self.members.values())


def _similar_pairs(
    keys: list[str], scorer: object, cutoff: float, others: list[str] | None = None
) -> list[tuple[int, int]]:
    """Index pairs (i < j within `keys`, or any i, j into `keys` x `others`) scoring at least `cutoff`."""
    if not keys or len(others if others is not None else keys) < (1 if others is not None else 2):
        return []
    scores = process.cdist(
        keys,
        others if others is not None else keys,
        scorer=scorer,  # type: ignore[arg-type]
        score_cutoff=cutoff,
        workers=1,
    )
    pairs = zip(*scores.nonzero(), strict=True)
    return [(int(i), int(j)) for i, j in pairs if others is not None or i < j]


def _same_person(a: _Mention, b: _Mention) -> bool:
    return surname_match(a.surname, b.surname) and _given_compatible(a, b)


def _join_similar_people(groups: _Groups, indices: list[int]) -> None:
    mentions = groups.mentions
    for a, b in _similar_pairs([mentions[i].surname for i in indices], fuzz.ratio, SURNAME_MIN_RATIO):
        if _same_person(mentions[indices[a]], mentions[indices[b]]):
            groups.union(indices[a], indices[b])


def _join_people(groups: _Groups, people: list[int]) -> None:
    """Full names join full names; a bare surname or an initial then joins the one person who fits,
    and the rest join each other."""
    mentions = groups.mentions
    full = [i for i in people if _full(mentions[i])]
    _join_similar_people(groups, full)
    partial = [i for i in people if not _full(mentions[i])]
    fits: dict[int, set[int]] = defaultdict(set)
    surnames = [mentions[i].surname for i in full]
    for a, b in _similar_pairs(
        [mentions[i].surname for i in partial], fuzz.ratio, SURNAME_MIN_RATIO, surnames
    ):
        if _same_person(mentions[partial[a]], mentions[full[b]]):
            fits[partial[a]].add(groups.find(full[b]))
    for i, found in sorted(fits.items()):
        if len(found) == 1:
            groups.union(i, found.pop())
    _join_similar_people(groups, [i for i in partial if len(groups.members[groups.find(i)]) == 1])


def _join_names(groups: _Groups, family: list[int]) -> None:
    mentions = groups.mentions
    long_enough = [
        i
        for i in family
        if len(mentions[i].key.replace(" ", "")) >= MIN_FUZZY_LENGTH and mentions[i].place is None
    ]  # a resolved place's variants come from the gazetteer: Unity State is not the United States
    stop = _word_set("org_stopwords")
    keys = [" ".join(w for w in mentions[i].key.split() if w not in stop) for i in long_enough]
    for a, b in _similar_pairs(keys, fuzz.token_sort_ratio, NAME_MIN_RATIO):
        groups.union(long_enough[a], long_enough[b])
    by_initials: dict[str, list[int]] = defaultdict(list)
    for j in family:
        words = [w for w in fold(mentions[j].surface).split() if w not in _word_set("org_stopwords")]
        if len(words) > 1:
            by_initials["".join(w[0] for w in words)].append(j)
    for i in [
        i for i in family if _is_acronym(mentions[i].surface) and not _names_a_state(mentions[i].surface)
    ]:
        expansions = {groups.find(j) for j in by_initials.get(fold(mentions[i].surface).replace(" ", ""), [])}
        if len(expansions) == 1:
            groups.union(i, expansions.pop())


def _canonical(members: list[_Mention], counts: Counter[tuple[str, str]]) -> str:
    places = [m.place for m in members if m.place is not None]
    if places and places[0].kind != "region":  # the gazetteer's name; ISO region names are local forms
        return places[0].name
    weight: Counter[str] = Counter()
    for m in members:
        weight[m.surface] += counts[(m.text, m.label)]
    people = [m for m in members if m.family == "person" and _full(m)]
    pool = {m.surface for m in people} or set(weight)
    return min(pool, key=lambda s: (-weight[s], -len(s.split()), s))


def _entity(members: list[_Mention], counts: Counter[tuple[str, str]]) -> Entity:
    labels = Counter({m.label: 0 for m in members})
    for m in members:
        labels[m.label] += counts[(m.text, m.label)]
    return Entity(
        canonical=_canonical(members, counts),
        label=min(labels, key=lambda label: (-labels[label], label)),
        variants=tuple(sorted({m.text for m in members})),
        count=sum(counts[(m.text, m.label)] for m in members),
        place=next((m.place for m in members if m.place is not None), None),
    )


class EntityIndex:
    """The entities of an archive, built from every (surface text, spaCy label) mention in it.
    Mentions repeat as often as they occur: frequency chooses the canonical spelling."""

    def __init__(self, mentions: Iterable[tuple[str, str]]) -> None:
        counts = Counter((text, label) for text, label in mentions if text.strip())
        distinct = sorted(counts)
        parsed = [_mention(text, label) for text, label in distinct]
        groups = _Groups(parsed)
        by_key: dict[tuple[str, str], int] = {}
        for i, m in enumerate(parsed):  # identical names: one entity across labels of one family
            family = "body" if m.family in _NAMED_BODIES else m.family
            first = by_key.setdefault((family, m.key), i)
            groups.union(first, i)
        families: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(parsed):
            families[m.family].append(i)
        resolved: dict[str, int] = {}
        for i, m in enumerate(parsed):  # Kiev and Kyiv, U.S. and United States
            if m.place is not None:
                groups.union(resolved.setdefault(m.place.key, i), i)
        for family, indices in sorted(families.items()):
            (_join_people if family == "person" else _join_names)(groups, indices)
        self._by_mention: dict[tuple[str, str], Entity] = {}
        entities = []
        for group in groups.groups():
            members = [parsed[i] for i in group]
            entity = _entity(members, counts)
            entities.append(entity)
            for m in members:
                self._by_mention[(m.text, m.label)] = entity
        self.entities: tuple[Entity, ...] = tuple(sorted(entities, key=lambda e: (-e.count, e.canonical)))

    def lookup(self, text: str, label: str) -> Entity | None:
        """The entity of a mention seen when the index was built."""
        return self._by_mention.get((text, label))

    def canonical(self, text: str, label: str) -> str:
        """The canonical name of a mention; an unseen mention keeps its cleaned surface."""
        entity = self.lookup(text, label)
        return entity.canonical if entity else " ".join(_display(text, _FAMILIES.get(label, label)))

    def mapping(self) -> dict[tuple[str, str], str]:
        return {mention: entity.canonical for mention, entity in self._by_mention.items()}


def canonicalize(mentions: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(surface text, spaCy label) -> canonical name, for every distinct mention of an archive."""
    return EntityIndex(mentions).mapping()
