"""Story clustering references: Google News FR groups and an event-level human grouping.

* :func:`load_gnews`: the 1,332 titles of ``gnews-fr-titles/clusters.jsonl``
  (shared data) with Google News' own group of each, item ids
  ``g<cluster_id:03d>-<position>``;
* :func:`human_batches`: the same titles grouped by hand into event-level
  stories, one section batch at a time (``data/gold/stories-gnews-fr``, see
  its GUIDE.md);
* :func:`against_humans`: BCubed of the human grouping and of a clusterer
  against Google's, and of the clusterer against the humans, batch by batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..cluster.metrics import PRF, bcubed
from ..errors import ConfigError

STORY_GOLD = (
    Path(__file__).resolve().parents[3] / "data" / "gold" / "stories-gnews-fr" / "groups.jsonl"
)


def load_gnews(root: Path) -> tuple[list[str], list[str], dict[str, int]]:
    """Item ids, titles and Google group of each title, in file order."""
    ids, titles, gold = [], [], {}
    with open(root / "gnews-fr-titles" / "clusters.jsonl", encoding="utf-8") as fh:
        for line in fh:
            group = json.loads(line)
            for i, title in enumerate(group["titles"]):
                ids.append(f"g{group['cluster_id']:03d}-{i}")
                titles.append(title)
                gold[ids[-1]] = group["cluster_id"]
    return ids, titles, gold


@dataclass(frozen=True)
class HumanBatch:
    """The titles of some section pages and the editors' story of each."""

    number: int
    sections: tuple[str, ...]
    labels: dict[str, int]  # item id -> human group (its line in the file)


def human_batches(path: Path = STORY_GOLD) -> list[HumanBatch]:
    """The human grouping, batch by batch (batches in file order).

    Raises ConfigError when a title is in two groups.
    """
    found: dict[int, HumanBatch] = {}
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for group, line in enumerate(fh, 1):
            row = json.loads(line)
            twice = seen.intersection(row["items"])
            if twice or len(set(row["items"])) < len(row["items"]):
                raise ConfigError(f"{path}:{group}: title in two groups: {sorted(twice)}")
            seen.update(row["items"])
            batch = found.setdefault(
                row["batch"], HumanBatch(row["batch"], tuple(row["sections"]), {})
            )
            batch.labels.update(dict.fromkeys(row["items"], group))
    return list(found.values())


@dataclass(frozen=True)
class HumanComparison:
    """BCubed on one batch: humans vs Google, clusterer vs Google, clusterer vs humans."""

    batch: HumanBatch
    google_groups: int
    stories: int
    human_vs_google: PRF
    clusterer_vs_google: PRF
    clusterer_vs_human: PRF


def against_humans(
    batches: list[HumanBatch],
    google: Mapping[str, int],
    cluster: Callable[[list[str]], Mapping[str, str]],
) -> list[HumanComparison]:
    """Compare, batch by batch; ``cluster(ids)`` clusters those items alone (story of each)."""
    rows = []
    for batch in batches:
        ids = sorted(batch.labels)
        truth = {i: google[i] for i in ids}
        pred = dict(cluster(ids))
        rows.append(
            HumanComparison(
                batch,
                len(set(truth.values())),
                len(set(pred.values())),
                bcubed(batch.labels, truth),  # type: ignore[arg-type]
                bcubed(pred, truth),  # type: ignore[arg-type]
                bcubed(pred, batch.labels),  # type: ignore[arg-type]
            )
        )
    return rows


def weighted(rows: list[HumanComparison], pick: Callable[[HumanComparison], PRF]) -> PRF:
    """Precision and recall averaged over the batches, weighted by their titles (F1 of those)."""
    sizes = [len(r.batch.labels) for r in rows]
    total = sum(sizes)
    precision = sum(n * pick(r).precision for n, r in zip(sizes, rows, strict=True)) / total
    recall = sum(n * pick(r).recall for n, r in zip(sizes, rows, strict=True)) / total
    return PRF.of(precision, recall)
