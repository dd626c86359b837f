"""Ingest: formats, field aliases, ids, headers, and broken inputs listed with file, line and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import InputError, load_archive
from checker.read.boilerplate import clean_blocks, split_blocks

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def test_formats_aliases_and_ids(tmp_path: Path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "title": "T",
                "body": "Officials said 12 people were hurt.",
                "outlet": "X",
                "link": "https://x.example/a",
                "publish_date": "2025-05-22T09:15:00+03:00",
            }
        )
    )
    rows = [
        {"text": "Police said 40 cars burned.", "publisher": "Y"},
        {"id": "own", "content": "Some 3 roads shut."},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "b.txt").write_text(
        "A title\n\nBy Jane Doe, Kyiv Ledger\n\nPosted May 22, 2025 8:03 am.\n\nStory has 5 facts.\n"
    )
    archive = load_archive(tmp_path)
    by_id = {a.id: a for a in archive.articles}
    assert set(by_id) == {"a", "feed:1", "own", "b"}
    assert by_id["a"].source == "X" and by_id["a"].url == "https://x.example/a"
    assert by_id["a"].published is not None and by_id["a"].published.utcoffset() is not None
    assert by_id["feed:1"].source == "Y"
    assert by_id["b"].source == "Kyiv Ledger" and by_id["b"].title == "A title"
    assert by_id["b"].published is not None and by_id["b"].published.hour == 8
    assert by_id["b"].text == "Story has 5 facts."
    assert archive.skipped == []


def test_broken_inputs_are_listed_and_the_run_goes_on(tmp_path: Path):
    (tmp_path / "good.json").write_text(json.dumps({"text": "Officials said 12 people were hurt."}))
    (tmp_path / "bad.json").write_text('{"text": "unterminated')
    (tmp_path / "rows.jsonl").write_text('{"text": "Fine 3 rows."}\n{oops}\n{"title": "no text"}\n')
    (tmp_path / "latin.txt").write_bytes("Title\n\ncaf\xe9 with 3 tables".encode("latin-1"))
    (tmp_path / "notes.md").write_text("# not an article")
    archive = load_archive(tmp_path)
    assert sorted(a.id for a in archive.articles) == ["good", "rows:1"]
    skipped = {(Path(s.path).name, s.line): s.reason for s in archive.skipped}
    assert skipped.keys() == {
        ("bad.json", 1),
        ("rows.jsonl", 2),
        ("rows.jsonl", 3),
        ("latin.txt", 3),
        ("notes.md", None),
    }
    assert "invalid JSON" in skipped[("bad.json", 1)]
    assert "no article text" in skipped[("rows.jsonl", 3)]
    assert "UTF-8" in skipped[("latin.txt", 3)]


def test_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_archive(tmp_path / "nope")


def test_teasers_and_tail_are_dropped():
    page = (
        "Story line one has 3 facts.\n\nStory line two.\n\n"
        "Top Stories\n\nOther story\n\nSummary of it...\n\n2h ago\n"
    )
    assert clean_blocks(split_blocks(page)) == ["Story line one has 3 facts.", "Story line two."]


@pytest.mark.parametrize(
    "page", sorted(p.name for p in LAYOUTS.glob("layout_*") if not p.name.endswith(".json"))
)
def test_layouts_keep_the_story_and_drop_the_furniture(page: str, tmp_path: Path):
    """Pages in layouts the remover was not written against (see tests/fixtures/layouts)."""
    expected = json.loads((LAYOUTS / page).with_suffix(".expected.json").read_text("utf-8"))
    archive = load_archive(LAYOUTS / page)
    assert len(archive.articles) == 1, archive.skipped
    text = archive.articles[0].text
    for fragment in expected["must_keep"]:
        assert fragment in text, fragment
    for fragment in expected["must_drop"]:
        assert fragment not in text, fragment
    for figure in expected["boilerplate_figures"]:
        assert figure not in text, figure
