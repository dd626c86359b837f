"""Where the pipeline loses a labelled disagreement: for each studied pair of the GVA benchmark, the
first stage that keeps its two figures from becoming a finding.

    python benchmarks/trace_pairs.py            # a table of stages, and each pair's stage
    python benchmarks/trace_pairs.py --written  # only pairs whose two figures are written out
    python benchmarks/trace_pairs.py --show     # and under each pair, the claims carrying its figures

Stages, in pipeline order: not read (no claim carries the labelled figure), other block (the claims
count different nouns or concepts), other story, date window, a named cannot-link rule, others
disagree, ambiguous frame, not clustered (similarity), not a first mention, and in the judge:
explained, not close, below the confidence threshold, unpinned; else found. Studied half only.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks import ecbplus_recall
from benchmarks import real_news as rn
from benchmarks.common import ECBPLUS_DOCS, GVA_DEV, make_parser, missing
from benchmarks.gva_labels.sample import sampled_incidents
from benchmarks.recall import DISAGREEING

Carries = Callable[[Any], bool]  # whether a claim carries a labelled figure


def _by_value(label: rn.Label | None) -> Carries:
    """GVA: the claims counting the labelled casualties (by value, ages aside)."""
    assert label is not None, "a judged pair is a pair of labelled figures"
    lo, hi = label.interval()
    return lambda c: c.quantity.dimension == "count" and lo <= c.quantity.value <= hi and not c.quantity.age


def _by_text(figure: str) -> Carries:
    """ECB+: the claims whose text is the labelled figure as written."""
    return lambda c: ecbplus_recall.same_figure(c, figure)


def trace(
    a: str,
    b: str,
    carries_a: Carries,
    carries_b: Carries,
    by_article: dict[str, list[Any]],
    clusters: list[Any],
    stories: Any,
    options: Any,
    names: dict[str, Any],
    mentions: dict[str, list[Any]],
) -> str:
    """The first stage, in pipeline order, that keeps the figures of articles `a` and `b` from a finding."""
    from checker.match.cluster import block_key
    from checker.match.cofigures import others_disagree, sentence_figures
    from checker.match.constraints import cannot_link
    from checker.match.intervals import compatible
    from checker.match.tallies import is_tally
    from checker.read.dates import days_apart

    xs = [c for c in by_article.get(a, []) if carries_a(c)]
    ys = [c for c in by_article.get(b, []) if carries_b(c)]
    if not xs or not ys:
        return "not read"
    stage_rank = []
    figures = sentence_figures([c for cs in by_article.values() for c in cs])
    for x in xs:
        for y in ys:
            shared = [c for c in clusters if is_tally(c.block) and x in c.claims and y in c.claims]
            if shared:  # read as one story's tallies: the checks of similarity never apply
                stage_rank.append(_judged(shared[0], x, y, options, names, mentions))
                continue
            if block_key(x) != block_key(y):
                stage_rank.append((0, f"other block ({block_key(x)} / {block_key(y)})"))
                continue
            if stories.apart(x.article_id, y.article_id):
                stage_rank.append((1, "other story"))
                continue
            if (
                x.published
                and y.published
                and days_apart(x.published, y.published) > options.date_window_days
            ):
                stage_rank.append((2, "date window"))
                continue
            off = set()
            for rule in sorted(options.disabled_rules | set()):
                off.add(rule)
            named = None
            from checker.options import CONSTRAINT_RULES

            for rule in sorted(CONSTRAINT_RULES):  # a fixed order: the first rule that keeps them apart
                if rule in {"others_disagree", "ambiguous_frame"}:
                    continue
                others = options.model_copy(update={"disabled_rules": frozenset(CONSTRAINT_RULES) - {rule}})
                if cannot_link(x, y, others):
                    named = rule
                    break
            if named:
                stage_rank.append((3, f"rule {named}"))
                continue
            if not compatible(x.quantity, y.quantity, options) and others_disagree(x, y, figures, options):
                stage_rank.append((4, "others disagree"))
                continue
            home = [c for c in clusters if any(m.id == x.id for m in c.claims)]
            if not home or not any(m.id == y.id for m in home[0].claims):
                vague = home and x.id in home[0].ambiguous
                stage_rank.append((5, "ambiguous or not clustered" if vague else "not clustered"))
                continue
            stage_rank.append(_judged(home[0], x, y, options, names, mentions))
    return max(stage_rank)[1]


def _judged(cluster: Any, x: Any, y: Any, options: Any, names: Any, mentions: Any) -> tuple[int, str]:
    """The judge's stage for two claims of one cluster."""
    from checker.judge import numeric as judge

    firsts = judge._first_mentions(cluster)
    if x not in firsts or y not in firsts:
        return 6, "not a first mention"
    if judge._explained(x, [y], cluster.block, mentions, options) or judge._explained(
        y, [x], cluster.block, mentions, options
    ):
        return 7, "explained"
    if not (judge._close(cluster, x, y, options, names) or judge._close(cluster, y, x, options, names)):
        return 8, "not close"
    score = max(
        judge._scored(cluster, x, y, names, options)[0],
        judge._scored(cluster, y, x, names, options)[0],
    )
    if score < judge._threshold(options):
        return 9, f"below threshold ({score:.2f})"
    return 10, "judged (majority, pinning or found)"


def main() -> None:
    parser = make_parser(__doc__)
    parser.add_argument("--benchmark", choices=["gva", "ecbplus"], default="gva")
    parser.add_argument(
        "--written", action="store_true", help="GVA: only pairs with both figures written out"
    )
    parser.add_argument("--disable-rule", action="append", default=[])
    parser.add_argument("--tallies", action="store_true", help="compare casualty tallies too")
    parser.add_argument(
        "--show", action="store_true", help="under each pair, the claims that carry its two figures"
    )
    args = parser.parse_args()
    if missing(GVA_DEV if args.benchmark == "gva" else ECBPLUS_DOCS):
        return

    from checker.claims.extract import extract_claim_sets
    from checker.match.cluster import block_key, cluster_claims
    from checker.match.stories import group_stories
    from checker.match.syndication import count_once, find_syndicated
    from checker.match.tallies import tallies_by_article, tally_clusters
    from checker.options import CheckOptions
    from checker.pipeline import get_encoder

    todo: list[tuple[Any, str, str, Carries, Carries]]
    if args.benchmark == "gva":
        studied = sampled_incidents()["studied"]
        labels, pairs = rn.load_labels()
        chosen = set(studied)
        todo = [
            (p, p.a, p.b, _by_value(labels[p.a][p.figure]), _by_value(labels[p.b][p.figure]))
            for p in pairs
            if p.incident in chosen and p.kind in DISAGREEING and (p.written or not args.written)
        ]
        articles = rn.gva_articles(studied)
    else:
        topics = ecbplus_recall.topic_halves()["studied"]
        todo = [
            (p, p.a[0], p.b[0], _by_text(p.a[1]), _by_text(p.b[1]))
            for p in ecbplus_recall.load_pairs()
            if p.topic in topics and p.kind in DISAGREEING
        ]
        articles = ecbplus_recall.half_articles("studied")
    options = CheckOptions(
        disabled_rules=frozenset(args.disable_rule), min_confidence=0.0, tallies=args.tallies
    )
    sets = extract_claim_sets(
        articles,
        spacy_model=options.spacy_model,
        batch_size=options.batch_size,
        disabled_rules=options.disabled_rules,
    )
    claims = [c for group in sets.numeric for c in group]
    judged = count_once(claims, find_syndicated(articles))
    stories = group_stories(articles, options.story_contrast)
    similar = cluster_claims(judged, get_encoder(options.model), options, stories)
    clusters = similar + tally_clusters(tallies_by_article(judged, articles), stories, options)
    by_article: dict[str, list[Any]] = {}
    for c in judged:
        by_article.setdefault(c.article_id, []).append(c)
    names = {a.id: n for a, n in zip(articles, sets.names, strict=True)}
    stages: Counter[str] = Counter()
    for pair, a, b, carries_a, carries_b in todo:
        stage = trace(a, b, carries_a, carries_b, by_article, clusters, stories, options, names, by_article)
        stages[stage.split(" (")[0]] += 1
        print(f"{pair.kind:8} {a} {b}: {stage}")
        if args.show:
            for article, carries in ((a, carries_a), (b, carries_b)):
                for c in (c for c in by_article.get(article, []) if carries(c)):
                    print(f"    {article[:16]} {c.text!r:>16} [{block_key(c)}] {c.sentence[:150]}")
    print()
    for stage, n in stages.most_common():
        print(f"{n:4}  {stage}")


if __name__ == "__main__":
    main()
