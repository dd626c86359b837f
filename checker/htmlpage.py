"""Reading an HTML page with trafilatura: main text and metadata, page furniture left behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checker.boilerplate import split_blocks
from checker.dates import parse_datetime

_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


@dataclass
class HtmlPage:
    title: str | None
    source: str | None
    url: str | None
    published: datetime | None
    blocks: list[str]


def read_html_page(data: bytes | str) -> HtmlPage | None:
    import trafilatura  # imported here: only HTML archives pay for it

    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return None
    blocks = split_blocks(doc.text or "")
    if blocks and doc.title and blocks[0].strip() == doc.title.strip():
        blocks = blocks[1:]  # trafilatura repeats the headline as the first line
    return HtmlPage(
        title=doc.title,
        source=doc.sitename or doc.hostname,
        url=doc.url,
        published=parse_datetime(doc.date),
        blocks=blocks,
    )
