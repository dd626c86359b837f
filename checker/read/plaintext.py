"""Reading a plain-text article: title line, then a header block (byline, 'Posted ...', caption) as news
sites print it when they reprint wire copy, then the story."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from checker.read.boilerplate import split_blocks
from checker.read.dates import parse_datetime

_BYLINE = re.compile(r"^by\s+(?P<who>.+?)\.?$", re.IGNORECASE)
_POSTED = re.compile(
    r"^(?P<kind>posted|published|first published|last updated|updated)\s*(?:on|at)?\s*:?\s*(?P<when>.+?)\.?$",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^(?P<key>source|outlet|publisher|url|link|date|published)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE
)
# "ISTANBUL (Bosphorus Wire) — " or "KYIV, Ukraine (AP) -- "
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]+)?\s*\((?P<who>[^)]{2,60})\)\s*(?:—|–|-{1,2})\s*"
)
#: any dateline that opens a paragraph, with or without the outlet: "VIENNA — ", "ISTANBUL, May 16 (CPS) - "
DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w .'’-]+)?\s*(?:\([^)]{2,60}\))?\s*(?:—|–|-{1,2})\s*"
)
_CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w.&' -]*)?Photo\s*/[^)]*\)|\((?:photo|image)\s*(?:by|:)[^)]*\)", re.I
)
#: the header block is at most this many blocks after the title
_MAX_HEADER_BLOCKS = 8


@dataclass
class PlainTextArticle:
    title: str | None
    blocks: list[str]
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    header_lines: list[str] = field(default_factory=list)


def _outlet_from_byline(who: str) -> str:
    """'The Associated Press' -> itself; 'Jane Doe, Kyiv Ledger' -> 'Kyiv Ledger'."""
    parts = [p.strip() for p in re.split(r",| and | for ", who) if p.strip()]
    return parts[-1] if parts else who.strip()


def read_plaintext(raw: str) -> PlainTextArticle:
    blocks = split_blocks(raw)
    if not blocks:
        return PlainTextArticle(title=None, blocks=[])
    title, rest = blocks[0], blocks[1:]
    art = PlainTextArticle(title=title, blocks=[])
    body_start = 0
    for i, block in enumerate(rest[:_MAX_HEADER_BLOCKS]):
        if len(block.split()) <= 12 and (m := _BYLINE.match(block)):
            art.source = art.source or _outlet_from_byline(m["who"])
        elif (m := _POSTED.match(block)) and (when := parse_datetime(m["when"])):
            if m["kind"].lower() in {"posted", "published", "first published"} or art.published is None:
                art.published = when
        elif m := _FIELD.match(block):
            key, value = m["key"].lower(), m["value"].strip()
            if key in {"url", "link"}:
                art.url = value
            elif key in {"date", "published"}:
                art.published = parse_datetime(value) or art.published
            else:
                art.source = value
        elif _CAPTION_CREDIT.search(block):
            pass  # a photo caption describes the picture, not the story
        elif len(block.split()) > 20:
            break  # the story has started
        else:
            continue
        art.header_lines.append(block)
        body_start = i + 1
    body = [b for b in rest[:body_start] if b not in art.header_lines] + rest[body_start:]
    if body and (m := _DATELINE.match(body[0])) and art.source is None:
        art.source = m["who"].strip()
    art.blocks = body
    return art
