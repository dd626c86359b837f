"""The incremental store (`--store`): a rerun extracts only new or changed articles and reports what a run
without a store reports. Real spaCy and the real sentence model, on a copy of the key-bridge archive."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import checker
from checker import Article, CheckOptions, InputError, Report
from checker.claims.extract import ClaimSets, extract_claim_sets
from checker.cli import app
from checker.engines import tiled
from checker.engines.ray_engine import ArticleClaims
from checker.engines.resyndicate import _KeptSigner, stored_syndication
from checker.engines.reuse import KeptFindings, StoredEncoder, TileFindings, packed, stored_claim_sets
from checker.engines.spill import spill_claims
from checker.engines.store import (
    STORE_SCHEMA,
    code_files,
    content_hash,
    digest_of,
    fingerprint,
    open_store,
    text_sha256,
)
from checker.engines.upkeep import store_info
from checker.engines.workers import Chunk
from checker.match.syndication import find_syndicated, lead_of, lead_signatures
from checker.pipeline import get_encoder
from tests.test_syndication import _archive

ARCHIVE = Path(__file__).resolve().parent.parent / "datasets" / "key-bridge" / "articles"
CHANGED = "baybusiness_insurers.txt"
ADDED = (
    "Port officials said Friday that 31 ships were still trapped in the harbor behind the collapsed "
    "Francis Scott Key Bridge, and that 1,100 trucks a day were being rerouted to other ports.\n"
)
runner = CliRunner()


def same(report: Report) -> dict[str, Any]:
    """A report as compared: without `generated_at` and timings, which differ between any two runs."""
    data = report.model_dump(mode="json")
    data.pop("generated_at")
    data["stats"].pop("timings")
    return data


class Stages:
    """The progress a run reports, stage by stage: the last (done, total) of each."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, int]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.last[stage] = (done, total)


def run(folder: Path, db: Path) -> tuple[Report, Stages]:
    stages = Stages()
    return checker.check(folder, store=db, progress=stages), stages


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Report, Stages]:
    """A copy of the archive, a store filled by one run over it, that run's report and progress."""
    root = tmp_path_factory.mktemp("filled")
    folder = root / "articles"
    shutil.copytree(ARCHIVE, folder)
    report, stages = run(folder, root / "checker.db")
    return folder, root / "checker.db", report, stages


@pytest.fixture
def copy(filled: tuple[Path, Path, Report, Stages], tmp_path: Path) -> tuple[Path, Path]:
    """This test's own copy of the archive and of the filled store."""
    folder, db, _, _ = filled
    shutil.copytree(folder, tmp_path / "articles")
    shutil.copy(db, tmp_path / "checker.db")
    return tmp_path / "articles", tmp_path / "checker.db"


def test_the_first_run_fills_the_store_and_reports_what_a_run_without_one_does(filled):
    folder, db, report, stages = filled
    articles = len(checker.load_archive(folder).articles)
    assert stages.last["reuse"] == (0, articles)
    assert stages.last["extract"] == (articles, articles)
    assert same(report) == same(checker.check(folder))
    info = store_info(db)
    assert info.schema == STORE_SCHEMA
    assert info.articles == articles and info.claims == report.stats.claims
    assert info.vectors > 0 and len(info.fingerprints) == 1 and info.fingerprints[0].current


def test_claims_read_back_equal_those_extracted_and_share_one_set_of_given_fields(tmp_path):
    articles = checker.load_archive(ARCHIVE).articles
    sets = extract_claim_sets(articles)

    def extracted(todo: Sequence[Article], _: object) -> Generator[Chunk, None, None]:
        yield range(len(todo)), sets

    with open_store(tmp_path / "checker.db") as store:
        key = store.use_fingerprint(CheckOptions())
        spill_claims(store, articles, CheckOptions(), extracted)
        back = store.stored_claims(key, {a.id: content_hash(a) for a in articles})
    claims = [c for a in articles for c in back[a.id].numeric]
    assert claims == [c for numeric in sets.numeric for c in numeric] and len(claims) > 10
    assert [c.model_dump_json() for c in claims] == [c.model_dump_json() for n in sets.numeric for c in n]
    given = {id(c.__pydantic_fields_set__) for c in claims}
    assert len(given) == 1, "one set for every claim"
    quantities = {id(c.quantity.__pydantic_fields_set__) for c in claims}
    assert len(quantities) == 1


def test_a_rerun_extracts_nothing_and_gives_the_same_report(copy):
    folder, db = copy
    vectors = store_info(db).vectors
    report, stages = run(folder, db)
    articles = len(checker.load_archive(folder).articles)
    assert stages.last["reuse"] == (articles, articles)
    assert stages.last["extract"] == (0, 0)
    assert same(report) == same(checker.check(folder))
    assert store_info(db).vectors == vectors  # every context was encoded before
    assert "store" not in report.options


def test_a_changed_article_alone_is_extracted_again(copy):
    folder, db = copy
    changed = folder / CHANGED
    changed.write_text(changed.read_text("utf-8") + "\n" + ADDED, "utf-8")
    report, stages = run(folder, db)
    articles = len(checker.load_archive(folder).articles)
    assert stages.last["reuse"] == (articles - 1, articles)
    assert stages.last["extract"] == (1, 1)
    assert same(report) == same(checker.check(folder))
    assert any("31 ships" in c.sentence for c in checker.extract(changed))
    assert store_info(db).articles == articles  # replaced, not added


def test_an_added_article_is_extracted_and_a_removed_one_left_out_but_kept(copy):
    folder, db = copy
    (folder / "port_update.txt").write_text("Port reopening slips\n\n" + ADDED, "utf-8")
    (folder / "innerharbor_families.txt").unlink()
    report, stages = run(folder, db)
    articles = len(checker.load_archive(folder).articles)
    assert stages.last["reuse"] == (articles - 1, articles)
    assert stages.last["extract"] == (1, 1)
    assert same(report) == same(checker.check(folder))
    assert not any(a.id.startswith("innerharbor") for a in report.articles)
    assert store_info(db).articles == articles + 1  # the removed article stays until a vacuum


def test_only_what_extraction_depends_on_makes_another_fingerprint():
    default = fingerprint(CheckOptions())
    assert fingerprint(CheckOptions(disabled_rules=frozenset({"closeness"}), date_window_days=2)) == default
    assert fingerprint(CheckOptions(disabled_rules=frozenset({"street_address"}))) != default
    assert fingerprint(CheckOptions(spacy_model="en_core_web_md")) != default
    assert "store" not in CheckOptions(store=Path("checker.db")).model_dump(mode="json")


def test_the_fingerprint_covers_every_stage_and_table_extraction_reads():
    package = Path(checker.__file__).resolve().parent
    hashed = {p.relative_to(package).as_posix() for p in code_files()}
    assert {"figures/quantities.py", "claims/extract.py", "read/ingest.py", "data/units.json"} <= hashed


def test_a_store_of_another_schema_is_refused_with_what_to_do(copy):
    folder, db = copy
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    connection.close()
    with pytest.raises(InputError) as caught:
        checker.check(folder, store=db)
    message = str(caught.value)
    assert str(db) in message and "schema 0" in message and f"schema {STORE_SCHEMA}" in message
    assert "delete" in message and "another path" in message
    result = runner.invoke(app, ["check", str(folder), "--store", str(db), "--quiet"])
    assert result.exit_code == 2 and "schema 0" in result.output


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database, a note\n" * 200, "utf-8")
    with pytest.raises(InputError, match=r"notes\.db is not a checker store: it is not an SQLite database"):
        open_store(text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    connection.close()
    with pytest.raises(InputError, match=r"other\.db is an SQLite database but not a checker store"):
        open_store(other)
    with pytest.raises(InputError, match="is a folder"):
        open_store(tmp_path)
    assert text.read_text("utf-8").startswith("not a database")  # left as it was


def test_an_interrupted_run_leaves_a_store_the_next_run_uses(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARCHIVE, folder)
    articles = checker.load_archive(folder).articles
    chunks: list[int] = []

    def stopped_at_the_second_chunk(chunk: Sequence[Article], progress: Any) -> ClaimSets:
        chunks.append(len(chunk))
        if len(chunks) == 2:
            raise KeyboardInterrupt
        return extract_claim_sets(chunk)

    db = tmp_path / "checker.db"
    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        stored_claim_sets(store, articles, CheckOptions(), stopped_at_the_second_chunk, chunk=5)
    assert chunks == [5, 5]
    assert store_info(db).articles == 5  # the first chunk's transaction, and nothing of the second
    report, stages = run(folder, db)
    assert stages.last["reuse"] == (5, len(articles))
    assert stages.last["extract"] == (len(articles) - 5, len(articles) - 5)
    assert same(report) == same(checker.check(folder))


def test_the_stored_encoder_encodes_only_what_it_has_not_seen(tmp_path):
    encoder = get_encoder(CheckOptions().model)
    texts = ["Officials said # drones were shot down.", "The bridge carried # vehicles a day."]
    with open_store(tmp_path / "checker.db") as store:
        stored = StoredEncoder(store, encoder)
        first = stored.encode(texts)
        assert np.array_equal(first, encoder.encode(texts))  # no store: the same batch, the same vectors
        again = stored.encode([*texts, "# people were missing."])
    assert np.array_equal(again[:2], first)
    assert store_info(tmp_path / "checker.db").vectors == 3


def test_store_info_and_vacuum_on_the_command_line(copy):
    folder, db = copy
    result = runner.invoke(app, ["store", "info", str(db)])
    assert result.exit_code == 0, result.output
    articles = len(checker.load_archive(folder).articles)
    assert f"schema {STORE_SCHEMA}" in result.output and f"{articles} articles" in result.output
    assert "(default settings)" in result.output and "vectors" in result.output

    # a run with a non-claim rule off is another fingerprint; a vacuum keeps only the default one
    other = ["check", str(folder), "--store", str(db), "-q", "--disable-rule", "street_address"]
    assert runner.invoke(app, other).exit_code == 0
    assert len(store_info(db).fingerprints) == 2
    (folder / "innerharbor_families.txt").unlink()
    result = runner.invoke(app, ["store", "vacuum", str(db), "--archive", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"dropped {articles + 1} article entries" in result.output
    info = store_info(db)
    assert info.articles == articles - 1 and len(info.fingerprints) == 1
    report, stages = run(folder, db)
    assert stages.last["extract"] == (0, 0)  # what the archive holds was kept
    assert same(report) == same(checker.check(folder))

    missing = runner.invoke(app, ["store", "info", str(folder / "none.db")])
    assert missing.exit_code == 2 and "no such store" in missing.output


def _tiles_stored(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM tile_findings").fetchone()[0])


def test_a_tiled_rerun_takes_unchanged_tiles_from_the_store_and_reports_the_same(copy):
    folder, db = copy
    # 14 articles over 9 days in cores of 4 articles or a day (the date window): two tiles, both stored
    tiled = {"tile_articles": 4, "date_window_days": 1}
    first = checker.check(folder, store=db, **tiled)
    assert _tiles_stored(db) == 2
    again = checker.check(folder, store=db, **tiled)
    assert same(again) == same(first)
    assert _tiles_stored(db) == 2, "a rerun of unchanged tiles stores nothing new"
    (folder / CHANGED).write_text((folder / CHANGED).read_text("utf-8") + "\n" + ADDED, "utf-8")
    changed = checker.check(folder, store=db, **tiled)
    assert same(changed) == same(checker.check(folder, **tiled))
    assert _tiles_stored(db) > 2, "the tiles holding the changed article are matched again"


def test_a_tile_whose_text_changed_but_not_its_claims_or_stories_is_taken_from_the_store(copy):
    """An article's text enters matching only through its story: a paragraph without figures added to it
    (as when a block stops being an outlet's furniture) keeps its tile's stored result, which is what
    matching the tile again would give."""
    folder, db = copy
    tiled = {"tile_articles": 4, "date_window_days": 1}
    checker.check(folder, store=db, **tiled)
    stored = _tiles_stored(db)
    text = (folder / CHANGED).read_text("utf-8")
    (folder / CHANGED).write_text(text + "\nThis story will be updated as more becomes known.\n", "utf-8")
    changed = checker.check(folder, store=db, **tiled)
    assert same(changed) == same(checker.check(folder, **tiled))
    assert _tiles_stored(db) == stored, "no tile was matched again"


def test_a_spilled_run_that_is_stopped_leaves_a_store_the_next_run_uses(tmp_path):
    """More articles than one core: claims are written to the store a chunk at a time as extraction gives
    them, each chunk in its own transaction."""
    folder = tmp_path / "articles"
    shutil.copytree(ARCHIVE, folder)
    articles = checker.load_archive(folder).articles

    def stopped_after_the_first_chunk(todo: Sequence[Article], progress: Any) -> Generator[Chunk, None, None]:
        yield range(5), extract_claim_sets(todo[:5])
        raise KeyboardInterrupt

    db = tmp_path / "checker.db"
    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        spill_claims(store, articles, CheckOptions(), stopped_after_the_first_chunk)
    assert store_info(db).articles == 5
    stages = Stages()
    report = checker.check(folder, store=db, progress=stages, tile_articles=4)
    assert stages.last["reuse"] == (5, len(articles))
    assert stages.last["extract"] == (len(articles) - 5, len(articles) - 5)
    assert same(report) == same(checker.check(folder, tile_articles=4))
    assert store_info(db).articles == len(articles)


def test_a_tile_whose_claims_only_moved_takes_its_findings_from_the_store_where_the_claims_now_sit(
    copy, monkeypatch
):
    """A paragraph without figures before an article's claims moves them, their ids and offsets with them,
    and changes nothing any tile finds: the tiles take their kept findings, each claim put where it now
    sits, and the report is that of a full run (here a numeric conflict's claim and an entity conflict's
    outlier move)."""
    folder, db = copy
    small = {"tile_articles": 4, "date_window_days": 1}
    before = checker.check(folder, store=db, **small)
    moved = ["patapsco-0327-ship@563", "baybusiness_insurers@580"]
    quoted = {c.id for f in before.findings for c in [*f.claims, *f.entity_claims]}
    assert set(moved) <= quoted and set(moved) <= {i for f in before.findings for i in f.outliers}
    opening = "Shipping lines were still weighing their options late on Tuesday.\n\n"
    text = (folder / CHANGED).read_text("utf-8")
    byline, _, rest = text.partition("\n\n")
    (folder / CHANGED).write_text(f"{byline}\n\n{opening}{rest}", "utf-8")
    pickups = [json.loads(line) for line in (folder / "wire_pickups.jsonl").read_text("utf-8").splitlines()]
    for page in pickups:
        if page.get("id") == "patapsco-0327-ship":
            page["text"] = opening + page["text"]
    (folder / "wire_pickups.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pickups), "utf-8")
    matched: list[int] = []
    match_tile = tiled._match_tile
    monkeypatch.setattr(tiled, "_match_tile", lambda *a: matched.append(1) or match_tile(*a))
    changed = checker.check(folder, store=db, **small)
    assert not matched, "no tile was matched again"
    with sqlite3.connect(db) as connection:
        keys = [key for (key,) in connection.execute("SELECT key FROM tile_findings")]
    assert any(key.startswith(tiled.PLACED) for key in keys), "kept with the claims where they sit now"
    assert same(changed) == same(checker.check(folder, **small))
    ids = {c.id for f in changed.findings for c in [*f.claims, *f.entity_claims]}
    assert not ids & set(moved) and {i.rsplit("@")[0] for i in moved} <= {i.rsplit("@")[0] for i in ids}
    again = checker.check(folder, store=db, **small)  # found now by its texts, with the claims in place
    assert same(again) == same(changed)


def test_claims_that_move_past_another_articles_keep_the_report_of_a_full_run(copy):
    """Paragraphs without figures early in one page move its claims past the offsets of other pages'
    claims: nothing a finding says may follow offsets compared across articles (an entity conflict's fact
    and outlets once did), or a tile taken from the store would tell it otherwise than a full run."""
    folder, db = copy
    small = {"tile_articles": 4, "date_window_days": 1}
    checker.check(folder, store=db, **small)
    said = "Analysts cautioned that it was too early to judge the wider effect on trade along the coast. "
    filler = "\n\n".join(f"{said}Residents watched the work go on from the shore ({k})." for k in "abcd")
    page = json.loads((folder / "harbortimes_collapse.json").read_text("utf-8"))
    first, _, rest = page["text"].partition("\n\n")
    page["text"] = f"{first}\n\n{filler}\n\n{rest}"
    (folder / "harbortimes_collapse.json").write_text(json.dumps(page), "utf-8")
    changed, again = checker.check(folder, store=db, **small), checker.check(folder, store=db, **small)
    full = checker.check(folder, **small)
    assert same(changed) == same(full) and same(again) == same(full)
    assert any(f.entity_claims for f in full.findings)


def test_digests_findings_and_signatures_read_back_as_they_were_stored(tmp_path):
    articles = checker.load_archive(ARCHIVE).articles
    sets = extract_claim_sets(articles)
    findings = checker.check(ARCHIVE).findings
    with open_store(tmp_path / "checker.db") as store:
        key = store.use_fingerprint(CheckOptions())
        rows = [
            (a.id, content_hash(a), ArticleClaims(numeric=n, entities=e, names=sorted(names)))
            for a, n, e, names in zip(articles, *sets[:3], strict=True)
        ]
        store.put_claims(key, rows)
        digests = store.stored_digests(key, {a.id: content_hash(a) for a in articles})
        assert store.stored_digests(key, {articles[0].id: "another hash"}) == {}
        for article_id, _, claims in rows:
            read, made = digests[article_id], digest_of(claims.numeric, claims.entities, None)
            assert read[:2] == made[:2] and read.mentions == made.mentions and read.failed is None
            assert np.array_equal(read.texts, made.texts) and read.texts.dtype == np.uint64
        assert sum(len(d.mentions) for d in digests.values()) > 10

        numeric = [f for f in findings if f.cluster_id and "#" in f.cluster_id]
        notes, placed = [(2, ["killed"], ["Baltimore", "Dali"])], {"a": (["a@5", "a@90"], ["a@40"])}
        found = TileFindings(7, packed(numeric), packed([]), notes, placed)
        store.put_derived(("tile_findings", "k", found.payload()))
        assert TileFindings.read(store.derived("tile_findings", "k") or b"") == found
        assert store.derived("tile_findings", "other") is None
        kept = KeptFindings()
        kept.add_packed(found.findings, 5)
        shifted = kept.all()
        assert [f.model_copy(update={"cluster_id": None}) for f in shifted] == [
            f.model_copy(update={"cluster_id": None}) for f in numeric
        ]
        for before, after in zip(numeric, shifted, strict=True):
            block, _, number = (before.cluster_id or "").rpartition("#")
            assert after.cluster_id == f"{block}#{int(number) + 5}"

        leads = [lead_of(a) for a in articles]
        signed = _KeptSigner(store)(leads)
        assert np.array_equal(signed, lead_signatures(leads)) and signed.dtype == np.uint64
        assert len(store.signatures([text_sha256(lead) for lead in leads])) == len(set(leads))
        assert np.array_equal(_KeptSigner(store)(leads[::-1]), signed[::-1])


def test_syndication_kept_in_the_store_finds_the_groups_of_a_whole_search(tmp_path):
    articles = _archive(stories=90, copies=3)
    added = articles[-12:] + [a for a in articles[:-12:5] if "copy" in a.id]
    earlier = [a for a in articles if a not in added]
    with open_store(tmp_path / "checker.db") as store:
        assert stored_syndication(store, earlier) == find_syndicated(earlier)
        assert stored_syndication(store, articles) == find_syndicated(articles)
        # an article that left unsettles what was kept: the whole archive is searched again
        fewer = [a for a in articles if a.id != "s3-copy1"]
        assert stored_syndication(store, fewer) == find_syndicated(fewer)
        for edited in ("s6", "s7"):  # the original of a group, an article of none
            changed = [
                a.model_copy(update={"text": a.text + " Corrected."}) if a.id == edited else a
                for a in articles
            ]
            assert stored_syndication(store, changed) == find_syndicated(changed)
            assert stored_syndication(store, articles) == find_syndicated(articles)


def _stories_found(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each tile whose stories a run finds, from now on."""
    calls: list[int] = []
    found = tiled.group_stories

    def finding(articles: Sequence[Article], contrast: float) -> Any:
        calls.append(len(articles))
        return found(articles, contrast)

    monkeypatch.setattr(tiled, "group_stories", finding)
    return calls


@pytest.mark.parametrize("tallies", [False, True])
def test_a_rerun_with_a_new_article_takes_the_findings_of_the_tiles_it_leaves_alone(
    tmp_path, monkeypatch, tallies
):
    """Five tiles; the latest article, added, falls in the last two. The others are looked up by their
    inputs, without finding their stories or reading their claims, and the report is that of a full run."""
    folder = tmp_path / "articles"
    shutil.copytree(ARCHIVE, folder)
    options = {"tile_articles": 3, "date_window_days": 0.25, "tallies": tallies}
    latest = folder / "midatlantic_post_salvage_0404.txt"
    text = latest.read_text("utf-8")
    latest.unlink()
    db = tmp_path / "checker.db"
    checker.check(folder, store=db, **options)
    latest.write_text(text, "utf-8")
    calls = _stories_found(monkeypatch)
    rerun = checker.check(folder, store=db, **options)
    matched = len(calls)
    assert same(rerun) == same(checker.check(folder, **options))
    assert 0 < matched < 5, "only the tiles holding the new article are matched"
    calls.clear()
    again = checker.check(folder, store=db, **options)
    assert calls == [] and same(again) == same(rerun)
