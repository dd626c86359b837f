"""Numbers as written: digits with separators, number words, scale words, fractions.

Word sequences are valued by text2num; `data/numbers.json` says which words can make up a number and
what the few words text2num does not read ("a thousand", "dozen") are worth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from text_to_num import text2num

from checker.tables import load_table

#: thousands separators: comma, no-break, narrow no-break and thin spaces (a plain space is too ambiguous)
_GROUP_SEPARATORS = ",\u00a0\u202f\u2009"
DIGITS = re.compile(
    rf"(?<![\w.])(?:\d{{1,3}}(?:[{_GROUP_SEPARATORS}]\d{{3}})+|\d+)(?:\.\d+)?(?:\s?\d+/\d+)?|(?<![\w.])\.\d+"
)


@dataclass(frozen=True)
class NumberWords:
    cardinals: frozenset[str]
    scales: dict[str, float]
    scale_suffixes: dict[str, float]
    word_values: dict[str, float]
    fractions: dict[str, float]

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.cardinals | frozenset(self.scales)


@cache
def number_words() -> NumberWords:
    raw: dict[str, Any] = load_table("numbers.json")
    return NumberWords(
        cardinals=frozenset(raw["cardinals"]),
        scales={k: float(v) for k, v in raw["scales"].items()},
        scale_suffixes={k: float(v) for k, v in raw["scale_suffixes"].items() if not k.startswith("_")},
        word_values={k: float(v) for k, v in raw["word_values"].items() if not k.startswith("_")},
        fractions={k: float(v) for k, v in raw["fraction_words"].items()},
    )


def parse_digits(text: str) -> float | None:
    """'1,000' -> 1000; '2.5' -> 2.5; '2 1/2' -> 2.5; '3/4' -> 0.75; None for anything else."""
    s = text.strip()
    for sep in _GROUP_SEPARATORS:
        s = s.replace(sep, "")
    whole, _, frac = s.partition(" ")
    if "/" in whole and not frac:
        whole, frac = "0", whole
    try:
        value = float(whole)
    except ValueError:
        return None
    if frac:
        num, _, den = frac.partition("/")
        if not (num.isdigit() and den.isdigit()) or int(den) == 0:
            return None
        value += int(num) / int(den)
    return value


def parse_number_words(words: str) -> float | None:
    """'one hundred and five' -> 105; 'a thousand' -> 1000; 'twenty-five' -> 25; None if not a number."""
    table = number_words()
    key = " ".join(words.lower().replace("-", " ").split())
    if key in table.word_values:
        return table.word_values[key]
    if key in table.fractions:
        return table.fractions[key]
    if key.startswith("a "):
        key = "one " + key[2:]
    try:
        return float(text2num(key, "en"))
    except ValueError:
        return None


def decimal_precision(text: str) -> float:
    """The granularity a figure is written to: '620' -> 10, '1,000' -> 1000, '2.5' -> 0.1, '105' -> 1.

    Used for implicit rounding across unit conversions: 620 miles means "about 620, to the ten".
    """
    s = text
    for sep in _GROUP_SEPARATORS:
        s = s.replace(sep, "")
    s = s.split(" ")[0]
    if "." in s:
        return 10.0 ** -len(s.split(".", 1)[1])
    digits = s.lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0"))
    return 10.0**trailing if digits != "0" else 1.0
