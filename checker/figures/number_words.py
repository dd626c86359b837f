"""Numbers written in words: cardinals of any size ("one hundred and five", "three lakh crore"), decimals
("two hundred point zero three"), fractions over ordinals ("two thirds", "one hundred thirty fifths",
"a twenty-first"), whole-and-fraction ("twenty and three fifths", "three million and a half", "five and a
half million"), dozens ("three hundred and two dozens").

Integer word sequences are valued by text2num; `data/numbers.json` says which words make up a number and
what the words text2num does not read are worth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from text_to_num import text2num

from checker.figures.tokens import Tok
from checker.tables import load_table

#: the most items (words, hyphenated groups, 'and's) a number in words is read from. The longest a desk
#: writes ('one hundred and twenty-three million, four hundred and fifty-six thousand, seven hundred and
#: eighty-nine and a half') has 19; past this a run is cut, as backing off a longer one costs its length
#: to the fourth power ('one and a half and a half ...').
LONGEST_RUN = 32
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_HALVES = {"half": 0.5, "quarter": 0.25}


@dataclass(frozen=True)
class NumberWords:
    cardinals: frozenset[str]
    scales: dict[str, float]
    scale_suffixes: dict[str, float]
    spaced_scale_suffixes: frozenset[str]
    word_values: dict[str, float]
    fractions: dict[str, float]
    denominators: dict[str, float]
    compound_only_ordinals: frozenset[str]
    digit_words: dict[str, int]
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
        spaced_scale_suffixes=frozenset(raw["spaced_scale_suffixes"]),
        word_values=numeric(raw["word_values"]),
        fractions=numeric(raw["fraction_words"]),
        denominators=numeric(raw["denominators"]),
        compound_only_ordinals=frozenset(raw["compound_only_ordinals"]),
        digit_words={k: int(v) for k, v in raw["digit_words"].items()},
        dozens=numeric(raw["dozens"]),
        slash_denominators=frozenset(raw["slash_denominators"]),
    )


@dataclass(frozen=True)
class WordsReading:
    value: float
    end: int  # token after the number
    fraction: bool  # it ends in a fraction ('two thirds', 'and a half')
    scaled: bool  # written with a scale word of a thousand or more


# ---------------------------------------------------------------------------------------------
# Values of word lists
# ---------------------------------------------------------------------------------------------


def parse_number_words(words: str) -> float | None:
    """'one hundred and five' -> 105; 'a thousand' -> 1000; 'twenty-five' -> 25; None if not a number."""
    return _cardinal(words.lower().replace("-", " ").split())


def _cardinal(words: list[str]) -> float | None:
    table = number_words()
    if not words:
        return None
    key = " ".join(words)
    if key in table.word_values:
        return table.word_values[key]
    if words[0] in {"a", "an"}:
        words = ["one", *words[1:]]
    if words[-1] == "and" or words[0] == "and":
        return None
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return _scaled_words(words)


def _scaled_words(words: list[str]) -> float | None:
    """What text2num refuses: a sum of scaled groups ('twenty one trillion three hundred'), and scales
    that multiply ('three lakh crore')."""
    table = number_words()
    words = [w for w in words if w != "and"]
    total, start, head, last_scale = 0.0, 0, None, float("inf")
    for k, w in enumerate(words):
        if w in table.scales and table.scales[w] >= 1000:
            if head is not None and start == k:
                total -= head
                head *= table.scales[w]  # "lakh crore"
                if math.isinf(head):
                    return None  # "lakh crore crore crore ...": past any float, and inf - inf is nan
            elif table.scales[w] >= last_scale:
                return None  # "one million two million": two numbers, not one
            else:
                last_scale = table.scales[w]
                try:
                    head = float(text2num(" ".join(words[start:k]) or "one", "en")) * table.scales[w]
                except ValueError:
                    return None
            total += head
            start = k + 1
    if start == 0:
        return None
    if start < len(words):
        try:
            total += float(text2num(" ".join(words[start:]), "en"))
        except ValueError:
            return None
    return total


def _ordinal(words: list[str]) -> float | None:
    """The value of a denominator phrase: 'fifths' 5, 'thirty fifths' 35, 'one thousand fifths' 1005,
    'hundredths' 100, 'twenty-first' 21; a compound ends on a tens or scale word before the ordinal."""
    table = number_words()
    last = words[-1]
    if last not in table.denominators:
        return None
    prefix = words[:-1]
    if last in table.compound_only_ordinals and not prefix:
        return None
    value = table.denominators[last]
    if not prefix:
        return value
    if prefix[-1] not in _TENS and prefix[-1] not in table.scales:
        return None
    head = _cardinal(prefix)
    if head is None:
        return None
    return head * value if value >= 100 else head + value


def _fraction(items: list[str]) -> float | None:
    """A numerator and an ordinal denominator: the longest denominator that does not start on a bare
    scale word; a singular ordinal takes a numerator of one ('a fifth'), a plural any other."""
    words = _split(items)
    if words[-1] in _HALVES and (len(words) == 1 or (len(words) == 2 and words[0] in {"a", "an", "one"})):
        return _HALVES[words[-1]]  # "half", "a quarter"
    table = number_words()
    # a hyphen inside one item ('one-third') or after a scale ('hundred-fifths') does not bind them
    items = [w for item in items for w in (item.split("-") if _loose(item) else [item])]
    for start in range(1, len(items)):
        den = _split(items[start:])
        if den[0] in table.scales and len(den) > 1:
            continue
        dv = _ordinal(den)
        nv = _cardinal(_split(items[:start]))
        if dv is None or nv is None or dv == 0:
            continue
        singular = not den[-1].endswith("s")
        if singular != (nv == 1) and den[-1] not in {"half", "quarter"}:
            continue
        return nv / dv
    return None


def _loose(item: str) -> bool:
    parts = item.split("-")
    table = number_words()
    return len(parts) > 1 and (parts[0] in table.scales or parts[-1] in table.denominators)


def _split(items: list[str]) -> list[str]:
    return [w for item in items for w in item.split("-") if w]


def _interpret(items: list[str]) -> tuple[float, bool] | None:
    """(value, ends in a fraction) of a run of number words, or None."""
    table = number_words()
    key = " ".join(_split(items))
    if key in table.word_values:
        return table.word_values[key], False  # "half a dozen", "nought"
    if "point" in items:
        return _decimal(items)
    last = _split(items[-1:])[-1]
    if last in table.scales and table.scales[last] >= 1000 and len(items) > 1:
        scaled = _scaled_fraction(items[:-1], table.scales[last])
        if scaled is not None:
            return scaled, False
    if last in table.denominators or last in _HALVES:
        for a in range(len(items) - 1, 0, -1):
            if items[a] != "and":
                continue
            whole, part = _cardinal(_split(items[:a])), _fraction(items[a + 1 :])
            if whole is not None and part is not None:
                return whole + part * _scale_of(items[:a]), True
        part = _fraction(items)
        return (part, True) if part is not None else None
    if last in table.dozens:
        return _dozens(items)
    value = _cardinal(_split(items))
    return (value, False) if value is not None else None


def _scale_of(items: list[str]) -> float:
    """'three million and a half' is a half of a million; 'one hundred and a half' a half of one."""
    scales = number_words().scales
    last = _split(items)[-1]
    return scales[last] if scales.get(last, 0) >= 1e6 else 1.0


def _scaled_fraction(items: list[str], scale: float) -> float | None:
    """'five and a half million', 'one billion and a quarter million', 'three quarters billion'."""
    if items and items[-1] in {"a", "an"}:
        items = items[:-1]  # "half a million"
    words = _split(items)
    if not words or not (words[-1] in number_words().denominators or words[-1] in _HALVES):
        return None
    for a in range(len(items) - 1, 0, -1):
        if items[a] != "and":
            continue
        whole, part = _cardinal(_split(items[:a])), _fraction(items[a + 1 :])
        if whole is not None and part is not None:
            return whole + part * scale if whole >= scale else (whole + part) * scale
    part = _fraction(items)
    return part * scale if part is not None else None


def _dozens(items: list[str]) -> tuple[float, bool] | None:
    """'three dozen', 'three hundred and two dozens' (324)."""
    table = number_words()
    twelve = table.dozens[items[-1]]
    head = items[:-1] or ["one"]
    if "and" in head:
        a = len(head) - 1 - head[::-1].index("and")
        whole, part = _cardinal(_split(head[:a])), _cardinal(_split(head[a + 1 :]))
        if whole is not None and part is not None:
            return whole + part * twelve, False
    value = _cardinal(_split(head))
    return (value * twelve, False) if value is not None else None


def _decimal(items: list[str]) -> tuple[float, bool] | None:
    """'two hundred point zero three' 200.03, 'nine point nought four' 9.04, 'point seventy-one'."""
    p = items.index("point")
    whole = _cardinal(_split(items[:p])) if p else 0.0
    tail = _split(items[p + 1 :])
    if whole is None or not tail:
        return None
    digit_words = number_words().digit_words
    if all(w in digit_words for w in tail):
        digits = "".join(str(digit_words[w]) for w in tail)
    else:
        value = _cardinal(tail)
        if value is None or value != int(value):
            return None
        digits = str(int(value))
    return whole + float("0." + digits), False


# ---------------------------------------------------------------------------------------------
# Reading a run of number words from tokens
# ---------------------------------------------------------------------------------------------


def _is_number_word(low: str) -> bool:
    table = number_words()
    return (
        low in table.vocabulary
        or low in table.denominators
        or low in table.dozens
        or low in _HALVES
        or low in table.word_values
    )


def _starts(toks: list[Tok], i: int) -> bool:
    """Whether a number in words can start at token i: a cardinal, or 'a'/'half'/'quarter' before what
    makes them a number ('a thousand', 'a third', 'half a million', 'a quarter of')."""
    table = number_words()
    low = toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if low in table.cardinals or low in table.word_values:
        return True
    if low in {"a", "an"}:
        if i + 2 < len(toks) and toks[i + 2].text == "-" and toks[i + 1].glued_to(toks[i + 2]):
            return nxt in _TENS or nxt in table.cardinals  # "a twenty-first", never "a third-party"
        return nxt in table.scales or nxt in table.dozens or nxt in table.denominators or nxt in _HALVES
    if low == "half":
        return True
    return low == "quarter" and (nxt == "of" or nxt in table.scales)  # "quarter of", "quarter million"


def _run(toks: list[Tok], i: int) -> list[tuple[str, int]]:
    """The number words from token i as items (a hyphenated group is one item) with the token each
    ends before; 'and', 'a' and 'point' only between number words."""
    items: list[tuple[str, int]] = []
    k = i
    while k < len(toks) and len(items) < LONGEST_RUN:
        tok = toks[k]
        low = tok.low
        prev = items[-1][0] if items else ""
        if _is_number_word(low) or (low in {"a", "an"} and (not items or prev in {"and", "half"})):
            if low in _HALVES and items and prev not in {"a", "an", "one", "and"}:
                break
            items.append((low, k + 1))
            k += 1
        elif low in {"and", "&", "point"} and items and k + 1 < len(toks) and _continues(toks[k + 1].low):
            items.append(("and" if low == "&" else low, k + 1))
            k += 1
        elif low == "," and _smaller_group_after(toks, k + 1, prev):
            items.append(("and", k + 1))  # "three million, two hundred and forty": groups a comma sets apart
            k += 1
        elif tok.text in {"-", "–"} and items and k + 1 < len(toks) and _is_number_word(toks[k + 1].low):
            glued = toks[k - 1].glued_to(tok) and tok.glued_to(toks[k + 1])
            spaced = not toks[k - 1].glued_to(tok) and not tok.glued_to(toks[k + 1])
            ordinal_next = toks[k + 1].low in number_words().denominators
            binds = _split([prev])[-1] in _TENS or ordinal_next or prev in number_words().scales
            if not ((glued and binds) or (spaced and (prev in _TENS or ordinal_next))):
                break  # "fifty - two" is 52, "five - eighths" 0.625; "three - four" is a range
            items[-1] = (f"{prev}-{toks[k + 1].low}", k + 2)
            k += 2
        else:
            break
    return items


def _smaller_group_after(toks: list[Tok], k: int, prev: str) -> bool:
    """Whether the number words from token k make a group below the scale `prev` ends on: 'three
    million, two hundred' is one number; 'one million, two million' and 'thousands, two' are two."""
    scales = number_words().scales
    scale = scales.get(_split([prev])[-1] if prev else "", 0)
    if scale < 1000 or k >= len(toks) or toks[k].low not in number_words().cardinals:
        return False
    while k < len(toks) and (_is_number_word(toks[k].low) or toks[k].low in {"and", "&", "-"}):
        if scales.get(toks[k].low, 0) >= scale:
            return False
        k += 1
    return True


def _continues(low: str) -> bool:
    return _is_number_word(low) or low in {"a", "an"}


def read_words(toks: list[Tok], i: int) -> WordsReading | None:
    """The number written in words from token i, backing off word by word to the longest that reads."""
    if not _starts(toks, i):
        return None
    items = _run(toks, i)
    table = number_words()
    while items:
        words = [w for w, _ in items]
        if words[-1] not in {"and", "point", "a", "an"}:
            found = _interpret(words)
            if found is not None:
                value, fraction = found
                split = _split(words)
                scaled = any(table.scales.get(w, 0) >= 1000 for w in split)
                return WordsReading(value, items[-1][1], fraction, scaled)
        items.pop()
    return None


def fraction_after_and(toks: list[Tok], k: int) -> tuple[float, int] | None:
    """'and a half', 'and three quarters' after a number: the fraction and the token after it."""
    if k + 1 >= len(toks) or toks[k].low != "and" or not _starts(toks, k + 1):
        return None
    items = _run(toks, k + 1)
    while items:
        part = _fraction([w for w, _ in items])
        if part is not None:
            return part, items[-1][1]
        items.pop()
    return None
