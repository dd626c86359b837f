"""Hypothesis strategies for extreme inputs (issue 17, "numbers that cannot overflow"), and the checks a
reading of them must pass. Shared by tests/test_extreme_inputs.py (a short, derandomized CI run) and
benchmarks/extreme_inputs.py (20,000 examples and more): one source of generators for both.

A figure is read or ignored, never raised: whatever the text, `parse_quantities` and `extract` return,
every value and bound they give is finite, and every interval is ordered. A failed check says what broke
before ' | ' and where after it, so a count can group failures by the first part.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

from checker.models import Quantity

#: numbers far beyond what a float holds, or far below what it can tell from zero
HUGE = [
    "1e400",
    "1E999",
    "-1e400",
    "1e-400",
    "1e308",
    "1.8e308",
    "1e30",
    "1e31",
    "9.99e29",
    "1e-30",
    "1e-31",
    "10^999",
    "10^-999",
    "10^308",
    "2^1024",
    "1.1^999",
    "0^-1",
    "0^-5",
    "1.3x10^400",
    "1.3×10^400",
    "2.998×10-800",
    "2.998×10−8",
    "9x10^99",
    "9" * 400,
    "1" + "0" * 400,
    "1" + "0" * 300 + "e-290",
    "1" + "0" * 29 + "e-28",
    "0." + "0" * 400 + "1",
    "1" + ",000" * 150,
    "1" + ",000" * 10,
    "12,34,56,78,90,12,34,567",
    "1" + "0" * 30,
    "1" + "0" * 31,
    "99999999999999999999.5",
    "1 " + "9" * 400 + "/" + "1" * 3,
    "1 1/" + "0" * 5,
    "3/0",
    "0/0",
    "1" + "0" * 400 + "/3",
    "." + "9" * 400,
]

#: ordinary figures, to give the extremes something to be read beside
PLAIN = ["0", "1", "-1", "2.5", "1,000", "007", "1/2", "3/4", "2 1/2", "1e10", "30", "1.2", "2025", ".5"]

#: digits that are not ASCII: Arabic-Indic, Persian, Devanagari, fullwidth, mathematical, superscripts,
#: subscripts, circled and Roman numerals, vulgar fractions
UNICODE_DIGITS = [
    "١٢٣",
    "٣",
    "٫",
    "٬",
    "۱۲۳۴",
    "१२३",
    "１２３",
    "１，０００",
    "𝟙𝟚𝟛",
    "²",
    "³",
    "¹²³",
    "⁴⁰⁰",
    "₂",
    "①",
    "Ⅻ",
    "〇",
    "፲",
    "½",
    "¾",
    "⅛",
    "⅓",
    "⅔",
    "⅞",
    "↉",
    "⁄",
    "1½",
    "2⅓",
    "½½",
]

#: separators and signs standing alone
SEPARATORS = [
    ",",
    ".",
    "/",
    "-",
    "−",
    "–",
    "—",
    "⁄",
    "^",
    "×",
    "x",
    "e",
    "E",
    "+",
    "±",
    "+/-",
    ":",
    "'",
    "(",
    ")",
]

#: control and invisible characters
INVISIBLE = [
    "\x00",
    "\x01",
    "\x07",
    "\x1b",
    "\x7f",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u202e",
    "\ufffd",
]

#: currencies, scales, units and the words that join figures
WORDS = [
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "USD",
    "EUR",
    "MUSD",
    "bn",
    "m",
    "k",
    "K",
    "tn",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "thousand",
    "hundred",
    "crore",
    "lakh",
    "lakh crore",
    "crore crore crore",
    "point",
    "zero",
    "dozen",
    "dozens",
    "tens of thousands",
    "km",
    "km/h",
    "mph",
    "kg",
    "mg",
    "°C",
    "°F",
    "ft",
    "in",
    "m2",
    "%",
    "per cent",
    "percent",
    "out of",
    "over",
    "of",
    "a",
    "an",
    "per",
    "a barrel",
    "times",
    "cents",
    "and",
    "or",
    "to",
    "minus",
    "negative",
    "between",
    "from",
    "about",
    "more than",
    "up to",
    "nearly",
    "plus",
    "year-old",
    "people",
    "rose",
    "fell",
    "one",
    "three",
    "twenty-one",
    "half",
    "third",
    "three quarters",
    "five eighths",
    "a third of a",
    "absolute zero",
    "°C/h",
    "°F",
    "per hour",
    "per degree Celsius",
    "/h",
    "F/h",
    "a day",
    "each",
    "by",
    "sq km",
    "km²",
    "kWh",
    "miles per gallon",
    "MB/s",
    "light years",
    "pence",
    "p",
    "lbs",
    "oz",
    "5'10\"",
]

PIECES = HUGE + PLAIN + UNICODE_DIGITS + SEPARATORS + INVISIBLE + WORDS
#: every character the pieces are made of, for texts drawn one character at a time
CHARACTERS = sorted({ch for piece in PIECES for ch in piece})
JOINERS = ["", " ", " ", "  ", "-", ",", "\u00a0"]


def _joined(parts: Iterable[tuple[str, str]]) -> str:
    return "".join(piece + joiner for piece, joiner in parts)


#: texts built from the pieces above, glued or spaced
figure_soup = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(JOINERS)), max_size=14).map(_joined)

#: one extreme figure with what can be written around it
extreme_figure = st.builds(
    lambda before, number, after: f"{before}{number}{after}",
    st.sampled_from(["", "$", "€", "£", "about ", "more than ", "between 1 and ", "-", "minus ", "US$ "]),
    st.sampled_from(HUGE + UNICODE_DIGITS + PLAIN),
    st.sampled_from(
        [
            "",
            " bn",
            "bn",
            " million",
            " billion dollars",
            " trillion",
            "m",
            " km",
            "km",
            "%",
            " per cent",
            " out of 1e400",
            " over 0",
            " over 3",
            " out of ٣",
            " to 1e400",
            " to 2",
            "-million-strong",
            " USD million",
            " MUSD",
            " dollars 50",
            " ± 1e400",
            " +/- 1e-400",
            " ft 1e400 in",
            " a barrel",
            " years old",
        ]
    ),
)

#: scale words that multiply ('one lakh crore crore'), many times over: past any float
repeated_scales = st.builds(
    lambda head, scale, n, tail: " ".join([head, *[scale] * n, tail]).strip(),
    st.sampled_from(
        ["one", "a", "three quarters", "half a", "1.5", "1e29", "$1", "two hundred point", "one lakh"]
    ),
    st.sampled_from(
        ["crore", "lakh", "million", "billion", "thousand", "hundred", "dozen", "nine", "and a half"]
    ),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["", "people", "dollars", "km", "%", "out of 3", "and a half"]),
)

#: any text at all, and any text with extreme figures spliced into it
any_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(CHARACTERS), max_size=60),
    st.builds(lambda a, fig, b: f"{a} {fig} {b}", st.text(max_size=40), extreme_figure, st.text(max_size=40)),
)

quantity_text = st.one_of(figure_soup, extreme_figure, repeated_scales, any_text)

_SENTENCES = [
    "The company said it raised {} last year, officials said.",
    "Officials counted {} ballots in the capital on Tuesday.",
    "Russia said it shot down {} drones overnight, the ministry said.",
    "The bridge is {} long and cost {} to build.",
    "Prices rose {} in May, according to the statistics office.",
    "About {} people were evacuated, police said.",
]

#: sentences that carry extreme figures, for `extract` (which runs spaCy: keep these few)
sentence_text = st.builds(
    lambda template, figures: template.format(*figures),
    st.sampled_from(_SENTENCES),
    st.lists(st.one_of(extreme_figure, figure_soup), min_size=2, max_size=2),
)


def check_quantity(q: Quantity, text: str | None = None) -> None:
    """What every figure must be: finite and ordered; read from `text`, pointing at its own words."""
    for name in ("value", "low", "high", "precision"):
        x = getattr(q, name)
        assert x is None or math.isfinite(x), f"{name} not finite | {q.surface!r}: {x!r}"
    if q.low is not None and q.high is not None:
        assert q.low <= q.high, f"low above high | {q.surface!r}: {q.low} > {q.high}"
    if text is not None:
        assert 0 <= q.start <= q.end <= len(text), f"span out of the text | {(q.start, q.end, len(text))}"
        assert text[q.start : q.end] == q.surface, f"span not its surface | {q.surface!r}"


def check_judged(q: Quantity) -> None:
    """What the judge makes of a figure: an interval in base units, never NaN, ordered, that can be
    written out, whether or not it is converted to another unit."""
    from checker.match.intervals import judged_interval
    from checker.options import CheckOptions

    for converting in (False, True):
        interval = judged_interval(q, CheckOptions(), converting=converting)
        assert not math.isnan(interval.low) and not math.isnan(interval.high), f"judged NaN | {q.surface!r}"
        assert interval.low <= interval.high, f"judged low above high | {q.surface!r}: {interval}"
        interval.describe()


@contextmanager
def logged_failures() -> Iterator[list[BaseException]]:
    """The exceptions `checker` catches and logs so that one bad article or file never stops an archive
    (`extract` skips the article, `load_archive` lists the file as 'a checker bug'): caught, they are
    still bugs, and a check re-raises them."""
    found: list[BaseException] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info and record.exc_info[1] is not None:
                found.append(record.exc_info[1])

    logger, handler = logging.getLogger("checker"), Keep(logging.DEBUG)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def extract_checked(text: str) -> int:
    """`checker.extract(text)`: no exception, raised or caught on the way, and every claim's figure
    finite and ordered. The number of claims."""
    import checker

    with logged_failures() as failures:
        claims = checker.extract(text)
    if failures:
        raise failures[0]
    for claim in claims:
        check_quantity(claim.quantity)
    return len(claims)


# ---------------------------------------------------------------------------------------------
# Archives: what `load_archive` is handed
# ---------------------------------------------------------------------------------------------

_GOOD_RECORD = {"id": "a", "text": "Officials counted 1,000 ballots on Tuesday."}


def _nested(depth: int, opener: str, closer: str, core: str = "1") -> bytes:
    return (opener * depth + core + closer * depth).encode()


#: (suffix, bytes) of files a desk should never be handed, but will be
BAD_FILES: list[tuple[str, bytes]] = [
    (".json", _nested(1_500, "[", "]")),
    (".json", _nested(100_000, "[", "]")),
    (".json", _nested(5_000, '{"a":', "}")),
    (".json", b'{"text": ' + _nested(3_000, "[", "]") + b"}"),
    (".jsonl", _nested(2_000, "[", "]") + b"\n" + json.dumps(_GOOD_RECORD).encode()),
    (".jsonl", _nested(2_000, '{"text":', "}", '"x"') + b"\n"),
    (".json", b'{"text": "1,000\x00 ballots\x07 counted\x1b"}'),  # raw control characters: invalid JSON
    (".json", b'{"text": "Officials counted 1e400 ballots \\u0000 \\u0007 \\u001b."}'),
    (".json", b'{"text": "A lone surrogate \\ud800 beside 10^999 votes."}'),
    (".jsonl", b'{"text": "one\\u0000two 3"}\n{"text": "tab\tin 1e999"}\n\x00\x01\x02\n'),
    (".jsonl", b"\n\n\n"),
    (".json", b""),
    (".jsonl", b""),
    (".txt", b""),
    (".html", b""),
    (".txt", b"\x00\x01\x02\xff\xfe\xfd" * 50),
    (".json", b"\xff\xfe{\x00}\x00"),
    (".jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    (".html", b"<html>\x00\xff<p>" + b"<div>" * 5_000 + b"1e400 km</p>"),
    (".txt", b"Officials counted " + b"9" * 5_000 + b" ballots and 1e400 votes.\n\x0c\x0b"),
    (".txt", "Prices rose ١٢٣% and ½ of ¹²³ 10^999 people.\u200b\u2028".encode()),
    (".txt", b"\xef\xbb\xbf"),
    (".json", b"[" + b"{}," * 2_000 + b"{}]"),
    (".json", b'{"text": "x", "published": "' + b"9" * 400 + b'"}'),
    (".json", b'{"text": "x", "published": 1e400}'),
    (".json", b'{"text": 1e400, "title": NaN, "id": Infinity}'),
    (".json", b'{"articles": [' + b'{"text": "1e400 km"},' * 50 + b"null]}"),
    (".bin", bytes(range(256))),
]

#: file names that are not UTF-8, or otherwise odd
BAD_NAMES: list[bytes] = [b"bad\xff.txt", b"caf\xe9.json", b"\xed\xa0\x80.jsonl", b"ok\xc3(.txt"]

bad_file = st.sampled_from(BAD_FILES)
archive_files = st.lists(st.tuples(st.sampled_from(BAD_FILES), st.booleans()), min_size=1, max_size=4)


def write_archive(folder: Path, files: list[tuple[tuple[str, bytes], bool]]) -> list[bytes]:
    """Write `files` under `folder` (a bytes name that is not UTF-8 when the flag is set); the byte paths
    written, so a check can name each."""
    written: list[bytes] = []
    base = os.fsencode(folder)
    for n, ((suffix, data), bad_name) in enumerate(files):
        stem = BAD_NAMES[n % len(BAD_NAMES)].rsplit(b".", 1)[0] if bad_name else b"file"
        path = os.path.join(base, stem + b"%d" % n + suffix.encode())
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        written.append(path)
    return written


def load_checked(folder: Path, written: list[bytes]) -> None:
    """`checker.load_archive(folder)`: no exception, raised or caught as 'a checker bug'; every file
    written is either read (an article from it) or listed as skipped; the result can be written out."""
    import checker
    from checker.read.ingest import display_path

    with logged_failures() as failures:
        archive = checker.load_archive(folder)
    if failures:
        raise failures[0]
    named = [a.origin or "" for a in archive.articles] + [s.path for s in archive.skipped]
    for path in written:
        shown = display_path(os.fsdecode(path))
        if not any(n == shown or n.startswith((shown + ":", shown + "[")) for n in named):
            with open(path, "rb") as f:
                head = f.read(24)
            suffix = os.path.splitext(path)[1].decode(errors="replace")
            raise AssertionError(f"file neither read nor skipped: {suffix} holding {head!r} | {shown}")
    archive.model_dump_json()  # every path and text in it can be written out
