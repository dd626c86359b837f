"""The concept of a figure: what it is about, in NewsQuant's sense (`referred_concepts`).

Read off the spaCy parse from three anchors the claim layer already found: the figure's span, the noun
it counts and the verb that governs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECTS = {"nsubj", "nsubjpass"}


def _table() -> dict[str, Any]:
    return load_table("frames.json")


_CONTENT = {"NOUN", "PROPN", "ADJ"}
_OBJECTS = {"dobj", "attr", "pobj", "oprd", "npadvmod", "acomp", "nummod", "appos"}


def _content_words(tokens: Iterable[Token], skip: set[int]) -> list[str]:
    return [
        t.lower_
        for t in sorted(tokens, key=lambda t: t.i)
        if t.pos_ in _CONTENT and t.i not in skip and not t.like_num and not t.is_stop
    ]


def _named(tok: Token, skip: set[int]) -> list[str]:
    """A noun with its own modifiers and nothing else: 'core inflation', 'backup goalie', 'base price'."""
    parts = [t for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod"} for t in t.subtree]
    return _content_words([*parts, tok], skip)


def _antecedent(tok: Token) -> Token:
    """'Lampard, who won four finals': a relative pronoun stands for the noun it follows."""
    if tok.tag_ in {"WP", "WDT"} and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _nearest_noun_before(figure: Span, skip: set[int]) -> Token | None:
    for tok in reversed(figure.doc[: figure.start]):
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in skip and not tok.is_stop:
            return tok
        if tok.pos_ == "VERB":
            return None
    return None


def concept(figure: Span, noun: Token | None, verb: Token | None, measure: bool) -> str | None:
    """What the figure is about, in NewsQuant's sense: the thing measured or the subject counted.

    "core inflation rose 0.3%" -> "core inflation"; "a 40 yard line" -> "line"; "Wood scored 22 goals" ->
    "wood" (the goals are the unit); "base price: $59,995" -> "base price"; None when the sentence names
    nothing beyond the unit.
    """
    skip = set(range(figure.start, figure.end))
    if noun is not None:
        skip.add(noun.i)
        if measure and noun.i >= figure.end:  # "a 1,000-kilometre front", "the 80 yard touchdown"
            words = _content_words(
                [noun, *(t for c in noun.rights if c.dep_ == "prep" for t in c.subtree)], skip - {noun.i}
            )
            return " ".join(words) or None
    anchor = noun if noun is not None else figure.root
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ in {"NOUN", "PROPN"}:
        owner = anchor.head.head  # "a fine of 10.5 million dollars" -> fine
        if owner.i not in skip:
            return " ".join(_named(owner, skip)) or None
    if verb is not None and anchor.dep_ not in _SUBJECTS:
        for child in verb.children:
            if child.dep_ in _SUBJECTS and child.i not in skip:
                subject = _antecedent(child)
                if subject.lower_ in _table()["pronoun_subjects"]:
                    return None
                return " ".join(_named(subject, skip)) or None
    if verb is None:
        before = _nearest_noun_before(figure, skip)  # "base price: $59,995", "RHP Alex Reyes (0.5 WAR)"
        if before is not None:
            return " ".join(_named(before, skip)) or None
    return None
