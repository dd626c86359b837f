"""Precision of `checker check` on ECB+, against hand labels kept in `ecbplus_labels.json`.

    python benchmarks/ecbplus_findings.py                   # every finding, its label, precision
    python benchmarks/ecbplus_findings.py --show unlabelled --stubs /tmp/stubs.json

ECB+ holds real articles, several outlets per real-world event. The JSONL file is checked as
`checker check` reads it: publisher as outlet, source URL, and the (heuristic) date where known.
Every finding is printed with its kind, reason, and each claim's outlet, date, article, event
(subtopic) and sentence, then matched with the hand labels.

A finding is right when its claims really are about one fact and really disagree (for `disputed`
and `revision`, when that kind is apt too). A label is keyed by the finding's kind and its claims as
(article id, figure as written) pairs, which survive pipeline changes as long as the finding keeps
the same claims. A finding with new claims is listed as unlabelled, except that a finding holding both
claims of a labelled "not the same fact" witness pair is wrong whatever else it holds (counted as
inferred: two different facts stay different whatever joins them).
`--stubs FILE` writes the unlabelled findings as label entries to fill in and merge.

The data is third-party and read-only: `../shared/data/ecbplus/ecbplus_docs.jsonl` beside the
checkout. The labels hold ids, figures and our own words only, never the articles' sentences.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import BENCHMARKS, ECBPLUS_DOCS, make_parser, missing, subtopics

LABELS = BENCHMARKS / "ecbplus_labels.json"
PRECISION_TARGET = 0.9
#: bases of a wrong label that hold whatever the kind and whatever claims join
FACT_BASES = {"not-same-fact"}
KIND_FREE_BASES = FACT_BASES | {"no-disagreement"}

ClaimKey = tuple[tuple[str, str], ...]


def _surface(text: str) -> str:
    """The figure as written, without punctuation the reader may or may not take along ('24 hours.')."""
    return text.strip().rstrip(".,;:!?")


def claim_key(claims: list[Any]) -> ClaimKey:
    return tuple(sorted((c.article_id, _surface(c.text)) for c in claims))


def _entry_key(pairs: list[list[str]]) -> ClaimKey:
    return tuple(sorted((a, _surface(t)) for a, t in pairs))


def load_labels(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return list(json.loads(path.read_text("utf-8"))["labels"])


def label_for(kind: str, key: ClaimKey, labels: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    """The label of a finding and how it was found: 'exact', 'other kind', 'inferred' or 'none'."""
    same_claims = [e for e in labels if _entry_key(e["claims"]) == key]
    for entry in same_claims:
        if entry["kind"] == kind:
            return entry, "exact"
    for entry in same_claims:
        if entry["label"] == "wrong" and entry.get("basis") in KIND_FREE_BASES:
            return entry, "other kind"
    held = set(key)
    for entry in labels:
        witness = _entry_key(entry.get("witness") or entry["claims"])
        if entry.get("basis") in FACT_BASES and set(witness) <= held:
            return entry, "inferred"
    return None, "none"


def print_finding(
    n: int, finding: Any, label: dict[str, Any] | None, how: str, event_of: dict[str, str]
) -> None:
    verdict = (
        "UNLABELLED" if label is None else label["label"].upper() + ("" if how == "exact" else f" ({how})")
    )
    print(f"\n[{n}] {finding.kind.value} ({finding.severity.value}) -- {verdict}")
    print(f"    {finding.reason}")
    for claim in finding.claims:
        date = claim.published.date().isoformat() if claim.published else "no date"
        mark = " (outlier)" if claim.id in finding.outliers else ""
        print(
            f"    - {claim.outlet} | {date} | {claim.article_id} [{event_of.get(claim.article_id, '?')}] "
            f"| '{claim.text}'{mark} | {claim.sentence}"
        )
    if label is not None:
        print(
            f"    label: {label['label']} [{label.get('basis', '-')}; stage: {label.get('stage', '-')}] "
            f"{label.get('why', '')}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--data", type=Path, default=ECBPLUS_DOCS)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--show", choices=["all", "unlabelled", "wrong", "none"], default="all")
    ap.add_argument(
        "--stubs", type=Path, help="write the unlabelled findings here as label entries to fill in"
    )
    ap.add_argument("--json", type=Path, help="also write the figures and each finding's key and label")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 1

    from checker import check

    labels = load_labels(args.labels)
    event_of = subtopics(args.data)
    started = time.perf_counter()
    report = check(args.data)
    seconds = time.perf_counter() - started

    rows: list[dict[str, Any]] = []
    verdicts: Counter[tuple[str, str]] = Counter()
    stubs: list[dict[str, Any]] = []
    for n, finding in enumerate(report.findings, 1):
        key = claim_key(finding.claims)
        label, how = label_for(finding.kind.value, key, labels)
        verdict = label["label"] if label else "unlabelled"
        verdicts[(finding.kind.value, verdict)] += 1
        if how == "inferred":
            verdicts[("inferred", verdict)] += 1
        events = {event_of.get(a, "?") for a, _ in key}
        rows.append(
            {
                "n": n,
                "kind": finding.kind.value,
                "claims": key,
                "label": verdict,
                "how": how,
                "stage": (label or {}).get("stage") or "-",
                "events": len(events),
            }
        )
        if label is None:
            stubs.append(
                {
                    "kind": finding.kind.value,
                    "claims": [list(k) for k in key],
                    "label": None,
                    "basis": None,
                    "stage": None,
                    "why": "",
                }
            )
        if (
            args.show == "all"
            or (args.show == "unlabelled" and label is None)
            or (args.show == "wrong" and verdict == "wrong")
        ):
            print_finding(n, finding, label, how, event_of)

    s = report.stats
    right = sum(v for (k, lab), v in verdicts.items() if lab == "right" and k != "inferred")
    wrong = sum(v for (k, lab), v in verdicts.items() if lab == "wrong" and k != "inferred")
    inferred = verdicts[("inferred", "wrong")] + verdicts[("inferred", "right")]
    mixed = sum(r["events"] > 1 for r in rows)
    print(
        f"\nECB+: {s.articles} articles, {s.claims} claims, {s.clusters} clusters, "
        f"{s.findings} findings {dict(s.findings_by_kind)}"
    )
    print(f"check: {seconds:.1f} s ({s.articles / seconds:.1f} articles/s); stages (s): {dict(s.timings)}")
    print(f"findings whose claims come from more than one ECB+ event (subtopic): {mixed} of {len(rows)}")
    print(
        f"labelled: {right + wrong} of {len(rows)} ({inferred} inferred from a 'not the same fact' label); "
        f"unlabelled: {len(rows) - right - wrong}"
    )
    for kind in sorted({k for k, _ in verdicts if k != "inferred"}):
        r, w = verdicts[(kind, "right")], verdicts[(kind, "wrong")]
        print(f"  {kind}: {r} right, {w} wrong, {verdicts[(kind, 'unlabelled')]} unlabelled")
    precision = right / (right + wrong) if right + wrong else None
    if precision is None:
        print("precision: - (no labelled findings)")
    else:
        verdict = "met" if precision >= PRECISION_TARGET else "MISSED"
        print(
            f"precision over labelled findings: {precision:.3f} ({right}/{right + wrong}; "
            f"target >= {PRECISION_TARGET}: {verdict})"
        )
    stages = Counter(r["stage"] for r in rows if r["label"] == "wrong")
    if stages:
        print(
            "wrong findings by the stage that erred: "
            + ", ".join(f"{k} {v}" for k, v in stages.most_common())
        )

    if args.stubs:
        args.stubs.write_text(json.dumps(stubs, indent=1), encoding="utf-8")
        print(f"{len(stubs)} stubs written to {args.stubs}")
    if args.json:
        out = {
            "findings": len(rows),
            "right": right,
            "wrong": wrong,
            "unlabelled": len(rows) - right - wrong,
            "precision": precision,
            "seconds": seconds,
            "rows": rows,
        }
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
