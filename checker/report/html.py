"""The HTML report: one self-contained page a desk can open, filter, share and print.

Jinja2 autoescapes every value taken from an article; only http(s) URLs become links. A Content
Security Policy allows nothing but the page's own inline style and script (by hash), so the page
loads nothing from the network and an injected script could not run even if escaping ever failed.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from checker.models import ArticleSummary, Finding, FindingKind, Report, Severity
from checker.report.chart import finding_chart
from checker.report.render import (
    SourceClaim,
    carried_by,
    claim_slots,
    date_label,
    highlight,
    kind_counts,
    outlets,
    roles,
    safe_url,
    sources,
    summary_items,
)

_SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("checker", "data"),
        autoescape=select_autoescape(["j2", "html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> str:
    return resources.files("checker").joinpath("data", name).read_text("utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, js: str) -> str:
    """Nothing but this page's own style and script; no fetch, no frame, no form, no base URL."""
    return (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _source_view(finding: Finding, claim: SourceClaim, titles: dict[str, str | None]) -> dict[str, Any]:
    h = highlight(claim)
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "title": titles.get(claim.article_id),
        "outlet": claim.outlet,
        "url": safe_url(claim.url),
        "date": date_label(claim.published),
        "iso": claim.published.isoformat() if claim.published else None,
        "roles": roles(finding, claim),
        "before": h.before,
        "figure": h.figure,
        "after": h.after,
        "slots": claim_slots(claim),
        "carried_by": carried_by(claim),
    }


def _finding_view(n: int, finding: Finding, titles: dict[str, str | None]) -> dict[str, Any]:
    cited = sources(finding)
    dated = sorted((c.published.astimezone(UTC), c.published) for c in cited if c.published)
    return {
        "n": n,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "severity_rank": _SEVERITY_RANK[finding.severity],
        "confidence_value": -1 if finding.confidence is None else finding.confidence,
        "confidence_label": "-" if finding.confidence is None else f"{finding.confidence:.2f}",
        "fact": finding.fact,
        "reason": finding.reason,
        "majority": finding.majority,
        "majority_text": finding.majority.text if finding.majority else "",
        "figures": " · ".join(dict.fromkeys(c.text for c in cited)),
        "outlets": outlets(finding),
        "first_published": dated[0][0].isoformat() if dated else "",
        "first_published_label": date_label(dated[0][1]) if dated else "no date",
        "shared": list(finding.shared.items()),
        "chart": Markup(finding_chart(finding)),  # built by ElementTree, which escapes every value
        "sources": [_source_view(finding, c, titles) for c in cited],
    }


def _article_view(a: ArticleSummary) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.source or f"[{a.id}]",
        "url": safe_url(a.url),
        "date": date_label(a.published),
        "title": a.title or "",
        "claims": a.claims,
        "entity_claims": a.entity_claims,
    }


def to_html(report: Report) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    titles = {a.id: a.title for a in report.articles}
    findings = [_finding_view(n, f, titles) for n, f in enumerate(report.findings, start=1)]
    counts = kind_counts(report)
    cited = {name: None for f in findings for name in f["outlets"]}
    template = _environment().get_template("report.html.j2")
    return template.render(
        csp=content_security_policy(css, js),
        css=Markup(css),
        js=Markup(js),
        version=report.checker_version,
        schema=report.schema_version,
        generated=report.generated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summary=summary_items(report),
        kinds=[(k.value, counts.get(k.value, 0)) for k in FindingKind],
        outlets=sorted(cited, key=str.casefold),
        findings=findings,
        syndicated=report.syndicated,
        skipped=report.skipped,
        articles=[_article_view(a) for a in report.articles],
    )
