"""Throughput benchmark for `checker`: how fast a whole archive is checked, and at what memory.

    python benchmarks/throughput.py [--articles 1000] [--seed 7] [--archive DIR] [--warc] [--store]
                                    [--model NAME] [--json FILE] [--no-encode] [--keep-archive]
                                    [-o KEY=VALUE ...]

Generates a synthetic archive (benchmarks/generate_archive.py) into a temporary folder unless
``--archive`` is given (with ``--warc``, rewritten as one ``archive.warc.gz`` of HTML pages, as a crawl
keeps them), then measures in this one process:

1. ``checker.check(path)``: wall time, articles/s, claims/s, the RSS before the run and the
   RSS high-water mark after it (``ru_maxrss``), and the per-stage timings of the report
   (``report.stats.timings``) when it has them.
2. The raw encode rate beside it: the claim contexts of ``checker.extract(article)`` over the
   articles of ``checker.load_archive(path)``, encoded in one call by
   ``checker.match.embedding.SentenceEncoder(model).encode(texts)``.

For a generated archive it also scores the findings against the generator's truth: how many have
an outlier that really misreported a figure, how many mix two events, and how many of the planted
errors were caught (a generated archive holds several events of one kind within days of each other).

With ``--store`` it measures the incremental store instead: the generated archive is made with 1% more
articles than asked, the latest 1% (by publication) are held out, and ``checker.check(path, store=...)``
fills a fresh store from the rest. The held-out articles are put back, and then come a full run
without a store and the rerun with the store, in this process (models loaded), and the rerun once more
as a fresh ``checker check --store`` process on a copy of the store as the first run left it (imports and
model loads included, as a desk's daily run pays them). It prints the times, each rerun's share of the
full run, and whether each rerun's report equals the full run's (apart from generated_at and timings).

It prints a plain table (and writes JSON with ``--json``). It is a measurement, not a test:
it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import gc
import html
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

if __package__:
    from .generate_archive import generate_archive
else:  # run as a script: benchmarks/ is sys.path[0]
    from generate_archive import generate_archive

ROOT = Path(__file__).resolve().parent.parent
STAT_FIELDS = ("articles", "skipped", "claims", "clusters", "findings")


# --------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """The process's RSS high-water mark so far, in MiB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def current_rss_mb() -> float:
    """The RSS right now, in MiB; falls back to the high-water mark where /proc is missing."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
        return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


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


def parse_option(text: str) -> tuple[str, Any]:
    """KEY=VALUE, the value read as JSON when it parses (3, 0.5, true, "x") and as a string otherwise."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip().replace("-", "_"), value


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
    article that misreported a figure, and it mixes events when its claims come from two events."""
    data = json.loads(truth.read_text(encoding="utf-8"))
    event_of = {a["id"]: a["event"] for a in data["articles"]}
    planted = {a["id"] for a in data["articles"] if a["deviation"]}
    by_url = data.get("urls", {})  # a WARC's pages are told by their url, not the generator's id
    renamed = {a.id: by_url[a.url] for a in report.articles if a.url in by_url}
    caught: set[str] = set()
    right = mixed = 0
    for finding in report.findings:
        ids = {c.id: renamed.get(c.article_id, c.article_id) for c in finding.claims}
        outliers = {ids[c] for c in finding.outliers if c in ids} & planted
        caught |= outliers
        right += bool(outliers)
        mixed += len({event_of.get(i) for i in ids.values()}) > 1
    found = len(report.findings)
    return {
        "findings_on_a_planted_error": right,
        "share_on_a_planted_error": round(right / found, 3) if found else None,
        "findings_mixing_events": mixed,
        "planted_errors_caught": f"{len(caught)}/{len(planted)}",
    }


def write_warc(checker: ModuleType, folder: Path, target: Path) -> dict[str, str]:
    """The articles under `folder` as one WARC (gzip, a member per record) of HTML pages, one response
    record each, with the same title, outlet, date and url; the url of each page -> the article's id."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls: dict[str, str] = {}
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for article in need(checker, "load_archive")(folder).articles:
            url = article.url or f"https://archive.example/{article.id}"
            when = article.published or datetime(2025, 1, 1, tzinfo=UTC)
            meta = {"og:site_name": article.source or "", "article:published_time": when.isoformat()}
            head = "".join(f'<meta property="{k}" content="{html.escape(v)}">' for k, v in meta.items())
            title = html.escape(article.title or "")
            body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n"))
            page = (
                f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
                f"<body><article><h1>{title}</h1>{body}</article></body></html>"
            ).encode()
            warc_headers = {  # fixed, so that the same seed gives the same bytes
                "WARC-Date": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>",
            }
            http_headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    io.BytesIO(page),
                    len(page),
                    http_headers=http_headers,
                    warc_headers_dict=warc_headers,
                )
            )
            urls[url] = article.id
    return urls


def measure_check(
    checker: ModuleType,
    path: Path,
    model: str | None,
    options: dict[str, Any],
    truth: Path | None = None,
) -> dict[str, Any]:
    check = need(checker, "check")
    kwargs = dict(options)
    if model is not None:
        kwargs["model"] = model
    gc.collect()
    rss_before = current_rss_mb()
    peak_before = peak_rss_mb()
    started = time.perf_counter()
    report = check(path, **kwargs)
    seconds = time.perf_counter() - started
    peak_after = peak_rss_mb()
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


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report (as JSON) without what differs between any two runs: `generated_at` and the timings."""
    report = dict(report)
    report.pop("generated_at", None)
    report["stats"] = {k: v for k, v in report.get("stats", {}).items() if k != "timings"}
    return report


def differences(a: dict[str, Any], b: dict[str, Any]) -> str:
    """'equal', or where two comparable reports part (the top-level keys, and how many findings differ)."""
    if a == b:
        return "equal"
    keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    fa, fb = a.get("findings", []), b.get("findings", [])
    differ = sum(x != y for x, y in zip(fa, fb, strict=False)) + abs(len(fa) - len(fb))
    return f"NOT equal: {', '.join(keys)} ({differ} of {max(len(fa), len(fb))} findings differ)"


def hold_out_latest(folder: Path, count: int) -> Callable[[], None]:
    """Take the `count` latest generated articles (the generator numbers them by publication) out of
    `folder`; the function returned puts them back as they were."""
    ids: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            ids += [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()]
        else:
            ids.append(path.stem)
    latest = set(sorted(ids)[-count:])
    originals: dict[Path, bytes] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            lines = path.read_text("utf-8").splitlines(keepends=True)
            kept = [line for line in lines if not line.strip() or json.loads(line)["id"] not in latest]
            if len(kept) < len(lines):
                originals[path] = path.read_bytes()
                path.write_text("".join(kept), "utf-8")
        elif path.stem in latest:
            originals[path] = path.read_bytes()
            path.unlink()

    def put_back() -> None:
        for path, data in originals.items():
            path.write_bytes(data)

    return put_back


def timed_check(checker: ModuleType, path: Path, kwargs: dict[str, Any]) -> tuple[float, Any]:
    check = need(checker, "check")
    gc.collect()
    started = time.perf_counter()
    report = check(path, **kwargs)
    return time.perf_counter() - started, report


def run_store(args: argparse.Namespace) -> dict[str, Any]:
    """The incremental store: a full run into a fresh store, 1% new articles, and the reruns."""
    checker = import_checker()
    added = max(1, round(args.articles / 100))
    temp = Path(tempfile.mkdtemp(prefix="checker-bench-"))
    try:
        path = generate_archive(temp / "archive", args.articles + added, args.seed)
        put_back = hold_out_latest(path, added)
        kwargs = dict(args.option) | ({"model": args.model} if args.model else {})
        db, db_before = temp / "checker.db", temp / "checker-before.db"
        fill_seconds, first = timed_check(checker, path, {**kwargs, "store": db})
        shutil.copy(db, db_before)  # the store as the first run left it, for the fresh-process rerun
        put_back()
        full_seconds, full = timed_check(checker, path, kwargs)
        rerun_seconds, rerun = timed_check(checker, path, {**kwargs, "store": db})
        reference = comparable(full.model_dump(mode="json"))

        out = temp / "rerun.json"
        command = [sys.executable, "-m", "checker", "check", str(path), "--store", str(db_before)]
        command += ["--quiet", "--format", "json", "--output", str(out)]
        if args.model:
            command += ["--model", args.model]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        fresh_seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise SystemExit(f"throughput: checker check --store failed ({done.returncode}): {done.stderr}")
        fresh = comparable(json.loads(out.read_text("utf-8")))

        from checker.engines.store import store_info

        info = store_info(db)
        figures = {
            "articles_first": first.stats.articles,
            "articles_added": added,
            "articles": full.stats.articles,
            "claims": full.stats.claims,
            "findings": full.stats.findings,
            "fill_seconds": fill_seconds,
            "full_seconds": full_seconds,
            "rerun_seconds": rerun_seconds,
            "rerun_share": rerun_seconds / full_seconds,
            "rerun_equal": differences(comparable(rerun.model_dump(mode="json")), reference),
            "fresh_rerun_seconds": fresh_seconds,
            "fresh_rerun_share": fresh_seconds / full_seconds,
            "fresh_rerun_equal": differences(fresh, reference),
            "store_megabytes": info.bytes / 2**20,
            "store_vectors": info.vectors,
        }
        return {
            "benchmark": "throughput --store",
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": args.model,
            "options": dict(args.option),
            "archive": {**archive_shape(path), "seed": args.seed},
            "figures": figures,
            "timings": {
                "fill": timings_of(first),
                "full": timings_of(full),
                "rerun": timings_of(rerun),
            },
            "environment": environment(),
        }
    finally:
        if args.keep_archive:
            print(f"archive and store kept in {temp}", file=sys.stderr)
        else:
            shutil.rmtree(temp, ignore_errors=True)


STORE_TABLE: tuple[tuple[str, str, int], ...] = (
    ("articles in the first run", "articles_first", 0),
    ("articles added", "articles_added", 0),
    ("articles in the rerun", "articles", 0),
    ("claims", "claims", 0),
    ("findings", "findings", 0),
    ("first run, fresh store s", "fill_seconds", 2),
    ("full run, no store s", "full_seconds", 2),
    ("rerun with the store s", "rerun_seconds", 2),
    ("  share of the full run", "rerun_share", 3),
    ("  report", "rerun_equal", 0),
    ("rerun, fresh process s", "fresh_rerun_seconds", 2),
    ("  share of the full run", "fresh_rerun_share", 3),
    ("  report", "fresh_rerun_equal", 0),
    ("store MB", "store_megabytes", 1),
    ("store vectors", "store_vectors", 0),
)


def render_store(result: dict[str, Any]) -> str:
    figures = result["figures"]
    arch = result["archive"]
    rows = [(label, fmt(figures.get(key), digits)) for label, key, digits in STORE_TABLE]
    width = max(len(label) for label, _ in rows)
    model = result["model"] or "default"
    lines = [f"checker incremental store: {arch['path']} ({arch['files']} files), model {model}"]
    lines += [f"  {label:<{width}}  {value:>12}" for label, value in rows]
    runs = result["timings"]
    stages = list(dict.fromkeys(stage for timings in runs.values() for stage in timings))
    if stages:
        lines.append("")
        lines.append(f"  {'stage':<10}" + "".join(f"  {name:>9}" for name in runs))
        for stage in stages:
            cells = "".join(f"  {fmt(runs[name].get(stage), 2):>9}" for name in runs)
            lines.append(f"  {stage:<10}{cells}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):  # bool too
        return str(value)
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


TABLE: tuple[tuple[str, str, int], ...] = (
    ("articles", "articles", 0),
    ("skipped", "skipped", 0),
    ("claims", "claims", 0),
    ("clusters", "clusters", 0),
    ("findings", "findings", 0),
    ("  on a planted error", "findings_on_a_planted_error", 0),
    ("  share on one", "share_on_a_planted_error", 3),
    ("  mixing two events", "findings_mixing_events", 0),
    ("planted errors caught", "planted_errors_caught", 0),
    ("seconds", "seconds", 2),
    ("articles/s", "articles_per_s", 1),
    ("claims/s", "claims_per_s", 1),
    ("RSS before MB", "rss_before_mb", 0),
    ("peak RSS MB", "peak_rss_mb", 0),
    ("RSS growth MB", "rss_growth_mb", 0),
)
ENCODE_TABLE: tuple[tuple[str, str, int], ...] = (
    ("load_archive seconds", "load_seconds", 2),
    ("extract seconds", "extract_seconds", 2),
    ("extract claims/s", "extract_claims_per_s", 1),
    ("encode texts", "encode_texts", 0),
    ("  of them unique", "encode_unique_texts", 0),
    ("encoder load seconds", "encoder_load_seconds", 2),
    ("encode seconds", "encode_seconds", 2),
    ("encode texts/s", "encode_texts_per_s", 1),
    ("encode / check time", "encode_share_of_check", 2),
    ("peak RSS MB (end)", "peak_rss_end_mb", 0),
)


def render(result: dict[str, Any]) -> str:
    figures = result["figures"]
    lines: list[str] = []
    arch = result["archive"]
    lines.append(
        f"checker throughput: {arch['path']} ({arch['files']} files, {arch['megabytes']} MB), "
        f"model {result['model'] or 'default'}"
    )
    rows = [(label, fmt(figures.get(key), digits)) for label, key, digits in TABLE]
    if "encode_texts_per_s" in figures or "encode_error" in figures:
        rows.append(("", ""))
        rows += [(label, fmt(figures.get(key), digits)) for label, key, digits in ENCODE_TABLE]
        if figures.get("encode_error"):
            rows.append(("encode error", str(figures["encode_error"])))
    width = max(len(label) for label, _ in rows)
    lines.append(f"  {'figure':<{width}}  value")
    lines.append(f"  {'-' * width}  {'-' * 12}")
    lines += [f"  {label:<{width}}  {value:>12}" if label else "" for label, value in rows]

    timings = result["timings"]
    if timings:
        total = figures.get("seconds") or sum(timings.values())
        stage_width = max(len(k) for k in timings)
        lines.append("")
        lines.append(f"  {'stage':<{stage_width}}  {'seconds':>9}  {'share':>6}")
        for stage, seconds in timings.items():
            share = f"{100 * seconds / total:5.1f}%" if total else "n/a"
            lines.append(f"  {stage:<{stage_width}}  {seconds:9.2f}  {share:>6}")
    else:
        lines.append("")
        lines.append("  (the report has no per-stage timings)")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    checker = import_checker()
    temp: Path | None = None
    truth: Path | None = None
    generate_seconds: float | None = None
    if args.archive is not None:
        path = Path(args.archive)
        if not path.exists():
            raise SystemExit(f"throughput: {path}: no such file or folder")
    else:
        temp = Path(tempfile.mkdtemp(prefix="checker-bench-"))
        started = time.perf_counter()
        truth = temp / "truth.json"
        path = generate_archive(temp / "archive", args.articles, args.seed, truth=truth)
        if args.warc:
            urls = write_warc(checker, path, temp / "archive.warc.gz")
            truth.write_text(json.dumps({**json.loads(truth.read_text("utf-8")), "urls": urls}), "utf-8")
            path = temp / "archive.warc.gz"
        generate_seconds = time.perf_counter() - started
    try:
        options = dict(args.option)
        check = measure_check(checker, path, args.model, options, truth)
        timings = check.pop("timings")
        findings_by_kind = check.pop("findings_by_kind")
        figures: dict[str, Any] = dict(check)
        if not args.no_encode:
            try:
                figures.update(measure_encode(checker, path, args.model))
                add_comparison(figures)
            except Exception as err:  # keep the check figures when only the encode part fails
                figures["encode_error"] = f"{type(err).__name__}: {err}"
        return {
            "benchmark": "throughput",
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": args.model,
            "options": options,
            "archive": {
                **archive_shape(path),
                "generated": args.archive is None,
                "requested_articles": args.articles if args.archive is None else None,
                "seed": args.seed if args.archive is None else None,
                "generate_seconds": generate_seconds,
            },
            "figures": figures,
            "findings_by_kind": findings_by_kind,
            "timings": timings,
            "environment": environment(),
        }
    finally:
        if temp is not None:
            if args.keep_archive:
                print(f"archive kept in {path}", file=sys.stderr)
            else:
                shutil.rmtree(temp, ignore_errors=True)


def run_sizes(args: argparse.Namespace, sizes: list[int]) -> list[dict[str, Any]]:
    """One run a size, each in its own process (peak RSS is a process's high-water mark), with the
    arguments given; the JSON figures of each."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="checker-sizes-") as folder:
            out = Path(folder) / "figures.json"
            command = [
                sys.executable,
                __file__,
                "--articles",
                str(size),
                "--seed",
                str(args.seed),
                "--json",
                str(out),
            ]
            command += ["--no-encode"] + [f"-o{k}={json.dumps(v)}" for k, v in args.option]
            command += ["--model", args.model] if args.model else []
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            results.append(json.loads(out.read_text("utf-8")))
        print(f"  {size:,} articles done", file=sys.stderr, flush=True)
    return results


def render_sizes(results: list[dict[str, Any]]) -> str:
    """Time, rate, peak RSS and each stage's seconds at every size, and each size's time against the
    previous one's: a linear check grows by the ratio of the sizes, a quadratic one by its square."""
    stages = sorted({stage for r in results for stage in r["timings"]})
    header = ["articles", "seconds", "x prev", "size x", "articles/s", "peak RSS MB", *stages, "mixing"]
    rows = [header]
    previous: dict[str, Any] | None = None
    for r in results:
        f = r["figures"]
        grow = f"{f['seconds'] / previous['figures']['seconds']:.2f}" if previous else ""
        size = f"{f['articles'] / previous['figures']['articles']:.2f}" if previous else ""
        rows.append(
            [
                f"{f['articles']:,}",
                fmt(f["seconds"]),
                grow,
                size,
                fmt(f["articles_per_s"]),
                fmt(f["peak_rss_mb"], 0),
                *(fmt(r["timings"].get(stage)) for stage in stages),
                fmt(f.get("findings_mixing_events")),
            ]
        )
        previous = r
    widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Measure checker.check() throughput and memory on a synthetic archive.",
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument(
        "--archive", type=Path, default=None, help="measure this archive instead of generating one"
    )
    parser.add_argument(
        "--warc", action="store_true", help="write the generated archive as one WARC (gzip) and check that"
    )
    parser.add_argument(
        "--store",
        action="store_true",
        help="measure the store: a full run into a fresh store, then 1%% new articles and the rerun",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        metavar="N,N,...",
        help="run at each size in its own process (e.g. 1000,5000,20000) and print time, peak RSS, stage "
        "times and each size's time against the previous one's",
    )
    parser.add_argument("--model", default=None, help="sentence-embedding model (default: checker's default)")
    parser.add_argument(
        "--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON"
    )
    parser.add_argument("--no-encode", action="store_true", help="skip the raw encode measurement")
    parser.add_argument(
        "--keep-archive", action="store_true", help="keep the generated archive and print its path"
    )
    parser.add_argument(
        "-o",
        "--option",
        type=parse_option,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra keyword option for checker.check (repeatable; VALUE read as JSON if it parses)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.articles < 1:
        raise SystemExit("throughput: --articles must be at least 1")
    if args.warc and args.archive is not None:
        raise SystemExit("throughput: --warc rewrites the generated archive; give --archive a WARC instead")
    if args.store and (args.archive is not None or args.warc):
        raise SystemExit(
            "throughput: --store adds generated articles to a generated archive (no --archive, --warc)"
        )
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
        if args.archive is not None or args.store or args.warc or min(sizes) < 1:
            raise SystemExit("throughput: --sizes takes positive sizes, without --archive, --store or --warc")
        print(render_sizes(run_sizes(args, sizes)))
        return 0
    result = run_store(args) if args.store else run(args)
    print(render_store(result) if args.store else render(result))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 1 if result["figures"].get("encode_error") else 0


if __name__ == "__main__":
    raise SystemExit(main())
