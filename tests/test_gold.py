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


def _members(f: checker.Finding) -> frozenset[tuple[str, str]]:
    """A finding's claims as (article, words as written): figures, or entities for entity conflicts."""
    return frozenset(
        [(c.article_id, c.text) for c in f.claims] + [(e.article_id, e.text) for e in f.entity_claims]
    )


def finding_keys(report: checker.Report) -> set[Key]:
    return {(f.kind.value, _members(f)) for f in report.findings}


def gold_keys(gold: dict) -> set[Key]:
    return {
        (f["kind"], frozenset((c["article_id"], c["text"]) for c in f["claims"])) for f in gold["findings"]
    }


def _assert_no_trap_flagged(report: checker.Report, gold: dict) -> None:
    for trap in gold["must_not_flag"]:
        pair = {(c["article_id"], c["text"]) for c in trap["claims"]}
        for f in report.findings:
            together = pair <= _members(f)
            involved = any(
                (c.article_id, c.text) in pair and c.id in f.outliers for c in [*f.claims, *f.entity_claims]
            )
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
        assert any(_members(f) <= g for g in gold_sets), f"not in gold: {f.reason}"


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_findings_equal_gold(name: str, istanbul_report, key_bridge_report):
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    assert finding_keys(report) == gold_keys(load_gold(name))


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_revisions_name_the_latest_gold_figure(name: str, istanbul_report, key_bridge_report):
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    wanted = {
        (f["latest"]["article_id"], f["latest"]["text"])
        for f in load_gold(name)["findings"]
        if f["kind"] == "revision"
    }
    got = {
        (c.article_id, c.text)
        for f in report.findings
        if f.kind == checker.FindingKind.REVISION
        for c in f.claims
        if c.id == f.latest
    }
    assert got == wanted


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_syndicated_copies_are_found_and_counted_once(name: str, istanbul_report, key_bridge_report):
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    gold = load_gold(name)["syndicated"]
    assert {(g.original, frozenset(g.copies)) for g in report.syndicated} == {
        (g["original"], frozenset(a for a in g["articles"] if a != g["original"])) for g in gold
    }
    copies = {a for g in report.syndicated for a in g.copies}
    assert not any(c.article_id in copies for f in report.findings for c in [*f.claims, *f.entity_claims])


@pytest.mark.parametrize("name", ["istanbul-talks", "key-bridge"])
def test_reasons_name_the_frame_and_the_arithmetic(name: str, istanbul_report, key_bridge_report):
    """Every gold finding's reason quotes the slots that make it one fact, with their source words."""
    report = istanbul_report if name == "istanbul-talks" else key_bridge_report
    assert report.findings
    for f in report.findings:
        assert f.fact in f.reason
        assert f.shared, f.reason
        for label, words in f.shared.items():
            assert f"{label}: {words}" in f.reason
        if f.kind == checker.FindingKind.ENTITY_CONFLICT:
            assert all(e.text in f.reason for e in f.entity_claims if e.id in f.outliers)
            continue
        if f.kind != checker.FindingKind.REVISION:
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
