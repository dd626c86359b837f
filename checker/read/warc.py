"""Web archives: the pages of a WARC file (`.warc`, `.warc.gz`), read one record at a time with warcio.

A `response` (or `resource`) record whose payload is HTML becomes a draft through the same reader as an
HTML file (`drafts.html_draft`), a plain-text one as a text file (`drafts.text_draft`). Its url is the
record's WARC-Target-URI; the page's own date comes first and the record's WARC-Date stands in when the
page gives none; the outlet is the page's site name or, failing that, the target's domain. Requests,
metadata, revisits, images, redirects and error pages are passed over. A record that cannot be read is
listed as skipped (`file[N]`, its WARC-Record-ID and byte offset in the reason) and the next is read; a
file whose gzip or record framing breaks is listed with where it broke, and the pages before it are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataException

from checker.models import SkippedInput
from checker.read.dates import parse_datetime
from checker.read.drafts import Draft, Skip, bug_reason, html_draft, text_draft

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
PAGE_RECORDS = frozenset({"response", "resource"})


def drafts_from_warc(path: Path, rel_id: str, origin: str) -> Iterator[Draft | SkippedInput]:
    """The article drafts of the WARC file at `path`, and a skipped entry for each record that cannot be
    read; article ids are `rel_id:N` and origins `origin[N]`, N the record's number in the file."""
    with path.open("rb") as stream:
        records = WARCIterator(stream)  # WARC only: an HTML page named .warc is no ARC record
        done = found = 0
        try:
            for n, record in enumerate(records, start=1):
                where = _where(record, records.offset)
                item = _record_item(record, f"{rel_id}:{n}", f"{origin}[{n}]", where)
                records.read_to_end()  # raises here when the gzip or the framing breaks
                done = n
                if getattr(record.raw_stream, "limit", 0) > 0:
                    item = SkippedInput(
                        path=f"{origin}[{n}]", reason=f"{where}: truncated: the file ends inside this record"
                    )
                if item is not None:
                    found += 1
                    yield item
        except Exception as err:  # the stream is broken: what came before it is kept
            at = f" at byte {records.offset}" if records.offset > 0 else ""
            after = f"{at}, after record {done}; the rest of the file was not read" if done else ""
            yield SkippedInput(path=origin, reason=_broken(err) + after)
            return
        size = path.stat().st_size
        if records.offset < size:  # warcio ends quietly on a gzip member or a header cut short
            yield SkippedInput(
                path=origin,
                reason=f"truncated or corrupt after record {done}: bytes {records.offset} to {size} "
                "are not a complete WARC record",
            )
        elif not found:
            raise Skip(
                f"no HTML or text pages among its {done} WARC records"
                if done
                else "empty file: no WARC records"
            )


def _record_item(record: Any, rel_id: str, origin: str, where: str) -> Draft | SkippedInput | None:
    """The draft of one record, its skipped entry, or None for a record that is not a page."""
    try:
        return _draft(record, rel_id, origin)
    except Skip as skip:
        return SkippedInput(path=origin, reason=f"{where}: {skip.reason}")
    except (zlib.error, EOFError, OSError, ChunkedDataException) as err:  # its own encoding is broken
        return SkippedInput(path=origin, reason=f"{where}: payload cannot be decoded ({err})")
    except Exception as err:  # one page that fails where none should must not stop the file
        return SkippedInput(path=origin, reason=f"{where}: {bug_reason('could not be read', err)}")


def _draft(record: Any, rel_id: str, origin: str) -> Draft | None:
    if record.rec_type not in PAGE_RECORDS or record.http_headers is None:
        return None
    headers = record.http_headers
    media_type, _, params = (headers.get_header("Content-Type") or "").partition(";")
    media_type = media_type.strip().lower()
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip() or None
    status = headers.get_statuscode() or ""
    if media_type not in HTML_TYPES | TEXT_TYPES or not status.startswith("2") or _is_robots(url):
        return None  # not a page: an image, a redirect, an error page, robots.txt
    data = record.content_stream().read()
    charset = _charset(params)
    if media_type in HTML_TYPES:
        draft = html_draft(_decoded(data, charset), rel_id, origin)
    else:
        try:
            text = data.decode(charset or "utf-8-sig")
        except (LookupError, UnicodeDecodeError) as err:
            raise Skip(f"not {charset or 'UTF-8'} text ({err})") from err
        draft = text_draft(text, rel_id, origin)
    draft.url = url or draft.url
    draft.source = draft.source or _domain(url)
    draft.published = draft.published or parse_datetime(record.rec_headers.get_header("WARC-Date"))
    return draft


def _where(record: Any, offset: int) -> str:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or "without a WARC-Record-ID"
    return f"record {record_id} at byte {offset}"


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _decoded(data: bytes, charset: str | None) -> bytes | str:
    """The page as text when the server named a charset that reads it, else its bytes (trafilatura then
    finds the charset as it does for an HTML file)."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return data


def _is_robots(url: str | None) -> bool:
    return url is not None and urlsplit(url).path == "/robots.txt"


def _domain(url: str | None) -> str | None:
    """The outlet of a page that names none, as trafilatura derives it from a page's url."""
    if not url:
        return None
    from courlan import extract_domain  # trafilatura's own dependency

    return extract_domain(url, fast=True) or urlsplit(url).hostname


def _broken(err: Exception) -> str:
    """Why the records stopped, in words; warcio's message cut short and in ASCII (it may quote a line of
    binary garbage)."""
    message = " ".join(str(err).split())
    if "non-chunked gzip" in message:
        return (
            "compressed as one gzip stream, not one gzip member per record "
            "(`warcio recompress IN OUT` fixes it)"
        )
    message = message.encode("unicode_escape").decode("ascii")
    if len(message) > 100:
        message = message[:100] + "..."
    if isinstance(err, zlib.error | EOFError):
        return f"corrupt or truncated gzip ({message})"
    if type(err).__name__ == "ArchiveLoadFailed":
        return f"corrupt or not a WARC file ({message})"
    return f"corrupt or not a WARC file ({type(err).__name__}: {message})"
