"""A small inline SVG for a finding: one row per outlet, publication time across, each figure a dot
labelled as written, the dots that carry the majority figure filled.

Rows per outlet rather than a value axis: figures in different units, entities and open bounds all
place the same way, and labels never pile up on one another. Built with ElementTree, which escapes
every text and attribute, so an outlet name from an article can never become markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from checker.models import Finding
from checker.report.render import SourceClaim, figure_label, roles, sources

WIDTH = 640
ROW = 26
LABEL_W = 170  # outlet names, left
PAD_R = 90  # room for the figure label of the latest dot
UNDATED_W = 70  # a column at the right for sources without a date
TOP, AXIS_H, LEGEND_H = 10, 24, 22


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def _tick_label(dt: datetime, span_days: float) -> str:
    return f"{dt:%d %b %H:%M}" if span_days < 3 else f"{dt:%d %b}"


def _dot_class(finding: Finding, claim: SourceClaim) -> str:
    marks = roles(finding, claim)
    if "outlier" in marks:
        return "dot outlier"
    if "latest" in marks:
        return "dot latest"
    return "dot majority" if "majority" in marks else "dot other"


def finding_chart(finding: Finding) -> str:
    """The SVG markup of one finding's chart."""
    claims = sources(finding)
    rows = list(dict.fromkeys(c.outlet for c in claims))
    dated = [_utc(c.published) for c in claims if c.published]
    has_undated = len(dated) < len(claims)
    height = TOP + ROW * len(rows) + AXIS_H + LEGEND_H
    plot_l, plot_r = LABEL_W, WIDTH - PAD_R - (UNDATED_W if has_undated else 0)
    t0, t1 = (min(dated), max(dated)) if dated else (None, None)
    span = (t1 - t0).total_seconds() if t0 and t1 else 0.0

    def x_of(dt: datetime | None) -> float:
        if dt is None:
            return WIDTH - PAD_R - UNDATED_W / 2
        if t0 is None or span == 0:
            return (plot_l + plot_r) / 2
        return plot_l + 10 + (plot_r - plot_l - 20) * (_utc(dt) - t0).total_seconds() / span

    label = f"Figures for {finding.fact} by outlet over publication time"
    svg = ET.Element(
        "svg",
        {"viewBox": f"0 0 {WIDTH} {height}", "role": "img", "aria-label": label, "class": "chart"},
    )
    _sub(svg, "title", label)
    axis_y = TOP + ROW * len(rows)
    for i, outlet in enumerate(rows):
        y = TOP + ROW * i + ROW / 2
        _sub(svg, "line", x1=plot_l, x2=WIDTH - PAD_R + 40, y1=y, y2=y, class_="row")
        name = _sub(svg, "text", _short(outlet, 26), x=LABEL_W - 8, y=y + 4, class_="outlet")
        _sub(name, "title", outlet)
    _sub(svg, "line", x1=plot_l, x2=plot_r, y1=axis_y, y2=axis_y, class_="axis")
    if t0 is not None and t1 is not None:
        ticks = (
            [(t0, "tick")]
            if span == 0
            else [(t0, "tick start"), (t0 + (t1 - t0) / 2, "tick"), (t1, "tick end")]
        )
        for tick, cls in ticks:
            x = x_of(tick)
            _sub(svg, "line", x1=x, x2=x, y1=axis_y, y2=axis_y + 4, class_="axis")
            _sub(svg, "text", _tick_label(tick, span / 86400), x=x, y=axis_y + 16, class_=cls)
    _sub(svg, "text", "published, UTC", x=LABEL_W - 8, y=axis_y + 16, class_="outlet tick-title")
    if has_undated:
        _sub(svg, "text", "no date", x=x_of(None), y=axis_y + 16, class_="tick")
    for c in claims:
        x, y = x_of(c.published), TOP + ROW * rows.index(c.outlet) + ROW / 2
        dot = _sub(svg, "circle", cx=f"{x:.1f}", cy=y, r=6, class_=_dot_class(finding, c))
        _sub(dot, "title", f"{c.outlet} · {c.published.isoformat() if c.published else 'no date'} · {c.text}")
        _sub(svg, "text", _short(figure_label(c), 18), x=f"{x + 10:.1f}", y=y + 4, class_="figure")
    legend_y = axis_y + AXIS_H + 12
    entries = []
    if finding.majority is not None:
        entries.append(("dot majority", f"majority figure {finding.majority.text}"))
    if finding.outliers:
        entries.append(("dot outlier", "differs"))
    if finding.latest is not None:
        entries.append(("dot latest", "latest"))
    x = float(LABEL_W)
    for cls, text in entries:
        _sub(svg, "circle", cx=x, cy=legend_y - 4, r=5, class_=cls)
        _sub(svg, "text", _short(text, 40), x=x + 9, y=legend_y, class_="legend")
        x += 30 + 7 * min(len(text), 40)
    return ET.tostring(svg, encoding="unicode")
