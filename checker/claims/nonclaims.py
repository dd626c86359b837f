"""Figures that are not claims: real pages are full of numbers that state nothing about the news.

Each rule is named, reads its words from `data/nonclaims.json`, and can be switched off by name
(`CheckOptions.disabled_rules`) so that its worth can be measured:

- `street_address`: a house number or block ('1576 S. White Station Road', 'the 2400 block of');
- `clock_time`: a time of day ('at 4 a.m.');
- `gallery_counter`: a photo-gallery or pager counter ('Image 7 of 52');
- `phone_number`: a telephone number ('555-1234', '(816) 474-8477');
- `citation_marker`: a reference mark after a sentence ('[8]').

One more rule reads a figure rather than dropping it. `calibre`: a gun's calibre or gauge ('9 mm
magazines', 'a .40-caliber pistol', '12-gauge') is a fact about the weapon, which outlets do get wrong
(.38 against .357), so it is kept, as a calibre: compared with calibres only, and as written without
its point, so that '.40-caliber' and '40-caliber' agree. Dropped, as it once was, it cost 12 labelled
ECB+ disagreements on the unseen topics and kept out no wrong finding on either real-news benchmark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from checker.models import Claim
from checker.tables import load_table

#: a number with its area code; a bare seven-digit one must follow a phone cue ('call 555-1234'), since
#: '250-1000 marchers' is a range
_PHONE = re.compile(r"^\(?\d{3}\)?[ .-]?\d{3}[-.]\d{4}$")
_LOCAL_PHONE = re.compile(r"^\d{3}-\d{4}$")


@cache
def _words(rule: str) -> frozenset[str]:
    return frozenset(load_table("nonclaims.json")[rule])


def _counted(claim: Claim) -> str:
    return (claim.counted_lemma or "").lower()


def street_address(claim: Claim) -> bool:
    """A number before a street's name ('1576 S. White Station Road') or before 'block of' and a name
    ('the 2400 block of F Street') is an address; '12 roads' and '12 blocks of the city' are counts."""
    if claim.quantity.dimension != "count" or _counted(claim) not in _words("street_address"):
        return False
    after = claim.sentence_after.lstrip()
    return after[:1].isupper() or re.match(r"block\s+of\s+[A-Z0-9]", after) is not None


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
    or 'gauges', or a '.44' or millimetres right before a gun word ('9 mm magazines', 'a .44 revolver';
    not '9 mm of rain' nor '.5 percent')."""
    if _counted(claim) in _words("calibre"):
        return True
    millimetres = claim.quantity.dimension == "length" and (claim.quantity.unit or "").lower() == "millimetre"
    if not (millimetres or claim.text.startswith(".")):
        return False
    following = re.findall(r"[a-z-]+", claim.sentence_after.lower())[:3]
    return any(word in _words("gun_words") for word in following)


def citation_marker(claim: Claim) -> bool:
    """'wounds.[8]': a reference mark glued to the text before it (encyclopaedia pages), which counts
    nothing; '"They killed [12] of our men"', an editor's bracket, stays a claim."""
    before, after = claim.sentence_before, claim.sentence_after
    glued = len(before) >= 2 and before.endswith("[") and not before[-2].isspace()
    return glued and claim.text.isdigit() and (after.startswith("]") or not after)


def phone_number(claim: Claim) -> bool:
    text = claim.text.strip()
    if _PHONE.match(text):
        return True
    before = re.findall(r"[a-z]+", claim.sentence_before.lower())[-1:]
    return _LOCAL_PHONE.match(text) is not None and bool(before) and before[0] in _words("phone_cues")


#: every rule by its name, in the order they are tried (each name is in options.SWITCHABLE_RULES)
NON_CLAIM_RULES: dict[str, Callable[[Claim], bool]] = {
    "street_address": street_address,
    "clock_time": clock_time,
    "gallery_counter": gallery_counter,
    "phone_number": phone_number,
    "citation_marker": citation_marker,
}

#: the counted noun of every calibre: its block (`checker.match.cluster.block_key`) holds calibres only
CALIBRE = "calibre"


def as_calibre(claim: Claim) -> Claim:
    """The claim as the calibre it names: '.40' and '40-caliber' are both 40, '.357' is 357, '9 mm' is
    9 and '7.62 mm' is 7.62 (a point before the first digit is how inch calibres are written, not a
    fraction)."""
    q = claim.quantity
    value = q.value
    if 0 < value < 1 and claim.text.lstrip().startswith("."):
        digits = claim.text.strip().lstrip(".").split("-")[0].split()[0]
        value = float(digits) if digits.isdecimal() else value
    quantity = q.model_copy(
        update={
            "value": value,
            "low": value,
            "high": value,
            "unit": CALIBRE,
            "dimension": "count",
            "precision": None,
        }
    )
    return claim.model_copy(update={"quantity": quantity, "counted_lemma": CALIBRE})


def non_claim(claim: Claim, disabled: frozenset[str] = frozenset()) -> str | None:
    """The name of the first rule that says this figure is not a claim, or None."""
    for name, rule in NON_CLAIM_RULES.items():
        if name not in disabled and rule(claim):
            return name
    return None


def claims_kept(claims: Iterable[Claim], disabled: frozenset[str] = frozenset()) -> list[Claim]:
    """The claims that state something, calibres read as calibres, with the rules in `disabled` off."""
    reads_calibres = "calibre" not in disabled
    return [
        as_calibre(c) if reads_calibres and calibre(c) else c
        for c in claims
        if non_claim(c, disabled) is None
    ]
