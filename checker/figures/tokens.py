"""The word-level tokens every later reading of figures works on: currency symbols, digit groups,
words and punctuation, each with its character span in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.figures.money import all_symbols

#: thousands separators: comma, no-break, narrow no-break and thin spaces (a plain space is too ambiguous)
GROUP_SEPARATORS = ",\u00a0\u202f\u2009"
#: vulgar fraction characters and their values
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅙": 1 / 6, "⅛": 0.125}
#: a fraction written with a slash ("1/2", "1⁄32"); never part of a date ("5/17/2018")
FRACTION = r"(?<![\d/⁄.])\d+[/⁄]\d+(?![\d/⁄])"
DIGITS = re.compile(
    rf"{FRACTION}"
    rf"|(?<![\d.])(?:\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?!\d)"  # Indian grouping: 12,34,567
    rf"|\d{{1,3}}(?:[{GROUP_SEPARATORS}]\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
    rf"(?:\s?\d+[/⁄]\d+|[{''.join(VULGAR)}])?(?:[eE][-+]?\d+(?![\w]))?"
    r"(?:[x×]10(?:\^[-+−]?|[-−])\d+(?![\d.])|\^[-+−]{0,2}\d+(?![\d.]))?"  # 1.3x10^6, 2.998×10−8, 1.1^23
    rf"|(?<![\w.])\.\d+|[{''.join(VULGAR)}]"
)


#: a figure a clock can show before 'am'/'pm': an hour, or an hour and two-digit minutes ('2.30')
_CLOCK_HOUR = re.compile(r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?")


def reads_as_clock(toks: list[Tok], i: int) -> bool:
    """Whether the number at token i can be the time before 'am'/'pm': '6', '2.30', or the minutes
    of '5: 53' (a colon the text spaced out); '2.1', '2.123', '36' cannot."""
    minutes = i >= 2 and toks[i - 1].text == ":" and toks[i - 2].kind == "num"
    return minutes or _CLOCK_HOUR.fullmatch(toks[i].text) is not None


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str  # sym, num, word, other, punct, url
    text: str
    start: int
    end: int
    low: str

    def glued_to(self, nxt: Tok) -> bool:
        return self.end == nxt.start


@cache
def _token_pattern() -> re.Pattern[str]:
    symbols = all_symbols()
    return re.compile(
        r"(?P<url>(?:https?://|www\.)\S+)|"  # a web address is one token: its digits are no figures
        "(?P<sym>" + "|".join(re.escape(s) for s in symbols) + r"|[%°])"
        rf"|(?P<num>{DIGITS.pattern})"
        r"|(?P<word>[^\W\d_]+(?:[’'][^\W\d_]+)?)|(?P<other>\w+)|(?P<punct>\S)"
    )


def tokenize(text: str) -> list[Tok]:
    return [
        Tok(m.lastgroup or "other", m.group(), m.start(), m.end(), m.group().lower())
        for m in _token_pattern().finditer(text)
    ]
