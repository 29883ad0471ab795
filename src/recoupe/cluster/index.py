"""Candidate retrieval for clustering: nearest stored vectors, within a time window.

Vectors are L2-normalised, so similarity is a dot product (cosine).
:class:`VectorIndex` is one searchable set: an exact numpy scan while it holds
at most ``exact_limit`` vectors, then an HNSW graph (hnswlib, cosine space,
fixed seed, single-threaded inserts, so the same inserts give the same graph).
:class:`TimeBucketedIndex` splits vectors into time buckets ``window`` days
wide and searches only the buckets that can hold an item within ``window``
days of the query, which keeps the search cost flat as the corpus grows over
time. Undated vectors go to their own bucket, which every query searches; an
undated query searches every bucket (an undated article, e.g. a plain-text
file, may belong to a story of any date), so its cost grows with the number of
buckets; that is the price of not knowing when it was written.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Vector = npt.NDArray[np.float32]
Hit = tuple[int, float]


class VectorIndex:
    """Top-k inner-product search over int-labelled vectors; exact, then HNSW."""

    def __init__(
        self,
        dim: int,
        exact_limit: int = 2048,
        seed: int = 13,
        ef_construction: int = 64,
        m: int = 16,
        ef: int = 64,
    ) -> None:
        self.dim = dim
        self.exact_limit = exact_limit
        self.seed = seed
        self.ef_construction = ef_construction
        self.m = m
        self.ef = ef
        self._vectors = np.zeros((16, dim), dtype=np.float32)
        self._labels = np.zeros(16, dtype=np.int64)
        self._size = 0
        self._hnsw: object | None = None

    def __len__(self) -> int:
        return self._size

    @property
    def is_exact(self) -> bool:
        return self._hnsw is None

    def add(self, label: int, vector: Vector) -> None:
        if self._hnsw is not None:
            self._hnsw_add(label, vector)
            self._size += 1
            return
        if self._size == len(self._labels):
            self._vectors = np.resize(self._vectors, (2 * self._size, self.dim))
            self._labels = np.resize(self._labels, 2 * self._size)
        self._vectors[self._size] = vector
        self._labels[self._size] = label
        self._size += 1
        if self._size > self.exact_limit:
            self._build_hnsw()

    def _build_hnsw(self) -> None:
        import hnswlib

        log.debug("index of %d vectors switches from exact search to HNSW", self._size)
        index = hnswlib.Index(space="cosine", dim=self.dim)
        index.init_index(
            max_elements=2 * self._size,
            ef_construction=self.ef_construction,
            M=self.m,
            random_seed=self.seed,
        )
        index.set_ef(self.ef)
        index.add_items(self._vectors[: self._size], self._labels[: self._size], num_threads=1)
        self._hnsw = index
        self._vectors = np.zeros((0, self.dim), dtype=np.float32)
        self._labels = np.zeros(0, dtype=np.int64)

    def _hnsw_add(self, label: int, vector: Vector) -> None:
        index = self._hnsw
        assert index is not None
        capacity = index.get_max_elements()  # type: ignore[attr-defined]
        if self._size >= capacity:
            index.resize_index(2 * capacity)  # type: ignore[attr-defined]
        index.add_items(vector[None, :], np.array([label]), num_threads=1)  # type: ignore[attr-defined]

    def query(self, vector: Vector, k: int) -> list[Hit]:
        """The ``k`` most similar labels as ``(label, cosine)``, best first."""
        k = min(k, self._size)
        if k <= 0:
            return []
        if self._hnsw is None:
            sims = self._vectors[: self._size] @ vector
            top = np.argpartition(-sims, k - 1)[:k] if k < self._size else np.arange(self._size)
            return [(int(self._labels[i]), float(sims[i])) for i in top]
        index = self._hnsw
        if self.ef < k:
            index.set_ef(k)  # type: ignore[attr-defined]
        labels, dists = index.knn_query(vector[None, :], k=k, num_threads=1)  # type: ignore[attr-defined]
        return [(int(lab), 1.0 - float(d)) for lab, d in zip(labels[0], dists[0], strict=True)]


class TimeBucketedIndex:
    """Vectors in ``window``-day buckets; a query searches the buckets in reach."""

    def __init__(
        self, dim: int, window_days: float, exact_limit: int = 2048, seed: int = 13
    ) -> None:
        self.dim = dim
        self.window = window_days
        self.exact_limit = exact_limit
        self.seed = seed
        self._buckets: dict[int | None, VectorIndex] = {}

    def __len__(self) -> int:
        return sum(len(b) for b in self._buckets.values())

    @property
    def bucket_count(self) -> int:
        return len(self._buckets)

    def _key(self, days: float) -> int:
        return math.floor(days / self.window)

    def add(self, label: int, vector: Vector, days: float | None) -> None:
        key = None if days is None else self._key(days)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = VectorIndex(self.dim, self.exact_limit, self.seed)
            self._buckets[key] = bucket
        bucket.add(label, vector)

    def query(self, vector: Vector, days: float | None, k: int) -> list[Hit]:
        """The ``k`` best hits over the buckets in reach, by (-cosine, label)."""
        keys: list[int | None]
        if days is None:
            keys = sorted(self._buckets, key=lambda k: (k is not None, k or 0))
        else:
            centre = self._key(days)
            keys = [None, centre - 1, centre, centre + 1]
        hits: list[Hit] = []
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket is not None:
                hits.extend(bucket.query(vector, k))
        hits.sort(key=lambda h: (-h[1], h[0]))
        return hits[:k]


def index_for(
    vector: npt.NDArray[np.generic],
    index: TimeBucketedIndex | None,
    window_days: float,
    exact_limit: int,
    seed: int,
) -> tuple[Vector, TimeBucketedIndex]:
    """``vector`` as float32 and the index it goes to (made on the first vector).

    Raises ValueError for a vector that is not 1-D or does not match the index.
    """
    vec = np.asarray(vector, dtype=np.float32)
    if vec.ndim != 1:
        raise ValueError(f"item vector must be 1-D, got shape {vec.shape}")
    if index is None:
        index = TimeBucketedIndex(len(vec), window_days, exact_limit, seed)
    elif len(vec) != index.dim:
        raise ValueError(f"item vector has dimension {len(vec)}, expected {index.dim}")
    return vec, index
