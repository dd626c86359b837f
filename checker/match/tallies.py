"""Tallies: an article's casualty totals, one fact for every outlet of a story.

The toll of an incident is the figure a desk checks first, and the one outlets word most differently: "a
shooting that injured five people", "injuring at least eight people", "Four people were injured". Such
sentences read too differently to meet by similarity, and an article states its parts beside its total
("three adults in the van were injured"). So each article's tally of an outcome (killed, injured, shot) is
its first count of people with that outcome's verb: a lead states the total before its parts. A group
joined by 'and' counts whole ('a man and 3 women' is 4). Within a story, the tallies of one outcome form
one cluster, judged like any other; tallies published further apart than the date window meet when their
articles share names few others use (`far_groups`).

What counts, in `data/tallies.json`: the verbs of each outcome and the nouns of people. No tally: a part
('one of five people hurt has died'), an increment ('three more people'), those who did it ('two men shot
at them'), a count that includes the gunman, a sentence that sums several events ('in separate
shootings', 'so far this year') or names an earlier year. An article that says people were shot and names
no death has that many injured. `CheckOptions.tallies` switches it on: off by default, since on the
unseen halves it found more labelled disagreements, and more false alarms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from itertools import combinations
from typing import Any, NamedTuple

from checker.match.cluster import date_segments
from checker.match.constraints import days_or_places_differ
from checker.match.stories import Stories
from checker.models import Article, Claim, ClaimCluster, Finding, FindingKind, Qualifier, reading_order
from checker.options import CheckOptions
from checker.read.dates import days_apart
from checker.tables import load_table

#: the prefix of a tally cluster's block: 'tally:killed'
TALLY_BLOCK = "tally:"
#: the outcome read from 'shot' when an article names no death: everyone shot was injured
SHOT, INJURED = "shot", "injured"
_NON_WORD = re.compile(r"[^\w]+")
_PARTITIVE = re.compile(r"\bof\s+(?:the\s+)?$", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
#: articles further apart than the date window whose tallies meet share this many rarely named names
MIN_SHARED_NAMES = 2
#: a name is rare when at most this many tallying articles name it: so the pairs a name makes are
#: bounded, and grow with the archive, not its square
RARE_NAMES = 10
#: a time scope longer than this many days sums several events ('last month')
MAX_SCOPE_DAYS = 3


@cache
def _table() -> dict[str, Any]:
    return load_table("tallies.json")


@cache
def _outcome_of() -> dict[str, str]:
    """Verb lemma -> outcome."""
    outcomes: dict[str, list[str]] = _table()["outcomes"]
    return {verb: outcome for outcome, verbs in outcomes.items() for verb in verbs}


def _alternation(name: str) -> str:
    """The words of a table in `data/tallies.json` as one regex alternation."""
    return "|".join(map(re.escape, _table()[name]))


@cache
def _words(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(name)})\b", re.IGNORECASE)


def _counts_people(claim: Claim) -> bool:
    """A count of people in a sentence about one event: not a person's age, a change ('two more
    died'), or a part of a larger figure."""
    q = claim.quantity
    people: list[str] = _table()["people"]
    if q.dimension != "count" or q.age or q.change or claim.counted_lemma not in people:
        return False
    if claim.part_of_larger or claim.distributive:  # 'two of the victims', 'seriously injured', 'each'
        return False
    if _PARTITIVE.search(claim.sentence[: claim.start - claim.sentence_start]):
        return False  # 'one of five people hurt has died': the verb is the part's, not the whole's
    tail = claim.sentence[claim.end - claim.sentence_start :]
    if _acting().search(tail):
        return False  # 'two men shot at them': those who did it
    if _words("increment_words").match(tail.lstrip()):
        return False  # 'killed three more people': added to another count
    if _words("several_events").search(claim.sentence) or _words("perpetrator_cues").search(claim.sentence):
        return False  # 'in separate shootings', 'six people died, including the gunman'
    time = claim.frame.time
    if time is not None and (time.running or (time.end - time.start).days > MAX_SCOPE_DAYS):
        return False
    return not _earlier_year(claim)


def _earlier_year(claim: Claim) -> bool:
    """Whether the sentence names a year before the article's: 'in 2005, four others were killed' recalls
    another event."""
    if claim.published is None:
        return False
    return any(int(year) < claim.published.year for year in _YEAR.findall(claim.sentence))


@cache
def _conjuncts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A group of people joined to the figure's by 'and': before it ('a man and 3 women') and after its
    noun ('three men and a woman'); the group's count is its first group."""
    people, count = _alternation("people"), _alternation("conjunct_counts")
    group = rf"(?P<count>{count}|\d+)\s+(?:[\w-]+\s+)?(?:{people}|\d+-year-olds?)"
    before = re.compile(rf"\b{group}\s+and\s+$", re.IGNORECASE)
    after = re.compile(rf"^\s+(?:[\w-]+\s+)?(?:{people})s?\s+and\s+{group}\b", re.IGNORECASE)
    return before, after


@cache
def _acting() -> re.Pattern[str]:
    """People who do the verb to someone: the noun, a verb in the past with no auxiliary before it, and
    its object ('two men killed a woman', 'two people shot at them'); 'five people were shot at a bar'
    and the headline's 'three people shot in Durham' are the people it was done to."""
    people, verbs, objects = (_alternation(n) for n in ("people", "acting_verbs", "object_words"))
    return re.compile(rf"^\s+(?:[\w-]+\s+)?(?:{people})s?\s+(?:{verbs})\s+(?:{objects})\b", re.IGNORECASE)


def _with_conjuncts(claim: Claim) -> Claim:
    """The claim counting the whole group when the figure's is joined to another: 'a man and 3 women
    were shot' is a tally of 4, written from 'a man' to 'women'."""
    q = claim.quantity
    if q.qualifier is not Qualifier.EXACT:
        return claim
    before, after = _conjuncts()
    at = claim.start - claim.sentence_start
    end = claim.end - claim.sentence_start
    head = before.search(claim.sentence[:at])
    tail = after.search(claim.sentence[end:])
    if head is None and tail is None:
        return claim
    counts: dict[str, int] = _table()["conjunct_counts"]
    added = sum(
        int(m["count"]) if m["count"].isdigit() else counts[m["count"].lower()] for m in (head, tail) if m
    )
    first = at - (len(head[0]) if head else 0)
    last = end + (tail.end() if tail else 0)
    total = q.value + added
    return claim.model_copy(
        update={
            "text": claim.sentence[first:last],
            "start": claim.sentence_start + first,
            "end": claim.sentence_start + last,
            "quantity": q.model_copy(update={"value": total, "low": total, "high": total}),
        }
    )


def article_tallies(claims: Sequence[Claim], text: str | None = None) -> dict[str, Claim]:
    """Outcome -> the claim stating the article's tally of it: its first count of people with that
    outcome's verb (`_counts_people`). `claims` are one article's, and `text` its text (else its claims'
    sentences), read for whether it names a death anywhere."""
    tallies: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: c.start):
        outcome = _outcome_of().get(claim.predicate or "")
        if outcome and outcome not in tallies and _counts_people(claim):
            tallies[outcome] = _with_conjuncts(claim)
    texts = [text] if text is not None else [c.sentence for c in claims]
    named_death = any(_words("death_words").search(t) for t in texts)
    # 'Five people were shot and a girl was injured' tells the shot apart from the injured
    apart = SHOT in tallies and _words("injury_words").search(tallies[SHOT].sentence)
    if SHOT in tallies and INJURED not in tallies and not named_death and not apart:
        tallies[INJURED] = tallies[SHOT]
    return tallies


def _one_incident_each(tallied: Sequence[Claim], options: CheckOptions) -> list[list[Claim]]:
    """`tallied` (in publication order) in groups whose frames never set two members on days or in places
    that do not meet (`checker.match.constraints.days_or_places_differ`): a claim joins the first group it
    meets in full."""
    groups: list[list[Claim]] = []
    for claim in tallied:
        home = next((g for g in groups if not any(days_or_places_differ(claim, m, options) for m in g)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    return groups


def _clusters(
    tallied: Sequence[Claim], outcome: str, options: CheckOptions, first: int
) -> list[ClaimCluster]:
    """The tally clusters of one outcome's `tallied` claims, numbered from `first`: of one incident each,
    and of at least two articles."""
    block = f"{TALLY_BLOCK}{outcome}"
    clusters: list[ClaimCluster] = []
    for group in _one_incident_each(sorted(tallied, key=_published_order), options):
        if len({c.article_id for c in group}) >= 2:
            clusters.append(ClaimCluster(id=f"{block}#{first + len(clusters)}", block=block, claims=group))
    return clusters


def tallies_by_article(claims: Sequence[Claim], articles: Sequence[Article]) -> dict[str, dict[str, Claim]]:
    """Each article's tallies (`article_tallies`) by article id, of `articles` whose `claims` these are."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    text = {a.id: a.text for a in articles}
    return {i: article_tallies(own, text.get(i)) for i, own in by_article.items()}


def tally_clusters(
    tallies: Mapping[str, Mapping[str, Claim]], stories: Stories, options: CheckOptions
) -> list[ClaimCluster]:
    """One cluster for each story, outcome and stretch of the date window, of the `tallies`
    (`tallies_by_article`) of at least two articles; none unless `CheckOptions.tallies` is on."""
    if not options.tallies:
        return []
    groups: dict[tuple[int, str], list[Claim]] = defaultdict(list)
    for article_id, read in tallies.items():
        for outcome, claim in read.items():
            groups[(stories.of(article_id), outcome)].append(claim)
    clusters: list[ClaimCluster] = []
    for (_, outcome), tallied in sorted(groups.items()):
        for segment in date_segments(tallied, options.date_window_days):
            clusters += _clusters(segment, outcome, options, len(clusters) + 1)
    return clusters


def _wall_clock(when: datetime) -> datetime:
    """Publication times of any zone, and none, compared by the clock on the wall."""
    return when.replace(tzinfo=None)


def _published_order(claim: Claim) -> tuple[datetime, str, int]:
    return (_wall_clock(claim.published) if claim.published else datetime.min, *reading_order(claim))


def already_told(finding: Finding, told: Sequence[frozenset[str]]) -> bool:
    """Whether another finding (the claim ids of each, `told`) already holds this finding's disagreement:
    every figure that moved (its outliers; a revision's every claim) beside one more of its claims."""
    ids = {c.id for c in finding.claims}
    if finding.majority is None and set(finding.outliers) == ids and finding.kind == FindingKind.CONFLICT:
        # figures that stand level are all in question: two of them that differ, held, hold the disagreement
        return any(len({c.quantity.value for c in finding.claims if c.id in other}) >= 2 for other in told)
    moved = set(finding.outliers) or ids
    return any(moved <= other and len(ids & other) >= 2 for other in told)


def is_tally(name: str | None) -> bool:
    """Whether a cluster's block, or a finding's `cluster_id`, is that of tallies ('tally:injured#3')."""
    return bool(name and name.startswith(TALLY_BLOCK))


class TallyNote(NamedTuple):
    """What finding an article's tallies again across the archive needs: when it was published, the
    outcomes it tallies, and its names (hashed: compared within one run only)."""

    article_id: str
    published: datetime
    outcomes: frozenset[str]
    names: frozenset[int]


def tally_note(article: Article, outcomes: Iterable[str], names: frozenset[str]) -> TallyNote | None:
    """The note of a dated article that tallies some outcome (`outcomes`, of its `article_tallies`), else
    None."""
    tallied = frozenset(outcomes)
    if article.published is None or not tallied:
        return None
    return TallyNote(article.id, article.published, tallied, frozenset(hash(_spelt(n)) for n in names))


def _spelt(name: str) -> str:
    """A name as compared across outlets: 'All-Star Lanes' and 'All Star Lanes' are one name."""
    return " ".join(_NON_WORD.sub(" ", name.lower()).split())


def far_groups(notes: Sequence[TallyNote], options: CheckOptions) -> list[list[str]]:
    """Groups of articles whose tallies meet though published further apart than the date window (and
    within `CheckOptions.tally_window_days`): articles joined, directly or through others, by sharing
    `MIN_SHARED_NAMES` names that few articles name, and an outcome. A court report restates the toll of
    a shooting months later, naming its street, its victims and its town.

    Names many articles share ('police') say nothing of one incident, and would make the pairs grow with
    the square of the archive: only names held by at most `RARE_NAMES` notes are indexed, so each name
    makes a bounded number of pairs."""
    if not options.tallies or not notes:
        return []
    frequency = Counter(n for note in notes for n in note.names)
    postings: dict[int, list[int]] = defaultdict(list)
    for k, note in enumerate(notes):
        for name in note.names:
            if frequency[name] <= RARE_NAMES:
                postings[name].append(k)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        shared.update(combinations(holders, 2))
    joined = [
        (i, j)
        for (i, j), count in shared.items()
        if count >= MIN_SHARED_NAMES
        and notes[i].outcomes & notes[j].outcomes
        and options.date_window_days
        < days_apart(notes[i].published, notes[j].published)
        <= options.tally_window_days
    ]
    if not joined:
        return []
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows, cols = zip(*joined, strict=True)
    graph = coo_matrix(([1] * len(joined), (rows, cols)), shape=(len(notes), len(notes)))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[str]] = defaultdict(list)
    for k, note in enumerate(notes):
        members[int(component[k])].append(note.article_id)
    return [ids for ids in members.values() if len(ids) >= 2]


def far_tally_clusters(
    ids: Sequence[str],
    claims: Mapping[str, Sequence[Claim]],
    articles: Mapping[str, Article],
    options: CheckOptions,
    first: int,
) -> list[ClaimCluster]:
    """The tally clusters of one group of `far_groups`, numbered from `first`: an outcome the articles
    tally, with the tallies of every article of the group that states it, in runs of the tally window."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    read = tallies_by_article([c for i in ids for c in claims.get(i, ())], [articles[i] for i in ids])
    for article_id in ids:
        for outcome, claim in read.get(article_id, {}).items():
            groups[outcome].append(claim)
    clusters: list[ClaimCluster] = []
    for outcome, tallied in sorted(groups.items()):
        for reach in _within_window(tallied, options.tally_window_days):
            clusters += _clusters(reach, outcome, options, first + len(clusters))
    return clusters


def _within_window(tallied: Sequence[Claim], days: float) -> list[list[Claim]]:
    """The longest runs of `tallied`, in publication order, that each span at most `days` (runs may
    overlap): a group joined through a middle article never sets two tallies further apart than the
    tally window side by side, yet each pair within it meets in some run."""
    ordered = sorted((c for c in tallied if c.published is not None), key=_published_order)
    runs: list[list[Claim]] = []
    start = 0
    for end, claim in enumerate(ordered):
        while days_apart(ordered[start].published, claim.published) > days:  # type: ignore[arg-type]
            start += 1
        if runs and runs[-1][0] is ordered[start]:
            runs[-1] = ordered[start : end + 1]  # the same run, grown
        else:
            runs.append(ordered[start : end + 1])
    return runs


def spans_window(finding_claims: Sequence[Claim], options: CheckOptions) -> bool:
    """Whether some two of the claims were published further apart than the date window: a finding of
    `far_tally_clusters` that does not was made by a tile already."""
    dated = sorted((c.published for c in finding_claims if c.published is not None), key=_wall_clock)
    return len(dated) >= 2 and days_apart(dated[0], dated[-1]) > options.date_window_days
