"""Writing the archive: outlets and events drawn from the seed, every article composed, and the files
(`batch-NNN.jsonl`, `art-NNNNN.json`, `art-NNNNN.txt`) and the truth (each event's figures, each
article's deviation) written out. The same seed gives byte-identical files.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from random import Random

from .compose import Draft, Event, Outlet, deviation_choice, write_article
from .events import EVENT_TYPES, EventType
from .names import OUTLET_NAMES, SAID, SECTIONS, TZ_OFFSETS, distinct_people
from .wording import MONTHS, WEEKDAYS, Style

ARTICLES_PER_JSONL = 50
SINGLE_JSON_SHARE = 0.05
TXT_SHARE = 0.05
DEVIATION_RATE = 1 / 8
SPAN_DAYS = 120
COVERAGE_HOURS = 72
ARCHIVE_START = datetime(2025, 1, 6, tzinfo=UTC)
#: two events of one kind that start this close never share their setting (`EventType.setting`: the town,
#: or the country of an election): two earthquakes in one town on one day are one story to any reader, and
#: no article could say which of them a figure belongs to
APART_DAYS = 10
#: draws of another setting for an event whose setting is taken, before it keeps its own (in an archive
#: denser than the towns allow)
SETTING_DRAWS = 50
OUTPUT_PATTERNS = ("batch-*.jsonl", "art-*.json", "art-*.txt")


def make_outlets(rng: Random) -> list[Outlet]:
    outlets = []
    for name in OUTLET_NAMES:
        slug = re.sub(r"[^a-z]+", "", name.lower().removeprefix("the "))
        tld = rng.choice((".com", ".co", ".news", ".net", ".org"))
        british = rng.random() < 0.5
        units = (
            "both" if rng.random() < 0.2 else ("imperial" if not british and rng.random() < 0.5 else "metric")
        )
        offset = rng.choice(TZ_OFFSETS)
        style = Style(
            words_small=rng.random() < 0.6,
            british=british,
            percent_sign=rng.random() < 0.55,
            money_short=rng.random() < 0.5,
            units=units,
            km_glued=rng.random() < 0.3,
            hedge=rng.choice((0.1, 0.2, 0.3, 0.45)),
            said=rng.choice(SAID),
            tz=timezone(timedelta(minutes=offset)),
            section=rng.choice(SECTIONS),
        )
        outlets.append(Outlet(name, f"www.{slug}{tld}", style))
    return outlets


def split_sizes(rng: Random, total: int) -> list[int]:
    """Articles per event: 5-20 each, summing to total (fewer/smaller for tiny archives)."""
    if total <= 0:
        return []
    n_events = max(1, min(round(total / 12.5), total))
    lo = 5 if n_events * 5 <= total else 1
    hi = 20 if n_events * 20 >= total else total
    sizes = [rng.randint(lo, min(hi, 20)) for _ in range(n_events)]
    while sum(sizes) > total:
        i = rng.randrange(n_events)
        if sizes[i] > lo:
            sizes[i] -= 1
    while sum(sizes) < total:
        i = rng.randrange(n_events)
        if sizes[i] < hi:
            sizes[i] += 1
    return sizes


def make_events(rng: Random, total: int) -> list[Event]:
    events: list[Event] = []
    for index, size in enumerate(split_sizes(rng, total)):
        kind = EVENT_TYPES[index % len(EVENT_TYPES)] if index < len(EVENT_TYPES) else rng.choice(EVENT_TYPES)
        day = rng.randrange(SPAN_DAYS - 3)
        start = ARCHIVE_START + timedelta(days=day, minutes=rng.randrange(24 * 60))
        facts = kind.facts(rng)
        ctx = distinct_people(kind.context(rng), rng)
        ctx = _own_setting(ctx, kind, start, events)
        ctx["weekday"] = WEEKDAYS[start.weekday()]
        events.append(Event(index, kind, facts, ctx, start, size))
    return events


def _own_setting(
    ctx: dict[str, str], kind: EventType, start: datetime, events: list[Event]
) -> dict[str, str]:
    """`ctx`, or when another event of `kind` within `APART_DAYS` already has its setting, the context of
    another (and other people), drawn from a generator of its own so that the archive's own draws, and
    every other event, stay what they were."""

    def setting(context: dict[str, str]) -> tuple[str | None, ...]:
        return tuple(context.get(key) for key in kind.setting)

    near = timedelta(days=APART_DAYS)
    taken = {setting(e.ctx) for e in events if e.kind is kind and abs(e.start - start) <= near}
    if setting(ctx) not in taken:
        return ctx
    for draw in range(SETTING_DRAWS):
        side = Random(f"{start.isoformat()}/{len(events)}/{draw}")
        other = distinct_people(kind.context(side), side)
        if setting(other) not in taken:
            return other
    return ctx


def posted_line(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    ampm = "am" if dt.hour < 12 else "pm"
    return f"Posted {MONTHS[dt.month - 1]} {dt.day}, {dt.year} {hour}:{dt.minute:02d} {ampm}."


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return "-".join(slug.split("-")[:10])


def article_record(draft: Draft, article_id: str) -> dict[str, str]:
    local = draft.published.astimezone(draft.outlet.style.tz)
    url = (
        f"https://{draft.outlet.domain}/{draft.outlet.style.section}/"
        f"{local:%Y/%m/%d}/{slugify(draft.title)}-{article_id.split('-')[-1]}"
    )
    return {
        "id": article_id,
        "title": draft.title,
        "text": "\n\n".join(draft.paragraphs),
        "source": draft.outlet.name,
        "url": url,
        "published": local.isoformat(),
    }


def txt_document(draft: Draft) -> str:
    local = draft.published.astimezone(draft.outlet.style.tz)
    head = [draft.title, f"By {draft.outlet.name}", posted_line(local), ""]
    return "\n".join(head) + "\n" + "\n\n".join(draft.paragraphs) + "\n"


def _clean(out_dir: Path) -> None:
    for pattern in OUTPUT_PATTERNS:
        for path in out_dir.glob(pattern):
            path.unlink()


def generate_archive(
    out_dir: Path, articles: int = 1000, seed: int = 7, *, truth: Path | None = None
) -> Path:
    """Write a synthetic archive of ``articles`` articles into ``out_dir`` and return it.

    Files this generator wrote before (batch-*.jsonl, art-*.json, art-*.txt) are
    removed first; other files in the folder are left alone.  With ``truth``, a
    JSON file describing the events, their figures and every deviation is written
    there (keep it outside ``out_dir``: it is not an article).
    """
    if articles < 0:
        raise ValueError("articles must be >= 0")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean(out_dir)
    rng = Random(seed)
    outlets = make_outlets(rng)
    events = make_events(rng, articles)

    drafts: list[Draft] = []
    for event in events:
        chosen = (
            rng.sample(outlets, event.articles)
            if event.articles <= len(outlets)
            else [rng.choice(outlets) for _ in range(event.articles)]
        )
        for outlet in chosen:
            published = event.start + timedelta(minutes=rng.randrange(COVERAGE_HOURS * 60))
            wrong = deviation_choice(event, rng) if rng.random() < DEVIATION_RATE else None
            drafts.append(write_article(event, outlet, published, rng, wrong))
    drafts.sort(key=lambda d: (d.published, d.event.index, d.outlet.name))

    ids = [f"art-{i + 1:05d}" for i in range(len(drafts))]
    n_json = round(len(drafts) * SINGLE_JSON_SHARE)
    n_txt = round(len(drafts) * TXT_SHARE)
    picked = rng.sample(range(len(drafts)), n_json + n_txt)
    as_json, as_txt = set(picked[:n_json]), set(picked[n_json:])

    batch: list[str] = []
    batch_no = 0

    def flush() -> None:
        nonlocal batch, batch_no
        if batch:
            batch_no += 1
            (out_dir / f"batch-{batch_no:03d}.jsonl").write_text(
                "".join(batch), encoding="utf-8", newline="\n"
            )
            batch = []

    for i, (draft, article_id) in enumerate(zip(drafts, ids, strict=True)):
        if i in as_txt:
            (out_dir / f"{article_id}.txt").write_text(txt_document(draft), encoding="utf-8", newline="\n")
            continue
        record = article_record(draft, article_id)
        if i in as_json:
            (out_dir / f"{article_id}.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
                newline="\n",
            )
            continue
        batch.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(batch) == ARTICLES_PER_JSONL:
            flush()
    flush()

    if truth is not None:
        _write_truth(Path(truth), seed, events, drafts, ids)
    return out_dir


def _write_truth(path: Path, seed: int, events: list[Event], drafts: list[Draft], ids: list[str]) -> None:
    data = {
        "seed": seed,
        "events": [
            {
                "event": e.index,
                "type": e.kind.name,
                "start": e.start.isoformat(),
                "articles": e.articles,
                "facts": {name: f.shown() for name, f in sorted(e.facts.items())},
                "context": {k: v for k, v in sorted(e.ctx.items())},
            }
            for e in events
        ],
        "articles": [
            {
                "id": article_id,
                "event": d.event.index,
                "source": d.outlet.name,
                "mentions": d.mentioned,
                "deviation": d.deviation,
            }
            for d, article_id in zip(drafts, ids, strict=True)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")
