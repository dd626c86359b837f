"""Dense sentences (issue 17): extraction time of one sentence holding N figures, and whether it grows
linearly with N.

    python benchmarks/dense_sentence.py [--sizes 100 1000 10000] [--shape people|mixed] [--repeat 1]
                                        [--timeout SECONDS] [--json FILE]

A table flattened into text makes one "sentence" with thousands of figures. For each size N this builds
one such sentence and times `checker.extract(text)` on it (spaCy is loaded by a warm-up call outside the
timing). Shapes:

- ``people``: "Figures: 0 people, 1 people, ..., N-1 people." (the issue's example);
- ``mixed``: clauses with verbs, places, days, claimants and money, so that every reader of the claim
  layer (claimant, time scope, place, concept, context) has something to find:
  "Police said on Monday that 0 people were killed in Paris, 1 were injured in Lyon according to
  officials, $2 million was spent on Tuesday night, ...".

For each size it prints the seconds, the figures written and the claims found, the seconds per figure,
and the per-figure ratio: seconds per figure at this size over seconds per figure at the previous size.
Linear extraction keeps that ratio near 1; a quadratic one makes it about the ratio of the sizes.
Sentences longer than `checker.read.nlp.LONGEST_SENTENCE` characters are read in pieces of that length.

With ``--timeout``, each size runs in a child process that is stopped after that many seconds (its row
then says so), so a superlinear build cannot hang the run. It is a measurement, not a test: it asserts
nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import make_parser

SHAPES = ("people", "mixed")
_CITIES = ("Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Lille", "Bordeaux")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SOURCES = ("officials", "police", "the ministry", "local media")


def _mixed_part(i: int) -> str:
    city, day, source = _CITIES[i % len(_CITIES)], _DAYS[i % len(_DAYS)], _SOURCES[i % len(_SOURCES)]
    kind = i % 5
    if kind == 0:
        return f"{i} people were killed in {city}"
    if kind == 1:
        return f"{i} were injured in {city} according to {source}"
    if kind == 2:
        return f"${i} million was spent on {day} night"
    if kind == 3:
        return f"{source} said {i} homes were damaged"
    return f"{i} schools closed on {day}"


def dense_sentence(n: int, shape: str = "people") -> str:
    """One sentence holding the figures 0 .. n-1."""
    if shape == "people":
        return "Figures: " + ", ".join(f"{i} people" for i in range(n)) + "."
    if shape == "mixed":
        return "Police said on Monday that " + ", ".join(_mixed_part(i) for i in range(n)) + "."
    raise ValueError(f"unknown shape {shape!r}; choose one of {', '.join(SHAPES)}")


def measure(n: int, shape: str, repeat: int) -> dict[str, Any]:
    """The best of `repeat` timed `checker.extract` calls on a sentence of n figures."""
    import checker

    checker.extract(dense_sentence(5, shape))  # loads spaCy (and dateparser) outside the timing
    text = dense_sentence(n, shape)
    best, claims = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = checker.extract(text)
        best = min(best, time.perf_counter() - start)
        claims = len(found)
    return {"size": n, "chars": len(text), "seconds": best, "claims": claims}


def _in_child(n: int, shape: str, repeat: int, timeout: float) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(n), "--shape", shape]
    command += ["--repeat", str(repeat)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"size": n, "chars": len(dense_sentence(n, shape)), "seconds": None, "claims": None}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _row(result: dict[str, Any], previous: dict[str, Any] | None, timeout: float | None) -> str:
    n, seconds = result["size"], result["seconds"]
    if seconds is None:
        stopped = f"> {timeout:.0f} s" if timeout is not None else "-"
        return f"{n:>8} {result['chars']:>9} {stopped:>10} {'-':>8} {'-':>12} {'-':>10}"
    per = seconds / n
    ratio = "-"
    if previous is not None and previous["seconds"]:
        ratio = f"{per / (previous['seconds'] / previous['size']):.2f}"
    return (
        f"{n:>8} {result['chars']:>9} {seconds:>10.2f} {result['claims']:>8} {per * 1000:>12.3f} {ratio:>10}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(__doc__)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="figures per sentence"
    )
    parser.add_argument("--shape", choices=SHAPES, default="people", help="how the figures are written")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per size; the best is shown")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="run each size in a child process stopped after this many s",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON to this file")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a child's single size
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.one, args.shape, args.repeat)))
        return 0

    print(
        f"shape {args.shape}; seconds are the best of {args.repeat} run(s) of checker.extract on one sentence"
    )
    print(f"{'figures':>8} {'chars':>9} {'seconds':>10} {'claims':>8} {'ms/figure':>12} {'ratio':>10}")
    results: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for n in args.sizes:
        if args.timeout is not None:
            result = _in_child(n, args.shape, args.repeat, args.timeout)
        else:
            result = measure(n, args.shape, args.repeat)
        print(_row(result, previous, args.timeout), flush=True)
        results.append(result)
        previous = result if result["seconds"] is not None else None
    print("ratio: ms/figure over ms/figure at the previous size (1 is linear; the size ratio is quadratic)")
    if args.json is not None:
        args.json.write_text(json.dumps({"shape": args.shape, "results": results}, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
