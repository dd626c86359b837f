"""The CLI in-process with typer's CliRunner, plus one subprocess smoke test.

Each `check` here runs the real pipeline (models cached for the session), so the runs are few and the
filtered ones read only part of the archive.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import SCHEMA_VERSION, Report, __version__, load_archive
from checker.cli import app

runner = CliRunner()
ARCHIVE = str(Path(__file__).resolve().parent.parent / "datasets" / "key-bridge" / "articles")
CLAIM_FIELDS = {"article_id", "source", "url", "published", "sentence", "start", "end", "text", "value"}
DRONES_A = "Russia's Defence Ministry said its air defences shot down 105 Ukrainian drones overnight."
DRONES_B = "Russia's Defence Ministry said its air defences shot down 150 Ukrainian drones overnight."
#: an SGR sequence that sets a foreground colour (bold alone is not colour)
COLOUR = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-7]|38|9[0-7])(?:;\d+)*m")


def test_json_report_follows_the_contract(tmp_path: Path, key_bridge_report: Report):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", ARCHIVE, "--format", "json", "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["schema_version"] == SCHEMA_VERSION
    assert {"articles", "skipped", "findings", "stats", "syndicated"} <= report.keys()
    assert report["stats"]["articles"] == key_bridge_report.stats.articles
    assert "entity_claims" in report["stats"]
    for finding in report["findings"]:
        assert {"kind", "reason", "severity", "claims", "entity_claims", "shared", "latest"} <= finding.keys()
        for claim in finding["claims"]:
            assert claim.keys() >= CLAIM_FIELDS | {"frame", "carried_by"}
            assert {"value", "low", "high", "unit"} == claim["value"].keys()
    assert not list(tmp_path.glob(".*.tmp")), "atomic write leaves no temporary file"


def test_fail_on_conflict_exit_code():
    result = runner.invoke(app, ["check", ARCHIVE, "--fail-on-conflict", "--quiet", "--format", "markdown"])
    assert result.exit_code == 1
    assert "# checker report" in result.output


def test_source_filter_and_html_file(tmp_path: Path):
    out = tmp_path / "sub" / "report.html"
    args = [
        "check",
        ARCHIVE,
        "--source",
        "Harbor Times",
        "--source",
        "patapsco daily",
        "-f",
        "html",
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no progress bars when stderr is not a terminal"
    wanted = [a for a in load_archive(ARCHIVE).articles if a.source in {"Harbor Times", "Patapsco Daily"}]
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>")
    assert f'data-stat="articles">{len(wanted)}<' in page
    assert "Tidewater Wire" not in page


def test_date_filters_and_csv_on_stdout():
    result = runner.invoke(
        app, ["check", ARCHIVE, "--since", "2024-03-27", "--until", "2024-03-27", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("finding,kind,confidence,severity,fact,reason,majority")
    for row in csv.DictReader(io.StringIO(result.stdout)):
        assert row["published"].startswith("2024-03-27"), row
    json_run = runner.invoke(app, ["check", ARCHIVE, "--since", "2024-03-27", "-f", "json", "-q"])
    report = json.loads(json_run.stdout)
    expected = [
        a for a in load_archive(ARCHIVE).articles if a.published and a.published.date() >= date(2024, 3, 27)
    ]
    assert report["stats"]["articles"] == len(expected)
    assert report["options"]["since"] == "2024-03-27"


def test_filters_that_match_nothing_say_so():
    result = runner.invoke(app, ["check", ARCHIVE, "--since", "2030-01-01"])
    assert result.exit_code == 2
    assert "--since 2030-01-01" in result.stderr and "widen" in result.stderr
    bad = runner.invoke(app, ["check", ARCHIVE, "--since", "last tuesday"])
    assert bad.exit_code == 2 and "2025-05-16" in bad.stderr


def test_story_contrast_option(key_bridge_report: Report):
    result = runner.invoke(app, ["check", ARCHIVE, "--story-contrast", "0", "-f", "json", "-q"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["options"]["story_contrast"] == 0
    # the bundled archive is one story: read as one or by stories, it gives the same findings
    assert len(report["findings"]) == len(key_bridge_report.findings)
    bad = runner.invoke(app, ["check", ARCHIVE, "--story-contrast", "1.5"])
    assert bad.exit_code == 2 and "--story-contrast" in bad.stderr


def test_tile_articles_option(key_bridge_report: Report):
    result = runner.invoke(app, ["check", ARCHIVE, "--tile-articles", "10", "-f", "json", "-q"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["options"]["tile_articles"] == 10
    # 14 articles over 9 days in cores of 10: every pair within the date window meets in some tile
    assert len(report["findings"]) == len(key_bridge_report.findings)
    bad = runner.invoke(app, ["check", ARCHIVE, "--tile-articles", "1"])
    assert bad.exit_code == 2 and "--tile-articles" in bad.stderr


def test_unusable_input_exits_2(tmp_path: Path):
    result = runner.invoke(app, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "missing" in result.stderr
    (tmp_path / "notes.md").write_text("nothing here")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr


def test_compare_two_texts():
    result = runner.invoke(app, ["compare", DRONES_A, DRONES_B, "--format", "json", "--fail-on-conflict"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert [f["kind"] for f in findings] == ["conflict"]
    assert {c["source"] for c in findings[0]["claims"]} == {"A", "B"}


def test_compare_names_a_missing_file():
    result = runner.invoke(app, ["compare", "wire/no-such-story.txt", DRONES_B])
    assert result.exit_code == 2
    assert "wire/no-such-story.txt" in result.stderr and "quote the article text" in result.stderr


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "NO_COLOR": "1"}])
def test_no_color_is_honoured(env: dict[str, str]):
    result = runner.invoke(app, ["compare", DRONES_A, DRONES_B], env=env)
    assert result.exit_code == 0, result.output
    assert "105" in result.stdout and "150" in result.stdout and "outlier" in result.stdout
    assert bool(COLOUR.search(result.stdout)) is ("NO_COLOR" not in env)


def test_extract_json_lists_claims_with_frames():
    result = runner.invoke(app, ["extract", f"{ARCHIVE}/harbortimes_collapse.json", "--format", "json"])
    assert result.exit_code == 0, result.output
    extracted = json.loads(result.output)
    claims = extracted["claims"]
    destinations = [e for e in extracted["entity_claims"] if e["relation"] == "bound for"]
    assert [(e["text"], e["canonical"]) for e in destinations] == [("Sri Lanka", "Sri Lanka")]
    crew = [c for c in claims if c["text"] == "22"]
    assert crew and crew[0]["counted_lemma"] == "crew"
    for claim in claims:
        assert {"counted", "predicate", "actor", "place", "time", "claimant", "concept"} <= claim[
            "frame"
        ].keys()


def test_extract_table_of_a_text_shows_what_the_figure_counts():
    result = runner.invoke(app, ["extract", DRONES_A])
    assert result.exit_code == 0, result.output
    assert "frame" in result.stdout and "counted" in result.stdout and "drones" in result.stdout


def test_table_output_names_the_outlets():
    result = runner.invoke(app, ["check", ARCHIVE, "--quiet"])
    assert result.exit_code == 0
    assert "Patapsco Daily" in result.output and "findings" in result.output


@pytest.mark.parametrize("command", [[], ["check"], ["compare"], ["extract"]])
def test_help_has_examples(command: list[str]):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "checker " in result.stdout


def test_python_dash_m_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"checker {__version__}"


def test_progress_names_each_stage_with_what_it_works_on():
    """A long run tells the truth: every stage in order, the later ones with what they work on."""
    import checker

    seen: list[tuple[str, int, int]] = []
    report = checker.check(ARCHIVE, progress=lambda *step: seen.append(step))
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages[:2] == ["read", "extract"]
    assert [s.split()[0] for s in stages[2:]] == ["syndication", "cluster", "judge"]
    assert stages[2] == f"syndication {report.stats.articles:,} articles"
    assert stages[4] == f"judge {report.stats.clusters:,} clusters"
    assert all(done <= total for _, done, total in seen) and seen[-1][1:] == (1, 1)
