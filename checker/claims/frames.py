"""Claim frames: what a figure is about, read off the dependency parse and named entities.

Each slot keeps the words it came from, so a reason can quote them. The slots are deliberately
conservative: a slot the parse does not clearly support stays empty, and an empty slot never separates
two claims (a desk would rather see a frame with gaps than two facts wrongly kept apart or joined).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime, timedelta
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from checker.models import Frame, Slot, TimeScope
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = {"nsubj", "nsubjpass"}
_T = TypeVar("_T")
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
_CLAUSE_LINKS = {"ccomp", "parataxis", "advcl", "conj", "xcomp"}


def _table() -> dict[str, Any]:
    return load_table("frames.json")


@cache
def _predicate_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for name, verbs in _table()["predicate_classes"].items():
        for verb in verbs:
            index.setdefault(verb, set()).add(name)
    for name, nouns in _table()["event_nouns"].items():
        for noun in nouns:
            index.setdefault(noun, set()).add(name)
    return {k: frozenset(v) for k, v in index.items()}


def known_predicate(norm: str) -> bool:
    """Whether the words are listed as a predicate exactly ('hand over' yes, 'last two' no)."""
    return norm in _predicate_index()


def predicate_classes(norm: str | None) -> frozenset[str]:
    """The event classes a predicate belongs to ('downed' and 'intercept' are both 'shoot down')."""
    if not norm:
        return frozenset()
    index = _predicate_index()
    return index.get(norm) or index.get(norm.split()[0], frozenset())


def days_between(a: datetime, b: datetime) -> float:
    """Days from `a` to `b`, negative when `b` is earlier; a naive and an aware moment compare by their
    wall-clock times."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return (b - a).total_seconds() / 86400


def days_apart(a: datetime, b: datetime) -> float:
    """Days between two moments, whichever comes first."""
    return abs(days_between(a, b))


def natural_direction(frame: Frame) -> str | None:
    """'up' for figures that only grow as a story develops (a death toll), else None."""
    table = _table()["cumulative"]
    keys = [frame.counted.norm if frame.counted else None]
    keys += sorted(predicate_classes(frame.predicate.norm if frame.predicate else None))
    for key in keys:
        if key and key in table and not key.startswith("_"):
            return str(table[key])
    return None


def phrase(tokens: Iterable[Token]) -> str:
    """Tokens as text without leading determiners: 'the Defence Ministry' -> 'Defence Ministry'."""
    words = sorted(tokens, key=lambda t: t.i)
    while words and (words[0].lower_ in _DETERMINERS or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text


def normalise_name(text: str) -> str:
    """Lower-cased, possessives and determiners dropped: "Russia's Ministry" -> "russia ministry"."""
    words = text.replace("\u2019", "'").replace("'s ", " ").replace("'s", "").lower().split()
    return " ".join(w for w in words if w not in _DETERMINERS)


#: the label of a slot whose head is a proper noun the entity recognizer left unlabelled
PROPER_NOUN = "PROPN"


def _slot(tokens: Iterable[Token], head: Token | None = None) -> Slot | None:
    text = phrase(tokens)
    label = None
    if head is not None:  # an unrecognised proper noun ('Jones has 193 yards') is still a name
        label = head.ent_type_ or (PROPER_NOUN if head.pos_ == "PROPN" else None)
    return Slot(text=text, norm=normalise_name(text), label=label) if text else None


def claimant(doc: Doc | Span, figure: Span) -> Slot | None:
    """Who says so: 'according to X', 'X said', 'X told reporters', 'citing X'.

    The first object of an attribution preposition ('according to', 'citing') that does not hold the
    figure; else the subject (not a pronoun, not holding the figure) of the reporting verb nearest the
    figure among those whose clause holds it, else of the nearest reporting verb at all."""
    return sentence_index(doc).claimant(figure)


#: parts of a noun phrase that say something else about it: 'Garrard, who completed 28 passes'
_ASIDES = {"relcl", "appos", "acl", "advcl", "parataxis", "punct"}


def _without_asides(head: Token) -> list[Token]:
    """A phrase without its relative clauses and appositions: 'Garrard', not 'Garrard, who completed 28
    passes for 329 yards'."""
    aside = {t.i for child in head.children if child.dep_ in _ASIDES for t in child.subtree}
    return [t for t in head.subtree if t.i not in aside]


def _owner(verb: Token, figure: Span) -> Slot | None:
    """A name that owns the figure's noun: in 'Luck surpassed Cam Newton's record of 4,051 yards' the
    yards are Newton's, not Luck's. A possessive is written before what it owns, so a name after the
    figure owns some other noun, whatever the parse says."""
    token = figure.root
    while token.i != verb.i and token.head.i != token.i:
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN" and child.i < figure.start:
                named = sentence_index(child.doc).entity_at(child.i)  # 'Bank of America'
                if named is not None:
                    return _slot([t for t in named if t.dep_ != "case"], child)
                name = [t for t in child.children if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"]
                return _slot([*name, child], child)
        token = token.head
    return None


def actor(verb: Token | None, figure: Span, said_by: Slot | None) -> Slot | None:
    """Who did it: a name owning the figure's noun, the verb's subject, the passive agent, or the
    claimant behind 'it said it downed'."""
    if verb is None:
        return None
    owner = _owner(verb, figure)
    if owner is not None:
        return owner
    pronouns = set(_table()["pronoun_subjects"])
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects:
                return _slot(objects[0].subtree, objects[0])
        if child.dep_ == "nsubj":
            index = sentence_index(child.doc)
            if any(index.holds(child.i, i, but=_ASIDES) for i in range(figure.start, figure.end)):
                continue  # the figure is in the subject's own words (`_without_asides`)
            if child.lower_ in pronouns:
                return said_by if child.lower_ in {"it", "they", "we"} else None
            return _slot(_without_asides(child), child)
    return None


def _place_noun(token: Token) -> bool:
    return token.lemma_.lower() in _table()["place_nouns"]


def _anchor(ent: Span, labels: set[str]) -> Token | None:
    """The noun a place name stands as, when the name is a place: the name itself ('in Gaza City'; a
    name the recognizer took for something else that an apposition calls a place, 'in Takengon, the
    capital of Central Aceh district'), or the place noun it names ('in the town of Takengon', 'in the
    district capital Takengon')."""
    if ent.label_ not in labels and ent.label_ != "ORG":  # a person is never a place ('the Clinton camp')
        return None
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _place_noun(root.head.head):
        return root.head.head
    if root.dep_ in {"appos", "compound"} and _place_noun(root.head):
        return root.head
    if ent.label_ in labels or any(c.dep_ == "appos" and _place_noun(c) for c in root.children):
        return root
    return None


def _place_phrase(token: Token) -> Token:
    """The noun a place name stands in: 'Jabaliya' in 'the Jabaliya refugee camp' is the camp."""
    while token.dep_ in {"compound", "amod"} and token.head.i != token.i:
        token = token.head
    return token


def place(doc: Doc | Span, verb: Token | None, exclude: Slot | None, *, near: bool = True) -> Slot | None:
    """Where: a place entity introduced by a place preposition on the figure's own verb ('shot down
    over Moscow', 'killed in Gaza City'); a place elsewhere in the sentence ('whose son is a prisoner in
    Russia') is about something else. With `near` false, any place preposition under the verb will do
    (the `site` of a frame: 'killed when shells landed at a school in the Jabaliya refugee camp') as
    long as it places an event, not a noun ('13 countries around the Indian Ocean', 'lawmakers in Quessa
    passed a budget'). The first such entity of the sentence that is not in `exclude` (the claimant)."""
    return sentence_index(doc).place(verb, exclude, near=near)


class _Place(NamedTuple):
    """An entity that can be a place: the anchor of its preposition and the slot it fills."""

    order: int  # its rank among the sentence's entities
    root: int  # the position of the entity's root
    text: str  # the entity as written, for the claimant it must not be part of
    grandparent: int  # the position of the word its preposition hangs from
    event: bool  # that word is a verb stating an event (a site), not a participle describing a noun
    slot: Slot


def _place_of(ent: Span, order: int, labels: set[str], preps: set[str], *, near: bool) -> _Place | None:
    anchor = _anchor(ent, labels)
    if anchor is None:
        return None
    noun = anchor if near else _place_phrase(anchor)
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in preps:
        return None
    # a site places an event: a participle describing a noun ('soldiers trained in Jordan') does not
    event = head.head.pos_ in {"VERB", "AUX"} and head.head.dep_ not in {"acl", "relcl", "amod"}
    words = ent.text
    if noun.i != anchor.i:  # the site is the camp the name stands in
        words = phrase(t for t in noun.subtree if ent.start <= t.i <= noun.i)
    label = ent.label_ if ent.label_ in labels else "GPE"  # an apposition made it a place
    slot = Slot(text=words, norm=normalise_name(words), label=label)
    return _Place(order, ent.root.i, ent.text, head.head.i, event, slot)


def _date_words(text: str) -> bool:
    words = set(text.lower().replace(",", " ").split())
    months = set(load_table("context.json")["months"])
    return bool(words & (set(_table()["day_words"]) | months))


@lru_cache(maxsize=256)
def _date_parser(base: datetime) -> Any:
    """dateparser fixes the reference date per parser: one parser per publication date."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})


def resolve_time(text: str, published: datetime | None) -> tuple[date, date, bool] | None:
    """(first day, last day, is a night) for a time expression, relative to the publication date;
    None when unsure."""
    key = text.lower().strip()
    for prefix in ("on ", "since ", "late ", "early "):
        key = key.removeprefix(prefix)
    night = _table()["night_words"]
    if published is not None:
        day = published.date()
        for words, (lo, hi) in night.items():
            if key == words or key.startswith(words + " "):
                return day + timedelta(days=lo), day + timedelta(days=hi), hi > lo
    if not _date_words(key) and key not in _table()["night_words"]:
        return None
    if published is None and not any(ch.isdigit() and len(w) == 4 for w in key.split() for ch in w[:1]):
        return None  # a weekday or '16 May' means nothing without a publication date or a year
    base = (published or datetime(2000, 1, 1)).replace(tzinfo=None)
    found = _date_parser(base).get_date_data(key)
    if found is None or found.date_obj is None:
        return None
    when = found.date_obj.date()
    if published is not None and when == base.date() - timedelta(days=7) and key.split()[0].endswith("day"):
        when = base.date()  # 'on Thursday' in a Thursday paper is today, not a week ago
    if published is not None and when > base.date() + timedelta(days=1):
        return None  # a future date is a plan, not the scope of a reported figure
    period = found.period
    if period == "day" and key.endswith("night"):
        return when, when + timedelta(days=1), True  # "on Tuesday night"
    if period == "day":
        return when, when, False
    if period == "week":
        return when - timedelta(days=6), when + timedelta(days=6), False
    if period == "month":
        first = when.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1), False
    return None


def _governing_verb(tok: Token) -> Token | None:
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def time_scope(
    doc: Doc | Span, figure: Span, verb: Token | None, published: datetime | None
) -> TimeScope | None:
    """When: the date or time expression of the figure's clause, resolved to a date interval.

    A date on the reporting verb ("the ministry said on Thursday") or on a tally verb ("the toll rose
    to 14 on Monday") dates the statement or the count, not the fact: it only anchors a night
    ("said on Thursday it downed 105 drones overnight": Wednesday night). Of the other dates, one in
    the verb's clause comes first, then the nearest to the figure (a night word in the sentence counts
    as one word away), and of those at one distance the first in alphabetical order; the first of them
    that resolves is the scope.
    """
    return sentence_index(doc).time_scope(figure, verb, published)


def frame_text(frame: Frame, mask: str, *, count: bool = True, modifies_noun: bool = False) -> str | None:
    """The text clustering embeds: the frame as a plain clause, figure masked ('Russia shot down #
    Ukrainian drones over Moscow'); None when the frame is too thin to stand for the claim.

    A measure ('two hours of talks', 'a 984-foot ship', 'the talks lasted two hours') is about the
    thing measured, whatever the sentence's verb; so is a figure that describes its noun ('a crew of 22').
    """
    if not count:
        if modifies_noun and frame.counted is not None:
            return f"{frame.counted.text} {mask}"
        words = [frame.counted.text if frame.counted else "", frame.predicate.text if frame.predicate else ""]
        return " ".join([w for w in words if w] + [mask]) if any(words) else None
    if frame.counted is None or (frame.predicate is None and not modifies_noun):
        return None
    if modifies_noun:
        return f"{frame.counted.text} {mask}"
    assert frame.predicate is not None
    actor = frame.actor.text if frame.actor and frame.counted.text not in frame.actor.text else ""
    parts = [actor, frame.predicate.text, mask, frame.counted.text]
    if frame.place:
        parts += ["in", frame.place.text]
    return " ".join(p for p in parts if p)


def build_frame(
    doc: Doc | Span,
    figure: Span,
    counted: Slot | None,
    verb: Token | None,
    predicate: Slot | None,
    published: datetime | None,
    concept: str | None,
) -> Frame:
    index = sentence_index(doc)
    said_by = index.claimant(figure)
    # "the ministry said it downed": 'it' is the ministry; "the governor said it was moving": not him
    speaker = None if said_by is not None and index.names_a_person(said_by.text) else said_by
    return Frame(
        counted=counted,
        predicate=predicate,
        actor=actor(verb, figure, speaker),
        place=index.place(verb, said_by),
        site=index.place(verb, said_by, near=False),
        time=index.time_scope(figure, verb, published),
        claimant=said_by,
        concept=concept,
    )


# ---------------------------------------------------------------------------------------------
# One pass over a parsed sentence for the readers that each of its figures asks
# ---------------------------------------------------------------------------------------------

#: how many parses `sentence_index` keeps: a sentence's figures are read one after the other, and the
#: readers of one figure may ask for the parse of the whole document beside the sentence's own span
_KEPT_INDEXES = 4
_indexes: list[tuple[Any, SentenceIndex]] = []


def sentence_index(doc: Doc | Span) -> SentenceIndex:
    """The index of a parse, built on first use and kept for the next figures of the same parse (the
    same object: a parse is never changed once its figures are read)."""
    for seen, index in _indexes:
        if seen is doc:
            return index
    index = SentenceIndex(doc)
    _indexes.insert(0, (doc, index))
    del _indexes[_KEPT_INDEXES:]
    return index


def _overlaps(positions: list[int], start: int, end: int) -> bool:
    """Whether sorted token positions hold one in [start, end)."""
    k = bisect_left(positions, start)
    return k < len(positions) and positions[k] < end


class _Skipper:
    """Positions 0..n-1 of a list, passed over in either direction once known to fail a test that, once
    failed, stays failed (pointer jumping with path compression: amortised constant time a step)."""

    def __init__(self, n: int, failed: Callable[[int], bool]) -> None:
        self._n = n
        self._failed = failed
        self._right = list(range(1, n + 1))
        self._left = list(range(-1, n - 1))

    def right(self, k: int) -> int:
        """The first position from k on not known to fail (n when none)."""
        path = []
        while k < self._n and self._failed(k):
            path.append(k)
            k = self._right[k]
        for p in path:
            self._right[p] = k
        return k

    def left(self, k: int) -> int:
        """The last position up to k not known to fail (-1 when none)."""
        path = []
        while k >= 0 and self._failed(k):
            path.append(k)
            k = self._left[k]
        for p in path:
            self._left[p] = k
        return k


class _Date(NamedTuple):
    """A date or time entity that `time_scope` may read."""

    start: int
    end: int
    root: int
    text: str  # as written
    words: str  # as read: 'since October' when a 'since' before it was left out of the entity
    reported: bool  # a reporting or tally verb governs it: it dates the statement or the count
    verb: int  # the position of that verb (-1 when none)
    tally: bool  # that verb is a tally verb


_NO_VERB = -2  # the verb position of a figure without a verb: no date's verb
_TALLIED = -3  # the claiming verb of a date a tally verb governs: no figure's verb


class SentenceIndex:
    """A parsed sentence read once for the readers that each of its figures asks: `claimant`, `place`,
    `time_scope`, `actor`, and (through `cached`) the context and concept readers of the claim layer.

    A table run into one sentence holds thousands of figures, and a reader that scanned the whole
    sentence, all its entities or a verb's whole subtree for each of them made extraction quadratic. The
    index holds what those scans looked for, in the order they looked, so that each figure is answered
    from positions by bisection, by a walk up its own verbs, or from the few entities that overlap it.

    Every answer is the one the plain scan gives. 'Inside a token's subtree' follows spaCy's
    `Token.subtree` exactly (a child counts where spaCy finds it, between its head's edges), by an Euler
    tour: token b is in a's subtree when b's entry time lies within a's.
    """

    def __init__(self, doc: Doc | Span) -> None:
        self.doc = doc
        whole = doc.doc  # a Doc is its own doc; a Span's subtrees reach out into its Doc
        tokens = list(whole)
        self.tokens = tokens
        n = len(tokens)
        heads = [t.head.i for t in tokens]
        left = [t.left_edge.i for t in tokens]
        right = [t.right_edge.i for t in tokens]
        parent = list(range(n))
        kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i and left[h] <= i <= right[h]:
                parent[i] = h
                kids[h].append(i)
        order: list[int] = []
        enter = [-1] * n
        for top in [*(i for i in range(n) if parent[i] == i), *range(n)]:  # roots first, then any left
            stack = [top]
            while stack:
                x = stack.pop()
                if enter[x] >= 0:
                    continue
                enter[x] = len(order)
                order.append(x)
                stack.extend(reversed(kids[x]))
        size = [1] * n
        for x in reversed(order):
            if parent[x] != x:
                size[parent[x]] += size[x]
        self._parent = parent
        self._enter = enter
        self._leave = [enter[x] + size[x] - 1 for x in range(n)]
        self._order = order
        self.left_edges = left
        self.right_edges = right
        self.children = kids
        self.ents: list[Span] = list(doc.ents) if hasattr(doc, "ents") else []
        self._resolved: dict[tuple[str, datetime | None], tuple[date, date, bool] | None] = {}
        self._places: dict[tuple[int | None, bool], list[_Place]] = {}
        self._persons: dict[str, bool] = {}
        self._clause_dates: dict[tuple[int, datetime | None], tuple[list[int], _Skipper]] = {}
        self._free_skippers: dict[datetime | None, _Skipper] = {}
        self._said_on: dict[datetime | None, tuple[list[int], list[int], list[int], list[int]]] = {}
        self._cached: dict[Hashable, Any] = {}

    def descends(self, ancestor: int, token: int) -> bool:
        """Whether the token at position `token` is in the subtree of the one at `ancestor`."""
        return self._enter[ancestor] <= self._enter[token] <= self._leave[ancestor]

    def holds(self, head: int, i: int, *, but: set[str]) -> bool:
        """Whether the token at position i is in the subtree of the one at `head` and not in the subtree
        of a child of it whose dependency is one of `but` (a walk up from i to that child)."""
        if not self.descends(head, i):
            return False
        while i != head and self._parent[i] != head:
            i = self._parent[i]
        return i == head or self.tokens[i].dep_ not in but

    def subtree(self, i: int) -> list[int]:
        """The positions of the token's subtree (`Token.subtree`), in no particular order."""
        return self._order[self._enter[i] : self._leave[i] + 1]

    def cached(self, name: Hashable, build: Callable[[], _T]) -> _T:
        """What another reader reads once per sentence, built on first use."""
        if name not in self._cached:
            self._cached[name] = build()
        return self._cached[name]

    # -- entities ---------------------------------------------------------------------------------

    @cached_property
    def _entity_of(self) -> dict[int, Span]:
        whole = self.doc.doc
        return {i: ent for ent in whole.ents for i in range(ent.start, ent.end)}

    def entity_at(self, i: int) -> Span | None:
        """The entity of the whole document that holds the token at position i."""
        return self._entity_of.get(i)

    def names_a_person(self, text: str) -> bool:
        """Whether a PERSON entity of the sentence is written inside `text`."""
        if text not in self._persons:
            self._persons[text] = any(e.text in text for e in self.ents if e.label_ == "PERSON")
        return self._persons[text]

    # -- claimant ---------------------------------------------------------------------------------

    @cached_property
    def _attributed(self) -> list[tuple[list[int], list[Token]]]:
        """The objects of attribution prepositions ('according to X', 'citing X') in reading order, each
        with the sorted positions and the tokens of its subtree."""
        found = []
        table = _table()
        for tok in self.doc:
            for words in table["attribution_prepositions"]:
                if tok.lower_ != words[0]:
                    continue
                objects = [
                    o
                    for child in (tok, *(c for c in tok.children if c.lower_ in words[1:]))
                    for o in child.children
                    if o.dep_ == "pobj"
                ]
                for obj in objects:
                    span = list(obj.subtree)
                    found.append((sorted(t.i for t in span), span))
        return found

    @cached_property
    def _reporters(self) -> dict[int, list[tuple[list[int], list[Token]]]]:
        """The subjects (not pronouns) of each reporting verb, by the verb's position, in reading order,
        each with the sorted positions and the tokens of its subtree."""
        table = _table()
        reporting = set(table["reporting_verbs"])
        pronouns = set(table["pronoun_subjects"])
        found: dict[int, list[tuple[list[int], list[Token]]]] = {}
        for tok in self.doc:
            if tok.lemma_.lower() not in reporting or tok.pos_ not in {"VERB", "AUX"}:
                continue
            for subj in tok.children:
                if subj.dep_ not in _SUBJECTS or subj.lower_ in pronouns:
                    continue
                tokens = list(subj.subtree)
                found.setdefault(tok.i, []).append((sorted(t.i for t in tokens), tokens))
        return found

    @cached_property
    def _reporter_positions(self) -> list[int]:
        return sorted(self._reporters)

    @cached_property
    def _reporter_above(self) -> list[int]:
        """For each token, the nearest reporting verb with a subject whose subtree holds it (-1: none)."""
        above = [-1] * len(self.tokens)
        by_entry = sorted(range(len(self.tokens)), key=self._enter.__getitem__)
        for x in by_entry:  # a parent is entered before its children
            if x in self._reporters:
                above[x] = x
            elif self._parent[x] != x:
                above[x] = above[self._parent[x]]
        return above

    def claimant(self, figure: Span) -> Slot | None:
        start, end = figure.start, figure.end
        for positions, span in self._attributed:
            if not _overlaps(positions, start, end):
                return _slot(span)
        # the reporting verb governing the figure's clause is the best witness: the nearest of those
        best: tuple[tuple[int, int], list[Token]] | None = None
        verb = self._reporter_above[figure.root.i]
        while verb >= 0:
            for positions, tokens in self._reporters[verb]:
                if not _overlaps(positions, start, end):
                    if best is None or (abs(verb - start), verb) < best[0]:
                        best = ((abs(verb - start), verb), tokens)
                    break
            up = self._parent[verb]
            verb = self._reporter_above[up] if up != verb else -1
        if best is not None:
            return _slot(best[1])
        # else the nearest reporting verb, the earlier of two as near
        verbs = self._reporter_positions
        right = bisect_right(verbs, start)
        left = right - 1
        while left >= 0 or right < len(verbs):
            if right >= len(verbs) or (left >= 0 and start - verbs[left] <= verbs[right] - start):
                verb, left = verbs[left], left - 1
            else:
                verb, right = verbs[right], right + 1
            for positions, tokens in self._reporters[verb]:
                if not _overlaps(positions, start, end):
                    return _slot(tokens)
        return None

    # -- place ------------------------------------------------------------------------------------

    @cached_property
    def _place_entities(self) -> dict[bool, list[_Place]]:
        """The entities that can be a place on a verb (`near`) or a site under it, in entity order."""
        table = _table()
        labels, preps = set(table["place_labels"]), set(table["place_prepositions"])
        found: dict[bool, list[_Place]] = {}
        for near in (True, False):
            places = (_place_of(ent, k, labels, preps, near=near) for k, ent in enumerate(self.ents))
            found[near] = [p for p in places if p is not None]
        return found

    @cached_property
    def _places_by_entry(self) -> dict[bool, tuple[list[int], list[_Place]]]:
        """The same, sorted by when the Euler tour enters their roots, for a subtree's range of them."""
        found = {}
        for near, places in self._place_entities.items():
            ordered = sorted(places, key=lambda p: self._enter[p.root])
            found[near] = ([self._enter[p.root] for p in ordered], ordered)
        return found

    def place(self, verb: Token | None, exclude: Slot | None, *, near: bool = True) -> Slot | None:
        key = (verb.i if verb is not None else None, near)
        places = self._places.get(key)
        if places is None:
            if verb is None:
                places = self._place_entities[near]
            else:
                v = verb.i
                entries, ordered = self._places_by_entry[near]
                inside = ordered[bisect_left(entries, self._enter[v]) : bisect_right(entries, self._leave[v])]
                places = sorted(
                    (p for p in inside if p.grandparent == v or (not near and p.event)), key=lambda p: p.order
                )
            self._places[key] = places
        for p in places:
            if exclude is None or p.text not in exclude.text:
                return p.slot
        return None

    # -- time scope -------------------------------------------------------------------------------

    def resolved(self, text: str, published: datetime | None) -> tuple[date, date, bool] | None:
        """`resolve_time`, once per text and publication date."""
        key = (text, published)
        if key not in self._resolved:
            self._resolved[key] = resolve_time(text, published)
        return self._resolved[key]

    @cached_property
    def _dates(self) -> list[_Date]:
        """The date and time entities with a date word, in entity order."""
        reporting = set(_table()["reporting_verbs"]) | set(_table()["tally_verbs"])
        tallies = set(_table()["tally_verbs"])
        doc = self.doc
        found = []
        for ent in self.ents:
            if ent.label_ not in {"DATE", "TIME"} or not _date_words(ent.text):
                continue
            head = _governing_verb(ent.root)
            lemma = head.lemma_.lower() if head is not None else None
            since = (
                ent.start > 0
                and doc[ent.start - 1].lower_ == "since"
                and not ent.text.lower().startswith("since")
            )
            found.append(
                _Date(
                    start=ent.start,
                    end=ent.end,
                    root=ent.root.i,
                    text=ent.text,
                    words=f"since {ent.text}" if since else ent.text,
                    reported=head is not None and lemma in reporting,
                    verb=head.i if head is not None else -1,
                    tally=lemma in tallies,
                )
            )
        return found

    @cached_property
    def _date_ends(self) -> list[int]:
        return [d.end for d in self._dates]

    def _overlapping(self, figure: Span) -> set[int]:
        """The dates (by rank) that share a token with the figure: entities never overlap, so few."""
        found = set()
        k = bisect_right(self._date_ends, figure.start)
        while k < len(self._dates) and self._dates[k].start < figure.end:
            found.add(k)
            k += 1
        return found

    def _claimed_by(self, k: int) -> int:
        """The verb that makes a reported date an event date, when it is the figure's verb: a date a
        tally verb governs never is."""
        d = self._dates[k]
        return _TALLIED if d.tally else d.verb

    def _runs(self, ranks: list[int]) -> list[int]:
        """After each of the dates (by rank), the next one that another verb would make an event date."""
        after = [len(ranks)] * len(ranks)
        for n in range(len(ranks) - 2, -1, -1):
            same = self._claimed_by(ranks[n]) == self._claimed_by(ranks[n + 1])
            after[n] = after[n + 1] if same else n + 1
        return after

    def _said(self, published: datetime | None) -> tuple[list[int], list[int], list[int], list[int]]:
        """The dates a reporting or tally verb governs (by rank), and of those the ones that resolve to one
        day, each list with its `_runs`: they date the statement unless the verb is the figure's own."""
        if published not in self._said_on:
            said = [k for k, d in enumerate(self._dates) if d.reported]
            single = []
            for k in said:
                when = self.resolved(self._dates[k].text, published)
                if when and when[0] == when[1]:
                    single.append(k)
            self._said_on[published] = (said, self._runs(said), single, self._runs(single))
        return self._said_on[published]

    def _first_said(self, ranks: list[int], after: list[int], verb: int, skip: set[int]) -> int | None:
        """The first of the dates that dates the statement of a figure whose verb is at `verb`."""
        n = 0
        while n < len(ranks):
            if self._claimed_by(ranks[n]) == verb:
                n = after[n]
            elif ranks[n] in skip:
                n += 1
            else:
                return ranks[n]
        return None

    @cached_property
    def _event_dates(self) -> tuple[list[int], list[int], dict[int, list[int]]]:
        """The dates no reporting verb governs (by rank), their starts, and the reported dates that are
        the figure's own when its verb is theirs (by verb)."""
        free = [k for k, d in enumerate(self._dates) if not d.reported]
        own: dict[int, list[int]] = {}
        for k, d in enumerate(self._dates):
            if d.reported and not d.tally:
                own.setdefault(d.verb, []).append(k)
        return free, [self._dates[k].start for k in free], own

    @cached_property
    def _free_by_entry(self) -> tuple[list[int], list[int]]:
        free = sorted(self._event_dates[0], key=lambda k: self._enter[self._dates[k].root])
        return [self._enter[self._dates[k].root] for k in free], free

    @cached_property
    def _nights(self) -> list[tuple[str, list[int], dict[int, list[int]]]]:
        """The night words of the sentence, in table order, each with the free dates and (by verb) the
        verb's own reported dates whose words hold it."""
        text = self.doc.text.lower()
        free, _, own = self._event_dates
        found = []
        for words in _table()["night_words"]:
            if not re.search(rf"\b{words}\b", text):
                continue
            held = [k for k in free if words in self._dates[k].words.lower()]
            by_verb = {
                v: hits
                for v, ks in own.items()
                if (hits := [k for k in ks if words in self._dates[k].words.lower()])
            }
            found.append((words, held, by_verb))
        return found

    def _resolving(self, published: datetime | None) -> Callable[[int], bool]:
        def failed(k: int) -> bool:
            key = (self._dates[k].words, published)
            return key in self._resolved and self._resolved[key] is None

        return failed

    def _clause(self, verb: int, published: datetime | None) -> tuple[list[int], _Skipper]:
        """The dates in the verb's subtree that are event dates when the figure's verb is `verb`, in the
        order `time_scope` tries them (alphabetical), with a skipper over those known not to resolve."""
        key = (verb, published)
        if key not in self._clause_dates:
            entries, free = self._free_by_entry
            inside = free[bisect_left(entries, self._enter[verb]) : bisect_right(entries, self._leave[verb])]
            own = [k for k in self._event_dates[2].get(verb, []) if self.descends(verb, self._dates[k].root)]
            dates = sorted([*inside, *own], key=lambda k: self._dates[k].words)
            failed = self._resolving(published)
            self._clause_dates[key] = (dates, _Skipper(len(dates), lambda n: failed(dates[n])))
        return self._clause_dates[key]

    def _scope(self, words: str, published: datetime | None) -> TimeScope | None:
        when = self.resolved(words, published)
        if when is None:
            return None
        if words.lower().startswith("since "):  # 'since October': from then to the day of writing
            end = published.date() if published is not None else date.max
            return TimeScope(text=words, start=when[0], end=max(end, when[1]))
        return TimeScope(text=words, start=when[0], end=when[1], night=when[2])

    def time_scope(self, figure: Span, verb: Token | None, published: datetime | None) -> TimeScope | None:
        dates = self._dates
        nights = self._nights
        if not dates and not nights:
            return None
        skip = self._overlapping(figure)
        v = verb.i if verb is not None else _NO_VERB
        free, starts, own = self._event_dates
        night_table = _table()["night_words"]
        added: list[str] = []
        for words, held, by_verb in nights:
            if any(k not in skip for k in held) or any(k not in skip for k in by_verb.get(v, ())):
                continue
            if any(words in a for a in added):
                continue
            said = self._said(published) if night_table[words][1] > night_table[words][0] else None
            if said is not None and (first := self._first_said(said[0], said[1], v, skip)) is not None:
                anchor = self._first_said(said[2], said[3], v, skip)
                if anchor is not None:
                    when = self.resolved(self._dates[anchor].text, published)
                    assert when is not None
                    day = when[0]
                    text = f"{words} ({self._dates[first].text})"
                    return TimeScope(text=text, start=day - timedelta(days=1), end=day, night=True)
            added.append(words)
        # the figure's clause first
        if verb is not None:
            clause, skipper = self._clause(v, published)
            n = skipper.right(0)
            while n < len(clause):
                k = clause[n]
                if k not in skip and (found := self._scope(self._dates[k].words, published)) is not None:
                    return found
                n = skipper.right(n + 1)
        # then by distance from the figure (a night word at 1), alphabetical at one distance
        extra = sorted(
            [(2, w) for w in added]
            + [
                (1 + abs(self._dates[k].start - figure.start), self._dates[k].words)
                for k in own.get(v, ())
                if k not in skip and not self.descends(v, self._dates[k].root)
            ]
        )
        if published not in self._free_skippers:
            failed = self._resolving(published)
            self._free_skippers[published] = _Skipper(len(free), lambda n: failed(free[n]))
        skipper = self._free_skippers[published]

        def usable(n: int) -> bool:
            k = free[n]
            return k not in skip and (verb is None or not self.descends(v, self._dates[k].root))

        right = bisect_left(starts, figure.start)
        left = skipper.left(right - 1)
        right = skipper.right(right)
        e = 0
        while True:
            while left >= 0 and not usable(left):
                left = skipper.left(left - 1)
            while right < len(free) and not usable(right):
                right = skipper.right(right + 1)
            far = len(self.tokens) + 2
            key_left = 1 + figure.start - starts[left] if left >= 0 else far
            key_right = 1 + starts[right] - figure.start if right < len(free) else far
            key_extra = extra[e][0] if e < len(extra) else far
            key = min(key_left, key_right, key_extra)
            if key == far:
                return None
            group: list[str] = []
            if key_left == key:
                group.append(self._dates[free[left]].words)
                left = skipper.left(left - 1)
            if key_right == key:
                group.append(self._dates[free[right]].words)
                right = skipper.right(right + 1)
            while e < len(extra) and extra[e][0] == key:
                group.append(extra[e][1])
                e += 1
            for words in sorted(group):
                found = self._scope(words, published)
                if found is not None:
                    return found
