"""What a figure counts or measures, read off the dependency parse: the counted noun ('105 Ukrainian
drones', 'its crew of 22', 'the death toll rose to 14'), the thing a measure is of ('a vessel 300
metres long'), and how much of the count the figure is: a part of a larger one ('including 35 over
Moscow', 'five critically'), or the share of each party ('1,000 prisoners each')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.claims.sentence_index import sentence_index
from checker.tables import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NOUNS = {"NOUN", "PROPN"}
_SUBSET_HEADS = {"including", "among", "incl", "of"}
_SUBSET_PRONOUNS = {"them", "whom", "which", "those", "these"}
_DISTRIBUTIVE = {"each", "apiece"}
_PARTIES = {"side", "country", "party", "nation", "government", "team", "delegation"}


def noun_phrase(noun: Token, exclude: Span) -> str:
    """'Ukrainian drones', 'prisoners of war', 'main airports': the noun with its own modifiers."""
    left = [
        t
        for t in noun.lefts
        if t.dep_ in {"amod", "compound", "nmod"} and t not in exclude and not t.like_num
    ]
    first = min((min(x.i for x in t.subtree) for t in left), default=noun.i)
    words = [noun.doc[max(first, exclude.end if exclude.end <= noun.i else first) : noun.i + 1].text]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objs:
                words += ["of", *(t.text for t in objs[0].subtree if t.dep_ != "det")]
        break
    return " ".join(words)


def tally_subject(span: Span) -> Token | None:
    """'the death toll rose to 14', 'the number of people killed stands at 13': what the tally counts."""
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"to", "at"} else None
    if verb is None or verb.lemma_.lower() not in load_table("frames.json")["tally_verbs"]:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in _NOUNS]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lemma_.lower() in load_table("context.json")["light_nouns"]:
        of = [o for p in subject.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        return of[0] if of else subject
    return subject


def counted_noun(span: Span) -> Token | None:
    root = span.root
    head = root.head
    if (tally := tally_subject(span)) is not None:
        return tally
    if (
        head not in span
        and head.pos_ in _NOUNS
        and root.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"}
    ):
        return head
    if (
        root.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.pos_ == "NOUN"
        and head.head.i < span.start
        and head.head.lower_ not in _SUBSET_HEADS
    ):
        return head.head  # "its crew of 22", "a death toll of 5"
    for tok in span:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj not in span and obj.pos_ in _NOUNS:
                        if obj.lower_ in _SUBSET_PRONOUNS:
                            continue
                        # "tens of thousands of troops": follow the chain out of the figure
                        return obj
    return _mistagged_plural(span)


def _mistagged_plural(span: Span) -> Token | None:
    """'two touchdowns on 106 carries': a plural noun the tagger read as a verb ('carries', 'drives')
    right after the object of a preposition is still what it counts."""
    if span.end >= len(span.doc):
        return None
    word = span.doc[span.end]
    # no verb follows a preposition's object, and no verb takes a number as its modifier
    placed = span.root.dep_ == "pobj" or (span.root.dep_ == "nummod" and span.root.head == word)
    return word if placed and word.tag_ == "VBZ" and word.is_alpha else None


def measured_thing(span: Span, verb: Token | None) -> Token | None:
    """What a measure is of when no noun carries it: 'a vessel 300 metres long' -> vessel, 'the Dali,
    which is 984 feet long' -> Dali, 'the talks lasted two hours' -> talks."""
    tok = span.root
    if tok.head.pos_ == "ADJ" and tok.head.head.pos_ in _NOUNS and tok.head.dep_ == "amod":
        return tok.head.head
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c not in span]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        subject = verb.head  # "the Dali, which is ..."
    return subject if subject.pos_ in _NOUNS else None


def counted_lemma(noun: Token) -> str:
    """The counted noun's lemma; a light head gives way to its compound ('crew members' -> crew), and
    a count's name to what it counts ('death toll' -> people)."""
    lemma = noun.lemma_.lower()
    alias = load_table("frames.json")["counted_aliases"].get(lemma)
    if alias:
        return str(alias[0])
    if lemma in load_table("context.json")["light_nouns"]:
        compounds = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if compounds:
            return compounds[-1].lemma_.lower()
    return lemma


def is_subset(span: Span) -> bool:
    """'including 35 over Moscow', '35 of them', 'three of the four soldiers', '10 of the Saints' 16
    games', 'two of the bombs': a part of a figure stated nearby, or of a whole the reader knows."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in _SUBSET_HEADS - {"of"}:
        return True
    for child in root.children:
        if child.dep_ != "prep" or child.lower_ != "of":
            continue
        for o in child.children:
            if o.lower_ in _SUBSET_PRONOUNS:
                return True
            if o.pos_ in {"NOUN", "PROPN"} and any(d.dep_ == "nummod" for d in o.children):
                return True  # "N of the M X": a part of a whole stated with it
            if o.tag_ == "NNS" and any(d.dep_ in {"det", "poss"} for d in o.children):
                return True  # "two of the bombs", "three of his brothers": a part of a whole
    return False


def graded(verb: Token | None) -> bool:
    """'dozens were seriously injured', 'five critically': the count of some of the event's victims."""
    if verb is None:
        return False
    degrees = load_table("context.json")["degree_adverbs"]
    return any(c.dep_ == "advmod" and c.lower_ in degrees for c in verb.children)


def distributive(doc: Doc, span: Span, noun: Token | None, verb: Token | None) -> bool:
    """'1,000 prisoners each', '1,000 apiece', 'each side will free 1,000': the figure holds per party."""
    if verb is not None:
        each = sentence_index(doc).cached("claims.each", lambda: _each_party(doc))
        if each and each[0] < span.start and each[0] <= verb.i:
            return True  # "each side will free 1,000", "Kyiv and Moscow will each free 1,000"
    last = max(span.end, noun.i + 1 if noun is not None else 0)
    for tok in doc[last : min(len(doc), last + 6)]:
        if tok.lower_ in _DISTRIBUTIVE:
            return not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "other")  # "each other's"
        if tok.is_punct or tok.pos_ == "VERB":
            return False
    return False


def _each_party(doc: Doc) -> list[int]:
    """The positions of an 'each' that says a figure after it holds per party: not 'each other', and not
    the determiner of a noun other than a party ('each side' is one; "swap 1,000 each after 2 hours of
    talks": that 'each' belongs to the 1,000, once the verb comes before it)."""
    return [
        tok.i
        for tok in doc
        if tok.lower_ == "each"
        and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "other")
        and (tok.dep_ != "det" or tok.head.lower_ in _PARTIES)
    ]
