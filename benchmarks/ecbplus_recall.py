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

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks import recall
from benchmarks.common import (
    BENCHMARKS,
    ECBPLUS_DOCS,
    make_parser,
    missing,
    rate_text,
    read_jsonl,
    read_jsonl_files,
    subtopics,
)
from benchmarks.ecbplus_findings import LABELS, claim_key, label_for, load_labels
from benchmarks.halves import Half, hash_order
from benchmarks.recall import HalfResult

LABEL_DIR = BENCHMARKS / "ecbplus_recall"


def topic_halves(path: Path = ECBPLUS_DOCS) -> dict[Half, set[str]]:
    """Topics in SHA-256 order of their ids, alternately studied and unseen."""
    order = sorted({row["topic"] for row in read_jsonl(path)}, key=hash_order)
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
        for r in read_jsonl_files(LABEL_DIR, "facts-*.jsonl")
    ]


def load_pairs() -> list[Pair]:
    return [
        Pair(r["topic"], r["subtopic"], r["fact"], tuple(r["a"]), tuple(r["b"]), r["kind"])
        for r in read_jsonl_files(LABEL_DIR, "pairs-*.jsonl")
    ]


def same_figure(claim: Any, figure: str) -> bool:
    """The claim is the labelled figure: one holds the other, as written (case and edges aside)."""
    x, y = claim.text.lower().strip(" .,;:"), figure.lower().strip(" .,;:")
    return bool(x) and (x in y or y in x)


def _holds(finding: Any, side: tuple[str, str]) -> bool:
    return any(c.article_id == side[0] and same_figure(c, side[1]) for c in finding.claims)


def _facts_of(claim: Any, facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.article == claim.article_id and same_figure(claim, f.figure)]


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
    if any(p.kind in recall.DISAGREEING for p in held):
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
    judged = recall.load_judgements(LABEL_DIR, "judgements.jsonl").get(judgement_key(finding))
    if judged is not None:
        return judged, "judged right by hand" if judged else "judged wrong by hand"
    return None, "not judged yet"


def judgement_key(finding: Any) -> str:
    """A finding's identity in judgements.jsonl: its kind and its (article, figure as written) claims."""
    return json.dumps([finding.kind.value, [list(k) for k in claim_key(finding.claims)]])


def half_articles(half: Half) -> list[Any]:
    """The articles of the half's topics, read as `checker check` reads the file."""
    import checker

    topics = topic_halves()[half]
    return [a for a in checker.load_archive(ECBPLUS_DOCS).articles if a.id.split("_")[0] in topics]


def run_half(half: Half, **options: Any) -> HalfResult:
    """Check the half once with every finding kept (confidence 0), so that any threshold can be read off."""
    threshold = options.pop("min_confidence", None)
    articles = half_articles(half)
    findings, seconds = recall.check_at_zero(articles, options)
    return score_half(half, len(articles), findings, threshold, seconds)


def score_half(
    half: Half, articles: int, findings: list[Any], threshold: float | None, seconds: float
) -> HalfResult:
    """Score findings made at confidence 0 on the half's topics against the labels."""
    threshold = recall.fitted(threshold)
    topics = topic_halves()[half]
    event_of = subtopics(ECBPLUS_DOCS)
    pairs = [p for p in load_pairs() if p.topic in topics]
    facts = load_facts()
    disagreeing = [p for p in pairs if p.kind in recall.DISAGREEING]
    found_at: dict[Pair, float] = {}
    for p in disagreeing:
        for f in findings:
            if f.confidence is not None and _holds(f, p.a) and _holds(f, p.b):
                found_at[p] = max(found_at.get(p, -1.0), f.confidence)
    old = load_labels(LABELS)
    verdicts = [(f, *verdict(f, pairs, facts, event_of, old)) for f in findings]
    return HalfResult(half, articles, threshold, verdicts, found_at, disagreeing, seconds)


def print_result(r: HalfResult) -> None:
    mixed = sum(1 for _, ok, why in r.kept() if why == "mixes two events")
    rows = [
        ("recall, labelled conflicts and updates", rate_text(*r.recall())),
        ("precision, judged findings", r.precision_text()),
        ("findings mixing two events", str(mixed)),
        ("revisions found", r.revisions_text()),
    ]
    recall.print_figures(r, rows)


def main() -> None:
    parser = make_parser(__doc__)
    recall.add_arguments(parser)
    parser.add_argument(
        "--unjudged", type=Path, help="write the unjudged findings (any confidence) for a judge"
    )
    args = parser.parse_args()
    if missing(ECBPLUS_DOCS):
        return
    drawn: list[HalfResult] = []
    for half in recall.halves_asked(args.half):
        result = run_half(
            half,
            min_confidence=args.min_confidence,
            disabled_rules=frozenset(args.disable_rule),
            tallies=args.tallies,
        )
        print_result(result)
        if args.unjudged:
            with args.unjudged.open("a", encoding="utf-8") as out:
                for finding, ok, _ in result.verdicts:
                    if ok is None and finding.confidence is not None:
                        out.write(json.dumps(recall.to_judge(judgement_key(finding), half, finding)) + "\n")
        drawn.append(result)
        if args.curve:
            recall.print_curve(result)
        if args.show and half == "studied":
            recall.print_missed(
                result, lambda p: f"{p.kind:8} {p.subtopic:12} {p.fact:22} {p.a} vs {p.b}", "flagged at"
            )
            print("  -- wrong and unjudged findings:")
            for finding, ok, why in result.kept():
                if not ok:
                    print(f"  ({why})\n{recall.describe(finding)}")

    if args.svg:
        recall.draw(drawn, args.svg, "ECB+: precision and recall of labelled conflicts and updates")


if __name__ == "__main__":
    main()
