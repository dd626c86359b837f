"""Time scopes: when a figure holds, read off the date and time words of its sentence.

A figure's time scope is a date interval (`checker.models.TimeScope`): two outlets' figures of two
different days or nights are two facts, not a disagreement. `resolve_time` turns a time expression into
days relative to the publication date ("on Thursday", "overnight", "since October"), and `time_scope`
chooses which of the sentence's expressions dates the figure rather than the statement ("the ministry
said on Thursday it downed 105 drones overnight": Wednesday night). The word lists are in
`data/frames.json` (`day_words`, `night_words`, `reporting_verbs`, `tally_verbs`) and
`data/context.json` (`months`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.claims.sentence_index import SentenceIndex, Skipper, sentence_index
from checker.models import TimeScope
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _table() -> dict[str, Any]:
    return load_table("frames.json")


def _date_words(text: str) -> bool:
    words = set(text.lower().replace(",", " ").split())
    months = set(load_table("context.json")["months"])
    return bool(words & (set(_table()["day_words"]) | months))


@lru_cache(maxsize=256)
def _date_parser(base: datetime) -> Any:
    """dateparser fixes the reference date per parser: one parser per publication date."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})


def resolve_time(text: str, published: datetime | None) -> tuple[date, date, bool] | None:
    """(first day, last day, is a night) for a time expression, relative to the publication date;
    None when unsure."""
    key = text.lower().strip()
    for prefix in ("on ", "since ", "late ", "early "):
        key = key.removeprefix(prefix)
    night = _table()["night_words"]
    if published is not None:
        day = published.date()
        for words, (lo, hi) in night.items():
            if key == words or key.startswith(words + " "):
                return day + timedelta(days=lo), day + timedelta(days=hi), hi > lo
    if not _date_words(key) and key not in _table()["night_words"]:
        return None
    if published is None and not any(ch.isdigit() and len(w) == 4 for w in key.split() for ch in w[:1]):
        return None  # a weekday or '16 May' means nothing without a publication date or a year
    base = (published or datetime(2000, 1, 1)).replace(tzinfo=None)
    found = _date_parser(base).get_date_data(key)
    if found is None or found.date_obj is None:
        return None
    when = found.date_obj.date()
    if published is not None and when == base.date() - timedelta(days=7) and key.split()[0].endswith("day"):
        when = base.date()  # 'on Thursday' in a Thursday paper is today, not a week ago
    if published is not None and when > base.date() + timedelta(days=1):
        return None  # a future date is a plan, not the scope of a reported figure
    period = found.period
    if period == "day" and key.endswith("night"):
        return when, when + timedelta(days=1), True  # "on Tuesday night"
    if period == "day":
        return when, when, False
    if period == "week":
        return when - timedelta(days=6), when + timedelta(days=6), False
    if period == "month":
        first = when.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1), False
    return None


def _governing_verb(tok: Token) -> Token | None:
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def time_scope(
    doc: Doc | Span, figure: Span, verb: Token | None, published: datetime | None
) -> TimeScope | None:
    """When: the date or time expression of the figure's clause, resolved to a date interval.

    A date on the reporting verb ("the ministry said on Thursday") or on a tally verb ("the toll rose
    to 14 on Monday") dates the statement or the count, not the fact: it only anchors a night
    ("said on Thursday it downed 105 drones overnight": Wednesday night). Of the other dates, one in
    the verb's clause comes first, then the nearest to the figure (a night word in the sentence counts
    as one word away), and of those at one distance the first in alphabetical order; the first of them
    that resolves is the scope.
    """
    index = sentence_index(doc)
    dates = index.cached("time_scopes.dates", lambda: SentenceDates(index))
    return dates.time_scope(figure, verb, published)


class _Date(NamedTuple):
    """A date or time entity that `time_scope` may read."""

    start: int
    end: int
    root: int
    text: str  # as written
    words: str  # as read: 'since October' when a 'since' before it was left out of the entity
    reported: bool  # a reporting or tally verb governs it: it dates the statement or the count
    verb: int  # the position of that verb (-1 when none)
    tally: bool  # that verb is a tally verb


_NO_VERB = -2  # the verb position of a figure without a verb: no date's verb
_TALLIED = -3  # the claiming verb of a date a tally verb governs: no figure's verb


class SentenceDates:
    """The date and time entities of one parsed sentence, read once for `time_scope` of each of its
    figures: which a reporting or tally verb governs, which night words the sentence holds, and which
    expressions are known not to resolve, so that a figure's scope is found by bisection and by skipping
    what failed before (see `SentenceIndex`)."""

    def __init__(self, index: SentenceIndex) -> None:
        self.doc, self.ents, self.tokens = index.doc, index.ents, index.tokens
        self.descends = index.descends
        self._enter, self._leave = index.enter, index.leave
        self._resolved: dict[tuple[str, datetime | None], tuple[date, date, bool] | None] = {}
        self._clause_dates: dict[tuple[int, datetime | None], tuple[list[int], Skipper]] = {}
        self._free_skippers: dict[datetime | None, Skipper] = {}
        self._said_on: dict[datetime | None, tuple[list[int], list[int], list[int], list[int]]] = {}

    def resolved(self, text: str, published: datetime | None) -> tuple[date, date, bool] | None:
        """`resolve_time`, once per text and publication date."""
        key = (text, published)
        if key not in self._resolved:
            self._resolved[key] = resolve_time(text, published)
        return self._resolved[key]

    @cached_property
    def _dates(self) -> list[_Date]:
        """The date and time entities with a date word, in entity order."""
        reporting = set(_table()["reporting_verbs"]) | set(_table()["tally_verbs"])
        tallies = set(_table()["tally_verbs"])
        doc = self.doc
        found = []
        for ent in self.ents:
            if ent.label_ not in {"DATE", "TIME"} or not _date_words(ent.text):
                continue
            head = _governing_verb(ent.root)
            lemma = head.lemma_.lower() if head is not None else None
            since = (
                ent.start > 0
                and doc[ent.start - 1].lower_ == "since"
                and not ent.text.lower().startswith("since")
            )
            found.append(
                _Date(
                    start=ent.start,
                    end=ent.end,
                    root=ent.root.i,
                    text=ent.text,
                    words=f"since {ent.text}" if since else ent.text,
                    reported=head is not None and lemma in reporting,
                    verb=head.i if head is not None else -1,
                    tally=lemma in tallies,
                )
            )
        return found

    @cached_property
    def _date_ends(self) -> list[int]:
        return [d.end for d in self._dates]

    def _overlapping(self, figure: Span) -> set[int]:
        """The dates (by rank) that share a token with the figure: entities never overlap, so few."""
        found = set()
        k = bisect_right(self._date_ends, figure.start)
        while k < len(self._dates) and self._dates[k].start < figure.end:
            found.add(k)
            k += 1
        return found

    def _claimed_by(self, k: int) -> int:
        """The verb that makes a reported date an event date, when it is the figure's verb: a date a
        tally verb governs never is."""
        d = self._dates[k]
        return _TALLIED if d.tally else d.verb

    def _runs(self, ranks: list[int]) -> list[int]:
        """After each of the dates (by rank), the next one that another verb would make an event date."""
        after = [len(ranks)] * len(ranks)
        for n in range(len(ranks) - 2, -1, -1):
            same = self._claimed_by(ranks[n]) == self._claimed_by(ranks[n + 1])
            after[n] = after[n + 1] if same else n + 1
        return after

    def _said(self, published: datetime | None) -> tuple[list[int], list[int], list[int], list[int]]:
        """The dates a reporting or tally verb governs (by rank), and of those the ones that resolve to one
        day, each list with its `_runs`: they date the statement unless the verb is the figure's own."""
        if published not in self._said_on:
            said = [k for k, d in enumerate(self._dates) if d.reported]
            single = []
            for k in said:
                when = self.resolved(self._dates[k].text, published)
                if when and when[0] == when[1]:
                    single.append(k)
            self._said_on[published] = (said, self._runs(said), single, self._runs(single))
        return self._said_on[published]

    def _first_said(self, ranks: list[int], after: list[int], verb: int, skip: set[int]) -> int | None:
        """The first of the dates that dates the statement of a figure whose verb is at `verb`."""
        n = 0
        while n < len(ranks):
            if self._claimed_by(ranks[n]) == verb:
                n = after[n]
            elif ranks[n] in skip:
                n += 1
            else:
                return ranks[n]
        return None

    @cached_property
    def _event_dates(self) -> tuple[list[int], list[int], dict[int, list[int]]]:
        """The dates no reporting verb governs (by rank), their starts, and the reported dates that are
        the figure's own when its verb is theirs (by verb)."""
        free = [k for k, d in enumerate(self._dates) if not d.reported]
        own: dict[int, list[int]] = {}
        for k, d in enumerate(self._dates):
            if d.reported and not d.tally:
                own.setdefault(d.verb, []).append(k)
        return free, [self._dates[k].start for k in free], own

    @cached_property
    def _free_by_entry(self) -> tuple[list[int], list[int]]:
        free = sorted(self._event_dates[0], key=lambda k: self._enter[self._dates[k].root])
        return [self._enter[self._dates[k].root] for k in free], free

    @cached_property
    def _nights(self) -> list[tuple[str, list[int], dict[int, list[int]]]]:
        """The night words of the sentence, in table order, each with the free dates and (by verb) the
        verb's own reported dates whose words hold it."""
        text = self.doc.text.lower()
        free, _, own = self._event_dates
        found = []
        for words in _table()["night_words"]:
            if not re.search(rf"\b{words}\b", text):
                continue
            held = [k for k in free if words in self._dates[k].words.lower()]
            by_verb = {
                v: hits
                for v, ks in own.items()
                if (hits := [k for k in ks if words in self._dates[k].words.lower()])
            }
            found.append((words, held, by_verb))
        return found

    def _resolving(self, published: datetime | None) -> Callable[[int], bool]:
        def failed(k: int) -> bool:
            key = (self._dates[k].words, published)
            return key in self._resolved and self._resolved[key] is None

        return failed

    def _clause(self, verb: int, published: datetime | None) -> tuple[list[int], Skipper]:
        """The dates in the verb's subtree that are event dates when the figure's verb is `verb`, in the
        order `time_scope` tries them (alphabetical), with a skipper over those known not to resolve."""
        key = (verb, published)
        if key not in self._clause_dates:
            entries, free = self._free_by_entry
            inside = free[bisect_left(entries, self._enter[verb]) : bisect_right(entries, self._leave[verb])]
            own = [k for k in self._event_dates[2].get(verb, []) if self.descends(verb, self._dates[k].root)]
            dates = sorted([*inside, *own], key=lambda k: self._dates[k].words)
            failed = self._resolving(published)
            self._clause_dates[key] = (dates, Skipper(len(dates), lambda n: failed(dates[n])))
        return self._clause_dates[key]

    def _scope(self, words: str, published: datetime | None) -> TimeScope | None:
        when = self.resolved(words, published)
        if when is None:
            return None
        if words.lower().startswith("since "):  # 'since October': from then to the day of writing
            end = published.date() if published is not None else date.max
            return TimeScope(text=words, start=when[0], end=max(end, when[1]))
        return TimeScope(text=words, start=when[0], end=when[1], night=when[2])

    def time_scope(self, figure: Span, verb: Token | None, published: datetime | None) -> TimeScope | None:
        """`time_scope` of one figure of the sentence."""
        dates = self._dates
        nights = self._nights
        if not dates and not nights:
            return None
        skip = self._overlapping(figure)
        v = verb.i if verb is not None else _NO_VERB
        free, starts, own = self._event_dates
        night_table = _table()["night_words"]
        added: list[str] = []
        for words, held, by_verb in nights:
            if any(k not in skip for k in held) or any(k not in skip for k in by_verb.get(v, ())):
                continue
            if any(words in a for a in added):
                continue
            said = self._said(published) if night_table[words][1] > night_table[words][0] else None
            if said is not None and (first := self._first_said(said[0], said[1], v, skip)) is not None:
                anchor = self._first_said(said[2], said[3], v, skip)
                if anchor is not None:
                    when = self.resolved(self._dates[anchor].text, published)
                    assert when is not None
                    day = when[0]
                    text = f"{words} ({self._dates[first].text})"
                    return TimeScope(text=text, start=day - timedelta(days=1), end=day, night=True)
            added.append(words)
        # the figure's clause first
        if verb is not None:
            clause, skipper = self._clause(v, published)
            n = skipper.right(0)
            while n < len(clause):
                k = clause[n]
                if k not in skip and (found := self._scope(self._dates[k].words, published)) is not None:
                    return found
                n = skipper.right(n + 1)
        # then by distance from the figure (a night word at 1), alphabetical at one distance
        extra = sorted(
            [(2, w) for w in added]
            + [
                (1 + abs(self._dates[k].start - figure.start), self._dates[k].words)
                for k in own.get(v, ())
                if k not in skip and not self.descends(v, self._dates[k].root)
            ]
        )
        if published not in self._free_skippers:
            failed = self._resolving(published)
            self._free_skippers[published] = Skipper(len(free), lambda n: failed(free[n]))
        skipper = self._free_skippers[published]

        def usable(n: int) -> bool:
            k = free[n]
            return k not in skip and (verb is None or not self.descends(v, self._dates[k].root))

        right = bisect_left(starts, figure.start)
        left = skipper.left(right - 1)
        right = skipper.right(right)
        e = 0
        while True:
            while left >= 0 and not usable(left):
                left = skipper.left(left - 1)
            while right < len(free) and not usable(right):
                right = skipper.right(right + 1)
            far = len(self.tokens) + 2
            key_left = 1 + figure.start - starts[left] if left >= 0 else far
            key_right = 1 + starts[right] - figure.start if right < len(free) else far
            key_extra = extra[e][0] if e < len(extra) else far
            key = min(key_left, key_right, key_extra)
            if key == far:
                return None
            group: list[str] = []
            if key_left == key:
                group.append(self._dates[free[left]].words)
                left = skipper.left(left - 1)
            if key_right == key:
                group.append(self._dates[free[right]].words)
                right = skipper.right(right + 1)
            while e < len(extra) and extra[e][0] == key:
                group.append(extra[e][1])
                e += 1
            for words in sorted(group):
                found = self._scope(words, published)
                if found is not None:
                    return found
