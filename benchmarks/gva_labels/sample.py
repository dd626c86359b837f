"""The labelled sample of GVA shootings coverage, and its fixed split into a studied and an unseen half.

The split was fixed before any rule was written against it, and is the rule of `benchmarks/halves.py`: an
incident belongs to the studied half when the first byte of the SHA-256 of its id is even, and to the
unseen half when it is odd.
Errors are only ever read on the studied half; the unseen half is read only as printed figures.

The sample: incidents of ``../shared/data/gva/gva_dev.jsonl`` with two or more non-empty articles, taken in
SHA-256 order, the first ``PER_HALF`` of each half. The labels (figures, ids and notes only, never the
articles' text) live beside this file in ``labels/``.

    python benchmarks/gva_labels/sample.py --part 1 --parts 4    # the incident ids of one labelling batch
    python benchmarks/gva_labels/sample.py --show INCIDENT        # the articles of one incident, to label
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import benchmarks.*

from benchmarks.common import GVA_DEV, make_parser, missing, read_jsonl
from benchmarks.halves import Half, half_of, hash_order

PER_HALF = 300


def articles_by_incident(path: Path = GVA_DEV) -> dict[str, list[dict[str, Any]]]:
    """The GVA articles of each incident, in the file's order."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(path):
        grouped[row["incident"]].append(row)
    return grouped


def sampled_incidents(path: Path = GVA_DEV, per_half: int = PER_HALF) -> dict[Half, list[str]]:
    """The labelled incidents of each half, in their fixed order."""
    grouped = articles_by_incident(path)
    multi = sorted(
        (incident for incident, rows in grouped.items() if sum(1 for r in rows if r["text"].strip()) >= 2),
        key=hash_order,
    )
    halves: dict[Half, list[str]] = {"studied": [], "unseen": []}
    for incident in multi:
        half = halves[half_of(incident)]
        if len(half) < per_half:
            half.append(incident)
    return halves


def main() -> None:
    parser = make_parser(__doc__)
    parser.add_argument("--part", type=int, help="labelling batch number, from 1")
    parser.add_argument("--parts", type=int, default=4, help="number of labelling batches")
    parser.add_argument("--show", help="print the articles of this incident")
    args = parser.parse_args()
    if missing(GVA_DEV):
        return
    if args.show:
        for row in articles_by_incident()[args.show]:
            print(f"=== {row['id']} | {row['source']} | {row['published']} | {row['title']}")
            print(row["text"])
            print()
        return
    halves = sampled_incidents()
    interleaved = [i for pair in zip(halves["studied"], halves["unseen"], strict=True) for i in pair]
    batch = interleaved if args.part is None else interleaved[args.part - 1 :: args.parts]
    for incident in batch:
        print(incident)


if __name__ == "__main__":
    main()
