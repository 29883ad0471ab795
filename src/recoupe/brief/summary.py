"""An extractive summary: a few sentences that cover the story, each with its sources."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Fact, SummaryItem
from .textnorm import overlap, shorten


def _importance(fact: Fact, n_sources: int) -> float:
    weight = len(fact.sources) / max(1, n_sources)
    return (
        weight * 2.0
        + min(fact.score, 3.0) * 0.2
        + (0.3 if fact.shared else 0.0)
        + 0.1 * fact.salience
    )


def build_summary(
    facts: Sequence[Fact],
    n_sources: int,
    min_items: int = 3,
    max_items: int = 5,
    redundancy: float = 0.6,
) -> list[SummaryItem]:
    """Pick shared facts first, then single-source ones, skipping near-repeats."""
    ranked = sorted(
        enumerate(facts),
        key=lambda pair: (-_importance(pair[1], n_sources), pair[0]),
    )
    chosen: list[tuple[int, Fact]] = []
    for position, fact in ranked:
        if len(chosen) >= max_items:
            break
        if any(overlap(fact.text, other.text) >= redundancy for _, other in chosen):
            continue
        if not fact.shared and len(chosen) >= min_items:
            continue
        chosen.append((position, fact))
    chosen.sort(
        key=lambda pair: min(e.start for e in pair[1].evidence if e.article == pair[1].sources[0])
    )
    chosen.sort(key=lambda pair: 0 if pair[1].shared else 1)
    return [SummaryItem(text=shorten(f.text, 400), sources=list(f.sources)) for _, f in chosen]
