"""What each named rule and feature buys: recall and precision with it switched off, on real news.

Every rule of `checker.options.SWITCHABLE_RULES` (non-claims, hard constraints, explanations, and the
features of the confidence) is switched off alone, and the two real-news benchmarks are scored again:

* GVA shootings coverage (`real_news.py`): recall of labelled disagreements with both figures written
  out and of all of them, precision over judged findings;
* ECB+ topics (`ecbplus_recall.py`): recall of labelled conflicts and updates, precision.

Each half is read once, with every non-claim and reading rule off, and each setting applies those it
keeps on to those claims: extraction runs once per half, and only the stages after it run per setting
(`checker.pipeline.find_conflicts`). Findings nobody has judged yet are counted apart (`?`): a rule
whose removal brings unjudged findings needs them judged before its precision can be read.

By default the unseen halves are printed, as the issue asks; `--half studied` prints the half whose
cases may be read. A rule that buys nothing on the unseen halves (no precision lost without it, no
recall gained with it) is a candidate for deletion, with its tests and its words in data/.

    python benchmarks/ablation.py                    # unseen halves, every rule
    python benchmarks/ablation.py --rule closeness   # one rule
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks import ecbplus_recall, real_news
from benchmarks.common import ECBPLUS_DOCS, GVA_DEV, key_value, make_parser, missing
from benchmarks.gva_labels.sample import sampled_incidents
from benchmarks.halves import Half
from benchmarks.recall import HalfResult, to_judge

Scorer = Callable[[list[Any], float], HalfResult]


def _prepared(articles: list[Any]) -> tuple[list[Any], Any]:
    """The articles that extract, and their claims with every non-claim rule off."""
    from checker.claims.extract import ClaimSets
    from checker.engines.workers import default_workers, extract_claim_sets_parallel, workers_for
    from checker.options import NON_CLAIM_RULES, READING_RULES, CheckOptions

    options = CheckOptions()
    sets = extract_claim_sets_parallel(
        articles,
        spacy_model=options.spacy_model,
        batch_size=options.batch_size,
        disabled_rules=NON_CLAIM_RULES | READING_RULES,
        workers=workers_for(len(articles), default_workers()),
    )
    kept = [k for k, a in enumerate(articles) if a.id not in sets.failed]
    return [articles[k] for k in kept], ClaimSets(
        [sets.numeric[k] for k in kept],
        [sets.entities[k] for k in kept],
        [sets.names[k] for k in kept],
        {},
    )


def _findings(
    articles: list[Any], sets: Any, disabled: frozenset[str], settings: dict[str, Any] | None = None
) -> list[Any]:
    """The findings at confidence 0 with `disabled` off, from claims read with every non-claim rule off."""
    from checker.claims.extract import ClaimSets
    from checker.claims.nonclaims import claims_kept
    from checker.options import CheckOptions
    from checker.pipeline import find_conflicts

    claims = [claims_kept(group, disabled) for group in sets.numeric]
    filtered = ClaimSets(claims, sets.entities, sets.names, {})
    options = CheckOptions(**(settings or {}), disabled_rules=disabled, min_confidence=0.0)
    return find_conflicts(articles, filtered, options).findings


def _benchmarks(half: Half) -> list[tuple[str, list[Any], Scorer]]:
    """Each benchmark's articles for the half and how to score findings on them."""
    incidents = sampled_incidents()[half]
    labels, pairs = real_news.load_labels()
    judgements = real_news.gva_judgements()

    def gva(findings: list[Any], seconds: float) -> HalfResult:
        return real_news.score_half(half, incidents, 0, findings, labels, pairs, judgements, None, seconds)

    def ecb(findings: list[Any], seconds: float) -> HalfResult:
        return ecbplus_recall.score_half(half, 0, findings, None, seconds)

    return [
        ("GVA", real_news.gva_articles(incidents), gva),
        ("ECB+", ecbplus_recall.half_articles(half), ecb),
    ]


def _cells(result: HalfResult, base: HalfResult | None) -> list[str]:
    """Recall written, recall all (GVA) or recall (ECB+), and precision, each with its change."""

    def delta(now: int, then: int) -> str:
        return "" if base is None or now == then else f" ({now - then:+d})"

    found_w, total_w = result.recall(written=True)
    found, total = result.recall()
    right, judged, unjudged = result.precision()
    cells = []
    if base is not None:
        bw, ba, bp = base.recall(written=True)[0], base.recall()[0], base.precision()
    else:
        bw, ba, bp = found_w, found, (right, judged, unjudged)
    if any(p.written for p in result.disagreeing) and total_w != total:
        cells.append(f"{found_w}/{total_w}{delta(found_w, bw)}")
    cells.append(f"{found}/{total}{delta(found, ba)}")
    wrong = judged - right
    cells.append(
        f"{right}/{judged}{delta(right, bp[0])}"
        + (f" wrong{delta(wrong, bp[1] - bp[0])}" if base is not None and wrong != bp[1] - bp[0] else "")
        + (f" +{unjudged}?" if unjudged else "")
    )
    return cells


def main() -> None:
    from checker.options import SWITCHABLE_RULES

    parser = make_parser(__doc__)
    parser.add_argument("--half", choices=["studied", "unseen"], default="unseen")
    parser.add_argument("--rule", action="append", help="only these rules (repeat); default: every rule")
    parser.add_argument(
        "--option",
        type=key_value,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a CheckOptions setting for every row (repeat), e.g. date_window_days=30",
    )
    parser.add_argument("--baseline-only", action="store_true", help="only the row with nothing switched off")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep each half's extracted claims here between runs (delete it after a change)",
    )
    parser.add_argument(
        "--unjudged",
        type=Path,
        help="write the kept findings nobody has judged, per benchmark, to this folder",
    )
    args = parser.parse_args()
    if missing(GVA_DEV, ECBPLUS_DOCS):
        return
    rules = [] if args.baseline_only else sorted(args.rule or SWITCHABLE_RULES)
    settings = dict(args.option)
    unknown = set(rules) - SWITCHABLE_RULES
    if unknown:
        parser.error(f"unknown rules: {', '.join(sorted(unknown))}")

    prepared = []
    for name, articles, score in _benchmarks(args.half):
        start = time.perf_counter()
        cached = (
            args.cache / f"{name.lower().replace('+', 'plus')}-{args.half}.pickle" if args.cache else None
        )
        if cached and cached.exists():
            kept, sets = pickle.loads(cached.read_bytes())
        else:
            kept, sets = _prepared(articles)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(pickle.dumps((kept, sets)))
        print(
            f"{name} {args.half}: {len(kept)} articles read in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
        prepared.append((name, kept, sets, score))

    todo: dict[str, dict[str, dict[str, Any]]] = {name: {} for name, *_ in prepared}

    def run(disabled: frozenset[str]) -> list[HalfResult]:
        results = []
        for name, kept, sets, score in prepared:
            start = time.perf_counter()
            findings = _findings(kept, sets, disabled, settings)
            result = score(findings, time.perf_counter() - start)
            for finding, ok, _ in result.kept():
                if ok is None:
                    key = (real_news.finding_key if name == "GVA" else ecbplus_recall.judgement_key)(finding)
                    todo[name][key] = to_judge(key, args.half, finding)
            results.append(result)
        return results

    base = run(frozenset())
    header = [
        "switched off",
        "GVA recall written",
        "GVA recall all",
        "GVA precision",
        "ECB+ recall",
        "ECB+ precision",
    ]
    widths = [18, 20, 16, 22, 14, 22]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    row = ["(nothing)"] + [c for r in base for c in _cells(r, None)]
    print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)), flush=True)
    for rule in rules:
        results = run(frozenset({rule}))
        row = [rule] + [c for r, b in zip(results, base, strict=True) for c in _cells(r, b)]
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)), flush=True)
    threshold = base[0].threshold
    if args.unjudged:
        args.unjudged.mkdir(parents=True, exist_ok=True)
        for name, rows in todo.items():
            path = args.unjudged / {"GVA": "gva.jsonl", "ECB+": "ecbplus.jsonl"}[name]
            path.write_text("".join(json.dumps(r) + "\n" for r in rows.values()), "utf-8")
            print(f"{len(rows)} unjudged {name} findings written to {path}")
    print(f"\nat the fitted confidence threshold {threshold:.3f}; (+n) and (-n): change against nothing off")


if __name__ == "__main__":
    main()
