"""Recall and precision of `checker check` on ECB+ (real multi-outlet news), against hand labels.

`ecbplus_recall/facts-N.jsonl` give, per article, the figure it states for each fact that two or more
articles of one event report (ids, figures as written and our notes only, never article text);
`ecbplus_recall/pairs-N.jsonl` judge every two articles from different outlets whose figures for one
fact do not overlap: `conflict`, `update` or `not-same-fact`.

The split, fixed before these labels were used: the topics of ../shared/data/ecbplus/ecbplus_docs.jsonl
in SHA-256 order of their ids; the 1st, 3rd, 5th... are *studied*, the 2nd, 4th... *unseen*. Errors are
read on the studied half only; the unseen half is read as printed figures, to accept a finished change.

Each half is checked as one archive. Printed per half, with 95% Wilson intervals: recall of the labelled
conflicts and updates (a finding holds a claim of each side, at its figure), and precision over every
finding. A finding is right when it holds a labelled conflict or update; wrong when it mixes the two
events of a topic, holds a pair labelled not the same fact, pairs figures of two different labelled
facts, or of one fact that agree; otherwise `ecbplus_labels.json` labels it where it can, and what is
left is counted apart as unjudged.

    python benchmarks/ecbplus_recall.py                       # both halves
    python benchmarks/ecbplus_recall.py --half studied --show  # and the studied half's errors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ecbplus_findings import DATA, LABELS, claim_key, label_for, load_labels  # noqa: E402
from real_news import HalfResult, _describe, _rate, print_curve  # noqa: E402

LABEL_DIR = HERE / "ecbplus_recall"
JUDGEMENTS = LABEL_DIR / "judgements.jsonl"
DISAGREEING = {"conflict", "update"}
Half = Literal["studied", "unseen"]


def topic_halves(path: Path = DATA) -> dict[Half, set[str]]:
    """Topics in SHA-256 order of their ids, alternately studied and unseen."""
    topics = {json.loads(line)["topic"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    order = sorted(topics, key=lambda t: hashlib.sha256(t.encode()).hexdigest())
    return {"studied": set(order[0::2]), "unseen": set(order[1::2])}


@dataclass(frozen=True)
class Fact:
    subtopic: str
    fact: str
    article: str
    figure: str
    low: float
    high: float


@dataclass(frozen=True)
class Pair:
    topic: str
    subtopic: str
    fact: str
    a: tuple[str, str]
    b: tuple[str, str]
    kind: str
    written: bool = True  # every ECB+ figure is written out (for the shared recall arithmetic)


def _rows(pattern: str) -> list[dict[str, Any]]:
    out = []
    for path in sorted(LABEL_DIR.glob(pattern)):
        out += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return out


def load_facts() -> list[Fact]:
    return [
        Fact(
            r["subtopic"],
            r["fact"],
            r["article"],
            r["figure"],
            float(r["low"]) if r.get("low") is not None else 0.0,
            float(r["high"]) if r.get("high") is not None else float("inf"),
        )
        for r in _rows("facts-*.jsonl")
    ]


def load_pairs() -> list[Pair]:
    return [
        Pair(r["topic"], r["subtopic"], r["fact"], tuple(r["a"]), tuple(r["b"]), r["kind"])  # type: ignore[arg-type]
        for r in _rows("pairs-*.jsonl")
    ]


def _same_figure(claim: Any, figure: str) -> bool:
    """The claim is the labelled figure: one holds the other, as written (case and edges aside)."""
    x, y = claim.text.lower().strip(" .,;:"), figure.lower().strip(" .,;:")
    return bool(x) and (x in y or y in x)


def _holds(finding: Any, side: tuple[str, str]) -> bool:
    return any(c.article_id == side[0] and _same_figure(c, side[1]) for c in finding.claims)


def _facts_of(claim: Any, facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.article == claim.article_id and _same_figure(claim, f.figure)]


def verdict(
    finding: Any,
    pairs: list[Pair],
    facts: list[Fact],
    event_of: dict[str, str],
    old_labels: list[dict[str, Any]],
) -> tuple[bool | None, str]:
    if finding.confidence is None:
        return None, "an entity conflict"
    if len({event_of.get(c.article_id) for c in finding.claims}) > 1:
        return False, "mixes two events"
    held = [p for p in pairs if _holds(finding, p.a) and _holds(finding, p.b)]
    if any(p.kind in DISAGREEING for p in held):
        return True, "a labelled disagreement"
    if held:
        return False, "a pair labelled not the same fact"
    outliers = [c for c in finding.claims if c.id in finding.outliers] or finding.claims[-1:]
    others = [c for c in finding.claims if c not in outliers]
    mapped = [(c, _facts_of(c, facts)) for c in [*outliers, *others]]
    if all(found for _, found in mapped):
        names = [{f.fact for f in found} for _, found in mapped]
        if not set.intersection(*names):
            return False, "figures of two different labelled facts"
        return False, "figures of one labelled fact that agree"
    label, _ = label_for(finding.kind.value, claim_key(finding.claims), old_labels)
    if label is not None:
        return label["label"] == "right", "ecbplus_labels.json"
    judged = load_judgements().get(judgement_key(finding))
    if judged is not None:
        return judged, "judged right by hand" if judged else "judged wrong by hand"
    return None, "not judged yet"


def judgement_key(finding: Any) -> str:
    """A finding's identity in judgements.jsonl: its kind and its (article, figure as written) claims."""
    return json.dumps([finding.kind.value, [list(k) for k in claim_key(finding.claims)]])


def load_judgements() -> dict[str, bool]:
    if not JUDGEMENTS.is_file():
        return {}
    rows = [json.loads(line) for line in JUDGEMENTS.read_text("utf-8").splitlines() if line.strip()]
    return {r["key"]: bool(r["right"]) for r in rows}


def half_articles(half: Half) -> list[Any]:
    """The articles of the half's topics, read as `checker check` reads the file."""
    import checker

    topics = topic_halves()[half]
    return [a for a in checker.load_archive(DATA).articles if a.id.split("_")[0] in topics]


def run_half(half: Half, **options: Any) -> HalfResult:
    """Check the half once with every finding kept (confidence 0), so that any threshold can be read off."""
    import checker

    threshold = options.pop("min_confidence", None)
    articles = half_articles(half)
    start = time.perf_counter()
    report = checker.check(articles, min_confidence=0.0, **options)
    seconds = time.perf_counter() - start
    return score_half(half, len(articles), report.findings, threshold, seconds)


def score_half(
    half: Half, articles: int, findings: list[Any], threshold: float | None, seconds: float
) -> HalfResult:
    """Score findings made at confidence 0 on the half's topics against the labels."""
    from checker.match.confidence import default_model

    threshold = default_model().threshold if threshold is None else threshold
    topics = topic_halves()[half]
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    event_of = {r["id"]: r["subtopic"] for r in rows}
    pairs = [p for p in load_pairs() if p.topic in topics]
    facts = load_facts()
    disagreeing = [p for p in pairs if p.kind in DISAGREEING]
    found_at: dict[Pair, float] = {}
    for p in disagreeing:
        for f in findings:
            if f.confidence is not None and _holds(f, p.a) and _holds(f, p.b):
                found_at[p] = max(found_at.get(p, -1.0), f.confidence)
    old = load_labels(LABELS)
    verdicts = [(f, *verdict(f, pairs, facts, event_of, old)) for f in findings]
    return HalfResult(half, articles, threshold, verdicts, found_at, disagreeing, seconds)


def print_result(r: HalfResult) -> None:
    right, judged, unjudged = r.precision()
    mixed = sum(1 for _, ok, why in r.kept() if why == "mixes two events")
    print(
        f"== {r.half} half: {r.articles} articles,"
        f" {len(r.kept())} findings at confidence >= {r.threshold:.2f}"
        f" ({len(r.verdicts)} at 0), {r.seconds:.0f} s"
    )
    print(f"  recall, labelled conflicts and updates: {_rate(*r.recall())}")
    print(f"  precision, judged findings:             {_rate(right, judged)}  (unjudged: {unjudged})")
    print(f"  findings mixing two events:             {mixed}")
    print("  revisions found:                        {} ({} right, {} wrong)".format(*r.revisions()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["studied", "unseen", "both"], default="both")
    parser.add_argument("--show", action="store_true", help="the studied half's misses and wrong findings")
    parser.add_argument("--curve", action="store_true", help="precision and recall at several thresholds")
    parser.add_argument("--svg", type=Path, help="draw the precision-recall curve of each half here")
    parser.add_argument("--min-confidence", type=float, help="the threshold to report at (default: fitted)")
    parser.add_argument("--disable-rule", action="append", default=[], metavar="RULE")
    parser.add_argument(
        "--unjudged", type=Path, help="write the unjudged findings (any confidence) for a judge"
    )
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} is not there (the shared data folder sits beside the checkout)")
        return
    drawn: list[HalfResult] = []
    for half in ("studied", "unseen"):
        if args.half not in (half, "both"):
            continue
        result = run_half(
            half,  # type: ignore[arg-type]
            min_confidence=args.min_confidence,
            disabled_rules=frozenset(args.disable_rule),
        )
        print_result(result)
        if args.unjudged:
            with args.unjudged.open("a", encoding="utf-8") as out:
                for finding, ok, _ in result.verdicts:
                    if ok is None and finding.confidence is not None:
                        claims = [
                            {"article": c.article_id, "figure": c.text, "sentence": c.sentence}
                            for c in finding.claims
                        ]
                        row = {
                            "key": judgement_key(finding),
                            "half": half,
                            "reason": finding.reason,
                            "claims": claims,
                        }
                        out.write(json.dumps(row) + "\n")
        drawn.append(result)
        if args.curve:
            print_curve(result)
        if args.show and half == "studied":
            print("  -- missed disagreements:")
            for p in result.missed:
                best = result.found_at.get(p)
                seen = f" (flagged at {best:.2f})" if best is not None else ""
                print(f"   {p.kind:8} {p.subtopic:12} {p.fact:22} {p.a} vs {p.b}{seen}")
            print("  -- wrong and unjudged findings:")
            for finding, ok, why in result.kept():
                if not ok:
                    print(f"  ({why})\n{_describe(finding)}")

    if args.svg:
        from pr_curve import write_svg

        write_svg(drawn, args.svg, "ECB+: precision and recall of labelled conflicts and updates")
        print(f"precision-recall curve written to {args.svg}")


if __name__ == "__main__":
    main()
