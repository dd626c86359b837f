"""Matching that holds as archives grow: tiles (`checker.match.tiles`) give the report of a whole run, a
tiled run encodes each text once and forgets it after its last tile, and an archive of more than one tile
spills its claims to a store and reports what claims held in memory report."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

import checker
from checker import Article, CheckOptions
from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.engines.spill import HeldClaims
from checker.engines.tiled import match_tiles
from checker.match.embedding import LastUse, RememberingEncoder, SentenceEncoder, text_key
from checker.match.tiles import date_tiles
from checker.pipeline import find_conflicts
from tests.conftest import DATASETS
from tests.test_gold import finding_keys


def test_a_tiled_run_reports_what_the_whole_run_reports(istanbul_report):
    # 21 articles over 11 days, in cores of 10: each pair within the date window still meets in one tile
    tiled = checker.check(DATASETS / "istanbul-talks" / "articles", tile_articles=10)
    assert finding_keys(tiled) == finding_keys(istanbul_report)
    assert len({f.cluster_id for f in tiled.findings}) == len(tiled.findings)


class _Counting(SentenceEncoder):
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        self.encoded += texts
        return super().encode(texts)


def test_the_remembering_encoder_encodes_each_text_once():
    counting = _Counting()
    remembering = RememberingEncoder(counting)
    first = remembering.encode(["drones shot down #", "prisoners freed #"])
    again = remembering.encode(["prisoners freed #", "talks held in #", "drones shot down #"])
    assert counting.encoded == ["drones shot down #", "prisoners freed #", "talks held in #"]
    assert (again[0] == first[1]).all() and (again[2] == first[0]).all()
    assert again.shape == (3, first.shape[1])


def test_the_encoder_forgets_a_text_after_its_last_step_and_keeps_what_it_does_not_know():
    counting = _Counting()
    # "# drones" is held by an article whose last tile is 0 and by one whose last tile is 2
    last_use = LastUse(
        [
            (_keys("drones shot down #", "prisoners freed #"), 0),
            (_keys("drones shot down #"), 2),
            (_keys("talks held in #"), 1),
        ]
    )
    assert last_use.steps(["prisoners freed #", "drones shot down #", "unknown #"]) == [0, 2, None]
    remembering = RememberingEncoder(counting, last_use)
    remembering.encode(["drones shot down #", "prisoners freed #", "talks held in #", "unknown #"])
    remembering.forget_through(0)
    assert remembering.remembered == 3  # "prisoners freed #" is gone
    remembering.forget_through(2)
    assert remembering.remembered == 1 and remembering.most_remembered == 4
    remembering.encode(["unknown #"])  # kept to the end: asked again, not encoded again
    assert counting.encoded.count("unknown #") == 1


def _keys(*texts: str) -> np.ndarray:
    return np.array([text_key(t) for t in texts], dtype=np.uint64)


def _tiled(*names: str, **settings: object) -> tuple[list[Article], ClaimSets, CheckOptions]:
    articles = [a for name in names for a in checker.load_archive(DATASETS / name / "articles").articles]
    return articles, extract_claim_sets(articles), CheckOptions.model_validate(settings)


def test_a_tiled_run_encodes_each_text_once_and_holds_only_the_tiles_in_flight():
    # two archives a year apart (35 articles), in cores of 4 articles or a day (the date window): 7 tiles
    articles, sets, options = _tiled("key-bridge", "istanbul-talks", tile_articles=4, date_window_days=1)
    tiles = date_tiles(articles, options.tile_articles, options.date_window_days)
    counting = _Counting()
    matched = match_tiles(articles, HeldClaims(articles, sets), options, counting)
    assert len(counting.encoded) == len(set(counting.encoded)), "no text is encoded twice"
    texts = [{c.context for c in n} | {c.context for c in e} for n, e in zip(*sets[:2], strict=True)]
    most_in_a_tile = max(len(set().union(*(texts[k] for k in tile.articles))) for tile in tiles)
    assert 0 < matched.most_remembered <= most_in_a_tile < len(counting.encoded)
    assert matched.findings == find_conflicts(articles, sets, options).findings


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_a_spilled_run_reports_what_claims_held_in_memory_report(name, tmp_path, monkeypatch):
    """More articles than one core: the claims go to a temporary store as they are extracted and each
    tile reads its own back. The report is the one of the same tiles over claims held in memory, and the
    temporary store is gone after the run."""
    articles, sets, options = _tiled(name, tile_articles=4, date_window_days=1)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stores: list[Path] = []

    def progress(stage: str, done: int, total: int) -> None:
        stores.extend(tmp_path.glob("checker-claims-*/claims.db"))

    spilled = checker.check(DATASETS / name / "articles", options=options, progress=progress)
    assert stores and not list(tmp_path.iterdir())
    held = find_conflicts(articles, sets, options)
    assert spilled.model_dump(mode="json")["findings"] == [f.model_dump(mode="json") for f in held.findings]
    assert spilled.syndicated == held.syndicated and spilled.stats.clusters == len(held.clusters)
    assert spilled.stats.claims == len(held.claims)
    assert [(a.claims, a.entity_claims) for a in spilled.articles] == [
        (len(n), len(e)) for n, e in zip(sets.numeric, sets.entities, strict=True)
    ]


def test_a_spilled_run_reports_its_stages_without_a_reuse_stage():
    seen: list[tuple[str, int, int]] = []
    folder = DATASETS / "key-bridge" / "articles"
    report = checker.check(folder, tile_articles=4, progress=lambda *step: seen.append(step))
    stages = list(dict.fromkeys(stage.split()[0] for stage, _, _ in seen))
    assert stages == ["read", "extract", "syndication", "cluster", "judge"]
    assert ("extract", report.stats.articles, report.stats.articles) in seen
    assert seen[-1] == (f"judge {report.stats.clusters:,} clusters", 1, 1)
