"""Composing one article: an outlet's draft of an event, from the event type's templates filled with
the event's figures in the outlet's style.

A template holds `{slot}` (a figure, or a word of the event's context; `{slot:n}` the bare figure,
`{slot:x}` the figure unhedged) and `[a|b]` alternatives. An article takes a lead, fact sentences,
colour, quotes and fillers until it has 8-20 sentences and 250-600 words; an article that
misreports a figure (`deviate_fact`) always prints it, so that every planted error can be caught.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from random import Random
from typing import Any

from .events.base import EventType
from .events.fillers import EXTENDERS, INCIDENT_FILLERS, INCIDENT_QUOTES, NEUTRAL_FILLERS, NEUTRAL_QUOTES
from .facts import Fact, deviate, render_fact
from .wording import Style, number_word

MIN_SENTENCES, MAX_SENTENCES = 8, 20
MIN_WORDS, MAX_WORDS = 250, 600

_ALT = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_LEADING_NUMBER = re.compile(r"(\d{1,2}) (?=[a-z])")
_SLOT = re.compile(r"\{(\w+)(?::(\w))?\}")


def slots_of(template: str) -> set[str]:
    return {m.group(1) for m in _SLOT.finditer(template)}


def extend(template: str, rng: Random, unused: list[str], probability: float = 0.6) -> str:
    """Sometimes add an attribution clause, so that outlets word the same fact differently.

    ``unused`` holds the clauses not yet used in this article; the one used is removed.
    """
    if (
        not unused
        or rng.random() >= probability
        or not template.endswith(".")
        or " said" in template
        or "according to" in template
    ):
        return template
    clause = unused.pop(rng.randrange(len(unused)))
    return template[:-1] + clause + "."


def fill(template: str, ctx: dict[str, str], facts: dict[str, Fact], style: Style, rng: Random) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)

    def slot(m: re.Match[str]) -> str:
        name, mode = m.group(1), m.group(2) or ""
        if name in facts:
            return render_fact(facts[name], mode, style, rng)
        return ctx[name]

    text = _SLOT.sub(slot, text)
    lead = _LEADING_NUMBER.match(text)
    if lead:  # house style: never start a sentence with a small figure in digits
        text = number_word(int(lead.group(1))) + text[lead.end(1) :]
    return text[0].upper() + text[1:]


def title_case(text: str) -> str:
    return text[0].upper() + text[1:]


@dataclass
class Outlet:
    name: str
    domain: str
    style: Style


@dataclass
class Event:
    index: int
    kind: EventType
    facts: dict[str, Fact]
    ctx: dict[str, str]
    start: datetime
    articles: int


@dataclass
class Draft:
    event: Event
    outlet: Outlet
    published: datetime
    title: str
    paragraphs: list[str]
    deviation: dict[str, Any] | None = None
    mentioned: list[str] = field(default_factory=list)


def word_count(sentences: Sequence[str]) -> int:
    return sum(len(s.split()) for s in sentences)


def quote_sentence(quote: str, speaker: str, role: str, first: bool, style: Style, rng: Random) -> str:
    """Attribute a quote: full name and role on first mention, surname after."""
    who = f"{speaker}, {role}" if first else speaker.split()[-1]
    if style.said == "said" and rng.random() < 0.6:
        return f'"{quote}," said {who}.'
    return f'"{quote}," {who}{"," if first else ""} {style.said}.'


def write_article(
    event: Event, outlet: Outlet, published: datetime, rng: Random, deviate_fact: str | None
) -> Draft:
    kind, style = event.kind, outlet.style
    facts = dict(event.facts)
    deviation = None
    if deviate_fact is not None:
        wrong = deviate(facts[deviate_fact], rng)
        deviation = {
            "fact": deviate_fact,
            "true": facts[deviate_fact].shown(),
            "reported": wrong.shown(),
        }
        facts[deviate_fact] = wrong
    ctx = dict(event.ctx, source=outlet.name)

    for _attempt in range(20):
        lead_t = rng.choice(kind.leads)
        body_t = list(kind.sentences)
        rng.shuffle(body_t)
        if deviate_fact is not None and deviate_fact not in slots_of(lead_t):
            # Make sure the wrong figure is actually printed.
            carrying = [t for t in body_t if deviate_fact in slots_of(t)]
            if carrying:
                body_t.remove(carrying[0])
                body_t.insert(rng.randrange(min(3, len(body_t) + 1)), carrying[0])
        n_facts = rng.randint(max(3, len(body_t) - 3), len(body_t))
        chosen = body_t[:n_facts]
        colour = list(kind.colour)
        rng.shuffle(colour)
        quotes = [f"{who}|{q}" for who, q in kind.quotes]
        rng.shuffle(quotes)
        generic = list(INCIDENT_FILLERS if kind.incident else NEUTRAL_FILLERS)
        rng.shuffle(generic)
        extra_quotes = [f"official|{q}" for q in (INCIDENT_QUOTES if kind.incident else NEUTRAL_QUOTES)]
        rng.shuffle(extra_quotes)

        target = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
        target_words = rng.randint(MIN_WORDS, MAX_WORDS)
        templates: list[tuple[str, str]] = [("t", lead_t)]
        templates += [("t", t) for t in chosen[:2]]
        middle: list[tuple[str, str]] = [("t", t) for t in chosen[2:]]
        middle += [("t", t) for t in colour[: rng.randint(1, len(colour))]]
        middle += [("q", q) for q in quotes[: rng.randint(1, 2)]]
        rng.shuffle(middle)
        templates += middle
        tail = [("t", g) for g in generic] + [("q", q) for q in extra_quotes[:1]]
        rng.shuffle(tail)

        sentences: list[str] = []
        used: list[str] = []
        introduced: set[str] = set()
        clauses = list(EXTENDERS)
        pool = templates + tail
        for tag, template in pool:
            words = word_count(sentences)
            if len(sentences) >= target and words >= target_words:
                break
            if len(sentences) >= MAX_SENTENCES:
                break
            if tag == "q":
                who, text = template.split("|", 1)
                quote = fill(text, ctx, facts, style, rng)
                sentence = quote_sentence(
                    quote, ctx[who], ctx[f"{who}_role"], who not in introduced, style, rng
                )
            elif template in kind.sentences:
                sentence = fill(extend(template, rng, clauses), ctx, facts, style, rng)
            else:
                sentence = fill(template, ctx, facts, style, rng)
            if words + len(sentence.split()) > MAX_WORDS:
                continue
            sentences.append(sentence)
            if tag == "q":
                introduced.add(template.split("|", 1)[0])
            else:
                used.extend(sorted(slots_of(template) & facts.keys()))
        words = word_count(sentences)
        if not (MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES and MIN_WORDS <= words <= MAX_WORDS):
            continue
        if deviate_fact is not None and deviate_fact not in used:
            continue
        paragraphs = [sentences[0]]
        i = 1
        while i < len(sentences):
            take = rng.choice((1, 2, 2, 3))
            paragraphs.append(" ".join(sentences[i : i + take]))
            i += take
        title = title_case(fill(rng.choice(kind.titles), ctx, facts, style, rng))
        mentioned = sorted(set(used))
        return Draft(event, outlet, published, title, paragraphs, deviation, mentioned)
    raise RuntimeError(f"could not compose an article for event {event.index}")


def deviation_choice(event: Event, rng: Random) -> str:
    names = sorted(event.facts)
    return rng.choice(names)
