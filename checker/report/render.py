"""What every output format shows of a finding, worked out once so that the formats cannot drift apart.

A finding's sources are its numeric claims or, for an entity conflict, its entity claims; each source is
shown with its outlet, date, link and its sentence split around the figure. Everything that comes from an
article is untrusted text: each format escapes it its own way, and only http(s) URLs ever become links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import quote

from checker.models import Claim, EntityClaim, Finding, Frame, Report

#: a numeric claim or an entity claim: the fields the formats read are common to both
SourceClaim = Claim | EntityClaim

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_SAFE_SCHEMES = ("http://", "https://")
#: characters left as they are when a URL is written into Markdown; the rest are percent-encoded
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"


def md_escape(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", (text or "").replace("\r", " ").replace("\n", " "))


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a `javascript:` URL in an article never does."""
    if not url:
        return None
    url = url.strip()
    return url if url.lower().startswith(_SAFE_SCHEMES) else None


def md_url(url: str) -> str:
    """A safe URL percent-encoded for a Markdown link destination (no spaces, brackets or newlines)."""
    return quote(url, safe=_URL_SAFE)


@dataclass(frozen=True)
class Highlight:
    """A source sentence cut around its figure."""

    before: str
    figure: str
    after: str


def highlight(claim: SourceClaim) -> Highlight:
    """The sentence split at the figure's offsets; if they fall outside it, at the figure as written."""
    s = claim.sentence
    start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    if not (0 <= start < end <= len(s)) or s[start:end] != claim.text:
        found = s.find(claim.text) if claim.text else -1
        if found < 0:
            return Highlight(s, "", "")
        start, end = found, found + len(claim.text)
    return Highlight(s[:start], s[start:end], s[end:])


def date_label(published: datetime | None) -> str:
    """'2025-05-22 07:10 -04:00': the day, the time and the offset the source gave, if any."""
    if published is None:
        return "no date"
    label = f"{published:%Y-%m-%d %H:%M}"
    offset = published.isoformat(timespec="minutes")[16:]
    return f"{label} {offset}" if offset else label


def sources(finding: Finding) -> list[SourceClaim]:
    """The claims a finding rests on: numeric claims, then entity claims."""
    return [*finding.claims, *finding.entity_claims]


def roles(finding: Finding, claim: SourceClaim) -> list[str]:
    """How a source stands in its finding: 'outlier', 'majority' (agrees with it), 'latest'."""
    found = []
    if claim.id in finding.outliers:
        found.append("outlier")
    elif finding.majority is not None:
        found.append("majority")
    if finding.latest is not None and claim.id == finding.latest:
        found.append("latest")
    return found


def figure_label(claim: SourceClaim) -> str:
    """The figure as written; for an entity, with its canonical name when that differs."""
    if isinstance(claim, EntityClaim) and claim.canonical and claim.canonical != claim.text:
        return f"{claim.text} (= {claim.canonical})"
    return claim.text


def carried_by(claim: SourceClaim) -> list[str]:
    return claim.carried_by if isinstance(claim, Claim) else []


def frame_slots(frame: Frame) -> list[tuple[str, str]]:
    """The filled slots of a frame as (slot, source words), in the order an editor reads them."""
    slots: list[tuple[str, str]] = []
    for name in ("counted", "predicate", "actor", "place"):
        slot = getattr(frame, name)
        if slot is not None:
            slots.append((name, slot.text))
    if frame.time is not None:
        span = frame.time.start.isoformat()
        if frame.time.end != frame.time.start:
            span += f"..{frame.time.end.isoformat()}"
        slots.append(("time", f"{frame.time.text} ({span})"))
    if frame.claimant is not None:
        slots.append(("claimant", frame.claimant.text))
    if frame.concept:
        slots.append(("concept", frame.concept))
    return slots


def claim_slots(claim: SourceClaim) -> list[tuple[str, str]]:
    """What a source is about: its frame, or for claims without one the counted noun and the verb;
    for an entity claim its subject, relation and time."""
    if isinstance(claim, EntityClaim):
        slots = [("subject", claim.subject.text), ("relation", claim.relation), ("label", claim.label)]
        if claim.time is not None:
            slots.append(("time", claim.time.text))
        return slots
    slots = frame_slots(claim.frame)
    if not slots:
        slots = [(k, v) for k, v in (("counted", claim.counted), ("predicate", claim.predicate)) if v]
    return slots


def outlets(finding: Finding) -> list[str]:
    """The outlets a finding cites, in order of appearance, syndicated copies included."""
    names: dict[str, None] = {}
    for c in sources(finding):
        names[c.outlet] = None
        for other in carried_by(c):
            names[other] = None
    return list(names)


def summary_items(report: Report) -> list[tuple[str, int]]:
    st = report.stats
    return [
        ("articles", st.articles),
        ("skipped", st.skipped),
        ("claims", st.claims),
        ("entity claims", st.entity_claims),
        ("clusters", st.clusters),
        ("findings", st.findings),
    ]


def kind_counts(report: Report) -> dict[str, int]:
    """Findings per kind, counted from the findings themselves (kinds without any are left out)."""
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.kind.value] = counts.get(f.kind.value, 0) + 1
    return counts
