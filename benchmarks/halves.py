"""The fixed split of every labelled set into a studied half and an unseen half.

A case is *studied* when the first byte of the SHA-256 of its key (UTF-8) is even, *unseen* when it is
odd. The rule depends on the key alone, so it was fixed before any rule of checker was written against
the data and gives the same halves on every run and machine. Errors are read case by case on the
studied half only; the unseen half is read only as printed figures, so the gap between the two says
whether a rule generalises. Standard library only.

    python benchmarks/halves.py KEY [KEY ...]   # the half of each key, one a line: half, tab, key

The key is what each benchmark splits on: NewsQuant the row id, quantulum3 the case text,
Recognizers-Text model + newline + input, EQUATE the pair id, GVA the incident id
(`gva_labels/sample.py`). ECB+ orders its topics by `hash_order` and takes every other one
(`ecbplus_recall.py`).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import make_parser

Half = Literal["studied", "unseen"]
HALVES: tuple[Half, Half] = ("studied", "unseen")

T = TypeVar("T")


def half_of(key: str) -> Half:
    """'studied' when the first byte of the SHA-256 of the UTF-8 `key` is even, else 'unseen'."""
    return "studied" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "unseen"


def hash_order(key: str) -> str:
    """A stable pseudo-random order of keys: the hex SHA-256 of the UTF-8 key, to sort by."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def split(items: Iterable[T], key: Callable[[T], str]) -> dict[Half, list[T]]:
    """The items of each half, in their original order."""
    halves: dict[Half, list[T]] = {"studied": [], "unseen": []}
    for item in items:
        halves[half_of(key(item))].append(item)
    return halves


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(__doc__)
    parser.add_argument("keys", nargs="*", metavar="KEY", help="print the half of each key")
    for key in parser.parse_args(argv).keys:
        print(f"{half_of(key)}\t{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
