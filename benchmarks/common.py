"""What the benchmarks share: where the shared data is, how a benchmark skips without it, reading JSON
Lines, Wilson intervals and how a rate is printed, and the pieces of every command line.

Each benchmark is a script (`python benchmarks/NAME.py`) whose first statement after the standard
imports puts the checkout on `sys.path`, so that `benchmarks.*` and `checker` import from this work
tree; everything else they have in common lives here. The third-party data is never copied into the
checkout: it sits beside it in `../shared/data`, and a benchmark that needs it says so and stops when it
is absent (`missing`). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
SHARED_DATA = ROOT.parent / "shared" / "data"
ECBPLUS_DOCS = SHARED_DATA / "ecbplus" / "ecbplus_docs.jsonl"
EQUATE = SHARED_DATA / "equate" / "equate.jsonl"
GVA_DEV = SHARED_DATA / "gva" / "gva_dev.jsonl"
NEWSQUANT_DEV = SHARED_DATA / "newsquant" / "newsquant_dev.jsonl"


# ---------------------------------------------------------------------------------------------
# Shared data
# ---------------------------------------------------------------------------------------------


def missing(*paths: Path) -> bool:
    """Whether a data file the benchmark needs is absent; if so, it says which, so the caller can skip."""
    for path in paths:
        if not path.exists():
            print(f"skipped: {path} is not there (the shared data folder sits beside the checkout)")
            return True
    return False


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_jsonl_files(folder: Path, pattern: str) -> list[dict[str, Any]]:
    """The rows of every file of `folder` matching `pattern`, the files in name order."""
    return [row for path in sorted(folder.glob(pattern)) for row in read_jsonl(path)]


def subtopics(path: Path = ECBPLUS_DOCS) -> dict[str, str]:
    """ECB+: article id -> subtopic (the real-world event it reports)."""
    return {row["id"]: row["subtopic"] for row in read_jsonl(path) if row.get("id")}


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: sound for small counts and for 0 or 1."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def rate_text(hits: int, total: int) -> str:
    """'7/12 = 0.58 [0.32, 0.81]': the count, the share and its 95% Wilson interval."""
    low, high = wilson(hits, total)
    value = hits / total if total else float("nan")
    return f"{hits}/{total} = {value:.2f} [{low:.2f}, {high:.2f}]"


# ---------------------------------------------------------------------------------------------
# Command lines
# ---------------------------------------------------------------------------------------------


def make_parser(doc: str | None) -> argparse.ArgumentParser:
    """The parser of a benchmark: its module docstring, which says what it measures and against what,
    is its --help, laid out as written."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def key_value(text: str) -> tuple[str, Any]:
    """KEY=VALUE, the value read as JSON when it parses (3, 0.5, true, "x") and as a string otherwise."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip().replace("-", "_"), value
