"""WARC archives: pages read one record at a time through the HTML reader, the rest passed over, and a
broken file listed as skipped while the folder around it is still checked."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import checker
from checker import load_archive
from checker.models import Report

#: two outlets on one event: six missing against eight
PAGES = {
    "harbor": (
        "Harbor Times",
        "https://harbortimes.example/news/bridge-collapse",
        "2025-03-26T09:00:00+00:00",
        "Bridge collapse leaves six missing",
        [
            "A container ship struck the Key Bridge in Baltimore early on Tuesday and the span fell into "
            "the river.",
            "Six construction workers were missing after the collapse, the Maryland governor said.",
            "The ship had a crew of 22 people, all of whom survived, officials said.",
        ],
    ),
    "ledger": (
        "Chesapeake Ledger",
        "https://ledger.example/2025/03/26/key-bridge",
        "2025-03-26T11:30:00+00:00",
        "Key Bridge falls after ship strike",
        [
            "The Key Bridge in Baltimore collapsed on Tuesday after a container ship struck one of its "
            "piers.",
            "Eight construction workers were missing after the collapse, the Maryland governor said.",
            "The ship had a crew of 22 people, none of whom were hurt, officials said.",
        ],
    ),
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))
CRAWLED = "2025-04-02T08:00:00Z"


def page_html(name: str, *, meta: bool = True) -> str:
    outlet, url, date, title, paragraphs = PAGES[name]
    head = (
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{date}">'
        f'<link rel="canonical" href="{url}">'
        if meta
        else ""
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def response(url: str, body: bytes | str, content_type: str, status: str = "200 OK") -> dict[str, Any]:
    data = body.encode() if isinstance(body, str) else body
    return {"url": url, "type": "response", "body": data, "status": status, "content_type": content_type}


def request(url: str) -> dict[str, Any]:
    return {"url": url, "type": "request"}


def write_warc(path: Path, records: list[dict[str, Any]], *, compress: bool = True) -> list[int]:
    """Write `records` as a WARC (a warcinfo record first); the byte offset where each record starts."""
    offsets = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        info = writer.create_warcinfo_record(path.name, {"software": "tests"})
        info.rec_headers.replace_header("WARC-Date", CRAWLED)  # the same bytes on every run
        info.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>")
        writer.write_record(info)
        for n, rec in enumerate(records, start=1):
            warc_headers = {
                "WARC-Date": CRAWLED,
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
            }
            if rec["type"] == "request":
                host = rec["url"].split("/")[2]
                headers = StatusAndHeaders(
                    f"GET {rec['url']} HTTP/1.1", [("Host", host)], protocol="HTTP/1.1", is_http_request=True
                )
                payload = b""
            else:
                headers = StatusAndHeaders(rec["status"], [("Content-Type", rec["content_type"])], "HTTP/1.1")
                payload = rec["body"]
            made = writer.create_warc_record(
                rec["url"],
                rec["type"],
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=headers,
                warc_headers_dict=warc_headers,
            )
            offsets.append(out.tell())
            writer.write_record(made)
    return offsets


def crawl(path: Path, *, compress: bool = True) -> list[int]:
    """The two pages as a crawler keeps them: each request beside its response, an image, a redirect."""
    harbor_url, ledger_url = PAGES["harbor"][1], PAGES["ledger"][1]
    return write_warc(
        path,
        [
            request(harbor_url),
            response(harbor_url, page_html("harbor"), "text/html; charset=utf-8"),
            request("https://harbortimes.example/img/bridge.png"),
            response("https://harbortimes.example/img/bridge.png", PNG, "image/png"),
            response(
                "http://ledger.example/key-bridge",
                "<html><body>Moved</body></html>",
                "text/html",
                "301 Moved Permanently",
            ),
            request(ledger_url),
            response(ledger_url, page_html("ledger"), "text/html"),
        ],
        compress=compress,
    )


def findings_of(report: Report) -> list[tuple[Any, ...]]:
    """The findings, told by outlet, url, date and figure rather than by article id (which names the file)."""
    out = []
    for f in report.findings:
        claims = sorted((c.source, c.url, c.published, c.quantity.surface) for c in f.claims)
        outliers = sorted((c.source, c.quantity.surface) for c in f.claims if c.id in f.outliers)
        out.append((f.kind, f.fact, f.severity, tuple(claims), tuple(outliers)))
    return sorted(out, key=repr)


def test_a_warc_gives_the_findings_of_its_pages_as_html_files(tmp_path: Path):
    (tmp_path / "html").mkdir()
    for name in PAGES:
        (tmp_path / "html" / f"{name}.html").write_text(page_html(name), encoding="utf-8")
    warc = tmp_path / "crawl.warc.gz"
    crawl(warc)

    as_html, as_warc = checker.check(tmp_path / "html"), checker.check(str(warc))
    assert as_warc.skipped == [] and as_html.skipped == []
    expected = findings_of(as_html)
    assert expected and findings_of(as_warc) == expected
    assert any(("Chesapeake Ledger", "Eight") in outliers for *_, outliers in expected)
    # the request, image, redirect and warcinfo records are passed over: two articles, records 3 and 8
    assert [(a.id, a.source, a.url, a.origin) for a in as_warc.articles] == [
        ("crawl.warc:3", "Harbor Times", PAGES["harbor"][1], f"{warc}[3]"),
        ("crawl.warc:8", "Chesapeake Ledger", PAGES["ledger"][1], f"{warc}[8]"),
    ]


def test_a_page_without_its_own_date_or_outlet_takes_the_record_s(tmp_path: Path):
    write_warc(
        tmp_path / "bare.warc",
        [
            response(PAGES["harbor"][1], page_html("harbor", meta=False), "text/html; charset=iso-8859-1"),
            response(
                "https://wire.example/story.txt",
                "Wire story\n\nOfficials said 14 boats sank.\n",
                "text/plain",
            ),
            response("https://wire.example/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain"),
            response("https://wire.example/gone", page_html("ledger"), "text/html", "404 Not Found"),
        ],
        compress=False,
    )
    articles = {a.url: a for a in load_archive(tmp_path).articles}
    assert set(articles) == {PAGES["harbor"][1], "https://wire.example/story.txt"}
    page = articles[PAGES["harbor"][1]]
    assert page.source == "harbortimes.example" and page.title == PAGES["harbor"][3]
    assert page.published is not None and page.published.isoformat() == "2025-04-02T08:00:00+00:00"
    assert "Six construction workers" in page.text
    assert articles["https://wire.example/story.txt"].text == "Officials said 14 boats sank."


def test_a_page_that_cannot_be_read_is_listed_and_the_next_is_read(tmp_path: Path):
    write_warc(
        tmp_path / "mixed.warc.gz",
        [
            response("https://empty.example/", "<html><body><img src=a.png></body></html>", "text/html"),
            response("https://wire.example/latin.txt", b"caf\xe9 with 3 tables", "text/plain"),
            response(PAGES["ledger"][1], page_html("ledger"), "text/html"),
        ],
    )
    archive = load_archive(tmp_path)
    assert [a.url for a in archive.articles] == [PAGES["ledger"][1]]
    skipped = {s.path.rsplit("/", 1)[-1]: s.reason for s in archive.skipped}
    assert skipped.keys() == {"mixed.warc.gz[2]", "mixed.warc.gz[3]"}
    assert "<urn:uuid:00000000-0000-0000-0000-000000000001>" in skipped["mixed.warc.gz[2]"]
    assert "no article text" in skipped["mixed.warc.gz[2]"]
    assert "not UTF-8 text" in skipped["mixed.warc.gz[3]"]


def _cut_in_second_page(path: Path, offsets: list[int]) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: (offsets[-1] + len(data)) // 2])  # halfway into the last page's record


def _cut_in_last_header(path: Path, offsets: list[int]) -> None:
    path.write_bytes(path.read_bytes()[: offsets[-1] + 30])  # warcio ends there quietly


def _corrupt_second_page(path: Path, offsets: list[int]) -> None:
    data = bytearray(path.read_bytes())
    middle = (offsets[-1] + len(data)) // 2
    data[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def _one_gzip_stream(path: Path, offsets: list[int]) -> None:
    with gzip.open(path, "rb") as whole:
        plain = whole.read()
    path.write_bytes(gzip.compress(plain))


@pytest.mark.parametrize(
    ("damage", "listed", "reason", "read"),
    [
        (_cut_in_second_page, "broken.warc.gz[8]", "truncated: the file ends inside this record", 1),
        (_cut_in_last_header, "broken.warc.gz", "truncated or corrupt after record 7", 1),
        (_corrupt_second_page, "broken.warc.gz", "corrupt", 1),
        # warcio finds a gzip of one stream when it reaches the second record, the warcinfo
        (_one_gzip_stream, "broken.warc.gz", "warcio recompress", 0),
    ],
)
def test_a_broken_archive_is_listed_and_the_folder_is_still_read(
    tmp_path: Path, damage: Any, listed: str, reason: str, read: int
):
    bad = tmp_path / "broken.warc.gz"
    damage(bad, crawl(bad))
    (tmp_path / "ledger.html").write_text(page_html("ledger"), encoding="utf-8")
    archive = load_archive(tmp_path)
    assert [(Path(s.path).name, reason in s.reason) for s in archive.skipped] == [(listed, True)]
    # the pages before the damage are kept: the harbor page is record 3, the ledger's is cut or corrupt
    from_warc = [a.source for a in archive.articles if a.origin and "broken.warc.gz" in a.origin]
    assert from_warc == ["Harbor Times"][:read]
    assert "Chesapeake Ledger" in [a.source for a in archive.articles]


def test_a_cut_uncompressed_archive_and_a_file_that_is_no_warc_are_listed(tmp_path: Path):
    crawl(tmp_path / "cut.warc", compress=False)
    plain = (tmp_path / "cut.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(plain[:-200])  # inside the ledger page, the last record
    (tmp_path / "page.warc").write_text(page_html("ledger"), encoding="utf-8")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    write_warc(tmp_path / "images.warc.gz", [response("https://x.example/a.png", PNG, "image/png")])
    archive = load_archive(tmp_path)
    assert [a.source for a in archive.articles] == ["Harbor Times"]
    skipped = {Path(s.path).name: s.reason for s in archive.skipped}
    assert skipped.keys() == {"cut.warc[8]", "page.warc", "empty.warc.gz", "images.warc.gz"}
    assert "truncated" in skipped["cut.warc[8]"] and "not a WARC file" in skipped["page.warc"]
    assert skipped["empty.warc.gz"] == "empty file: no WARC records"
    assert skipped["images.warc.gz"] == "no HTML or text pages among its 2 WARC records"


def test_the_checker_reads_a_folder_with_a_broken_archive_beside_good_pages(tmp_path: Path):
    for name in PAGES:
        (tmp_path / f"{name}.html").write_text(page_html(name), encoding="utf-8")
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(40))
    report = checker.check(tmp_path)
    assert [Path(s.path).name for s in report.skipped] == ["broken.warc.gz"]
    # one outlet against one: level, so both figures are in question and neither is the majority
    assert [
        (c.source, c.quantity.surface) for f in report.findings for c in f.claims if c.id in f.outliers
    ] == [("Harbor Times", "Six"), ("Chesapeake Ledger", "Eight")]
    assert [f.majority for f in report.findings] == [None]


def test_a_warc_gz_path_that_does_not_exist_is_an_error_not_a_text(tmp_path: Path):
    with pytest.raises(checker.InputError, match="no such file"):
        checker.check(str(tmp_path / "missing.warc.gz"))
