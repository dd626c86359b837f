"""How sure a finding is that two figures state one fact, as weighed evidence rather than vetoes.

A rule that vetoes a pair to stop a false alarm also stops every true finding it matches, and nothing
tells the desk how close the call was. So each signal that two claims are about one fact is a named
feature of the pair (how alike the sentences read, whether the articles tell one story, how far apart
they were published, whether the frame names one event...), and a logistic model with weights fitted on
hand-labelled pairs of the studied halves (`benchmarks/fit_confidence.py`) turns them into a confidence
in [0, 1]. The weights, the threshold and what they were fitted on live in `data/confidence.json`.

Only what cannot be the same fact stays a hard constraint (different dimensions, the same article),
besides the explanations that make both figures true (`checker.judge.explained`, `checker.claims.scopes`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache

from pydantic import BaseModel, ConfigDict

from checker.match.constraints import same_event, told_alike
from checker.models import Claim, ClaimCluster
from checker.read.dates import days_apart
from checker.tables import load_table

#: the named features, in the order of the fitted weights
FEATURES = (
    "similarity",
    "story_overlap",
    "same_event",
    "unnamed_event",
    "told_alike",
    "slots_agree",
    "slots_differ",
    "date_gap",
    "ambiguous",
    "relative_gap",
    "measure",
    "age",
)

#: article id -> the named entities of its parsed sentences
Names = Mapping[str, frozenset[str]]


class ConfidenceModel(BaseModel):
    """A logistic model over `FEATURES`: weights, intercept and the default threshold."""

    model_config = ConfigDict(frozen=True)

    intercept: float
    weights: dict[str, float]
    threshold: float
    fitted_on: str = ""

    def score(self, features: Mapping[str, float], disabled: frozenset[str] = frozenset()) -> float:
        """The confidence of a pair; a disabled feature counts as absent (weight 0)."""
        z = self.intercept + sum(
            w * features.get(name, 0.0) for name, w in self.weights.items() if name not in disabled
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@cache
def default_model() -> ConfidenceModel:
    """The fitted model shipped in `data/confidence.json`."""
    return ConfidenceModel.model_validate(load_table("confidence.json"))


def story_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two articles' named entities: 1.0 when either names none (no evidence)."""
    if not a or not b:
        return 1.0
    return len(a & b) / len(a | b)


#: the frame slots compared word for word
_SLOTS = ("predicate", "actor", "place", "claimant")


def _slot_agreement(a: Claim, b: Claim) -> tuple[int, int]:
    """(slots both claims fill alike, slots both fill differently), over event, actor, place, claimant
    and time: what the frame says for or against one fact."""
    agree = differ = 0
    for slot in _SLOTS:
        x, y = getattr(a.frame, slot), getattr(b.frame, slot)
        if x is None or y is None:
            continue
        if x.norm.lower() == y.norm.lower():
            agree += 1
        else:
            differ += 1
    ta, tb = a.frame.time, b.frame.time
    if ta is not None and tb is not None:
        if ta.overlaps(tb) and ta.running == tb.running:
            agree += 1
        else:
            differ += 1
    return agree, differ


def pair_features(a: Claim, b: Claim, cluster: ClaimCluster, names: Names) -> dict[str, float]:
    """The named evidence that claims `a` and `b` of one cluster state one fact."""
    empty: frozenset[str] = frozenset()
    x, y = abs(a.quantity.value), abs(b.quantity.value)
    count = a.quantity.dimension == "count"
    agree, differ = _slot_agreement(a, b)
    gap = days_apart(a.published, b.published) if a.published and b.published else 0.0
    return {
        "similarity": round(cluster.similar(a, b), 4),
        "story_overlap": round(
            story_overlap(names.get(a.article_id, empty), names.get(b.article_id, empty)), 4
        ),
        "same_event": float(same_event(a, b)),
        "unnamed_event": float(count and (a.frame.predicate is None or b.frame.predicate is None)),
        "told_alike": float(told_alike(a, b)),
        "slots_agree": float(agree),
        "slots_differ": float(differ),
        "date_gap": round(math.log1p(gap), 4),
        "ambiguous": float(a.id in cluster.ambiguous or b.id in cluster.ambiguous),
        "relative_gap": round(abs(x - y) / max(x, y), 4) if max(x, y) > 0 else 0.0,
        "measure": float(not count),
        "age": float(bool(a.quantity.age or b.quantity.age)),
    }
