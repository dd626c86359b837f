"""Generate a deterministic synthetic news archive for speed and memory benchmarks.

The archive imitates a real one: 60-100 "events" for 1000 articles (storms,
strikes, elections, earthquakes, company results, transfers, drone attacks,
floods, budget votes, wildfires, rail crashes), each covered by 5-20 articles
from about 40 invented outlets within a 3-day span, over about 120 days.
Articles are 8-20 sentences and 250-600 words, built from per-event-type
templates filled with the event's figures, rendered in each outlet's house
style (digits or words, "per cent" or "%", "$4.5m" or "4.5 million dollars",
km or miles, hedges such as "more than" / "about").  About 1 in 8 articles
deviates on one figure, so the archive contains real conflicts.

Output (flat folder): ``batch-NNN.jsonl`` files of 50 articles each, plus about
5% single-article ``<id>.json`` files and about 5% ``<id>.txt`` files.

Usage::

    python benchmarks/generate_archive.py OUT_DIR --articles 1000 --seed 7

or ``from benchmarks.archive import generate_archive``.  Pure standard library;
the same seed always gives byte-identical files.  The event templates and the
writer live in ``benchmarks/archive/``; this file is the command.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.archive import generate_archive
from benchmarks.common import make_parser

__all__ = ["generate_archive", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(__doc__)
    parser.add_argument("out_dir", type=Path, help="folder to write the archive into")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    parser.add_argument(
        "--truth",
        type=Path,
        default=None,
        help="also write the ground truth (events, figures, deviations) here",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = generate_archive(args.out_dir, args.articles, args.seed, truth=args.truth)
    elapsed = time.perf_counter() - started
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    by_ext: dict[str, int] = {}
    for name in files:
        ext = name.rsplit(".", 1)[-1]
        by_ext[ext] = by_ext.get(ext, 0) + 1
    summary = ", ".join(f"{n} .{ext}" for ext, n in sorted(by_ext.items()))
    print(f"wrote {args.articles} articles to {out} ({summary}) in {elapsed:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
