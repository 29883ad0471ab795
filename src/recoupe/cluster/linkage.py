"""Order-free story re-linking: a learned pair probability and average linkage.

:class:`LinkedClusterer` is the default :class:`~recoupe.cluster.Clusterer`.
:meth:`~LinkedClusterer.add` places a new article at once, as the greedy
:class:`~recoupe.cluster.IncrementalClusterer` does: it joins the story of its
retrieved neighbours whose mean pair probability is best and reaches the
threshold, or starts a story. :meth:`~LinkedClusterer.extend` adds a batch
without placing it (nothing reads a placement before the re-linking; this is
what :func:`cluster_items` and corpus ingest use). :meth:`~LinkedClusterer.stories`
then *re-links* everything added so far, so that stories merge (and split) as
evidence accumulates and the partition does not depend on the order the
articles came in:

1. every article's ``k`` nearest articles within ``window_days`` give the
   candidate pairs;
2. a logistic :class:`~recoupe.cluster.pairs.PairModel` turns each pair's
   features into the probability that both report one story::

       p = sigmoid(b + w1 * cosine(vectors) + w2 * char n-gram cosine
                   + w3 * IDF-weighted title-word cosine
                   + w4 * min(shared entities, cap) / cap)
           * (1 - time_weight * days apart / window_days), 0 beyond the window

   (the features of :mod:`recoupe.cluster.incremental`; the IDF is taken over
   all the articles, not the ones seen so far);
3. average linkage, starting from single articles, merges the two stories
   whose mean ``p`` over all their article pairs is highest, while it reaches
   ``threshold``. Sums over pairs that are not candidates are exact too, so a
   mean is a true mean over every pair: when a merge brings a story next to a
   cluster only one of the two merged stories had a candidate pair with, the
   sum of the other one with it is computed then (only those pairs).

:class:`~recoupe.cluster.pairs.WindowPairs` computes ``p`` of every pair
within the window in blocks (exact neighbours, sums read from a sparse
matrix). An undated article is within every window, so with many of them
(:func:`~recoupe.cluster.pairs.fits`) the neighbours come from the
:class:`~recoupe.cluster.index.TimeBucketedIndex` instead and the sums are
computed pair block by pair block as the linkage needs them.

Ties break on the stories' first articles ``(published, id)``, so identical
input gives identical stories whatever the order; when there are too many
undated articles for :class:`~recoupe.cluster.pairs.WindowPairs`, the order
can matter through the approximate (HNSW) index of a time bucket holding more
than ``exact_limit`` articles. Story ids are those of
:func:`~recoupe.cluster.story_id` on each story's first article.

The weights live in ``pair_model.json``, one model per embedder, fitted by
``benchmarks/eval_clustering.py --fit`` on the *tune* half of the Google News
FR groups (titles only) and reported on the other half.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from .incremental import (
    ClusterConfig,
    Clusterer,
    ClusterItem,
    config_for,
    days_of,
    unused_story_id,
)
from .index import TimeBucketedIndex, index_for
from .pairs import PairModel, PairTable, WindowPairs, fits, pair_model

log = logging.getLogger(__name__)

__all__ = ["LinkedClusterer", "PairSum", "average_linkage", "cluster_items"]


def average_linkage(
    keys: list[tuple[float, str]],
    edges: dict[tuple[int, int], float],
    pair_sum: PairSum,
    threshold: float,
) -> list[list[int]]:
    """Clusters of ``range(len(keys))`` by sparse average linkage (module docstring, step 3).

    ``edges`` holds ``p`` of the candidate pairs ``(i, j)``, ``i < j``;
    ``pair_sum(A, B)`` the exact sum of ``p`` over ``A x B`` for clusters
    with no candidate pair between them yet. ``keys`` order the clusters in ties.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(len(keys))}
    key: dict[int, tuple[float, str]] = dict(enumerate(keys))
    sums: dict[int, dict[int, float]] = {i: {} for i in members}
    for (i, j), p in edges.items():
        sums[i][j] = sums[j][i] = p
    version = dict.fromkeys(members, 0)
    heap: list[tuple[float, tuple[float, str], tuple[float, str], int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        mean = sums[a][b] / (len(members[a]) * len(members[b]))
        if mean >= threshold:
            first, second = (a, b) if key[a] <= key[b] else (b, a)
            entry = (-mean, key[first], key[second], first, second, version[first], version[second])
            heapq.heappush(heap, entry)

    for i, j in edges:
        push(i, j)
    while heap:
        _, _, _, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        _merge(a, b, members, sums, pair_sum)
        key[a] = min(key[a], key[b])
        version[a] += 1
        del version[b], key[b]
        for c in sums[a]:
            push(a, c)
    return sorted(members.values(), key=lambda m: min(keys[i] for i in m))


class PairSum:
    """Exact sums of ``p`` between one cluster and several others, in one block.

    Read from ``window`` when every pair within the window is computed
    (:class:`~recoupe.cluster.pairs.WindowPairs`), else computed pair by pair.
    """

    def __init__(self, table: PairTable, model: PairModel, window: WindowPairs | None) -> None:
        self.table = table
        self.model = model
        self.window = window

    def __call__(self, a: list[int], others: list[list[int]]) -> list[float]:
        if not others:
            return []
        if self.window is not None:
            return self.window.sums(a, others)
        cols = [r for rows in others for r in rows]
        totals = np.zeros(len(cols), dtype=np.float64)
        near_a, near_cols = self.table.within_window(a, cols)  # p is 0 for the other pairs
        if near_a and near_cols:
            block = self.table.probabilities(
                self.model, [a[i] for i in near_a], [cols[j] for j in near_cols]
            )
            totals[near_cols] = block.sum(axis=0)
        bounds = np.cumsum([0] + [len(rows) for rows in others])
        return [float(totals[lo:hi].sum()) for lo, hi in itertools.pairwise(bounds)]


def _merge(
    a: int,
    b: int,
    members: dict[int, list[int]],
    sums: dict[int, dict[int, float]],
    pair_sum: PairSum,
) -> None:
    """Fold cluster ``b`` into ``a``; every neighbour's sum stays exact."""
    near_a, near_b = sums[a], sums[b]
    around = sorted((near_a.keys() | near_b.keys()) - {a, b})
    merged = {c: near_a[c] + near_b[c] for c in around if c in near_a and c in near_b}
    only_a = [c for c in around if c in near_a and c not in merged]
    only_b = [c for c in around if c in near_b and c not in merged]
    if pair_sum.window is not None:  # sums are read, not computed: one read for both sides
        missing = only_a + only_b
        totals = pair_sum(members[a] + members[b], [members[c] for c in missing])
        merged.update(zip(missing, totals, strict=True))
    else:  # computed pair by pair: only the side that never touched the cluster
        for known, rows, only in ((near_a, members[b], only_a), (near_b, members[a], only_b)):
            totals = pair_sum(rows, [members[c] for c in only])
            merged.update((c, known[c] + t) for c, t in zip(only, totals, strict=True))
    for c, total in merged.items():
        sums[c].pop(b, None)
        sums[c][a] = total
    members[a].extend(members.pop(b))
    sums[a] = merged
    del sums[b]


class LinkedClusterer:
    """Stories by learned pair probability and average linkage (module docstring)."""

    def __init__(
        self,
        embedder: str = "use",
        config: ClusterConfig | None = None,
        model: PairModel | None = None,
    ) -> None:
        self.embedder = embedder
        self.config = config or config_for(embedder)
        self.model = model or pair_model(embedder)
        self.table = PairTable(self.config)
        self._ids: list[str] = []
        self._keys: list[tuple[float, str]] = []
        self._index_of: dict[str, int] = {}
        self._story_of: list[str] = []  # row -> story id (placed, then re-linked)
        self._members: dict[str, list[int]] = {}
        self._first: dict[str, tuple[float, str]] = {}  # story -> its first article's key
        self._index: TimeBucketedIndex | None = None
        self._indexed = 0  # rows added to the index so far (it fills when searched)
        self._linked = True  # the stories are re-linked since the last add

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, item: ClusterItem) -> str:
        """Add ``item``; return the story it joins now (re-linking may move it later)."""
        if item.id in self._index_of:
            return self._story_of[self._index_of[item.id]]
        row, vector, days = self._append(item)
        target = self._best_story(row, self._neighbours(row, vector, days))
        return self._place(row, target)

    def extend(self, items: Iterable[ClusterItem]) -> None:
        """Add several items; their stories are known after the next :meth:`stories`.

        Each starts alone instead of being placed as :meth:`add` places it:
        nothing reads that placement before the re-linking, so a batch costs
        one re-linking and no per-item search.
        """
        for item in items:
            if item.id not in self._index_of:
                row, _, _ = self._append(item)
                self._place(row, None)

    def _append(self, item: ClusterItem) -> tuple[int, npt.NDArray[np.float32], float | None]:
        vector = self._check(item.vector)
        days = days_of(item.published)
        row = len(self._ids)
        self.table.append(item, vector)
        self._ids.append(item.id)
        self._keys.append((math.inf if days is None else days, item.id))
        self._index_of[item.id] = row
        self._linked = False
        return row, vector, days

    def _place(self, row: int, target: str | None) -> str:
        key = self._keys[row]
        if target is None:
            target = unused_story_id(self._ids[row], self._members)
            self._members[target] = []
        self._first[target] = min(key, self._first.get(target, key))
        self._story_of.append(target)
        self._members[target].append(row)
        return target

    def story_of(self, item_id: str) -> str:
        """The story an added item belongs to after re-linking."""
        self._relink()
        return self._story_of[self._index_of[item_id]]

    def stories(self) -> dict[str, list[str]]:
        """``{story id: [item ids in insertion order]}`` after re-linking, oldest story first."""
        self._relink()
        return {sid: [self._ids[r] for r in sorted(rows)] for sid, rows in self._members.items()}

    def _check(self, vector: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        cfg = self.config
        vec, self._index = index_for(
            vector, self._index, cfg.window_days, cfg.exact_limit, cfg.seed
        )
        return vec

    def _neighbours(
        self, row: int, vector: npt.NDArray[np.float32], days: float | None
    ) -> list[int]:
        """Rows of the ``k`` nearest other items within the window."""
        self._fill_index()
        assert self._index is not None
        window = self.config.window_days
        found = []
        for label, _ in self._index.query(vector, days, self.config.k + 1):
            other = self.table.days[label]
            if label == row or (days is not None and abs(days - other) > window):
                continue  # NaN (undated) compares False: kept
            found.append(label)
        return found[: self.config.k]

    def _fill_index(self) -> None:
        """Add to the search index the rows it does not hold yet.

        Only :meth:`add`'s placement and re-linking without
        :class:`~recoupe.cluster.pairs.WindowPairs` search it, so a batch
        re-linked through the window never builds it.
        """
        assert self._index is not None
        days = self.table.days
        for row in range(self._indexed, len(self._ids)):
            self._index.add(
                row, self.table.vector(row), None if math.isnan(days[row]) else days[row]
            )
        self._indexed = len(self._ids)

    def _best_story(self, row: int, neighbours: list[int]) -> str | None:
        """The story whose retrieved members have the best mean ``p``, if it reaches the threshold.

        A first placement only: :meth:`stories` re-links over every member.
        """
        if not neighbours:
            return None
        probs = self.table.probabilities(self.model, [row], neighbours)[0]
        found: dict[str, list[float]] = {}
        for n, p in zip(neighbours, probs, strict=True):
            found.setdefault(self._story_of[n], []).append(float(p))
        best: tuple[float, tuple[float, str], str] | None = None
        for sid, values in found.items():
            mean = sum(values) / len(values)
            first = self._first[sid]
            if mean >= self.model.threshold and (best is None or (-mean, first) < best[:2]):
                best = (-mean, first, sid)
        return None if best is None else best[2]

    def _relink(self) -> None:
        if self._linked or not self._ids:
            return
        self.table.freeze()
        window: WindowPairs | None = None
        if fits(self.table.day_array()):
            window = WindowPairs(self.table, self.model, self._keys, self.config.k)
            edges = window.edges()
        else:
            edges = self._edges()
        clusters = average_linkage(
            self._keys, edges, PairSum(self.table, self.model, window), self.model.threshold
        )
        self._members, self._first = {}, {}
        for rows in clusters:
            first = min(rows, key=lambda r: self._keys[r])
            sid = unused_story_id(self._ids[first], self._members)
            self._members[sid] = rows
            self._first[sid] = self._keys[first]
            for r in rows:
                self._story_of[r] = sid
        self._linked = True
        log.debug("re-linked %d items into %d stories", len(self._ids), len(clusters))

    def _edges(self) -> dict[tuple[int, int], float]:
        """``p`` of each pair ``(i, j)``, ``i < j``, of a row and one of its nearest rows."""
        pairs: set[tuple[int, int]] = set()
        for row in range(len(self._ids)):
            days = self.table.days[row]
            near = self._neighbours(row, self.table.vector(row), None if math.isnan(days) else days)
            pairs.update((row, other) if row < other else (other, row) for other in near)
        ordered = sorted(pairs)
        if not ordered:
            return {}
        probs = self.table.edge_probabilities(self.model, ordered)
        return {pair: float(p) for pair, p in zip(ordered, probs, strict=True)}


def _sort_key(item: ClusterItem) -> tuple[bool, float, str]:
    days = days_of(item.published)
    return (days is None, days if days is not None else 0.0, item.id)


def cluster_items(
    items: Iterable[ClusterItem], clusterer: Clusterer | None = None
) -> dict[str, list[str]]:
    """Cluster ``items`` in ``(published, id)`` order (undated last); return the stories.

    ``clusterer`` defaults to a :class:`LinkedClusterer` on ``use`` vectors.
    """
    target: Clusterer = clusterer if clusterer is not None else LinkedClusterer()
    target.extend(sorted(items, key=_sort_key))
    return target.stories()
