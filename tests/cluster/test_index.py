"""Candidate retrieval: exact scan, HNSW, time buckets."""

from __future__ import annotations

import numpy as np

from recoupe.cluster.index import TimeBucketedIndex, VectorIndex


def _unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_hnsw_agrees_with_exact_top1() -> None:
    data, queries = _unit_rows(3000, 32, 0), _unit_rows(50, 32, 1)
    exact, approx = VectorIndex(32, exact_limit=10_000), VectorIndex(32, exact_limit=100)
    for i, v in enumerate(data):
        exact.add(i, v)
        approx.add(i, v)
    assert exact.is_exact and not approx.is_exact and len(approx) == 3000
    agree = sum(
        max(exact.query(q, 5), key=lambda h: h[1])[0] == approx.query(q, 5)[0][0] for q in queries
    )
    assert agree >= 48
    label, sim = approx.query(data[7], 1)[0]
    assert label == 7 and abs(sim - 1.0) < 1e-4


def test_time_buckets_keep_far_items_out() -> None:
    index = TimeBucketedIndex(4, window_days=3.0)
    v = np.array([1, 0, 0, 0], dtype=np.float32)
    index.add(0, v, 100.0)
    index.add(1, v, 120.0)
    index.add(2, v, None)
    assert {label for label, _ in index.query(v, 101.0, 10)} == {0, 2}
    assert {label for label, _ in index.query(v, None, 10)} == {0, 1, 2}  # undated: every bucket
    assert index.bucket_count == 3
