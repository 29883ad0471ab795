"""Pair features, the pair model and every pair of a time window."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

import numpy as np
import pytest

from recoupe.cluster import ClusterItem, PairModel, config_for, pair_model
from recoupe.cluster.pairs import BLOCK_PAIRS, PairTable, WindowPairs, fits
from recoupe.errors import ConfigError

DAY = datetime(2023, 2, 6, 9, 0)


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


def _window_items(n: int = 90) -> list[ClusterItem]:
    """``n`` articles over ten days, in six topics, with titles and entities."""
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 24))
    topics = [
        "séisme Turquie bilan",
        "grève SNCF trafic",
        "élections Italie vote",
        "inflation prix énergie",
        "incendie forêt Gironde",
        "football coupe finale",
    ]
    items = []
    for i in range(n):
        t = i % 6
        raw = centres[t] + 0.8 * rng.normal(size=24)
        vec = (raw / np.linalg.norm(raw)).astype(np.float32)
        when = DAY + timedelta(hours=int(rng.integers(0, 240)))
        title = f"{topics[t]} article {i}"
        ents = frozenset({topics[t].split()[1].lower()} if i % 2 else ())
        items.append(ClusterItem(f"w{i:03d}", vec, when, "fr", ents, title, title))
    return items


def _window(items: list[ClusterItem], k: int = 4) -> tuple[PairTable, WindowPairs]:
    table = PairTable(config_for("use"))
    for item in items:
        table.append(item, item.vector)
    table.freeze()
    keys = [
        (math.inf if math.isnan(d) else d, it.id) for d, it in zip(table.days, items, strict=True)
    ]
    return table, WindowPairs(table, pair_model("use"), keys, k)


def test_window_pairs_hold_every_pair_within_the_window() -> None:
    items = _window_items()
    table, window = _window(items)
    rows = list(range(len(items)))
    expected = table.probabilities(pair_model("use"), rows, rows)
    np.fill_diagonal(expected, 0.0)
    got = window.matrix.toarray()
    np.testing.assert_allclose(got, expected, atol=1e-6)
    days = np.array(table.days)
    apart = np.abs(days[:, None] - days[None, :]) > table.config.window_days
    assert apart.any() and not got[apart].any() and (got[~apart & (expected > 0)] > 0).all()
    # a sum between groups is the plain sum over their pairs
    groups = [[3, 9, 15], [4], [20, 21, 22, 23]]
    assert window.sums([0, 6], groups) == pytest.approx(
        [expected[np.ix_([0, 6], g)].sum() for g in groups]
    )


def test_window_neighbours_are_the_nearest_within_the_window() -> None:
    items = _window_items()
    table, window = _window(items, k=4)
    vecs = np.stack([it.vector for it in items])
    days = np.array(table.days)
    cosine = vecs @ vecs.T
    cosine[np.abs(days[:, None] - days[None, :]) > table.config.window_days] = -np.inf
    np.fill_diagonal(cosine, -np.inf)
    expected = set()
    for r in range(len(items)):
        for c in np.argsort(-cosine[r])[:4]:
            if np.isfinite(cosine[r, c]):
                expected.add((min(r, int(c)), max(r, int(c))))
    edges = window.edges()
    assert set(edges) == expected
    for (i, j), p in edges.items():
        assert p == pytest.approx(window.matrix[i, j])


def test_window_pairs_do_not_depend_on_the_order() -> None:
    items = _window_items()
    _, window = _window(items)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    _, other = _window(shuffled)
    row = {it.id: r for r, it in enumerate(shuffled)}
    to_other = [row[it.id] for it in items]
    np.testing.assert_allclose(
        window.matrix.toarray(), other.matrix.toarray()[np.ix_(to_other, to_other)], atol=1e-9
    )
    mapped = {tuple(sorted((to_other[i], to_other[j]))) for i, j in window.edges()}
    assert mapped == set(other.edges())


def test_undated_rows_pair_with_every_row() -> None:
    items = _window_items()
    for i in (5, 40):  # undated: within every window, no time decay
        it = items[i]
        items[i] = ClusterItem(it.id, it.vector, None, "fr", it.entities, it.title, it.text)
    table, window = _window(items)
    rows = list(range(len(items)))
    expected = table.probabilities(pair_model("use"), rows, rows)
    np.fill_diagonal(expected, 0.0)
    np.testing.assert_allclose(window.matrix.toarray(), expected, atol=1e-6)
    assert (window.matrix[5].toarray()[0, [r for r in rows if r != 5]] > 0).all()
    assert fits(np.array(table.days))
    assert not fits(np.full(4000, np.nan))  # 4,000 x 4,000 pairs: computed as needed
    with pytest.raises(ValueError, match="order"):  # undated rows must come last
        WindowPairs(table, pair_model("use"), [(0.0, it.id) for it in items], 4)
