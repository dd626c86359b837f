"""Report output: the JSON contract, Markdown for tickets and chat, and rich tables for terminals.

Everything that comes from an article (titles, sentences, outlets, URLs) is untrusted text: Markdown
output escapes it, and rich markup in it is never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.models import Claim, Finding, Report

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_SAFE_SCHEMES = ("http://", "https://")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def md_escape(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", (text or "").replace("\n", " "))


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a `javascript:` URL in an article never does."""
    return url if url and url.strip().lower().startswith(_SAFE_SCHEMES) else None


def _date(claim: Claim) -> str:
    return claim.published.isoformat() if claim.published else "no date"


def _highlight_md(claim: Claim) -> str:
    rel_start = claim.start - claim.sentence_start
    rel_end = claim.end - claim.sentence_start
    s = claim.sentence
    return f"{md_escape(s[:rel_start])}**{md_escape(s[rel_start:rel_end])}**{md_escape(s[rel_end:])}"


def to_markdown(report: Report) -> str:
    st = report.stats
    lines = [
        "# checker report",
        "",
        f"{st.articles} articles read, {st.skipped} inputs skipped, {st.claims} claims, "
        f"{st.clusters} clusters, {st.findings} findings.",
        "",
    ]
    for n, finding in enumerate(report.findings, start=1):
        lines += [f"## {n}. {finding.kind.value} ({finding.severity.value}): {md_escape(finding.fact)}", ""]
        lines += [md_escape(finding.reason), ""]
        if finding.majority:
            lines += [
                f"Majority: **{md_escape(finding.majority.text)}** in {finding.majority.sources} sources.",
                "",
            ]
        lines += ["| outlet | date | figure | sentence |", "|---|---|---|---|"]
        for c in finding.claims:
            outlet = md_escape(c.outlet)
            url = safe_url(c.url)
            if url:
                outlet = f"[{outlet}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
            marker = " (outlier)" if c.id in finding.outliers else ""
            lines.append(f"| {outlet} | {_date(c)} | {md_escape(c.text)}{marker} | {_highlight_md(c)} |")
        lines.append("")
    if report.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [
            f"- {md_escape(s.path)}{f':{s.line}' if s.line else ''}: {md_escape(s.reason)}"
            for s in report.skipped
        ]
        lines.append("")
    return "\n".join(lines)


def _highlight_rich(claim: Claim) -> Text:
    text = Text(claim.sentence)
    text.stylize("bold reverse", claim.start - claim.sentence_start, claim.end - claim.sentence_start)
    return text


def finding_panel(n: int, finding: Finding) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("outlet", ratio=2)
    table.add_column("date", ratio=2)
    table.add_column("figure", ratio=1)
    table.add_column("sentence", ratio=7)
    for c in finding.claims:
        figure = Text(c.text, style="bold red" if c.id in finding.outliers else "bold")
        table.add_row(Text(c.outlet), Text(_date(c)[:16]), figure, _highlight_rich(c))
    title = f"{n}. {finding.kind.value} · {finding.severity.value} · {escape(finding.fact)}"
    return Panel(Group(Text(finding.reason), table), title=title, title_align="left")


def print_table(report: Report, console: Console) -> None:
    st = report.stats
    summary = Table.grid(padding=(0, 2))
    for label, value in [
        ("articles", st.articles),
        ("skipped", st.skipped),
        ("claims", st.claims),
        ("clusters", st.clusters),
        ("findings", st.findings),
    ]:
        summary.add_row(label, str(value))
    console.print(summary)
    for n, finding in enumerate(report.findings, start=1):
        console.print(finding_panel(n, finding))
    if not report.findings:
        console.print("No conflicting figures found.")
    for s in report.skipped:
        console.print(Text(f"skipped {s.path}{f':{s.line}' if s.line else ''}: {s.reason}", style="yellow"))


def claims_table(claims: Sequence[Claim]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True)
    for col in ("article", "figure", "value", "unit", "counted", "predicate", "sentence"):
        table.add_column(col)
    for c in claims:
        q = c.quantity
        bounds = f"{q.low if q.low is not None else '-∞'}..{q.high if q.high is not None else '∞'}"
        table.add_row(
            Text(c.article_id),
            Text(c.text),
            f"{q.value:g} ({q.qualifier.value}; {bounds})",
            Text(q.unit or ""),
            Text(c.counted or ""),
            Text(c.predicate or ""),
            _highlight_rich(c),
        )
    return table
