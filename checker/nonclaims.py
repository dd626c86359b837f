"""Figures that are not claims: real pages are full of numbers that state nothing about the news.

Each rule is named, reads its words from `data/nonclaims.json`, and can be switched off by name
(`CheckOptions.disabled_rules`) so that its worth can be measured:

- `street_address`: a house number or block ('1576 S. White Station Road', 'the 2400 block of');
- `clock_time`: a time of day ('at 4 a.m.');
- `gallery_counter`: a photo-gallery or pager counter ('Image 7 of 52');
- `calibre`: a gun's calibre or gauge ('9 mm magazines', 'a .40-caliber pistol', '12-gauge');
- `phone_number`: a telephone number ('555-1234', '(816) 474-8477').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from checker.models import Claim
from checker.tables import load_table

_PHONE = re.compile(r"^\(?\d{3}\)?[ -.]?\d{3}[-.]\d{4}$|^\d{3}-\d{4}$")


@cache
def _words(rule: str) -> frozenset[str]:
    return frozenset(load_table("nonclaims.json")[rule])


def _counted(claim: Claim) -> str:
    return (claim.counted_lemma or "").lower()


def street_address(claim: Claim) -> bool:
    """A number before a street's name ('1576 S. White Station Road') or before 'block of' is an
    address; '12 roads' (lower case after the figure) is a count of roads."""
    if claim.quantity.dimension != "count" or _counted(claim) not in _words("street_address"):
        return False
    after = claim.sentence_after.lstrip()
    return after[:1].isupper() or re.match(r"blocks?\s+of\b", after, re.IGNORECASE) is not None


def clock_time(claim: Claim) -> bool:
    return claim.quantity.dimension == "count" and _counted(claim) in _words("clock_time")


@cache
def _counter() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(_words("gallery_counter"))))
    return re.compile(rf"\b(?:{words})s?\s+\d+\s+(?:of|/)\s+\d+", re.IGNORECASE)


def gallery_counter(claim: Claim) -> bool:
    """'Image 7 of 52': both figures of an 'N of M' counter after an image or page word."""
    at = len(claim.sentence_before)
    return any(m.start() <= at < m.end() for m in _counter().finditer(claim.sentence))


def calibre(claim: Claim) -> bool:
    """A calibre names a kind of gun or ammunition, not an amount of anything: a count of 'calibers'
    or 'gauges', a '.40', or millimetres right before a gun word ('9 mm magazines', not '9 mm of rain')."""
    if _counted(claim) in _words("calibre") or claim.text.startswith("."):
        return True
    if claim.quantity.dimension != "length" or (claim.quantity.unit or "").lower() != "millimetre":
        return False
    following = re.findall(r"[a-z-]+", claim.sentence_after.lower())[:3]
    return any(word in _words("gun_words") for word in following)


def phone_number(claim: Claim) -> bool:
    return _PHONE.match(claim.text.strip()) is not None


#: every rule by its name, in the order they are tried (each name is in options.SWITCHABLE_RULES)
NON_CLAIM_RULES: dict[str, Callable[[Claim], bool]] = {
    "street_address": street_address,
    "clock_time": clock_time,
    "gallery_counter": gallery_counter,
    "calibre": calibre,
    "phone_number": phone_number,
}


def non_claim(claim: Claim, disabled: frozenset[str] = frozenset()) -> str | None:
    """The name of the first rule that says this figure is not a claim, or None."""
    for name, rule in NON_CLAIM_RULES.items():
        if name not in disabled and rule(claim):
            return name
    return None
