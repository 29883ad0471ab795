"""Order-free story re-linking: a learned pair probability and average linkage.

:class:`LinkedClusterer` is the default :class:`~recoupe.cluster.Clusterer`.
Each :meth:`~LinkedClusterer.add` places the new article at once, as the
greedy :class:`~recoupe.cluster.IncrementalClusterer` does: it joins the
story of its retrieved neighbours whose mean pair probability is best and
reaches the threshold, or starts a story. :meth:`~LinkedClusterer.stories`
then *re-links* everything added so far, so that stories merge (and split)
as evidence accumulates and the partition no longer depends on the order the
articles came in:

1. every article's ``k`` nearest articles within ``window_days``
   (:class:`~recoupe.cluster.index.TimeBucketedIndex`) give the candidate
   pairs;
2. a logistic :class:`PairModel` turns each pair's features into the
   probability that both report one story::

       p = sigmoid(b + w1 * cosine(vectors) + w2 * char n-gram cosine
                   + w3 * IDF-weighted title-word cosine
                   + w4 * min(shared entities, cap) / cap)
           * (1 - time_weight * days apart / window_days), 0 beyond the window

   (the features of :mod:`recoupe.cluster.incremental`; the IDF is taken over
   all the articles, not the ones seen so far);
3. average linkage, starting from single articles, merges the two stories
   whose mean ``p`` over all their article pairs is highest, while it reaches
   ``threshold``. Sums over pairs that are not candidates are computed
   exactly, so a mean is a true mean over every pair.

Ties break on the stories' first articles ``(published, id)``, so identical
input gives identical stories whatever the order; the order only matters
through the approximate (HNSW) index of a time bucket holding more than
``exact_limit`` articles. Story ids are those of
:func:`~recoupe.cluster.story_id` on each story's first article.

The weights live in ``pair_model.json``, one model per embedder, fitted by
``benchmarks/eval_clustering.py --fit`` on the *tune* half of the Google News
FR groups (titles only) and reported on the other half.
"""

from __future__ import annotations

import heapq
import itertools
import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..errors import ConfigError
from .incremental import (
    CHAR_BITS,
    CharVector,
    ClusterConfig,
    Clusterer,
    ClusterItem,
    WordWeights,
    char_ngrams,
    config_for,
    days_of,
    title_words,
    unused_story_id,
)
from .index import TimeBucketedIndex, index_for

log = logging.getLogger(__name__)

__all__ = [
    "PAIR_FEATURES",
    "LinkedClusterer",
    "PairModel",
    "PairTable",
    "cluster_items",
    "pair_model",
]

PARAMS_PATH = Path(__file__).with_name("pair_model.json")
PAIR_FEATURES = ("cosine", "chars", "title_words", "entities")
Matrix = npt.NDArray[np.float64]
BLOCK_PAIRS = 256  # larger blocks go through sparse matrix products


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over :data:`PAIR_FEATURES` and the linkage threshold."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float  # mean pair probability two stories need to merge

    def __post_init__(self) -> None:
        if len(self.weights) != len(PAIR_FEATURES):
            raise ConfigError(f"pair model needs {len(PAIR_FEATURES)} weights")
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"pair threshold {self.threshold} is not in (0, 1)")


@lru_cache(maxsize=8)
def pair_model(embedder: str = "use") -> PairModel:
    """The fitted pair model of ``embedder`` (from ``pair_model.json``)."""
    params = json.loads(PARAMS_PATH.read_text(encoding="utf-8"))
    try:
        entry = params[embedder]
    except KeyError:
        raise ConfigError(f"no pair model for embedder {embedder!r}") from None
    return PairModel(tuple(entry["weights"]), entry["intercept"], entry["threshold"])


class PairTable:
    """Pair features and probabilities over the items appended so far.

    Per item it keeps the vector, date, character n-grams, title words and
    entities. Title words are weighted by their IDF over every item appended
    so far; :meth:`freeze` fixes those weights (and stacks the vectors) before
    many queries, until the next :meth:`append`.
    """

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self._vectors: list[npt.NDArray[np.float32]] = []
        self.days: list[float] = []  # days since the epoch, NaN when undated
        self._chars: list[CharVector] = []
        self._words: list[frozenset[str]] = []
        self._entities: list[frozenset[str]] = []
        self._idf = WordWeights()  # title-word IDF over the rows appended so far
        self._stacked: npt.NDArray[np.float32] | None = None
        self._day_array: Matrix | None = None
        self._weights: list[dict[str, float]] | None = None  # IDF over all rows (frozen)
        self._snapshot: list[dict[str, float]] = []  # IDF when the row came (placement)
        # (i, j), i < j -> cosine, chars, entities: the features placement computed that
        # do not depend on the IDF, so re-linking does not compute them again
        self._known: dict[tuple[int, int], tuple[float, float, float]] = {}
        self._sparse: tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix] | None = None
        self._dense = np.zeros(1 << CHAR_BITS, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._vectors)

    def append(self, item: ClusterItem, vector: npt.NDArray[np.float32]) -> None:
        days = days_of(item.published)
        self._vectors.append(vector)
        self.days.append(math.nan if days is None else days)
        self._chars.append(char_ngrams((item.text or item.title)[: self.config.char_chars]))
        words = title_words(item.title)
        self._words.append(words)
        self._idf.add(words)
        self._entities.append(item.entities)
        self._snapshot.append(self._word_weights(len(self) - 1))
        self._stacked = None
        self._day_array = None
        self._weights = None
        self._sparse = None

    def freeze(self) -> None:
        """Stack the vectors and fix the title-word weights of every row."""
        self._stacked = np.stack(self._vectors)
        self._day_array = np.asarray(self.days, dtype=np.float64)
        self._weights = [self._word_weights(r) for r in range(len(self))]
        self._sparse = (
            _char_csr(self._chars),
            _dict_csr(self._weights),
            _dict_csr([dict.fromkeys(e, 1.0) for e in self._entities]),
        )

    def vector(self, row: int) -> npt.NDArray[np.float32]:
        return self._vectors[row]

    def features(self, a: list[int], b: list[int]) -> list[Matrix]:
        """The :data:`PAIR_FEATURES` of every pair ``(a[i], b[j])`` as matrices."""
        if self._stacked is not None:
            left, right = self._stacked[a], self._stacked[b]
        else:
            left = np.stack([self._vectors[r] for r in a])
            right = np.stack([self._vectors[r] for r in b])
        cosine = (left @ right.T).astype(np.float64)
        if self._sparse is not None and len(a) * len(b) > BLOCK_PAIRS:
            chars, words, shared = (
                (m[a] @ m[b].T).toarray().astype(np.float64) for m in self._sparse
            )
        else:
            chars, words, shared = self._pair_loop(a, b)
        cap = self.config.entity_cap
        return [cosine, chars, words, np.minimum(shared, cap) / cap]

    def _pair_loop(self, a: list[int], b: list[int]) -> tuple[Matrix, Matrix, Matrix]:
        """Character, title-word and entity overlaps row by row (small blocks)."""
        weights = [self._weight_of(r) for r in b]
        cols = [self._chars[c] for c in b]
        col_idx = np.concatenate([idx for idx, _ in cols])
        col_values = np.concatenate([values for _, values in cols])
        sizes = [len(idx) for idx, _ in cols]
        chars = np.zeros((len(a), len(b)), dtype=np.float64)
        if len(col_idx):
            # a trailing 0 keeps every start in range; an empty segment's sum is zeroed after
            starts = np.cumsum([0, *sizes[:-1]])
            dense = self._dense
            for i, row in enumerate(a):
                idx, values = self._chars[row]
                dense[idx] = values
                chars[i] = np.add.reduceat(np.append(dense[col_idx] * col_values, 0.0), starts)
                dense[idx] = 0.0
            if 0 in sizes:
                chars[:, [j for j, n in enumerate(sizes) if not n]] = 0.0
        words = np.array(
            [
                [_overlap(mine, theirs) for theirs in weights]
                for mine in (self._weight_of(row) for row in a)
            ],
            dtype=np.float64,
        ).reshape(len(a), len(b))
        ents_b = [self._entities[c] for c in b]
        shared = np.array(
            [
                [len(e & other) if e else 0 for other in ents_b]
                for e in (self._entities[r] for r in a)
            ],
            dtype=np.float64,
        ).reshape(len(a), len(b))
        return chars, words, shared

    def probabilities(self, model: PairModel, a: list[int], b: list[int]) -> Matrix:
        """``p`` for every pair ``(a[i], b[j])`` (module docstring, step 2)."""
        left, right = self._day_values(a), self._day_values(b)
        return self._probability(model, self.features(a, b), left[:, None], right[None, :])

    def placement(self, model: PairModel, row: int, others: list[int]) -> Matrix:
        """``p`` of ``row`` with each of ``others`` (IDF so far), remembering the rest."""
        feats = self.features([row], others)
        self._remember(row, others, feats)
        right = self._day_values(others)
        return self._probability(model, feats, self._day_values([row]), right)[0]

    def edge_probabilities(self, model: PairModel, pairs: list[tuple[int, int]]) -> Matrix:
        """``p`` of each pair ``(i, j)``, ``i < j``, after :meth:`freeze`."""
        assert self._weights is not None and self._day_array is not None
        missing: dict[int, list[int]] = {}
        for i, j in pairs:
            if (i, j) not in self._known:
                missing.setdefault(i, []).append(j)
        for i, js in missing.items():
            self._remember(i, js, self.features([i], js))
        known = np.array([self._known[pair] for pair in pairs], dtype=np.float64).reshape(-1, 3)
        weights = self._weights
        words = np.array([_overlap(weights[i], weights[j]) for i, j in pairs], dtype=np.float64)
        feats = [known[:, 0], known[:, 1], words, known[:, 2]]
        left = self._day_values([i for i, _ in pairs])
        right = self._day_values([j for _, j in pairs])
        return self._probability(model, feats, left, right)

    def _remember(self, row: int, others: list[int], feats: list[Matrix]) -> None:
        cosine, chars, _, entities = feats
        for k, other in enumerate(others):
            key = (row, other) if row < other else (other, row)
            self._known[key] = (float(cosine[0, k]), float(chars[0, k]), float(entities[0, k]))

    def within_window(self, a: list[int], b: list[int]) -> tuple[list[int], list[int]]:
        """Positions in ``a`` and in ``b`` that have a partner within the window on the other side."""
        left, right = self._day_values(a), self._day_values(b)
        if np.isnan(left).any() or np.isnan(right).any():
            return list(range(len(a))), list(range(len(b)))
        near = np.abs(left[:, None] - right[None, :]) <= self.config.window_days
        return np.flatnonzero(near.any(axis=1)).tolist(), np.flatnonzero(near.any(axis=0)).tolist()

    def _probability(
        self, model: PairModel, feats: list[Matrix], left: Matrix, right: Matrix
    ) -> Matrix:
        logit = feats[0] * model.weights[0] + model.intercept
        for weight, feature in zip(model.weights[1:], feats[1:], strict=True):
            logit += weight * feature
        prob: Matrix = 1.0 / (1.0 + np.exp(-logit))
        if np.isnan(left).all() or np.isnan(right).all():
            return prob
        gap = np.abs(left - right) / self.config.window_days
        decay = np.where(gap > 1.0, 0.0, 1.0 - self.config.time_weight * gap)
        return prob * np.where(np.isnan(gap), 1.0, decay)

    def _day_values(self, rows: list[int]) -> Matrix:
        if self._day_array is not None:
            return self._day_array[rows]
        return np.array([self.days[r] for r in rows], dtype=np.float64)

    def _weight_of(self, row: int) -> dict[str, float]:
        return self._weights[row] if self._weights is not None else self._snapshot[row]

    def _word_weights(self, row: int) -> dict[str, float]:
        """:class:`WordWeights` IDF of the row's title words, L2-normalised."""
        idf = {w: self._idf.idf(w) for w in self._words[row]}
        norm = math.sqrt(sum(x * x for x in idf.values())) or 1.0
        return {w: x / norm for w, x in idf.items()}


def _overlap(mine: dict[str, float], theirs: dict[str, float]) -> float:
    """Dot product of two rows of normalised title-word weights (their cosine)."""
    return sum(v * theirs[w] for w, v in mine.items() if w in theirs)


def _char_csr(chars: list[CharVector]) -> sp.csr_matrix:
    indptr = np.cumsum([0] + [len(idx) for idx, _ in chars])
    indices = np.concatenate([idx for idx, _ in chars])
    data = np.concatenate([values for _, values in chars]).astype(np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(chars), 1 << CHAR_BITS))


def _dict_csr(rows: list[dict[str, float]]) -> sp.csr_matrix:
    vocab = {w: i for i, w in enumerate(sorted({w for row in rows for w in row}))}
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.array([vocab[w] for row in rows for w in row], dtype=np.int64)
    data = np.array([v for row in rows for v in row.values()], dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


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
    """Exact sums of ``p`` between one cluster and several others, in one block."""

    def __init__(self, table: PairTable, model: PairModel) -> None:
        self.table = table
        self.model = model

    def __call__(self, a: list[int], others: list[list[int]]) -> list[float]:
        if not others:
            return []
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
    around = sorted((set(sums[a]) | set(sums[b])) - {a, b})
    for x in (a, b):  # exact sums from x to the clusters only the other one touched
        missing = [c for c in around if c not in sums[x]]
        for c, total in zip(
            missing, pair_sum(members[x], [members[c] for c in missing]), strict=True
        ):
            sums[x][c] = total
    merged = {c: sums[a][c] + sums[b][c] for c in around}
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
        self._linked = True  # the stories are re-linked since the last add

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, item: ClusterItem) -> str:
        """Add ``item``; return the story it joins now (re-linking may move it later)."""
        if item.id in self._index_of:
            return self._story_of[self._index_of[item.id]]
        vector = self._check(item.vector)
        days = days_of(item.published)
        row = len(self._ids)
        self.table.append(item, vector)
        neighbours = self._neighbours(row, vector, days)
        target = self._best_story(row, neighbours)
        self._ids.append(item.id)
        self._keys.append((math.inf if days is None else days, item.id))
        self._index_of[item.id] = row
        key = self._keys[-1]
        if target is None:
            target = unused_story_id(item.id, self._members)
            self._members[target] = []
        self._first[target] = min(key, self._first.get(target, key))
        self._story_of.append(target)
        self._members[target].append(row)
        assert self._index is not None
        self._index.add(row, vector, days)
        self._linked = False
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
        assert self._index is not None
        window = self.config.window_days
        found = []
        for label, _ in self._index.query(vector, days, self.config.k + 1):
            other = self.table.days[label]
            if label == row or (days is not None and abs(days - other) > window):
                continue  # NaN (undated) compares False: kept
            found.append(label)
        return found[: self.config.k]

    def _best_story(self, row: int, neighbours: list[int]) -> str | None:
        """The story whose retrieved members have the best mean ``p``, if it reaches the threshold.

        A first placement only: :meth:`stories` re-links over every member.
        """
        if not neighbours:
            return None
        probs = self.table.placement(self.model, row, neighbours)
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
        pairs: set[tuple[int, int]] = set()
        for row in range(len(self._ids)):
            days = self.table.days[row]
            near = self._neighbours(row, self.table.vector(row), None if math.isnan(days) else days)
            pairs.update((row, other) if row < other else (other, row) for other in near)
        ordered = sorted(pairs)
        probs: Iterable[float] = (
            self.table.edge_probabilities(self.model, ordered) if ordered else []
        )
        edges = {pair: float(p) for pair, p in zip(ordered, probs, strict=True)}
        clusters = average_linkage(
            self._keys, edges, PairSum(self.table, self.model), self.model.threshold
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
    for item in sorted(items, key=_sort_key):
        target.add(item)
    return target.stories()
