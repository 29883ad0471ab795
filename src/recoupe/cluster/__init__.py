"""Group articles into stories.

The role is :class:`Clusterer` (``add(item) -> story id``, ``stories()``); the
default implementation is :class:`IncrementalClusterer` (embedding cosine to
story members, character n-gram and title-word overlap, shared entities, time
decay; undated articles are compared with stories of every date; see
:mod:`recoupe.cluster.incremental`). :func:`cluster_items` clusters a batch in
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
    cluster_items,
    config_for,
    story_id,
)

__all__ = [
    "THRESHOLDS",
    "ClusterConfig",
    "ClusterItem",
    "Clusterer",
    "IncrementalClusterer",
    "cluster_items",
    "config_for",
    "story_id",
]
