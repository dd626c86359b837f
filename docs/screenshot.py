"""Regenerate docs/report.png: the HTML report on datasets/istanbul-talks, as headless Chromium shows it.

    python docs/screenshot.py                      # runs checker on the bundled archive
    python docs/screenshot.py --report report.json # or renders a JSON report made earlier

Needs the dev extra (playwright) and Debian's chromium at /usr/bin/chromium (`apt-get install chromium`);
no browser is downloaded.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import checker
from checker.report.html import to_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def screenshot(html: str, out: Path, *, width: int = 1100, height: int = 1500) -> None:
    """Open `html` in a throwaway Chromium profile and save the top of the page as a PNG."""
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
            color_scheme="light",
        )
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.screenshot(path=str(out), full_page=False)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="a JSON report to render instead of running checker")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    if args.report:
        report = checker.Report.model_validate_json(args.report.read_text("utf-8"))
    else:
        report = checker.check(ROOT / "datasets" / "istanbul-talks" / "articles")
    screenshot(to_html(report), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
