"""The words of a frame's slots, read off the parsed tokens.

A slot read off a noun phrase (`checker.models.Slot`: the claimant, the actor, a place) quotes the
phrase as written, less leading determiners, and compares by its normalised name, so that a reason can
quote the words and "Russia's Defence Ministry" meets "the Russia defence ministry". A concept
(`checker.claims.concepts`) is a list of content words instead: a noun with what hangs off it, stop
words, other figures and their units left out. Which token heads a slot or a concept is for the
readers of each (`claimants`, `frames`, `concepts`) to find.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import TYPE_CHECKING, Any

from checker.models import Slot
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Token

_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
_NOUNS = {"NOUN", "PROPN"}
_VERBS = {"VERB", "AUX"}
# dependents that start another statement about the noun, not a part of its name
_ASIDES = {"relcl", "appos", "conj", "cc", "advcl", "ccomp", "parataxis", "mark", "dep"}
# dependents that are part of a noun's name, so what is coordinated with them is too
_MODIFIERS = {"amod", "compound", "nmod", "acl"}
#: the entity labels of figures: their tokens are never a concept's words
FIGURE_LABELS = {"MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"}


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


def slot(tokens: Iterable[Token], head: Token | None = None) -> Slot | None:
    """The slot the tokens fill, labelled by the entity type of its `head` (or PROPER_NOUN); None when
    only determiners and punctuation are left."""
    text = phrase(tokens)
    label = None
    if head is not None:  # an unrecognised proper noun ('Jones has 193 yards') is still a name
        label = head.ent_type_ or (PROPER_NOUN if head.pos_ == "PROPN" else None)
    return Slot(text=text, norm=normalise_name(text), label=label) if text else None


# -- a concept's words ----------------------------------------------------------------------------


class OtherFigures:
    """The tokens of every figure of a sentence but one's (`concept`'s `others`), looked up in place: a
    table run into one sentence holds thousands of figures, and a copy for each of them made the
    sentence quadratic."""

    __slots__ = ("end", "figures", "start")

    def __init__(self, figures: frozenset[int], start: int, end: int) -> None:
        self.figures, self.start, self.end = figures, start, end

    def __contains__(self, i: object) -> bool:
        return i in self.figures and not (isinstance(i, int) and self.start <= i < self.end)


class Skip:
    """Token positions a phrase leaves out: the figure's own, the other figures' of the sentence (`base`,
    never copied), and those a reader adds on its way."""

    __slots__ = ("_own", "base")

    def __init__(self, base: Container[int], own: Iterable[int]) -> None:
        self.base = base
        self._own = set(own)

    def __contains__(self, i: object) -> bool:
        return i in self._own or i in self.base

    def add(self, i: int) -> None:
        self._own.add(i)

    def copy(self) -> Skip:
        return Skip(self.base, self._own)


def _words_table() -> dict[str, Any]:
    return load_table("concepts.json")


def content_words(tokens: Iterable[Token], skip: Skip) -> list[str]:
    """The phrase's words as written: tokens joined where the text has no space, stop words dropped."""
    words: list[list[Token]] = []
    last: Token | None = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if (
            tok.i in skip
            or _misread_verb(tok)
            or (tok.is_punct and tok.text != "-")
            or tok.pos_ == "SYM"
            or tok.tag_ == "POS"
            or tok.ent_type_ in FIGURE_LABELS
        ):
            last = None
            continue
        if last is not None and last.i + 1 == tok.i and not last.whitespace_:
            words[-1].append(tok)
        else:
            words.append([tok])
        last = tok
    table = _words_table()
    aggregate, lost, named = (
        set(table[key]) for key in ("aggregate_words", "lost_apostrophes", "kept_stop_words")
    )
    kept = []
    for word in words:
        if (len(word) == 1 and word[0].lower_ in aggregate) or "".join(t.lower_ for t in word) in lost:
            continue
        content = [
            t for t in word if (not t.is_stop or t.pos_ == "PROPN" or _names(t, named)) and t.text != "-"
        ]
        if content:
            kept.append("".join(t.text for t in word).strip("-").lower())
    return [w for w in kept if w]


def _names(tok: Token, position_words: set[str]) -> bool:
    """'top wind speeds': a stop word naming a position, used as a modifier ('signed back in 2019' is not)."""
    return tok.lower_ in position_words and (tok.pos_ in {"ADJ", "NOUN"} or tok.dep_ in {"amod", "compound"})


def _misread_verb(tok: Token) -> bool:
    """'The particle robots measure between 15.5 cm and 23.5 cm': a verbless parse took the verb for
    the head noun of its subject's name. The verb agrees with the noun before it ('robots measure',
    'the robot measures'); a label does not ('Weight range 2 kg to 5 kg')."""
    if tok.dep_ != "ROOT" or tok.pos_ != "NOUN" or tok.lower_ not in _words_table()["measuring_verbs"]:
        return False
    subject = next((c for c in tok.children if c.dep_ in {"compound", "nsubj"} and c.i == tok.i - 1), None)
    plural_verb = not tok.lower_.endswith("s")
    return subject is not None and (subject.tag_ in {"NNS", "NNPS"}) == plural_verb


def noun_words(tok: Token, skip: Skip, *, clauses: bool = True) -> list[str]:
    """A noun with everything that hangs off it ('skull found in a cave'); without clauses, no verbs."""
    keep: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if _part_of_name(c, clauses=clauses))
    return content_words(keep, skip)


def _part_of_name(child: Token, *, clauses: bool) -> bool:
    """Whether a dependent belongs in the phrase: not an aside, another figure's noun or an adverb."""
    if child.dep_ == "conj" and child.pos_ == "ADJ" and child.head.dep_ in _MODIFIERS:
        # "issued and outstanding shares"
        return True
    if child.dep_ == "appos" and child.left_edge.text == "/":
        return True  # "S&P/ASX 200": one name written with a slash
    if child.dep_ in _ASIDES:
        return False
    if child.dep_ == "advmod" and child.head.pos_ in _NOUNS:  # "essentially a pizza oven"
        return False
    if (
        child.dep_ == "acl"
        and child.tag_ in {"VBN", "VBD"}
        and child.head.pos_ in _NOUNS  # "those screened" is all the name there is
        and child.head.dep_ == "ROOT"  # "the shares sold fetched $4m": a name inside a sentence
        and child.i > child.head.i
        and not child.n_rights
    ):
        return False  # "The best $200 smartphones compared": a verbless headline's predicate, not a name
    return clauses or child.pos_ not in _VERBS or child.dep_ == "amod"
