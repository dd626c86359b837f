"""Recall and precision of `checker check` on real local news: GVA shootings coverage labelled by hand.

What it measures, for the studied and the unseen half separately (the fixed split of
benchmarks/gva_labels/sample.py, made before any rule was written), each with a 95% Wilson interval:

* recall of the labelled disagreements (conflicts and updates of casualty counts between two outlets of
  one incident) where both figures are written out, and of all of them;
* precision over every finding on those incidents. A finding that flags a labelled disagreement is right;
  one that flags a labelled scope difference, or mixes two incidents, is wrong; every other finding is
  judged by hand once, in benchmarks/gva_labels/judgements.jsonl, keyed by its articles and figures, and
  stays judged. Findings nobody has judged yet are counted apart and written to --unjudged.

Each half is checked as one archive, as a desk would run it: 300 incidents, about 790 articles.

    python benchmarks/real_news.py                       # both halves
    python benchmarks/real_news.py --half studied --show # and print the studied half's errors

Read the unseen half only as these printed figures, never its cases.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import BENCHMARKS, GVA_DEV, make_parser, missing, rate_text, read_jsonl_files
from benchmarks.gva_labels.sample import articles_by_incident, sampled_incidents
from benchmarks.halves import Half
from benchmarks.recall import (
    DISAGREEING,
    HalfResult,
    add_arguments,
    check_at_zero,
    describe,
    draw,
    fitted,
    halves_asked,
    load_judgements,
    print_curve,
    print_figures,
    print_missed,
    to_judge,
)

GVA_LABELS = BENCHMARKS / "gva_labels"  # labels/, and judgements*.jsonl (one file a judge)
LABELS = GVA_LABELS / "labels"
FIGURES = ("killed", "injured")


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


Labels = dict[str, dict[str, Label | None]]  # article id -> figure -> its label, None when not usable


def load_labels() -> tuple[Labels, list[Pair]]:
    """Per article its killed/injured labels, and every judged pair of disjoint figures."""
    labels: Labels = {}
    for row in read_jsonl_files(LABELS, "articles-*.jsonl"):
        labels[row["article"]] = {
            figure: Label(row[figure]["n"], row[figure]["q"], bool(row[figure]["implicit"]))
            if row["usable"] and row.get(figure)
            else None
            for figure in FIGURES
        }
    pairs = []
    for row in read_jsonl_files(LABELS, "pairs-*.jsonl"):
        la, lb = labels[row["a"]][row["figure"]], labels[row["b"]][row["figure"]]
        written = la is not None and lb is not None and not la.implicit and not lb.implicit
        pairs.append(Pair(row["incident"], row["figure"], row["a"], row["b"], row["kind"], written))
    return labels, pairs


def check_pairs(labels: Labels, pairs: list[Pair]) -> list[str]:
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


def gva_articles(incidents: list[str]) -> list[Any]:
    """The non-empty articles of the incidents, as `checker.Article`s with outlet, url, date and title."""
    import checker

    grouped = articles_by_incident(GVA_DEV)
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


def gva_judgements() -> dict[str, bool]:
    """Every hand judgement of a GVA finding: judgements.jsonl and any judgements-*.jsonl beside it (one
    file a judge)."""
    return load_judgements(GVA_LABELS, "judgements*.jsonl")


def _matches(finding: Any, pair: Pair, labels: Labels) -> bool:
    """The finding holds a claim of each article of the pair giving that article's labelled figure."""

    def gives(article: str) -> bool:
        label = labels[article][pair.figure]
        return label is not None and any(
            c.article_id == article and c.quantity.value == label.n for c in finding.claims
        )

    return gives(pair.a) and gives(pair.b)


def count_non_claims(incidents: list[str]) -> dict[str, int]:
    """How many figures of the half's pages each non-claim rule leaves out, and how many are read as
    calibres (all figures: read with every rule off, then named by the first rule that fires)."""
    import checker
    from checker.claims.nonclaims import NON_CLAIM_RULES, calibre, non_claim
    from checker.options import READING_RULES

    counts = {name: 0 for name in NON_CLAIM_RULES} | {"calibres read": 0, "claims kept": 0}
    off = frozenset(NON_CLAIM_RULES) | READING_RULES
    for claim in checker.extract(gva_articles(incidents), disabled_rules=off):
        rule = non_claim(claim)
        counts[rule or "claims kept"] += 1
        counts["calibres read"] += rule is None and calibre(claim)
    return counts


def verdict(
    finding: Any, labels: Labels, pairs: list[Pair], judgements: dict[str, bool]
) -> tuple[bool | None, str]:
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


def run_half(
    half: Half,
    incidents: list[str],
    labels: Labels,
    pairs: list[Pair],
    judgements: dict[str, bool],
    **options: Any,
) -> HalfResult:
    """Check the half once with every finding kept (confidence 0), so that any threshold can be read off."""
    threshold = options.pop("min_confidence", None)
    articles = gva_articles(incidents)
    findings, seconds = check_at_zero(articles, options)
    return score_half(half, incidents, len(articles), findings, labels, pairs, judgements, threshold, seconds)


def score_half(
    half: Half,
    incidents: list[str],
    articles: int,
    findings: list[Any],
    labels: Labels,
    pairs: list[Pair],
    judgements: dict[str, bool],
    threshold: float | None,
    seconds: float,
) -> HalfResult:
    """Score findings made at confidence 0 on the half's incidents against the labels and judgements."""
    threshold = fitted(threshold)
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


def print_result(r: HalfResult) -> None:
    rows = [
        ("recall, both figures written out", rate_text(*r.recall(written=True))),
        ("recall, all disagreements", rate_text(*r.recall())),
        ("precision, judged findings", r.precision_text()),
        ("revisions found", r.revisions_text()),
    ]
    print_figures(r, rows)


def main() -> None:
    parser = make_parser(__doc__)
    add_arguments(parser)
    parser.add_argument("--unjudged", type=Path, help="write unjudged findings here (JSON Lines) for a judge")
    parser.add_argument(
        "--all-unjudged",
        action="store_true",
        help="--unjudged writes findings at any confidence, not only kept",
    )
    parser.add_argument(
        "--non-claims", action="store_true", help="also count the figures each non-claim rule drops"
    )
    parser.add_argument(
        "--date-window", type=float, help="CheckOptions.date_window_days (default: the library's)"
    )
    args = parser.parse_args()
    if missing(GVA_DEV):
        return
    labels, pairs = load_labels()
    problems = check_pairs(labels, pairs)
    if problems:
        print("the labels disagree with themselves:\n  " + "\n  ".join(problems))
        sys.exit(2)
    halves = sampled_incidents()
    judgements = gva_judgements()
    todo: list[dict[str, Any]] = []
    drawn: list[HalfResult] = []
    for half in halves_asked(args.half):
        result = run_half(
            half,
            halves[half],
            labels,
            pairs,
            judgements,
            disabled_rules=frozenset(args.disable_rule),
            tallies=args.tallies,
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
            print_missed(
                result,
                lambda p: f"{p.kind:8} {p.figure:8} {p.a} vs {p.b} written={p.written}",
                "flagged at confidence",
            )
            print("  -- wrong findings:")
            for finding, ok, why in result.kept():
                if ok is False:
                    print(f"  ({why})\n{describe(finding)}")
            print("  -- unjudged findings:")
            for finding, ok, _ in result.kept():
                if ok is None:
                    print(describe(finding))
        for finding, ok, _ in result.verdicts if args.all_unjudged else result.kept():
            if ok is not None:
                continue
            todo.append(to_judge(finding_key(finding), half, finding))
    if args.unjudged:
        args.unjudged.write_text("".join(json.dumps(t) + "\n" for t in todo), "utf-8")
        print(f"{len(todo)} unjudged findings written to {args.unjudged}")
    if args.svg:
        draw(drawn, args.svg, "GVA shootings: precision and recall (both figures written out)", written=True)


if __name__ == "__main__":
    main()
