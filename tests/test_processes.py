"""Worker processes (`checker.engines.processes`): fresh interpreters that answer in task order, pass on a
task's exception, say when one ends, never import the calling script, and refuse the modules they are told
to."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.engines.processes import ProcessPool, WorkerStopped

ROOT = Path(__file__).resolve().parent.parent


def test_answers_come_in_task_order_and_printing_garbles_none():
    with ProcessPool(2) as pool:
        assert list(pool.imap(abs, [(-k,) for k in range(40)])) == list(range(40))
        assert list(pool.imap(print, [("a worker that prints",)] * 3)) == [None, None, None]


def test_a_task_that_raises_raises_in_its_turn():
    with pytest.raises(ValueError, match="invalid literal"), ProcessPool(2) as pool:
        list(pool.imap(int, [("1",), ("two",), ("3",)]))


def test_a_worker_that_ends_is_named():
    with pytest.raises(WorkerStopped, match="ended"), ProcessPool(1) as pool:
        list(pool.imap(os._exit, [(3,)]))


def test_a_refused_module_cannot_be_imported_in_a_worker():
    with pytest.raises(ImportError), ProcessPool(1, blocked=["torch"]) as pool:
        list(pool.imap(importlib.import_module, [("torch",)]))


def test_a_script_without_a_main_guard_extracts_on_two_workers(tmp_path):
    """multiprocessing would run this script again in each worker, and fail there."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import checker\n"
        "from checker.claims.extract import extract_claim_sets\n"
        "from checker.engines.workers import extract_claim_sets_parallel\n"
        f"articles = checker.load_archive({str(ROOT / 'datasets' / 'key-bridge' / 'articles')!r}).articles\n"
        "options = checker.CheckOptions()\n"
        "shared = extract_claim_sets_parallel(articles, spacy_model=options.spacy_model, batch_size=64,\n"
        "                                     disabled_rules=frozenset(), workers=2)\n"
        "assert shared.numeric == extract_claim_sets(articles).numeric\n"
        "print('claims', sum(map(len, shared.numeric)))\n",
        "utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("claims ") and int(done.stdout.split()[1]) > 0


def test_a_worker_that_cannot_start_is_named(monkeypatch):
    monkeypatch.setattr(sys, "executable", str(ROOT / "no-such-python"))
    with pytest.raises(WorkerStopped, match="could not be started"):
        ProcessPool(1)


def test_a_task_that_cannot_be_pickled_fails_alone_and_in_its_turn():
    with ProcessPool(1) as pool:
        answers = pool.imap(len, [("ab",), (lambda: None,)])
        assert next(answers) == 2
        with pytest.raises(Exception, match="pickle"):
            next(answers)
        # nothing of it reached the worker, which goes on answering
        assert list(pool.imap(len, [("abcd",)])) == [4]
