"""Who stands behind a figure: the claimant read off the parse ('according to X', 'X said'), and the
party a claimant speaks for, so that Moscow's count and Kyiv's count of the same night are told apart
from two outlets disagreeing about one source's count.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache, cached_property
from typing import TYPE_CHECKING

from checker.claims.sentence_index import SentenceIndex, sentence_index
from checker.claims.slots import normalise_name, slot
from checker.entities.places import resolve_place
from checker.models import Slot
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = {"nsubj", "nsubjpass"}


def claimant(doc: Doc | Span, figure: Span) -> Slot | None:
    """Who says so: 'according to X', 'X said', 'X told reporters', 'citing X'.

    The first object of an attribution preposition ('according to', 'citing') that does not hold the
    figure; else the subject (not a pronoun, not holding the figure) of the reporting verb nearest the
    figure among those whose clause holds it, else of the nearest reporting verb at all."""
    index = sentence_index(doc)
    return index.cached("claimants.readers", lambda: SentenceClaimants(index)).claimant(figure)


def _overlaps(positions: list[int], start: int, end: int) -> bool:
    """Whether sorted token positions hold one in [start, end)."""
    k = bisect_left(positions, start)
    return k < len(positions) and positions[k] < end


class SentenceClaimants:
    """The attributions and reporting verbs of one parsed sentence, read once for `claimant` of each of
    its figures: the reporting verbs above a figure are found by a walk up its own clause, the nearest
    ones by bisection (see `SentenceIndex`)."""

    def __init__(self, index: SentenceIndex) -> None:
        self.doc, self.tokens = index.doc, index.tokens
        self._parent, self._enter = index.parent, index.enter

    @cached_property
    def _attributed(self) -> list[tuple[list[int], list[Token]]]:
        """The objects of attribution prepositions ('according to X', 'citing X') in reading order, each
        with the sorted positions and the tokens of its subtree."""
        found = []
        table = load_table("frames.json")
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
        table = load_table("frames.json")
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
        """`claimant` of one figure of the sentence."""
        start, end = figure.start, figure.end
        for positions, span in self._attributed:
            if not _overlaps(positions, start, end):
                return slot(span)
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
            return slot(best[1])
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
                    return slot(tokens)
        return None


@cache
def _country_of(name: str, *, demonym: bool) -> str | None:
    """ISO country code of a place name ('Russia', 'Kyiv' -> UA) or, with `demonym`, of a demonym
    ('Ukrainian' -> UA)."""
    if len(name) < 3 or not name[0].isupper():
        return None
    rewrites = load_table("frames.json")["demonym_suffixes"] if demonym else []
    forms = [name[: -len(old)] + new for old, new in rewrites if name.endswith(old)] if demonym else [name]
    places = [p for p in map(resolve_place, forms) if p is not None]
    # a demonym names a country: 'Russian' is Russia, not the Bulgarian town of Russe
    for kinds in ({"country"}, set() if demonym else {"city"}):
        for place in places:
            if place.kind in kinds:
                return place.country_code
    return None


def party(claimant: Slot | None) -> str | None:
    """The side a claimant speaks for: a country code when the claimant is a place ('Kyiv'), is a
    place's ('Russia's Defence Ministry') or is named by a demonym ('Ukrainian officials'); otherwise
    the claimant's normalised name. Other capitalised words ('Gov. Wes Moore') are never read as places."""
    if claimant is None:
        return None
    text = claimant.text.replace("\u2019", "'")
    whole = _country_of(text.strip(), demonym=False)
    if whole is not None:
        return whole
    words = text.split()
    for k, word in enumerate(words):
        if word.endswith("'s") and (code := _country_of(word[:-2], demonym=False)):
            return code
        if k < len(words) - 1 and (code := _country_of(word, demonym=True)):
            return code
    return normalise_name(claimant.text) or None


def _is_code(side: str) -> bool:
    return len(side) == 2 and side.isupper()


def may_be_one_side(a: str, b: str) -> bool:
    """Whether two parties could be the same side; only proof of difference separates them."""
    if _is_code(a) and _is_code(b):
        return a == b
    if _is_code(a) or _is_code(b):
        return True  # 'Russia' and 'the ministry': nothing proves they differ
    return bool(set(a.split()) & set(b.split()))


def opposing(sides: list[list[str | None]]) -> bool:
    """Two groups of claims whose parties are all known and none could be the other's."""
    first, second = sides
    if any(p is None for p in first + second):
        return False
    return not any(may_be_one_side(a, b) for a in first for b in second if a and b)
