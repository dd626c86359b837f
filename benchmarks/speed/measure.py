"""What one `checker.check` of an archive costs, and the raw encode rate beside it.

`measure_check` times the check and reads the process's memory around it (the RSS before, the
high-water mark after), takes the report's counts and stage timings, and for a generated archive
scores the findings against the generator's truth. `measure_encode` encodes the claim contexts of the
same archive in one call, to show how much of the check encoding alone would take.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.common import ROOT

STAT_FIELDS = ("articles", "skipped", "claims", "clusters", "findings")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """The process's RSS high-water mark so far (with RUSAGE_CHILDREN: the largest of its ended child
    processes'), in MiB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def current_rss_mb() -> float:
    """The RSS right now, in MiB; falls back to the high-water mark where /proc is missing."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
        return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def rss_with_children_mb() -> float:
    """The RSS of this process and of its child processes right now (Linux /proc), in MiB: while workers
    extract, what the run holds is their memory and this process's together."""
    total = current_rss_mb()
    page = os.sysconf("SC_PAGE_SIZE")
    for children in Path("/proc/self/task").glob("*/children"):
        try:
            pids = children.read_text().split()
        except OSError:
            continue
        for pid in pids:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page / 2**20
            except (OSError, ValueError, IndexError):
                continue  # ended since it was listed
    return total


def import_checker() -> ModuleType:
    """Import the package under test, from the work tree if it is not installed."""
    try:
        import checker
    except ModuleNotFoundError as err:
        if err.name != "checker":
            raise
        sys.path.insert(0, str(ROOT))
        try:
            import checker
        except ModuleNotFoundError as err2:
            if err2.name != "checker":
                raise
            raise SystemExit(
                "throughput: cannot import `checker`; install the project (pip install -e .) "
                "or run from the repository"
            ) from err2
    return checker


def need(module: ModuleType, name: str) -> Callable[..., Any]:
    func = getattr(module, name, None)
    if not callable(func):
        raise SystemExit(f"throughput: checker.{name} is missing (the benchmark needs the public API)")
    return func


def rate(count: float | None, seconds: float | None) -> float | None:
    if count is None or not seconds:
        return None
    return count / seconds


def archive_shape(path: Path) -> dict[str, Any]:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    by_ext: dict[str, int] = {}
    for p in files:
        by_ext[p.suffix or p.name] = by_ext.get(p.suffix or p.name, 0) + 1
    return {
        "path": str(path),
        "files": len(files),
        "by_extension": dict(sorted(by_ext.items())),
        "megabytes": round(sum(p.stat().st_size for p in files) / 2**20, 2),
    }


def stats_of(report: Any) -> dict[str, int | None]:
    """The report's counts; falls back to counting its lists when it has no usable `stats`."""
    stats = getattr(report, "stats", None)
    out: dict[str, int | None] = {}
    for name in STAT_FIELDS:
        value = getattr(stats, name, None)
        if value is None and isinstance(stats, dict):
            value = stats.get(name)
        if value is None:
            listed = getattr(report, name, None)
            value = len(listed) if isinstance(listed, list | tuple) else None
        out[name] = int(value) if isinstance(value, int | float) else None
    return out


def timings_of(report: Any) -> dict[str, float]:
    stats = getattr(report, "stats", None)
    timings = getattr(stats, "timings", None)
    if timings is None and isinstance(stats, dict):
        timings = stats.get("timings")
    if timings is None:
        timings = getattr(report, "timings", None)
    if not isinstance(timings, dict):
        return {}
    return {str(k): float(v) for k, v in timings.items() if isinstance(v, int | float)}


def environment() -> dict[str, Any]:
    env: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    torch = sys.modules.get("torch")
    if torch is not None:
        env["torch"] = getattr(torch, "__version__", None)
        try:
            env["torch_threads"] = torch.get_num_threads()
            env["cuda"] = bool(torch.cuda.is_available())
        except Exception:  # a broken or partial torch must not sink the figures
            pass
    return env


# --------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------


def score_against_truth(report: Any, truth: Path) -> dict[str, Any]:
    """Findings against the generator's truth: a finding is right when one of its outliers is an
    article that misreported a figure, and it mixes events when its claims come from two events. A
    planted misreport is caught when it is an outlier of some finding; a finding that mixes two events
    may hold it by chance, so the catches of findings on one event are counted apart too."""
    data = json.loads(truth.read_text(encoding="utf-8"))
    event_of = {a["id"]: a["event"] for a in data["articles"]}
    planted = {a["id"] for a in data["articles"] if a["deviation"]}
    by_url = data.get("urls", {})  # a WARC's pages are told by their url, not the generator's id
    renamed = {a.id: by_url[a.url] for a in report.articles if a.url in by_url}
    caught: set[str] = set()
    caught_on_one_event: set[str] = set()
    right = mixed = 0
    for finding in report.findings:
        ids = {c.id: renamed.get(c.article_id, c.article_id) for c in finding.claims}
        outliers = {ids[c] for c in finding.outliers if c in ids} & planted
        caught |= outliers
        right += bool(outliers)
        mixing = len({event_of.get(i) for i in ids.values()}) > 1
        mixed += mixing
        if not mixing:
            caught_on_one_event |= outliers
    found = len(report.findings)
    return {
        "findings_on_a_planted_error": right,
        "share_on_a_planted_error": round(right / found, 3) if found else None,
        "findings_mixing_events": mixed,
        "planted_errors_caught": f"{len(caught)}/{len(planted)}",
        "caught_by_findings_on_one_event": f"{len(caught_on_one_event)}/{len(planted)}",
    }


class StageMemory:
    """A `progress` callback that notes the memory at each stage's events: the RSS at its last event and
    the high-water mark by then, so that a run tells in which stage its peak was reached."""

    def __init__(self) -> None:
        self.stages: dict[str, dict[str, float]] = {}
        self.most_with_workers = 0.0  # the most this process and its workers held together, when sampled

    def __call__(self, stage: str, done: int, total: int) -> None:
        name = stage.split()[0]  # 'cluster 8,515 claims' is the cluster stage
        self.stages[name] = {"rss_mb": current_rss_mb(), "peak_mb": peak_rss_mb()}
        self.most_with_workers = max(self.most_with_workers, rss_with_children_mb())

    def peak_stage(self, peak: float) -> str | None:
        """The first stage by the end of which the high-water mark was `peak`."""
        return next((name for name, seen in self.stages.items() if seen["peak_mb"] >= peak), None)


def measure_check(
    checker: ModuleType,
    path: Path,
    model: str | None,
    options: dict[str, Any],
    truth: Path | None = None,
    report_to: Path | None = None,
) -> dict[str, Any]:
    """The figures of one `checker.check(path)`; with `report_to` (a folder), its report is written there
    as report-N.json (N articles), without `generated_at` and timings, so that two checkouts' reports can be
    compared byte for byte."""
    check = need(checker, "check")
    kwargs = dict(options)
    if model is not None:
        kwargs["model"] = model
    gc.collect()
    rss_before = current_rss_mb()
    peak_before = peak_rss_mb()
    stages = StageMemory()
    started = time.perf_counter()
    report = check(path, progress=stages, **kwargs)
    seconds = time.perf_counter() - started
    stages("report", 1, 1)  # after the last stage's last event: the report put together
    peak_after = peak_rss_mb()
    if report_to is not None:
        comparable = report.model_dump(mode="json")
        comparable.pop("generated_at")
        comparable["stats"].pop("timings")
        report_to.mkdir(parents=True, exist_ok=True)
        out = report_to / f"report-{comparable['stats']['articles']}.json"
        out.write_text(json.dumps(comparable, sort_keys=True), "utf-8")
    counts = stats_of(report)
    return {
        **counts,
        **(score_against_truth(report, truth) if truth is not None else {}),
        "findings_by_kind": dict(getattr(getattr(report, "stats", None), "findings_by_kind", None) or {}),
        "seconds": seconds,
        "articles_per_s": rate(counts["articles"], seconds),
        "claims_per_s": rate(counts["claims"], seconds),
        "rss_before_mb": rss_before,
        "peak_rss_before_mb": peak_before,
        "peak_rss_mb": peak_after,
        "rss_growth_mb": peak_after - rss_before,
        "peak_stage": stages.peak_stage(peak_after),
        # extraction's worker processes: the largest one's peak, and the most held with them at one time
        "workers_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "most_with_workers_mb": max(stages.most_with_workers, peak_after),
        "memory_by_stage": stages.stages,
        "timings": timings_of(report),
    }


def measure_encode(checker: ModuleType, path: Path, model: str | None) -> dict[str, Any]:
    load_archive = need(checker, "load_archive")
    extract = need(checker, "extract")
    try:
        from checker.match.embedding import SentenceEncoder
    except ImportError as err:
        raise SystemExit(f"throughput: checker.match.embedding.SentenceEncoder is missing ({err})") from err

    started = time.perf_counter()
    articles = list(load_archive(path).articles)
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    texts: list[str] = []
    claims = 0
    for article in articles:
        for claim in extract(article):
            claims += 1
            context = getattr(claim, "context", None)
            if context:
                texts.append(str(context))
    extract_seconds = time.perf_counter() - started

    started = time.perf_counter()
    encoder = SentenceEncoder(model)
    encoder_load_seconds = time.perf_counter() - started
    if texts:  # warm up the kernels outside the timed call, as check() did before its own run
        encoder.encode(texts[:16])

    started = time.perf_counter()
    vectors = encoder.encode(texts) if texts else None
    encode_seconds = time.perf_counter() - started
    shape = tuple(getattr(vectors, "shape", ()) or ())
    return {
        "encode_articles": len(articles),
        "load_seconds": load_seconds,
        "extract_claims": claims,
        "extract_seconds": extract_seconds,
        "extract_claims_per_s": rate(claims, extract_seconds),
        "encode_texts": len(texts),
        "encode_unique_texts": len(set(texts)),
        "encoder_load_seconds": encoder_load_seconds,
        "encode_seconds": encode_seconds,
        "encode_texts_per_s": rate(len(texts), encode_seconds),
        "embedding_dim": int(shape[1]) if len(shape) == 2 else None,
        "peak_rss_end_mb": peak_rss_mb(),
    }


def add_comparison(figures: dict[str, Any]) -> None:
    """How much of check()'s wall time the raw encode of its claim texts alone would take."""
    encode, check = figures.get("encode_seconds"), figures.get("seconds")
    figures["encode_share_of_check"] = encode / check if encode is not None and check else None
