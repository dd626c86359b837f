"""The concept of a figure (NewsQuant's `referred_concepts`) on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import checker
from checker.claims.concepts import concept
from checker.models import Article


def _concept(text: str, figure: str) -> str | None:
    claims = checker.extract(Article(id="t", source="Test", text=text))
    return next(c for c in claims if c.text == figure).frame.concept


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("Core inflation rose 0.3% in March.", "0.3%", "core inflation"),  # the thing measured
        ("The hotel sits on a 40-acre lot.", "40-acre", "lot, hotel"),  # a measure's noun, then its subject
        ("Wood scored 22 goals last season.", "22", "wood"),  # the goals are the unit
        ("Base price: $59,995.", "$59,995", "base price"),  # a label before the figure
        ("Range of the new battery: 420 miles.", "420 miles", "range new battery"),  # the label's head noun
        ("He said it cost $5 million.", "$5 million", None),  # a pronoun names nothing
        # ... unless it stands for a subject named before it, and nothing else names what is counted
        ("Acme is growing fast: it is thought to have sold 35m of its speakers.", "35m", "acme"),
        ("Analysts said it would cost $5 million.", "$5 million", None),  # 'it' is not the analysts
        ("After sales slumped, it cut 500 jobs.", "500", None),
        ("The court ordered the bank to pay a fine of $2 million.", "$2 million", "fine, court"),
        ("The retailer plans to cut about 5% of its workforce.", "about 5%", "workforce, retailer"),
        ("Acme announced plans to close 12 stores.", "12", "acme"),  # the subject of the clause above
        ("Berlin's main stock index fell 1.2% on Monday.", "1.2%", "berlin main stock index"),  # no 's
        ("The shop, which opened last year, sold 300 bikes.", "300", "shop"),  # an aside is not a name
        ("The farmer, a former banker, planted 200 trees.", "200", "farmer"),
        ("The total cost came to $5,000.", "$5,000", "cost"),  # 'total' says how, not what
        ("Carbon levels rose to 420 parts per million.", "420 parts per million", "carbon levels"),
        ("They paid $40 for the tickets.", "$40", "tickets"),  # what the money was for
        ("The state gave it a grant worth up to $8 million.", "up to $8 million", "grant, state"),
        ("Core inflation rose 0.3%, the biggest rise in 18 months.", "18 months", "core inflation"),
        ("The bank was fined 10.5 million euros ($11 million).", "$11 million", "bank"),  # a restatement
        ("It was lost, said Smith who won four titles.", "four", "smith"),  # 'who' stands for Smith
        # scraped text that lost its apostrophes: 'lets' is 'let's', not a noun
        ("lets get from $10 to $15 billion first, Rodriguez said.", "from $10 to $15 billion", None),
        ("Thats about 20 percent of the total, Smith said.", "about 20 percent", None),
        ("The loan-to-value mortgages carry a 3% rate.", "3%", "rate, loan-to-value mortgages"),  # kept whole
        ("The lake is 40 km (25 miles) long and 8 km (5 miles) wide.", "5 miles", "lake"),  # restated
        # a predicate adjective's subject: "worth" holds the figure, the grant is what is worth it
        ("Firms moving there get a state grant worth up to $5 million.", "up to $5 million", "state grant"),
        # a coordinated adjective belongs to the name; another figure's words do not
        ("About 60% of issued and outstanding shares were sold.", "About 60%", "issued outstanding shares"),
        (
            "The plant will make eight million 250ml bottles of sanitiser.",
            "250ml",
            "bottles sanitiser, plant",
        ),
        ("Most holders accepted the offer of C $6 (US $4.40) per share.", "US $4.40", "offer, holders"),
        ("They sell a $900 brick pizza oven.", "$900", "brick pizza oven"),  # the compound's head
        # a reading with no words left ('a total of') gives way; a bracketed restatement is stepped over
        ("The fans paid a total of $5,000 (£3,900) for tickets.", "$5,000", "tickets, fans"),
        # the subject of a small clause is what moved
        ("Acme led the fallers on Friday, with its shares down 4.2%.", "4.2%", "shares, acme"),
        # 'which' standing for another figure: the subject of that figure's clause
        (
            "Her pay package was $9 million, which includes a bonus of $2 million.",
            "$2 million",
            "bonus, pay package",
        ),
        # a preposition before the figure names its owner before the material after it
        ("The miner plans to raise its output to 2m tons of copper by 2025.", "2m tons", "output, miner"),
        # a participle describing a noun: the noun is what is priced, and the clause's subject is not
        (
            "The shop stocks cheap flower products priced at under $8 per gram.",
            "under $8 per gram",
            "cheap flower products",
        ),
        # after 'with' the material is what the figure is about; 'to' names the thing changing
        ("The army supplied the rebels with 500 tons of ammunition.", "500 tons", "ammunition, army"),
        # a coordinated noun is a sibling, not a holder; a present participle describes nothing here
        ("The firm hired 40 engineers and 12 designers.", "12", "firm"),
        ("The company has 300 employees working at 12 sites.", "12", "company"),
        # the preposition governs the unit even when the parse hangs its last word off the verb
        (
            "The terminal will cool gas to minus-260 degrees Fahrenheit before loading it.",
            "minus-260 degrees Fahrenheit",
            "gas, terminal",
        ),
        # a verbless headline's bare participle is its predicate, not part of the name; after a pronoun it
        # is the name, and inside a sentence it stays
        ("Five $1,000 watches compared.", "$1,000", "watches"),
        ("Half of those polled earn over $50,000.", "over $50,000", "polled"),
        ("The shares sold fetched $4.5 million.", "$4.5 million", "shares sold"),
        ("A 260,000 year-old skull found in a cave in Spain.", "260,000 year-old", "skull found cave spain"),
        # a measuring verb the tagger read as a noun is not part of the subject's name; a label stays
        (
            "The particle robots measure between 15.5 cm and 23.5 cm across.",
            "between 15.5 cm and 23.5 cm",
            "particle robots",
        ),
        ("The tiny robot measures 3 cm across.", "3 cm", "tiny robot"),
        ("Weight range 2 kg to 5 kg.", "2 kg to 5 kg", "weight range"),
        ("Total cost: $72,370.", "$72,370", "cost"),
        # a name written with a slash is one name; a comma apposition is still an aside
        ("The company, Acme/Beta Holdings, cut 300 jobs.", "300", "company"),
        # the preposition before the figure belongs to the noun the parse hangs it from
        (
            "The firm reported an increase in its gross margins to 31 percent.",
            "31 percent",
            "increase gross margins, firm",
        ),
        # a stop word that names a position is part of the name, as a modifier only
        ("Top wind speeds on Mars can reach up to 60mph.", "up to 60mph", "top wind speeds mars"),
        ("The deal, signed back in 2019, was worth $5 million.", "$5 million", "deal signed"),
        # a count's noun after 'of' is owned as a figure would be: the production, not the masks
        (
            "The grant will fund the production of two million boxes of face masks.",
            "two million",
            "production, grant",
        ),
        # a measured noun inside an 'of' phrase: whose it is comes first, as in "X of Y"; a pair only counts
        (
            "The deal shows the strength of the sub-300 sq m office market.",
            "sub-300 sq m",
            "strength office market, deal",
        ),
        ("He bought a pair of $300 shoes.", "$300", "shoes"),
    ],
)
def test_concept(text: str, figure: str, expected: str | None) -> None:
    assert _concept(text, figure) == expected


def _parsed(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A hand-built parse, one (word, head, dependency, part of speech, tag, entity) row per token: it
    pins a rule to the parse the tagger gave a NewsQuant sentence, whatever a later model makes of ours."""
    from checker.read.nlp import load_parser

    words, heads, deps, pos, tags, ents = (list(column) for column in zip(*rows, strict=True))
    return Doc(load_parser().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)


def test_paired_figures_share_a_concept() -> None:
    """ "between 15 cm and 23 cm": the second figure, which names nothing of its own, is about what the first
    is; "measure", which the tagger read as a noun, is not part of the name."""
    doc = _parsed(
        [
            ("The", 1, "det", "DET", "DT", "O"),
            ("robots", 2, "compound", "NOUN", "NNS", "O"),
            ("measure", 2, "ROOT", "NOUN", "NN", "O"),
            ("between", 2, "prep", "ADP", "IN", "B-QUANTITY"),
            ("15", 5, "nummod", "NUM", "CD", "I-QUANTITY"),
            ("cm", 3, "pobj", "NOUN", "NNS", "I-QUANTITY"),
            ("and", 5, "cc", "CCONJ", "CC", "O"),
            ("23", 8, "nummod", "NUM", "CD", "B-QUANTITY"),
            ("cm", 5, "conj", "NOUN", "NNS", "I-QUANTITY"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    figures = frozenset({3, 4, 5, 7, 8})
    first = concept(doc[3:6], None, doc[2], measure=True, others=figures - {3, 4, 5})
    assert first == "robots"
    assert concept(doc[7:9], None, doc[2], measure=True, others=figures - {7, 8}) == first


def test_a_name_written_with_a_slash_is_one_name() -> None:
    """ "S&P/ASX 200": the tagger may read the part after the slash as an apposition, an aside."""
    doc = _parsed(
        [
            ("Australias", 1, "compound", "PROPN", "NNP", "O"),
            ("S&P", 5, "nsubj", "PROPN", "NNP", "O"),
            ("/", 3, "punct", "SYM", "SYM", "O"),
            ("ASX", 1, "appos", "PROPN", "NNP", "O"),
            ("200", 3, "nummod", "NUM", "CD", "O"),
            ("gained", 5, "ROOT", "VERB", "VBD", "O"),
            ("0.7", 7, "nummod", "NUM", "CD", "B-PERCENT"),
            ("percent", 5, "dobj", "NOUN", "NN", "I-PERCENT"),
            (".", 5, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert concept(doc[6:8], None, doc[5], measure=True) == "australias s&p asx 200"


def test_a_root_read_as_a_noun_is_still_the_verb() -> None:
    """ "Leeds hosts a 40-acre park": the tagger may read "hosts" as a noun; as the root with a subject
    it is the sentence's verb, and its subject is the park's holder."""
    doc = _parsed(
        [
            ("Leeds", 1, "nsubj", "PROPN", "NNP", "B-GPE"),
            ("hosts", 1, "ROOT", "NOUN", "NNS", "O"),
            ("a", 6, "det", "DET", "DT", "O"),
            ("40", 5, "nummod", "NUM", "CD", "B-QUANTITY"),
            ("-", 5, "punct", "PUNCT", "HYPH", "I-QUANTITY"),
            ("acre", 6, "compound", "NOUN", "NN", "I-QUANTITY"),
            ("park", 1, "dobj", "NOUN", "NN", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert concept(doc[3:6], doc[6], None, measure=True) == "park, leeds"
