"""Recall and precision of `checker check` on real local news: GVA shootings coverage labelled by hand.

What it measures, for the studied and the unseen half separately (the fixed split of
benchmarks/gva_labels/sample.py, made before any rule was written), each with a 95% Wilson interval:

* recall of the labelled disagreements (conflicts and updates of casualty counts between two outlets of
  one incident) where both figures are written out, and of all of them;
* precision over every finding on those incidents. A finding that flags a labelled disagreement is right;
  one that flags a labelled scope difference, or mixes two incidents, is wrong; every other finding is
  judged by hand once, in benchmarks/gva_labels/judgements.jsonl, keyed by its articles and figures, and
  stays judged. Findings nobody has judged yet are counted apart and written to --unjudged.

Each half is checked as one archive, as a desk would run it: 110 incidents, about 310 articles.

    python benchmarks/real_news.py                       # both halves
    python benchmarks/real_news.py --half studied --show # and print the studied half's errors

Read the unseen half only as these printed figures, never its cases.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LABELS = HERE / "gva_labels" / "labels"
JUDGEMENTS = HERE / "gva_labels" / "judgements.jsonl"
sys.path.insert(0, str(HERE / "gva_labels"))

from sample import GVA, Half, articles_by_incident, sampled_incidents  # noqa: E402

FIGURES = ("killed", "injured")
DISAGREEING = {"conflict", "update"}


@dataclass(frozen=True)
class Label:
    n: int
    q: str
    implicit: bool

    def interval(self) -> tuple[float, float]:
        if self.q == "at_least":
            return self.n, math.inf
        if self.q == "approx":
            return 0.9 * self.n, 1.1 * self.n
        return self.n, self.n


@dataclass(frozen=True)
class Pair:
    incident: str
    figure: str
    a: str
    b: str
    kind: str
    written: bool  # both figures written out as numbers, not derived


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: sound for small counts and for 0 or 1."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def _jsonl(pattern: str) -> Iterable[dict[str, Any]]:
    for path in sorted(LABELS.glob(pattern)):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def load_labels() -> tuple[dict[str, dict[str, Label | None]], list[Pair]]:
    """Per article its killed/injured labels, and every judged pair of disjoint figures."""
    labels: dict[str, dict[str, Label | None]] = {}
    for row in _jsonl("articles-*.jsonl"):
        labels[row["article"]] = {
            figure: Label(row[figure]["n"], row[figure]["q"], bool(row[figure]["implicit"]))
            if row["usable"] and row.get(figure)
            else None
            for figure in FIGURES
        }
    pairs = []
    for row in _jsonl("pairs-*.jsonl"):
        la, lb = labels[row["a"]][row["figure"]], labels[row["b"]][row["figure"]]
        written = la is not None and lb is not None and not la.implicit and not lb.implicit
        pairs.append(Pair(row["incident"], row["figure"], row["a"], row["b"], row["kind"], written))
    return labels, pairs


def check_pairs(labels: dict[str, dict[str, Label | None]], pairs: list[Pair]) -> list[str]:
    """Problems with the pair files: a disjoint pair of labels that is not judged, or a judged pair that
    is not disjoint. The benchmark refuses to run on labels that disagree with themselves."""
    judged = {(p.figure, frozenset((p.a, p.b))) for p in pairs}
    by_incident: dict[str, list[str]] = {}
    for article in labels:
        by_incident.setdefault(article.split("/")[0], []).append(article)
    problems = []
    disjoint = set()
    for articles in by_incident.values():
        for i, a in enumerate(articles):
            for b in articles[i + 1 :]:
                for figure in FIGURES:
                    la, lb = labels[a][figure], labels[b][figure]
                    if la is None or lb is None:
                        continue
                    (alo, ahi), (blo, bhi) = la.interval(), lb.interval()
                    if ahi < blo or bhi < alo:
                        disjoint.add((figure, frozenset((a, b))))
    problems += [f"not judged: {f} {sorted(ab)}" for f, ab in disjoint - judged]
    problems += [f"judged but not disjoint: {f} {sorted(ab)}" for f, ab in judged - disjoint]
    return problems


def _articles(incidents: list[str]) -> list[Any]:
    import checker

    grouped = articles_by_incident(GVA)
    out = []
    for incident in incidents:
        for row in grouped[incident]:
            if not row["text"].strip():
                continue
            published = None
            if row.get("published"):
                try:
                    published = datetime.fromisoformat(row["published"])
                except ValueError:
                    published = None
            out.append(
                checker.Article(
                    id=row["id"],
                    source=row["source"],
                    url=row.get("url"),
                    published=published,
                    title=row.get("title"),
                    text=row["text"],
                )
            )
    return out


def finding_key(finding: Any) -> str:
    """A finding's identity for the judgements file: its kind and its (article, figure) claims."""
    claims = sorted({(c.article_id, c.text, c.quantity.value) for c in finding.claims})
    return json.dumps([finding.kind.value, claims])


def load_judgements() -> dict[str, bool]:
    """Every hand judgement: judgements.jsonl and any judgements-*.jsonl beside it (one per judge)."""
    out = {}
    for path in sorted(JUDGEMENTS.parent.glob("judgements*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["key"]] = bool(row["right"])
    return out


def _matches(finding: Any, pair: Pair, labels: dict[str, dict[str, Label | None]]) -> bool:
    """The finding holds a claim of each article of the pair giving that article's labelled figure."""

    def gives(article: str) -> bool:
        label = labels[article][pair.figure]
        return label is not None and any(
            c.article_id == article and c.quantity.value == label.n for c in finding.claims
        )

    return gives(pair.a) and gives(pair.b)


@dataclass
class HalfResult:
    half: str
    articles: int
    threshold: float
    verdicts: list[tuple[Any, bool | None, str]]  # every finding at confidence 0: (finding, right?, why)
    found_at: dict[Pair, float]  # labelled disagreement -> the highest confidence of a finding flagging it
    disagreeing: list[Pair]
    seconds: float

    def kept(self, threshold: float | None = None) -> list[tuple[Any, bool | None, str]]:
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

    @property
    def missed(self) -> list[Pair]:
        return [p for p in self.disagreeing if self.found_at.get(p, -1.0) < self.threshold]


def count_non_claims(incidents: list[str]) -> dict[str, int]:
    """How many figures of the half's pages each non-claim rule leaves out, and how many are read as
    calibres (all figures: read with every rule off, then named by the first rule that fires)."""
    import checker
    from checker.claims.nonclaims import NON_CLAIM_RULES, calibre, non_claim
    from checker.options import READING_RULES

    counts = {name: 0 for name in NON_CLAIM_RULES} | {"calibres read": 0, "claims kept": 0}
    off = frozenset(NON_CLAIM_RULES) | READING_RULES
    for claim in checker.extract(_articles(incidents), disabled_rules=off):
        rule = non_claim(claim)
        counts[rule or "claims kept"] += 1
        counts["calibres read"] += rule is None and calibre(claim)
    return counts


def verdict(finding: Any, labels, pairs: list[Pair], judgements: dict[str, bool]) -> tuple[bool | None, str]:  # type: ignore[no-untyped-def]
    """Right (True), wrong (False) or not judged yet (None), and why."""
    incidents_of = {c.article_id.split("/")[0] for c in finding.claims}
    if any(_matches(finding, p, labels) for p in pairs if p.kind in DISAGREEING):
        return True, "a labelled disagreement"
    if any(_matches(finding, p, labels) for p in pairs if p.kind == "scope"):
        return False, "a labelled scope difference"
    if len(incidents_of) > 1:
        return False, "mixes two incidents"
    if finding_key(finding) in judgements:
        ok = judgements[finding_key(finding)]
        return ok, "judged right by hand" if ok else "judged wrong by hand"
    return None, "not judged yet"


def run_half(half: Half, incidents: list[str], labels, pairs, judgements, **options) -> HalfResult:  # type: ignore[no-untyped-def]
    """Check the half once with every finding kept (confidence 0), so that any threshold can be read off."""
    import checker

    threshold = options.pop("min_confidence", None)
    articles = _articles(incidents)
    start = time.perf_counter()
    report = checker.check(articles, min_confidence=0.0, **options)
    seconds = time.perf_counter() - start
    return score_half(
        half, incidents, len(articles), report.findings, labels, pairs, judgements, threshold, seconds
    )


def score_half(  # type: ignore[no-untyped-def]
    half: Half, incidents: list[str], articles: int, findings, labels, pairs, judgements, threshold, seconds
) -> HalfResult:
    """Score findings made at confidence 0 on the half's incidents against the labels and judgements."""
    from checker.match.confidence import default_model

    threshold = default_model().threshold if threshold is None else threshold
    chosen = set(incidents)
    mine = [p for p in pairs if p.incident in chosen]
    disagreeing = [p for p in mine if p.kind in DISAGREEING]
    found_at: dict[Pair, float] = {}
    for p in disagreeing:
        for f in findings:
            if _matches(f, p, labels):
                found_at[p] = max(found_at.get(p, -1.0), f.confidence or 0.0)
    verdicts = [(f, *verdict(f, labels, mine, judgements)) for f in findings]
    return HalfResult(
        half=half,
        articles=articles,
        threshold=threshold,
        verdicts=verdicts,
        found_at=found_at,
        disagreeing=disagreeing,
        seconds=seconds,
    )


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


def _rate(hits: int, total: int) -> str:
    low, high = wilson(hits, total)
    value = hits / total if total else float("nan")
    return f"{hits}/{total} = {value:.2f} [{low:.2f}, {high:.2f}]"


def print_result(r: HalfResult) -> None:
    right, judged, unjudged = r.precision()
    print(
        f"== {r.half} half: {r.articles} articles,"
        f" {len(r.kept())} findings at confidence >= {r.threshold:.2f}"
        f" ({len(r.verdicts)} at 0), {r.seconds:.0f} s"
    )
    print(f"  recall, both figures written out: {_rate(*r.recall(written=True))}")
    print(f"  recall, all disagreements:        {_rate(*r.recall())}")
    print(f"  precision, judged findings:       {_rate(right, judged)}  (unjudged: {unjudged})")
    print("  revisions found:                  {} ({} right, {} wrong)".format(*r.revisions()))


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


def _describe(finding: Any) -> str:
    lines = [f"  [{finding.kind.value} {finding.confidence or 0:.2f}] {finding.reason[:200]}"]
    for c in finding.claims:
        lines.append(f"     {c.article_id[:14]} {c.outlet or '?':22.22} {c.text!r:>10} | {c.sentence[:120]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["studied", "unseen", "both"], default="both")
    parser.add_argument(
        "--show", action="store_true", help="print the misses and wrong findings (studied only)"
    )
    parser.add_argument("--unjudged", type=Path, help="write unjudged findings here (JSON Lines) for a judge")
    parser.add_argument(
        "--disable-rule", action="append", default=[], metavar="RULE", help="switch a named rule off (repeat)"
    )
    parser.add_argument(
        "--non-claims", action="store_true", help="also count the figures each non-claim rule drops"
    )
    parser.add_argument(
        "--date-window", type=float, help="CheckOptions.date_window_days (default: the library's)"
    )
    parser.add_argument(
        "--min-confidence", type=float, help="the threshold to report at (default: the fitted one)"
    )
    parser.add_argument("--curve", action="store_true", help="precision and recall at several thresholds")
    parser.add_argument("--svg", type=Path, help="draw the precision-recall curve of each half here")
    parser.add_argument(
        "--all-unjudged",
        action="store_true",
        help="--unjudged writes findings at any confidence, not only kept",
    )
    args = parser.parse_args()
    if not GVA.exists():
        print(f"skipped: {GVA} is not there (the shared data folder sits beside the checkout)")
        return
    labels, pairs = load_labels()
    problems = check_pairs(labels, pairs)
    if problems:
        print("the labels disagree with themselves:\n  " + "\n  ".join(problems))
        sys.exit(2)
    halves = sampled_incidents()
    judgements = load_judgements()
    todo: list[dict[str, Any]] = []
    drawn: list[HalfResult] = []
    for half in ("studied", "unseen"):
        if args.half not in (half, "both"):
            continue
        result = run_half(
            half,  # type: ignore[arg-type]
            halves[half],
            labels,
            pairs,
            judgements,
            disabled_rules=frozenset(args.disable_rule),
            date_window_days=args.date_window,
            min_confidence=args.min_confidence,
        )
        print_result(result)
        if args.non_claims:
            counts = count_non_claims(halves[half])
            print("  figures on the pages: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        drawn.append(result)
        if args.curve:
            print_curve(result)
        if args.show and half == "studied":
            print("  -- missed disagreements:")
            for p in result.missed:
                best = result.found_at.get(p)
                seen = f" (flagged at confidence {best:.2f})" if best is not None else ""
                print(f"   {p.kind:8} {p.figure:8} {p.a} vs {p.b} written={p.written}{seen}")
            print("  -- wrong findings:")
            for finding, ok, why in result.kept():
                if ok is False:
                    print(f"  ({why})\n{_describe(finding)}")
            print("  -- unjudged findings:")
            for finding, ok, _ in result.kept():
                if ok is None:
                    print(_describe(finding))
        for finding, ok, _ in result.verdicts if args.all_unjudged else result.kept():
            if ok is not None:
                continue
            todo.append(to_judge(finding_key(finding), half, finding))
    if args.unjudged:
        args.unjudged.write_text("".join(json.dumps(t) + "\n" for t in todo), "utf-8")
        print(f"{len(todo)} unjudged findings written to {args.unjudged}")
    if args.svg:
        from pr_curve import write_svg

        write_svg(
            drawn, args.svg, "GVA shootings: precision and recall (both figures written out)", written=True
        )
        print(f"precision-recall curve written to {args.svg}")


if __name__ == "__main__":
    main()
