"""The fixed split of every labelled set into a studied half and an unseen half.

A case is *studied* when the first byte of the SHA-256 of its key (UTF-8) is even, *unseen* when it is
odd. The rule depends on the key alone, so it was fixed before any rule of checker was written against
the data and gives the same halves on every run and machine. Errors are read case by case on the
studied half only; the unseen half is read only as printed figures, so the gap between the two says
whether a rule generalises. Standard library only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Half = Literal["studied", "unseen"]
HALVES: tuple[Half, Half] = ("studied", "unseen")

T = TypeVar("T")


def half_of(key: str) -> Half:
    """'studied' when the first byte of the SHA-256 of the UTF-8 `key` is even, else 'unseen'."""
    return "studied" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "unseen"


def split(items: Iterable[T], key: Callable[[T], str]) -> dict[Half, list[T]]:
    """The items of each half, in their original order."""
    halves: dict[Half, list[T]] = {"studied": [], "unseen": []}
    for item in items:
        halves[half_of(key(item))].append(item)
    return halves
