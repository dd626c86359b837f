"""Entity claims: facts whose value is an entity, as (subject, relation, entity).

- location: where an event happened ("talks in Istanbul", "the Istanbul meeting", "delegations met in
  Ankara"); the subject is the event;
- destination: where a journey was bound ("bound for Colombo", "headed for Sri Lanka");
- role: who holds a role ("Kremlin spokesman Dmitry Peskov"), kept for the record and for
  canonicalization, never judged: a role has many holders over time.

Only sentences that hold a trigger word from the relation table are parsed; a place named inside
another place ("Colombo in Sri Lanka", "Dolmabahce Palace in Istanbul") is the first one's detail,
not a second claim.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span

from checker.claims.slots import normalise_name
from checker.claims.time_scopes import time_scope
from checker.entities.places import resolve_place
from checker.models import Article, EntityClaim, Slot
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: how far up the parse a place's preposition may sit from its event ('at the table' -> 'face')
MAX_STEPS_TO_EVENT = 3
LOCATION = "held in"
DESTINATION = "bound for"
ROLE = "role"


def _relations() -> dict[str, Any]:
    return load_table("frames.json")["entity_relations"]


@cache
def trigger() -> re.Pattern[str]:
    """Words, in every inflection, whose presence makes a sentence worth parsing for entity claims."""
    from lemminflect import getAllInflections

    table = _relations()
    lemmas = {*table["event_nouns"], *table["event_verbs"], *table["host_verbs"]}
    lemmas |= {*table["destination_words"], *table["role_nouns"]}
    words = set()
    for lemma in lemmas:
        first = lemma.split()[0]
        words |= {first, *(f for forms in getAllInflections(first).values() for f in forms)}
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _place_spans(doc: Doc) -> list[Span]:
    """Place mentions: spaCy's place entities, plus proper nouns in a place slot ('bound for Colombo',
    'met in Ankara') that the gazetteer knows, which the small model often mislabels or misses."""
    spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    taken = {t.i for e in spans for t in e}
    preps = {*_relations()["location_prepositions"], *_relations()["destination_prepositions"]}
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in preps:
            continue
        first = min([c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
        span = doc[first : tok.i + 1]
        if resolve_place(span.text) is not None:
            spans.append(Span(doc, span.start, span.end, label="GPE"))
    return sorted(spans, key=lambda e: e.start)


def _inside_previous(ent: Span, previous: Span | None) -> bool:
    """'Colombo in Sri Lanka', 'Colombo, Sri Lanka': the second place only locates the first."""
    if previous is None or ent.start - previous.end != 1 or previous.label_ == "FAC":
        return False  # "at Dolmabahce Palace in Istanbul": the city is the claim a desk can check
    return ent.doc[previous.end].lower_ in {"in", ","}


def _event_subject(verb: Token) -> Token | None:
    """The event a verb's location belongs to: 'talks were held', 'delegations met', 'hosted the talks'."""
    table = _relations()
    nouns = set(table["event_nouns"])
    lemma = verb.lemma_.lower()
    if lemma in table["host_verbs"]:
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass", "nsubj"} and child.lemma_.lower() in nouns:
                return child
    if lemma in table["event_verbs"]:
        return verb
    participants = set(table["participant_nouns"])
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in participants for c in verb.children):
        return verb  # "delegations face each other at the palace": the participants' meeting
    return None


def _location_subject(ent: Span) -> Token | None:
    """The event a place is the location of, looking up from its preposition a few steps: 'met face to
    face in Ankara', 'face each other across the table at the palace'."""
    table = _relations()
    root = ent.root
    head = root.head
    nouns = set(table["event_nouns"])
    if root.dep_ in {"compound", "nmod", "amod"} and head.lemma_.lower() in nouns:
        return head  # "the Istanbul meeting"
    if root.dep_ != "pobj" or head.lower_ not in table["location_prepositions"]:
        return None
    tok = head.head
    for _ in range(MAX_STEPS_TO_EVENT):
        if tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in nouns:
            return tok
        if tok.pos_ in {"VERB", "AUX"} and (event := _event_subject(tok)) is not None:
            return event
        if tok.head.i == tok.i:  # the root is its own head (a new Token object each time)
            return None
        tok = tok.head
    return None


def _destination_subject(ent: Span) -> Token | None:
    table = _relations()
    root = ent.root
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in table["destination_prepositions"]:
        return None
    word = head.head
    if word.lower_ not in table["destination_words"]:
        return None
    return word


def _traveller(word: Token) -> str:
    """Who is bound somewhere: 'the ship was bound for', 'the Dali, ... headed for'; '' for a pronoun."""
    tok = word
    for _ in range(MAX_STEPS_TO_EVENT):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        if subjects:
            return subjects[0].text
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i != word.i:
            return tok.text
        if tok.head.i == tok.i:  # the root is its own head (a new Token object each time)
            break
        tok = tok.head
    return ""


def _event_words(token: Token) -> Slot:
    """The subject slot: an event noun as written, or a verb's event ('met' -> meet)."""
    if token.pos_ in {"VERB", "AUX"}:
        return Slot(text=token.text, norm=token.lemma_.lower())
    return Slot(text=token.text, norm=token.lemma_.lower())


def _governing(ent: Span) -> Token | None:
    tok = ent.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def _context(ent: Span, subject: Slot, relation: str) -> str:
    """What clustering embeds: who, the event and the relation, place masked ('delegations met in #',
    'the ship bound for #')."""
    if relation == DESTINATION:
        return f"{subject.norm} {DESTINATION} #".strip()
    verb = _governing(ent)
    actor = ""
    if verb is not None:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        if subjects:
            actor = " ".join(t.text for t in subjects[0].subtree if not t.is_punct and t.i < ent.start)
    prep = ent.root.head.text if ent.root.dep_ == "pobj" else relation.split()[-1]
    words = [actor, subject.text if subject.text not in actor else "", prep, "#"]
    return " ".join(w for w in words if w)


def entity_claims_in(article: Article, sentence_start: int, sentence: str, doc: Doc) -> list[EntityClaim]:
    """The entity claims of one parsed sentence of `article`."""
    found: list[EntityClaim] = []
    roles = set(_relations()["role_nouns"])
    places = _place_spans(doc)
    previous = {id(p): q for q, p in zip([None, *places], places, strict=False)}
    starts = {p.start for p in places}
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.start not in starts]
    for ent in sorted([*places, *people], key=lambda e: e.start):
        relation: str | None = None
        subject: Slot | None = None
        if ent.label_ in PLACE_LABELS:
            if _inside_previous(ent, previous.get(id(ent))):
                continue
            if (event := _location_subject(ent)) is not None:
                relation, subject = LOCATION, _event_words(event)
            elif (bound := _destination_subject(ent)) is not None:
                relation, subject = DESTINATION, Slot(text=bound.text, norm=_traveller(bound))
        elif ent.label_ == "PERSON":
            role = [t for t in ent.root.lefts if t.lower_ in roles] + [
                t for t in ent.root.children if t.dep_ == "appos" and t.lower_ in roles
            ]
            if ent.start > 0 and doc[ent.start - 1].lower_ in roles:
                role.append(doc[ent.start - 1])
            if role:
                relation, subject = ROLE, Slot(text=role[0].text, norm=role[0].lower_)
        if relation is None or subject is None:
            continue
        start = sentence_start + ent.start_char
        found.append(
            EntityClaim(
                id=f"{article.id}@{start}",
                article_id=article.id,
                source=article.source,
                url=article.url,
                published=article.published,
                sentence=sentence,
                sentence_start=sentence_start,
                start=start,
                end=start + len(ent.text),
                text=ent.text,
                label=ent.label_,
                canonical=normalise_name(ent.text),
                subject=subject,
                relation=relation,
                time=time_scope(doc, ent, _governing(ent), article.published),
                context=_context(ent, subject, relation),
            )
        )
    return found
