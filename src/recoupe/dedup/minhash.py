"""Near-duplicate (wire copy) detection with MinHash + LSH (datasketch).

Text is normalised (NFKD, accents and case folded, anything not a letter or a
digit becomes a space) and cut into shingles: character ``k``-grams by
default (a typo touches only ``k`` of them) or word ``k``-shingles. Each text
gets a 128-permutation MinHash with a fixed seed, shingles hashed with CRC-32
(deterministic across processes and ~3x faster than datasketch's SHA-1); an LSH index set below the
decision threshold proposes candidates, and a candidate counts when the
MinHash Jaccard estimate reaches ``threshold``.

State is the ordered ids and the MinHash signatures; :meth:`DuplicateIndex.to_bytes`
writes them as a numpy ``.npz`` (no pickle) and :meth:`DuplicateIndex.from_bytes`
rebuilds the same index.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zlib
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from ..errors import ConfigError
from ..text import strip_accents

log = logging.getLogger(__name__)

__all__ = ["DedupConfig", "DuplicateIndex", "normalise", "shingles"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = 0.7  # Jaccard estimate at which two texts are near-duplicates
    num_perm: int = 128
    seed: int = 1
    shingle: str = "char"  # "char" k-grams or "word" k-shingles
    k: int = 5
    lsh_margin: float = 0.2  # LSH runs at threshold - margin, candidates are then checked
    scheme: str = "affine32"  # datasketch hashing scheme (kept so stored state reloads)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(f"dedup threshold {self.threshold} is not in (0, 1]")
        if self.shingle not in ("char", "word") or self.k < 1:
            raise ConfigError(f"bad shingling {self.shingle!r} k={self.k}")


def normalise(text: str) -> str:
    """Lower-case, accent-folded text with every non-alphanumeric run as one space."""
    return _NON_ALNUM.sub(" ", strip_accents(text.lower())).strip()


def shingles(text: str, kind: str = "char", k: int = 5) -> set[bytes]:
    """The shingle set of ``text`` (normalised first); a short text is one shingle."""
    norm = normalise(text)
    if not norm:
        return set()
    if kind == "word":
        words = norm.split()
        if len(words) <= k:
            return {" ".join(words).encode()}
        return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}
    if len(norm) <= k:
        return {norm.encode()}
    return {norm[i : i + k].encode() for i in range(len(norm) - k + 1)}


class DuplicateIndex:
    """Remembers texts by id and tells which earlier one a new text near-duplicates."""

    def __init__(self, threshold: float = 0.7, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig(threshold=threshold)
        cfg = self.config
        self._lsh = MinHashLSH(
            threshold=max(0.05, cfg.threshold - cfg.lsh_margin), num_perm=cfg.num_perm
        )
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._signatures: list[npt.NDArray[np.uint64]] = []
        self._matches: dict[str, str | None] = {}
        self._template = MinHash(
            num_perm=cfg.num_perm, seed=cfg.seed, hashfunc=zlib.crc32, scheme=cfg.scheme
        )

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def _minhash(self, text: str) -> MinHash | None:
        grams = shingles(text, self.config.shingle, self.config.k)
        if not grams:
            return None
        mh = self._template.copy()
        mh.update_batch(sorted(grams))
        return mh

    def _candidates(self, mh: MinHash) -> list[tuple[str, float]]:
        hits = []
        for key in self._lsh.query(mh):
            row = self._row[key]
            jaccard = float(np.mean(self._signatures[row] == mh.hashvalues))
            if jaccard >= self.config.threshold:
                hits.append((row, jaccard))
        hits.sort(key=lambda h: (-h[1], h[0]))
        return [(self._ids[row], jaccard) for row, jaccard in hits]

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stored ids whose Jaccard estimate with ``text`` reaches the threshold, best first."""
        mh = self._minhash(text)
        return [] if mh is None else self._candidates(mh)

    def add(self, article_id: str, text: str) -> str | None:
        """Store ``text``; return the best earlier near-duplicate's id, or ``None``.

        Ties go to the earliest stored article. Adding an id again changes
        nothing and returns what its first addition returned.
        """
        if article_id in self._matches:
            return self._matches[article_id]
        mh = self._minhash(text)
        hits = [] if mh is None else self._candidates(mh)
        match = hits[0][0] if hits else None
        self._matches[article_id] = match
        if mh is not None:
            self._insert(article_id, mh)
        return match

    def _insert(self, article_id: str, mh: MinHash) -> None:
        self._row[article_id] = len(self._ids)
        self._ids.append(article_id)
        self._signatures.append(np.asarray(mh.hashvalues, dtype=np.uint64))
        self._lsh.insert(article_id, mh)

    def _from_signature(self, values: npt.NDArray[np.uint64]) -> MinHash:
        template = self._template
        return MinHash(
            seed=self.config.seed,
            hashvalues=values,
            permutations=template.permutations,
            hashfunc=zlib.crc32,
            scheme=self.config.scheme,
        )

    def match_of(self, article_id: str) -> str | None:
        """What :meth:`add` returned for ``article_id`` (KeyError if never added)."""
        return self._matches[article_id]

    def to_bytes(self) -> bytes:
        """The index as a pickle-free ``.npz``: config, ids, signatures, matches."""
        buf = io.BytesIO()
        ids = list(self._matches)
        np.savez_compressed(
            buf,
            config=np.array(json.dumps(asdict(self.config))),
            ids=np.array(ids, dtype=str),
            matches=np.array([self._matches[i] or "" for i in ids], dtype=str),
            stored=np.array(self._ids, dtype=str),
            signatures=np.array(self._signatures, dtype=np.uint64).reshape(
                len(self._ids), self.config.num_perm
            ),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> DuplicateIndex:
        """Rebuild an index written by :meth:`to_bytes`."""
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            config = DedupConfig(**json.loads(str(npz["config"])))
            index = cls(config=config)
            for article_id, match in zip(npz["ids"], npz["matches"], strict=True):
                index._matches[str(article_id)] = str(match) or None
            for article_id, values in zip(npz["stored"], npz["signatures"], strict=True):
                index._insert(str(article_id), index._from_signature(values))
        return index
