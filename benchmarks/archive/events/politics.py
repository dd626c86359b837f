"""Event templates of public life: strike, election and budget vote.

Each event type draws its figures and its people and places, and holds the titles, leads, fact
sentences, colour and quotes its articles are written from (see `base.EventType`).
"""

from __future__ import annotations

from random import Random

from ..facts import C, Fact
from ..names import PARTIES, SECTORS, UNIONS, person
from .base import EventType, place_context


def _strike_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    offer = r.randint(20, 60) / 10
    return {
        "workers": C(r.randint(8, 95) * 1000, "worker"),
        "days": Fact("duration", r.randint(2, 10), unit="day"),
        "offer": Fact("percent", offer),
        "demand": Fact("percent", round(offer + r.randint(20, 80) / 10, 1)),
        "cost": Fact("money", r.randint(15, 250) * 1e6, unit=cur),
        "services": C(r.randint(150, 3000), "service"),
        "ballot": Fact("percent", r.randint(700, 970) / 10),
        "sites": C(r.randint(12, 140), "site"),
    }


def _strike_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["sector"] = r.choice(SECTORS)
    ctx["union"] = UNIONS[ctx["sector"]]
    ctx["employer"] = person(r)
    ctx["employer_role"] = "a spokesperson for the employers"
    ctx["witness_role"] = f"a commuter in {ctx['place']}"
    ctx["official_role"] = r.choice(
        (
            "the union's general secretary",
            "a union spokesperson",
            "the lead negotiator for the union",
        )
    )
    return ctx


STRIKE = EventType(
    "strike",
    _strike_facts,
    _strike_context,
    titles=(
        "{workers} walk out in {sector} strike across {country}",
        "{sector} strike enters second day as talks stall",
        "Union rejects {offer} pay offer, strike goes ahead",
        "Strike by {union} to last {days}",
        "Commuters face disruption as {sector} workers strike over pay",
    ),
    leads=(
        "{workers} [walked out|went on strike] across {country} on {weekday} after {union} "
        "rejected a pay offer of {offer}, [bringing|causing] widespread disruption to {sector} "
        "services.",
        "A {sector} strike involving {workers} began on {weekday} and is set to last {days}, "
        "{union} said, after talks with employers broke down.",
        "{union} launched a strike of {days} on {weekday}, with {workers} taking part in a dispute "
        "over pay and working hours.",
    ),
    sentences=(
        "The union is demanding a rise of {demand}, arguing that wages have fallen behind "
        "inflation over the past three years.",
        "Employers have offered {offer}, which they describe as fair and affordable given the "
        "state of public finances.",
        "Members backed the action by {ballot} in a ballot last month, on a turnout the union "
        "called a clear mandate.",
        "Business groups estimate that each day of the stoppage costs the economy {cost}.",
        "Operators said {services} had been cancelled on the first day alone, with only a "
        "skeleton timetable running in {place}.",
        "Picket lines were set up at {sites} across the country, according to the union.",
        "The walkout, planned to last {days}, is the longest in the sector for more than a decade.",
        "Government ministers urged the strikers, {workers:n} of them according to the union, "
        "to return to the negotiating table.",
    ),
    colour=(
        "Commuters in {place} queued for buses and taxis as stations stood largely empty during "
        "the morning rush hour.",
        "Strikers carrying flags and banners gathered outside the ministry, chanting and sounding horns.",
        "Employers accused the union of holding the public to ransom, a charge the union rejected.",
        "Talks are expected to resume later in the week, although neither side has signalled a "
        "willingness to compromise.",
    ),
    quotes=(
        (
            "official",
            "Nobody wants to strike, but our members have been left with no choice after years of "
            "real-terms pay cuts",
        ),
        (
            "employer",
            "The offer on the table is generous, and we urge the union to put it to its members",
        ),
        (
            "witness",
            "I support the workers, even if it means I have to walk to the office this week",
        ),
    ),
    incident=False,
)


def _election_facts(r: Random) -> dict[str, Fact]:
    share = r.randint(310, 520) / 10
    seats = r.choice((150, 200, 240, 300, 350))
    won = r.randint(int(seats * 0.35), int(seats * 0.56))
    return {
        "turnout": Fact("percent", r.randint(480, 790) / 10),
        "share": Fact("percent", share),
        "rival": Fact("percent", round(share - r.randint(20, 110) / 10, 1)),
        "seats": C(won, "seat"),
        "chamber": Fact("number", seats),
        "votes": C(r.randint(600, 6000) * 1000 + r.randint(0, 999), "vote"),
        "stations": C(r.randint(30, 180) * 100, "polling station"),
        "candidates": C(r.randint(4, 14), "candidate"),
    }


def _election_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    winner, loser = r.sample(PARTIES, 2)
    ctx.update(
        winner=winner,
        loser=loser,
        leader=person(r),
        rival=person(r),
        leader_role=f"the leader of {winner}",
        rival_role=f"the leader of {loser}",
        official_role=r.choice(("the electoral commission chair", "the head of the election board")),
    )
    return ctx


ELECTION = EventType(
    "election",
    _election_facts,
    _election_context,
    titles=(
        "{winner} wins {country} election with {share} of the vote",
        "{country} election: {leader} claims victory as turnout hits {turnout}",
        "{winner} takes {seats} in {country} parliament",
        "Voters in {country} hand {winner} a narrow win",
        "Election results: what we know so far in {country}",
    ),
    leads=(
        "{winner} [won|came first in] {country}'s general election with {share} of the vote, "
        "according to preliminary results released on {weekday}.",
        "{leader} claimed victory in {country} on {weekday} after {winner} secured {seats} in the "
        "{chamber}-seat parliament.",
        "Turnout in {country}'s parliamentary election reached {turnout}, the electoral "
        "commission said on {weekday}, as {winner} moved into a commanding lead.",
    ),
    sentences=(
        "{loser} finished second with {rival}, its worst result in two decades.",
        "{winner} won {seats} in the {chamber:n}-seat chamber, leaving it short of an outright "
        "majority and facing coalition talks.",
        "Turnout was {turnout}, [higher|lower] than at the last election, according to the "
        "electoral commission.",
        "In total, {votes:n} ballots were cast at {stations} nationwide.",
        "The party took {share} of the national vote, a result analysts described as a clear "
        "mandate for change.",
        "{candidates} contested the race for the presidency, which was held on the same day.",
        "Counting continued through the night in {place}, where observers reported no major irregularities.",
    ),
    colour=(
        "Supporters gathered outside the party headquarters in {place}, waving flags and "
        "setting off fireworks as the results came in.",
        "International observers said the vote had been orderly, although they noted some "
        "delays at polling stations in rural areas.",
        "Coalition negotiations are expected to begin next week and could last several months.",
        "The campaign was dominated by the cost of living, housing and migration.",
    ),
    quotes=(
        (
            "leader",
            "Tonight the people have spoken, and they have chosen a new direction for our country",
        ),
        (
            "rival",
            "We accept the result, but we will hold the new government to account on every promise",
        ),
        (
            "official",
            "The count was conducted transparently and the final results will be certified within the week",
        ),
    ),
    incident=False,
    setting=("country",),
)


def _budget_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    seats = r.choice((200, 300, 400, 450))
    yes = r.randint(int(seats * 0.5) + 1, int(seats * 0.65))
    return {
        "total": Fact("money", r.randint(80, 900) * 1e9, unit=cur),
        "yes": Fact("number", yes),
        "no": Fact("number", seats - yes - r.randint(2, 20)),
        "deficit": Fact("percent", r.randint(15, 65) / 10),
        "defence": Fact("percent", r.randint(30, 180) / 10),
        "health": Fact("money", r.randint(8, 90) * 1e9, unit=cur),
        "debate": Fact("duration", r.randint(9, 40), unit="hour"),
        "taxcut": Fact("money", r.randint(5, 60) * 1e8, unit=cur),
    }


def _budget_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["minister"] = ctx["official"]
    ctx["official_role"] = "the finance minister"
    ctx["rival"] = person(r)
    ctx["rival_role"] = "an opposition spokesperson"
    return ctx


BUDGET = EventType(
    "budget_vote",
    _budget_facts,
    _budget_context,
    titles=(
        "{country} parliament passes {total} budget",
        "Budget approved by {yes} votes to {no}",
        "{country} budget: defence spending up {defence}",
        "Lawmakers back budget after {debate} of debate",
        "What the new budget means for you",
    ),
    leads=(
        "{country}'s parliament approved a {total} budget on {weekday} by {yes} votes to {no}, "
        "after a marathon session.",
        "Lawmakers in {country} passed next year's budget of {total} on {weekday}, including a "
        "{defence:x} rise in defence spending.",
        "The budget of {total} cleared parliament on {weekday} after {debate} of debate, "
        "handing a victory to finance minister {minister}.",
    ),
    sentences=(
        "The bill passed by {yes} votes to {no}, with several members of the governing coalition abstaining.",
        "The government expects a deficit of {deficit} of economic output next year.",
        "Defence spending will rise by {defence}, the largest increase in a decade.",
        "The health service will receive {health}, an increase ministers called historic.",
        "The budget also includes tax cuts worth {taxcut} for low and middle earners.",
        "The final vote came after {debate} of debate, one of the longest sessions on record.",
    ),
    colour=(
        "Opposition parties said the budget relied on optimistic growth forecasts.",
        "Economists warned that the spending plans would add to public debt.",
        "Protesters gathered outside parliament during the debate, calling for more money for schools.",
        "The budget now goes to the upper house, which is expected to approve it.",
    ),
    quotes=(
        (
            "official",
            "This is a responsible budget that protects families while investing in our security",
        ),
        ("rival", "The government is spending money it does not have"),
        ("official", "We listened to people's concerns and we have delivered"),
    ),
    incident=False,
    setting=("country",),
)
