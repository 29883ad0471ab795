"""Group articles into stories.

The role is :class:`Clusterer` (``add(item) -> story id``, ``stories()``). The
default implementation is :class:`LinkedClusterer`: a logistic pair model
(embedding cosine, character n-gram and title-word overlap, shared entities,
time decay) and average linkage over each article's nearest neighbours, which
re-links the stories as articles arrive so the partition does not depend on
their order (:mod:`recoupe.cluster.linkage`). :class:`IncrementalClusterer`
is the greedy online clusterer whose features it reuses
(:mod:`recoupe.cluster.incremental`). :func:`cluster_items` clusters a batch in
``(published, id)`` order. Partition metrics (BCubed, pairwise) are in
:mod:`recoupe.cluster.metrics`.
"""

from __future__ import annotations

from .incremental import (
    THRESHOLDS,
    ClusterConfig,
    Clusterer,
    ClusterItem,
    IncrementalClusterer,
    config_for,
    story_id,
)
from .linkage import LinkedClusterer, PairModel, cluster_items, pair_model

__all__ = [
    "THRESHOLDS",
    "ClusterConfig",
    "ClusterItem",
    "Clusterer",
    "IncrementalClusterer",
    "LinkedClusterer",
    "PairModel",
    "cluster_items",
    "config_for",
    "pair_model",
    "story_id",
]
