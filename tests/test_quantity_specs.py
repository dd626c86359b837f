"""Regressions from published spec cases (Recognizers-Text English specs, quantulum3's own tests), read
from `../shared/data` at run time and never copied in. Each model must keep reading at least the share
of its kept cases it reads now; `python benchmarks/quantities.py --failures` lists the ones it misses.
"""

from __future__ import annotations

import pytest

from benchmarks.quantity_specs import (
    QUANTULUM,
    RECOGNIZERS,
    CaseResult,
    quantulum_cases,
    recognizer_cases,
    score_quantulum_case,
    score_recognizer_case,
)
from checker.figures.numbers import find_numbers

#: the share of kept cases read exactly when these floors were last raised (never lower them)
FLOORS = {
    "Number": 0.91,
    "NumberRange": 0.95,
    "Percent": 1.0,
    "Currency": 0.96,
    "Dimension": 0.90,
    "quantulum3": 0.90,
}


def _share(results: list[CaseResult]) -> tuple[float, list[str]]:
    kept = [r for r in results if r.excluded is None]
    misses = [f"{r.id}: {r.text[:80]!r} want {r.expected} got {r.got}" for r in kept if not r.ok]
    return (len(kept) - len(misses)) / len(kept), misses


@pytest.mark.parametrize("model", ["Number", "NumberRange", "Percent", "Currency", "Dimension"])
def test_recognizers_specs_hold(model: str) -> None:
    if not RECOGNIZERS.exists():
        pytest.skip(f"{RECOGNIZERS} is not here: the spec cases are shared data beside the checkout")
    numbers = lambda text: [n.value for n in find_numbers(text)]  # noqa: E731
    results = [score_recognizer_case(c, numbers) for c in recognizer_cases()]
    share, misses = _share([r for r in results if r.model == model])
    assert share >= FLOORS[model], "\n".join(misses)


def test_quantulum_cases_hold() -> None:
    if not QUANTULUM.exists():
        pytest.skip(f"{QUANTULUM} is not here: the spec cases are shared data beside the checkout")
    share, misses = _share([score_quantulum_case(c) for c in quantulum_cases()])
    assert share >= FLOORS["quantulum3"], "\n".join(misses)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 million", 2e6),
        ("three dozens", 36),
        ("1,234,567", 1234567),
        ("-9.5", -9.5),
        ("two thirds", 2 / 3),
        ("two hundred point zero three", 200.03),
        ("one hundred thirty fifths", 100 / 35),
        ("a twenty-first", 1 / 21),
        ("twenty and three fifths", 20.6),
        ("three million and a half", 3.5e6),
        ("five and a half million", 5.5e6),
        ("three quarters billion", 0.75e9),
        ("4 thousand 3 hundred and 21", 4321),
        ("three lakh crore", 3e12),
        ("one over three", 1 / 3),
        ("two out of five hundred", 0.004),
        ("1.3x10^6", 1.3e6),
        ("2.5^-1", 0.4),
        ("fifty - two", 52),
    ],
)
def test_number_normalizer_reads(text: str, value: float) -> None:
    (found,) = find_numbers(text)
    assert found.value == pytest.approx(value)
    assert text[found.start : found.end].strip() == text.strip()


@pytest.mark.parametrize(
    "text", ["the twenty-first century", "a third-party review", "one second later", "it rose 3 in 2019."]
)
def test_words_that_are_not_one_number(text):
    assert [n.value for n in find_numbers(text)] in ([], [1.0], [3.0, 2019.0])
