"""Recall and precision per half, readable at any confidence threshold: what the real-news benchmarks share.

`real_news.py` (GVA shootings) and `ecbplus_recall.py` (ECB+ topics) check each half once with every
finding kept (`check_at_zero`), judge every finding against their labels and score the labelled
disagreements it flags (`HalfResult`). From that one run, recall and precision are read at the fitted
threshold or at any other (`print_curve`, `pr_curve.py`), with 95% Wilson intervals. `ablation.py`,
`fit_confidence.py` and `trace_pairs.py` score through the same results.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import rate_text, read_jsonl_files
from benchmarks.halves import HALVES, Half

#: the labelled kinds of pair that a finding should flag
DISAGREEING = frozenset({"conflict", "update"})

Verdict = tuple[Any, bool | None, str]  # (finding, right / wrong / not judged yet, why)


@dataclass
class HalfResult:
    half: str
    articles: int
    threshold: float
    verdicts: list[Verdict]  # every finding at confidence 0
    found_at: dict[Any, float]  # labelled disagreement -> the highest confidence of a finding flagging it
    disagreeing: list[Any]  # the labelled disagreements (pairs with a `written` flag)
    seconds: float

    def headline(self) -> str:
        """The half, its articles, the findings kept at the threshold and at 0, and the check's seconds."""
        return (
            f"== {self.half} half: {self.articles} articles,"
            f" {len(self.kept())} findings at confidence >= {self.threshold:.2f}"
            f" ({len(self.verdicts)} at 0), {self.seconds:.0f} s"
        )

    def kept(self, threshold: float | None = None) -> list[Verdict]:
        t = self.threshold if threshold is None else threshold
        return [v for v in self.verdicts if (v[0].confidence or 0.0) >= t]

    def recall(self, threshold: float | None = None, written: bool = False) -> tuple[int, int]:
        t = self.threshold if threshold is None else threshold
        pool = [p for p in self.disagreeing if p.written or not written]
        return sum(1 for p in pool if self.found_at.get(p, -1.0) >= t), len(pool)

    def precision(self, threshold: float | None = None) -> tuple[int, int, int]:
        """(right, judged, unjudged) over the findings kept at the threshold."""
        kept = self.kept(threshold)
        right = sum(1 for _, ok, _ in kept if ok)
        judged = sum(1 for _, ok, _ in kept if ok is not None)
        return right, judged, len(kept) - judged

    def revisions(self, threshold: float | None = None) -> tuple[int, int, int]:
        """(revisions kept, right, wrong): running totals restated, told apart from conflicts."""
        kept = [ok for f, ok, _ in self.kept(threshold) if f.kind.value == "revision"]
        return len(kept), sum(1 for ok in kept if ok), sum(1 for ok in kept if ok is False)

    def precision_text(self) -> str:
        right, judged, unjudged = self.precision()
        return f"{rate_text(right, judged)}  (unjudged: {unjudged})"

    def revisions_text(self) -> str:
        return "{} ({} right, {} wrong)".format(*self.revisions())

    @property
    def missed(self) -> list[Any]:
        return [p for p in self.disagreeing if self.found_at.get(p, -1.0) < self.threshold]


def check_at_zero(articles: list[Any], options: dict[str, Any]) -> tuple[list[Any], float]:
    """Check the articles once with every finding kept (confidence 0), so that any threshold can be read
    off: the findings and the wall seconds of the check."""
    import checker

    start = time.perf_counter()
    report = checker.check(articles, min_confidence=0.0, **options)
    return report.findings, time.perf_counter() - start


def fitted(threshold: float | None) -> float:
    """The threshold asked for, else the fitted one of `checker/data/confidence.json`."""
    from checker.match.confidence import default_model

    return default_model().threshold if threshold is None else threshold


def load_judgements(folder: Path, pattern: str) -> dict[str, bool]:
    """Hand judgements of findings (`key` -> `right`) from every file of `folder` matching `pattern`."""
    return {row["key"]: bool(row["right"]) for row in read_jsonl_files(folder, pattern)}


def to_judge(key: str, half: str, finding: Any) -> dict[str, Any]:
    """A finding as the judging helpers read it: its key, half, kind, reason and sentences."""
    return {
        "key": key,
        "half": half,
        "kind": finding.kind.value,
        "reason": finding.reason,
        "claims": [
            {"article": c.article_id, "figure": c.text, "sentence": c.sentence} for c in finding.claims
        ],
    }


def describe(finding: Any) -> str:
    """A finding's kind, confidence and reason, and a line per claim."""
    lines = [f"  [{finding.kind.value} {finding.confidence or 0:.2f}] {finding.reason[:200]}"]
    for c in finding.claims:
        lines.append(f"     {c.article_id[:14]} {c.outlet or '?':22.22} {c.text!r:>10} | {c.sentence[:120]}")
    return "\n".join(lines)


def print_figures(result: HalfResult, rows: list[tuple[str, str]]) -> None:
    """The half's headline, then a figure a line, the labels aligned."""
    print(result.headline())
    width = max(len(label) for label, _ in rows) + 1
    for label, value in rows:
        print(f"  {label + ':':<{width}} {value}")


def print_curve(
    r: HalfResult, steps: Iterable[float] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
) -> None:
    """Precision and recall at several thresholds, from the one run at confidence 0."""
    print("  threshold  findings  precision (judged)   recall written  recall all")
    for t in steps:
        right, judged, unjudged = r.precision(t)
        w, wt = r.recall(t, written=True)
        a, at = r.recall(t)
        p = f"{right}/{judged}" + (f" +{unjudged}?" if unjudged else "")
        print(f"  {t:9.2f}  {len(r.kept(t)):8}  {p:>18}   {w:>5}/{wt:<8} {a:>5}/{at}")


def print_missed(result: HalfResult, line: Callable[[Any], str], flagged: str) -> None:
    """The labelled disagreements missed at the threshold, each with the best confidence it was flagged
    at below it (`flagged`: the words before that confidence)."""
    print("  -- missed disagreements:")
    for p in result.missed:
        best = result.found_at.get(p)
        seen = f" ({flagged} {best:.2f})" if best is not None else ""
        print(f"   {line(p)}{seen}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options both real-news benchmarks take."""
    parser.add_argument("--half", choices=["studied", "unseen", "both"], default="both")
    parser.add_argument(
        "--show", action="store_true", help="print the misses and wrong findings (studied only)"
    )
    parser.add_argument("--curve", action="store_true", help="precision and recall at several thresholds")
    parser.add_argument("--svg", type=Path, help="draw the precision-recall curve of each half here")
    parser.add_argument(
        "--min-confidence", type=float, help="the threshold to report at (default: the fitted one)"
    )
    parser.add_argument(
        "--disable-rule", action="append", default=[], metavar="RULE", help="switch a named rule off (repeat)"
    )
    parser.add_argument(
        "--tallies", action="store_true", help="compare casualty tallies too (`CheckOptions.tallies`)"
    )


def halves_asked(choice: str) -> list[Half]:
    """The halves `--half` names, studied first."""
    return [half for half in HALVES if choice in (half, "both")]


def draw(results: Sequence[HalfResult], path: Path, title: str, written: bool = False) -> None:
    """The precision-recall curve of each half, as an SVG (`pr_curve.py`)."""
    from benchmarks.pr_curve import write_svg

    write_svg(results, path, title, written=written)
    print(f"precision-recall curve written to {path}")
