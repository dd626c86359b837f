"""The terminal view: a summary, then one panel per finding with its sources side by side.

Text from articles goes into rich `Text` objects, so markup in an article is shown, never interpreted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from checker.models import Claim, EntityClaim, Finding, Report
from checker.report.render import (
    SourceClaim,
    carried_by,
    claim_slots,
    date_label,
    figure_label,
    highlight,
    kind_counts,
    roles,
    safe_url,
    sources,
    summary_items,
)

_ROLE_STYLE = {"outlier": "bold red", "latest": "bold green", "majority": "bold"}


def highlighted(claim: SourceClaim) -> Text:
    h = highlight(claim)
    text = Text(h.before)
    text.append(h.figure, style="bold reverse")
    text.append(h.after)
    return text


def _outlet_cell(claim: SourceClaim) -> Text:
    """The outlet, a terminal hyperlink to the story when its URL is http(s)."""
    url = safe_url(claim.url)
    text = Text(claim.outlet, style=Style(link=url) if url else "")
    also = carried_by(claim)
    if also:
        text.append(f"\nalso: {', '.join(also)}", style="dim")
    return text


def _figure_cell(finding: Finding, claim: SourceClaim) -> Text:
    marks = roles(finding, claim)
    style = next((_ROLE_STYLE[r] for r in marks if r != "majority"), "bold")
    text = Text(figure_label(claim), style=style)
    for mark in marks:
        if mark != "majority":
            text.append(f"\n{mark}", style="dim")
    return text


def finding_panel(n: int, finding: Finding) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("outlet", ratio=2)
    table.add_column("date", ratio=2)
    table.add_column("figure", max_width=18)  # sized to the figures, so a role mark never gets cut
    table.add_column("sentence", ratio=7)
    for c in sources(finding):
        table.add_row(
            _outlet_cell(c), Text(date_label(c.published)), _figure_cell(finding, c), highlighted(c)
        )
    parts: list[Text | Table] = [Text(finding.reason)]
    if finding.majority:
        m = finding.majority
        parts.append(Text.assemble("majority: ", (m.text, "bold"), f" in {m.sources} sources"))
    if finding.shared:
        parts.append(Text("one fact: " + "; ".join(f"{k} '{v}'" for k, v in finding.shared.items())))
    parts.append(table)
    sure = "" if finding.confidence is None else f" · confidence {finding.confidence:.2f}"
    title = Text(f"{n}. {finding.kind.value} · {finding.severity.value}{sure} · {finding.fact}")
    return Panel(Group(*parts), title=title, title_align="left")


def print_findings(findings: Sequence[Finding], console: Console) -> None:
    for n, finding in enumerate(findings, start=1):
        console.print(finding_panel(n, finding))
    if not findings:
        console.print("No conflicting figures found.")


def print_table(report: Report, console: Console) -> None:
    summary = Table.grid(padding=(0, 2))
    for label, value in summary_items(report):
        summary.add_row(label, str(value))
    for kind, count in kind_counts(report).items():
        summary.add_row(f"  {kind}", str(count))
    console.print(summary)
    print_findings(report.findings, console)
    for copy in report.syndicated:
        also = ", ".join(copy.copies)
        console.print(Text(f"syndicated: {copy.original} also ran as {also} ({', '.join(copy.outlets)})"))
    for s in report.skipped:
        console.print(Text(f"skipped {s.path}{f':{s.line}' if s.line else ''}: {s.reason}", style="yellow"))


def record_text(draw: Callable[[Console], None], *, width: int = 120) -> str:
    """What `draw` prints, as plain text without colour, for writing to a file."""
    with open(os.devnull, "w") as sink:
        console = Console(file=sink, record=True, width=width, no_color=True)
        draw(console)
        return console.export_text()


def table_text(report: Report, *, width: int = 120) -> str:
    return record_text(lambda console: print_table(report, console), width=width)


def _frame_cell(claim: Claim) -> Text:
    text = Text()
    for i, (slot, words) in enumerate(claim_slots(claim)):
        text.append(("\n" if i else "") + f"{slot}: ", style="dim")
        text.append(words)
    return text


def entity_claims_table(claims: Sequence[EntityClaim]) -> Table:
    """`checker extract`: each entity claim as (subject, relation, entity), canonical name and sentence."""
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("article", ratio=2)
    table.add_column("entity", ratio=2)
    table.add_column("claim", ratio=3)
    table.add_column("sentence", ratio=6)
    for c in claims:
        when = f"\ntime: {c.time.text} ({c.time.start:%d %b %Y})" if c.time else ""
        table.add_row(
            Text(c.article_id),
            Text(f"{c.text}\n= {c.canonical} ({c.label})"),
            Text(f"{c.subject.text} | {c.relation} | {c.text}{when}"),
            highlighted(c),
        )
    return table


def claims_table(claims: Sequence[Claim]) -> Table:
    """`checker extract`: each figure, its interval and unit, what it is about, and its sentence."""
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("article", ratio=2)
    table.add_column("figure", ratio=2)
    table.add_column("value", ratio=2)
    table.add_column("frame", ratio=3)
    table.add_column("sentence", ratio=6)
    for c in claims:
        q = c.quantity
        bounds = f"{q.low if q.low is not None else '-∞'}..{q.high if q.high is not None else '∞'}"
        unit = f" {q.unit}" if q.unit else ""
        table.add_row(
            Text(c.article_id),
            Text(c.text),
            Text(f"{q.value:g}{unit}\n{q.qualifier.value} {bounds}"),
            _frame_cell(c),
            highlighted(c),
        )
    return table
