"""The concept of a figure: what it is about, in NewsQuant's sense (`referred_concepts`).

Read off the spaCy parse from three anchors the claim layer already found: the figure's span, the noun
it counts and the verb that governs it. A concept is one or more noun phrases, most specific first:
the thing the figure belongs to ("a fine of $10m" -> fine, "10% of its workforce" -> workforce, "a
40-yard touchdown" -> touchdown) and the subject of the clause that states it ("Dell plans to lay off
6,650 employees" -> Dell). A counted noun is the figure's unit, not its concept ("Wood scored 22 goals"
-> Wood). Phrases keep their words as written, less stop words: "loan-to-value mortgages" stays whole
(`checker.claims.slots` reads the words).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from checker.claims.sentence_index import sentence_index
from checker.claims.slots import FIGURE_LABELS, OtherFigures, Skip, content_words, noun_words
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = {"nsubj", "nsubjpass"}
_NOUNS = {"NOUN", "PROPN"}
_VERBS = {"VERB", "AUX"}


def _table() -> dict[str, Any]:
    return load_table("frames.json")


def _words_table() -> dict[str, Any]:
    return load_table("concepts.json")


def _antecedent(tok: Token) -> Token:
    """'Lampard, who won four finals': a relative pronoun stands for the noun it follows."""
    if tok.tag_ in {"WP", "WDT"} and (tok.head.dep_ == "relcl" or tok.head.head.pos_ in _NOUNS):
        return tok.head.head
    return tok


def _own(figure: Span, noun: Token | None, measure: bool, skip: Skip) -> list[str]:
    """The thing the figure belongs to: the noun it measures, the noun its preposition hangs from, or
    the noun after its unit ('a 40 yard line', 'a fine of $10m', 'levels at 1,200 ppm', '5% of its staff').
    A reading that leaves no words ('a total of $5m') gives way to the next."""
    doc, table = figure.doc, _words_table()
    root = _prepositional_object(figure)
    if not measure and noun is not None and noun.i >= figure.end and _of(noun):
        root = noun  # "the production of 8 million bottles": the counted noun stands where the figure would
    measured = noun if measure and noun is not None and noun.i >= figure.end else None
    material = measured is not None and _of(measured) and figure.start <= measured.head.head.i < figure.end
    if measured is not None and not material:
        while measured.dep_ == "compound" and measured.head.i > measured.i and measured.head.pos_ in _NOUNS:
            measured = measured.head  # "an $800 stone pizza oven": the oven
        if words := noun_words(measured, skip):
            if _of(measured) and measured.head.head.lower_ not in table["sorting_nouns"]:
                # "the strength of the sub-500 sq m office market": whose strength, as in "X of Y"; not
                # "a pair of $300 shoes", where the pair only counts them
                words = _owner_words(measured, min(measured.head.i, figure.start), skip) + words
            return words
    start = min(figure.start, root.left_edge.i)  # "the offer of C $6": C is the figure's
    if _of(root) and (words := _owner_words(root, start, skip)):
        return words
    prep = root.head if root.dep_ == "pobj" and root.head.i > 0 else None
    leading = prep is not None and prep.lower_ in table["leading_prepositions"]
    target = leading and prep is not None and prep.lower_ in table["target_prepositions"]
    if material and measured is not None and not target and (words := noun_words(measured, skip)):
        return words  # "5% of its workforce", "supplied the rebels with 500 tons of ammunition"
    if leading and prep is not None:
        before = doc[prep.i - 1]
        if prep.head.pos_ in _NOUNS and prep.head.i < before.i:
            before = prep.head  # "an improvement in its margins to 64%": the improvement's words
        if (
            before.pos_ in _NOUNS
            and before.i not in skip
            and (words := content_words((t for t in before.subtree if t.i < prep.i), skip))
        ):
            return words  # "carbon levels at 1,200 ppm", "boost its output to 1.2m tons of ilmenite"
    if material and target and measured is not None and (words := noun_words(measured, skip)):
        return words  # no noun before the 'to': the material after all
    after = _past_aside(doc, (noun.i if noun is not None and noun.i >= figure.end else figure.end - 1) + 1)
    if after < len(doc) and doc[after].lower_ in table["following_prepositions"]:
        objects = [c for c in doc[after].children if c.dep_ == "pobj" and c.i not in skip]
        if objects and (words := noun_words(objects[0], skip, clauses=False)):
            return words
    return _holder(figure, skip)


def _of(tok: Token) -> bool:
    """The object of an 'of' ('a fine of $10m', '5% of its staff', 'the strength of the market')."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of"


def _owner_words(pobj: Token, end: int, skip: Skip) -> list[str]:
    """'a fine of $10m', 'the strength of the office market': the noun the 'of' hangs from, up to end."""
    owner = pobj.head.head
    if owner.pos_ not in _NOUNS or owner.i in skip:
        return []
    return content_words((t for t in owner.subtree if t.i < end), skip)


def _prepositional_object(figure: Span) -> Token:
    """The figure's token that a preposition governs ('to minus-260 degrees Fahrenheit': degrees), else
    its root: the parse may hang a unit's last word off the verb."""
    if figure.root.dep_ != "pobj":
        for tok in figure:
            if tok.dep_ == "pobj" and not figure.start <= tok.head.i < figure.end:
                return tok
    return figure.root


def _past_aside(doc: Doc, i: int) -> int:
    """The token after a bracketed restatement that starts at i ('HK $216,925 (PS21,700) for flights')."""
    if i < len(doc) and doc[i].text == "(":
        close = next((t.i for t in doc[i + 1 : i + 12] if t.text == ")"), None)
        if close is not None:
            return close + 1
    return i


def _holder(figure: Span, skip: Skip) -> list[str]:
    """The noun the figure hangs from through an adjective or a preposition ('a grant worth up to $8m');
    not a span of time ('the biggest rise in 18 months') nor a figure restating another ('..., or 2%')."""
    tok = figure.root
    if tok.dep_ in {"appos", "conj"} or tok.ent_type_ in {"DATE", "TIME"}:
        return []
    path = skip.copy()
    for _ in range(4):
        if _describes(tok.head) and tok.head.head.i not in skip:
            described = tok.head.head  # "dried flower products priced at under $10": the products
            return content_words((t for t in described.subtree if t.i < tok.head.i), path)
        if tok.head.i == tok.i or tok.head.pos_ in _VERBS or (tok.dep_ == "conj" and tok.i != figure.root.i):
            return []  # "40 engineers and 12 designers": a coordinated noun is a sibling, not a holder
        tok = tok.head
        if tok.pos_ in _NOUNS and tok.i not in skip and not figure.start <= tok.i < figure.end:
            if tok.i < figure.start:
                return content_words((t for t in tok.subtree if t.i < figure.start), path)
            return noun_words(tok, path, clauses=False)
        small = [
            c for c in tok.children if c.dep_ in _SUBJECTS and c.pos_ in _NOUNS and c.i < tok.i < figure.start
        ]
        if small:  # "with its shares down 11.9%": the shares are what fell
            return noun_words(small[0], path)
        path.add(tok.i)
    return []


def _describes(tok: Token) -> bool:
    """A participle describing the noun before it ('products priced at $10', 'a stake valued at $5m')."""
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ in _NOUNS and tok.head.i < tok.i


def _subject(figure: Span, noun: Token | None, skip: Skip, *, resolve: bool) -> list[str] | None:
    """The subject of the nearest clause (or predicate adjective: 'a grant worth $8m') above the figure
    that has one; None when it is a pronoun, unless resolve and the pronoun stands for a subject named
    before it in the sentence. A relative pronoun standing for another figure ('a pay package of $11m,
    which includes $6m') gives way to the subject of that figure's clause; a past participle describing
    a noun ('products priced at $10') ends the search, its subject being that noun."""
    inside = set(range(figure.start, figure.end))
    tok = noun if noun is not None and noun.i < figure.start else figure.root
    seen = 0
    while tok.head.i != tok.i and seen < 12:  # compare positions: each access makes a new Token
        tok, seen = tok.head, seen + 1
        if _describes(tok):
            return []  # "products priced at $10": the products are the participle's subject
        # "a grant worth up to $8m": an adjective's subject; "Vancouver hosts one refinery": a root the
        # tagger read as a noun is the sentence's verb
        if tok.pos_ not in _VERBS and tok.pos_ != "ADJ" and tok.dep_ != "ROOT":
            continue
        subjects = [c for c in tok.children if c.dep_ in _SUBJECTS and c.i < figure.start]
        index = sentence_index(tok.doc)
        subject = next((c for c in subjects if not any(index.descends(c.i, i) for i in inside)), None)
        if subject is None:
            continue
        named = _antecedent(subject)
        if named.i != subject.i and named.i in skip:
            continue  # "was $11.4 million, which includes ...": climb on, through that figure
        if named.lower_ in _table()["pronoun_subjects"] or named.pos_ == "PRON" or _lost_apostrophe(named):
            earlier = _earlier_subject(named) if resolve else None
            return noun_words(earlier, skip) if earlier is not None else None
        return noun_words(named, skip)
    return []


def _lost_apostrophe(tok: Token) -> bool:
    """'lets get from $10 to $15 billion': a contraction that lost its apostrophe, not a noun."""
    return tok.lower_ in _words_table()["lost_apostrophes"]


def _earlier_subject(pronoun: Token) -> Token | None:
    """'Amazon is coming up fast: it is reckoned to have 35m': the named subject 'it' stands for."""
    if pronoun.lower_ not in _words_table()["resolved_pronouns"]:
        return None
    doc = pronoun.doc
    # "it" stands for one thing, not people: "Analysts said it would cost $5m" names no 'it'
    named = sentence_index(doc).cached("concepts.named_subjects", lambda: _named_subjects(doc))
    k = bisect_left(named, pronoun.i)
    return doc[named[k - 1]] if k > 0 else None


def _named_subjects(doc: Doc) -> list[int]:
    """The positions of the subjects that a pronoun can stand for: a thing, not people."""
    return [t.i for t in doc if t.dep_ in _SUBJECTS and t.tag_ in {"NN", "NNP"} and t.ent_type_ != "PERSON"]


def _nearest_noun_before(figure: Span, skip: Skip) -> Token | None:
    """The nearest noun before the figure, not skipped nor a stop word, unless a verb comes first.

    The walk back looks only at nouns and verbs, and leaps over a run of other figures' nouns ('Figures:
    0 tonnes, 1 tonnes, ...') at once, so each figure of a table costs no more than the first."""
    doc = figure.doc
    index = sentence_index(doc)
    stops = index.cached("concepts.nouns_and_verbs", lambda: _nouns_and_verbs(doc))
    others = skip.base if isinstance(skip.base, OtherFigures) else None
    leaps = (
        index.cached(("concepts.leaps", others.figures), lambda: _leaps(doc, stops, others.figures))
        if others
        else None
    )
    k = bisect_left(stops, figure.start) - 1
    while k >= 0:
        tok = doc[stops[k]]
        if tok.pos_ == "VERB":
            return None
        if tok.i not in skip:
            while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in _NOUNS:
                tok = tok.head.head  # "the speed of light": the speed
            return tok
        k -= 1
        if leaps is not None and others is not None and k >= 0:
            # every stop after leaps[k] up to k is another figure's noun, skipped, but for the one figure
            # the view leaves out
            target = leaps[k]
            kept = min(k, bisect_left(stops, others.end) - 1)
            if kept > target and stops[kept] >= others.start:
                target = kept
            k = target
    return None


def _nouns_and_verbs(doc: Doc) -> list[int]:
    """The positions the walk back to a noun before a figure looks at: nouns that are not stop words
    (passed over when skipped) and verbs (where it ends)."""
    return [t.i for t in doc if (t.pos_ in _NOUNS and not t.is_stop) or t.pos_ == "VERB"]


def _leaps(doc: Doc, stops: list[int], figures: frozenset[int]) -> list[int]:
    """For each of the stops, the last one up to it that is a verb or no figure's token (-1: none)."""
    leaps: list[int] = []
    for k, i in enumerate(stops):
        free = doc[i].pos_ == "VERB" or i not in figures
        leaps.append(k if free else (leaps[k - 1] if k else -1))
    return leaps


def _restated(figure: Span) -> Span | None:
    """The figure this one restates in other units or pairs with, when it stands in apposition or in
    coordination with one: "15.5 cm (6.1 inches)", "between 15.5 cm and 23.5 cm"."""
    head = figure.root.head
    if figure.root.dep_ not in {"appos", "conj"} or head.ent_type_ not in FIGURE_LABELS - {"DATE", "TIME"}:
        return None
    held = sentence_index(figure.doc).entity_at(head.i)  # entities never overlap: one at most holds it
    return held if held is not None and held.start != figure.start else None


def concept(
    figure: Span,
    noun: Token | None,
    verb: Token | None,
    measure: bool,
    *,
    others: Container[int] = frozenset(),
    restating: int = 2,
) -> str | None:
    """What the figure is about, in NewsQuant's sense: the thing measured and the subject that has it.

    "core inflation rose 0.3%" -> "core inflation"; "a 40 yard line" -> "line"; "Wood scored 22 goals" ->
    "wood" (the goals are the unit); "base price: $59,995" -> "base price"; None when the sentence names
    nothing beyond the unit.
    """
    skip = Skip(others, range(figure.start, figure.end))
    if noun is not None and noun.i >= figure.end and not measure:
        skip.add(noun.i)  # "22 goals": the unit
    own = _own(figure, noun, measure, skip)
    restated = _restated(figure) if restating > 0 else None
    if restated is not None and (figure.root.dep_ == "appos" or not own):
        # "10.5 million dollars ($7.5 million)", "between 15.5 cm and 23.5 cm": about what the first is
        return concept(restated, None, verb, measure, others=others, restating=restating - 1)
    groups = [own]
    subject = _subject(figure, noun, skip, resolve=not own)  # a pronoun is resolved only as a last resort
    if subject is None and not any(groups):
        return None
    groups.append(subject or [])
    if not any(groups) and verb is None:
        before = _nearest_noun_before(figure, skip)  # "base price: $59,995", "RHP Alex Reyes (0.5 WAR)"
        if before is not None:
            groups.append(noun_words(before, skip))
    parts: list[str] = []
    for group in groups:
        text = " ".join(group)
        if text and not any(set(group) <= set(p.split()) for p in parts):
            parts.append(text)
    return ", ".join(parts) or None
