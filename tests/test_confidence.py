"""The confidence of a finding: weighed evidence from named features, a fitted model in data/, a threshold."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.match.confidence import FEATURES, ConfidenceModel, default_model
from checker.options import FEATURE_RULES, SWITCHABLE_RULES, CheckOptions
from checker.tables import load_table
from tests.conftest import DATASETS

ARCHIVE = str(DATASETS / "istanbul-talks" / "articles")
A = "Officials said 105 drones were shot down over the Kursk region overnight."
B = "Officials said 150 drones were shot down over the Kursk region overnight."


def test_the_fitted_model_weighs_exactly_the_features_the_code_computes():
    table = load_table("confidence.json")
    assert tuple(table["weights"]) == FEATURES
    assert set(FEATURES) == FEATURE_RULES <= SWITCHABLE_RULES
    assert 0.0 < default_model().threshold < 1.0
    assert "studied halves" in default_model().fitted_on


def test_score_is_a_logistic_of_the_weighed_features_and_a_disabled_feature_weighs_nothing():
    model = ConfidenceModel(intercept=-1.0, weights={"similarity": 2.0, "age": -3.0}, threshold=0.5)
    assert model.score({"similarity": 0.5}) == pytest.approx(0.5)
    assert model.score({"similarity": 1.0, "age": 1.0}) < model.score({"similarity": 1.0})
    assert model.score({"similarity": 1.0, "age": 1.0}, frozenset({"age"})) == model.score(
        {"similarity": 1.0}
    )


def test_a_finding_carries_its_confidence_and_the_evidence_that_decided_it():
    (finding,) = checker.compare(A, B)
    assert finding.confidence is not None and finding.confidence >= default_model().threshold
    assert set(finding.evidence) == set(FEATURES)
    assert finding.evidence["same_event"] == 1.0


def test_the_threshold_leaves_out_less_sure_findings():
    assert checker.compare(A, B, min_confidence=1.0) == []
    assert len(checker.compare(A, B, min_confidence=0.0)) == 1
    with pytest.raises(ValueError):
        CheckOptions(min_confidence=1.5)


def test_findings_come_surest_first(istanbul_report):
    scores = [f.confidence for f in istanbul_report.findings if f.confidence is not None]
    assert scores and scores == sorted(scores, reverse=True)
    assert istanbul_report.schema_version == "1.2"


def test_the_command_line_takes_a_minimum_confidence():
    runner = CliRunner()
    shown = runner.invoke(app, ["check", ARCHIVE, "-f", "json", "--quiet", "--min-confidence", "0"])
    none = runner.invoke(app, ["check", ARCHIVE, "-f", "json", "--quiet", "--min-confidence", "1"])
    assert shown.exit_code == none.exit_code == 0, shown.output + none.output
    numeric = [f for f in json.loads(none.stdout)["findings"] if f["kind"] != "entity_conflict"]
    assert numeric == []
    assert all("confidence" in f for f in json.loads(shown.stdout)["findings"])
    assert json.loads(shown.stdout)["options"]["min_confidence"] == 0.0
