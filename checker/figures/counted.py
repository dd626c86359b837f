"""What a bare count counts, read from the words after it without a parser: '22 goals' -> 'goal',
'four FA Cup finals' -> 'FA Cup final', 'eight straight World Cups' -> 'straight World Cup'.

The head noun is lemmatised by lemminflect (a dictionary lemmatiser: no model); function words come
from spaCy's English stop-word list. The claim layer reads the same noun with a parser when it matters.
"""

from __future__ import annotations

from functools import cache

from checker.figures.tokens import Tok
from checker.tables import load_table, stop_words

_MAX_WORDS = 4
#: stop words that may still qualify what is counted ('eight other employees')
_COUNTED_STOP_WORDS = {"other"}


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word))


def _noun_lemma(tok: Tok) -> str | None:
    """The noun lemma of a word that can be a noun; capitalised unknown words are names (nouns), plural
    when written so ('1,307,000 Americans' counts Americans)."""
    lemmas = _lemmas(tok.text) or _lemmas(tok.low)
    if "NOUN" in lemmas:
        return lemmas["NOUN"][0]
    if not lemmas and tok.text[:1].isupper():
        return _unknown_plural(tok.text) if tok.text[1:].islower() else tok.text
    if not lemmas and tok.text.islower() and len(tok.text) > 3 and tok.text.endswith("s"):
        return _unknown_plural(tok.text)  # "condos": a plural the dictionary does not list
    return None


@cache
def _unknown_plural(word: str) -> str:
    from lemminflect import getLemma

    if not word.endswith("s") or word.endswith("ss"):
        return word
    return getLemma(word, upos="NOUN", lemmatize_oov=True)[0] or word


def _modifier(tok: Tok) -> bool:
    """A word that may stand before the counted noun: an adjective, a noun, a name, or a verb's -ing
    form used as a noun ('shipping containers', 'polling stations')."""
    lemmas = _lemmas(tok.low)
    participle = "VERB" in lemmas and tok.low.endswith("ing")
    return "ADJ" in lemmas or "NOUN" in lemmas or participle or (not lemmas and tok.text[:1].isupper())


def counted_noun(toks: list[Tok], k: int, singular: bool) -> tuple[str, int] | None:
    """(lemma of the counted noun phrase, tokens used) for the words from token k on, or None.

    A plural noun ends the phrase ('36 league games'); after 'one' the last noun of the run does."""
    stop = stop_words()
    words: list[Tok] = []
    head: int | None = None
    for tok in toks[k : k + _MAX_WORDS]:
        if tok.kind != "word" or (tok.low in stop and tok.low not in _COUNTED_STOP_WORDS):
            break
        lemma = _noun_lemma(tok)
        if lemma is not None and lemma.lower() != tok.low and not singular:
            words.append(tok)
            head = len(words) - 1
            break
        if lemma is not None:
            words.append(tok)
            head = len(words) - 1
            continue
        if not _modifier(tok):
            break
        words.append(tok)
    if head is None:
        return None
    words = words[: head + 1]
    bare_singular = not singular and len(words) == 1 and _noun_lemma(words[-1]) == words[-1].text
    if bare_singular and words[-1].low not in load_table("context.json")["collective_nouns"]:
        return None  # a bare singular after a plural figure is not what it counts ("at 2483805 while")
    lemma = _noun_lemma(words[-1]) or words[-1].text
    phrase = [t.text for t in words[:-1]] + [lemma]
    return " ".join(phrase), len(words)
