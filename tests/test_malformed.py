"""Issue 17: no input can stop a run. Each bad input is a `skipped` entry with a reason, the good articles
beside it are checked as if it were not there, and the exit code is 0."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import checker
import checker.claims.extract
import checker.cli
import checker.cli.articles
from checker.cli import app
from checker.cli.output import EXIT_BAD_INPUT, EXIT_INTERNAL, write_output
from checker.models import Article
from checker.read.dates import parse_datetime

FIXTURES = Path(__file__).parent / "fixtures" / "malformed"
sys.path.insert(0, str(FIXTURES))
from make import BAD, ODD, write  # noqa: E402

GOOD = ["good-harbor-times.json", "good-patapsco-daily.txt", "good-tidewater-wire.json"]
runner = CliRunner()


def _fact(finding: dict) -> tuple:
    return finding["kind"], sorted((c["article_id"], c["text"]) for c in finding["claims"])


@pytest.fixture(scope="module")
def malformed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict]:
    archive = tmp_path_factory.mktemp("malformed") / "archive"
    shutil.copytree(FIXTURES, archive, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    write(archive)
    out = archive.parent / "report.json"
    result = runner.invoke(app, ["check", str(archive), "-q", "-f", "json", "-o", str(out)])
    return result.exit_code, json.loads(out.read_text("utf-8"))


def test_every_bad_file_is_skipped_with_its_reason(malformed_run: tuple[int, dict]):
    exit_code, report = malformed_run
    assert exit_code == 0
    reasons: dict[str, list[str]] = {}
    for entry in report["skipped"]:
        reasons.setdefault(Path(entry["path"]).name, []).append(entry["reason"])
    for name, words in BAD.items():
        assert name in reasons, f"{name} is not in skipped"
        assert all(words in reason for reason in reasons[name]), (name, reasons[name])
    assert [e["line"] for e in report["skipped"] if e["path"].endswith("dates-without-day.jsonl")] == [1, 2]
    assert report["stats"]["skipped"] == len(report["skipped"])


def test_odd_files_are_read(malformed_run: tuple[int, dict]):
    _, report = malformed_run
    read = {a["id"] for a in report["articles"]}
    assert {Path(name).stem for name in ODD} <= read
    assert "name-not-utf8-\\xff" in read  # a name that is not UTF-8 is written with an escape
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # every string can be encoded


def test_good_findings_are_unchanged(malformed_run: tuple[int, dict], tmp_path: Path):
    _, report = malformed_run
    for name in GOOD:
        shutil.copy(FIXTURES / name, tmp_path / name)
    alone = json.loads(checker.formats.render(checker.check(tmp_path), "json"))
    good_ids = {Path(name).stem for name in GOOD}
    beside = [f for f in report["findings"] if {c["article_id"] for c in f["claims"]} & good_ids]
    assert [_fact(f) for f in alone["findings"]] == [_fact(f) for f in beside]
    assert [f["kind"] for f in alone["findings"]] == ["conflict"]


def test_a_failing_article_is_skipped_and_the_rest_checked(monkeypatch: pytest.MonkeyPatch):
    real = checker.claims.extract._claims_in

    def failing(sentence, doc):  # an internal error on one article's sentence
        if "BOOM" in sentence.text:
            raise ZeroDivisionError("division by zero")
        return real(sentence, doc)

    monkeypatch.setattr(checker.claims.extract, "_claims_in", failing)
    articles = [
        Article(id="ok", source="A", text="A fire injured 12 firefighters on Monday, the chief said."),
        Article(
            id="bad", source="B", text="BOOM: a fire injured 21 firefighters on Monday.", origin="x.jsonl:7"
        ),
    ]
    report = checker.check(articles)
    assert [a.id for a in report.articles] == ["ok"]
    [skipped] = report.skipped
    assert (skipped.path, skipped.line) == ("x.jsonl", 7)
    assert "ZeroDivisionError" in skipped.reason and "--debug" in skipped.reason


@pytest.mark.parametrize("written", ["May 2025", "Monday", "5", "12:30"])
def test_a_date_without_its_day_is_never_completed_from_today(written: str):
    assert parse_datetime(written) is None


def test_an_empty_text_is_a_text_not_the_current_folder():
    assert checker.extract("") == []
    assert checker.extract("   ") == []
    assert checker.compare("", "") == []
    result = runner.invoke(app, ["compare", "", ""])
    assert result.exit_code == 0


def test_huge_and_tiny_figures_are_read_or_ignored():
    for text in ["$1e400 in losses", "9" * 311 + " people", "1e-400 metres", "10^999 stars", "$1e29bn"]:
        for quantity in checker.parse_quantities(text):
            assert all(
                v is None or abs(v) < float("inf") for v in (quantity.value, quantity.low, quantity.high)
            )


def test_output_into_a_device_or_link_writes_into_it(tmp_path: Path):
    write_output("x\n", os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_output("new\n", str(link))
    assert link.is_symlink() and real.read_text() == "new\n"


def test_new_report_files_get_the_umask_mode(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_output("{}\n", str(tmp_path / "report.json"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


def test_a_failed_write_to_stdout_is_exit_2(monkeypatch: pytest.MonkeyPatch):
    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return os.open(os.devnull, os.O_WRONLY)

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    with pytest.raises(typer.Exit) as raised:
        write_output("report\n", "-")
    assert raised.value.exit_code == EXIT_BAD_INPUT


def test_an_internal_error_has_its_own_exit_code(monkeypatch: pytest.MonkeyPatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected state")

    monkeypatch.setattr(checker.cli.articles, "run_check", broken)
    monkeypatch.setattr(sys, "argv", ["checker", "check", str(FIXTURES)])
    with pytest.raises(SystemExit) as raised:
        checker.cli.main()
    assert raised.value.code == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "RuntimeError: unexpected state" in err and "--debug" in err and "Traceback" not in err
    logging.getLogger("checker").handlers.clear()


def test_options_serialise_in_a_fixed_order():
    options = checker.CheckOptions().model_dump(mode="json")
    assert options["kinds"] == sorted(options["kinds"])


def test_the_json_is_the_same_byte_for_byte_under_any_hash_seed(tmp_path: Path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, archive / name)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"report-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(archive),
            "-q",
            "-f",
            "json",
            "-o",
            str(out),
        ]
        subprocess.run(command, env=env, check=True)
        report = json.loads(out.read_text("utf-8"))
        report.pop("generated_at")
        report["stats"].pop("timings")
        outputs.append(json.dumps(report))
    assert outputs[0] == outputs[1]


def test_long_text_is_cut_between_words_never_inside_a_figure():
    from checker.read.nlp import pieces

    text = ("The company lost $5 million and 2 1/2 tons " * 50).strip()
    for longest in range(20, 120, 7):
        cut = list(pieces(text, longest))
        assert "".join(piece for _, piece in cut) == text
        assert all(len(piece) <= longest for _, piece in cut)
        assert all(text[offset : offset + len(piece)] == piece for offset, piece in cut)
        assert not any(piece.rstrip().endswith(("$5", " 2")) for _, piece in cut[:-1])


def test_a_pipe_given_as_the_archive_is_refused_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(checker.InputError, match="not a regular file"):
        checker.load_archive(fifo)


def test_two_files_of_one_name_compare_as_two_articles(tmp_path: Path):
    for side, figure in (("a", "12"), ("b", "15")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "x.txt").write_text(
            f"Shooting\n\nPolice said {figure} people died in the shooting on Monday.\n"
        )
    findings = checker.compare(tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt")
    assert [f.kind for f in findings] == [checker.FindingKind.CONFLICT]
