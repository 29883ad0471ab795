"""The ``Store`` role: what every storage backend offers, and its record types.

A store keeps the corpus between runs: articles (with revisions and wire-copy
links), their serialized spaCy ``Doc``, their embeddings, the stories they are
grouped into, rejected inputs and ingest runs (for resumption).

Timestamps are timezone-aware UTC ``datetime`` values. A story's
``first_seen``/``last_seen`` come from its articles' ``published`` date (UTC
midnight for a bare date), or their ingestion time when unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Literal, Protocol, Self, runtime_checkable

import numpy as np

from ..model import Article
from ..text import strip_accents

AddStatus = Literal["added", "unchanged", "revision"]
ItemStatus = Literal["added", "unchanged", "revision", "rejected"]


@dataclass(frozen=True)
class AddResult:
    """Outcome of :meth:`Store.add_article`."""

    status: AddStatus
    article_id: str
    previous_id: str | None = None


@dataclass
class StoredArticle:
    """One stored article revision with its storage metadata."""

    id: str
    text: str
    content_hash: str
    title: str = ""
    source: str = ""
    published: date | None = None
    language: str = ""
    url: str | None = None
    origin: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    ingested_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    revision: int = 1
    previous_id: str | None = None
    latest: bool = True
    duplicate_of: str | None = None
    story_id: str | None = None

    def to_article(self) -> Article:
        """A fresh :class:`Article` (without a ``Doc``) for this revision."""
        return Article(
            id=self.id,
            text=self.text,
            title=self.title,
            source=self.source,
            published=self.published,
            language=self.language,
            url=self.url,
            origin=self.origin,
            meta=dict(self.meta),
        )


@dataclass(frozen=True)
class StorySummary:
    """One line of a story listing."""

    id: str
    title: str
    sources: list[str]
    languages: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    size: int


@dataclass(frozen=True)
class StoryRecord:
    """A story with its (latest-revision) article ids, oldest first."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    article_ids: list[str]
    merged_into: str | None = None
    merged_from: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RejectRecord:
    """One rejected input: what, at which stage, why, when."""

    id: int
    item: str
    stage: str
    reason: str
    at: datetime
    run_id: str | None = None


@dataclass(frozen=True)
class RunRecord:
    """One ingest run and the count of its items per status."""

    id: str
    started_at: datetime
    finished_at: datetime | None
    params: dict[str, Any]
    counts: dict[str, int]


@runtime_checkable
class Store(Protocol):
    """A corpus store (SQLite by default, PostgreSQL optionally).

    Every write is its own transaction, so an interrupted ingest leaves whole
    articles only. Instances may be shared between threads (calls are
    serialized); separate instances, threads or processes read concurrently
    while one writes.
    """

    url: str

    # articles
    def add_article(
        self,
        article: Article,
        doc_bytes: bytes | None = None,
        vectors: Mapping[str, np.ndarray] | None = None,
        *,
        sentence_vectors: Mapping[str, np.ndarray] | None = None,
        annotator: str = "",
        run_id: str | None = None,
    ) -> AddResult: ...
    def get_article(self, article_id: str) -> StoredArticle: ...
    def has_article(self, article_id: str) -> bool: ...
    def count_articles(self, *, latest_only: bool = True) -> int: ...
    def iter_articles(
        self,
        *,
        since: datetime | None = None,
        language: str | None = None,
        source: str | None = None,
        latest_only: bool = True,
        batch_size: int = 500,
    ) -> Iterator[StoredArticle]: ...
    def set_annotation(self, article_id: str, doc_bytes: bytes, annotator: str = "") -> None: ...
    def get_doc_bytes(self, article_id: str) -> bytes | None: ...
    def get_annotator(self, article_id: str) -> str | None: ...
    def set_vectors(
        self,
        article_id: str,
        vectors: Mapping[str, np.ndarray],
        sentence_vectors: Mapping[str, np.ndarray] | None = None,
    ) -> None: ...
    def get_vectors(
        self, embedder: str, *, latest_only: bool = True, since: datetime | None = None
    ) -> tuple[list[str], np.ndarray]: ...
    def get_sentence_vectors(self, article_id: str, embedder: str) -> np.ndarray | None: ...
    def set_duplicate(self, article_id: str, of_id: str | None) -> None: ...

    # stories
    def assign_story(self, article_id: str, story_id: str, title: str | None = None) -> str: ...
    def merge_stories(self, src: str, dst: str) -> None: ...
    def list_stories(
        self,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]: ...
    def count_stories(
        self,
        since: datetime | None = None,
        lang: str | None = None,
        source: str | None = None,
        query: str | None = None,
    ) -> int: ...
    def get_story(self, story_id: str, *, follow: bool = True) -> StoryRecord: ...

    # rejects and runs
    def add_reject(self, item: str, stage: str, reason: str, run_id: str | None = None) -> int: ...
    def list_rejects(self, limit: int = 100, offset: int = 0) -> list[RejectRecord]: ...
    def start_run(
        self, run_id: str | None = None, params: Mapping[str, Any] | None = None
    ) -> str: ...
    def finish_run(self, run_id: str) -> None: ...
    def run_items(self, run_id: str) -> dict[str, str]: ...
    def get_run(self, run_id: str) -> RunRecord: ...

    def optimize(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for title search (``É`` -> ``e``)."""
    return strip_accents(text.casefold())


def like_pattern(query: str) -> str:
    """A ``LIKE`` pattern (escape char ``\\``) matching ``query`` anywhere, folded."""
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def seen_at(published: date | None, ingested_at: datetime) -> datetime:
    """The UTC instant a story listing sorts an article by."""
    if published is None:
        return ingested_at.astimezone(UTC)
    if isinstance(published, datetime):
        if published.tzinfo is None:
            return published.replace(tzinfo=UTC)
        return published.astimezone(UTC)
    return datetime(published.year, published.month, published.day, tzinfo=UTC)


def to_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_published(value: str | None) -> date | None:
    """Inverse of ``published.isoformat()`` (a date or a datetime)."""
    if not value:
        return None
    if len(value) == 10:
        return date.fromisoformat(value)
    return datetime.fromisoformat(value)
