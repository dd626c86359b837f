"""The CLI in-process with typer's CliRunner, plus one subprocess smoke test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from checker import SCHEMA_VERSION, __version__
from checker.cli import app

runner = CliRunner()
ARCHIVE = str(Path(__file__).resolve().parent.parent / "datasets" / "key-bridge" / "articles")
CLAIM_FIELDS = {"article_id", "source", "url", "published", "sentence", "start", "end", "text", "value"}


def test_json_report_follows_the_contract(tmp_path: Path):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", ARCHIVE, "--format", "json", "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["schema_version"] == SCHEMA_VERSION
    assert {"articles", "skipped", "findings", "stats"} <= report.keys()
    assert report["stats"]["articles"] == 7
    for finding in report["findings"]:
        assert {"kind", "reason", "severity", "claims"} <= finding.keys()
        for claim in finding["claims"]:
            assert claim.keys() >= CLAIM_FIELDS
            assert {"value", "low", "high", "unit"} == claim["value"].keys()
    assert not list(tmp_path.glob(".*.tmp")), "atomic write leaves no temporary file"


def test_fail_on_conflict_exit_code():
    result = runner.invoke(app, ["check", ARCHIVE, "--fail-on-conflict", "--quiet", "--format", "markdown"])
    assert result.exit_code == 1
    assert "# checker report" in result.output


def test_unusable_input_exits_2(tmp_path: Path):
    result = runner.invoke(app, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2
    (tmp_path / "notes.md").write_text("nothing here")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2


def test_extract_json_lists_claims_with_frames():
    result = runner.invoke(app, ["extract", f"{ARCHIVE}/harbortimes_collapse.json", "--format", "json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output)
    crew = [c for c in claims if c["text"] == "22"]
    assert crew and crew[0]["counted_lemma"] == "member"


def test_table_output_names_the_outlets():
    result = runner.invoke(app, ["check", ARCHIVE, "--quiet"])
    assert result.exit_code == 0
    assert "Patapsco Daily" in result.output and "findings" in result.output


def test_python_dash_m_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"checker {__version__}"
