"""ECB+ clustering purity: do claims clustered across articles come from one real-world event?

    python benchmarks/clustering.py                     # figures, then the impure clusters
    python benchmarks/clustering.py --show all --json clusters.json

Each ECB+ topic holds two similar but different events (two earthquakes, two rehab stories), its
subtopics. The articles are read with `checker.load_archive` and stripped of outlet, date, URL and
title, so each article is its own outlet and nothing but the text can keep the two events apart. Then
the pipeline's own stages run with `CheckOptions()` defaults:
`checker.claims.extract.extract_claim_sets`, then `checker.match.cluster.cluster_claims` with the
pipeline's cached encoder.

Over the clusters that span several articles it prints their number, the share of all claims in them,
and purity: the share of such clusters whose articles all belong to one subtopic (target >= 0.95 with
at least 50 clusters). Also articles/s and the time of each stage.

The data is third-party and read-only: `../shared/data/ecbplus/ecbplus_docs.jsonl` beside the checkout.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import ECBPLUS_DOCS, make_parser, missing, subtopics

PURITY_TARGET = 0.95
MIN_CLUSTERS = 50


def main(argv: list[str] | None = None) -> int:
    ap = make_parser(__doc__)
    ap.add_argument("--data", type=Path, default=ECBPLUS_DOCS)
    ap.add_argument(
        "--show",
        choices=["impure", "all", "none"],
        default="impure",
        help="which cross-article clusters to list with their sentences (default: impure)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures and every cluster (ids only) here")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 1

    from checker import CheckOptions, load_archive
    from checker.claims.extract import extract_claim_sets
    from checker.match.cluster import cluster_claims
    from checker.match.stories import group_stories
    from checker.pipeline import get_encoder

    options = CheckOptions()
    event_of = subtopics(args.data)
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    archive = load_archive(args.data)
    articles = [
        a.model_copy(update={"source": None, "published": None, "url": None, "title": None})
        for a in archive.articles
    ]
    timings["ingest"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    extracted = extract_claim_sets(articles, spacy_model=options.spacy_model, batch_size=options.batch_size)
    claims = [c for group in extracted.numeric for c in group]
    timings["extract"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    encoder = get_encoder(options.model)
    encoder.encode(["warm-up: the model loads on first use"])
    timings["load encoder"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    stories = group_stories(articles, options.story_contrast)
    clusters = cluster_claims(claims, encoder, options, stories)
    timings["cluster"] = time.perf_counter() - t0

    cross = [c for c in clusters if len({x.article_id for x in c.claims}) >= 2]
    in_cross = sum(len(c.claims) for c in cross)
    events = [Counter(event_of.get(x.article_id, "?") for x in c.claims) for c in cross]
    pure = [len(e) == 1 for e in events]
    same_topic = [len({s.split("_")[0] for s in e}) == 1 for e in events]
    purity = sum(pure) / len(cross) if cross else 0.0
    claim_purity = (
        sum(e.most_common(1)[0][1] for e in events) / in_cross if in_cross else 0.0
    )  # share of clustered claims that belong to their cluster's main event

    work = timings["extract"] + timings["cluster"]
    print(f"ECB+: {len(articles)} articles (outlet, date, URL and title stripped), {len(claims)} claims")
    print(f"cross-article clusters: {len(cross)} (target >= {MIN_CLUSTERS})")
    print(f"claims in them: {in_cross} of {len(claims)} ({in_cross / len(claims) if claims else 0:.1%})")
    verdict = "met" if purity >= PURITY_TARGET and len(cross) >= MIN_CLUSTERS else "MISSED"
    print(
        f"purity (clusters whose articles share one subtopic): {purity:.3f} "
        f"(target >= {PURITY_TARGET}: {verdict})"
    )
    print(
        f"  impure clusters: {len(cross) - sum(pure)}; "
        f"of them mixing topics too: {len(cross) - sum(same_topic)}"
    )
    print(f"  claim-weighted purity (claims in their cluster's main subtopic): {claim_purity:.3f}")
    sizes = Counter(min(len({x.article_id for x in c.claims}), 6) for c in cross)
    print(
        "  articles per cluster: "
        + ", ".join(f"{k if k < 6 else '6+'}: {v}" for k, v in sorted(sizes.items()))
    )
    print("\ntime per stage (s): " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
    print(f"articles/s (extract + cluster, model already loaded): {len(articles) / work if work else 0:.1f}")

    shown = [
        (c, e, p)
        for c, e, p in zip(cross, events, pure, strict=True)
        if args.show == "all" or (args.show == "impure" and not p)
    ]
    if shown:
        print(f"\n{'Clusters' if args.show == 'all' else 'Impure clusters'}: {len(shown)}")
    for cluster, event, is_pure in shown:
        mix = ", ".join(f"{k} x{v}" for k, v in event.most_common())
        print(f"- {cluster.id} [{'pure' if is_pure else 'IMPURE'}] {mix}")
        for claim in cluster.claims:
            sentence = claim.sentence if len(claim.sentence) <= 160 else claim.sentence[:157] + "..."
            print(
                f"    {claim.article_id:<14} {event_of.get(claim.article_id, '?'):<12} "
                f"'{claim.text}' | {sentence}"
            )

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "articles": len(articles),
                    "claims": len(claims),
                    "cross_article_clusters": len(cross),
                    "claims_in_clusters": in_cross,
                    "purity": purity,
                    "claim_weighted_purity": claim_purity,
                    "timings": timings,
                    "clusters": [
                        {
                            "id": c.id,
                            "pure": p,
                            "subtopics": dict(e),
                            "claims": [[x.article_id, x.text] for x in c.claims],
                        }
                        for c, e, p in zip(cross, events, pure, strict=True)
                    ],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
