"""Story re-linking: pair model, exact average linkage, order independence."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np
import pytest

from recoupe.cluster import (
    Clusterer,
    ClusterItem,
    LinkedClusterer,
    PairModel,
    cluster_items,
    config_for,
    pair_model,
    story_id,
)
from recoupe.cluster.linkage import BLOCK_PAIRS, PairTable, average_linkage
from recoupe.errors import ConfigError

DAY = datetime(2023, 2, 6, 9, 0)
# cosine only: p = sigmoid(20 * (cos - 0.5)); the threshold is a mean p of 0.5
COSINE_ONLY = PairModel((20.0, 0.0, 0.0, 0.0), -10.0, 0.5)


def _unit(*xs: float, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[: len(xs)] = xs
    return v / np.linalg.norm(v)


def _item(key: str, vec: np.ndarray, when: datetime | None = DAY, title: str = "") -> ClusterItem:
    return ClusterItem(key, vec, when, "fr", frozenset(), title or key, title or key)


def _sum_of(p: np.ndarray):  # type: ignore[no-untyped-def]
    def pair_sum(a: list[int], others: list[list[int]]) -> list[float]:
        return [float(p[np.ix_(a, rows)].sum()) for rows in others]

    return pair_sum


def test_average_linkage_uses_the_mean_over_every_pair() -> None:
    # a-b and b-c are strong candidate pairs, a-c is not a candidate and is 0:
    # {a, b} + {c} has mean (0.9 + 0) / 2 = 0.45 < 0.5, so c stays out.
    p = np.array([[0, 0.95, 0.0], [0.95, 0, 0.9], [0.0, 0.9, 0]])
    keys = [(0.0, "a"), (0.0, "b"), (0.0, "c")]
    edges = {(0, 1): 0.95, (1, 2): 0.9}
    clusters = average_linkage(keys, edges, _sum_of(p), 0.5)  # type: ignore[arg-type]
    assert clusters == [[0, 1], [2]]
    # with a-c at 0.2 the mean is 0.55: one story
    p[0, 2] = p[2, 0] = 0.2
    clusters = average_linkage(keys, edges, _sum_of(p), 0.5)  # type: ignore[arg-type]
    assert sorted(clusters[0]) == [0, 1, 2]


def test_average_linkage_ties_break_on_the_first_articles() -> None:
    p = np.array([[0, 0.8, 0.0], [0.8, 0, 0.8], [0.0, 0.8, 0]])
    edges = {(0, 1): 0.8, (1, 2): 0.8}
    older_a = average_linkage([(1.0, "a"), (2.0, "b"), (3.0, "c")], edges, _sum_of(p), 0.5)  # type: ignore[arg-type]
    older_c = average_linkage([(3.0, "a"), (2.0, "b"), (1.0, "c")], edges, _sum_of(p), 0.5)  # type: ignore[arg-type]
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


def test_order_does_not_change_the_stories() -> None:
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(12, 32))
    raw = np.repeat(centres, 6, axis=0) + 0.6 * rng.normal(size=(72, 32))
    vecs = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)
    items = [
        _item(f"x{i:02d}", v, DAY + timedelta(hours=i % 24), f"titre {i // 6} mot{i}")
        for i, v in enumerate(vecs)
    ]
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


def test_pair_table_small_and_large_blocks_agree() -> None:
    cfg = config_for("use")
    table = PairTable(cfg)
    rng = np.random.default_rng(0)
    titles = [
        "Séisme en Turquie : le bilan dépasse 20 000 morts",
        "Turquie : le bilan du séisme s'alourdit encore",
        "Grève SNCF : trafic très perturbé mardi",
        "Réforme des retraites : la grève reconduite à la SNCF",
    ] * 6
    for i, title in enumerate(titles):
        ents = frozenset({"turquie"} if "Turquie" in title else {"sncf"} if "SNCF" in title else ())
        vec = rng.normal(size=16).astype(np.float32)
        item = ClusterItem(f"t{i}", vec / np.linalg.norm(vec), DAY, "fr", ents, title, title)
        table.append(item, item.vector)
    table.freeze()
    rows = list(range(len(titles)))
    assert len(rows) ** 2 > BLOCK_PAIRS
    big = table.features(rows, rows)
    for i in rows[:4]:
        small = table.features([i], rows)
        for f_big, f_small in zip(big, small, strict=True):
            np.testing.assert_allclose(f_big[i], f_small[0], atol=1e-6)
    empty = ClusterItem("blank", np.ones(16, dtype=np.float32) / 4, DAY, "fr", frozenset(), "", "")
    table.append(empty, empty.vector)  # no text: no n-grams, last in the block
    table.freeze()
    with_blank = table.features([0, 1], [1, 2, len(titles)])
    np.testing.assert_allclose(with_blank[1][:, :2], big[1][:2, 1:3], atol=1e-6)
    assert not with_blank[1][:, 2].any() and not with_blank[2][:, 2].any()
    cosine, chars, words, entities = big
    np.testing.assert_allclose(np.diag(cosine), 1.0, atol=1e-5)
    assert words[0, 1] > 0.2 and words[0, 2] == 0.0  # "seisme", "turquie", "bilan" shared
    assert chars[2, 3] > chars[0, 2]
    assert entities[0, 1] == 0.5 and entities[0, 2] == 0.0  # one shared entity of cap 2
    np.testing.assert_allclose(np.diag(chars), 1.0, atol=1e-5)


def test_shipped_pair_models() -> None:
    for embedder in ("use", "e5"):
        model = pair_model(embedder)
        assert all(w >= 0 for w in model.weights) and model.weights[0] > 0
        assert 0.05 <= model.threshold <= 0.5
    with pytest.raises(ConfigError):
        pair_model("nope")
    with pytest.raises(ConfigError):
        PairModel((1.0,), 0.0, 0.5)


def test_same_id_again_and_bad_vectors() -> None:
    clusterer = LinkedClusterer()
    sid = clusterer.add(_item("a", _unit(1, 0)))
    assert clusterer.add(_item("a", _unit(0, 1))) == sid
    assert len(clusterer) == 1
    with pytest.raises(ValueError, match="dimension"):
        clusterer.add(_item("b", np.ones(4, dtype=np.float32) / 2))
    assert LinkedClusterer().stories() == {}
