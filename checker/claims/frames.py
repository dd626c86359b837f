"""Claim frames: what a figure is about, read off the dependency parse and named entities.

Each slot keeps the words it came from, so a reason can quote them. The slots are deliberately
conservative: a slot the parse does not clearly support stays empty, and an empty slot never separates
two claims (a desk would rather see a frame with gaps than two facts wrongly kept apart or joined).

`build_frame` reads a figure's frame: the event (`predicate_slot`), who did it (`actor`), where
(`place`, and the `site` of the event) here; who says so in `checker.claims.claimants`, when in
`checker.claims.time_scopes`. `frame_text` is the frame as the plain clause clustering embeds, and
`predicate_classes` and `natural_direction` are what later stages ask of a frame's predicate.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.claims.claimants import claimant
from checker.claims.sentence_index import SentenceIndex, sentence_index
from checker.claims.slots import normalise_name, phrase, slot
from checker.claims.time_scopes import time_scope
from checker.models import Frame, Slot
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


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


def natural_direction(frame: Frame) -> str | None:
    """'up' for figures that only grow as a story develops (a death toll), else None."""
    table = _table()["cumulative"]
    keys = [frame.counted.norm if frame.counted else None]
    keys += sorted(predicate_classes(frame.predicate.norm if frame.predicate else None))
    for key in keys:
        if key and key in table and not key.startswith("_"):
            return str(table[key])
    return None


def event_verb(start: Token) -> Token | None:
    """The verb a figure's event is read from: the token itself when it is a verb, else the nearest verb
    at most four heads above it."""
    tok = start
    for _ in range(5):
        if tok.pos_ == "VERB":
            return tok
        if tok.head.i == tok.i:  # the root is its own head (a new Token object each time)
            return None
        tok = tok.head
    return None


def _particles(verb: Token) -> list[Token]:
    """'shot down', 'hand over': a particle the parser attached, or one the figure's hedge swallowed."""
    found = [c for c in verb.children if c.dep_ == "prt"]
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if not found and nxt is not None and known_predicate(f"{verb.lemma_.lower()} {nxt.lower_}"):
        found = [nxt]
    return found


def _predicate_text(verb: Token | None) -> str | None:
    if verb is None:
        return None
    return " ".join([verb.lemma_.lower(), *(p.lower_ for p in _particles(verb))])


def predicate_slot(verb: Token | None, noun: Token | None) -> Slot | None:
    """The event: the figure's verb, an event noun it hangs from ('an exchange of 1,000 prisoners'), or
    the state a verb leaves it in ('left 14 others trapped').

    A tally verb ('the toll rose to 14') is not the event: the counted noun's own verb is ('people
    killed'), or the event its name implies ('death toll': kill).
    """
    tallies = load_table("frames.json")["tally_verbs"]
    if verb is not None and noun is not None and verb.lemma_.lower() in tallies:
        own = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
        if own:
            return Slot(text=own[0].text, norm=own[0].lemma_.lower())
        alias = load_table("frames.json")["counted_aliases"].get(noun.lemma_.lower())
        return Slot(text=alias[1], norm=alias[1]) if alias else None
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in {"of", "for", "involving"}:
        event = noun.head.head
        if event.pos_ == "NOUN" and predicate_classes(event.lemma_.lower()):
            return Slot(text=event.text, norm=event.lemma_.lower())
    if verb is not None:
        states = [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in {"ADJ", "VERB"}]
        if states:  # "left 14 others trapped", "leaving two missing": the state is the event
            return Slot(text=f"{verb.text} {states[0].text}", norm=states[0].lemma_.lower())
    norm = _predicate_text(verb)
    if verb is None or norm is None:
        return None
    words = [verb, *_particles(verb)]
    return Slot(text=" ".join(t.text for t in sorted(words, key=lambda t: t.i)), norm=norm)


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
                    return slot([t for t in named if t.dep_ != "case"], child)
                name = [t for t in child.children if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"]
                return slot([*name, child], child)
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
                return slot(objects[0].subtree, objects[0])
        if child.dep_ == "nsubj":
            index = sentence_index(child.doc)
            if any(index.holds(child.i, i, but=_ASIDES) for i in range(figure.start, figure.end)):
                continue  # the figure is in the subject's own words (`_without_asides`)
            if child.lower_ in pronouns:
                return said_by if child.lower_ in {"it", "they", "we"} else None
            return slot(_without_asides(child), child)
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
    return _places(doc).place(verb, exclude, near=near)


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
    filled = Slot(text=words, norm=normalise_name(words), label=label)
    return _Place(order, ent.root.i, ent.text, head.head.i, event, filled)


def _places(doc: Doc | Span) -> SentencePlaces:
    index = sentence_index(doc)
    return index.cached("frames.places", lambda: SentencePlaces(index))


class SentencePlaces:
    """The entities of one parsed sentence that can be a place or a site, read once for `place` of each
    of its figures and looked up by the subtree of the figure's verb (see `SentenceIndex`)."""

    def __init__(self, index: SentenceIndex) -> None:
        self.ents = index.ents
        self._enter, self._leave = index.enter, index.leave
        self._places: dict[tuple[int | None, bool], list[_Place]] = {}

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
        """`place` (or, with `near` false, the site) of a figure of the sentence whose verb is `verb`."""
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
    """The frame of a figure of the parse `doc`, given what the claim layer read first: the counted
    noun, the verb, the event and the concept."""
    index = sentence_index(doc)
    said_by = claimant(doc, figure)
    # "the ministry said it downed": 'it' is the ministry; "the governor said it was moving": not him
    speaker = None if said_by is not None and index.names_a_person(said_by.text) else said_by
    places = _places(doc)
    return Frame(
        counted=counted,
        predicate=predicate,
        actor=actor(verb, figure, speaker),
        place=places.place(verb, said_by),
        site=places.place(verb, said_by, near=False),
        time=time_scope(doc, figure, verb, published),
        claimant=said_by,
        concept=concept,
    )
