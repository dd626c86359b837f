"""How much of a story a figure covers, when its words say it covers less than another outlet's.

A count of one place, of the latest episode or since a date is a share of the story's whole; a total
over several nights or funding rounds is a sum of several shares. When one outlet's figure covers a
part of what another's covers and is no larger, both can be true:
- '10 houses were damaged in Takengon' beside 'around 40 houses were damaged by the quake';
- 'the latest riots overnight, when youths attacked two banks' beside 'at least three banks';
- 'arrested three times since October' beside 'arrested four times';
- 'most recently, it raised $20 million' beside 'raised $35m in two rounds of funding'.

Only figures that add up nest this way (counts and sums of money); a duration or an age does not. A
day's time scope ('overnight') is no share: outlets drop it from a report of that very night. The word
lists are in `data/context.json` (`episode_words`, `stretch_units`, `stretch_prepositions`, `months`)
and `data/frames.json` (`day_words`).
"""

from __future__ import annotations

import re
from functools import cache

from checker.models import Claim, Slot
from checker.number_words import parse_number_words
from checker.places import Relation, relation, resolve_place
from checker.tables import load_table


def _additive(claim: Claim) -> bool:
    dimension = claim.quantity.dimension
    return dimension == "count" or dimension.startswith("currency:")


def _where(claim: Claim) -> Slot | None:
    return claim.frame.place or claim.frame.site


def _place_share(x: Claim, y: Claim) -> bool:
    """x is counted in a place and y nowhere, or in a place the gazetteer puts x's place within."""
    here, there = _where(x), _where(y)
    if here is None:
        return False
    if there is None:
        return True
    inner, outer = resolve_place(here.text), resolve_place(there.text)
    return inner is not None and outer is not None and relation(inner, outer) is Relation.WITHIN


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _since_date() -> re.Pattern[str]:
    """'since October', 'since Monday', 'since 2010': a total from a calendar day on. A total since an
    event ('since the shooting') runs over the whole story and is no share of it."""
    days = [w for w in load_table("frames.json")["day_words"] if w != "ago"]
    words = _alternatives(load_table("context.json")["months"] + days)
    return re.compile(rf"\bsince\s+(?:(?:early|late|mid)[- ]?)?(?:(?:{words})\b|\d{{4}}\b)", re.IGNORECASE)


@cache
def _episode() -> re.Pattern[str]:
    table = load_table("context.json")["episode_words"]
    markers, running = _alternatives(table["markers"]), _alternatives(table["not_before"])
    return re.compile(rf"\b(?:{markers})\b(?![\s,]+(?:\w+\s+)?(?:{running})\b)", re.IGNORECASE)


@cache
def _stretch() -> re.Pattern[str]:
    table = load_table("context.json")
    preps, units = _alternatives(table["stretch_prepositions"]), _alternatives(table["stretch_units"])
    return re.compile(
        rf"\b(?:{preps})\s+(?:the\s+)?(?:(?:past|last|first)\s+)?([\w-]+)\s+(?:\w+\s+)?(?:{units})\b",
        re.IGNORECASE,
    )


def _sums_stretches(claim: Claim) -> bool:
    """'over 50 arrests over four nights', '$35m in two rounds of funding': a total of several stretches,
    named outside the figure itself."""
    for match in _stretch().finditer(claim.sentence):
        start = claim.sentence_start + match.start()
        if start < claim.end and claim.start < claim.sentence_start + match.end():
            continue
        word = match.group(1)
        number = float(word.replace(",", "")) if word.replace(",", "").isdigit() else parse_number_words(word)
        if number is not None and number > 1:
            return True
    return False


def _cue(pattern: re.Pattern[str], claim: Claim) -> bool:
    return pattern.search(claim.sentence) is not None


def narrower(x: Claim, y: Claim) -> bool:
    """Whether x's words make it a share of what y's figure covers (see the module docstring)."""
    if _place_share(x, y):
        return True
    if _cue(_since_date(), x) and not _cue(_since_date(), y) and y.frame.time is None:
        return True
    if _cue(_episode(), x) and not _cue(_episode(), y):
        return True
    return _sums_stretches(y) and not _sums_stretches(x)


def nested(a: Claim, b: Claim) -> bool:
    """One figure is a share of the other's and no larger: both can be true."""
    if not (_additive(a) and _additive(b)):
        return False
    for part, whole in ((a, b), (b, a)):
        low = part.quantity.value if part.quantity.low is None else part.quantity.low
        high = whole.quantity.value if whole.quantity.high is None else whole.quantity.high
        if low <= high and narrower(part, whole):
            return True
    return False
