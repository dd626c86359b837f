"""Drafts: an article as a reader first gives it, before page furniture is removed, and the ways a read
fails. Shared by `ingest` (files) and `warc` (the pages of a web archive), below both, so that neither
imports the other's internals.

A `Draft` keeps the page as blocks, since cleaning needs every page of a site at once; `Skip` is an input
that cannot be read, with its reason (and line), listed as skipped; `bug_reason` is the reason of one
that failed where no input should.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from checker.read.plaintext import read_plaintext

log = logging.getLogger("checker")


@dataclass
class Draft:
    """An article before furniture removal: cleaning needs every page of a site at once."""

    id: str
    origin: str
    title: str | None
    source: str | None
    url: str | None
    published: datetime | None
    blocks: list[str]


class Skip(Exception):
    """An input that cannot be read: listed as skipped with its reason (and line), the rest read on."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def bug_reason(what: str, err: Exception) -> str:
    """The skipped reason of an input that failed where no input should ('could not be read', 'reading
    its figures failed'): a checker bug, its traceback logged for --debug."""
    log.debug("%s", what, exc_info=err)
    return (
        f"{what} ({type(err).__name__}: {err}); this is a checker bug: rerun with --debug for the traceback"
    )


def html_draft(data: bytes | str, rel_id: str, origin: str) -> Draft:
    """The draft of an HTML page (a file, or a page in a web archive), read with trafilatura."""
    from checker.read.htmlpage import read_html_page

    page = read_html_page(data)
    if page is None:
        raise Skip("no article text found in the HTML page")
    return Draft(rel_id, origin, page.title, page.source, page.url, page.published, page.blocks)


def text_draft(text: str, rel_id: str, origin: str) -> Draft:
    """The draft of a plain-text article (a file, or a page in a web archive)."""
    plain = read_plaintext(text)
    return Draft(rel_id, origin, plain.title, plain.source, plain.url, plain.published, plain.blocks)
