"""The incremental store (`throughput.py --store`): a full run into a fresh store, 1% new articles, and
the reruns with the store, in this process and in a fresh one, each compared with a full run.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.archive import generate_archive

from .measure import archive_shape, environment, import_checker, need, timings_of
from .tables import fmt


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


def stored_tiles(db: Path) -> tuple[int, int, int]:
    """(tile findings of tiles matched, tile inputs, tile findings whose claims were put where they sit
    now) a store keeps (`checker.engines.reuse.TileInputs`, `checker.engines.tiled.PLACED`); zeros for
    a store without them."""
    import sqlite3

    from checker.engines.tiled import PLACED

    with closing(sqlite3.connect(db)) as connection:
        try:
            found = [connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TILE_TABLES]
            query = "SELECT COUNT(*) FROM tile_findings WHERE substr(key, 1, ?) = ?"
            placed = connection.execute(query, (len(PLACED), PLACED)).fetchone()[0]
        except sqlite3.OperationalError:
            return 0, 0, 0
    return found[0] - placed, found[1], placed


TILE_TABLES = ("tile_findings", "tile_inputs")


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
        tiles_before = stored_tiles(db)
        rerun_seconds, rerun = timed_check(checker, path, {**kwargs, "store": db})
        tiles_after = stored_tiles(db)
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

        from checker.engines.upkeep import store_info

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
            # a tile matched again keeps its findings; one whose stories and claims were found unchanged
            # only points its new inputs at them
            "tiles_matched": tiles_after[0] - tiles_before[0],
            "tiles_by_stories": (tiles_after[1] - tiles_before[1]) - (tiles_after[0] - tiles_before[0]),
            # of those, the tiles whose findings quote a claim that moved, kept again where it sits now
            "tiles_re_placed": tiles_after[2] - tiles_before[2],
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
    ("tiles matched in the rerun", "tiles_matched", 0),
    ("  found by stories and claims", "tiles_by_stories", 0),
    ("    their claims put where they sit now", "tiles_re_placed", 0),
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
