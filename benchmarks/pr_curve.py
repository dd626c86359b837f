"""The precision-recall curve over the confidence threshold, drawn as a small standalone SVG.

Each half is one line: a point per threshold (0 to 1 in steps of 0.02) at (recall, precision), with the
default threshold marked. Standard library only, so the benchmarks need nothing to draw it.

It draws what a real-news benchmark measured, so it is run through them, not alone:

    python benchmarks/real_news.py --svg gva.svg        # GVA: recall of written-out disagreements
    python benchmarks/ecbplus_recall.py --svg ecb.svg   # ECB+: recall of labelled conflicts and updates

Precision is over the judged findings kept at each threshold, recall over the labelled disagreements.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import benchmarks.*

from benchmarks.common import make_parser

WIDTH, HEIGHT, MARGIN = 520, 400, 60
COLOURS = {"studied": "#1f77b4", "unseen": "#d62728"}


class Curve(Protocol):
    half: str
    threshold: float

    def recall(self, threshold: float | None = None, written: bool = False) -> tuple[int, int]: ...

    def precision(self, threshold: float | None = None) -> tuple[int, int, int]: ...


def points(result: Curve, written: bool, steps: int = 50) -> list[tuple[float, float, float]]:
    """(threshold, recall, precision) where some judged finding is kept."""
    out = []
    for k in range(steps + 1):
        t = k / steps
        hits, total = result.recall(t, written=written)
        right, judged, _ = result.precision(t)
        if total and judged:
            out.append((t, hits / total, right / judged))
    return out


def _xy(recall: float, precision: float) -> tuple[float, float]:
    return MARGIN + recall * (WIDTH - 2 * MARGIN), HEIGHT - MARGIN - precision * (HEIGHT - 2 * MARGIN)


def write_svg(results: Sequence[Curve], path: Path, title: str, written: bool = False) -> None:
    """One line per half; the dot on each line is the default threshold."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif"'
        ' font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>',
    ]
    x0, y0 = _xy(0, 0)
    x1, y1 = _xy(1, 1)
    parts.append(f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" fill="none" stroke="#888"/>')
    for k in range(6):
        v = k / 5
        x, _ = _xy(v, 0)
        _, y = _xy(0, v)
        parts.append(f'<text x="{x}" y="{y0 + 16}" text-anchor="middle">{v:.1f}</text>')
        parts.append(f'<text x="{x0 - 8}" y="{y + 4}" text-anchor="end">{v:.1f}</text>')
    parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 20}" text-anchor="middle">recall</text>')
    parts.append(
        f'<text x="16" y="{HEIGHT / 2}" text-anchor="middle" transform="rotate(-90 16 {HEIGHT / 2})">'
        "precision</text>"
    )
    for n, result in enumerate(results):
        colour = COLOURS.get(result.half, "#333")
        line = points(result, written)
        if line:
            xy = " ".join("{:.1f},{:.1f}".format(*_xy(r, p)) for _, r, p in line)
            parts.append(f'<polyline points="{xy}" fill="none" stroke="{colour}" stroke-width="2"/>')
            _, r, p = min(line, key=lambda q: abs(q[0] - result.threshold))
            x, y = _xy(r, p)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        parts.append(
            f'<text x="{x1 - 150}" y="{y1 + 18 + 16 * n}" fill="{colour}">{escape(result.half)} half'
            f" (dot: {result.threshold:.2f})</text>"
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """No options: the curve is drawn by the benchmarks' --svg; --help says how."""
    make_parser(__doc__).parse_args(argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
