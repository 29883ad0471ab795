"""The embedders: how many threads the default one takes, and that it encodes for real."""

from __future__ import annotations

import os

import numpy as np
import pytest

from recoupe.embed import get_embedder, thread_budget


def test_thread_budget_follows_omp_num_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Dask worker gets OMP_NUM_THREADS=1: two workers on two cores must not each run
    # the encoder on two threads (10k OrangeSum with 2 workers: 16.5 -> 23.0 art/s).
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert thread_budget() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "not a number")
    assert thread_budget() == (os.cpu_count() or 1)
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert thread_budget() == (os.cpu_count() or 1)


def test_use_vectors_are_unit_length_and_rank_the_same_event_first() -> None:
    vectors = get_embedder("use").encode(
        [
            "Rex Tillerson est arrivé à Moscou pour rencontrer Sergueï Lavrov.",
            "US Secretary of State Rex Tillerson landed in Moscow to meet Sergei Lavrov.",
            "Le PSG a battu Marseille trois buts à zéro dimanche soir.",
        ]
    )
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
