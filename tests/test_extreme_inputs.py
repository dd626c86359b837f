"""Huge, tiny and malformed figures are read or ignored, never raised (issue 17, item 3).

Property tests over the generators in tests/extreme_strategies.py, on a short derandomized profile (the
whole file runs in well under 20 s); benchmarks/extreme_inputs.py runs the same generators 20,000 times.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checker
from checker.figures.numbers import LARGEST_FIGURE, find_numbers
from checker.figures.tokens import decimal_precision, parse_digits
from checker.figures.units import to_base
from tests import extreme_strategies as xs

#: short and deterministic: CI runs the same examples every time
SHORT = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _read(text: str) -> list[checker.Quantity]:
    found = checker.parse_quantities(text)
    for q in found:
        xs.check_quantity(q, text)
        xs.check_judged(q)
    return found


# ---------------------------------------------------------------------------------------------
# parse_quantities
# ---------------------------------------------------------------------------------------------


@SHORT
@given(xs.figure_soup)
def test_figures_glued_from_extreme_pieces_read_finite(text):
    _read(text)


@SHORT
@given(xs.extreme_figure)
def test_one_extreme_figure_with_its_currency_and_unit_reads_finite(text):
    _read(text)


@settings(SHORT, max_examples=100)
@given(xs.repeated_scales)
def test_scale_words_repeated_past_any_float_read_finite(text):
    _read(text)


@SHORT
@given(xs.any_text)
def test_any_text_reads_finite(text):
    _read(text)


@settings(SHORT, max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_find_numbers_never_raises(text):
    for n in find_numbers(text):
        assert math.isfinite(n.value)
        assert 0 <= n.start <= n.end <= len(text)


@pytest.mark.parametrize("text", xs.HUGE + xs.UNICODE_DIGITS + xs.SEPARATORS + xs.INVISIBLE)
def test_every_piece_alone_and_with_money_and_units(text):
    for around in ("{}", "${} bn", "{} million km", "about {}%", "{} per cent", "{} out of {}", "{} over 3"):
        _read(around.format(text, text))


@pytest.mark.parametrize(
    "text",
    [
        "1e400 people",
        "10^999 dollars",
        "1.3x10^400 km",
        "9" * 400 + " votes",
        "$" + "9" * 5_000 + "bn",
        "one lakh" + " crore" * 44,
        "two hundred point" + " crore" * 60,
        "a" + " trillion" * 40 + " people",
    ],
)
def test_figures_beyond_the_largest_are_not_read(text):
    assert all(abs(q.value) <= LARGEST_FIGURE for q in _read(text))


@pytest.mark.parametrize("text", ["1e-400 tonnes", "10^-999 km", "1.3x10^-400 m", "0." + "0" * 400 + "1 mm"])
def test_figures_too_small_for_a_float_are_not_read_as_zero(text):
    assert _read(text) == []  # written not zero, a float rounds them to zero: ignored, as 1e-31 is


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2\u00a01/2 cups", 2.5),  # a no-break space before the fraction, as typesetters write it
        ("2\u20091/2 cups", 2.5),  # a thin space
        ("2\t1/2 cups", 2.5),
        ("1\u00a0000 1/2 tonnes", 1000.5),  # a no-break thousands separator stays one
        ("1 1/2x10^3 tonnes", 1500),
        ("1 " + "9" * 400 + "/111 tonnes", None),  # a fraction too big for a float is not read
        ("3/0 tonnes", None),
    ],
)
def test_mixed_fractions_and_overflowing_digits(text, value):
    found = _read(text)
    if value is None:
        assert all(abs(q.value) <= LARGEST_FIGURE for q in found)
    else:
        assert [q.value for q in found][:1] == [value]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It warmed 3°C per hour.", "degree Celsius per hour"),
        ("It cooled 5 degrees Fahrenheit per hour.", "degree Fahrenheit per hour"),
        ("-3°F/s", "degree Fahrenheit per second"),
    ],
)
def test_a_rate_of_an_offset_unit_is_a_rate_of_its_difference(text, unit):
    (q,) = _read(text)
    assert q.unit == unit
    assert to_base(1.0, "degree Celsius per hour") == pytest.approx(1 / 3600)  # a kelvin an hour


def test_digits_too_long_for_int_parse_as_inf_never_raise():
    assert parse_digits("1 " + "9" * 5_000 + "/3") == math.inf
    assert parse_digits("1 1/" + "0" * 5_000) is None
    assert parse_digits("1 1/2x10^3") == 1500
    assert parse_digits("1 1/2x10^999") is None
    assert parse_digits("1e-400") is None
    assert parse_digits("0.00") == 0


@pytest.mark.parametrize(
    ("written", "precision"),
    [("620", 10), ("1,000", 1000), ("2.5", 0.1), ("105", 1), ("0", 1), ("25e3", 1000), ("1.5e-3", 1e-4)],
)
def test_a_precision_counts_the_exponent(written, precision):
    assert decimal_precision(written) == pytest.approx(precision)


def test_a_precision_is_never_coarser_than_its_figure():
    text = "1" + "0" * 300 + "e-290 bn"  # 1e10 in billions, all its zeros trailing: 1e19, written to 1e19
    (q,) = _read(text)
    assert q.value == 1e19
    assert q.precision is not None and q.precision <= q.value


# ---------------------------------------------------------------------------------------------
# extract (spaCy)
# ---------------------------------------------------------------------------------------------


@settings(SHORT, max_examples=30)
@given(xs.sentence_text)
def test_extract_reads_sentences_with_extreme_figures(text):
    xs.extract_checked(text)


# ---------------------------------------------------------------------------------------------
# load_archive
# ---------------------------------------------------------------------------------------------


def _file_id(entry: tuple[str, bytes]) -> str:
    suffix, data = entry
    return f"{suffix}:{data[:24]!r}:{len(data)}"


def _load(files: list[tuple[tuple[str, bytes], bool]]) -> None:
    with tempfile.TemporaryDirectory(prefix="extreme-") as folder:
        written = xs.write_archive(Path(folder), files)
        xs.load_checked(Path(folder), written)


@pytest.mark.parametrize(
    "entry",
    xs.BAD_FILES,
    ids=_file_id,
)
def test_each_bad_file_is_read_or_skipped(entry):
    _load([(entry, False)])


@pytest.mark.parametrize("name", xs.BAD_NAMES, ids=repr)
def test_file_names_that_are_not_utf8_are_read_or_skipped(name):
    with tempfile.TemporaryDirectory(prefix="extreme-") as folder:
        path = os.path.join(os.fsencode(folder), name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.write(fd, b'{"text": "Officials counted 1,000 ballots."}' if name.endswith(b"json") else b"x")
        finally:
            os.close(fd)
        xs.load_checked(Path(folder), [path])


def test_a_file_path_that_is_not_utf8_is_read():
    with tempfile.TemporaryDirectory(prefix="extreme-") as folder:
        path = os.path.join(os.fsencode(folder), b"bad\xff.txt")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.write(fd, b"Ballots counted\n\nOfficials counted 1,000 ballots on Tuesday in the capital.\n")
        finally:
            os.close(fd)
        archive = checker.load_archive(os.fsdecode(path))
        assert archive.articles or archive.skipped
        assert archive.model_dump_json()
        assert all("\\xff" in s.path for s in archive.skipped)
        assert all("\\xff" in (a.origin or "") for a in archive.articles)


_SETTLED_FILES = st.sampled_from(xs.BAD_FILES)


@settings(SHORT, max_examples=25)
@given(st.lists(st.tuples(_SETTLED_FILES, st.booleans()), min_size=1, max_size=4))
def test_archives_of_bad_files_are_read_or_skipped(files):
    _load(files)
