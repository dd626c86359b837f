"""Reading an HTML page with trafilatura: main text and metadata, page furniture left behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checker.read.boilerplate import split_blocks
from checker.read.dates import parse_datetime

#: meta tags that carry the publication time with its hour and zone; htmldate (behind trafilatura) may
#: settle for the date in the URL, which has neither and can put a copy before its original
_TIMESTAMP_META = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate"]/@content',
    "//time[@pubdate]/@datetime",
)
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


@dataclass
class HtmlPage:
    title: str | None
    source: str | None
    url: str | None
    published: datetime | None
    blocks: list[str]


def _published_timestamp(data: bytes | str) -> datetime | None:
    from lxml import html

    try:
        tree = html.fromstring(data.encode() if isinstance(data, str) else data)
    except (ValueError, SyntaxError):  # lxml raises ParserError, a ValueError; XMLSyntaxError too
        return None
    for query in _TIMESTAMP_META:
        for value in tree.xpath(query):
            when = parse_datetime(str(value))
            if when is not None and (when.hour or when.minute or when.tzinfo):
                return when
    return None


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
        published=_published_timestamp(data) or parse_datetime(doc.date),
        blocks=blocks,
    )
