"""The generated archive rewritten as one WARC of HTML pages (`throughput.py --warc`), as a crawl keeps
them, so that the WARC reader is measured on the same articles.
"""

from __future__ import annotations

import html
import io
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from .measure import need


def write_warc(checker: ModuleType, folder: Path, target: Path) -> dict[str, str]:
    """The articles under `folder` as one WARC (gzip, a member per record) of HTML pages, one response
    record each, with the same title, outlet, date and url; the url of each page -> the article's id."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls: dict[str, str] = {}
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for article in need(checker, "load_archive")(folder).articles:
            url = article.url or f"https://archive.example/{article.id}"
            when = article.published or datetime(2025, 1, 1, tzinfo=UTC)
            meta = {"og:site_name": article.source or "", "article:published_time": when.isoformat()}
            head = "".join(f'<meta property="{k}" content="{html.escape(v)}">' for k, v in meta.items())
            title = html.escape(article.title or "")
            body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n"))
            page = (
                f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
                f"<body><article><h1>{title}</h1>{body}</article></body></html>"
            ).encode()
            warc_headers = {  # fixed, so that the same seed gives the same bytes
                "WARC-Date": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>",
            }
            http_headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    io.BytesIO(page),
                    len(page),
                    http_headers=http_headers,
                    warc_headers_dict=warc_headers,
                )
            )
            urls[url] = article.id
    return urls
