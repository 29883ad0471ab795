"""Align sentences across sources.

Two sentences from different articles are scored by how much more similar
they are to each other than to their neighbours (the margin criterion used
for bitext mining), with multilingual sentence embeddings, plus the content
words, canonical entities and numbers they share. Pairs above a threshold
are linked; linked sentences form candidate facts.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..embed import Embedder
from .quotes import same_quote
from .units import Unit

log = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class AlignConfig:
    """Weights and threshold of the alignment score (kept per embedder set)."""

    k: int = 3
    lemma_weight: float = 0.3
    entity_weight: float = 0.2
    number_weight: float = 0.15
    quote_penalty: float = 1.0
    second_weight: float = 10.0
    threshold: float = 0.37
    threshold_single: float = 0.40
    max_links: int = 2
    min_cosine: float = 0.40
    min_cosine_single: float = 0.50
    min_second_cosine: float = 0.915


@dataclass(frozen=True)
class Link:
    a: tuple[str, int]
    b: tuple[str, int]
    score: float


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def weighted_overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Dice overlap where each word weighs its rarity within the story."""
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    total = sum(idf.get(w, 1.0) for w in a) + sum(idf.get(w, 1.0) for w in b)
    return 2.0 * shared / total if total else 0.0


def story_idf(units: Sequence[Unit]) -> dict[str, float]:
    """Inverse sentence frequency of each content word across the story's sentences."""
    df: Counter[str] = Counter()
    for u in units:
        df.update(u.lemmas)
    n = max(1, len(units))
    return {w: math.log(1 + n / c) for w, c in df.items()}


def margin(sim: Matrix, k: int) -> Matrix:
    """Cosine divided by the mean cosine of each side's k nearest neighbours."""
    if sim.size == 0:
        return sim
    ka = min(k, sim.shape[1])
    kb = min(k, sim.shape[0])
    ra = np.sort(sim, axis=1)[:, ::-1][:, :ka].mean(axis=1)
    rb = np.sort(sim, axis=0)[::-1, :][:kb, :].mean(axis=0)
    denom = (ra[:, None] + rb[None, :]) / 2.0
    denom[denom <= 1e-6] = 1e-6
    return (sim / denom).astype(np.float32)


def _quote_mismatch(a: Unit, b: Unit) -> float:
    """1 when both sentences quote someone and no quote matches: different statements."""
    if not a.quotes or not b.quotes:
        return 0.0
    return 0.0 if any(same_quote(qa, qb) for qa in a.quotes for qb in b.quotes) else 1.0


def _shared_numbers(a: Unit, b: Unit) -> float:
    na = {(round(v, 3), u) for v, u in a.numbers if u}
    nb = {(round(v, 3), u) for v, u in b.numbers if u}
    return 1.0 if na & nb else 0.0


class Aligner:
    """Scores and links sentence units of different articles."""

    def __init__(
        self,
        embedder: Embedder,
        second: Embedder | None = None,
        config: AlignConfig | None = None,
    ) -> None:
        self.embedder = embedder
        self.second = second
        self.config = config or AlignConfig()
        self.idf: dict[str, float] = {}

    def fit_idf(self, units: Sequence[Unit]) -> None:
        self.idf = story_idf(units)

    @property
    def threshold(self) -> float:
        cfg = self.config
        return cfg.threshold if self.second is not None else cfg.threshold_single

    def encode(self, units: Sequence[Unit]) -> tuple[Matrix, Matrix | None]:
        texts = [u.text for u in units]
        first = self.embedder.encode(texts)
        second = self.second.encode(texts) if self.second is not None else None
        return first, second

    def pair_scores(
        self,
        ua: Sequence[Unit],
        ub: Sequence[Unit],
        va: tuple[Matrix, Matrix | None],
        vb: tuple[Matrix, Matrix | None],
    ) -> Matrix:
        cfg = self.config
        cos = va[0] @ vb[0].T
        score = margin(cos, cfg.k) - 1.0
        gate = cos >= (cfg.min_cosine if va[1] is not None else cfg.min_cosine_single)
        if va[1] is not None and vb[1] is not None:
            cos2 = va[1] @ vb[1].T
            score = score + cfg.second_weight * (margin(cos2, cfg.k) - 1.0)
            gate &= cos2 >= cfg.min_second_cosine
        for i, a in enumerate(ua):
            for j, b in enumerate(ub):
                score[i, j] += (
                    cfg.lemma_weight * weighted_overlap(a.lemmas, b.lemmas, self.idf)
                    + cfg.entity_weight * dice(a.entities, b.entities)
                    + cfg.number_weight * _shared_numbers(a, b)
                    - cfg.quote_penalty * _quote_mismatch(a, b)
                )
        # Below the absolute floors a pair is never a match, whatever its margin.
        return np.where(gate, score, -1.0).astype(np.float32)

    def links(
        self,
        ua: Sequence[Unit],
        ub: Sequence[Unit],
        va: tuple[Matrix, Matrix | None],
        vb: tuple[Matrix, Matrix | None],
        threshold: float | None = None,
    ) -> list[Link]:
        """Links between two articles' units: each unit keeps its best few."""
        if not ua or not ub:
            return []
        limit = self.threshold if threshold is None else threshold
        scores = self.pair_scores(ua, ub, va, vb)
        keep: set[tuple[int, int]] = set()
        top = self.config.max_links
        for i in range(scores.shape[0]):
            for j in np.argsort(-scores[i])[:top]:
                if scores[i, j] >= limit:
                    keep.add((i, int(j)))
        for j in range(scores.shape[1]):
            for i in np.argsort(-scores[:, j])[:top]:
                if scores[i, j] >= limit:
                    keep.add((int(i), j))
        return [Link(ua[i].key, ub[j].key, float(scores[i, j])) for i, j in sorted(keep)]
