"""Matching that holds as archives grow: tiles (`checker.match.tiles`) give the report of a whole run,
and a tiled run encodes each text once."""

from __future__ import annotations

import checker
from checker.match.embedding import RememberingEncoder, SentenceEncoder
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
