"""How much of a story a figure covers, when its words say it covers less than another outlet's.

A count of one place, of the latest episode or since a date is a share of the story's whole; a total
over several nights or funding rounds is a sum of several shares. When one outlet's figure covers a
part of what another's covers and is no larger, both can be true:
- '10 houses were damaged in Takengon' beside 'around 40 houses were damaged by the quake';
- 'the latest riots overnight, when youths attacked two banks' beside 'at least three banks';
- 'arrested three times since October' beside 'arrested four times';
- 'most recently, it raised $20 million' beside 'raised $35m in two rounds of funding'.

Only figures that add up nest this way: counts, and sums raised, spent or paid (a price or a share's
close is no share of anything); a duration or an age does not. What outlets leave out of a report of
the very same event is no share either: a day's time scope ('overnight'), a country or region ('in
Pakistan'), a span of time ('in the last 24 hours'), a year a total runs from ('since 2011'), a latest
that names no episode ('the latest toll', 'the latest in a string of attacks'). The word lists are in
`data/context.json` (`episode_words`, `summable_money_verbs`, `stretch_units`, `stretch_prepositions`,
`months`) and `data/frames.json` (`day_words`).
"""

from __future__ import annotations

import re
from functools import cache

from checker.entities.places import Relation, relation, resolve_place
from checker.figures.number_words import parse_number_words
from checker.models import Claim, Slot
from checker.tables import load_table


def _additive(claim: Claim) -> bool:
    """Counts, and sums of money spent, raised or paid: they add up over episodes and places."""
    dimension = claim.quantity.dimension
    if dimension == "count":
        return True
    verb = claim.frame.predicate.norm if claim.frame.predicate else None
    return dimension.startswith("currency:") and verb in load_table("context.json")["summable_money_verbs"]


def _where(claim: Claim) -> Slot | None:
    return claim.frame.place or claim.frame.site


def _place_share(x: Claim, y: Claim) -> bool:
    """x is counted in a town or site and y nowhere, or in a place the gazetteer puts x's place within.
    A country or region against no place is no share: it is where the whole event happened, and outlets
    drop it ('destroyed 2,000 homes in Pakistan', 'destroyed 3,000 homes')."""
    here, there = _where(x), _where(y)
    if here is None:
        return False
    inner = resolve_place(here.text)
    if there is None:
        return inner is None or inner.kind == "city"
    outer = resolve_place(there.text)
    return inner is not None and outer is not None and relation(inner, outer) is Relation.WITHIN


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _since_date() -> re.Pattern[str]:
    """'arrested three times since October', 'since Monday': a total from a month or a day on, written
    after the figure in its clause. A total since an event ('since the shooting') or a year ('killed
    300,000 since 2011') is usually the whole story, and 'chief executive since 2010' is about someone
    else."""
    months = [m.capitalize() for m in load_table("context.json")["months"]]
    days = [w.capitalize() for w in load_table("frames.json")["day_words"] if w != "ago"]
    return re.compile(
        rf"^[^,;:()]*?\b[Ss]ince\s+(?:(?:early|late|mid)[- ]?)?(?:{_alternatives(months + days)})\b"
    )


@cache
def _episode() -> re.Pattern[str]:
    table = load_table("context.json")["episode_words"]
    adverbs, markers = _alternatives(table["adverbs"]), _alternatives(table["markers"])
    nouns = _alternatives(table["nouns"])
    return re.compile(
        rf"\b(?:(?:{adverbs})\b|(?:{markers})\b[\s,]+(?:[\w-]+[\s,]+)?(?:{nouns})\b)", re.IGNORECASE
    )


@cache
def _stretch() -> re.Pattern[str]:
    table = load_table("context.json")
    preps, units = _alternatives(table["stretch_prepositions"]), _alternatives(table["stretch_units"])
    return re.compile(rf"\b(?:{preps})\s+(?:the\s+)?([\w-]+)\s+(?:\w+\s+)?(?:{units})\b", re.IGNORECASE)


def _sums_stretches(claim: Claim) -> bool:
    """'over 50 arrests over four nights', '$35m in two rounds of funding': a total of several episodes,
    named outside the figure itself."""
    for text in (claim.sentence_before, claim.sentence_after):
        for match in _stretch().finditer(text):
            word = match.group(1).replace(",", "")
            number = float(word) if word.isdigit() else parse_number_words(word)
            if number is not None and number > 1:
                return True
    return False


def _cue(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def narrower(x: Claim, y: Claim) -> bool:
    """Whether x's words make it a share of what y's figure covers (see the module docstring)."""
    if _place_share(x, y):
        return True
    if (
        _cue(_since_date(), x.sentence_after)
        and not _cue(_since_date(), y.sentence_after)
        and not y.frame.time
    ):
        return True
    if _cue(_episode(), x.sentence) and not _cue(_episode(), y.sentence):
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
