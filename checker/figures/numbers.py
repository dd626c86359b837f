"""Numbers as written: a digit token (valued by `checker.figures.tokens`) or number words (read by
`checker.figures.number_words`), with the sign before it, the scale word or suffix after it ("$5.4-billion",
"35m", "4 hundred million"), dozens, ratios ("two out of five") and thousands groups a tokenized source
split ("230, 000").

Whether "m" or "K" after digits is a scale or a unit ("1.8m tall", "573.15K") is asked of the unit table
(`checker.figures.units`). `find_numbers` is the number normalizer on its own; `number_at` is what
`parse_quantities` builds on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from checker.figures.currencies import currencies
from checker.figures.number_words import fraction_after_and, number_words, read_words
from checker.figures.tokens import MIXED_SPACE, Tok, decimal_precision, parse_digits, tokenize
from checker.figures.units import cued_symbol, dimension_of, unit_table
from checker.tables import load_table

_MINUS = {"-", "−", "–"}

# No news figure comes near this (the world's GDP is about 1e14 dollars); a number beyond it is a typo, a
# hash or a table of digits run together, and it is not read, so no later product or rounding can overflow.
LARGEST_FIGURE = 1e30
_SIGN_WORDS = {"minus": -1.0, "negative": -1.0}


def readable(value: float) -> bool:
    """A value a figure can have: finite and no larger than LARGEST_FIGURE (nor smaller than its inverse,
    unless it is zero)."""
    return math.isfinite(value) and (value == 0 or 1 / LARGEST_FIGURE <= abs(value) <= LARGEST_FIGURE)


@dataclass
class Number:
    """A number as written: tokens [i, j), its value and how precisely it is written."""

    i: int
    j: int
    value: float
    precision: float
    words: bool = False
    scaled: bool = False


def _sign_before(toks: list[Tok], i: int) -> int:
    """Index of a minus sign written right before token i ('-5', 'minus 5'), or i when none."""
    if i >= 1:
        prev = toks[i - 1]
        if prev.text in _MINUS and prev.glued_to(toks[i]):
            before = toks[i - 2] if i >= 2 else None
            if before is None or not before.glued_to(prev) or before.text in {"(", "$", "~", "<", ">", "="}:
                return i - 1
            if before.low in _SIGN_WORDS:
                return i - 2  # "minus-260 degrees"
        if prev.low in _SIGN_WORDS:
            return i - 1
    return i


def _plain_fraction(toks: list[Tok], i: int) -> bool:
    """Whether '3/4' at token i is a fraction: smaller than one, and over a denominator fractions are
    written with, or followed by 'of' ('1/40 of the wavelength'); '9/11' and '24/7' are not."""
    num, _, den = toks[i].text.replace("⁄", "/").partition("/")
    if float(num) >= float(den):  # floats: a denominator of 5,000 digits is inf, where int() refuses it
        return False
    of_after = i + 1 < len(toks) and toks[i + 1].low == "of"
    return of_after or float(den) in number_words().slash_denominators


def _after_metre_cue(toks: list[Tok], i: int) -> bool:
    """Whether the digits at token i are metres by what comes before them, over at most a hedge and an
    'of'/'a' between: a depth or a height ('at a depth of 10m'), or a fall when a motion word follows
    ('fell about 60m from a ridge'; but 'fell 35m of its devices', 'sales fell 60m' are millions)."""
    context = load_table("context.json")
    for back in range(i - 1, max(i - 4, -1), -1):
        word = toks[back].low
        if word in context["metre_cues"]:
            return True
        if word in context["metre_fall_verbs"]:
            after = toks[i + 2].low if i + 2 < len(toks) else ""
            return after in context["metre_fall_followers"]
        if word not in context["metre_cue_gaps"]:
            return False
    return False


def _m_is_million(toks: list[Tok], i: int) -> bool:
    """Whether 'm' after the digits at token i is a million ('$37m', '35m of its devices') or metres
    ('1.8m tall', '37m (121ft)', '1 m x 1 m', '24703m2', 'fell about 60m from'). Spaced, it is a million
    only after money."""
    if not toks[i].glued_to(toks[i + 1]):
        prev = toks[i - 1] if i >= 1 else None
        return prev is not None and (prev.text in currencies().symbols or prev.text.isupper())
    if _after_metre_cue(toks, i):
        return False
    k = i + 2
    nxt = toks[k] if k < len(toks) else None
    if nxt is None:
        return True
    adjectives = load_table("context.json")["measure_adjectives"]
    if nxt.low in adjectives or nxt.low in {"x", "×", "by"} or nxt.text in {"²", "³"}:
        return False
    if nxt.text == "-" and k + 1 < len(toks) and toks[k + 1].low in adjectives:
        return False  # "37m-long"
    if nxt.kind == "num" and toks[k - 1].glued_to(nxt):
        return False  # "24703m2"
    if nxt.text == "(" and k + 2 < len(toks) and toks[k + 1].kind == "num":
        unit = unit_table().surfaces.get(toks[k + 2].low)
        return not (unit is not None and dimension_of(unit.name) == "length")  # "37m (121ft)"
    return True


def _digits_at(toks: list[Tok], i: int) -> Number | None:
    t = toks[i]
    slashed = t.text[0].isdigit() and MIXED_SPACE.search(t.text) is None and "/" in t.text.replace("⁄", "/")
    if slashed and not _plain_fraction(toks, i):
        return None
    value = parse_digits(t.text)
    if value is None:
        return None
    num = Number(i, i + 1, value, decimal_precision(t.text))
    _spaced_groups(toks, num)
    table = number_words()
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None:
        return num
    if (
        nxt.text == "-"
        and i + 2 < len(toks)
        and toks[i + 2].low in table.scales
        and toks[i + 2].low != "hundred"
        and t.glued_to(nxt)
        and nxt.glued_to(toks[i + 2])
    ):
        scale = table.scales[toks[i + 2].low]  # "$5.4-billion deal", "a 5-million-strong army"
        num.value, num.precision, num.j, num.scaled = value * scale, num.precision * scale, i + 3, True
        return num
    spaced_ok = nxt.text in table.spaced_scale_suffixes
    suffix = nxt.text in table.scale_suffixes and (t.glued_to(nxt) or spaced_ok)
    if suffix and nxt.text == "m" and not _m_is_million(toks, i):
        pass  # "1.8m tall", "37m (121ft)": metres, read as a unit later
    elif suffix and cued_symbol(toks, i + 1):
        pass  # "573.15K" after a temperature: kelvins, read as a unit later
    elif suffix:
        scale = table.scale_suffixes[nxt.text]
        num.value, num.precision, num.j, num.scaled = value * scale, num.precision * scale, i + 2, True
    elif nxt.low in table.scales:
        scale = table.scales[nxt.low]
        num.value, num.precision, num.j, num.scaled = value * scale, num.precision * scale, i + 2, True
        if nxt.low == "hundred":
            num.scaled = False
            follow = toks[i + 2] if i + 2 < len(toks) else None
            if follow is not None and follow.low in table.scales:  # "4 hundred million"
                num.value *= table.scales[follow.low]
                num.precision *= table.scales[follow.low]
                num.j, num.scaled = i + 3, True
    elif nxt.low in table.dozens:
        num.value, num.j = value * table.dozens[nxt.low], i + 2
    if num.j == i + 2 and nxt.low in table.scales:
        _continue_scaled(toks, num, table.scales[nxt.low] if nxt.low != "hundred" else 100.0)
    return num


_GROUP = re.compile(r"\d{3}")
_LEAD_GROUP = re.compile(r"[1-9]\d{0,2}")


def _spaced_groups(toks: list[Tok], num: Number) -> None:
    """'4, 183', '230, 000': a thousands group a tokenized source split after the comma (ECB+ and other
    corpora space every token). One lone three-digit group after a comma is a group, not a list item;
    a longer chain ('1, 234, 567') stays a list, as Recognizers-Text's spec reads it. '6. 1' is a
    decimal spaced out the same way."""
    k = num.i
    if not _LEAD_GROUP.fullmatch(toks[k].text):
        return
    if k >= 2 and toks[k - 1].text == "," and toks[k - 2].kind == "num":
        return  # the middle of a list or of a longer chain
    while (
        k + 2 < len(toks)
        and toks[k + 1].text == ","
        and toks[k].glued_to(toks[k + 1])
        and not toks[k + 1].glued_to(toks[k + 2])
        and _GROUP.fullmatch(toks[k + 2].text)
    ):
        k += 2
    if (
        k == num.i
        and len(toks[k].text) <= 2
        and k + 2 < len(toks)
        and toks[k + 1].text == "."
        and toks[k].glued_to(toks[k + 1])
        and not toks[k + 1].glued_to(toks[k + 2])
        and toks[k + 2].kind == "num"
        and toks[k + 2].text.isdigit()
    ):
        written = f"{toks[k].text}.{toks[k + 2].text}"  # "6. 1 magnitude": a decimal spaced out
        num.value, num.j, num.precision = float(written), k + 3, decimal_precision(written)
        return
    if k == num.i + 2:
        groups = [toks[j].text for j in range(num.i, k + 1, 2)]
        num.value, num.j, num.precision = float("".join(groups)), k + 1, decimal_precision(",".join(groups))


def _continue_scaled(toks: list[Tok], num: Number, scale: float) -> None:
    """What follows digits and a scale word: 'and a half' ('3 million and a half'), a smaller scaled
    group ('4 thousand 3 hundred', '6 crore and two hundred'), or after 'hundred' 'and' and a number
    below a hundred ('3 hundred and 21')."""
    k = num.j
    half = fraction_after_and(toks, k)
    if half is not None:
        num.value += half[0] * (scale if scale >= 1e6 else 1.0)
        num.j, num.precision = half[1], min(num.precision, 0.001)
        return
    start = k + 1 if k < len(toks) and toks[k].low == "and" else k
    if start >= len(toks) or toks[start].kind not in {"num", "word"}:
        return
    more = number_at(toks, start)
    if more is None or more.i != start or more.value <= 0 or more.value >= scale:
        return
    group = any(t.low in number_words().scales for t in toks[start : more.j])
    if group or (scale == 100 and start > k and more.value == int(more.value)):
        num.value, num.j, num.precision = num.value + more.value, more.j, 1.0


def _words_at(toks: list[Tok], i: int) -> Number | None:
    found = read_words(toks, i)
    if found is None or not readable(found.value):
        return None  # "one lakh crore crore ...": scale words multiply past any figure, to inf
    value = found.value
    precise = value >= 1 and value == int(value) and not found.fraction
    num = Number(i, found.end, value, decimal_precision(str(int(value))) if precise else 0.001, words=True)
    num.scaled = found.scaled and toks[found.end - 1].low != "hundred"
    return _scale_after_fraction(toks, num) if found.fraction else num


def _scale_after_fraction(toks: list[Tok], num: Number) -> Number:
    """'two thirds of a million': a fraction of a scale."""
    scales = number_words().scales
    k = num.j
    if k + 2 < len(toks) and toks[k].low == "of" and toks[k + 1].low == "a":
        k += 2
        if k < len(toks) and toks[k].low in scales and scales[toks[k].low] >= 1000:
            scale = scales[toks[k].low]
            return Number(num.i, k + 1, num.value * scale, num.precision * scale, words=True, scaled=True)
    return num


def number_at(toks: list[Tok], i: int) -> Number | None:
    """The number starting at token i (with its sign when one is written before it), or None."""
    t = toks[i]
    if t.kind == "num":
        num = _digits_at(toks, i)
    elif t.kind == "word":
        num = _words_at(toks, i)
    else:
        return None
    if num is None or not readable(num.value):
        return None
    num = _over(toks, num)
    sign = _sign_before(toks, i)
    if sign != i:
        num.i, num.value = sign, -num.value
    return num


_CLAUSE_END = {".", ",", ";", ":", "!", "?", ")"}


def _over(toks: list[Tok], num: Number) -> Number:
    """'one over three', '2000 over 3', '1 in twenty-one', 'two out of five hundred': a ratio. 'over'
    and 'in' make one only where the second number ends the clause ('over 20 years' bounds, 'in 2019'
    dates); 'out of' always does."""
    k = num.j
    if k + 1 >= len(toks):
        return num
    if toks[k].low == "out" and toks[k + 1].low == "of" and k + 2 < len(toks):
        start, strict = k + 2, False
    elif toks[k].low in {"over", "in"}:
        start, strict = k + 1, True
    else:
        return num
    kind = toks[start].kind
    den = _digits_at(toks, start) if kind == "num" else _words_at(toks, start) if kind == "word" else None
    if den is None or not readable(den.value) or den.value == 0 or den.value != int(den.value):
        return num
    if strict:
        after = toks[den.j] if den.j < len(toks) else None
        ends = after is None or after.text in _CLAUSE_END or after.low == "or"  # "2 in 5 or more"
        if not ends or 1000 <= den.value < 2100:
            return num
    return Number(num.i, den.j, num.value / den.value, 0.001, words=num.words or den.words)


@dataclass(frozen=True)
class FoundNumber:
    start: int
    end: int
    value: float


def find_numbers(text: str) -> list[FoundNumber]:
    """Every number written in `text`, whatever it counts; a number glued to a unit ('180ml') is part of
    a measure, and a word glued to digits ('F16') is a name: neither is a bare number."""
    toks = tokenize(text)
    out: list[FoundNumber] = []
    i = 0
    while i < len(toks):
        num = number_at(toks, i) if toks[i].kind in {"num", "word"} else None
        if num is None:
            i += 1
            continue
        nxt = toks[num.j] if num.j < len(toks) else None
        glued_word = nxt is not None and nxt.kind in {"word", "other"} and toks[num.j - 1].glued_to(nxt)
        prev = toks[num.i - 1] if num.i >= 1 else None
        glued_before = prev is not None and prev.kind in {"word", "other"} and prev.glued_to(toks[num.i])
        if not (glued_word or glued_before) and not _is_lone_article(toks, num):
            out.append(FoundNumber(toks[num.i].start, toks[num.j - 1].end, num.value))
        i = num.j
    return out


def _is_lone_article(toks: list[Tok], num: Number) -> bool:
    """'one' used as a pronoun ('the one you mentioned', 'which one')."""
    if toks[num.i].low != "one" or num.j - num.i != 1:
        return False
    prev = toks[num.i - 1].low if num.i >= 1 else ""
    return prev in {"the", "this", "that", "which", "every", "each", "any", "no"}
