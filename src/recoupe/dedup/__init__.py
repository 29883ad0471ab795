"""Near-duplicate detection: the same dispatch re-posted with small edits.

:class:`DuplicateIndex` (MinHash + LSH over shingles of normalised text)
answers "which earlier article is this a copy of?"; see
:mod:`recoupe.dedup.minhash`. :mod:`recoupe.dedup.synthetic` makes edited
copies for evaluation.
"""

from __future__ import annotations

from .minhash import DedupConfig, DuplicateIndex, normalise, shingles

__all__ = ["DedupConfig", "DuplicateIndex", "normalise", "shingles"]
