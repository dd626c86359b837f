"""The word-level tokens every later reading of figures works on: currency symbols, digit groups,
words and punctuation, each with its character span in the text; and what a digit token is worth as
written ("1,000", "2 1/2", "2½", "1.3x10^6") and the granularity it is written to."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from checker.figures.currencies import all_symbols

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


_LONGEST_EXPONENT = 308
_EXPONENT = re.compile(r"[-+]?\d{1,4}")
#: the space of a mixed fraction, however it is typed ('2 1/2', '2\u00a01/2', '2\u20091/2')
MIXED_SPACE = re.compile(r"\s+(?=\d+[/⁄]\d+)")


def _ungrouped(text: str) -> str:
    """A figure as written, with one plain space before the fraction of a mixed number and no thousands
    separators: '2\u00a01/2' -> '2 1/2', '1\u202f000' -> '1000'. A no-break or thin space is a thousands
    separator everywhere else, so it goes only after the mixed space is made plain."""
    s = MIXED_SPACE.sub(" ", text.strip())
    for sep in GROUP_SEPARATORS:
        s = s.replace(sep, "")
    return s


def parse_digits(text: str) -> float | None:
    """'1,000' -> 1000; '2.5' -> 2.5; '2 1/2' -> 2.5; '3/4' -> 0.75; '2½' -> 2.5; '1e10'; None otherwise.

    Digits too many for a float read as inf (never an OverflowError), which `numbers.readable` then
    refuses."""
    s = _ungrouped(text)
    extra = 0.0
    if s and s[-1] in VULGAR:
        extra, s = VULGAR[s[-1]], s[:-1] or "0"
    s = s.replace("⁄", "/").replace("−", "-")
    if "^" in s or "×" in s or "x10" in s:
        return _powered(s)
    whole, _, frac = s.partition(" ")
    if "/" in whole and not frac:
        whole, frac = "0", whole
    if "/" in whole:
        return None
    try:
        value = float(whole)
    except ValueError:
        return None
    if value == 0 and _written_nonzero(whole):
        return None  # '1e-400': too small for a float, yet not zero; not read, as 1e-31 is not
    if frac:
        num, _, den = frac.partition("/")
        if not (num.isdecimal() and den.isdecimal()) or float(den) == 0:
            return None
        part = float(num) / float(den)  # floats: 400 digits are inf, where ints overflow a division
        if part == 0 and _written_nonzero(num):
            return None
        value += part
    return value + extra


def _written_nonzero(number: str) -> bool:
    """Whether a number is written with a digit other than zero before any exponent ('1e-400', not
    '0.00')."""
    return any(unicodedata.digit(ch, 0) for ch in number.lower().partition("e")[0])


def _powered(s: str) -> float | None:
    """'1.1^23', '2.5^-1', '1.3x10^6', '2.998×10-8', '2 1/2x10^3': a power, or a mantissa times a power
    of ten."""
    mantissa: float | None = 1.0
    for times in ("×", "x"):
        if times in s:
            head, _, s = s.partition(times)
            mantissa = parse_digits(head)
            s = s.replace("10-", "10^-", 1) if "^" not in s else s
    base, _, exp = s.partition("^")
    sign = -1 if exp.count("-") % 2 else 1
    digits = exp.lstrip("+-")
    if mantissa is None or not math.isfinite(mantissa) or not digits.isdecimal() or len(digits) > 3:
        return None
    try:
        root = float(base)
        value = mantissa * root ** (sign * int(digits))
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    return None if value == 0 and mantissa != 0 and root != 0 else value  # '10^-999': too small, not 0


def decimal_precision(text: str) -> float:
    """The granularity a figure is written to: '620' -> 10, '1,000' -> 1000, '2.5' -> 0.1, '105' -> 1,
    '25e3' -> 1000, '1.5e-3' -> 0.0001.

    Used for implicit rounding across unit conversions: 620 miles means "about 620, to the ten". The
    exponent counts, so a precision is never coarser than the figure: '1000e-290' is written to 1e-287,
    not to 1e3, and no scale word after it can make it overflow.
    """
    s = _ungrouped(text).split(" ")[0].lstrip("-−")
    s, _, exponent = s.replace("E", "e").partition("e")
    shift = int(exponent) if _EXPONENT.fullmatch(exponent) else 0
    if "." in s:
        places = -len(s.split(".", 1)[1])
    else:
        digits = "".join(c for c in s if c.isdecimal()).lstrip("0")
        if not digits:
            return 1.0
        places = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** max(-_LONGEST_EXPONENT, min(places + shift, _LONGEST_EXPONENT))
