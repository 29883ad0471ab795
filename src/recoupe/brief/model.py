"""The brief: what a story's sources agree on, what one reports, where they differ.

``Brief.to_dict()`` is the stable JSON contract documented in README.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    source: str
    published: str | None
    language: str
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Evidence:
    article: str
    sentence: str
    start: int
    end: int


@dataclass
class Fact:
    text: str
    sources: list[str]
    shared: bool
    evidence: list[Evidence]
    score: float = 0.0
    salience: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sources": self.sources,
            "shared": self.shared,
            "evidence": [asdict(e) for e in self.evidence],
        }


@dataclass(frozen=True)
class Claim:
    article: str
    text: str
    value: str


@dataclass
class Contradiction:
    """``revised_in``: for a number, the source whose sentence says the figure was
    revised (`le bilan s'est alourdi à quatre morts`): an update more than a disagreement."""

    about: str
    kind: str
    claims: list[Claim]
    revised_in: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "kind": self.kind,
            "claims": [asdict(c) for c in self.claims],
            "revised_in": self.revised_in,
        }


@dataclass(frozen=True)
class QuoteRow:
    """``inferred``: no cue named the speaker, a learned ranking chose it from context."""

    speaker: str | None
    text: str
    article: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    sources: tuple[str, ...] = ()
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sources"] = list(self.sources)
        return out


@dataclass(frozen=True)
class EntityRef:
    name: str
    type: str
    mentions: dict[str, int]


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    granularity: str
    text: str
    sources: list[str]


@dataclass(frozen=True)
class SummaryItem:
    text: str
    sources: list[str]


@dataclass
class Brief:
    articles: list[ArticleRef]
    facts: list[Fact] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    entities: list[EntityRef] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    summary: list[SummaryItem] = field(default_factory=list)

    @property
    def shared_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.shared]

    @property
    def single_source_facts(self) -> list[Fact]:
        return [f for f in self.facts if not f.shared]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [asdict(a) for a in self.articles],
            "facts": [f.to_dict() for f in self.facts],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [asdict(e) for e in self.entities],
            "timeline": [asdict(t) for t in self.timeline],
            "summary": [asdict(s) for s in self.summary],
        }
