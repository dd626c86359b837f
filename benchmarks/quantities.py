"""How well and how fast `checker.parse_quantities` reads figures, beside published extractors.

    python benchmarks/quantities.py                 # NewsQuant, Recognizers-Text, quantulum3, speed
    python benchmarks/quantities.py --concepts      # NewsQuant concepts through the claim layer (spaCy)
    python benchmarks/quantities.py --concept-failures  # also list the studied half's concept misses
    python benchmarks/quantities.py --failures      # also list the studied half's cases checker gets wrong

Reads `../shared/data` (see its README); prints figures and asserts nothing. quantulum3 is timed only
when it is installed (`pip install -c constraints.txt -e ".[bench]"`).

Every set is split once by `benchmarks/halves.py` (SHA-256 of a key: NewsQuant the row id, quantulum3
the case text, Recognizers-Text model + newline + input): figures are printed for the whole, the studied
half and the unseen half; failures are listed from the studied half only. Read the unseen half only as
its printed figures.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import ECBPLUS_DOCS, NEWSQUANT_DEV, make_parser, missing, read_jsonl
from benchmarks.halves import HALVES, Half, half_of
from benchmarks.newsquant import (
    CRITERIA,
    bootstrap,
    concept_scores,
    covers,
    f1,
    gold,
    newsquant_rows,
    predicted,
    same_value,
)
from benchmarks.quantity_specs import (
    QUANTULUM,
    RECOGNIZERS,
    CaseResult,
    quantulum_cases,
    recognizer_cases,
    score_quantulum_case,
    score_recognizer_case,
)
from checker import parse_quantities
from checker.figures.numbers import find_numbers

PUBLISHED = {  # NewsQuant, all of it (value / value+unit / value+change F1)
    "CQE": (92.0, 85.6, 88.1),
    "quantulum3": (73.0, 47.2, None),
    "Recognizers-Text": (69.1, 34.2, None),
    "GPT-3": (70.6, 59.1, None),
}
PUBLISHED_CONCEPTS = {"CQE": (76.1, 57.0), "GPT-3": (54.8, 25.7)}


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def gap(studied: float, unseen: float) -> str:
    """Studied minus unseen, in points."""
    return f"{100 * (studied - unseen):+5.1f}"


# ---------------------------------------------------------------------------------------------
# NewsQuant: value, value+unit, value+change (scored by benchmarks/newsquant.py)
# ---------------------------------------------------------------------------------------------


def print_newsquant(show_failures: bool) -> None:
    rows = read_jsonl(NEWSQUANT_DEV)
    per, vague_rows, misses = newsquant_rows(rows)
    halves = [half_of(r["id"]) for r in rows]
    n_gold = sum(len(r["quantities"]) for r in rows)
    print(f"\nNewsQuant dev: {len(rows)} sentences, {n_gold} gold quantities (published figures: all 590)")
    names = list(PUBLISHED)
    print(f"  {'F1':<14}{'checker':>8}  {'95% interval':<14}" + "".join(f"{n:>18}" for n in names))
    for k, name in enumerate(CRITERIA):
        lo, hi = bootstrap(per[name], f1)
        cells = "".join(f"{'-' if PUBLISHED[n][k] is None else PUBLISHED[n][k]:>18}" for n in names)
        print(f"  {name:<14}{pct(f1(per[name])):>8}  [{pct(lo)}, {pct(hi)}]" + cells)
    tp = sum(v[0] for v in vague_rows)
    n_vague = sum(v[1] for v in vague_rows)
    n_vague_gold = sum(v[2] for v in vague_rows)
    print(
        f"  vague amounts (scored apart: NewsQuant writes 'dozens' as 12, checker as [24, 100)): "
        f"{n_vague} read as intervals, {n_vague_gold} gold figures they stand for, {tp} paired"
    )
    sizes = {
        h: (halves.count(h), sum(len(r["quantities"]) for r, rh in zip(rows, halves, strict=True) if rh == h))
        for h in HALVES
    }
    print(
        "  halves (SHA-256 of the row id): "
        + ", ".join(f"{h} {n} sentences, {g} gold quantities" for h, (n, g) in sizes.items())
    )
    print(f"  {'F1':<14}{'studied':>8}  {'95% interval':<14}{'unseen':>8}  {'95% interval':<14}{'gap':>6}")
    for name in CRITERIA:
        line = f"  {name:<14}"
        scores = []
        for h in HALVES:
            counts = [c for c, rh in zip(per[name], halves, strict=True) if rh == h]
            lo, hi = bootstrap(counts, f1)
            scores.append(f1(counts))
            line += f"{pct(scores[-1]):>8}  [{pct(lo)}, {pct(hi)}]"
        print(line + f"{gap(*scores):>6}")
    vague_by_half = {h: [v for v, rh in zip(vague_rows, halves, strict=True) if rh == h] for h in HALVES}
    print(
        "  vague amounts by half (read as intervals / gold figures / paired): "
        + ", ".join(
            f"{h} {sum(v[1] for v in vs)} / {sum(v[2] for v in vs)} / {sum(v[0] for v in vs)}"
            for h, vs in vague_by_half.items()
        )
    )
    if show_failures:
        studied = [m for row_id, m in misses if half_of(row_id) == "studied"]
        print(
            f"\n  sentences not read exactly (value+unit), studied half only ({len(studied)};"
            " the unseen half's are never listed):"
        )
        for m in studied:
            print("  " + m)


# ---------------------------------------------------------------------------------------------
# Spec cases
# ---------------------------------------------------------------------------------------------


def read_numbers(text: str) -> list[float]:
    """The number normalizer beneath parse_quantities, on its own (Recognizers' NumberModel)."""
    return [n.value for n in find_numbers(text)]


def print_cases(
    title: str, results: list[CaseResult], halves: list[Half], key_name: str, show_failures: bool
) -> None:
    """Share read exactly per model, for the whole and each half; misses of the studied half only."""
    by_model: dict[str, list[tuple[CaseResult, Half]]] = {}
    for r, h in zip(results, halves, strict=True):
        by_model.setdefault(r.model, []).append((r, h))
    print(f"\n{title}")
    n_half = {h: halves.count(h) for h in HALVES}
    print(f"  halves ({key_name}): " + ", ".join(f"{h} {n} cases" for h, n in n_half.items()))
    for model, rs in by_model.items():
        kept = [r for r, _ in rs if r.excluded is None]
        ok = sum(r.ok for r in kept)
        share = ok / len(kept) if kept else 0.0
        line = f"  {model:<14}{pct(share)}%  ({ok}/{len(kept)} cases kept, {len(rs) - len(kept)} excluded)"
        line = line.ljust(60)
        shares = []
        for half in HALVES:
            kept_h = [r for r, h in rs if h == half and r.excluded is None]
            ok_h = sum(r.ok for r in kept_h)
            shares.append(ok_h / len(kept_h) if kept_h else 0.0)
            line += f"{half} {pct(shares[-1])}% {f'({ok_h}/{len(kept_h)})':<11}"
        print(line + f"gap {gap(*shares)}")
    families = Counter(r.excluded for r in results if r.excluded)
    for family, n in families.most_common():
        per_half = Counter(h for r, h in zip(results, halves, strict=True) if r.excluded == family)
        print(f"    excluded: {family}: {n} (studied {per_half['studied']}, unseen {per_half['unseen']})")
    if show_failures:
        studied = [
            r
            for r, h in zip(results, halves, strict=True)
            if h == "studied" and r.excluded is None and not r.ok
        ]
        print(f"    misses, studied half only ({len(studied)}; the unseen half's are never listed):")
        for r in studied:
            print(f"    MISS {r.id}: {r.text[:120]!r}\n      want {r.expected}\n      got  {r.got}")


def print_recognizers(show_failures: bool) -> None:
    cases = list(recognizer_cases())
    results = [score_recognizer_case(c, read_numbers) for c in cases]
    halves = [half_of(c["model"] + "\n" + c["input"]) for c in cases]
    title = "Recognizers-Text English specs (share of cases read exactly)"
    print_cases(title, results, halves, "SHA-256 of model + newline + input", show_failures)


def print_quantulum(show_failures: bool) -> None:
    cases = quantulum_cases()
    results = [score_quantulum_case(c) for c in cases]
    halves = [half_of(c["text"]) for c in cases]
    title = "quantulum3's own test cases (value and pint dimension)"
    print_cases(title, results, halves, "SHA-256 of the case text", show_failures)


# ---------------------------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------------------------


def speed_sentences(limit: int) -> list[str]:
    texts = [r["text"] for r in read_jsonl(NEWSQUANT_DEV)]
    if ECBPLUS_DOCS.exists():
        for doc in read_jsonl(ECBPLUS_DOCS):
            texts.extend(line for line in doc["text"].splitlines() if line.strip())
            if len(texts) >= limit:
                break
    return texts[:limit]


def rate(fn: Callable[[str], object], texts: list[str], min_seconds: float = 1.0) -> float:
    """Sentences per CPU second of this process (one core), over whole passes of `texts`."""
    passes, start = 0, time.process_time()
    while True:
        for t in texts:
            fn(t)
        passes += 1
        spent = time.process_time() - start
        if spent >= min_seconds:
            return passes * len(texts) / spent


def print_speed(n_sentences: int) -> None:
    texts = speed_sentences(n_sentences)
    parse_quantities(texts[0])  # tables and pint load outside the timing
    ours = rate(parse_quantities, texts)
    line = f"\nSpeed on {len(texts)} news sentences (CPU time, one core): parse_quantities {ours:,.0f}/s"
    try:
        import quantulum3.classifier

        quantulum3.classifier.USE_CLF = False  # its bundled classifier fails with scikit-learn >= 1.9
        from quantulum3 import parser
    except ImportError:
        print(line + "; quantulum3 not installed (pip install -e '.[bench]')")
        return
    parser.parse(texts[0])
    theirs = rate(parser.parse, texts, min_seconds=0.0)
    print(line + f", quantulum3 {theirs:,.0f}/s ({ours / theirs:.1f}x)")


# ---------------------------------------------------------------------------------------------
# Concepts (NewsQuant referred_concepts) through the claim layer
# ---------------------------------------------------------------------------------------------


def print_concepts(show_failures: bool = False) -> None:
    """Score the concepts; with show_failures, list the misses on the studied half only.

    The sentences are split by `half_of(row id)`: rules are studied on the studied half and the unseen
    half is read only as its printed score, so the gap between the two says whether a rule generalises.
    """
    from checker import Article
    from checker.claims.extract import extract_claims

    rows = read_jsonl(NEWSQUANT_DEV)
    misses: list[str] = []
    articles = [Article(id=r["id"], text=r["text"]) for r in rows]
    claims_per_row = extract_claims(articles)
    per_row: list[tuple[int, int, int, int, int]] = []  # (partial, complete, found, gold, claims)
    halves = [half_of(r["id"]) for r in rows]
    for row, claims, half in zip(rows, claims_per_row, halves, strict=True):
        free = list(claims)
        partial = complete = found = 0
        for g in row["quantities"]:
            want = gold(g)
            hit = next((c for c in free if same_value(predicted(c.quantity), want)), None)
            if hit is None:  # a vague amount pairs as the value score pairs it ('dozens' for NewsQuant's 12)
                hit = next((c for c in free if covers(predicted(c.quantity), want)), None)
            if hit is None:
                continue
            free.remove(hit)
            found += 1
            p, c = concept_scores(g["referred_concepts"], hit.frame.concept)
            partial, complete = partial + p, complete + c
            if not c and half == "studied":
                f, want_concept = hit.frame, g["referred_concepts"]
                misses.append(
                    f"  {'partial' if p else 'miss':<8}{row['id']}  {hit.text!r}: gold {want_concept!r}"
                    f" / ours {f.concept!r}  (counted {hit.counted!r}, predicate"
                    f" {f.predicate.text if f.predicate else None!r})\n      {row['text']}"
                )
        per_row.append((partial, complete, found, len(row["quantities"]), len(claims)))
    n_gold, n_claims = sum(r[3] for r in per_row), sum(r[4] for r in per_row)
    print(
        f"\nNewsQuant dev concepts: {n_gold} gold quantities, {n_claims} claims"
        " (checker.claims.extract, spaCy)"
    )
    by_half = {h: [r for r, rh in zip(per_row, halves, strict=True) if rh == h] for h in HALVES}
    print(
        "  halves (SHA-256 of the row id): "
        + ", ".join(f"{h} {len(rs)} sentences, {sum(r[3] for r in rs)} gold" for h, rs in by_half.items())
    )
    found_share = sum(r[2] for r in per_row) / n_gold
    found_halves = ", ".join(
        f"{h} {pct(sum(r[2] for r in rs) / max(1, sum(r[3] for r in rs))).strip()}%"
        for h, rs in by_half.items()
    )
    share_line = f"  share of gold quantities that found a claim with their value: {pct(found_share)}%"
    print(f"{share_line}  ({found_halves})")
    print("  F1 the paper's way: precision over all claims, recall over all gold quantities")
    for k, name in enumerate(("partial", "complete")):

        def stat(rs: Sequence[tuple[int, int, int, int, int]], k: int = k) -> float:
            right, golds, claims = sum(r[k] for r in rs), sum(r[3] for r in rs), sum(r[4] for r in rs)
            return 2 * right / (golds + claims) if golds + claims else 0.0  # F1 = 2PR / (P + R)

        lo, hi = bootstrap(per_row, stat)
        published = "   ".join(f"{n} {v[k]}" for n, v in PUBLISHED_CONCEPTS.items())
        studied, unseen = stat(by_half["studied"]), stat(by_half["unseen"])
        split = f"studied {pct(studied)}, unseen {pct(unseen)}, gap {gap(studied, unseen).strip()}"
        print(f"  {name:<9}{pct(stat(per_row))}  [{pct(lo)}, {pct(hi)}]   {published}   {split}")
    if show_failures:
        print(
            f"\nConcepts not complete, studied half only; the unseen half's are never listed ({len(misses)}):"
        )
        print("\n".join(misses))


def main(argv: Sequence[str] | None = None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--concepts", action="store_true", help="only the concept score (loads spaCy)")
    ap.add_argument(
        "--failures", action="store_true", help="list the cases checker gets wrong, studied half only"
    )
    ap.add_argument(
        "--concept-failures", action="store_true", help="the concept score and its misses, studied half only"
    )
    ap.add_argument("--sentences", type=int, default=2000, help="sentences for the speed run")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    if args.concepts or args.concept_failures:
        if missing(NEWSQUANT_DEV):
            return 2
        print_concepts(args.concept_failures)
        return 0
    if missing(NEWSQUANT_DEV, RECOGNIZERS, QUANTULUM):
        return 2
    print_newsquant(args.failures)
    print_recognizers(args.failures)
    print_quantulum(args.failures)
    if not args.no_speed:
        print_speed(args.sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
