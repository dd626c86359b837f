"""The text formats of a report: the JSON contract, JSON lines and CSV for pipelines, Markdown for a
ticket or a chat message. `render` picks one by name, the HTML page and terminal table included."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from checker.models import Claim, EntityClaim, Finding, Report
from checker.report.html import to_html
from checker.report.render import (
    OutputFormat,
    SourceClaim,
    carried_by,
    claim_slots,
    date_label,
    highlight,
    kind_counts,
    md_escape,
    md_url,
    roles,
    safe_url,
    sources,
    summary_items,
)
from checker.report.text import table_text

#: one row per claim of a finding; frame slots are columns so a spreadsheet can filter on them
CSV_COLUMNS = [
    "finding", "kind", "confidence", "severity", "fact", "reason", "majority", "role", "claim_id",
    "article_id", "outlet", "carried_by", "published", "url", "figure", "value", "low", "high", "unit",
    "canonical", "sentence", "figure_start", "figure_end",
    "counted", "predicate", "actor", "place", "time", "claimant", "concept",
]  # fmt: skip
#: a cell starting with one of these is run as a formula by spreadsheets (CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def findings_json(findings: Sequence[Finding]) -> str:
    """A list of findings, as in the contract's `findings[]` (what `compare` returns)."""
    return json.dumps([f.model_dump(mode="json") for f in findings], indent=2, ensure_ascii=False) + "\n"


def to_jsonl(findings: Sequence[Finding]) -> str:
    """One finding per line, each as in the contract's `findings[]`."""
    return "".join(f.model_dump_json() + "\n" for f in findings)


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _csv_row(n: int, finding: Finding, claim: SourceClaim) -> dict[str, object]:
    h = highlight(claim)
    slots = dict(claim_slots(claim))
    row: dict[str, object] = {
        "finding": n,
        "kind": finding.kind.value,
        "confidence": finding.confidence,
        "severity": finding.severity.value,
        "fact": finding.fact,
        "reason": finding.reason,
        "majority": finding.majority.text if finding.majority else None,
        "role": " ".join(roles(finding, claim)),
        "claim_id": claim.id,
        "article_id": claim.article_id,
        "outlet": claim.outlet,
        "carried_by": "; ".join(carried_by(claim)),
        "published": claim.published.isoformat() if claim.published else None,
        "url": claim.url,
        "figure": claim.text,
        "sentence": claim.sentence,
        "figure_start": len(h.before),
        "figure_end": len(h.before) + len(h.figure),
        **{
            k: slots.get(k) for k in ("counted", "predicate", "actor", "place", "time", "claimant", "concept")
        },
    }
    if isinstance(claim, Claim):
        q = claim.quantity
        row.update(value=q.value, low=q.low, high=q.high, unit=q.unit)
    elif isinstance(claim, EntityClaim):
        row.update(canonical=claim.canonical, counted=claim.subject.text, predicate=claim.relation)
    return row


def to_csv(findings: Sequence[Finding]) -> str:
    """One row per claim in a finding; text that a spreadsheet would run as a formula starts with '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, finding in enumerate(findings, start=1):
        for claim in sources(finding):
            writer.writerow({k: _cell(v) for k, v in _csv_row(n, finding, claim).items()})
    return out.getvalue()


def _md_sentence(claim: SourceClaim) -> str:
    h = highlight(claim)
    figure = f"**{md_escape(h.figure)}**" if h.figure else ""
    return f"{md_escape(h.before)}{figure}{md_escape(h.after)}"


def _md_outlet(claim: SourceClaim) -> str:
    outlet = md_escape(claim.outlet)
    url = safe_url(claim.url)
    if url:
        outlet = f"[{outlet}](<{md_url(url)}>)"
    also = carried_by(claim)
    if also:
        outlet += f" (also carried by {md_escape(', '.join(also))})"
    return outlet


def findings_markdown(findings: Sequence[Finding]) -> list[str]:
    lines: list[str] = []
    for n, finding in enumerate(findings, start=1):
        sure = "" if finding.confidence is None else f", confidence {finding.confidence:.2f}"
        lines += [
            f"## {n}. {finding.kind.value} ({finding.severity.value}{sure}): {md_escape(finding.fact)}",
            "",
        ]
        lines += [md_escape(finding.reason), ""]
        if finding.majority:
            m = finding.majority
            lines += [f"Majority: **{md_escape(m.text)}** in {m.sources} sources.", ""]
        if finding.shared:
            same = "; ".join(f"{md_escape(k)} '{md_escape(v)}'" for k, v in finding.shared.items())
            lines += [f"One fact because they share: {same}.", ""]
        lines += ["| outlet | date | figure | sentence |", "|---|---|---|---|"]
        for c in sources(finding):
            marker = "".join(f" ({r})" for r in roles(finding, c) if r != "majority")
            lines.append(
                f"| {_md_outlet(c)} | {date_label(c.published)} | {md_escape(c.text)}{marker} "
                f"| {_md_sentence(c)} |"
            )
        lines.append("")
    return lines


def to_markdown(report: Report) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in kind_counts(report).items())
    summary = ", ".join(f"{value} {label}" for label, value in summary_items(report))
    lines = ["# checker report", "", f"{summary}{f' ({counts})' if counts else ''}.", ""]
    lines += findings_markdown(report.findings)
    if not report.findings:
        lines += ["No conflicting figures found.", ""]
    if report.syndicated:
        lines += ["## Syndicated copies (counted once)", ""]
        lines += [
            f"- {md_escape(', '.join(s.outlets))}: {md_escape(s.original)} "
            f"(copies: {md_escape(', '.join(s.copies))}; similarity {s.similarity:.0f})"
            for s in report.syndicated
        ]
        lines.append("")
    if report.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [
            f"- {md_escape(s.path)}{f':{s.line}' if s.line else ''}: {md_escape(s.reason)}"
            for s in report.skipped
        ]
        lines.append("")
    return "\n".join(lines)


def render(report: Report, fmt: OutputFormat | str, *, width: int = 120) -> str:
    """The report as text in the given format ('html', 'csv'...); the table is rendered without colour."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.JSON:
        return to_json(report)
    if fmt is OutputFormat.JSONL:
        return to_jsonl(report.findings)
    if fmt is OutputFormat.CSV:
        return to_csv(report.findings)
    if fmt is OutputFormat.MARKDOWN:
        return to_markdown(report)
    if fmt is OutputFormat.HTML:
        return to_html(report)
    return table_text(report, width=width)
