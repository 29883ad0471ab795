"""Group aligned sentences into facts: shared by several sources, or single-source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .align import Link
from .model import Evidence, Fact
from .units import Unit

Key = tuple[str, int]


class _Groups:
    """Union-find that refuses merges putting too many sentences of one article together."""

    def __init__(self, keys: Sequence[Key], max_per_article: int) -> None:
        self.parent = {k: k for k in keys}
        self.members: dict[Key, list[Key]] = {k: [k] for k in keys}
        self.max_per_article = max_per_article

    def find(self, k: Key) -> Key:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        merged = self.members[ra] + self.members[rb]
        per_article: dict[str, int] = defaultdict(int)
        for art, _ in merged:
            per_article[art] += 1
        if max(per_article.values()) > self.max_per_article:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] = sorted(merged)
        del self.members[rb]

    def groups(self) -> list[list[Key]]:
        return [m for r, m in sorted(self.members.items()) if self.find(r) == r]


def _representative(units: list[Unit], weight: dict[Key, float]) -> Unit:
    body = [u for u in units if not u.headline] or units
    return max(
        body,
        key=lambda u: (weight.get(u.key, 0.0), -len(u.text) if len(u.text) > 400 else 0, -u.index),
    )


def build_facts(
    units: Sequence[Unit],
    links: Sequence[Link],
    order: Sequence[str],
    max_per_article: int = 3,
) -> tuple[list[Fact], dict[Key, int]]:
    """Facts from linked units; returns the facts and each unit's fact index."""
    by_key = {u.key: u for u in units}
    groups = _Groups([u.key for u in units], max_per_article)
    weight: dict[Key, float] = defaultdict(float)
    for link in sorted(links, key=lambda lk: (-lk.score, lk.a, lk.b)):
        groups.union(link.a, link.b)
    for link in links:
        if groups.find(link.a) == groups.find(link.b):
            weight[link.a] += link.score
            weight[link.b] += link.score
    rank = {art: i for i, art in enumerate(order)}
    candidates: list[tuple[Fact, list[Key]]] = []
    for members in groups.groups():
        group_units = sorted((by_key[k] for k in members), key=lambda u: (rank[u.article], u.index))
        sources = sorted({u.article for u in group_units}, key=rank.__getitem__)
        shared = len(sources) > 1
        if not shared and group_units[0].headline:
            continue
        rep = _representative(group_units, weight)
        fact = Fact(
            text=rep.text,
            sources=sources,
            shared=shared,
            evidence=[Evidence(u.article, u.text, u.start, u.end) for u in group_units],
            score=sum(weight[u.key] for u in group_units),
            salience=max(_salience(u) for u in group_units),
        )
        candidates.append((fact, [u.key for u in group_units]))
    candidates.sort(
        key=lambda c: (not c[0].shared, -len(c[0].sources), _first_position(c[0], rank))
    )
    index = {k: i for i, (_, keys) in enumerate(candidates) for k in keys}
    return [fact for fact, _ in candidates], index


def _first_position(fact: Fact, rank: dict[str, int]) -> tuple[int, int]:
    return min((rank[e.article], e.start) for e in fact.evidence)


def _salience(unit: Unit) -> float:
    """How much checkable content a sentence carries: names, numbers, dates, quotes."""
    return min(
        4.0,
        0.5 * len(unit.entities) + len(unit.numbers) + 0.5 * len(unit.dates) + 0.5 * unit.quoted,
    )
