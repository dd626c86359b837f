"""Whether a number is a figure at all: dates, clock times, years, designators ("Highway 403", "F-16",
"Game 2", "iPhone 11"), phone numbers and the referential "the two sides" are not.

The context words live in `data/context.json`.
"""

from __future__ import annotations

import re

from checker.figures.hedges import hedges
from checker.figures.numbers import Number
from checker.figures.tokens import Tok, reads_as_clock
from checker.tables import load_table, stop_words

_YEAR = re.compile(r"(1[89]|20)\d\d")
_FOUR_DIGITS = re.compile(r"(1\d|20)\d\d")


def is_not_a_figure(toks: list[Tok], core: Number, has_unit: bool, hedged: bool) -> bool:
    ctx = hedges().context
    first = toks[core.i]
    at = core.j - 1 if first.kind != "num" and toks[core.j - 1].kind == "num" else core.i
    if toks[at].kind != "num" and first.text in {"-", "−", "–"} and core.i + 1 < len(toks):
        at = core.i + 1
    t = toks[at]  # the digits of the figure
    prev = toks[core.i - 1] if core.i >= 1 else None
    prev2 = toks[core.i - 2] if core.i >= 2 else None
    nxt = toks[core.j] if core.j < len(toks) else None
    if not has_unit and not hedged and is_score(toks, at):
        return True
    if first.low == "zero" and _zero_day(toks, core.j):
        return True  # "a zero-day flaw", "IE Zero Day Flaw": a term, not a duration
    if t.kind == "num":
        rate = has_unit and core.j + 1 < len(toks) and toks[core.j + 1].kind == "word"
        if nxt is not None and nxt.text in {":", "/"} and toks[core.j - 1].glued_to(nxt) and not rate:
            return True  # 8:03, 5/17/2018; but "$15.4/hour" is a rate
        if (
            nxt is not None
            and nxt.kind in {"word", "other"}
            and toks[core.j - 1].glued_to(nxt)
            and not has_unit
        ):
            return True  # "21st", "1990s", "3D", "4x4": not a figure
        if prev is not None and prev.text in {":", "/", "#", "."} and prev.glued_to(t):
            return True
        if _spaced_clock(prev, prev2, t):
            return True  # "6: 40 a. m.", "4: 43 left": a clock a tokenized source spaced out
        suffix = nxt.low.rstrip(".") if nxt is not None else ""
        clock = nxt is not None and (nxt.low in ctx["time_suffixes"] or suffix in ctx["time_suffixes"])
        if clock and nxt is not None and nxt.low in ctx["meridiem"] and not reads_as_clock(toks, at):
            clock = False  # "2.123 pm": no clock shows that; picometres
        if clock and not (suffix == "hrs" and len(t.text) != 4):
            return True  # "0401 GMT", "1400 hrs"; but "3 hrs" is a duration
        if (
            nxt is not None
            and nxt.text == "."
            and core.j + 1 < len(toks)
            and toks[core.j + 1].low in {"m", "m."}
        ):
            return True  # 5 a.m. split by the tokenizer as "a" "." "m"
        if prev is not None and prev.text in {"-", "–"} and prev.glued_to(t) and prev2 is not None:
            adverb = has_unit and prev2.low in stop_words()  # "her now-18 month-old daughter"
            if prev2.kind in {"word", "other"} and prev2.glued_to(prev) and not (hedged or adverb):
                return True  # F-16, COVID-19, Su-34, "scp-173 m"; but "sub-7 nanometer" is a bound
            if prev2.kind == "num" and prev2.glued_to(prev):
                return True  # the later groups of 416-555-0199 (real ranges were read with their start)
        if prev is not None and prev.kind in {"word", "other"} and prev.glued_to(t) and not has_unit:
            return True
        if _after_month(toks, core.i) or _before_month(toks, core, nxt):
            return True
        if prev is not None and prev.low in ctx["designators"] and not hedged:
            return True  # Highway 403, Article 5, flight 370
        if not (has_unit or hedged) and _after_name(toks, core):
            return True  # Game 2, Big 12, iPhone 11, S P 500
        if _index_name(toks, core) or _street_number(toks, core):
            return True  # "the sp 500", "Stoxx 50"; "49 Zorro Ranch Road", "22 Ave Foch"
        if _looks_like_year(t, prev, nxt, has_unit or hedged):
            return True
        if dash_chain(toks, core.i) >= 3:
            return True  # 416-555-0199 seen from its first group
    elif first.low == "half" and prev is not None and prev.low in ctx["period_halves"]:
        return True  # "the second half", "the first half of the year": a period, not a figure
    elif not has_unit:
        if prev is not None and prev.low in ctx["reference_determiners"] and core.value < 10:
            return True  # "the two sides", "both three"
        if first.low == "one" and core.j - core.i == 1:
            if prev is not None and prev.low in ctx["one_pronoun_before"]:
                return True
            if nxt is None or nxt.low in ctx["one_followers_not_count"] or nxt.kind == "punct":
                return True
        if prev is not None and prev.kind == "word" and prev.text[:1].isupper() and first.text[:1].isupper():
            return True  # "BBC One", "Kick Six": part of a name
    return False


def _after_month(toks: list[Tok], i: int) -> bool:
    """'May 21', 'Aug. 14'."""
    months = hedges().context["months"]
    k = i - 1
    if k >= 0 and toks[k].text == "." and k >= 1 and toks[k - 1].glued_to(toks[k]):
        k -= 1
    return k >= 0 and toks[k].low in months and toks[k].text[0].isupper()


def _before_month(toks: list[Tok], core: Number, nxt: Tok | None) -> bool:
    """'21 May', '1 September 2019'."""
    months = hedges().context["months"]
    return nxt is not None and nxt.low in months and nxt.text[0].isupper() and core.value <= 31


def _after_name(toks: list[Tok], core: Number) -> bool:
    """A bare number right after a capitalised word inside a sentence is part of a name."""
    if core.i < 2:
        return False
    prev = toks[core.i - 1]
    if prev.kind != "word" or not prev.text[:1].isupper():
        return False
    before = toks[core.i - 2]
    if before.text in {".", "!", "?", ":", '"', "“"}:
        return False  # the capital starts a sentence or a quote
    after = toks[core.j] if core.j < len(toks) else None
    if after is not None and after.low in hedges().context["amount_followers"]:
        return False  # "gave Mary 23 more cards"
    if before.low in hedges().context["giving_verbs"]:
        return False  # "gave Chloe 28 candies": the name is the receiver
    return prev.low not in hedges().context["months"] and prev.low != "i"


_DASHES = {"-", "–", "—"}


def _zero_day(toks: list[Tok], j: int) -> bool:
    """'day' (never 'days') right after 'zero', hyphenated or not."""
    if j < len(toks) and toks[j].text == "-":
        j += 1
    return j < len(toks) and toks[j].low == "day"


def _spaced_clock(prev: Tok | None, prev2: Tok | None, t: Tok) -> bool:
    """The minutes of an hour and minutes written '6: 40' (a space after the colon)."""
    if prev is None or prev2 is None or prev.text != ":" or not prev2.glued_to(prev):
        return False
    return prev2.kind == "num" and len(prev2.text) <= 2 and len(t.text) == 2


def _bare_int(t: Tok | None) -> bool:
    return t is not None and t.kind == "num" and t.text.isdigit() and len(t.text) <= 3


def _ends_score(after: Tok | None) -> bool:
    """What follows 'N-M' in a score: punctuation, the end, or a word of the score table."""
    return after is None or after.kind == "punct" or after.low in load_table("context.json")["score_words"]


def is_score(toks: list[Tok], i: int) -> bool:
    """'65-53 victory', 'made it 60 - 46 with', '(10-5)': a score or a win-loss record, two figures
    that are not quantities of anything. A pair that falls ('13-10 overtime loss') is never a range."""
    t = toks[i]
    if not _bare_int(t):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.text in _DASHES and i + 2 < len(toks) and _bare_int(toks[i + 2]):
        if int(toks[i + 2].text) < int(t.text) and not t.text.startswith("0"):
            return True
        return _ends_score(toks[i + 3] if i + 3 < len(toks) else None)
    if i >= 2 and toks[i - 1].text in _DASHES and _bare_int(toks[i - 2]):
        return _ends_score(nxt)
    return False


def dash_chain(toks: list[Tok], i: int) -> int:
    """How many digit groups are joined by dashes from token i on: 3 or more is a phone or an id."""
    groups, k = 1, i
    while k + 2 < len(toks) and toks[k + 1].text == "-" and toks[k + 2].kind == "num":
        if not (toks[k].glued_to(toks[k + 1]) and toks[k + 1].glued_to(toks[k + 2])):
            break
        groups, k = groups + 1, k + 2
    return groups


def _looks_like_year(t: Tok, prev: Tok | None, nxt: Tok | None, attached: bool) -> bool:
    if attached or not _YEAR.fullmatch(t.text):
        return False
    if prev is not None and prev.low in hedges().context["year_prepositions"]:
        return True
    if prev is not None and prev.text == ",":
        return True  # "May 21, 2025"
    # a bare 4-digit number counts things only when a plural noun follows ("2000 troops")
    if nxt is None or nxt.kind != "word" or not nxt.text.islower() or not nxt.low.endswith("s"):
        return True
    return nxt.low.endswith("ss") or nxt.low in hedges().context["not_plural"]


def is_age(toks: list[Tok], core: Number) -> bool:
    """A bare whole number that is someone's age: after 'aged'/'age', or set off by commas after a name
    ('Maddon, 66, has', 'Jamie Armstrong, 25, said')."""
    if toks[core.i].kind != "num" or core.value != int(core.value) or not 0 < core.value < 120:
        return False
    prev = toks[core.i - 1] if core.i >= 1 else None
    if prev is not None and prev.low in hedges().context["age_words"]:
        return True
    nxt = toks[core.j] if core.j < len(toks) else None
    if prev is None or prev.text != "," or core.i < 2 or nxt is None or nxt.text not in {",", ")", ";"}:
        return False
    name = toks[core.i - 2]
    return name.kind == "word" and name.text[:1].isupper() and name.low not in hedges().context["months"]


def _index_name(toks: list[Tok], core: Number) -> bool:
    """A number that is part of a market index's name ('S&P 500', 'sp 500', 'FTSE 100', 'Stoxx 50')."""
    names: dict[str, str] = load_table("context.json")["index_names"]
    words = "".join(t.low for t in toks[max(0, core.i - 3) : core.i] if t.kind in {"word", "other"})
    number = toks[core.i].text
    return any(words.endswith(name) and f"{name} {number}" in names.values() for name in names)


def _street_number(toks: list[Tok], core: Number) -> bool:
    """A house number: capitalised words ending in a street word follow it ('49 Zorro Ranch Road',
    '9 E 71st St', '22 Ave Foch', '16-18 Industrial Avenue')."""
    streets = hedges().context["street_words"]
    k = core.j
    if k + 2 < len(toks) and toks[k].text in {"-", "–"} and toks[k + 1].kind == "num":
        k += 2  # "16-18 Industrial Avenue"
    for n, t in enumerate(toks[k : k + 4]):
        if t.low.rstrip(".") in streets and t.text[:1].isupper():
            return n > 0 or len(t.text.rstrip(".")) <= 3  # "22 Ave Foch", never "5 Street View images"
        ordinal = t.low in {"st", "nd", "rd", "th"} and toks[k + n - 1].glued_to(t)  # "71st"
        if not (t.text[:1].isupper() or t.kind == "num" or ordinal):
            return False
    return False


def years(toks: list[Tok], low: Number, high: Number) -> bool:
    """Two four-digit whole numbers from 1000 to 2099 bounding a span ('between 1600 and 1900')."""
    return all(
        toks[n.i].kind == "num" and _FOUR_DIGITS.fullmatch(toks[n.i].text) is not None and n.j == n.i + 1
        for n in (low, high)
    )
