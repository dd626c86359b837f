"""Ingest: a file or folder of news articles in, clean `Article`s and a list of skipped inputs out.

Nothing is lost silently: every input that cannot be read is listed in `Archive.skipped` with its file,
line and reason, and the rest of the archive is still read. JSON and JSONL records are read here; HTML
and plain-text files through `drafts`, web archives through `warc`.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from checker.models import Article, SkippedInput
from checker.read.boilerplate import clean_blocks, normalize_block, site_furniture, split_blocks
from checker.read.dates import parse_datetime
from checker.read.drafts import Draft, Skip, bug_reason, html_draft, text_draft

TEXT_SUFFIXES = {".txt", ".text"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | WARC_SUFFIXES

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext", "article"),
    "source": ("source", "publisher", "outlet", "site", "sitename", "site_name"),
    "url": ("url", "source_url", "link", "canonical_url"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate", "datetime"),
}

ProgressCallback = Callable[[int, int], None]


class Archive(BaseModel):
    articles: list[Article]
    skipped: list[SkippedInput]


class InputError(ValueError):
    """An input that cannot be used at all (missing path, nothing readable)."""


def input_suffix(path: Path) -> str:
    """The suffix that names the format, lower case: '.warc.gz' for a compressed web archive, else the
    last one ('.json')."""
    suffix = path.suffix.lower()
    return ".warc.gz" if suffix == ".gz" and path.stem.lower().endswith(".warc") else suffix


def display_path(path: Path | str) -> str:
    """A path as text that can always be written out: bytes that are not UTF-8 in a file name become
    backslash escapes ('bad\\xff.txt') instead of lone surrogates that no report format can encode."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _unexpected(err: Exception) -> str:
    return bug_reason("could not be read", err)


def _loads(text: str) -> Any:
    """json.loads, with nesting deeper than Python's recursion limit reported as invalid JSON."""
    try:
        return json.loads(text)
    except RecursionError as err:
        raise Skip("invalid JSON: nested too deeply to read") from err


def _pick(record: dict[str, Any], field: str) -> Any:
    for key in FIELD_ALIASES[field]:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _source_name(value: Any) -> str | None:
    if isinstance(value, dict):  # {"name": "Kyiv Ledger", "url": ...} as some feeds give it
        value = value.get("name") or value.get("title")
    return _valid(str(value)).strip() or None if value is not None else None


def _valid(text: str) -> str:
    """`text` as valid Unicode: a lone surrogate that a JSON escape wrote ('\\ud800') becomes U+FFFD, so
    no report format fails to encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _draft_from_record(record: Any, default_id: str, origin: str) -> Draft:
    if not isinstance(record, dict):
        raise Skip(f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    record = {k: _valid(v) if isinstance(v, str) else v for k, v in record.items()}
    text = _pick(record, "text")
    if not isinstance(text, str) or not text.strip():
        raise Skip("no article text: none of the fields " + ", ".join(FIELD_ALIASES["text"]) + " holds text")
    raw_date = _pick(record, "published")
    published = parse_datetime(raw_date)
    if raw_date is not None and published is None:
        raise Skip(f"unreadable publication date {raw_date!r}")
    own_id = _pick(record, "id")
    title = _pick(record, "title")
    return Draft(
        id=_valid(str(own_id)) if own_id is not None else default_id,
        origin=origin,
        title=_valid(str(title)).strip() if title else None,
        source=_source_name(_pick(record, "source")),
        url=_valid(str(_pick(record, "url") or "")).strip() or None,
        published=published,
        blocks=split_blocks(text),
    )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise Skip(f"not UTF-8 text (byte {err.start})", line) from err


def _drafts_from_file(path: Path, rel_id: str, origin: str) -> Iterator[Draft | SkippedInput]:
    suffix = input_suffix(path)
    if suffix in JSONL_SUFFIXES:
        lines = _read_text(path).splitlines()
        if not any(line.strip() for line in lines):
            raise Skip("empty file: no JSON lines")
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = _loads(line)
                yield _draft_from_record(record, f"{rel_id}:{lineno}", f"{origin}:{lineno}")
            except json.JSONDecodeError as err:
                yield SkippedInput(
                    path=origin, line=lineno, reason=f"invalid JSON: {err.msg} (column {err.colno})"
                )
            except Skip as skip:
                yield SkippedInput(path=origin, line=lineno, reason=skip.reason)
            except Exception as err:  # one bad line must not stop the file
                yield SkippedInput(path=origin, line=lineno, reason=_unexpected(err))
        return
    if suffix in JSON_SUFFIXES:
        try:
            record = _loads(_read_text(path))
        except json.JSONDecodeError as err:
            raise Skip(f"invalid JSON: {err.msg} (column {err.colno})", err.lineno) from err
        if isinstance(record, dict) and isinstance(record.get("articles"), list):
            record = record["articles"]
        if isinstance(record, list):
            for n, item in enumerate(record, start=1):
                try:
                    yield _draft_from_record(item, f"{rel_id}:{n}", f"{origin}[{n}]")
                except Skip as skip:
                    yield SkippedInput(path=f"{origin}[{n}]", reason=skip.reason)
                except Exception as err:  # one bad record must not stop the file
                    yield SkippedInput(path=f"{origin}[{n}]", reason=_unexpected(err))
            return
        yield _draft_from_record(record, rel_id, origin)
        return
    if suffix in WARC_SUFFIXES:
        from checker.read.warc import drafts_from_warc

        yield from drafts_from_warc(path, rel_id, origin)
        return
    if suffix in HTML_SUFFIXES:
        yield html_draft(path.read_bytes(), rel_id, origin)
        return
    yield text_draft(_read_text(path), rel_id, origin)


def _walk(root: Path, skipped: list[SkippedInput]) -> list[Path]:
    """The files under `root`, sorted, following links (to files and folders) with loop detection.

    Hidden files and folders (a leading dot: .git, .DS_Store) are not articles and are passed over;
    a broken link, a link loop or a folder that cannot be listed is listed in `skipped`.
    """
    if not root.is_dir():
        return [root]
    found: list[Path] = []
    visiting: set[tuple[int, int]] = set()

    def skip(path: Path, reason: str) -> None:
        skipped.append(SkippedInput(path=display_path(path), reason=reason))

    def visit(folder: Path) -> None:
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
        except OSError as err:
            skip(folder, f"cannot list: {err.strerror or err}")
            return
        key = (info.st_dev, info.st_ino)
        if key in visiting:
            skip(folder, "link loop: a folder linked into itself")
            return
        visiting.add(key)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError as err:
                skip(path, "link loop" if err.errno == errno.ELOOP else f"cannot read: {err.strerror or err}")
                continue
            if is_dir:
                visit(path)
            elif is_file:
                found.append(path)
            elif entry.is_symlink() and not path.exists():
                skip(path, "link loop" if _loops(path) else "broken link: its target does not exist")
            else:
                skip(path, "not a regular file")
        visiting.discard(key)

    visit(root)
    return found


def _loops(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as err:
        return err.errno == errno.ELOOP
    return False


def load_archive(path: str | Path, *, progress: ProgressCallback | None = None) -> Archive:
    """Read every article under `path` (a file or a folder, recursively)."""
    root = Path(path)
    if not str(path).strip():
        raise InputError("an empty path names no file or folder")
    if not root.exists():
        broken = " (a broken link)" if root.is_symlink() else ""
        raise InputError(f"{display_path(root)}: no such file or folder{broken}")
    if not (root.is_dir() or root.is_file()):
        raise InputError(f"{display_path(root)}: not a regular file or folder (a pipe or a device)")
    base = root if root.is_dir() else root.parent
    drafts: list[Draft] = []
    skipped: list[SkippedInput] = []
    files = _walk(root, skipped)
    for n, file in enumerate(files, start=1):
        rel = display_path(file.relative_to(base))
        origin = display_path(file)
        if input_suffix(file) not in SUPPORTED_SUFFIXES:
            skipped.append(
                SkippedInput(path=origin, reason=f"unsupported file type '{file.suffix or file.name}'")
            )
            continue
        try:
            items = list(_drafts_from_file(file, Path(rel).with_suffix("").as_posix(), origin))
        except Skip as skip:
            skipped.append(SkippedInput(path=origin, line=skip.line, reason=skip.reason))
        except OSError as err:
            skipped.append(SkippedInput(path=origin, reason=f"cannot read: {err.strerror or err}"))
        except Exception as err:  # one bad file must not stop the archive
            skipped.append(SkippedInput(path=origin, reason=_unexpected(err)))
        else:
            for item in items:
                (skipped if isinstance(item, SkippedInput) else drafts).append(item)  # type: ignore[arg-type]
        if progress:
            progress(n, len(files))
    articles, more_skipped = finish_drafts(drafts)
    return Archive(articles=articles, skipped=skipped + more_skipped)


def finish_drafts(drafts: list[Draft]) -> tuple[list[Article], list[SkippedInput]]:
    """Drop page furniture (per page, then per site) and turn drafts into Articles with unique ids."""
    articles: list[Article] = []
    skipped: list[SkippedInput] = []
    kept: list[Draft] = []
    cleaned: list[list[str]] = []
    for draft in drafts:
        try:
            cleaned.append(clean_blocks(draft.blocks, title=draft.title, outlet=draft.source))
        except Exception as err:  # one page that cannot be cleaned must not stop the archive
            skipped.append(SkippedInput(path=draft.origin, reason=_unexpected(err)))
        else:
            kept.append(draft)
    drafts = kept
    furniture = site_furniture(
        (d.source, blocks) for d, blocks in zip(drafts, cleaned, strict=True) if d.source
    )
    seen_ids: dict[str, str] = {}
    for draft, blocks in zip(drafts, cleaned, strict=True):
        site = furniture.get(draft.source or "", frozenset())
        story = [b for b in blocks if normalize_block(b) not in site]
        if not story:
            skipped.append(
                SkippedInput(path=draft.origin, reason="no story text left after removing page furniture")
            )
            continue
        if draft.id in seen_ids:
            reason = f"duplicate article id {draft.id!r} (first read from {seen_ids[draft.id]})"
            skipped.append(SkippedInput(path=draft.origin, reason=reason))
            continue
        seen_ids[draft.id] = draft.origin
        articles.append(
            Article(
                id=draft.id,
                source=draft.source,
                url=draft.url,
                published=draft.published,
                title=draft.title,
                text="\n\n".join(story),
                origin=draft.origin,
            )
        )
    return articles, skipped


def article_from_text(text: str, *, id: str = "text", **fields: Any) -> Article:
    """An Article from a bare string, cleaned the same way as files are."""
    articles, _ = finish_drafts(
        [
            Draft(
                id,
                id,
                fields.get("title"),
                fields.get("source"),
                fields.get("url"),
                parse_datetime(fields.get("published")),
                split_blocks(text),
            )
        ]
    )
    if not articles:
        return Article(id=id, text=text.strip(), **fields)
    return articles[0]
