"""Agreement between two partitions of the same items: BCubed and pairwise P/R/F1.

A partition is given either as ``{item: label}`` (:func:`bcubed`,
:func:`pairwise`) or as ``{story: [items]}`` (convert it with
:func:`labels_from_groups`). Both scores are computed from the contingency
table, so they run in O(items).

* BCubed (Bagga & Baldwin 1998; Amigó et al. 2009): for each item, precision
  is the share of its predicted cluster that shares its gold class, recall the
  share of its gold class that lies in its predicted cluster; both averaged
  over items (an item counts as its own pair).
* Pairwise: precision and recall over the unordered pairs of distinct items
  put together by the prediction / by the gold. With no pair on a side the
  score for that side is 1.0 (nothing claimed, nothing missed).

:func:`merge_relisted` prepares a gold partition gathered from several listing
pages (Google News sections): groups that share an identical member text are
the same story listed twice and become one class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

__all__ = ["PRF", "bcubed", "labels_from_groups", "merge_relisted", "pairwise"]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


def labels_from_groups(groups: Mapping[str, Iterable[Hashable]]) -> dict[Hashable, str]:
    """``{story: [items]}`` → ``{item: story}``; an item in two groups is an error."""
    labels: dict[Hashable, str] = {}
    for label, items in groups.items():
        for item in items:
            if item in labels:
                raise ValueError(f"item {item!r} is in groups {labels[item]!r} and {label!r}")
            labels[item] = label
    return labels


def _table(
    pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    if pred.keys() != gold.keys():
        only_pred = len(pred.keys() - gold.keys())
        only_gold = len(gold.keys() - pred.keys())
        raise ValueError(
            f"partitions cover different items ({only_pred} only predicted, {only_gold} only gold)"
        )
    cells: Counter[tuple[Hashable, Hashable]] = Counter((pred[i], gold[i]) for i in pred)
    pred_sizes: Counter[Hashable] = Counter(pred.values())
    gold_sizes: Counter[Hashable] = Counter(gold.values())
    return cells, pred_sizes, gold_sizes


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """BCubed precision, recall and F1 of ``pred`` against ``gold`` (same items)."""
    if not pred and not gold:
        return PRF(1.0, 1.0, 1.0)
    cells, pred_sizes, gold_sizes = _table(pred, gold)
    n = len(pred)
    precision = sum(c * c / pred_sizes[p] for (p, _), c in cells.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_, g), c in cells.items()) / n
    return PRF.of(precision, recall)


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """Pair-counting precision, recall and F1 of ``pred`` against ``gold``."""
    cells, pred_sizes, gold_sizes = _table(pred, gold)
    together = sum(_pairs(c) for c in cells.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    gold_pairs = sum(_pairs(c) for c in gold_sizes.values())
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return PRF.of(precision, recall)


def merge_relisted(texts: Mapping[str, str], gold: Mapping[str, int]) -> dict[str, int]:
    """``gold`` with the classes that share an identical text (case, spaces folded) merged.

    ``texts`` maps each item to its text; a merged class keeps its smallest label.
    """
    parent = {label: label for label in gold.values()}

    def root(label: int) -> int:
        while parent[label] != label:
            label = parent[label]
        return label

    first: dict[str, int] = {}
    for item, label in gold.items():
        key = " ".join(texts[item].lower().split())
        if key in first:
            low, high = sorted((root(label), root(first[key])))
            parent[high] = low
        else:
            first[key] = label
    return {item: root(label) for item, label in gold.items()}
