"""Shared fixtures: the real models are loaded once per test session (the pipeline caches them)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import checker

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SHARED = ROOT.parent / "shared"


def load_gold(name: str) -> dict[str, Any]:
    return json.loads((DATASETS / name / "gold.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def istanbul_report() -> checker.Report:
    return checker.check(DATASETS / "istanbul-talks" / "articles")


@pytest.fixture(scope="session")
def key_bridge_report() -> checker.Report:
    return checker.check(DATASETS / "key-bridge" / "articles")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is not here: the seed page is shared data beside the checkout")
    return seeds
