"""`--engine ray`: extraction as Ray Data actors gives the report the local engine gives."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
# Ray Data's own DataContext warns of its deprecated settings when it starts
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data")
needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason='ray is not installed: pip install -e ".[ray]"'
)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """One local Ray for the module; the engine joins it and leaves it running."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False)
    yield ray
    ray.shutdown()


def _comparable(report: checker.Report) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    data.pop("generated_at")
    data["stats"].pop("timings")
    return data


@needs_ray
def test_the_ray_engine_gives_the_local_engines_report(local_ray: Any) -> None:
    articles = [
        a
        for name in ("istanbul-talks", "key-bridge")
        for a in checker.load_archive(DATASETS / name / "articles").articles
    ]
    assert len(articles) > 32  # two batches, so two actors and a reassembly in article order
    seen: list[tuple[str, int, int]] = []
    on_ray = checker.check(articles, engine="ray", progress=lambda *step: seen.append(step))
    assert local_ray.is_initialized()  # a Ray the engine did not start is left running
    local = checker.check(articles)
    assert on_ray.stats.claims > 0 and on_ray.findings
    assert _comparable(on_ray) == _comparable(local)
    assert ("extract", len(articles), len(articles)) in seen


@needs_ray
def test_a_tiled_run_on_ray_spills_its_batches_as_they_come(local_ray: Any) -> None:
    """More articles than one core: each batch of claims is written to the run's temporary store as it
    comes back from the actors, and the report is the local engine's."""
    articles = checker.load_archive(DATASETS / "istanbul-talks" / "articles").articles
    on_ray = checker.check(articles, engine="ray", tile_articles=4)
    assert _comparable(on_ray) == _comparable(checker.check(articles, tile_articles=4))


def test_without_ray_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    result = CliRunner().invoke(app, ["check", str(DATASETS / "key-bridge" / "articles"), "--engine", "ray"])
    assert result.exit_code == 2
    assert 'pip install -e ".[ray]"' in " ".join(result.output.split())


def test_a_ray_address_needs_the_ray_engine() -> None:
    result = CliRunner().invoke(app, ["check", str(DATASETS / "key-bridge"), "--ray-address", "auto"])
    assert result.exit_code == 2
    assert "--engine ray" in result.output
