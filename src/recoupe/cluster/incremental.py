"""Incremental story clustering: each new article joins the best story or starts one.

For a new item, :class:`IncrementalClusterer`

1. retrieves its ``k`` nearest earlier articles within ``window_days``
   (:class:`~recoupe.cluster.index.TimeBucketedIndex`: exact scan while small,
   HNSW beyond); an undated item is compared with articles of every date;
2. scores every story those neighbours belong to::

       score = w_m * mean cos(item, members) + (1 - w_m) * max cos(item, member)
             + w_e * min(shared entities, cap) / cap
             + w_l * max idf-cosine(title words, member title words)
             + w_c * mean char-cos(item, last ``char_members`` members)
             + w_x * max char-cos(item, retrieved member)
             - w_t * (days from the story's time span / window_days)

   where char-cos is the cosine of hashed character 3-5-gram counts
   (:func:`char_ngrams`) of the first ``char_chars`` characters of
   ``ClusterItem.text`` (title + lead; the title when empty), a lexical
   channel that catches shared names and rare words the embedding blurs, and
   idf-cosine weighs title words by their inverse document frequency over the
   items added so far (:class:`WordWeights`), so a rare shared name counts more
   than a word every title of the week carries;

3. joins the best story if its score reaches ``join`` (ties: the older story),
   otherwise starts a new one; every *other* candidate story whose score
   reaches ``merge`` is merged into it (the item bridges them).

Thresholds live in :data:`THRESHOLDS`, one :class:`ClusterConfig` per embedder
name, because cosine ranges differ widely between embedders (``use`` spreads
over 0–1, ``e5`` is squeezed into 0.8–1). Story ids are ``s-`` + 12 hex digits
of the SHA-1 of the story's first article id; on a merge the story whose first
article is older (then smaller id) keeps its id.

Determinism: identical input in identical order gives identical stories. The
result depends on the order of insertion (a greedy online algorithm); the
default :class:`~recoupe.cluster.LinkedClusterer` re-links the stories
without that dependence, and ``benchmarks/eval_clustering.py`` measures both.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError
from ..text import strip_accents
from .index import TimeBucketedIndex, index_for

log = logging.getLogger(__name__)

__all__ = [
    "THRESHOLDS",
    "ClusterConfig",
    "ClusterItem",
    "Clusterer",
    "IncrementalClusterer",
    "config_for",
    "story_id",
]


@dataclass(frozen=True)
class ClusterItem:
    """One article as the clusterer sees it."""

    id: str
    vector: npt.NDArray[np.float32]  # L2-normalised, from recoupe.embed.get_embedder
    published: datetime | None
    language: str
    entities: frozenset[str] = frozenset()  # canonical entity names
    title: str = ""
    text: str = ""  # title + lead for the lexical channel; the title alone when empty


@runtime_checkable
class Clusterer(Protocol):
    """Anything that groups items into stories, as they come or in batches."""

    def add(self, item: ClusterItem) -> str:
        """Add ``item``; return the id of the story it joined."""
        ...

    def extend(self, items: Iterable[ClusterItem]) -> None:
        """Add several items; :meth:`stories` tells where they went."""
        ...

    def stories(self) -> dict[str, list[str]]:
        """``{story id: [item ids]}``."""
        ...


@dataclass(frozen=True)
class ClusterConfig:
    """Join decision weights and thresholds (one per embedder, see THRESHOLDS)."""

    join: float  # minimum score to join a story
    merge: float  # minimum score with a second story to merge it into the first
    mean_weight: float = 0.5  # w_m: mean cosine to members vs nearest-member cosine
    entity_weight: float = 0.05  # w_e: bonus for shared canonical entities
    entity_cap: int = 2  # shared entities that earn the full bonus
    title_weight: float = 0.0  # w_l: title word overlap with the nearest members
    char_weight: float = 0.0  # w_c: mean char n-gram cosine to the story's recent members
    char_max_weight: float = 0.0  # w_x: char n-gram cosine to the nearest retrieved member
    char_members: int = 16  # recent members the mean char cosine is taken over
    char_chars: int = 300  # characters of text the n-grams are taken from
    window_days: float = 3.0  # articles further apart than this never meet
    time_weight: float = 0.1  # w_t: penalty at window_days from the story
    k: int = 10  # neighbours retrieved per item
    exact_limit: int = 512  # vectors per time bucket before HNSW takes over
    seed: int = 13  # HNSW seed

    def __post_init__(self) -> None:
        if not self.merge >= self.join:
            raise ConfigError(f"merge threshold {self.merge} is below join threshold {self.join}")
        if self.window_days <= 0 or self.k < 1 or self.entity_cap < 1:
            raise ConfigError("window_days must be > 0, k and entity_cap >= 1")
        if not 0.0 <= self.mean_weight <= 1.0:
            raise ConfigError(f"mean_weight {self.mean_weight} is not in [0, 1]")


# Tuned by grid search on the "tune" half of the Google News FR groups (titles only,
# spaCy entities; benchmarks/eval_clustering.py --tune; groups split by
# random.Random(0)), best BCubed F1 on that half over join 0.45-0.70, merge gap
# 0.05/0.1, char/char-max/title/entity weights and mean_weight 0.7/1.0; reported on
# the other half. "e5" has not been re-tuned with the char n-gram channel (off).
THRESHOLDS: dict[str, ClusterConfig] = {
    "use": ClusterConfig(
        join=0.6,
        merge=0.65,
        mean_weight=0.7,
        entity_weight=0.05,
        title_weight=0.3,
        char_weight=0.3,
        char_max_weight=0.3,
    ),
    "e5": ClusterConfig(
        join=0.91, merge=0.93, mean_weight=1.0, entity_weight=0.02, title_weight=0.05
    ),
}


def config_for(embedder: str = "use", **overrides: Any) -> ClusterConfig:
    """The tuned config of ``embedder``, with ``overrides`` applied."""
    try:
        base = THRESHOLDS[embedder]
    except KeyError:
        raise ConfigError(f"no clustering thresholds for embedder {embedder!r}") from None
    return replace(base, **overrides) if overrides else base


def story_id(first_article_id: str) -> str:
    """Stable story id derived from the id of the story's first article."""
    return "s-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


def unused_story_id(first_article_id: str, taken: Container[str]) -> str:
    """:func:`story_id`, or the full SHA-1 when that prefix is ``taken`` (a collision)."""
    sid = story_id(first_article_id)
    if sid in taken:
        sid = "s-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()
    return sid


_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = (
    "les des une aux par pour sur dans avec sans sous entre vers chez est sont ont "
    "ete qui que quoi dont quel quelle quels quelles mais donc car pas plus moins "
    "tout tous son ses leur leurs cette ces cet nos vos notre votre elle elles ils "
    "lui eux fait peut doit comme apres avant selon tres aussi encore deja the and "
    "for with from that this are was were has have will its into over after about"
)
_STOP = frozenset(_STOP_WORDS.split())


def title_words(title: str) -> frozenset[str]:
    """Content words of a title: accent-folded, lower-cased, stop words out, cut to 6 letters."""
    return frozenset(w[:6] for w in _WORD.findall(strip_accents(title.lower())) if w not in _STOP)


class WordWeights:
    """Inverse document frequency of title words over the items added so far.

    ``idf(w) = ln((n + 1) / (df(w) + 1)) + 1`` with ``n`` titles seen: a word
    shared by many titles ("soldes", "coronavirus") weighs less than a name
    seen twice. The counts grow with the stream, so for a given input order
    the weights, and the stories, are deterministic.
    """

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()
        self._squared: dict[str, float] = {}  # idf(w) ** 2 until the next add

    def add(self, words: frozenset[str]) -> None:
        self.n += 1
        self.df.update(words)
        self._squared.clear()

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df[word] + 1)) + 1.0

    def _sq(self, word: str) -> float:
        value = self._squared.get(word)
        if value is None:
            value = self._squared[word] = self.idf(word) ** 2
        return value

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Cosine of the IDF-weighted word sets ``a`` and ``b`` (0 when either is empty)."""
        shared = a & b
        if not shared:
            return 0.0
        sq = self._sq
        num = sum(sq(w) for w in shared)
        return num / math.sqrt(sum(sq(w) for w in a) * sum(sq(w) for w in b))


CHAR_BITS = 18  # hashed n-gram space: 2**18 buckets
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MUL = np.uint64(1_000_003)
_SHIFT = np.uint64(64 - CHAR_BITS)
CharVector = tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]
_NO_CHARS: CharVector = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


def fold(text: str) -> str:
    """Lower-cased, accents off, whitespace runs collapsed to one space."""
    return " ".join(strip_accents(text.lower()).split())


def char_ngrams(text: str, sizes: tuple[int, ...] = (3, 4, 5)) -> CharVector:
    """L2-normalised counts of the hashed character n-grams of ``fold(text)``.

    A sparse vector as ``(sorted bucket indices, values)``: polynomial rolling
    hashes over the code points (numpy, wrapping uint64), mixed and cut to
    ``CHAR_BITS`` bits, so it is the same in every process (no ``hash()``).
    """
    padded = f" {fold(text)} "
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    rolling = np.zeros(len(codes), dtype=np.uint64)
    parts = []
    for n in range(1, max(sizes) + 1):
        if n > len(codes):
            break
        rolling = rolling[: len(codes) - n + 1] * _MUL + codes[n - 1 :]
        if n in sizes:
            parts.append(rolling + np.uint64(n))
    if not parts:
        return _NO_CHARS
    buckets = ((np.concatenate(parts) * _MIX) >> _SHIFT).astype(np.int32)
    idx, counts = np.unique(buckets, return_counts=True)
    values = counts.astype(np.float32)
    values /= np.float32(np.linalg.norm(values))
    return idx.astype(np.int32), values


def days_of(published: datetime | None) -> float | None:
    """Days since the epoch (naive datetimes are taken as UTC)."""
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp() / 86400.0


@dataclass
class _Story:
    id: str
    key: tuple[float, str]  # (first article's days or +inf, first article id)
    members: list[int]
    total: npt.NDArray[np.float64]
    entities: Counter[str] = field(default_factory=Counter)
    t_min: float | None = None
    t_max: float | None = None

    def add_time(self, days: float | None) -> None:
        if days is None:
            return
        self.t_min = days if self.t_min is None else min(self.t_min, days)
        self.t_max = days if self.t_max is None else max(self.t_max, days)

    def time_gap(self, days: float | None) -> float:
        if days is None or self.t_min is None or self.t_max is None:
            return 0.0
        return max(0.0, self.t_min - days, days - self.t_max)


class IncrementalClusterer:
    """Online story clustering (see the module docstring for the decision rule)."""

    def __init__(self, embedder: str = "use", config: ClusterConfig | None = None) -> None:
        self.embedder = embedder
        self.config = config or config_for(embedder)
        self._ids: list[str] = []
        self._days: list[float | None] = []
        self._story_of: list[str] = []  # member index -> story id
        self._words: list[frozenset[str]] = []  # member index -> title words
        self._weights = WordWeights()  # IDF of title words over the items so far
        self._chars: list[CharVector] = []  # member index -> char n-grams
        self._dense: npt.NDArray[np.float32] | None = None  # scratch for one item's n-grams
        self._index_of: dict[str, int] = {}
        self._stories: dict[str, _Story] = {}
        self._index: TimeBucketedIndex | None = None
        self.merges = 0

    def __len__(self) -> int:
        return len(self._ids)

    def story_of(self, item_id: str) -> str:
        """The story an added item belongs to now (merges may change it)."""
        return self._story_of[self._index_of[item_id]]

    def stories(self) -> dict[str, list[str]]:
        """``{story id: [item ids in insertion order]}``, stories by creation order."""
        return {
            sid: [self._ids[m] for m in sorted(story.members)]
            for sid, story in self._stories.items()
        }

    def extend(self, items: Iterable[ClusterItem]) -> None:
        """Add ``items`` one by one, as :meth:`add` does."""
        for item in items:
            self.add(item)

    def add(self, item: ClusterItem) -> str:
        """Add ``item``; return the id of the story it joined (or started)."""
        if item.id in self._index_of:
            return self.story_of(item.id)
        cfg = self.config
        vector = self._check(item.vector)
        days = days_of(item.published)
        words = title_words(item.title) if cfg.title_weight else frozenset()
        chars = _NO_CHARS
        if cfg.char_weight or cfg.char_max_weight:
            chars = char_ngrams((item.text or item.title)[: cfg.char_chars])
        scored = self._score_candidates(item, vector, days, words, chars)
        if scored and scored[0][0] >= cfg.join:
            target = scored[0][1]
            for score, other in scored[1:]:
                if score >= cfg.merge:
                    target = self._merge(target, other)
        else:
            target = self._new_story(item.id, days)
        self._append(item, vector, days, words, chars, target)
        return target

    def _check(self, vector: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        cfg = self.config
        vec, self._index = index_for(
            vector, self._index, cfg.window_days, cfg.exact_limit, cfg.seed
        )
        return vec

    def _score_candidates(
        self,
        item: ClusterItem,
        vector: npt.NDArray[np.float32],
        days: float | None,
        words: frozenset[str],
        chars: CharVector,
    ) -> list[tuple[float, str]]:
        """Candidate stories as ``(score, story id)``, best first (ties: older story)."""
        assert self._index is not None
        cfg = self.config
        nearest: dict[str, float] = {}
        lexical: dict[str, float] = {}
        char_max: dict[str, float] = {}
        dense = self._scatter(chars)
        for label, sim in self._index.query(vector, days, cfg.k):
            other = self._days[label]
            if days is not None and other is not None and abs(days - other) > cfg.window_days:
                continue
            sid = self._story_of[label]
            nearest[sid] = max(sim, nearest.get(sid, -1.0))
            if words:
                lexical[sid] = max(
                    self._weights.cosine(words, self._words[label]), lexical.get(sid, 0.0)
                )
            if dense is not None:
                char_max[sid] = max(self._char_sim(dense, label), char_max.get(sid, 0.0))
        scored = []
        for sid, member_sim in nearest.items():
            story = self._stories[sid]
            # mean cosine to the members (average linkage): the sum vector over the
            # story size, so a diffuse story scores lower than its centroid would
            mean_sim = float(story.total @ vector) / len(story.members)
            score = cfg.mean_weight * mean_sim + (1 - cfg.mean_weight) * member_sim
            score += cfg.title_weight * lexical.get(sid, 0.0)
            if dense is not None:
                score += cfg.char_max_weight * char_max.get(sid, 0.0)
                if cfg.char_weight:
                    recent = story.members[-cfg.char_members :]
                    char_mean = sum(self._char_sim(dense, m) for m in recent) / len(recent)
                    score += cfg.char_weight * char_mean
            if item.entities:
                shared = sum(1 for e in item.entities if story.entities[e] > 0)
                score += cfg.entity_weight * min(shared, cfg.entity_cap) / cfg.entity_cap
            score -= cfg.time_weight * story.time_gap(days) / cfg.window_days
            scored.append((score, story))
        if dense is not None:
            dense[chars[0]] = 0.0
        scored.sort(key=lambda s: (-s[0], s[1].key))
        return [(score, story.id) for score, story in scored]

    def _scatter(self, chars: CharVector) -> npt.NDArray[np.float32] | None:
        """The dense form of ``chars`` in a reused buffer (None without n-grams)."""
        if not len(chars[0]):
            return None
        if self._dense is None:
            self._dense = np.zeros(1 << CHAR_BITS, dtype=np.float32)
        self._dense[chars[0]] = chars[1]
        return self._dense

    def _char_sim(self, dense: npt.NDArray[np.float32], label: int) -> float:
        idx, values = self._chars[label]
        return float(dense[idx] @ values)

    def _new_story(self, first_id: str, days: float | None) -> str:
        sid = unused_story_id(first_id, self._stories)
        key = (days if days is not None else math.inf, first_id)
        self._stories[sid] = _Story(sid, key, [], np.zeros(0, dtype=np.float64))
        return sid

    def _append(
        self,
        item: ClusterItem,
        vector: npt.NDArray[np.float32],
        days: float | None,
        words: frozenset[str],
        chars: CharVector,
        sid: str,
    ) -> None:
        assert self._index is not None
        label = len(self._ids)
        self._ids.append(item.id)
        self._days.append(days)
        self._story_of.append(sid)
        self._words.append(words)
        self._weights.add(words)
        self._chars.append(chars)
        self._index_of[item.id] = label
        story = self._stories[sid]
        story.members.append(label)
        story.total = story.total + vector if story.total.size else vector.astype(np.float64)
        story.entities.update(item.entities)
        story.add_time(days)
        self._index.add(label, vector, days)

    def _merge(self, a: str, b: str) -> str:
        """Merge stories ``a`` and ``b``; the one with the older first article survives."""
        keep, gone = (self._stories[a], self._stories[b])
        if gone.key < keep.key:
            keep, gone = gone, keep
        for label in gone.members:
            self._story_of[label] = keep.id
        keep.members.extend(gone.members)
        keep.total = keep.total + gone.total
        keep.entities.update(gone.entities)
        keep.add_time(gone.t_min)
        keep.add_time(gone.t_max)
        del self._stories[gone.id]
        self.merges += 1
        log.debug("story %s merged into %s", gone.id, keep.id)
        return keep.id
