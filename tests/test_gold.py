"""The bundled archives and the seed page against their gold (datasets/*/gold.json).

Findings are compared as sets of (kind, set of (article_id, figure as written)), never by reason text
or offsets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import checker
from tests.conftest import load_gold

Key = tuple[str, frozenset[tuple[str, str]]]


def finding_keys(report: checker.Report) -> set[Key]:
    return {(f.kind.value, frozenset((c.article_id, c.text) for c in f.claims)) for f in report.findings}


def gold_keys(gold: dict) -> set[Key]:
    return {
        (f["kind"], frozenset((c["article_id"], c["text"]) for c in f["claims"])) for f in gold["findings"]
    }


def _assert_no_trap_flagged(report: checker.Report, gold: dict) -> None:
    for trap in gold["must_not_flag"]:
        pair = {(c["article_id"], c["text"]) for c in trap["claims"]}
        for f in report.findings:
            together = pair <= {(c.article_id, c.text) for c in f.claims}
            involved = any((c.article_id, c.text) in pair and c.id in f.outliers for c in f.claims)
            assert not (together and involved), f"{trap['why']}: flagged in {f.reason}"


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_traps_are_never_flagged(name: str, istanbul_report, key_bridge_report):
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    _assert_no_trap_flagged(report, load_gold(name))


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_every_finding_is_a_gold_conflict(name: str, istanbul_report, key_bridge_report):
    """No false alarm: each reported finding's outliers are outliers of a gold finding."""
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    gold = load_gold(name)
    gold_sets = [frozenset((c["article_id"], c["text"]) for c in f["claims"]) for f in gold["findings"]]
    for f in report.findings:
        claims = frozenset((c.article_id, c.text) for c in f.claims)
        assert any(claims <= g for g in gold_sets), f"not in gold: {f.reason}"


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_findings_equal_gold(name: str, istanbul_report, key_bridge_report):
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    assert finding_keys(report) == gold_keys(load_gold(name))


def test_reasons_name_the_fact_and_the_arithmetic(istanbul_report):
    assert istanbul_report.findings, "the drone-count conflict is always found"
    for f in istanbul_report.findings:
        assert f.reason.startswith(f"Same fact: {f.fact}.")
        assert "do not overlap" in f.reason
        assert all(c.outlet in f.reason for c in f.claims if c.id in f.outliers)


def test_json_contract_offsets_point_into_article_text(istanbul_report):
    texts = {a.id: a for a in checker.load_archive(Path("datasets/istanbul-talks/articles")).articles}
    for f in istanbul_report.findings:
        for c in f.claims:
            assert texts[c.article_id].text[c.start : c.end] == c.text
            assert c.value["value"] == c.quantity.value


def test_seed_has_exactly_its_figures_and_no_finding(seed_dir: Path):
    gold = load_gold("seed")
    claims = checker.extract(seed_dir / gold["seed_file"])
    assert [c.text for c in claims] == [c["text"] for c in gold["claims"]]
    for got, want in zip(claims, gold["claims"], strict=True):
        assert (got.quantity.value, got.quantity.low, got.quantity.high) == (
            want["value"],
            want["low"],
            want["high"],
        )
        assert got.quantity.unit == want["unit"], got.text
    texts = " ".join(c.sentence for c in claims)
    for figure in gold["boilerplate_figures"]:
        assert figure not in texts
    assert checker.check(seed_dir).findings == []
