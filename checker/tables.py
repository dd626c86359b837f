"""The data tables in `checker/data/`, read once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> Any:
    """The parsed JSON of `checker/data/<name>`; callers must not mutate it."""
    return json.loads(resources.files("checker").joinpath("data", name).read_text("utf-8"))


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: spaCy is slow to import)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
