"""Scoring `checker.parse_quantities` on NewsQuant (the dev set in `../shared/data/newsquant`), the way
the NewsQuant paper scores extractors, so that its published figures stand beside ours.

Each sentence's readings are matched one to one with its gold quantities in text order, by value, value
and unit (checker's units in NewsQuant's words, from `benchmarks/data/newsquant_units.json`; the mapping
never enters checker) or value and change. Vague amounts ('dozens') are scored apart. Concepts are
scored as the paper does: a shared token is partial, the same tokens complete. The 95% intervals
resample sentences. Used by `quantities.py`, which prints the tables.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.common import BENCHMARKS
from benchmarks.quantity_specs import close
from checker import Qualifier, Quantity, parse_quantities

UNIT_NAMES = json.loads((BENCHMARKS / "data" / "newsquant_units.json").read_text("utf-8"))
BOOTSTRAP = 1000

Item = dict[str, Any]


def newsquant_unit(q: Quantity) -> str:
    """checker's unit in NewsQuant's words: the mapping lives in benchmarks/data, never in checker."""
    if q.dimension == "count" and 0 < q.value < 1 and not any(ch.isdigit() for ch in q.surface):
        return f"% {q.unit or '-'}".lower()  # NewsQuant writes "a third of the population" as % population
    if q.unit is None:
        return str(UNIT_NAMES["no_unit"])
    unwritten = q.unit == "year" and "year" not in q.surface.lower()  # "Maddon, 66,": checker read an age
    if (q.surface.endswith("-old") or unwritten) and q.unit in UNIT_NAMES["ages"]:
        return str(UNIT_NAMES["ages"][q.unit])  # NewsQuant names an age "year of age"
    names = UNIT_NAMES["units"]
    if q.unit in names:
        return str(names[q.unit]).lower()
    return " per ".join(str(names.get(part, part)) for part in q.unit.split(" per ")).lower()


def newsquant_change(q: Quantity) -> str:
    if q.change in {"up", "down"}:
        return q.change
    if q.qualifier is Qualifier.APPROXIMATE or (q.hedge in {"nearly", "almost"}):
        return "~"
    if q.qualifier in {Qualifier.MORE_THAN, Qualifier.AT_LEAST}:
        return ">"
    if q.qualifier in {Qualifier.LESS_THAN, Qualifier.AT_MOST}:
        return "<"
    return "="


def predicted(q: Quantity) -> Item:
    ranged = q.qualifier in {Qualifier.RANGE, Qualifier.VAGUE} and q.low is not None and q.high is not None
    low, high = (q.low, q.high) if ranged else (q.value, q.value)
    return {
        "low": low,
        "high": high,
        "unit": newsquant_unit(q),
        "change": newsquant_change(q),
        "vague": q.qualifier is Qualifier.VAGUE,
        "q": q,
    }


def gold(g: dict[str, Any]) -> Item:
    low, high = sorted((g["value_low"], g["value_high"]))
    unit = str(g.get("normalized_unit") or "-").lower()
    return {"low": low, "high": high, "unit": unit, "change": g["change"], "vague": False}


def same_value(p: Item, g: Item) -> bool:
    return close(p["low"], g["low"]) and close(p["high"], g["high"])


def covers(p: Item, g: Item) -> bool:
    """A vague reading ('dozens', 'hundreds of miles') that NewsQuant wrote as one number or range."""
    return p["vague"] and p["low"] / 10 <= g["low"] and g["high"] <= p["high"]


CRITERIA: dict[str, Callable[[Item, Item], bool]] = {
    "value": same_value,
    "value+unit": lambda p, g: same_value(p, g) and p["unit"] == g["unit"],
    "value+change": lambda p, g: same_value(p, g) and p["change"] == g["change"],
}


def match_counts(preds: list[Item], golds: list[Item], equal: Callable[[Item, Item], bool]) -> int:
    """One-to-one greedy matching in text order; returns the number of true positives."""
    used: set[int] = set()
    tp = 0
    for g in golds:
        for k, p in enumerate(preds):
            if k not in used and equal(p, g):
                used.add(k)
                tp += 1
                break
    return tp


def newsquant_rows(
    rows: list[dict[str, Any]],
) -> tuple[dict[str, list[tuple[int, int, int]]], list[tuple[int, int, int]], list[tuple[str, str]]]:
    """Per sentence (tp, n_pred, n_gold) for each criterion; vague amounts kept apart; (row id, miss)."""
    per: dict[str, list[tuple[int, int, int]]] = {name: [] for name in CRITERIA}
    vague_rows: list[tuple[int, int, int]] = []
    misses: list[tuple[str, str]] = []
    for row in rows:
        preds = [predicted(q) for q in parse_quantities(row["text"])]
        golds = [gold(g) for g in row["quantities"]]
        vague = [p for p in preds if p["vague"]]
        vague_gold = [g for g in golds if any(covers(p, g) for p in vague)]
        vague_rows.append((match_counts(vague, vague_gold, covers), len(vague), len(vague_gold)))
        preds = [p for p in preds if not p["vague"]]
        golds = [g for g in golds if g not in vague_gold]
        for name, equal in CRITERIA.items():
            per[name].append((match_counts(preds, golds, equal), len(preds), len(golds)))
        if match_counts(preds, golds, CRITERIA["value+unit"]) < max(len(preds), len(golds)):
            got = [(p["low"], p["high"], p["unit"], p["change"], p["q"].surface) for p in preds]
            want = [(g["low"], g["high"], g["unit"], g["change"]) for g in golds]
            misses.append((row["id"], f"{row['id']}: {row['text']}\n    gold {want}\n    got  {got}"))
    return per, vague_rows, misses


def f1(counts: Sequence[tuple[int, int, int]]) -> float:
    tp = sum(c[0] for c in counts)
    n_pred = sum(c[1] for c in counts)
    n_gold = sum(c[2] for c in counts)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 1.0


def bootstrap(counts: Sequence[Any], stat: Callable[[Sequence[Any]], float]) -> tuple[float, float]:
    """95% percentile interval of `stat`, resampling sentences with replacement."""
    rng = random.Random(0)
    values = sorted(stat([counts[rng.randrange(len(counts))] for _ in counts]) for _ in range(BOOTSTRAP))
    return values[int(0.025 * BOOTSTRAP)], values[int(0.975 * BOOTSTRAP) - 1]


def concept_tokens(text: str | None) -> frozenset[str]:
    if text is None or text.strip() in {"", "-"}:
        return frozenset({"-"})
    return frozenset(t for t in text.lower().replace(",", " ").split() if t)


def concept_scores(gold_concept: str, predicted_concept: str | None) -> tuple[bool, bool]:
    """(partial, complete) the paper's way: any shared token / identical token sets; '-' must be '-'."""
    g, p = concept_tokens(gold_concept), concept_tokens(predicted_concept)
    return bool(g & p), g == p
