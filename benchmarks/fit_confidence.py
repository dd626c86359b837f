"""Fit the confidence model of `checker.match.confidence` on labelled findings of the studied halves only.

Every finding is produced with the threshold at 0, so that weak candidates are labelled too, and labelled
by the benchmark that owns its data:

* GVA shootings, studied half (`real_news.py`): a labelled disagreement is right; a scope difference, a
  finding mixing incidents, or one judged wrong by hand is wrong; unjudged findings are left out;
* the bundled archives (`datasets/*/gold.json`, complete gold): right when the finding is a gold finding,
  or holds only claims of one, wrong otherwise;
* ECB+ studied topics (`ecbplus_recall.py`): a finding holding a labelled pair of figures is right for
  a conflict or update and wrong for "not the same fact"; a finding mixing the two events of a topic is
  wrong; `ecbplus_labels.json` labels the rest where it can; unlabelled findings are left out.

The features are those of the finding's deciding pair (`Finding.evidence`). The model is a logistic
regression (scikit-learn, L2, on standardised features, folded back into raw weights). The threshold is
the lowest at which the pooled studied precision is at least 0.9, which keeps the most findings.

    python benchmarks/fit_confidence.py            # fit and print; --write stores data/confidence.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks import ecbplus_recall, real_news
from benchmarks.common import ECBPLUS_DOCS, GVA_DEV, ROOT, make_parser, missing
from benchmarks.gva_labels.sample import sampled_incidents

TARGET_PRECISION = 0.9
#: the vetoes the features are meant to replace: switched off while fitting, so that the model learns from
#: the broad candidate set (weighing them alone lost precision on the unseen ECB+ topics, so they still
#: stand in front of the confidence when the checker runs)
WEIGHED_VETOES = frozenset({"closeness", "ambiguous_frame"})
MODEL_FILE = ROOT / "checker" / "data" / "confidence.json"

Labelled = list[tuple[str, dict[str, float], bool]]  # (source, evidence, right?)


def gva_studied(disabled: frozenset[str]) -> Labelled:
    labels, pairs = real_news.load_labels()
    result = real_news.run_half(
        "studied",
        sampled_incidents()["studied"],
        labels,
        pairs,
        real_news.gva_judgements(),
        disabled_rules=disabled,
    )
    return [("gva", f.evidence, ok) for f, ok, _ in result.verdicts if ok is not None]


def bundled(disabled: frozenset[str]) -> Labelled:
    import checker

    out: Labelled = []
    for name in ("istanbul-talks", "key-bridge"):
        folder = ROOT / "datasets" / name
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        sets = [frozenset((c["article_id"], c["text"]) for c in f["claims"]) for f in gold["findings"]]
        report = checker.check(folder / "articles", min_confidence=0.0, disabled_rules=disabled)
        for f in report.findings:
            if f.confidence is None:
                continue
            members = frozenset((c.article_id, c.text) for c in f.claims)
            out.append((name, f.evidence, any(members <= g for g in sets)))
    return out


def ecbplus_studied(disabled: frozenset[str]) -> Labelled:
    if not ECBPLUS_DOCS.is_file():
        print(f"  (ECB+ skipped: {ECBPLUS_DOCS} is not there)")
        return []
    result = ecbplus_recall.run_half("studied", min_confidence=0.0, disabled_rules=disabled)
    return [("ecbplus", f.evidence, ok) for f, ok, _ in result.verdicts if ok is not None]


def fit(rows: Labelled, features: tuple[str, ...], c: float) -> tuple[float, dict[str, float]]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[ev.get(name, 0.0) for name in features] for _, ev, _ in rows])
    y = np.array([ok for _, _, ok in rows], dtype=int)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=1000).fit((x - mean) / scale, y)
    w = model.coef_[0] / scale
    b = float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum())
    return round(b, 4), {name: round(float(v), 4) for name, v in zip(features, w, strict=True)}


def choose_threshold(scores: list[tuple[float, bool]]) -> float:
    """The lowest threshold (of the observed scores) at which precision is at least the target."""
    best = 1.0
    for t in sorted({s for s, _ in scores}, reverse=True):
        kept = [ok for s, ok in scores if s >= t]
        if sum(kept) / len(kept) >= TARGET_PRECISION:
            best = t
    return round(max(best - 1e-4, 0.0), 4)


def main() -> None:
    parser = make_parser(__doc__)
    parser.add_argument("--write", action="store_true", help="store the fitted model in data/confidence.json")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength (scikit-learn's C)")
    args = parser.parse_args()
    if missing(GVA_DEV):
        return

    from checker.match.confidence import FEATURES, ConfidenceModel

    def labelled(disabled: frozenset[str]) -> Labelled:
        return gva_studied(disabled) + bundled(disabled) + ecbplus_studied(disabled)

    rows = labelled(WEIGHED_VETOES)
    by_source: dict[str, list[bool]] = {}
    for source, _, ok in rows:
        by_source.setdefault(source, []).append(ok)
    for source, oks in by_source.items():
        print(f"  {source:15} {len(oks):4} findings, {sum(oks):3} right")
    intercept, weights = fit(rows, FEATURES, args.c)
    model = ConfidenceModel(intercept=intercept, weights=weights, threshold=0.5)
    # the threshold is chosen where the model is used: behind the vetoes it does not replace yet
    served = labelled(frozenset())
    scores = [(model.score(ev), ok) for _, ev, ok in served]
    threshold = choose_threshold(scores)
    kept = [ok for s, ok in scores if s >= threshold]
    print(f"intercept {intercept:+.3f}")
    for name, w in weights.items():
        print(f"  {name:15} {w:+.3f}")
    print(
        f"threshold {threshold:.4f}: {len(kept)} of {len(served)} findings kept, {sum(kept)} right"
        f" (of {sum(ok for _, _, ok in served)})"
    )
    if args.write:
        counts = ", ".join(f"{s} {len(o)} ({sum(o)} right)" for s, o in by_source.items())
        fitted = ConfidenceModel(
            intercept=intercept,
            weights=weights,
            threshold=threshold,
            fitted_on=f"benchmarks/fit_confidence.py, C={args.c}, labelled findings of the studied halves"
            f" with {', '.join(sorted(WEIGHED_VETOES))} off: {counts}; threshold chosen with every rule on",
        )
        MODEL_FILE.write_text(json.dumps(fitted.model_dump(), indent=2) + "\n", "utf-8")
        print(f"written to {MODEL_FILE}")


if __name__ == "__main__":
    main()
