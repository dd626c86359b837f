"""The HTML report in a real browser: Debian's headless Chromium driven by plain playwright.sync_api.

No browser is downloaded: the tests use /usr/bin/chromium (`.ci/run` installs it when it is missing) and
skip, with the reason, where it is absent.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.models import Article, FindingKind, Report
from checker.report.html import to_html
from checker.report.render import outlets

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module, with a throwaway profile (--user-data-dir)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does this)")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield context
        context.close()


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """Open a report's HTML file in a new page; collects console errors, page errors and dialogs."""
    pages = []

    def open_(report: Report, name: str = "report.html") -> Any:
        path = tmp_path / name
        path.write_text(to_html(report), encoding="utf-8")
        page = browser.new_page()
        page.problems = []
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def _visible_cards(page: Any) -> int:
    return int(page.locator("article.card:visible").count())


def test_report_in_the_browser(istanbul_report: Report, open_report: Any, tmp_path: Path):
    page = open_report(istanbul_report)
    for label, value in [
        ("articles", istanbul_report.stats.articles),
        ("skipped", istanbul_report.stats.skipped),
        ("claims", istanbul_report.stats.claims),
        ("clusters", istanbul_report.stats.clusters),
        ("findings", istanbul_report.stats.findings),
    ]:
        assert page.locator(f'[data-stat="{label}"]').inner_text() == str(value), label
    findings = istanbul_report.findings
    assert findings, "the bundled archive has planted conflicts"
    assert _visible_cards(page) == len(findings)
    assert page.locator("mark").count() >= sum(len(f.claims) for f in findings)
    assert page.locator("svg.chart").count() == len(findings)

    kind = findings[0].kind.value
    of_kind = sum(f.kind.value == kind for f in findings)
    page.locator("label.chip", has_text=kind).click()
    assert _visible_cards(page) == len(findings) - of_kind
    shown = page.locator("#shown").inner_text()
    assert shown == f"{len(findings) - of_kind} of {len(findings)} findings shown"
    page.locator("label.chip", has_text=kind).click()
    assert _visible_cards(page) == len(findings)

    outlet = outlets(findings[-1])[0]
    page.select_option("#outlet", outlet)
    assert _visible_cards(page) == sum(outlet in outlets(f) for f in findings)
    page.select_option("#outlet", "")

    page.locator("th button", has_text="outlets").click()
    counts = [int(x) for x in page.locator("#findings-table tbody td:nth-child(8)").all_inner_texts()]
    assert counts == sorted(counts)
    page.locator("th button", has_text="outlets").click()
    counts = [int(x) for x in page.locator("#findings-table tbody td:nth-child(8)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)

    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.problems == [], "no script error and no blocked resource"


def test_report_fits_a_phone_and_prints(istanbul_report: Report, open_report: Any, tmp_path: Path):
    page = open_report(istanbul_report)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing wider than the screen"
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.emulate_media(media="print")
    assert not page.locator(".filters").is_visible(), "no controls on paper"
    assert _visible_cards(page) == len(istanbul_report.findings)
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def _hostile(n: int, figure: str, when: datetime) -> Article:
    payloads = f'<script>window.__xss = {n}</script><img src=x onerror="window.__xss = {n + 10}">'
    return Article(
        id=f"hostile-{n}",
        source=f"Evil {payloads} News {n}",
        url=f"javascript:window.__xss={n + 20}" if n == 1 else f" JaVaScRiPt:window.__xss={n + 20}",
        published=when,
        title=f"Drones {payloads}",
        text=(
            f"Drone night {payloads}\n\n"
            f"Russia's Defence Ministry said its air defences shot down {figure} Ukrainian drones "
            f"overnight {payloads} over the Moscow region.\n\n"
            f"Officials gave no other details. {payloads}"
        ),
    )


def test_article_payloads_never_run(open_report: Any):
    when = datetime.fromisoformat("2025-05-22T09:00:00+03:00")
    report = checker.check([_hostile(1, "105", when), _hostile(2, "150", when)])
    assert any(f.kind is FindingKind.CONFLICT for f in report.findings), "the payloads reach a finding card"
    page = open_report(report)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("script").count() == 1, "only the report's own script"
    assert page.locator("img").count() == 0
    assert page.locator('a[href^="javascript" i], a[href*="javascript:" i]').count() == 0
    assert "<script>window.__xss = 1</script>" in page.locator("body").inner_text()
    page.locator("article.card .outlet").first.click()
    page.locator("label.chip").first.click()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.problems == []
