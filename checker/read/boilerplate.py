"""Generic removal of page furniture from article text, before any figure is read.

News pages carry teaser lists, video rails, share buttons and footers whose figures belong to other
stories ("more than 130,000 customers", "$97m"). Nothing here knows a particular site: the signals
are structural (time-ago and duration markers around teasers, repetition within a page and across a
site's pages, link-bearing short lines, a tail heading after the story) plus neutral phrases kept in
`data/boilerplate.json`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from checker.tables import load_table

_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_WORD = re.compile(r"\w+")

#: blocks shorter than this many words are candidates for "furniture" rules (URLs, repeats across a site)
SHORT_BLOCK_WORDS = 30
#: a tail heading cuts the rest of the page only once this share of the words lies before it
TAIL_CUT_MIN_SHARE = 0.5
#: a block repeated across at least this many pages of one site is site furniture
SITE_REPEAT_MIN_PAGES = 3
#: only a page's last blocks count for site furniture: rolling coverage repeats story paragraphs up top
SITE_REPEAT_TAIL_BLOCKS = 6


@dataclass(frozen=True)
class _Rules:
    tail_headings: tuple[str, ...]
    drop_lines: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    time_markers: tuple[re.Pattern[str], ...]
    duration: re.Pattern[str]


@cache
def _rules() -> _Rules:
    raw = load_table("boilerplate.json")
    flags = re.IGNORECASE
    return _Rules(
        tail_headings=tuple(sorted(raw["tail_headings"], key=len, reverse=True)),
        drop_lines=tuple(re.compile(p, flags) for p in raw["drop_line_patterns"]),
        captions=tuple(re.compile(p, flags) for p in raw["caption_credit_patterns"]),
        time_markers=tuple(re.compile(p, flags) for p in raw["teaser_time_markers"]),
        duration=re.compile(raw["video_duration_marker"]),
    )


def normalize_block(block: str) -> str:
    """The comparison key for repetition: case, spacing and punctuation do not matter."""
    return " ".join(_WORD.findall(block.lower()))


def split_blocks(text: str) -> list[str]:
    """One block per non-empty line: teaser rails put marker, headline and summary on adjacent lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _words(block: str) -> int:
    return len(_WORD.findall(block))


def is_tail_heading(block: str) -> bool:
    if _words(block) > 6:
        return False
    low = block.lower().strip(" :|-–—»›")
    return any(low == h or low.startswith(h + " ") for h in _rules().tail_headings)


def _is_marker(block: str) -> bool:
    rules = _rules()
    return bool(rules.duration.match(block)) or any(p.match(block) for p in rules.time_markers)


def _is_time_marker(block: str) -> bool:
    return any(p.match(block) for p in _rules().time_markers)


def _is_headline_like(block: str) -> bool:
    return not _SENTENCE_END.search(block) or _words(block) <= 12


def _teaser_indexes(blocks: Sequence[str]) -> set[int]:
    """Blocks that belong to teaser units: 'headline / summary / 2h ago' and '0:29 / headline / summary'."""
    rules = _rules()
    drop: set[int] = set()
    for i, block in enumerate(blocks):
        if _is_time_marker(block):
            drop.add(i)
            if i >= 1 and not _is_marker(blocks[i - 1]):
                drop.add(i - 1)
                if i >= 2 and not _is_marker(blocks[i - 2]) and _is_headline_like(blocks[i - 2]):
                    drop.add(i - 2)
        elif rules.duration.match(block):
            drop.add(i)
            for j in (i + 1, i + 2):
                if j < len(blocks) and not _is_marker(blocks[j]) and not is_tail_heading(blocks[j]):
                    drop.add(j)
                else:
                    break
    return drop


def _is_furniture_line(block: str) -> bool:
    rules = _rules()
    if any(p.search(block) for p in rules.drop_lines):
        return True
    if any(p.search(block) for p in rules.captions):
        return True
    return _words(block) <= SHORT_BLOCK_WORDS and bool(_URL.search(block))


def clean_blocks(
    blocks: Sequence[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
) -> list[str]:
    """The story blocks of a page, in order; everything else is dropped."""
    drop = _teaser_indexes(blocks)
    total_words = sum(_words(b) for i, b in enumerate(blocks) if i not in drop) or 1
    words_before = 0
    seen: set[str] = set()
    skip_keys = {normalize_block(x) for x in (title, outlet) if x}
    kept: list[str] = []
    for i, block in enumerate(blocks):
        if i in drop:
            continue
        if is_tail_heading(block):
            if words_before / total_words >= TAIL_CUT_MIN_SHARE:
                break
            continue
        words_before += _words(block)
        key = normalize_block(block)
        if not key or key in seen or key in skip_keys or _is_furniture_line(block):
            continue
        seen.add(key)
        kept.append(block)
    return kept


def site_furniture(pages: Iterable[tuple[str, Sequence[str]]]) -> dict[str, frozenset[str]]:
    """Short blocks repeated at the foot of several pages of one outlet: its own furniture."""
    counts: dict[str, Counter[str]] = {}
    for outlet, blocks in pages:
        tail = blocks[-SITE_REPEAT_TAIL_BLOCKS:]
        keys = {normalize_block(b) for b in tail if _words(b) <= SHORT_BLOCK_WORDS}
        counts.setdefault(outlet, Counter()).update(k for k in keys if k)
    return {
        outlet: frozenset(k for k, n in counter.items() if n >= SITE_REPEAT_MIN_PAGES)
        for outlet, counter in counts.items()
    }
