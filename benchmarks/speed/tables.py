"""The tables `throughput.py` prints: a run's figures and stage timings, and a run per size with each
size's time against the previous one's.
"""

from __future__ import annotations

from typing import Any


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
    ("  by findings on one event", "caught_by_findings_on_one_event", 0),
    ("seconds", "seconds", 2),
    ("articles/s", "articles_per_s", 1),
    ("claims/s", "claims_per_s", 1),
    ("RSS before MB", "rss_before_mb", 0),
    ("peak RSS MB", "peak_rss_mb", 0),
    ("RSS growth MB", "rss_growth_mb", 0),
    ("a worker's peak RSS MB", "workers_peak_rss_mb", 0),
    ("with the workers MB", "most_with_workers_mb", 0),
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
    lines += _memory_lines(figures)
    return "\n".join(lines)


def _memory_lines(figures: dict[str, Any]) -> list[str]:
    """The RSS at the end of each stage and the high-water mark by then: where the peak was reached."""
    by_stage = figures.get("memory_by_stage") or {}
    if not by_stage:
        return []
    width = max(len(k) for k in by_stage)
    lines = ["", f"  {'stage':<{width}}  {'RSS MB at end':>13}  {'peak MB by then':>15}"]
    for stage, seen in by_stage.items():
        lines.append(f"  {stage:<{width}}  {seen['rss_mb']:13,.0f}  {seen['peak_mb']:15,.0f}")
    lines.append(f"  peak reached in: {figures.get('peak_stage') or 'n/a'}")
    return lines


def render_sizes(results: list[dict[str, Any]]) -> str:
    """Time, rate, peak RSS and each stage's seconds at every size, and each size's time against the
    previous one's: a linear check grows by the ratio of the sizes, a quadratic one by its square."""
    stages = sorted({stage for r in results for stage in r["timings"]})
    header = ["articles", "seconds", "x prev", "size x", "articles/s", "peak RSS MB", "peak in"]
    header += ["+workers MB"]
    header += [*stages, "mixing"]
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
                fmt(f.get("peak_stage")),
                fmt(f.get("most_with_workers_mb"), 0),
                *(fmt(r["timings"].get(stage)) for stage in stages),
                fmt(f.get("findings_mixing_events")),
            ]
        )
        previous = r
    widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)
