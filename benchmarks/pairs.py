"""EQUATE through `checker.compare`: false alarms on entailment pairs, and contradictions flagged.

    python benchmarks/pairs.py                      # stratified sample (see --sample), all subsets
    python benchmarks/pairs.py --all                # every pair (about 8,700; tens of minutes)
    python benchmarks/pairs.py --subset StressTest --sample 200 --show missed   # studied half only
    python benchmarks/pairs.py --json equate.json

Each pair is two articles, premise and hypothesis, with no outlet and no date, checked with the same
pipeline and defaults as `checker check`. On a pair labelled entailment a `conflict` finding is a false
alarm. A contradiction counts as flagged only when a finding holds a claim on the figure that differs
between the two sentences (found by aligning the `parse_quantities` readings of both), so a finding on
some other figure of the pair does not count. Pairs whose gold label we contest, with our reasons, are in
`equate_contested.json`; the figures are printed under the gold labels and, after review, under ours.

The pairs are split once by `benchmarks/halves.py` on the pair id (the sample is drawn first, then
split): the figures are printed for the whole sample, the studied half and the unseen half, and `--show`
lists studied pairs only. Read the unseen half only as its printed figures.

The data is third-party and read-only: `../shared/data/equate/equate.jsonl` beside the checkout.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import BENCHMARKS, EQUATE, make_parser, missing, read_jsonl
from benchmarks.halves import HALVES, half_of, split

CONTESTED = BENCHMARKS / "equate_contested.json"
SUBSETS = ("RTE_Quant", "RedditNLI", "StressTest", "AWPNLI")
#: the issue's ceiling on false alarms: (count, of pairs) or a share
TARGETS: dict[str, str] = {
    "RTE_Quant": "<= 1 of 70",
    "RedditNLI": "<= 2 of 146",
    "StressTest": "<= 1%",
    "AWPNLI": "<= 5%",
}
TARGET_SHARE = {"RTE_Quant": 1 / 70, "RedditNLI": 2 / 146, "StressTest": 0.01, "AWPNLI": 0.05}
STRESS_RECALL_TARGET = 0.80
DEFAULT_SAMPLE = 800


@dataclass
class Outcome:
    """What the checker made of one pair (no third-party text: ids, kinds and figures only)."""

    id: str
    subset: str
    label: str
    half: str = ""  # "studied" or "unseen": benchmarks.halves.half_of(id)
    kinds: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    changed: int = 0  # figures that differ between premise and hypothesis
    on_change: bool = False  # some finding holds a claim on a changed figure
    seconds: float = 0.0

    @property
    def conflict(self) -> bool:
        return "conflict" in self.kinds


def _rank(pair_id: str) -> str:
    """A stable pseudo-random order: the same sample on every run and machine."""
    return hashlib.sha1(pair_id.encode()).hexdigest()


def select(rows: list[dict[str, Any]], subsets: list[str], sample: int | None) -> list[dict[str, Any]]:
    """Every pair of the chosen subsets, or at most `sample` per (subset, label) stratum."""
    chosen = [r for r in rows if r["subset"] in subsets]
    if sample is None:
        return chosen
    strata: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in chosen:
        strata[(r["subset"], r["label"])].append(r)
    keep = {
        r["id"] for group in strata.values() for r in sorted(group, key=lambda r: _rank(r["id"]))[:sample]
    }
    return [r for r in chosen if r["id"] in keep]


def _figure_key(q: Any) -> tuple[Any, ...]:
    return (round(q.value, 9), q.low, q.high, q.low_inclusive, q.high_inclusive, q.unit, q.dimension)


def changed_spans(text_a: str, text_b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the figures of each text that the other text does not have at the same place.

    The readings of both texts are aligned in order, so a figure repeated elsewhere unchanged still
    counts as unchanged and only the edited one is returned.
    """
    from checker import parse_quantities

    qa, qb = parse_quantities(text_a), parse_quantities(text_b)
    matcher = difflib.SequenceMatcher(a=[_figure_key(q) for q in qa], b=[_figure_key(q) for q in qb])
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            spans_a += [(q.start, q.end) for q in qa[i1:i2]]
            spans_b += [(q.start, q.end) for q in qb[j1:j2]]
    return spans_a, spans_b


def _covers(claim: Any, spans: list[tuple[int, int]]) -> bool:
    return any(claim.start < end and start < claim.end for start, end in spans)


def run_pair(row: dict[str, Any]) -> Outcome:
    from checker import compare
    from checker.read.ingest import article_from_text

    # what compare() does with a bare text (it names the sides "A" and "B"), done here so the edited
    # figures are read in the same cleaned texts the claim offsets point into
    a, b = article_from_text(row["premise"], id="A"), article_from_text(row["hypothesis"], id="B")
    started = time.perf_counter()
    findings = compare(a, b)
    seconds = time.perf_counter() - started
    spans_a, spans_b = changed_spans(a.text, b.text)
    spans = {"A": spans_a, "B": spans_b}
    on_change = any(_covers(c, spans.get(c.article_id, [])) for f in findings for c in f.claims)
    return Outcome(
        id=row["id"],
        subset=row["subset"],
        label=row["label"],
        half=half_of(row["id"]),
        kinds=[f.kind.value for f in findings],
        reasons=[f.reason for f in findings],
        changed=len(spans_a) + len(spans_b),
        on_change=on_change,
        seconds=seconds,
    )


def _share(n: int, d: int) -> str:
    return f"{n / d:6.1%}" if d else "     -"


def _counts(outcomes: list[Outcome], label_of: Any) -> dict[str, int]:
    ent = [o for o in outcomes if label_of(o) == "entailment"]
    con = [o for o in outcomes if label_of(o) == "contradiction"]
    neu = [o for o in outcomes if label_of(o) == "neutral"]
    return {
        "entailment": len(ent),
        "false_alarms": sum(o.conflict for o in ent),
        "entailment_any_finding": sum(bool(o.kinds) for o in ent),
        "contradiction": len(con),
        "contradiction_flagged": sum(o.on_change for o in con),
        "contradiction_any_conflict": sum(o.conflict for o in con),
        "contradiction_no_changed_figure": sum(o.changed == 0 for o in con),
        "neutral": len(neu),
        "neutral_any_finding": sum(bool(o.kinds) for o in neu),
    }


def summarise(outcomes: list[Outcome], contested: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Figures per subset under the gold labels, and under the labels after our review."""
    by_subset: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_subset[o.subset].append(o)
    summary: dict[str, dict[str, Any]] = {}
    for subset in SUBSETS:
        group = by_subset.get(subset, [])
        if not group:
            continue
        gold = _counts(group, lambda o: o.label)
        reviewed = _counts(group, lambda o: contested.get(o.id, {}).get("ours", o.label))
        share = gold["false_alarms"] / gold["entailment"] if gold["entailment"] else None
        summary[subset] = {
            "pairs": len(group),
            **gold,
            "false_alarm_share": share,
            "false_alarm_target": TARGETS[subset],
            "false_alarm_target_met": share <= TARGET_SHARE[subset] + 1e-9 if share is not None else None,
            "contested": sum(o.id in contested for o in group),
            "reviewed": reviewed,
        }
    return summary


def print_summary(summary: dict[str, dict[str, Any]]) -> None:
    for subset, s in summary.items():
        r = s["reviewed"]
        met = {True: "met", False: "MISSED", None: "-"}[s["false_alarm_target_met"]]
        print(f"{subset}: {s['pairs']} pairs ({s['contested']} with a contested label)")
        fa_share = _share(s["false_alarms"], s["entailment"]).strip()
        print(
            f"  entailment {s['entailment']}: false alarms (conflict) {s['false_alarms']} ({fa_share}),"
            f" target {s['false_alarm_target']}: {met}; pairs with any finding {s['entailment_any_finding']};"
            f" after review {r['false_alarms']} of {r['entailment']}"
        )
        if s["contradiction"]:
            flagged_share = _share(s["contradiction_flagged"], s["contradiction"]).strip()
            print(
                f"  contradiction {s['contradiction']}: flagged on the changed figure"
                f" {s['contradiction_flagged']} ({flagged_share});"
                f" any conflict {s['contradiction_any_conflict']};"
                f" no changed figure read {s['contradiction_no_changed_figure']};"
                f" after review {r['contradiction_flagged']} of {r['contradiction']}"
            )
        if s["neutral"]:
            print(f"  neutral {s['neutral']}: with a finding {s['neutral_any_finding']}")
    stress = summary.get("StressTest")
    if stress and stress["contradiction"]:
        share = stress["contradiction_flagged"] / stress["contradiction"]
        verdict = "met" if share >= STRESS_RECALL_TARGET else "MISSED"
        print(
            f"StressTest contradictions flagged on the changed figure: {share:.1%} (target >= 80%: {verdict})"
        )


def print_side_by_side(summaries: dict[str, dict[str, dict[str, Any]]]) -> None:
    """The headline figures of each subset for the whole and each half, on one line each."""
    names = list(summaries)
    print(f"\n{'side by side':<38}" + "".join(f"{n:>16}" for n in names) + f"{'gap':>8}")
    rows = [
        ("false alarms", "false_alarms", "entailment"),
        ("contradictions flagged", "contradiction_flagged", "contradiction"),
    ]
    for subset in SUBSETS:
        if subset not in summaries["whole"]:
            continue
        for label, num, den in rows:
            cells = ""
            shares: list[float | None] = []
            for n in names:
                s = summaries[n].get(subset)
                if s is None or not s[den]:
                    cells += f"{'-':>16}"
                    shares.append(None)
                    continue
                shares.append(s[num] / s[den])
                cells += f"{f'{s[num]}/{s[den]} {shares[-1]:.1%}':>16}"
            if all(x is None for x in shares):
                continue
            studied, unseen = shares[names.index("studied")], shares[names.index("unseen")]
            diff = f"{100 * (studied - unseen):+.1f}" if studied is not None and unseen is not None else "-"
            print(f"  {subset:<12}{label:<24}{cells}{diff:>8}")
    print("  (gap: studied minus unseen, in points)")


def print_pairs(
    title: str, outcomes: list[Outcome], rows: dict[str, dict[str, Any]], contested: dict[str, Any]
) -> None:
    """List pairs with their text; the callers pass studied pairs only."""
    print(f"\n{title}, studied half only (the unseen half's are never listed): {len(outcomes)}")
    for o in outcomes:
        row = rows[o.id]
        mark = "  [label contested]" if o.id in contested else ""
        print(f"- {o.id} ({o.label}){mark}  kinds={','.join(o.kinds) or '-'}")
        print(f"    P: {row['premise']}")
        print(f"    H: {row['hypothesis']}")
        for reason in o.reasons:
            print(f"    reason: {reason}")
        if o.id in contested:
            print(f"    contested (ours: {contested[o.id]['ours']}): {contested[o.id]['reason']}")


def main(argv: list[str] | None = None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--data", type=Path, default=EQUATE)
    ap.add_argument("--subset", action="append", choices=SUBSETS, help="repeatable; default: all four")
    size = ap.add_mutually_exclusive_group()
    size.add_argument(
        "--sample",
        type=int,
        default=DEFAULT_SAMPLE,
        help="at most N pairs per (subset, label), chosen by a stable hash of the pair id "
        f"(default {DEFAULT_SAMPLE})",
    )
    size.add_argument("--all", action="store_true", help="every pair (StressTest has 7,596)")
    ap.add_argument("--limit", type=int, help="stop after the first N selected pairs (a quick look)")
    ap.add_argument(
        "--show",
        action="append",
        choices=["false-alarms", "missed", "flagged-elsewhere", "contested"],
        help="list these pairs of the studied half (never the unseen half) with their text and reasons "
        "(repeatable); default: false-alarms",
    )
    ap.add_argument("--json", type=Path, help="also write the figures and per-pair outcomes (ids only) here")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 1

    rows = read_jsonl(args.data)
    by_id = {r["id"]: r for r in rows}
    contested: dict[str, Any] = json.loads(CONTESTED.read_text("utf-8")) if CONTESTED.is_file() else {}
    subsets = args.subset or list(SUBSETS)
    sample = None if args.all else args.sample
    todo = select(rows, subsets, sample)
    if args.limit:
        todo = todo[: args.limit]
    scope = "every pair" if sample is None else f"stratified sample, at most {sample} per (subset, label)"
    print(f"EQUATE: {len(todo)} of {len(rows)} pairs ({scope}); subsets: {', '.join(subsets)}", flush=True)
    todo_halves = split(todo, lambda r: r["id"])
    print(
        "halves (SHA-256 of the pair id, after sampling): "
        + ", ".join(f"{h} {len(todo_halves[h])} pairs" for h in HALVES),
        flush=True,
    )

    from checker import compare

    t0 = time.perf_counter()
    compare("The model is loaded once: 3 apples.", "3 apples.")  # warm-up, outside the timed loop
    warmup = time.perf_counter() - t0
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    for i, row in enumerate(todo, 1):
        outcomes.append(run_pair(row))
        if i % 250 == 0:
            rate = i / (time.perf_counter() - started)
            print(f"  {i}/{len(todo)} pairs, {rate:.1f} pairs/s", file=sys.stderr, flush=True)
    wall = time.perf_counter() - started

    summary = summarise(outcomes, contested)
    by_half = split(outcomes, lambda o: o.id)
    half_summaries: dict[str, dict[str, dict[str, Any]]] = {
        h: summarise(by_half[h], contested) for h in HALVES
    }
    print("\nwhole sample")
    print_summary(summary)
    for h in HALVES:
        print(f"\n{h} half ({len(by_half[h])} pairs; the targets hold as shares, so one alarm weighs double)")
        print_summary(half_summaries[h])
    print_side_by_side({"whole": summary, **half_summaries})
    rate = len(outcomes) / wall if wall else 0.0
    full = sum(1 for r in rows if r["subset"] in subsets)
    print(
        f"\nthroughput: {rate:.1f} pairs/s ({wall:.0f} s for {len(outcomes)} pairs; warm-up {warmup:.1f} s); "
        f"the full {full} pairs would take about {full / rate / 60 if rate else float('nan'):.1f} min"
    )

    show = set(args.show or ["false-alarms"])
    studied = by_half["studied"]
    if "false-alarms" in show:
        fa = [o for o in studied if o.label == "entailment" and o.conflict]
        print_pairs("False alarms (conflict on an entailment pair)", fa, by_id, contested)
    if "missed" in show:
        missed = [o for o in studied if o.label == "contradiction" and not o.on_change]
        print_pairs("Contradictions not flagged on the changed figure", missed, by_id, contested)
    if "flagged-elsewhere" in show:
        elsewhere = [o for o in studied if o.label == "contradiction" and o.kinds and not o.on_change]
        print_pairs("Contradictions with findings, none on the changed figure", elsewhere, by_id, contested)
    if "contested" in show:
        seen = [o for o in studied if o.id in contested]
        print_pairs("Pairs whose label we contest", seen, by_id, contested)

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "scope": scope,
                    "pairs": len(outcomes),
                    "pairs_per_s": rate,
                    "pairs_by_half": {h: len(by_half[h]) for h in HALVES},
                    "summary": summary,
                    "summary_by_half": half_summaries,
                    "outcomes": [{k: v for k, v in asdict(o).items() if k != "reasons"} for o in outcomes],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
