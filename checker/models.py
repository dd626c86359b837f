"""The data that flows between stages, one-way: Article -> Claim -> ClaimCluster -> Finding -> Report.

Every model here is part of the public surface: scripts build and read them, and the JSON report is their
serialisation. Change them only by adding fields.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

SCHEMA_VERSION = "1.2"


class FindingKind(StrEnum):
    """What an editor should make of a set of claims; defined once for the whole project."""

    CONFLICT = "conflict"  # the same fact, figures that cannot both be true
    DISPUTED = "disputed"  # incompatible figures attributed to different claimants
    REVISION = "revision"  # a figure moving the way it naturally moves over time
    ENTITY_CONFLICT = "entity_conflict"  # the same slot filled with non-equivalent entities


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Qualifier(StrEnum):
    """How a figure was hedged in the text; the interval in `Quantity.low/high` follows from it."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"
    VAGUE = "vague"


class Article(BaseModel):
    """One news article after ingest; `text` is the cleaned story text all offsets point into."""

    model_config = ConfigDict(frozen=True)

    id: str
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    title: str | None = None
    text: str
    origin: str | None = Field(default=None, description="file (and :line) the article was read from")

    @property
    def outlet(self) -> str:
        """The outlet used for counting sources: an article without one is its own outlet."""
        return self.source or f"[{self.id}]"


class Quantity(BaseModel):
    """A figure as written, normalised to a number and an interval.

    `low`/`high` say only what the words say ("more than 160" is (160, inf)); tolerances for rounding
    and hedges are the judge's business and never stored here. An unbounded side is None.
    """

    model_config = ConfigDict(frozen=True)

    value: float
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    dimension: str = "count"
    surface: str
    start: int
    end: int
    precision: float | None = Field(
        default=None,
        description="granularity of the written figure in its unit: 620 -> 10, 1.2 million -> 1e5",
    )
    scaled: bool = Field(default=False, description="written with a scale word ('1.2 million', '$3bn')")
    change: str | None = Field(
        default=None, description="'up' or 'down' when the text says it rose/fell by it"
    )
    hedge: str | None = Field(default=None, description="the bound or hedge words as written, lower-cased")
    near: bool = Field(
        default=False, description="the hedge says the figure is close to its bound ('nearly')"
    )
    age: bool = Field(
        default=False, description="someone's age ('a 29-year-old', 'Reid, 33,'): a fact about one person"
    )

    def contains(self, x: float) -> bool:
        lo = -math.inf if self.low is None else self.low
        hi = math.inf if self.high is None else self.high
        above = x >= lo if self.low_inclusive else x > lo
        below = x <= hi if self.high_inclusive else x < hi
        return above and below


class Slot(BaseModel):
    """One slot of a claim frame: the words it came from and their normalised form."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the source words, as written")
    norm: str = Field(description="lemmatised or canonical form used for comparison")
    label: str | None = Field(
        default=None,
        description="the named-entity label of its head word (PERSON, GPE, ORG...), PROPN for a proper noun"
        " the recognizer left unlabelled, or none",
    )


class TimeScope(BaseModel):
    """When the claimed fact happened, resolved against the article's publication date."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the words that set it ('overnight', 'on Thursday', '16 May')")
    start: date
    end: date = Field(description="inclusive")
    night: bool = Field(
        default=False, description="the night from `start` into `end` ('overnight', 'on Tuesday night')"
    )

    @property
    def running(self) -> bool:
        """A span from a day to the day of writing ('since October'), over which a total runs."""
        return self.text.lower().startswith("since ")

    def _span(self) -> tuple[float, float]:
        """Days as a continuous line: a day is [d, d + 1), a night the hours either side of midnight."""
        first = float(self.start.toordinal())
        if self.night:
            return first + 0.75, first + 1.25
        return first, float(self.end.toordinal()) + 1.0

    def overlaps(self, other: TimeScope) -> bool:
        """Two consecutive nights do not meet; a day meets the nights either side of it."""
        a, b = self._span(), other._span()
        return a[0] < b[1] and b[0] < a[1]


class Frame(BaseModel):
    """What a figure is about: two claims conflict only when their frames describe one fact."""

    model_config = ConfigDict(frozen=True)

    counted: Slot | None = Field(default=None, description="counted object or measured property")
    predicate: Slot | None = Field(default=None, description="the event ('shoot down', 'exchange')")
    actor: Slot | None = Field(default=None, description="who did it")
    place: Slot | None = Field(default=None, description="where (GPE/LOC/FAC in scope)")
    site: Slot | None = Field(
        default=None,
        description="where an event under the figure's verb happened: too loose to keep two figures apart, "
        "enough to make a figure one place's share of a whole",
    )
    time: TimeScope | None = None
    claimant: Slot | None = Field(default=None, description="who says so ('according to X', 'X said')")
    concept: str | None = Field(
        default=None, description="lemmas of what the figure is about, NewsQuant's referred_concepts"
    )


class Claim(BaseModel):
    """A numeric claim: one figure in one sentence of one article, with what it counts or measures."""

    model_config = ConfigDict(frozen=True)

    id: str
    article_id: str
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    sentence: str
    sentence_start: int
    start: int
    end: int
    text: str
    quantity: Quantity
    counted: str | None = Field(default=None, description="what is counted or measured, as written")
    counted_lemma: str | None = None
    predicate: str | None = Field(default=None, description="the event verb, lemmatised ('shoot down')")
    distributive: bool = Field(default=False, description="'1,000 each': the figure holds per party")
    part_of_larger: bool = Field(
        default=False, description="'including 35 over Moscow': part of a figure nearby"
    )
    context: str = Field(description="the text embedded for clustering, figure masked")
    frame: Frame = Field(default_factory=Frame)
    carried_by: list[str] = Field(
        default_factory=list,
        description="other outlets that ran a syndicated copy of this claim's article (counted once)",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> dict[str, Any]:
        """The contract's compact view of the figure."""
        q = self.quantity
        return {"value": q.value, "low": q.low, "high": q.high, "unit": q.unit}

    @property
    def outlet(self) -> str:
        return self.source or f"[{self.article_id}]"

    @property
    def sentence_before(self) -> str:
        """The words of the sentence before the figure."""
        return self.sentence[: self.start - self.sentence_start]

    @property
    def sentence_after(self) -> str:
        """The words of the sentence after the figure."""
        return self.sentence[self.end - self.sentence_start :]


class EntityClaim(BaseModel):
    """A fact whose value is an entity: (subject, relation, entity), e.g. (talks, held in, Istanbul)."""

    model_config = ConfigDict(frozen=True)

    id: str
    article_id: str
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    sentence: str
    sentence_start: int
    start: int = Field(description="offset of the entity in the article text")
    end: int
    text: str = Field(description="the entity as written")
    label: str = Field(description="spaCy entity label: GPE, LOC, FAC, PERSON, ORG")
    canonical: str = Field(description="canonical name after spelling and transliteration variants")
    subject: Slot = Field(description="the event or role the entity fills ('talks', 'spokesman')")
    relation: str = Field(description="'held in' (an event's place), 'bound for', 'role'")
    time: TimeScope | None = None
    context: str = Field(default="", description="the sentence with the entity masked, for clustering")

    @property
    def outlet(self) -> str:
        return self.source or f"[{self.article_id}]"


_Placed = TypeVar("_Placed", Claim, EntityClaim)

#: the fields of a claim that say where it sits in its article's text (a numeric claim's quantity too)
PLACE_FIELDS = frozenset({"id", "sentence_start", "start", "end"})


def placed_like(claim: _Placed, where: _Placed) -> _Placed:
    """`claim` where `where` sits: its id and offsets, and its quantity's offsets for a numeric claim."""
    update: dict[str, Any] = {name: getattr(where, name) for name in PLACE_FIELDS}
    if isinstance(claim, Claim) and isinstance(where, Claim):
        update["quantity"] = claim.quantity.model_copy(
            update={"start": where.quantity.start, "end": where.quantity.end}
        )
    return claim.model_copy(update=update)


def reading_order(claim: Claim | EntityClaim) -> tuple[str, int]:
    """Where a claim sits: its article, then its offset as a number. Ids compared as text ('a@95' after
    'a@1010') reorder an article's claims when a block before some of them leaves its text (a paragraph
    that became its outlet's furniture), and a store's kept findings must not depend on where that was."""
    return claim.article_id, claim.start


class SyndicatedCopy(BaseModel):
    """Articles carrying the same wire copy: the earliest counts, the others are listed, not counted."""

    original: str = Field(description="article id of the copy that is counted")
    copies: list[str] = Field(description="article ids of the other copies")
    outlets: list[str] = Field(description="every outlet that carried it, the counted one first")
    similarity: float = Field(description="lowest text similarity within the group, 0-100")


class ClaimCluster(BaseModel):
    """Claims judged to be about the same fact."""

    id: str
    block: str
    claims: list[Claim]
    similarity: dict[str, float] = Field(
        default_factory=dict,
        description="cosine similarity of the frames of two claims, keyed 'id_a|id_b' (sorted ids)",
        repr=False,
    )
    ambiguous: frozenset[str] = Field(
        default_factory=frozenset,
        description="ids of claims whose article holds a different figure that only the article keeps apart"
        " from them (`cluster.ambiguous`): weak evidence of which fact another outlet's figure is about",
        repr=False,
    )

    def similar(self, a: Claim, b: Claim) -> float:
        """How alike two members' frames read (1.0 when not recorded, e.g. a hand-built cluster)."""
        key = "|".join(sorted((a.id, b.id)))
        return self.similarity.get(key, 1.0)


class MajorityFigure(BaseModel):
    text: str
    value: float
    sources: int


class Finding(BaseModel):
    kind: FindingKind
    severity: Severity
    reason: str
    fact: str = Field(description="short label of the fact the claims share")
    claims: list[Claim]
    majority: MajorityFigure | None = None
    outliers: list[str] = Field(
        default_factory=list,
        description="ids of claims that disagree with the majority; of every claim when the figures stand"
        " level (one outlet against one, two against two: no majority, and nothing tells which is wrong)",
    )
    cluster_id: str | None = None
    entity_claims: list[EntityClaim] = Field(
        default_factory=list, description="for entity_conflict: the entity claims in disagreement"
    )
    shared: dict[str, str] = Field(
        default_factory=dict,
        description="frame slots that make the claims one fact, slot -> source words",
    )
    latest: str | None = Field(default=None, description="for revision: id of the latest claim")
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="how sure the checker is that the figures state one fact and disagree"
        " (`checker.match.confidence`); None for entity conflicts, which are not scored",
    )
    evidence: dict[str, float] = Field(
        default_factory=dict,
        description="the named features of the pair that decided the confidence, feature -> value",
    )


class SkippedInput(BaseModel):
    path: str
    line: int | None = None
    reason: str


class ArticleSummary(BaseModel):
    id: str
    source: str | None
    url: str | None
    published: datetime | None
    title: str | None
    origin: str | None
    claims: int
    entity_claims: int = 0


class ReportStats(BaseModel):
    articles: int
    skipped: int
    claims: int
    entity_claims: int = 0
    clusters: int
    findings: int
    findings_by_kind: dict[str, int] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    checker_version: str
    generated_at: datetime
    options: dict[str, Any]
    stats: ReportStats
    articles: list[ArticleSummary]
    skipped: list[SkippedInput]
    findings: list[Finding]
    syndicated: list[SyndicatedCopy] = Field(default_factory=list)
