"""Event templates of business and sport: company results and a sports transfer.

Each event type draws its figures and its people and places, and holds the titles, leads, fact
sentences, colour and quotes its articles are written from (see `base.EventType`).
"""

from __future__ import annotations

from random import Random

from ..facts import C, Fact
from ..names import CLUBS, COMPANIES, person
from .base import EventType, place_context


def _results_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "revenue": Fact("money", r.randint(12, 480) * 1e8, unit=cur),
        "profit": Fact("money", r.randint(40, 2500) * 1e6, unit=cur),
        "change": Fact("percent", r.randint(20, 450) / 10),
        "jobs": C(r.randint(3, 120) * 100, "job"),
        "shares": Fact("percent", r.randint(15, 140) / 10),
        "stores": C(r.randint(12, 180), "store"),
        "customers": C(r.randint(15, 400) * 100000, "customer"),
    }


def _results_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["company"] = r.choice(COMPANIES)
    ctx["direction"] = r.choice(("rose", "fell"))
    ctx["official_role"] = r.choice(("the chief executive", "the chief financial officer"))
    ctx["analyst"] = person(r)
    ctx["analyst_role"] = f"an equity analyst in {ctx['place']}"
    return ctx


RESULTS = EventType(
    "company_results",
    _results_facts,
    _results_context,
    titles=(
        "{company} profit {direction} {change} to {profit}",
        "{company} to cut {jobs} after annual results",
        "{company} shares move {shares} on results day",
        "{company} reports revenue of {revenue}",
        "{company} results: five things to know",
    ),
    leads=(
        "{company} said on {weekday} that annual profit {direction} {change} to {profit}, as "
        "revenue reached {revenue}.",
        "{company} will cut {jobs} and close {stores}, the company said on {weekday} as it "
        "reported annual results.",
        "Shares in {company} moved {shares} on {weekday} after the group reported a profit of "
        "{profit} for the year.",
    ),
    sentences=(
        "Revenue for the year came to {revenue}, broadly in line with analysts' forecasts.",
        "Net profit {direction} {change} to {profit}, the company said in a statement to the stock exchange.",
        "The group plans to cut {jobs} over the next two years as part of a cost-saving programme.",
        "It will also close {stores}, mainly in smaller towns, and move more sales online.",
        "The shares closed {shares} [higher|lower] in {place}, [making|leaving] them among the "
        "most traded stocks of the day.",
        "The company now serves {customers}, up from the previous year.",
    ),
    colour=(
        "Analysts said the results showed the company was coping better than rivals with higher costs.",
        "Unions criticised the job cuts and said they would seek urgent talks with management.",
        "The company said it expected trading conditions to remain difficult in the coming year.",
        "Investors have been waiting for a clearer strategy from the new management team.",
    ),
    quotes=(
        (
            "official",
            "These are difficult decisions, but they are necessary to secure the long-term "
            "future of the business",
        ),
        ("official", "We delivered a solid performance in a challenging market"),
        ("analyst", "The numbers were better than feared, but the outlook remains cautious"),
    ),
    incident=False,
    setting=("company",),
)


def _transfer_facts(r: Random) -> dict[str, Fact]:
    return {
        "fee": Fact("money", r.randint(8, 140) * 1e6, unit="€"),
        "contract": Fact("duration", r.randint(2, 6), unit="year"),
        "wage": Fact("money", r.randint(40, 350) * 1000, unit="€"),
        "age": Fact("number", r.randint(19, 31)),
        "goals": C(r.randint(4, 38), "goal"),
        "apps": C(r.randint(20, 180), "appearance"),
        "clause": Fact("money", r.randint(15, 50) * 1e7, unit="€"),
    }


def _transfer_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    src, dst = r.sample(CLUBS, 2)
    ctx.update(
        player=person(r),
        seller=src,
        buyer=dst,
        chairman=person(r),
        player_role=f"who joins from {src}",
        chairman_role=f"the {src} chairman",
        official_role=r.choice(("the club's sporting director", "the head coach")),
    )
    return ctx


TRANSFER = EventType(
    "transfer",
    _transfer_facts,
    _transfer_context,
    titles=(
        "{buyer} sign {player} from {seller} for {fee}",
        "{player} completes {fee} move to {buyer}",
        "{buyer} agree record deal for {player}",
        "{player} joins {buyer} in {fee} deal",
        "Transfer news: {player} leaves {seller}",
    ),
    leads=(
        "{buyer} have signed {player} from {seller} for a fee of {fee}, the club announced on {weekday}.",
        "{player} has completed a move to {buyer} worth {fee}, signing a contract running for "
        "{contract} after passing a medical on {weekday}.",
        "{seller} have agreed to sell {player} to {buyer} for {fee}, ending a long saga that "
        "dominated the transfer window.",
    ),
    sentences=(
        "The {age}-year-old has signed a contract of {contract}, with the option of a further year.",
        "He will earn a reported {wage} a week, making him one of the best-paid players at the club.",
        "He scored {goals} in all competitions last season.",
        "{player} made {apps} for {seller} after coming through the club's academy.",
        "His new contract includes a release clause of {clause}, according to people familiar with the deal.",
        "The fee of {fee} could rise with add-ons linked to appearances and trophies.",
    ),
    colour=(
        "Fans gathered outside the training ground to catch a glimpse of the new signing.",
        "The deal ends months of speculation about the player's future.",
        "The club is expected to use part of the money to strengthen its defence.",
        "The player thanked supporters in a farewell message on social media.",
    ),
    quotes=(
        (
            "official",
            "He is exactly the kind of player we have been looking for, and we are delighted to "
            "bring him here",
        ),
        ("player", "This is a dream for me, I have supported this club since I was a boy"),
        ("chairman", "We did not want to sell, but the offer was too good to turn down"),
    ),
    incident=False,
)
