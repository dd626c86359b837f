"""Extraction over worker processes gives what one process gives, claim for claim, in article order."""

from __future__ import annotations

from pathlib import Path

import checker
from checker.claims.extract import extract_claim_sets
from checker.engines.workers import (
    MIN_ARTICLES_PER_WORKER,
    default_workers,
    extract_claim_sets_parallel,
    workers_for,
)

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def test_workers_give_the_same_claims_in_the_same_order():
    articles = [
        a
        for name in ("istanbul-talks", "key-bridge")
        for a in checker.load_archive(DATASETS / name / "articles").articles
    ]
    assert len(articles) > 32  # more than one chunk
    alone = extract_claim_sets(articles)
    shared = extract_claim_sets_parallel(
        articles,
        spacy_model=checker.CheckOptions().spacy_model,
        batch_size=64,
        disabled_rules=frozenset(),
        workers=2,
    )
    assert shared.numeric == alone.numeric
    assert shared.entities == alone.entities
    assert shared.names == alone.names and shared.failed == alone.failed


def test_a_small_archive_is_read_in_this_process_and_a_large_one_on_every_cpu_unasked():
    assert workers_for(MIN_ARTICLES_PER_WORKER - 1, 8) == 1
    assert workers_for(10 * MIN_ARTICLES_PER_WORKER, 2) == 2
    assert workers_for(10 * MIN_ARTICLES_PER_WORKER, 1) == 1
    assert workers_for(1000 * MIN_ARTICLES_PER_WORKER, None) == default_workers()


def test_the_report_does_not_say_how_many_workers_ran():
    """The report is the same for any number of workers, so its options leave the number out."""
    options = checker.CheckOptions(workers=2)
    assert "workers" not in options.model_dump(mode="json")
    assert (
        checker.check("Four people were hurt.", options=options, batch_size=8).options.get("workers") is None
    )
