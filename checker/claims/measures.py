"""What a figure measures, beyond its unit: the size of one thing, a distance from a place, a time
counted back from the day of writing, the part of a price paid one way, or a stretch of a count.

Two lengths in one story are often different facts that share a unit: a 44-yard field goal and 68
yards caught in a half; a quake's depth and its distance from a town; the distance from Banda Aceh and
the distance from Bireun; "eight days ago" in Tuesday's paper and "ten days ago" in Thursday's. The
words around the figure say which; the word lists are in `data/context.json` (`size_adjectives`,
`size_verbs`, `direction_words`, `depth_cues`, `elapsed_cues`, `ongoing_activities`, `payment_forms`,
`span_words`).

`Wording` reads all of it once per claim; clustering compares claims pairwise, so it reads each claim's
words once per block, never once per pair.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz

from checker.entities.names import translit_fold
from checker.figures.units import to_base
from checker.models import Claim
from checker.read.dates import days_apart, days_between
from checker.tables import load_table, stop_words

#: a measure written as a modifier: '44-yard', '1,000-km', 'five - year'
_HYPHENED_UNIT = re.compile(r"\w\s*[-‐‑]\s*[A-Za-z]+$")
#: a count written as a modifier, read after its figure: '-seat chamber' in 'the 350-seat chamber'
_COUNT_MODIFIER = re.compile(r"[-‐‑]([A-Za-z]+) ([a-z][a-z-]*)")
#: a place name after 'from', 'of' or 'off': 'Banda Aceh', 'the town of Bireun', 'the provincial
#: capital Banda Aceh'
_PLACE = re.compile(
    r"(?:the )?(?:(?:provincial|regional|state|national) )?"
    r"(?:(?:town|city|village|port|province|district|capital)(?: of)? )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)"
)
#: a parenthesised conversion right after the figure: ' (34 miles)'
_ASIDE = re.compile(r"\s*\([^)]*\)")
#: the figure and unit a bracketed conversion follows: '10 kilometres' in '10 kilometres (6 miles)'
_PARTNER = re.compile(r"[\d.,\s]+[A-Za-z]+\.?$")
#: what a length is measured from when it is measured down
DEPTH = "depth"
#: two spellings of one town's name (Bireun, Bireuen) are at least this alike (rapidfuzz ratio)
SPELLING_MIN_RATIO = 90
#: seconds in a day
DAY_SECONDS = 86400.0


def _around(claim: Claim) -> tuple[str, str]:
    """The words before and after a figure; a conversion in brackets ('55 km (34 miles) west of') takes
    the words around the figure it converts."""
    before, after = claim.sentence_before, claim.sentence_after
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        return _PARTNER.sub("", before.rstrip()[:-1].rstrip()), after.lstrip()[1:]
    return before, _ASIDE.sub("", after, count=1) if _ASIDE.match(after) else after


def _is_length(claim: Claim) -> bool:
    q = claim.quantity
    return q.dimension == "length" and q.unit is not None and not q.age


def size_of(claim: Claim) -> str | None:
    """What a measure gives the size of, when it is a size: the noun it is written before ('a 44-yard
    field goal', 'a five-year contract') or '' when a size word says so but names no thing ('984 feet
    long', 'measures 1,200 feet'); None for an amount or a span ('ran for 68 yards', 'three years').
    A count is a size when it is written as a modifier ('the 350-seat chamber', 'a 12-member panel'):
    the chamber's seats, never the seats a party won."""
    q = claim.quantity
    if q.dimension == "count" and not q.age:
        return _count_size(claim)
    if q.unit is None or q.age or q.dimension == "percent" or q.dimension.startswith("currency:"):
        return None
    last = claim.text.split()[-1].lower()
    if claim.counted_lemma and (_HYPHENED_UNIT.search(claim.text) or (q.value != 1 and last == q.unit)):
        return claim.counted_lemma
    words = load_table("context.json")
    before_words, after_words = _around(claim)
    after = after_words.split()[:1]
    before = before_words.split()[-1:]
    if after and after[0].lower().strip(",.;:)") in words["size_adjectives"]:
        return ""
    if before and before[0].lower() in words["size_verbs"]:
        return ""
    return None


def _count_size(claim: Claim) -> str | None:
    """The noun a count written as a modifier sizes: 'chamber' in 'the 350-seat chamber', its counted
    noun glued to the figure by a hyphen; None for a count of things ('won 191 seats')."""
    if not claim.counted:
        return None
    written = _COUNT_MODIFIER.match(claim.sentence_after)
    if written is None or written.group(1).lower() != claim.counted.lower():
        return None
    return written.group(2).lower()


def reference_of(claim: Claim) -> str | None:
    """What a length is measured from: a place ('55 km south of Bireun', '431 km off Banda Aceh') or
    DEPTH ('at a depth of 10 km', '6 miles beneath the surface'); None when the sentence does not say."""
    if not _is_length(claim):
        return None
    words = load_table("context.json")
    before, after = _around(claim)
    before = before.lower()
    if any(before.rstrip().endswith(cue) for cue in words["depth_cues"]["before"]):
        return DEPTH
    head = after.split()[:1]
    if head and head[0].lower().strip(",.;:") in words["depth_cues"]["after"]:
        return DEPTH
    rest = after.lstrip()
    for direction in words["direction_words"]:
        if rest.lower().startswith(direction + " "):
            rest = rest[len(direction) + 1 :]
            break
    for preposition in ("from ", "of ", "off "):
        if rest.lower().startswith(preposition):
            place = _PLACE.match(rest[len(preposition) :])
            return place.group(1) if place else None
    return None


def _ongoing(after: str) -> bool:
    """'of riots', 'of the deliberations': the figure is how long an activity has lasted so far."""
    words = re.findall(r"[\w'-]+", after.lower())[:3]
    if words[:1] != ["of"]:
        return False
    rest = words[1:]
    if rest[:1] == ["the"]:
        rest = rest[1:]
    return bool(rest) and rest[0] in load_table("context.json")["ongoing_activities"]


def activity_length(claim: Claim) -> bool:
    """How long an activity has lasted so far ('five days of riots', 'after 12 hours of deliberation'):
    a later report may give it longer, never shorter."""
    if claim.quantity.dimension != "duration" or claim.quantity.age:
        return False
    return _ongoing(_around(claim)[1])


def elapsed(claim: Claim) -> bool:
    """A duration that moves with the day of writing: counted back from it ('eight days ago', 'over the
    past eight days'), or an activity's length so far (`activity_length`)."""
    if claim.quantity.dimension != "duration" or claim.quantity.age:
        return False
    cues = load_table("context.json")["elapsed_cues"]
    before, after = _around(claim)
    if _ongoing(after):
        return True
    head = after.split()[:1]
    if head and head[0].lower().strip(",.;:") in cues["after"]:
        return True
    last = before.split()[-1:]
    return bool(last) and last[0].lower() in cues["before"]


def elapsed_explained(a: Claim, b: Claim) -> bool:
    """Two times counted back from two dated reports that differ by no more than the days between the
    reports (and a day's rounding): the same span seen from two days, not a disagreement."""
    if not (elapsed(a) and elapsed(b)) or a.published is None or b.published is None:
        return False
    seconds = to_base(a.quantity.value, a.quantity.unit) - to_base(b.quantity.value, b.quantity.unit)
    a_later_by = days_between(b.published, a.published)
    days = abs(a_later_by)
    if activity_length(a) or activity_length(b):
        # an activity only lasts longer: the later report's figure, by no more than the days between
        # (and a day's rounding when the figures are counted in days)
        if a_later_by < 0:
            seconds = -seconds
        elif a_later_by == 0:  # written at one moment: no time to grow in either order
            seconds = abs(seconds)
        rounding = 1.0 if min(_seconds(a), _seconds(b)) >= DAY_SECONDS else 0.0
        return 0 <= seconds / DAY_SECONDS <= days + rounding
    return abs(seconds) / DAY_SECONDS <= days + 1


def _seconds(claim: Claim) -> float:
    """The figure's unit in seconds: 86,400 for 'five days', 3,600 for '12 hours'."""
    return to_base(1, claim.quantity.unit)


#: reports further apart than this (days), or undated, may lie either side of a birthday
BIRTHDAY_WINDOW_DAYS = 7.0


def birthday_explained(a: Claim, b: Claim) -> bool:
    """Ages a year apart in reports not known to be written within a week of each other: a birthday
    may lie between them ('26-year-old' when the trial was set, '27 year old' at the verdict)."""
    if not (a.quantity.age and b.quantity.age):
        return False
    years = abs(to_base(a.quantity.value, a.quantity.unit) - to_base(b.quantity.value, b.quantity.unit))
    if round(years / to_base(1, "year"), 6) != 1:
        return False
    return (
        a.published is None
        or b.published is None
        or days_apart(a.published, b.published) > BIRTHDAY_WINDOW_DAYS
    )


def _words_after(claim: Claim) -> list[str]:
    """The words after a figure, lower case, each punctuation mark a word of its own."""
    _, after = _around(claim)
    return re.findall(r"[\w'&-]+|[^\w\s]", after.lower())


def payment_form(claim: Claim) -> str | None:
    """How a sum is paid when the words right after it say ('$281 million in cash', '$53m in stock')."""
    if not claim.quantity.dimension.startswith("currency:"):
        return None
    words = _words_after(claim)
    for form in load_table("context.json")["payment_forms"]:
        n = len(form.split())
        if words[:n] == form.split():
            # "in cash and stock" is all of it; "$281m in cash and $53m in stock" names two parts
            whole = words[n : n + 1] == ["and"] and "".join(words[n + 1 : n + 2])[:1].isalpha()
            return None if whole else str(form)
    return None


def money_kind(claim: Claim) -> str | None:
    """What a sum is, when the words right after it say: '$300 million in revenue' -> revenue, '$389.1
    million in R and D' -> r and d. `wording` asks only when no payment form ('in cash') was read."""
    if not claim.quantity.dimension.startswith("currency:"):
        return None
    words = _words_after(claim)
    if words[:1] != ["in"]:
        return None
    kind: list[str] = []
    for word in words[1:4]:
        if word in stop_words() - {"and"} or not word[:1].isalpha():
            break
        kind.append(word)
    while kind[-1:] == ["and"]:
        kind.pop()
    return " ".join(kind) or None


def span_word(claim: Claim) -> str | None:
    """'first' in 'his first 17 passes', 'last' in 'the last 2 games': the count of a stretch."""
    before = claim.sentence_before.split()[-1:]
    word = before[0].lower() if before else ""
    return word if word in load_table("context.json")["span_words"] else None


class Wording(NamedTuple):
    """What the words around one figure say it measures (see the functions above)."""

    size: str | None
    reference: str | None
    elapsed: bool
    payment: str | None
    span: str | None
    money: str | None


def wording(claim: Claim) -> Wording:
    payment = payment_form(claim)
    return Wording(
        size_of(claim),
        reference_of(claim),
        elapsed(claim),
        payment,
        span_word(claim),
        None if payment else money_kind(claim),
    )


def _references_differ(x: str | None, y: str | None) -> bool:
    if x is None or y is None or x == y:
        return False
    if DEPTH in {x, y}:
        return True
    return fuzz.ratio(translit_fold(x.lower()), translit_fold(y.lower())) < SPELLING_MIN_RATIO


def wording_differs(a: Claim, b: Claim, x: Wording | None = None, y: Wording | None = None) -> bool:
    """Two facts by what the words around the figures say (`x`, `y`: their `wording`, when read):
    - the size of one thing (a 44-yard field goal, a five-year contract, a ship 984 feet long) never
      meets an amount or a span (68 yards in a half, three years in charge), nor another thing's size;
    - lengths measured from different places, or a depth and a distance, are two facts (a quake 10 km
      deep and 55 km from Bireun); one spelling of a town (Bireun, Bireuen) is one place;
    - a time counted back from the day of writing ('eight days ago'), or an activity's length so far
      ('five days of riots'), meets others only when both reports are dated: it is a different span in
      each day's paper;
    - the cash part of a price never meets the whole ('$281 million in cash', 'a $334 million deal'),
      nor does one kind of sum meet another ('$300 million in revenue', '$389.1 million in R and D');
    - the count of a stretch ('his first 17 passes', 'the last 2 games') never meets the count of the
      whole, nor of another kind of stretch."""
    x = x or wording(a)
    y = y or wording(b)
    if (x.size is None) != (y.size is None) or (x.size and y.size and x.size != y.size):
        return True
    if _references_differ(x.reference, y.reference):
        return True
    if (x.elapsed or y.elapsed) and (a.published is None or b.published is None):
        return True
    money = x.money is not None and y.money is not None and x.money != y.money
    return x.payment != y.payment or x.span != y.span or money
