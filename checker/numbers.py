"""Numbers as written: digits with separators, signs and exponents, number words, scale words and
suffixes, fractions ("2 1/2", "half", "three quarters", "five eighths"), dozens.

Integer word sequences are valued by text2num; `data/numbers.json` says which words can make up a number
and what the words text2num does not read (fractions, "dozen", "a thousand") are worth. `find_numbers` is
the number normalizer on its own; `number_at` is what `parse_quantities` builds on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from text_to_num import text2num

from checker.tables import load_table
from checker.tokens import GROUP_SEPARATORS, VULGAR, Tok, tokenize

_MINUS = {"-", "−", "–"}
_SIGN_WORDS = {"minus": -1.0, "negative": -1.0}


@dataclass(frozen=True)
class NumberWords:
    cardinals: frozenset[str]
    scales: dict[str, float]
    scale_suffixes: dict[str, float]
    word_values: dict[str, float]
    fractions: dict[str, float]
    denominators: dict[str, float]
    dozens: dict[str, float]
    slash_denominators: frozenset[int]

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.cardinals | frozenset(self.scales)


@cache
def number_words() -> NumberWords:
    raw: dict[str, Any] = load_table("numbers.json")

    def numeric(table: dict[str, Any]) -> dict[str, float]:
        return {k: float(v) for k, v in table.items() if not k.startswith("_")}

    return NumberWords(
        cardinals=frozenset(raw["cardinals"]),
        scales=numeric(raw["scales"]),
        scale_suffixes=numeric(raw["scale_suffixes"]),
        word_values=numeric(raw["word_values"]),
        fractions=numeric(raw["fraction_words"]),
        denominators=numeric(raw["denominators"]),
        dozens=numeric(raw["dozens"]),
        slash_denominators=frozenset(raw["slash_denominators"]),
    )


def parse_digits(text: str) -> float | None:
    """'1,000' -> 1000; '2.5' -> 2.5; '2 1/2' -> 2.5; '3/4' -> 0.75; '2½' -> 2.5; '1e10'; None otherwise."""
    s = text.strip()
    for sep in GROUP_SEPARATORS:
        s = s.replace(sep, "")
    extra = 0.0
    if s and s[-1] in VULGAR:
        extra, s = VULGAR[s[-1]], s[:-1] or "0"
    s = s.replace("⁄", "/")
    whole, _, frac = s.partition(" ")
    if "/" in whole and not frac:
        whole, frac = "0", whole
    if "/" in whole:
        return None
    try:
        value = float(whole)
    except ValueError:
        return None
    if frac:
        num, _, den = frac.partition("/")
        if not (num.isdigit() and den.isdigit()) or int(den) == 0:
            return None
        value += int(num) / int(den)
    return value + extra


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
        return _scaled_words(key)


def _scaled_words(key: str) -> float | None:
    """What text2num refuses: a sum of scaled groups ('twenty one trillion three hundred')."""
    table = number_words()
    words = [w for w in key.split() if w != "and"]
    total, start = 0.0, 0
    for k, w in enumerate(words):
        if w in table.scales and table.scales[w] >= 1000:
            try:
                head = float(text2num(" ".join(words[start:k]) or "one", "en"))
            except ValueError:
                return None
            total += head * table.scales[w]
            start = k + 1
    if start == 0:
        return None
    if start < len(words):
        try:
            total += float(text2num(" ".join(words[start:]), "en"))
        except ValueError:
            return None
    return total


def decimal_precision(text: str) -> float:
    """The granularity a figure is written to: '620' -> 10, '1,000' -> 1000, '2.5' -> 0.1, '105' -> 1.

    Used for implicit rounding across unit conversions: 620 miles means "about 620, to the ten".
    """
    s = text
    for sep in GROUP_SEPARATORS:
        s = s.replace(sep, "")
    s = s.split(" ")[0].lstrip("-−").split("e")[0].split("E")[0]
    if "." in s:
        return 10.0 ** -len(s.split(".", 1)[1])
    digits = "".join(c for c in s if c.isdigit()).lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0"))
    return 10.0**trailing if digits != "0" else 1.0


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
        if prev.low in _SIGN_WORDS:
            return i - 1
    return i


def _plain_fraction(toks: list[Tok], i: int) -> bool:
    """Whether '3/4' at token i is a fraction: smaller than one, and over a denominator fractions are
    written with, or followed by 'of' ('1/40 of the wavelength'); '9/11' and '24/7' are not."""
    num, _, den = toks[i].text.replace("⁄", "/").partition("/")
    if int(num) >= int(den):
        return False
    of_after = i + 1 < len(toks) and toks[i + 1].low == "of"
    return of_after or int(den) in number_words().slash_denominators


def _m_is_million(toks: list[Tok], i: int) -> bool:
    """Whether 'm' after the digits at token i is a million ('$37m', '35m of its devices') or metres
    ('1.8m tall', '37m (121ft)', '1 m x 1 m', '24703m2'). Spaced, it is a million only after money."""
    from checker.money import currencies

    if not toks[i].glued_to(toks[i + 1]):
        prev = toks[i - 1] if i >= 1 else None
        return prev is not None and (prev.text in currencies().symbols or prev.text.isupper())
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
        from checker.units import dimension_of, unit_table

        unit = unit_table().surfaces.get(toks[k + 2].low)
        return not (unit is not None and dimension_of(unit.name) == "length")  # "37m (121ft)"
    return True


def _digits_at(toks: list[Tok], i: int) -> Number | None:
    t = toks[i]
    slashed = t.text[0].isdigit() and " " not in t.text and "/" in t.text.replace("⁄", "/")
    if slashed and not _plain_fraction(toks, i):
        return None
    value = parse_digits(t.text)
    if value is None:
        return None
    num = Number(i, i + 1, value, decimal_precision(t.text))
    table = number_words()
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None:
        return num
    suffix = nxt.text in table.scale_suffixes and (t.glued_to(nxt) or nxt.text in {"bn", "mn", "m", "k"})
    if suffix and nxt.text == "m" and not _m_is_million(toks, i):
        pass  # "1.8m tall", "37m (121ft)": metres, read as a unit later
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
    return num


def _words_at(toks: list[Tok], i: int) -> Number | None:
    table = number_words()
    vocab = table.vocabulary
    first = toks[i].low
    j = i
    if first in {"a", "half", "quarter"}:  # "a thousand", "a dozen", "half a million"
        k = i + 1
        if first == "half" and k < len(toks) and toks[k].low == "a":
            k += 1
        if k < len(toks) and (toks[k].low in table.scales or toks[k].low in table.dozens):
            j = k
        elif first == "a":
            scaled_fraction = k + 1 < len(toks) and toks[k + 1].low in table.scales
            return None if scaled_fraction else _fraction_at(toks, i)  # "a half"; "a quarter million" later
    if toks[j].low not in vocab and toks[j].low not in table.dozens and j == i:
        return _fraction_at(toks, i)
    end = j + 1
    k = end
    while k < len(toks):
        t = toks[k]
        if t.low in vocab or (t.low in table.dozens and toks[k - 1].low in vocab):
            end = k = k + 1
        elif t.text in {"-", "and"} and k + 1 < len(toks) and toks[k + 1].low in vocab:
            if t.text == "-" and not (toks[k - 1].glued_to(t) and t.glued_to(toks[k + 1])):
                break
            k += 1
        else:
            break
    value = _value_of_words(toks, i, end)
    while value is None and end > j + 1:  # "one hundred and three and two thirds": back off to a number
        end -= 1
        if toks[end - 1].text in {"-", "and"}:
            end -= 1
        value = _value_of_words(toks, i, end)
    if value is None:
        return None
    num = Number(i, end, value, decimal_precision(str(int(value))) if value >= 1 else 1.0, words=True)
    num.scaled = any(toks[k].low in table.scales for k in range(i, end)) and toks[end - 1].low != "hundred"
    frac = _and_fraction(toks, end)
    if frac is not None:
        num.value += frac[0] * (num.value if num.scaled and toks[end - 1].low in table.scales else 1.0)
        num.j = frac[1]
    return num


def _value_of_words(toks: list[Tok], i: int, end: int) -> float | None:
    table = number_words()
    words = [t.low for t in toks[i:end]]
    multiplier = 1.0
    if words[-1] in table.dozens:
        multiplier, words = table.dozens[words[-1]], words[:-1] or ["one"]
    if words[0] in {"half", "quarter"}:
        factor = 0.5 if words[0] == "half" else 0.25
        rest = [w for w in words[1:] if w != "a"]
        base = parse_number_words(" ".join(rest)) if rest else 1.0
        return None if base is None else factor * base * multiplier
    value = parse_number_words(" ".join(words))
    return None if value is None else value * multiplier


def _fraction_at(toks: list[Tok], i: int) -> Number | None:
    """'half', 'quarter of', 'a third', 'one quarter': a fraction standing on its own.

    A bare 'quarter' or 'third' is usually a period or an ordinal ('the fourth quarter'), so it counts
    only with 'a'/'one' before it or 'of' after it."""
    table = number_words()
    t = toks[i]
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if t.low == "half" or (t.low == "quarter" and nxt == "of"):
        return Number(i, i + 1, table.fractions[t.low], 0.01, words=True)
    if (
        t.low in {"a", "one"}
        and i + 2 < len(toks)
        and toks[i + 2].text == "-"
        and toks[i + 1].glued_to(toks[i + 2])
    ):
        return None  # "a third-party review"
    if t.low in {"a", "one"} and i + 1 < len(toks):
        pair = f"{t.low} {nxt}"
        if pair in table.fractions:
            return Number(i, i + 2, table.fractions[pair], 0.001, words=True)
    return None


def _and_fraction(toks: list[Tok], k: int) -> tuple[float, int] | None:
    """'... and a half', '... and three quarters', '... and two thirds' after a whole number."""
    if k + 2 >= len(toks) or toks[k].low != "and":
        return None
    pair = f"{toks[k + 1].low} {toks[k + 2].low}"
    fractions = number_words().fractions
    return (fractions[pair], k + 3) if pair in fractions else None


def _denominator_after(toks: list[Tok], num: Number) -> Number:
    """'two thirds', 'five eighths', '3/4 of': a cardinal followed by an ordinal denominator."""
    table = number_words()
    if num.j < len(toks) and toks[num.j].low in table.denominators and num.words:
        den = table.denominators[toks[num.j].low]
        return _scale_after_fraction(toks, Number(num.i, num.j + 1, num.value / den, 0.001, words=True))
    return num


def _scale_after_fraction(toks: list[Tok], num: Number) -> Number:
    """'three quarters billion', 'two thirds of a million': a fraction of a scale."""
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
        if num is not None:
            num = _denominator_after(toks, num)
    else:
        return None
    if num is None:
        return None
    sign = _sign_before(toks, i)
    if sign != i:
        num.i, num.value = sign, -num.value
    return num


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
