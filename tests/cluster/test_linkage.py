"""Story re-linking: pair model, exact average linkage, order independence."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np
import pytest

from recoupe.cluster import (
    Clusterer,
    ClusterItem,
    LinkedClusterer,
    PairModel,
    cluster_items,
    pairs,
    story_id,
)
from recoupe.cluster.linkage import _merge, average_linkage

DAY = datetime(2023, 2, 6, 9, 0)
# cosine only: p = sigmoid(20 * (cos - 0.5)); the threshold is a mean p of 0.5
COSINE_ONLY = PairModel((20.0, 0.0, 0.0, 0.0), -10.0, 0.5)


def _unit(*xs: float, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def _item(key: str, vec: np.ndarray, when: datetime | None = DAY, title: str = "") -> ClusterItem:
    return ClusterItem(key, vec, when, "fr", frozenset(), title or key, title or key)


class _Sums:  # stands in for PairSum: sums computed as needed, pairs counted
    window = None

    def __init__(self, p: np.ndarray) -> None:
        self.p = p
        self.pairs = 0

    def __call__(self, a: list[int], others: list[list[int]]) -> list[float]:
        self.pairs += sum(len(a) * len(rows) for rows in others)
        return [float(self.p[np.ix_(a, rows)].sum()) for rows in others]


def test_average_linkage_uses_the_mean_over_every_pair() -> None:
    # a-b and b-c are strong candidate pairs, a-c is not a candidate and is 0:
    # {a, b} + {c} has mean (0.9 + 0) / 2 = 0.45 < 0.5, so c stays out.
    p = np.array([[0, 0.95, 0.0], [0.95, 0, 0.9], [0.0, 0.9, 0]])
    keys = [(0.0, "a"), (0.0, "b"), (0.0, "c")]
    edges = {(0, 1): 0.95, (1, 2): 0.9}
    clusters = average_linkage(keys, edges, _Sums(p), 0.5)  # type: ignore[arg-type]
    assert clusters == [[0, 1], [2]]
    # with a-c at 0.2 the mean is 0.55: one story
    p[0, 2] = p[2, 0] = 0.2
    clusters = average_linkage(keys, edges, _Sums(p), 0.5)  # type: ignore[arg-type]
    assert sorted(clusters[0]) == [0, 1, 2]


def test_a_merge_computes_only_the_pairs_it_does_not_know() -> None:
    # A (rows 0-9) has candidate pairs with C (row 12) and D (row 13); B (rows
    # 10-11) has candidate pairs with D only. Merging B into A needs the sums of
    # A + B with C and D: A x C and both sides of D are known, B x C is not.
    p = np.random.default_rng(0).random((14, 14))
    p = (p + p.T) / 2
    members = {0: list(range(10)), 10: [10, 11], 12: [12], 13: [13]}

    def total(x: int, y: int) -> float:
        return float(p[np.ix_(members[x], members[y])].sum())

    sums = {
        0: {10: total(0, 10), 12: total(0, 12), 13: total(0, 13)},
        10: {0: total(0, 10), 13: total(10, 13)},
        12: {0: total(0, 12)},
        13: {0: total(0, 13), 10: total(10, 13)},
    }
    pair_sum = _Sums(p)
    _merge(0, 10, members, sums, pair_sum)  # type: ignore[arg-type]
    assert pair_sum.pairs == 2  # B x C, not (A + B) x C = 12 pairs
    assert members[0] == list(range(12)) and 10 not in sums
    assert sums[0][12] == pytest.approx(float(p[:12, 12].sum()))
    assert sums[0][13] == pytest.approx(float(p[:12, 13].sum()))
    assert sums[12] == {0: sums[0][12]} and sums[13] == {0: sums[0][13]}


def test_average_linkage_ties_break_on_the_first_articles() -> None:
    p = np.array([[0, 0.8, 0.0], [0.8, 0, 0.8], [0.0, 0.8, 0]])
    edges = {(0, 1): 0.8, (1, 2): 0.8}
    older_a = average_linkage([(1.0, "a"), (2.0, "b"), (3.0, "c")], edges, _Sums(p), 0.5)  # type: ignore[arg-type]
    older_c = average_linkage([(3.0, "a"), (2.0, "b"), (1.0, "c")], edges, _Sums(p), 0.5)  # type: ignore[arg-type]
    assert older_a == [[0, 1], [2]]  # b goes with the older of its equal neighbours
    assert older_c == [[2, 1], [0]]


def test_relinking_undoes_a_greedy_placement() -> None:
    # c arrives between a and b and is closer to a (placed there); then two
    # articles very close to c come: re-linked, c leaves a for them.
    clusterer = LinkedClusterer(model=COSINE_ONLY)
    assert isinstance(clusterer, Clusterer)
    s_a = clusterer.add(_item("a", _unit(1, 0)))
    s_c = clusterer.add(_item("c", _unit(1, 1.1), DAY + timedelta(hours=1)))
    assert s_c == s_a == story_id("a")  # placed: cosine 0.67 to a
    clusterer.add(_item("d", _unit(0.3, 1), DAY + timedelta(hours=2)))
    clusterer.add(_item("e", _unit(0.35, 1), DAY + timedelta(hours=3)))
    stories = clusterer.stories()
    assert stories == {story_id("a"): ["a"], story_id("c"): ["c", "d", "e"]}
    assert clusterer.story_of("e") == story_id("c")


def _centred_items(when: Callable[[int], datetime | None]) -> list[ClusterItem]:
    """72 articles around 12 centres (6 each); ``when(i)`` dates article ``i``."""
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(12, 32))
    raw = np.repeat(centres, 6, axis=0) + 0.6 * rng.normal(size=(72, 32))
    vecs = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)
    return [_item(f"x{i:02d}", v, when(i), f"titre {i // 6} mot{i}") for i, v in enumerate(vecs)]


def test_order_does_not_change_the_stories() -> None:
    items = _centred_items(lambda i: DAY + timedelta(hours=i % 24))
    reference = cluster_items(items, LinkedClusterer(model=COSINE_ONLY))
    assert 10 <= len(reference) <= 16  # 12 centres
    for seed in (1, 2):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        clusterer = LinkedClusterer(model=COSINE_ONLY)
        for item in shuffled:
            clusterer.add(item)
        assert clusterer.stories().keys() == reference.keys()
        assert {k: sorted(v) for k, v in clusterer.stories().items()} == {
            k: sorted(v) for k, v in reference.items()
        }


def test_window_and_lazy_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    # all at one instant (no decay), every pair of the window computed at once
    # (WindowPairs) and the sums computed block by block as the linkage needs
    # them (index search, many undated articles) must find the same stories
    dated = cluster_items(_centred_items(lambda _: DAY), LinkedClusterer(model=COSINE_ONLY))
    undated = cluster_items(_centred_items(lambda _: None), LinkedClusterer(model=COSINE_ONLY))
    monkeypatch.setattr(pairs, "UNDATED_PAIRS", 0)
    lazy = cluster_items(_centred_items(lambda _: None), LinkedClusterer(model=COSINE_ONLY))
    assert 10 <= len(dated) <= 16
    assert dated == undated == lazy


def test_articles_beyond_the_window_count_zero() -> None:
    clusterer = LinkedClusterer(model=COSINE_ONLY)
    clusterer.add(_item("a", _unit(1, 0)))
    clusterer.add(_item("b", _unit(1, 0.05), DAY + timedelta(days=4)))  # window is 3 days
    clusterer.add(_item("c", _unit(1, 0.02), DAY + timedelta(days=1)))
    stories = clusterer.stories()
    # b is as close to c as a is, but p(a, b) = 0 counts in the mean: (0 + 0.9) / 2 < 0.5
    assert sorted(map(sorted, stories.values())) == [["a", "c"], ["b"]]
    alone = LinkedClusterer(model=COSINE_ONLY)
    alone.add(_item("a", _unit(1, 0)))
    alone.add(_item("b", _unit(1, 0.05), DAY + timedelta(days=4)))
    assert len(alone.stories()) == 2


def test_same_id_again_and_bad_vectors() -> None:
    clusterer = LinkedClusterer()
    sid = clusterer.add(_item("a", _unit(1, 0)))
    assert clusterer.add(_item("a", _unit(0, 1))) == sid
    assert len(clusterer) == 1
    with pytest.raises(ValueError, match="dimension"):
        clusterer.add(_item("b", np.ones(4, dtype=np.float32) / 2))
    assert LinkedClusterer().stories() == {}
