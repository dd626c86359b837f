"""Throughput benchmark for `checker`: how fast a whole archive is checked, and at what memory.

    python benchmarks/throughput.py [--articles 1000] [--seed 7] [--archive DIR] [--warc] [--store]
                                    [--model NAME] [--json FILE] [--no-encode] [--keep-archive]
                                    [-o KEY=VALUE ...]

Generates a synthetic archive (benchmarks/archive/, as generate_archive.py does) into a temporary
folder unless ``--archive`` is given (with ``--warc``, rewritten as one ``archive.warc.gz`` of HTML
pages, as a crawl keeps them), then measures in this one process:

1. ``checker.check(path)`` with default settings (extraction on every CPU): wall time, articles/s,
   claims/s, the RSS before the run and the RSS high-water mark after it (``ru_maxrss``), the largest
   worker process's high-water mark and the most this process and its workers held at once (sampled at
   each progress event), and the per-stage timings of the report (``report.stats.timings``).
2. The raw encode rate beside it: the claim contexts of ``checker.extract(article)`` over the
   articles of ``checker.load_archive(path)``, encoded in one call by
   ``checker.match.embedding.SentenceEncoder(model).encode(texts)``.

For a generated archive it also scores the findings against the generator's truth: how many have
an outlier that really misreported a figure, how many mix two events, and how many of the planted
errors were caught (a generated archive holds several events of one kind within days of each other).

With ``--store`` it measures the incremental store instead: the generated archive is made with 1% more
articles than asked, the latest 1% (by publication) are held out, and ``checker.check(path, store=...)``
fills a fresh store from the rest. The held-out articles are put back, and then come a full run
without a store and the rerun with the store, in this process (models loaded), and the rerun once more
as a fresh ``checker check --store`` process on a copy of the store as the first run left it (imports and
model loads included, as a desk's daily run pays them). It prints the times, each rerun's share of the
full run, and whether each rerun's report equals the full run's (apart from generated_at and timings).

It prints a plain table (and writes JSON with ``--json``). It is a measurement, not a test:
it asserts nothing about speed. Its parts are in ``benchmarks/speed/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.archive import generate_archive
from benchmarks.common import key_value, make_parser
from benchmarks.speed.measure import (
    add_comparison,
    archive_shape,
    environment,
    import_checker,
    measure_check,
    measure_encode,
)
from benchmarks.speed.store import render_store, run_store
from benchmarks.speed.tables import render, render_sizes
from benchmarks.speed.warc import write_warc


def run(args: argparse.Namespace) -> dict[str, Any]:
    checker = import_checker()
    temp: Path | None = None
    truth: Path | None = None
    generate_seconds: float | None = None
    if args.archive is not None:
        path = Path(args.archive)
        if not path.exists():
            raise SystemExit(f"throughput: {path}: no such file or folder")
    else:
        temp = Path(tempfile.mkdtemp(prefix="checker-bench-"))
        started = time.perf_counter()
        truth = temp / "truth.json"
        path = generate_archive(temp / "archive", args.articles, args.seed, truth=truth)
        if args.warc:
            urls = write_warc(checker, path, temp / "archive.warc.gz")
            truth.write_text(json.dumps({**json.loads(truth.read_text("utf-8")), "urls": urls}), "utf-8")
            path = temp / "archive.warc.gz"
        generate_seconds = time.perf_counter() - started
    try:
        options = dict(args.option)
        check = measure_check(checker, path, args.model, options, truth, args.save_report)
        timings = check.pop("timings")
        findings_by_kind = check.pop("findings_by_kind")
        figures: dict[str, Any] = dict(check)
        if not args.no_encode:
            try:
                figures.update(measure_encode(checker, path, args.model))
                add_comparison(figures)
            except Exception as err:  # keep the check figures when only the encode part fails
                figures["encode_error"] = f"{type(err).__name__}: {err}"
        return {
            "benchmark": "throughput",
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": args.model,
            "options": options,
            "archive": {
                **archive_shape(path),
                "generated": args.archive is None,
                "requested_articles": args.articles if args.archive is None else None,
                "seed": args.seed if args.archive is None else None,
                "generate_seconds": generate_seconds,
            },
            "figures": figures,
            "findings_by_kind": findings_by_kind,
            "timings": timings,
            "environment": environment(),
        }
    finally:
        if temp is not None:
            if args.keep_archive:
                print(f"archive kept in {path}", file=sys.stderr)
            else:
                shutil.rmtree(temp, ignore_errors=True)


def run_sizes(args: argparse.Namespace, sizes: list[int]) -> list[dict[str, Any]]:
    """One run a size, each in its own process (peak RSS is a process's high-water mark), with the
    arguments given; the JSON figures of each."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="checker-sizes-") as folder:
            out = Path(folder) / "figures.json"
            command = [
                sys.executable,
                __file__,
                "--articles",
                str(size),
                "--seed",
                str(args.seed),
                "--json",
                str(out),
            ]
            command += ["--no-encode"] + [f"-o{k}={json.dumps(v)}" for k, v in args.option]
            command += ["--save-report", str(args.save_report)] if args.save_report else []
            command += ["--model", args.model] if args.model else []
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            results.append(json.loads(out.read_text("utf-8")))
        print(f"  {size:,} articles done", file=sys.stderr, flush=True)
    return results


def build_parser() -> argparse.ArgumentParser:
    parser = make_parser(__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument(
        "--archive", type=Path, default=None, help="measure this archive instead of generating one"
    )
    parser.add_argument(
        "--warc", action="store_true", help="write the generated archive as one WARC (gzip) and check that"
    )
    parser.add_argument(
        "--store",
        action="store_true",
        help="measure the store: a full run into a fresh store, then 1%% new articles and the rerun",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        metavar="N,N,...",
        help="run at each size in its own process (e.g. 1000,5000,20000) and print time, peak RSS, stage "
        "times and each size's time against the previous one's",
    )
    parser.add_argument("--model", default=None, help="sentence-embedding model (default: checker's default)")
    parser.add_argument(
        "--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON"
    )
    parser.add_argument("--no-encode", action="store_true", help="skip the raw encode measurement")
    parser.add_argument(
        "--save-report",
        type=Path,
        default=None,
        metavar="DIR",
        help="write each check's report to DIR/report-N.json (N articles), without generated_at and "
        "timings: two checkouts' reports compare byte for byte",
    )
    parser.add_argument(
        "--keep-archive", action="store_true", help="keep the generated archive and print its path"
    )
    parser.add_argument(
        "-o",
        "--option",
        type=key_value,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra keyword option for checker.check (repeatable; VALUE read as JSON if it parses)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.articles < 1:
        raise SystemExit("throughput: --articles must be at least 1")
    if args.warc and args.archive is not None:
        raise SystemExit("throughput: --warc rewrites the generated archive; give --archive a WARC instead")
    if args.store and (args.archive is not None or args.warc):
        raise SystemExit(
            "throughput: --store adds generated articles to a generated archive (no --archive, --warc)"
        )
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
        if args.archive is not None or args.store or args.warc or min(sizes) < 1:
            raise SystemExit("throughput: --sizes takes positive sizes, without --archive, --store or --warc")
        results = run_sizes(args, sizes)
        print(render_sizes(results))
        if args.json is not None:  # every size's figures, planted errors and findings included
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {args.json}")
        return 0
    result = run_store(args) if args.store else run(args)
    print(render_store(result) if args.store else render(result))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 1 if result["figures"].get("encode_error") else 0


if __name__ == "__main__":
    raise SystemExit(main())
