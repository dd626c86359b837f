"""Numeric claims: each figure of `parse_quantities` placed in its sentence, with what it counts or
measures, the event verb, whether it holds per party ("1,000 each") or is a part of a larger figure
("including 35 over Moscow"), and the masked text that clustering embeds.

Sentences are split with spaCy's rule-based sentencizer; only sentences that hold a figure or an
entity-claim trigger word are parsed (checker.claims.counting reads what a figure counts and how much
of it, checker.claims.frames the rest of its frame, checker.claims.concepts its concept,
checker.claims.entity_claims the entity claims of the same parse). Here they are put together, one
sentence at a time, and `extract_claim_sets` does so for a whole archive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from checker.claims.concepts import concept
from checker.claims.counting import (
    counted_lemma,
    counted_noun,
    distributive,
    graded,
    is_subset,
    measured_thing,
    noun_phrase,
    tally_subject,
)
from checker.claims.entity_claims import entity_claims_in, trigger
from checker.claims.frames import build_frame, event_verb, frame_text, predicate_slot
from checker.claims.nonclaims import claims_kept
from checker.claims.sentence_index import sentence_index
from checker.claims.slots import OtherFigures, normalise_name
from checker.figures.quantities import parse_quantities
from checker.models import Article, Claim, EntityClaim, Qualifier, Quantity, Slot
from checker.options import DEFAULT_SPACY_MODEL
from checker.read.drafts import bug_reason
from checker.read.nlp import LONGEST_PARAGRAPH, LONGEST_SENTENCE, load_parser, pieces, sentencizer
from checker.read.plaintext import DATELINE_PREFIX
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


MASK = "#"
_PARAGRAPH = re.compile(r"[^\n]+")
#: parts of a clause that say something else than the figure's proposition: left out of the context
_ASIDES = {"appos", "advcl", "parataxis", "relcl", "punct"}


@dataclass
class _Sentence:
    article: Article
    start: int
    text: str
    quantities: list[Quantity]


#: a sentence ending in a short number and a full stop, and one starting with digits: a decimal a
#: tokenized source spaced out ('a 6. 1 magnitude quake'), split by the sentencizer at its point
_DECIMAL_HEAD = re.compile(r"(?<![\d.,])\d{1,2}\.$")
_DECIMAL_TAIL = re.compile(r"\d+\b")


def _sentence_spans(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) character spans of the sentences of `doc` (made from `text`), a split decimal mended.

    `text` is passed in because `doc.text` joins every token again on each call."""
    spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
    k = 0
    while k < len(spans):
        start, end = spans[k]
        while k + 1 < len(spans) and _DECIMAL_HEAD.search(text[start:end].rstrip()):
            if not _DECIMAL_TAIL.match(text[spans[k + 1][0] : spans[k + 1][1]].lstrip()):
                break
            k += 1
            end = spans[k][1]
        yield start, end
        k += 1


def sentences(article: Article) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for every sentence of every paragraph: a sentence never crosses a paragraph."""
    paragraphs = [
        (m.start() + offset, piece)
        for m in _PARAGRAPH.finditer(article.text)
        for offset, piece in pieces(m.group(), LONGEST_PARAGRAPH)
    ]
    docs = sentencizer().pipe(text for _, text in paragraphs)
    for (offset, paragraph), doc in zip(paragraphs, docs, strict=True):
        for k, (sent_start, sent_end) in enumerate(_sentence_spans(doc, paragraph)):
            raw = paragraph[sent_start:sent_end]
            text = raw.strip()
            start = offset + sent_start + (len(raw) - len(raw.lstrip()))
            if k == 0 and (dateline := DATELINE_PREFIX.match(text)):
                # "ISTANBUL (Wire) — The talks broke up...": the dateline is not the subject
                start, text = start + dateline.end(), text[dateline.end() :]
            for into, piece in pieces(text, LONGEST_SENTENCE):
                if piece.strip():
                    yield start + into, piece.rstrip()


def _context(doc: Doc, span: Span, verb: Token | None, mask: str) -> str:
    """The sentence (or, when long, the clause of the figure's verb) with the figure masked."""
    index = sentence_index(doc)
    texts = index.cached("claims.texts", lambda: [t.text for t in doc])
    if verb is None:
        return " ".join([*texts[: span.start], mask, *texts[span.end :]])
    deps = index.cached("claims.deps", lambda: [t.dep_ for t in doc])
    positions = index.subtree(verb.i)
    if verb.dep_ == "xcomp":  # the subjects of the verb it completes
        head = verb.head.i
        subjects = [c for c in index.children[head] if deps[c] in {"nsubj", "nsubjpass"}]
        positions = [x for s in subjects for x in index.subtree(s)] + positions
    asides: set[int] = set()
    for child in [*index.children[verb.i], *index.children[span.root.head.i]]:
        holds_figure = index.left_edges[child] <= span.start <= index.right_edges[child]
        if deps[child] in _ASIDES and not holds_figure:
            asides.update(index.subtree(child))
    parts: list[str] = []
    for i in sorted(x for x in positions if x not in asides):
        if span.start <= i < span.end:
            if i == span.start:
                parts.append(mask)
            continue
        parts.append(texts[i])
    return " ".join(parts)


def _without_hedge(q: Quantity, span: Span, doc: Doc) -> Quantity:
    first = span[len(q.hedge.split())] if q.hedge and len(q.hedge.split()) < len(span) else span[0]
    start = first.idx - span[0].idx + q.start
    return q.model_copy(
        update={
            "start": start,
            "surface": q.surface[start - q.start :],
            "hedge": None,
            "near": False,
            "qualifier": Qualifier.EXACT,
            "low": q.value,
            "high": q.value,
            "low_inclusive": True,
            "high_inclusive": True,
        }
    )


def _mask_for(q: Quantity) -> str:
    return MASK if q.dimension == "count" else f"{MASK} {q.unit}"


def _claims_in(sentence: _Sentence, doc: Doc) -> list[Claim]:
    article = sentence.article
    claims: list[Claim] = []
    previous_noun: tuple[str, str] | None = None
    spans = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in sentence.quantities]
    figures = frozenset(t.i for span in spans for t in span or ())  # every figure's tokens, for concepts
    for q, span in zip(sentence.quantities, spans, strict=True):
        if span is None or len(span) == 0:
            continue
        if (
            q.hedge == "over"
            and span[0].i > 0
            and doc[span[0].i - 1].lemma_.lower() in load_table("context.json")["particle_verbs"]
        ):
            # "hand over 1,000 prisoners": a particle, not "more than"
            q = _without_hedge(q, span, doc)
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
        noun = counted_noun(span)
        subset = is_subset(span)
        counted = noun_phrase(noun, span) if noun is not None else None
        lemma = counted_lemma(noun) if noun is not None else None
        if noun is None and q.dimension != "count":
            thing = measured_thing(span, event_verb(span.root))
            if thing is not None:
                counted, lemma = noun_phrase(thing, span), thing.lemma_.lower()
        if noun is None and q.dimension == "count" and previous_noun is not None:
            counted, lemma = previous_noun  # "105 drones, including 35 over Moscow": 35 drones
        if q.dimension == "count" and counted is not None and lemma is not None:
            previous_noun = (counted, lemma)
        verb = event_verb(noun if noun is not None else span.root)
        predicate = predicate_slot(verb, noun)
        # "a 984-foot ship", "its crew of 22": the figure describes its noun, whatever the verb says
        modifier = noun is not None and (
            (q.dimension != "count" and noun.i >= span.end)
            or (noun.i < span.start and span.root.dep_ == "pobj" and tally_subject(span) is None)
        )
        frame = build_frame(
            doc,
            span,
            Slot(text=counted, norm=lemma) if counted and lemma else None,
            verb,
            predicate,
            article.published,
            concept(
                span,
                noun,
                verb,
                measure=q.dimension != "count",
                others=OtherFigures(figures, span.start, span.end),
            ),
        )
        offset = sentence.start
        quantity = q.model_copy(
            update={
                "start": q.start + offset,
                "end": q.end + offset,
                "unit": q.unit if q.dimension != "count" else lemma,
            }
        )
        claims.append(
            Claim(
                id=f"{article.id}@{quantity.start}",
                article_id=article.id,
                source=article.source,
                url=article.url,
                published=article.published,
                sentence=sentence.text,
                sentence_start=offset,
                start=quantity.start,
                end=quantity.end,
                text=q.surface,
                quantity=quantity,
                counted=counted,
                counted_lemma=lemma,
                predicate=predicate.norm if predicate else None,
                distributive=distributive(doc, span, noun, verb),
                part_of_larger=subset or graded(verb),
                context=frame_text(frame, _mask_for(q), count=q.dimension == "count", modifies_noun=modifier)
                or _context(doc, span, verb, _mask_for(q)),
                frame=frame,
            )
        )
    return claims


#: named-entity labels that say what story an article tells (who, where, which body or event)
STORY_LABELS = frozenset({"PERSON", "GPE", "ORG", "FAC", "LOC", "EVENT", "NORP"})


class ClaimSets(NamedTuple):
    """What extraction yields per article, in article order. An article whose extraction failed has
    empty lists and its reason in `failed`, so one bad article never stops an archive."""

    numeric: list[list[Claim]]
    entities: list[list[EntityClaim]]
    names: list[frozenset[str]]  # the named entities of its parsed sentences, normalised
    failed: dict[str, str]  # article id -> why its claims could not be read


def _parsed(parser: Language, texts: list[str], batch_size: int) -> Iterator[Doc | Exception]:
    """Each text parsed, or the error that parsing it raised: a text spaCy cannot take costs only
    itself, the batch around it is parsed again one text at a time."""
    for begin in range(0, len(texts), batch_size):
        batch = texts[begin : begin + batch_size]
        try:
            yield from list(parser.pipe(batch, batch_size=batch_size))
        except Exception:  # find the text that failed, keep the others
            for text in batch:
                try:
                    yield parser(text)
                except Exception as err:
                    yield err


def _once_each(parser: Language, texts: list[str], batch_size: int) -> Iterator[Doc | Exception]:
    """`_parsed` for each of `texts`, parsing a text that repeats only once: wire copy repeats whole
    sentences, and a sentence's parse depends on its text alone. A parse is held only until the last
    repeat of its text has taken it."""
    left = Counter(texts)
    parses = _parsed(parser, list(left), batch_size)  # in order of first appearance, as asked for below
    held: dict[str, Doc | Exception] = {}
    for text in texts:
        doc = held[text] if text in held else next(parses)
        left[text] -= 1
        if left[text]:
            held[text] = doc
        else:
            held.pop(text, None)
        yield doc


def extract_claim_sets(
    articles: Sequence[Article],
    *,
    spacy_model: str = DEFAULT_SPACY_MODEL,
    batch_size: int = 64,
    disabled_rules: frozenset[str] = frozenset(),
) -> ClaimSets:
    """The numeric claims, entity claims and story names of each article, claims in text
    order. Figures that claim nothing (`checker.claims.nonclaims`: addresses, clock times, gallery counters,
    phone numbers) are left out and calibres read as calibres, unless their rule is in `disabled_rules`.

    Only sentences that hold a figure or an entity-claim trigger word are parsed.
    """
    found: list[_Sentence] = []
    triggers = trigger()
    failed: dict[str, str] = {}
    for article in articles:
        own: list[_Sentence] = []
        try:
            for start, text in sentences(article):
                quantities = parse_quantities(text)
                if quantities or triggers.search(text):
                    own.append(_Sentence(article, start, text, quantities))
        except Exception as err:  # one article's failure must not stop the archive
            failed[article.id] = bug_reason("reading its sentences and figures failed", err)
            continue
        found.extend(own)
    numeric: dict[str, list[Claim]] = {a.id: [] for a in articles}
    entities: dict[str, list[EntityClaim]] = {a.id: [] for a in articles}
    names: dict[str, set[str]] = {a.id: set() for a in articles}
    if found:
        parser = load_parser(spacy_model)
        for sentence, doc in zip(found, _once_each(parser, [s.text for s in found], batch_size), strict=True):
            key = sentence.article.id
            if key in failed:
                continue
            try:
                if isinstance(doc, Exception):
                    raise doc
                if sentence.quantities:
                    claims = _claims_in(sentence, doc)
                    numeric[key].extend(claims_kept(claims, disabled_rules))
                entities[key].extend(entity_claims_in(sentence.article, sentence.start, sentence.text, doc))
                names[key] |= {normalise_name(e.text) for e in doc.ents if e.label_ in STORY_LABELS}
            except Exception as err:
                where = f"reading the claims of the sentence at character {sentence.start} failed"
                failed[key] = bug_reason(where, err)
    for key in failed:
        numeric[key], entities[key], names[key] = [], [], set()
    return ClaimSets(
        [numeric[a.id] for a in articles],
        [entities[a.id] for a in articles],
        [frozenset(names[a.id]) for a in articles],
        failed,
    )


def extract_claims(
    articles: Sequence[Article], *, spacy_model: str = DEFAULT_SPACY_MODEL, batch_size: int = 64
) -> list[list[Claim]]:
    """The numeric claims of each article, in text order; one list per article."""
    return extract_claim_sets(articles, spacy_model=spacy_model, batch_size=batch_size).numeric
