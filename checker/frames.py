"""Claim frames: what a figure is about, read off the dependency parse and named entities.

Each slot keeps the words it came from, so a reason can quote them. The slots are deliberately
conservative: a slot the parse does not clearly support stays empty, and an empty slot never separates
two claims (a desk would rather see a frame with gaps than two facts wrongly kept apart or joined).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from checker.models import Frame, Slot, TimeScope
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = {"nsubj", "nsubjpass"}
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
    """Who says so: 'according to X', 'X said', 'X told reporters', 'citing X'."""
    table = _table()
    for tok in doc:
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
                if not any(figure.start <= t.i < figure.end for t in span):
                    return _slot(span)
    reporting = set(table["reporting_verbs"])
    candidates = []
    for tok in doc:
        if tok.lemma_.lower() not in reporting or tok.pos_ not in {"VERB", "AUX"}:
            continue
        for subj in tok.children:
            if subj.dep_ not in _SUBJECTS:
                continue
            tokens = list(subj.subtree)
            if any(figure.start <= t.i < figure.end for t in tokens):
                continue
            if subj.lower_ in table["pronoun_subjects"]:
                continue
            # the reporting verb governing the figure's clause is the best witness
            governs = figure.root in tok.subtree
            candidates.append((not governs, abs(tok.i - figure.start), tokens))
    if not candidates:
        return None
    return _slot(min(candidates, key=lambda c: (c[0], c[1]))[2])


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
                named = [e for e in child.doc.ents if e.start <= child.i < e.end]  # 'Bank of America'
                if named:
                    return _slot([t for t in named[0] if t.dep_ != "case"], child)
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
            tokens = _without_asides(child)
            if any(figure.start <= t.i < figure.end for t in tokens):
                continue
            if child.lower_ in pronouns:
                return said_by if child.lower_ in {"it", "they", "we"} else None
            return _slot(tokens, child)
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
    passed a budget')."""
    table = _table()
    labels = set(table["place_labels"])
    preps = set(table["place_prepositions"])
    scope = {t.i for t in verb.subtree} if verb is not None else {t.i for t in doc}
    for ent in doc.ents if hasattr(doc, "ents") else ():
        if ent.root.i not in scope:
            continue
        anchor = _anchor(ent, labels)
        if anchor is None:
            continue
        if exclude is not None and ent.text in exclude.text:
            continue
        noun = anchor if near else _place_phrase(anchor)
        head = noun.head
        # a site places an event: a participle describing a noun ('soldiers trained in Jordan') does not
        event = head.head.pos_ in {"VERB", "AUX"} and head.head.dep_ not in {"acl", "relcl", "amod"}
        on_verb = verb is None or head.head.i == verb.i or (not near and event)
        if noun.dep_ == "pobj" and head.lower_ in preps and on_verb:
            words = ent.text
            if noun.i != anchor.i:  # the site is the camp the name stands in
                words = phrase(t for t in noun.subtree if ent.start <= t.i <= noun.i)
            label = ent.label_ if ent.label_ in labels else "GPE"  # an apposition made it a place
            return Slot(text=words, norm=normalise_name(words), label=label)
    return None


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
    ("said on Thursday it downed 105 drones overnight": Wednesday night).
    """
    reporting = set(_table()["reporting_verbs"]) | set(_table()["tally_verbs"])
    event_dates: list[tuple[int, str]] = []
    said_on: list[str] = []
    for ent in doc.ents if hasattr(doc, "ents") else ():
        if ent.label_ not in {"DATE", "TIME"} or (ent.start < figure.end and figure.start < ent.end):
            continue
        if not _date_words(ent.text):
            continue
        head = _governing_verb(ent.root)
        if (
            head is not None
            and head.lemma_.lower() in reporting
            and (head != verb or head.lemma_.lower() in _table()["tally_verbs"])
        ):
            said_on.append(ent.text)
            continue
        inside = verb is not None and ent.root in verb.subtree
        since = (
            ent.start > 0
            and doc[ent.start - 1].lower_ == "since"
            and not ent.text.lower().startswith("since")
        )
        event_dates.append(
            (0 if inside else 1 + abs(ent.start - figure.start), f"since {ent.text}" if since else ent.text)
        )
    text = doc.text.lower()
    nights = [w for w in _table()["night_words"] if re.search(rf"\b{w}\b", text)]
    for words in nights:
        if any(words in e[1].lower() for e in event_dates):
            continue
        anchor = [r for r in map(lambda t: resolve_time(t, published), said_on) if r and r[0] == r[1]]
        if anchor and _table()["night_words"][words][1] > _table()["night_words"][words][0]:
            day = anchor[0][0]
            start = day - timedelta(days=1)
            return TimeScope(text=f"{words} ({said_on[0]})", start=start, end=day, night=True)
        event_dates.append((2, words))
    for _, words in sorted(event_dates):
        when = resolve_time(words, published)
        if when is not None:
            if words.lower().startswith("since "):  # 'since October': from then to the day of writing
                end = published.date() if published is not None else date.max
                return TimeScope(text=words, start=when[0], end=max(end, when[1]))
            return TimeScope(text=words, start=when[0], end=when[1], night=when[2])
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
    said_by = claimant(doc, figure)
    people = [e.text for e in getattr(doc, "ents", ()) if e.label_ == "PERSON"]
    # "the ministry said it downed": 'it' is the ministry; "the governor said it was moving": not him
    speaker = None if said_by is not None and any(p in said_by.text for p in people) else said_by
    return Frame(
        counted=counted,
        predicate=predicate,
        actor=actor(verb, figure, speaker),
        place=place(doc, verb, said_by),
        site=place(doc, verb, said_by, near=False),
        time=time_scope(doc, figure, verb, published),
        claimant=said_by,
        concept=concept,
    )
