"""One pass over a parsed sentence for the readers that each of its figures asks.

A table run into one sentence holds thousands of figures, and a reader that scanned the whole sentence,
all its entities or a verb's whole subtree for each of them made extraction quadratic. `SentenceIndex`
reads the parse once: the tree as an Euler tour (subtree tests in constant time), each token's
children and edges, and the entities by position. The readers of a figure's frame (`claimants`,
`frames`, `time_scopes`) and of its concept and context (`concepts`, `counting`, `extract`) keep what
they look up once per sentence in the index (`cached`), so that each figure is answered from positions
by bisection, by a walk up its own verbs, or from the few entities that overlap it; a `Skipper` passes
over the positions of such a list already known to fail.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_T = TypeVar("_T")

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


class SentenceIndex:
    """A parsed sentence read once for the readers that each of its figures asks.

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
        #: each token's head within the tree spaCy's subtrees follow (a root is its own)
        self.parent = parent
        #: when the Euler tour enters each token, and when it leaves its subtree (the last entry in it)
        self.enter = enter
        self.leave = [enter[x] + size[x] - 1 for x in range(n)]
        self._order = order
        self.left_edges = left
        self.right_edges = right
        self.children = kids
        self.ents: list[Span] = list(doc.ents) if hasattr(doc, "ents") else []
        self._persons: dict[str, bool] = {}
        self._cached: dict[Hashable, Any] = {}

    def descends(self, ancestor: int, token: int) -> bool:
        """Whether the token at position `token` is in the subtree of the one at `ancestor`."""
        return self.enter[ancestor] <= self.enter[token] <= self.leave[ancestor]

    def holds(self, head: int, i: int, *, but: set[str]) -> bool:
        """Whether the token at position i is in the subtree of the one at `head` and not in the subtree
        of a child of it whose dependency is one of `but` (a walk up from i to that child)."""
        if not self.descends(head, i):
            return False
        while i != head and self.parent[i] != head:
            i = self.parent[i]
        return i == head or self.tokens[i].dep_ not in but

    def subtree(self, i: int) -> list[int]:
        """The positions of the token's subtree (`Token.subtree`), in no particular order."""
        return self._order[self.enter[i] : self.leave[i] + 1]

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


class Skipper:
    """Positions 0..n-1 of a list, passed over in either direction once known to fail a test that, once
    failed, stays failed (pointer jumping with path compression: amortised constant time a step): for a
    reader that searches the same list for figure after figure (`time_scopes`)."""

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
