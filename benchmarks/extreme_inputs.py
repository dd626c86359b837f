"""Extreme inputs (issue 17): how many generated inputs make the figure reader or ingest raise.

    python benchmarks/extreme_inputs.py [--examples 20000] [--extract-examples 500]
                                        [--archive-examples 200] [--seed 0] [--show N]

Feeds the generators of tests/extreme_strategies.py (huge exponents such as 1e400 and 10^999, 400-digit
numbers, non-ASCII digits, lone separators, control and zero-width characters, among currencies, scale
words and units; for archives, JSON nested thousands deep, control characters, empty and binary files
and file names that are not UTF-8) to:

1. ``checker.parse_quantities(text)``, ``--examples`` texts, and the judge's interval of each figure
   (``checker.match.intervals.judged_interval``, with and without a unit conversion);
2. ``checker.extract(text)`` (loads spaCy), ``--extract-examples`` sentences;
3. ``checker.load_archive(folder)``, ``--archive-examples`` folders of bad files.

It counts the examples run and, for each target, the exceptions raised, by type and by the module:line
they were raised at (the innermost frame in `checker`), and the readings that break the contract (a
value, bound or precision that is not finite, a low bound above the high one, a span that does not point
at its words, a judged interval that is NaN or upside down, a file neither read nor listed as skipped).
Every count should be 0. It prints the counts and one reproducing input per place. Without hypothesis
(`pip install -e ".[dev]"`) it skips, saying so. It is a measurement, not a test: its exit status is 1
when anything was counted, 0 otherwise.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import ROOT, make_parser


def _where(err: BaseException) -> str:
    """module:line of the innermost frame inside `checker`, else inside this repository (a check in
    tests/extreme_strategies.py), else the innermost frame."""
    frames = traceback.extract_tb(err.__traceback__)
    for folder in (ROOT / "checker", ROOT):
        inside = [f for f in frames if Path(f.filename).resolve().is_relative_to(folder)]
        inside = [f for f in inside if ".venv" not in Path(f.filename).parts]
        if inside:
            path = Path(inside[-1].filename).resolve()
            return f"{path.relative_to(ROOT).as_posix()}:{inside[-1].lineno}"
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


class Tally:
    """Examples run, exceptions by (type, place) and contract breaches by message, with one input each."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.examples = 0
        self.errors: Counter[tuple[str, str]] = Counter()
        self.breaches: Counter[str] = Counter()
        self.inputs: dict[Any, Any] = {}
        self.seconds = 0.0

    def run(self, fn: Callable[[], object], shown: Any) -> None:
        self.examples += 1
        start = time.perf_counter()
        try:
            fn()
        except AssertionError as err:
            key = str(err).split(" | ")[0][:120] or "assertion"
            self.breaches[key] += 1
            self.inputs.setdefault(key, shown)
        except Exception as err:  # counted, never hidden: this is what the benchmark measures
            place = (type(err).__name__, _where(err))
            self.errors[place] += 1
            self.inputs.setdefault(place, shown)
        finally:
            self.seconds += time.perf_counter() - start

    def report(self, show: int) -> int:
        bad = sum(self.errors.values()) + sum(self.breaches.values())
        rate = self.examples / self.seconds if self.seconds else 0.0
        print(
            f"\n{self.name}: {self.examples:,} examples ({rate:,.0f}/s), "
            f"{sum(self.errors.values())} exceptions, {sum(self.breaches.values())} contract breaches"
        )
        for (kind, place), n in self.errors.most_common():
            print(f"  {n:>6}  {kind} at {place}")
            if show:
                print(f"          e.g. {self.inputs[(kind, place)]!r}"[: 200 + 16])
        for key, n in self.breaches.most_common():
            print(f"  {n:>6}  breach: {key}")
            if show:
                print(f"          e.g. {self.inputs[key]!r}"[: 200 + 16])
        return bad


def _drive(strategy: Any, examples: int, seed: int, body: Callable[[Any], None]) -> None:
    """Draw `examples` values of `strategy` (generation only: nothing fails, so nothing shrinks)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def drive(value: Any) -> None:
        body(value)

    drive()


def main(argv: Sequence[str] | None = None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--examples", type=int, default=20_000, help="texts fed to parse_quantities")
    ap.add_argument("--extract-examples", type=int, default=500, help="sentences fed to extract (spaCy)")
    ap.add_argument("--archive-examples", type=int, default=200, help="folders fed to load_archive")
    ap.add_argument("--seed", type=int, default=0, help="hypothesis seed: the same seed, the same inputs")
    ap.add_argument("--show", type=int, default=1, help="print a reproducing input per place (0: none)")
    args = ap.parse_args(argv)
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        print("skipped: hypothesis is not installed (pip install -c constraints.txt -e '.[dev]')")
        return 0

    import checker
    from tests import extreme_strategies as xs

    print(f"extreme inputs, hypothesis seed {args.seed}")
    tallies: list[Tally] = []

    parse = Tally("parse_quantities")
    tallies.append(parse)

    def read(text: str) -> None:
        def call() -> None:
            for q in checker.parse_quantities(text):
                xs.check_quantity(q, text)
                xs.check_judged(q)

        parse.run(call, text)

    _drive(xs.quantity_text, args.examples, args.seed, read)

    if args.extract_examples:
        extract = Tally("extract")
        tallies.append(extract)
        checker.extract("Warm-up: 3 people.")  # spaCy loads outside the count

        def claims(text: str) -> None:
            extract.run(lambda: xs.extract_checked(text), text)

        _drive(xs.sentence_text, args.extract_examples, args.seed, claims)

    if args.archive_examples:
        archive = Tally("load_archive")
        tallies.append(archive)

        def load(files: list[tuple[tuple[str, bytes], bool]]) -> None:
            folder = Path(tempfile.mkdtemp(prefix="extreme-"))
            try:
                written = xs.write_archive(folder, files)
                shown = [(suffix, data[:60], flag) for (suffix, data), flag in files]
                archive.run(lambda: xs.load_checked(folder, written), shown)
            finally:
                shutil.rmtree(folder)

        _drive(xs.archive_files, args.archive_examples, args.seed, load)

    bad = sum(t.report(args.show) for t in tallies)
    total = sum(t.examples for t in tallies)
    print(f"\ntotal: {total:,} examples, {bad} exceptions or breaches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
