"""Pair features and the learned probability that two articles report one story.

:class:`PairTable` keeps, per article, what the pair features need (vector,
date, character n-grams, title words, entities) and computes the
:data:`PAIR_FEATURES` of any block of pairs; :class:`PairModel` turns them into
``p`` (see :mod:`recoupe.cluster.linkage`, step 2). :class:`WindowPairs`
computes ``p`` of every pair of dated articles within the time window at once,
block by block, with each article's ``k`` nearest neighbours by cosine.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..errors import ConfigError
from .incremental import (
    CHAR_BITS,
    CharVector,
    ClusterConfig,
    ClusterItem,
    WordWeights,
    char_ngrams,
    days_of,
    title_words,
)

__all__ = [
    "BLOCK_PAIRS",
    "PAIR_FEATURES",
    "PARAMS_PATH",
    "PairModel",
    "PairTable",
    "WindowPairs",
    "fits",
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

    def stacked(self) -> npt.NDArray[np.float32]:
        """Every row's vector, one row each (freezes the table first if needed)."""
        if self._stacked is None:
            self.freeze()
        assert self._stacked is not None
        return self._stacked

    def day_array(self) -> Matrix:
        """Every row's days since the epoch, NaN when undated."""
        if self._day_array is None:
            self.freeze()
        assert self._day_array is not None
        return self._day_array

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

    def edge_probabilities(self, model: PairModel, pairs: list[tuple[int, int]]) -> Matrix:
        """``p`` of each pair ``(i, j)``, computed row by row of ``i``."""
        by_row: dict[int, list[int]] = {}
        for n, (i, _) in enumerate(pairs):
            by_row.setdefault(i, []).append(n)
        out = np.zeros(len(pairs), dtype=np.float64)
        for i, at in by_row.items():
            out[at] = self.probabilities(model, [i], [pairs[n][1] for n in at])[0]
        return out

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


ROW_BLOCK = 256  # at most this many rows per block of WindowPairs
MIN_BLOCK = 32  # and at least this many
BLOCK_SPAN = 0.5  # a block's rows span this part of the window (fewer wasted pairs)
UNDATED_BLOCK_PAIRS = 1_000_000  # pairs per block of undated rows (each pairs with every row)
UNDATED_PAIRS = 10_000_000  # WindowPairs takes undated rows x rows up to this many
Rows = npt.NDArray[np.int64]


def fits(days: Matrix) -> bool:
    """Whether :class:`WindowPairs` can take rows with these days (NaN: undated).

    Each undated row pairs with every row; beyond :data:`UNDATED_PAIRS` such
    pairs the linkage computes its sums as it needs them instead.
    """
    return int(np.isnan(days).sum()) * len(days) <= UNDATED_PAIRS


class WindowPairs:
    """``p`` of every pair of rows within the window, and each row's nearest rows.

    Built from a frozen :class:`PairTable`. Rows are visited in ``keys`` order
    (``(days, id)``, undated last, so nothing depends on the order they were
    appended) in blocks of at most :data:`ROW_BLOCK` rows: a block's cosines
    with every row within ``window_days`` give each row's ``k`` nearest rows,
    and its features with the earlier rows of the window give ``p``. An
    undated row is within every row's window, so it pairs with all of them:
    :func:`fits` tells when there are few enough undated rows for that.
    :meth:`sums` then reads exact sums of ``p`` between groups of rows from the
    symmetric sparse matrix (0 beyond the window).
    """

    def __init__(
        self, table: PairTable, model: PairModel, keys: list[tuple[float, str]], k: int
    ) -> None:
        n = len(table)
        self.order: Rows = np.array(sorted(range(n), key=keys.__getitem__), dtype=np.int64)
        self.days = table.day_array()[self.order]
        self.dated = int(np.isfinite(self.days).sum())
        if np.isnan(self.days[: self.dated]).any() or (np.diff(self.days[: self.dated]) < 0).any():
            raise ValueError("keys must order the rows by date, undated rows last")
        parts: list[tuple[Rows, Rows, Matrix, Rows, Rows]] = []
        start, span = 0, table.config.window_days * BLOCK_SPAN
        while start < n:
            if start < self.dated:
                end = int(
                    np.searchsorted(self.days[: self.dated], self.days[start] + span, "right")
                )
                end = min(max(end, start + MIN_BLOCK), start + ROW_BLOCK, self.dated)
            else:
                end = min(start + max(1, UNDATED_BLOCK_PAIRS // n), n)
            parts.append(self._block(table, model, start, end, k))
            start = end
        left, right, probs, near_a, near_b = (np.concatenate(p) for p in zip(*parts, strict=True))
        self.matrix = sp.csr_matrix(
            (
                np.concatenate([probs, probs]),
                (np.concatenate([left, right]), np.concatenate([right, left])),
            ),
            shape=(n, n),
        )
        first, second = np.minimum(near_a, near_b), np.maximum(near_a, near_b)
        code = np.unique(first * n + second)
        self._candidates = (code // n, code % n)
        self._owner = np.full(n, -1, dtype=np.int64)

    def _block(
        self, table: PairTable, model: PairModel, start: int, end: int, k: int
    ) -> tuple[Rows, Rows, Matrix, Rows, Rows]:
        """For sorted rows ``start:end``: ``p`` with the earlier rows, the nearest rows."""
        window, days, dated, n = table.config.window_days, self.days, self.dated, len(self.order)
        if start < dated:  # the dated rows within the window, then every undated row
            lo = int(np.searchsorted(days[:dated], days[start] - window, side="left"))
            hi = int(np.searchsorted(days[:dated], days[end - 1] + window, side="right"))
            pos = np.concatenate([np.arange(lo, hi), np.arange(dated, n)])
            near = np.ones((end - start, len(pos)), dtype=bool)
            near[:, : hi - lo] = np.abs(days[start:end, None] - days[None, lo:hi]) <= window
        else:  # an undated row: every row
            pos = np.arange(n)
            near = np.ones((end - start, n), dtype=bool)
        rows, mine = self.order[start:end], np.arange(start, end)[:, None]
        near_a, near_b = self._nearest(table, rows, self.order[pos], near & (pos != mine), k)
        earlier = near & (pos < mine)  # each pair once: with the row that comes first
        used = np.flatnonzero(earlier.any(axis=0))
        r, c = np.nonzero(earlier[:, used])
        if not len(r):
            return r, c, np.zeros(0), near_a, near_b
        cols = self.order[pos[used]]
        prob = table.probabilities(model, rows.tolist(), cols.tolist())
        return rows[r], cols[c], prob[r, c], near_a, near_b

    @staticmethod
    def _nearest(
        table: PairTable, rows: Rows, cols: Rows, near: npt.NDArray[np.bool_], k: int
    ) -> tuple[Rows, Rows]:
        """Pairs of each of ``rows`` and its ``k`` most similar ``cols`` where ``near``.

        ``cols`` are in key order, so ties at the ``k``-th place fall the same
        way whatever order the rows came in.
        """
        take = min(k, len(cols))
        if take <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        stacked = table.stacked()
        cosine = stacked[rows] @ stacked[cols].T
        cosine[~near] = -np.inf
        top = np.argpartition(-cosine, take - 1, axis=1)[:, :take]
        found = np.isfinite(np.take_along_axis(cosine, top, axis=1))
        r = np.broadcast_to(np.arange(len(rows))[:, None], top.shape)[found]
        return rows[r], cols[top[found]]

    def edges(self) -> dict[tuple[int, int], float]:
        """``p`` of every pair ``(i, j)``, ``i < j``, of a row and one of its nearest rows."""
        first, second = self._candidates
        if not len(first):
            return {}
        probs = np.asarray(self.matrix[first, second], dtype=np.float64).ravel()
        return dict(
            zip(zip(first.tolist(), second.tolist(), strict=True), probs.tolist(), strict=True)
        )

    def sums(self, a: list[int], others: list[list[int]]) -> list[float]:
        """The exact sum of ``p`` between the rows ``a`` and each group of ``others``."""
        owner = self._owner
        for pos, rows in enumerate(others):
            owner[rows] = pos
        ptr = self.matrix.indptr
        mine = np.asarray(a, dtype=np.int64)
        starts, lengths = ptr[mine], ptr[mine + 1] - ptr[mine]
        # positions of the rows' entries: each row's start, then counting up
        at = np.arange(lengths.sum()) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        cols, values = self.matrix.indices[at], self.matrix.data[at]
        groups = owner[cols]
        keep = groups >= 0
        totals = np.bincount(groups[keep], weights=values[keep], minlength=len(others))
        for rows in others:
            owner[rows] = -1
        return [float(t) for t in totals]
