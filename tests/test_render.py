"""Every output format on one report model: hand-built reports exercise every field (entity claims,
frames, syndicated copies, revisions) without the models; the session reports check real output."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

import checker
from checker.formats import CSV_COLUMNS, render, to_csv, to_json, to_jsonl, to_markdown
from checker.models import (
    Claim,
    EntityClaim,
    Finding,
    FindingKind,
    Frame,
    MajorityFigure,
    Quantity,
    Report,
    ReportStats,
    Severity,
    SkippedInput,
    Slot,
    SyndicatedCopy,
    TimeScope,
)
from checker.report.html import to_html
from checker.report.render import OutputFormat, date_label, highlight, md_escape, safe_url, sources
from checker.report.text import claims_table, record_text

KYIV = timezone(timedelta(hours=3))
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def make_claim(
    cid: str,
    outlet: str | None,
    sentence: str,
    figure: str,
    value: float,
    *,
    published: datetime | None = None,
    unit: str | None = "drone",
    url: str | None = None,
    frame: Frame | None = None,
    carried_by: list[str] | None = None,
    offset: int = 40,
) -> Claim:
    """A claim whose sentence starts `offset` characters into its article."""
    at = offset + sentence.index(figure)
    quantity = Quantity(
        value=value, low=value, high=value, unit=unit, surface=figure, start=at, end=at + len(figure)
    )
    return Claim(
        id=f"{cid}@{at}",
        article_id=cid,
        source=outlet,
        url=url,
        published=published,
        sentence=sentence,
        sentence_start=offset,
        start=at,
        end=at + len(figure),
        text=figure,
        quantity=quantity,
        counted="drones",
        predicate="shoot down",
        context=sentence.replace(figure, "#"),
        frame=frame or Frame(),
        carried_by=carried_by or [],
    )


def make_entity(
    eid: str, outlet: str, sentence: str, entity: str, canonical: str, published: datetime
) -> EntityClaim:
    at = 10 + sentence.index(entity)
    return EntityClaim(
        id=f"{eid}@{at}",
        article_id=eid,
        source=outlet,
        published=published,
        sentence=sentence,
        sentence_start=10,
        start=at,
        end=at + len(entity),
        text=entity,
        label="GPE",
        canonical=canonical,
        subject=Slot(text="talks", norm="talk"),
        relation="held in",
        time=TimeScope(text="on Friday", start=date(2025, 5, 16), end=date(2025, 5, 16)),
    )


FRAME = Frame(
    counted=Slot(text="Ukrainian drones", norm="drone"),
    predicate=Slot(text="shot down", norm="shoot down"),
    actor=Slot(text="air defences", norm="air defence"),
    place=Slot(text="over Moscow", norm="moscow"),
    time=TimeScope(text="overnight", start=date(2025, 5, 21), end=date(2025, 5, 22)),
    claimant=Slot(text="the Defence Ministry", norm="defence ministry"),
    concept="drone shoot",
)


def sample_report() -> Report:
    day = datetime(2025, 5, 22, 9, 0, tzinfo=KYIV)
    drones = [
        make_claim(
            "wire/a",
            "Bosphorus Wire",
            "Air defences shot down 105 Ukrainian drones overnight, the ministry said.",
            "105",
            105,
            published=day,
            url="https://bosphorus.example/a",
            frame=FRAME,
            carried_by=["Copy Times"],
        ),
        make_claim(
            "news/b",
            "Kyiv Ledger",
            "The ministry said 105 drones were shot down.",
            "105",
            105,
            published=day + timedelta(hours=2),
            url="https://kyiv.example/b",
        ),
        make_claim(
            "radio/c",
            '=HYPERLINK("http://x")',
            "Russia says it shot down 150 drones overnight.",
            "150",
            150,
            published=day + timedelta(hours=5),
            url="javascript:alert(3)",
        ),
    ]
    toll = [
        make_claim("news/d", "Kyiv Ledger", "Five people were killed, officials said.", "Five", 5, unit=None),
        make_claim(
            "news/e",
            "Kyiv Ledger",
            "The death toll rose to 7 on Friday.",
            "7",
            7,
            unit=None,
            published=day + timedelta(days=1),
        ),
    ]
    talks_day = datetime(2025, 5, 16, 12, tzinfo=UTC)
    places = [
        make_entity(
            "wire/f",
            "Bosphorus Wire",
            "The talks were held in Istanbul on Friday.",
            "Istanbul",
            "Istanbul",
            talks_day,
        ),
        make_entity(
            "news/g", "Evening Courier", "Delegates met in Ankara on Friday.", "Ankara", "Ankara", talks_day
        ),
    ]
    findings = [
        Finding(
            kind=FindingKind.CONFLICT,
            severity=Severity.HIGH,
            reason="Same fact: drones shot down. '105' in 2 outlets vs '150': 105 and 150 do not overlap.",
            fact="Ukrainian drones (shoot down)",
            claims=drones,
            majority=MajorityFigure(text="105", value=105, sources=2),
            outliers=[drones[2].id],
            shared={"counted": "Ukrainian drones", "predicate": "shot down"},
        ),
        Finding(
            kind=FindingKind.REVISION,
            severity=Severity.LOW,
            reason="A death toll that rose from 5 to 7 as counting went on.",
            fact="people (kill)",
            claims=toll,
            latest=toll[1].id,
        ),
        Finding(
            kind=FindingKind.ENTITY_CONFLICT,
            severity=Severity.MEDIUM,
            reason="Where the talks were held: Istanbul and Ankara are different places.",
            fact="talks (held in)",
            claims=[],
            entity_claims=places,
        ),
    ]
    return Report(
        checker_version=checker.__version__,
        generated_at=datetime(2025, 5, 23, tzinfo=UTC),
        options={},
        stats=ReportStats(
            articles=7,
            skipped=1,
            claims=5,
            entity_claims=2,
            clusters=3,
            findings=3,
            findings_by_kind={"conflict": 1, "revision": 1, "entity_conflict": 1},
        ),
        articles=[],
        skipped=[SkippedInput(path="feeds/bad.jsonl", line=3, reason="not JSON")],
        findings=findings,
        syndicated=[
            SyndicatedCopy(
                original="wire/a", copies=["copy/a"], outlets=["Bosphorus Wire", "Copy Times"], similarity=97
            )
        ],
    )


def test_highlight_cuts_the_sentence_at_the_figure():
    report = sample_report()
    for finding in report.findings:
        for claim in sources(finding):
            h = highlight(claim)
            assert h.figure == claim.text
            assert h.before + h.figure + h.after == claim.sentence
    broken = report.findings[0].claims[0].model_copy(update={"sentence_start": 0})
    assert highlight(broken).figure == "105", (
        "offsets outside the sentence fall back to the figure as written"
    )


def test_safe_url_and_markdown_escape():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url(" https://example.org/a ") == "https://example.org/a"
    assert md_escape("[x](javascript:y) <b>*") == r"\[x\](javascript:y) \<b\>\*"
    assert date_label(datetime(2025, 5, 22, 9, 0, tzinfo=KYIV)) == "2025-05-22 09:00 +03:00"
    assert date_label(None) == "no date"


def test_markdown_shows_every_finding_with_its_sources():
    md = to_markdown(sample_report())
    assert "7 articles, 1 skipped, 5 claims, 2 entity claims, 3 clusters, 3 findings" in md
    assert "## 1. conflict (high): Ukrainian drones (shoot down)" in md
    assert "Majority: **105** in 2 sources." in md
    assert "One fact because they share: counted 'Ukrainian drones'; predicate 'shot down'." in md
    assert "shot down **105** Ukrainian drones" in md
    assert "[Bosphorus Wire](<https://bosphorus.example/a>) (also carried by Copy Times)" in md
    assert "| 150 (outlier) |" in md and "javascript" not in md
    assert "| 7 (latest) |" in md and "| no date |" in md
    assert "## 3. entity_conflict (medium)" in md and "Delegates met in **Ankara** on Friday." in md
    assert "## Syndicated copies" in md and "## Skipped inputs" in md and "feeds/bad.jsonl:3" in md


def test_table_shows_kind_reason_majority_and_sources():
    text = render(sample_report(), OutputFormat.TABLE, width=160)
    for expected in [
        "conflict · high",
        "revision · low",
        "entity_conflict · medium",
        "majority: 105 in 2 sources",
        "one fact: counted 'Ukrainian drones'",
        "also: Copy Times",
        "outlier",
        "latest",
        "Ankara",
        "2025-05-22 09:00 +03:00",
        "entity claims",
        "syndicated: wire/a",
        "skipped feeds/bad.jsonl:3",
    ]:
        assert expected in text, expected


def test_json_and_jsonl_round_trip():
    report = sample_report()
    assert Report.model_validate_json(to_json(report)) == report
    lines = to_jsonl(report.findings).splitlines()
    assert [Finding.model_validate_json(line) for line in lines] == report.findings
    entity = json.loads(lines[2])
    assert entity["claims"] == [] and entity["entity_claims"][1]["canonical"] == "Ankara"
    assert json.loads(lines[0])["claims"][0]["frame"]["claimant"]["text"] == "the Defence Ministry"
    assert json.loads(lines[1])["latest"].startswith("news/e@")


def test_csv_has_one_row_per_claim_and_defuses_formulas():
    report = sample_report()
    rows = list(csv.DictReader(io.StringIO(to_csv(report.findings))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(sources(f)) for f in report.findings)
    first = rows[0]
    assert first["sentence"][int(first["figure_start"]) : int(first["figure_end"])] == "105"
    assert (first["actor"], first["place"], first["claimant"]) == (
        "air defences",
        "over Moscow",
        "the Defence Ministry",
    )
    assert first["time"] == "overnight (2025-05-21..2025-05-22)" and first["carried_by"] == "Copy Times"
    assert rows[2]["outlet"].startswith("'=HYPERLINK") and rows[2]["role"] == "outlier"
    assert rows[4]["role"] == "latest" and rows[4]["value"] == "7.0"
    assert (rows[6]["figure"], rows[6]["canonical"], rows[6]["predicate"]) == ("Ankara", "Ankara", "held in")


def test_html_escapes_article_text_and_allows_only_its_own_script():
    report = sample_report()
    claim = report.findings[0].claims[1]
    evil = claim.model_copy(update={"sentence": f"{PAYLOAD} {claim.sentence}", "source": PAYLOAD})
    evil = evil.model_copy(update={"sentence_start": claim.sentence_start - len(PAYLOAD) - 1})
    report.findings[0].claims[1] = evil
    page = to_html(report)
    assert "<script>alert" not in page and "<img" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript' not in page.lower()
    assert page.count("<script>") == 1
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found
    csp = html.unescape(found.group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp, "the page's own script is the only one allowed"
    assert "<mark>105</mark>" in page and "<mark>Ankara</mark>" in page


def test_html_cards_show_roles_frames_and_charts():
    page = to_html(sample_report())
    assert page.count('<article class="card') == 3
    assert page.count('class="dot ') == 7 + 3, "one dot per source plus one per legend entry"
    assert "no date" in page, "an undated source gets its own column in the chart"
    for expected in [
        'data-stat="entity claims">2<',
        "Also carried by Copy Times",
        "the Defence Ministry",
        "role-latest",
        "role-outlier",
        "Syndicated copies",
        "feeds/bad.jsonl:3",
        "held in",
    ]:
        assert expected in page, expected


def test_extract_table_shows_the_frame():
    claim = sample_report().findings[0].claims[0]
    text = record_text(lambda console: console.print(claims_table([claim])), width=200)
    for slot in [
        "counted",
        "predicate",
        "actor: air defences",
        "place: over Moscow",
        "time: overnight",
        "claimant: the Defence Ministry",
        "concept: drone shoot",
    ]:
        assert slot in text, slot


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders_a_real_report(istanbul_report: Report, fmt: OutputFormat):
    out = render(istanbul_report, fmt, width=250)
    for finding in istanbul_report.findings:
        assert finding.kind.value in out
        for claim in finding.claims:
            assert claim.outlet in out
    if fmt is OutputFormat.MARKDOWN:
        for claim in (c for f in istanbul_report.findings for c in f.claims):
            assert f"**{md_escape(claim.text)}**" in out
    if fmt is OutputFormat.JSONL:
        assert len(out.splitlines()) == len(istanbul_report.findings)
