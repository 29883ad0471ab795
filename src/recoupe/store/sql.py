"""Logic shared by the SQL backends: transactions, migrations, articles, vectors.

Subclasses give the dialect: how to connect, begin/commit, convert timestamps
and JSON, and their ordered list of :class:`Migration` steps. SQL here is
written with ``?`` placeholders and no literal ``%``; each backend adapts it.
Stories, rejects and runs live in :mod:`recoupe.store.stories`.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ClassVar, Self

import numpy as np

from ..errors import MigrationError, NotFound, RecoupeError, StoreError
from ..model import Article
from .base import AddResult, StoredArticle, fold, parse_published, seen_at, to_utc
from .serialize import matrix_from_bytes, matrix_to_bytes, vector_to_bytes

log = logging.getLogger(__name__)

Row = tuple[Any, ...]

ARTICLE_COLUMNS = (
    "a.id, a.text, a.content_hash, a.title, a.source, a.published, a.language, a.url, "
    "a.origin, a.meta, a.ingested_at, a.revision, a.previous_id, a.latest, a.duplicate_of, "
    "sa.story_id"
)
ARTICLE_FROM = "articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"


@dataclass(frozen=True)
class Migration:
    """One schema step: ``version`` is reached by running ``statements`` in order."""

    version: int
    description: str
    statements: tuple[str, ...]


def utcnow() -> datetime:
    return datetime.now(UTC)


class ArticleStoreBase(ABC):
    """Connection plumbing, migrations, articles and vectors (see :class:`Store`)."""

    migrations: ClassVar[Sequence[Migration]] = ()
    url: str

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False
        self._known_runs: set[str] = set()  # ingest runs known to exist

    # ---- dialect hooks -------------------------------------------------
    @abstractmethod
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns a DB-API cursor."""

    @abstractmethod
    def _begin(self, write: bool) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _lock_schema(self) -> None:
        """Serialize concurrent migrations (called inside the migration transaction)."""

    @abstractmethod
    def _is_driver_error(self, exc: BaseException) -> bool: ...

    @abstractmethod
    def _ts(self, value: datetime) -> Any:
        """A UTC timestamp as the database stores it."""

    @abstractmethod
    def _from_ts(self, value: Any) -> datetime: ...

    @abstractmethod
    def _json(self, value: Mapping[str, Any]) -> Any: ...

    @abstractmethod
    def _from_json(self, value: Any) -> dict[str, Any]: ...

    # ---- plumbing --------------------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self._exec(sql, params).fetchall())

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row = self._exec(sql, params).fetchone()
        return None if row is None else tuple(row)

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[None]:
        """One transaction (nested calls join the outer one); driver errors -> StoreError."""
        with self._lock:
            if self._closed:
                raise StoreError(f"store {self.url} is closed")
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            try:
                self._begin(write)
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0
                self._commit()
            except BaseException as exc:
                self._safe_rollback()
                if isinstance(exc, RecoupeError) or not self._is_driver_error(exc):
                    raise
                raise StoreError(f"{type(exc).__name__}: {exc}") from exc

    def _safe_rollback(self) -> None:
        try:
            self._rollback()
        except Exception as exc:  # the connection may be gone already
            log.debug("rollback failed: %s", exc)

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    # ---- migrations ------------------------------------------------------
    @property
    def latest_version(self) -> int:
        return max((m.version for m in self.migrations), default=0)

    def schema_version(self) -> int:
        with self._tx(write=False):
            row = self._one("SELECT MAX(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        """Bring the schema up to date in one transaction (all steps or none)."""
        try:
            with self._tx():
                self._lock_schema()
                self._exec(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                row = self._one("SELECT MAX(version) FROM schema_version")
                current = int(row[0]) if row and row[0] is not None else 0
                if current > self.latest_version:
                    raise MigrationError(
                        f"{self.url}: schema version {current} is newer than this recoupe "
                        f"knows ({self.latest_version}); upgrade recoupe"
                    )
                for step in sorted(self.migrations, key=lambda m: m.version):
                    if step.version > current:
                        self._apply(step)
        except MigrationError:
            raise
        except StoreError as exc:
            raise MigrationError(f"{self.url}: migration failed: {exc}") from exc

    def _apply(self, step: Migration) -> None:
        log.info(
            "%s: migrating schema to version %d (%s)", self.url, step.version, step.description
        )
        for statement in step.statements:
            self._exec(statement)
        self._exec(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
            (step.version, step.description, utcnow().isoformat()),
        )

    # ---- articles --------------------------------------------------------
    def add_article(
        self,
        article: Article,
        doc_bytes: bytes | None = None,
        vectors: Mapping[str, np.ndarray] | None = None,
        *,
        sentence_vectors: Mapping[str, np.ndarray] | None = None,
        annotator: str = "",
        run_id: str | None = None,
    ) -> AddResult:
        """Store one article in its own transaction, idempotently.

        Same content hash as a stored article: ``unchanged`` (missing doc or
        vectors are filled in). Same canonical URL as the latest revision but
        other content: a new ``revision`` that takes over its story. Else
        ``added``. The id is ``article.id`` unless another article has it.
        """
        digest = article.hash
        with self._tx():
            row = self._one("SELECT id FROM articles WHERE content_hash = ?", (digest,))
            if row is not None:
                result = AddResult("unchanged", str(row[0]))
                self._put_annotation(result.article_id, doc_bytes, annotator, replace=False)
                self._put_vectors(result.article_id, vectors, sentence_vectors, replace=False)
            else:
                result = self._insert_article(article, digest)
                self._put_annotation(result.article_id, doc_bytes, annotator, replace=True)
                self._put_vectors(result.article_id, vectors, sentence_vectors, replace=True)
            if run_id is not None:
                self._record_item(
                    run_id, article.origin or article.id, result.status, result.article_id
                )
        return result

    def _insert_article(self, article: Article, digest: str) -> AddResult:
        previous: Row | None = None
        if article.url:
            previous = self._one(
                "SELECT id, revision FROM articles WHERE url = ? AND latest = ?",
                (article.url, True),
            )
        if previous is not None:
            self._exec("UPDATE articles SET latest = ? WHERE id = ?", (False, previous[0]))
        article_id = self._free_id(article.id or f"a{digest[:16]}", digest)
        now = utcnow()
        self._exec(
            "INSERT INTO articles (id, content_hash, url, title, title_fold, source, published, "
            "language, text, meta, origin, ingested_at, seen_at, revision, previous_id, latest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                digest,
                article.url or None,
                article.title,
                fold(article.title),
                article.source,
                article.published.isoformat() if article.published else None,
                article.language,
                article.text,
                self._json(article.meta),
                article.origin,
                self._ts(now),
                self._ts(seen_at(article.published, now)),
                int(previous[1]) + 1 if previous else 1,
                previous[0] if previous else None,
                True,
            ),
        )
        if previous is None:
            return AddResult("added", article_id)
        self._take_over_story(str(previous[0]), article_id)
        return AddResult("revision", article_id, previous_id=str(previous[0]))

    def _free_id(self, wanted: str, digest: str) -> str:
        candidate, n = wanted, 0
        while self._one("SELECT 1 FROM articles WHERE id = ?", (candidate,)) is not None:
            n += 1
            candidate = f"{wanted}~{digest[:12]}" + (f"-{n}" if n > 1 else "")
        return candidate

    def _take_over_story(self, old_id: str, new_id: str) -> None:
        """A new revision replaces the old one in its story."""
        row = self._one("SELECT story_id FROM story_articles WHERE article_id = ?", (old_id,))
        if row is None:
            return
        self._exec(
            "UPDATE story_articles SET article_id = ? WHERE article_id = ?", (new_id, old_id)
        )
        self._refresh_story(str(row[0]))

    @abstractmethod
    def _refresh_story(self, story_id: str) -> None: ...

    @abstractmethod
    def _record_item(self, run_id: str, item: str, status: str, article_id: str | None) -> None: ...

    def get_article(self, article_id: str) -> StoredArticle:
        with self._tx(write=False):
            row = self._one(
                f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?", (article_id,)
            )
        if row is None:
            raise NotFound(f"no article {article_id!r}")
        return self._article(row)

    def has_article(self, article_id: str) -> bool:
        with self._tx(write=False):
            return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def count_articles(self, *, latest_only: bool = True) -> int:
        where = " WHERE latest = ?" if latest_only else ""
        with self._tx(write=False):
            row = self._one(f"SELECT COUNT(*) FROM articles{where}", (True,) if latest_only else ())
        return int(row[0]) if row else 0

    def _article(self, row: Row) -> StoredArticle:
        return StoredArticle(
            id=row[0],
            text=row[1],
            content_hash=row[2],
            title=row[3],
            source=row[4],
            published=parse_published(row[5]),
            language=row[6],
            url=row[7],
            origin=row[8],
            meta=self._from_json(row[9]),
            ingested_at=self._from_ts(row[10]),
            revision=int(row[11]),
            previous_id=row[12],
            latest=bool(row[13]),
            duplicate_of=row[14],
            story_id=row[15],
        )

    def iter_articles(
        self,
        *,
        since: datetime | None = None,
        language: str | None = None,
        source: str | None = None,
        latest_only: bool = True,
        batch_size: int = 500,
    ) -> Iterator[StoredArticle]:
        """Articles in ingestion order, read in batches (each its own transaction)."""
        filters, params = [], []
        for cond, value in (
            ("a.latest = ?", True if latest_only else None),
            ("a.seen_at >= ?", self._ts(to_utc(since)) if since else None),
            ("a.language = ?", language),
            ("a.source = ?", source),
        ):
            if value is not None:
                filters.append(cond)
                params.append(value)
        where = "".join(f" AND {f}" for f in filters)
        last = 0
        while True:
            with self._tx(write=False):
                rows = self._all(
                    f"SELECT a.seq, {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} "
                    f"WHERE a.seq > ?{where} ORDER BY a.seq LIMIT ?",
                    (last, *params, batch_size),
                )
            for row in rows:
                yield self._article(row[1:])
            if len(rows) < batch_size:
                return
            last = int(rows[-1][0])

    def _require_article(self, article_id: str) -> None:
        if self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is None:
            raise NotFound(f"no article {article_id!r}")

    def set_duplicate(self, article_id: str, of_id: str | None) -> None:
        """Mark ``article_id`` as a (wire) copy of ``of_id``; None clears the link."""
        if of_id == article_id:
            raise StoreError(f"article {article_id!r} cannot duplicate itself")
        with self._tx():
            self._require_article(article_id)
            if of_id is not None:
                self._require_article(of_id)
            self._exec("UPDATE articles SET duplicate_of = ? WHERE id = ?", (of_id, article_id))

    # ---- annotations -----------------------------------------------------
    def set_annotation(self, article_id: str, doc_bytes: bytes, annotator: str = "") -> None:
        with self._tx():
            self._require_article(article_id)
            self._put_annotation(article_id, doc_bytes, annotator, replace=True)

    def _put_annotation(
        self, article_id: str, doc_bytes: bytes | None, annotator: str, replace: bool
    ) -> None:
        if doc_bytes is None:
            return
        conflict = (
            "DO UPDATE SET doc = excluded.doc, annotator = excluded.annotator, "
            "created_at = excluded.created_at"
            if replace
            else "DO NOTHING"
        )
        self._exec(
            "INSERT INTO annotations (article_id, doc, annotator, created_at) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT (article_id) {conflict}",
            (article_id, bytes(doc_bytes), annotator, self._ts(utcnow())),
        )

    def get_doc_bytes(self, article_id: str) -> bytes | None:
        """The serialized ``Doc`` (see :func:`doc_from_bytes`), None if not annotated."""
        with self._tx(write=False):
            self._require_article(article_id)
            row = self._one("SELECT doc FROM annotations WHERE article_id = ?", (article_id,))
        return None if row is None else bytes(row[0])

    def get_annotator(self, article_id: str) -> str | None:
        with self._tx(write=False):
            row = self._one("SELECT annotator FROM annotations WHERE article_id = ?", (article_id,))
        return None if row is None else str(row[0])

    # ---- vectors -----------------------------------------------------------
    def set_vectors(
        self,
        article_id: str,
        vectors: Mapping[str, np.ndarray],
        sentence_vectors: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        with self._tx():
            self._require_article(article_id)
            self._put_vectors(article_id, vectors, sentence_vectors, replace=True)

    def _put_vectors(
        self,
        article_id: str,
        vectors: Mapping[str, np.ndarray] | None,
        sentence_vectors: Mapping[str, np.ndarray] | None,
        replace: bool,
    ) -> None:
        for name, vector in (vectors or {}).items():
            data, dim = vector_to_bytes(vector)
            conflict = (
                "DO UPDATE SET dim = excluded.dim, vector = excluded.vector"
                if replace
                else "DO NOTHING"
            )
            self._exec(
                "INSERT INTO embeddings (article_id, embedder, dim, vector) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (article_id, embedder) {conflict}",
                (article_id, name, dim, data),
            )
        for name, matrix in (sentence_vectors or {}).items():
            data, rows, dim = matrix_to_bytes(matrix)
            conflict = (
                "DO UPDATE SET n_rows = excluded.n_rows, dim = excluded.dim, matrix = excluded.matrix"
                if replace
                else "DO NOTHING"
            )
            self._exec(
                "INSERT INTO sentence_embeddings (article_id, embedder, n_rows, dim, matrix) "
                f"VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, embedder) {conflict}",
                (article_id, name, rows, dim, data),
            )

    def get_vectors(
        self, embedder: str, *, latest_only: bool = True, since: datetime | None = None
    ) -> tuple[list[str], np.ndarray]:
        """Article ids (ingestion order) and their float32 vectors, one row each; ``since``
        keeps the articles :meth:`iter_articles` keeps for it (seen at or after)."""
        where = " WHERE e.embedder = ?"
        params: list[Any] = [embedder]
        if latest_only:
            where += " AND a.latest = ?"
            params.append(True)
        if since is not None:
            where += " AND a.seen_at >= ?"
            params.append(self._ts(to_utc(since)))
        with self._tx(write=False):
            rows = self._all(
                "SELECT e.article_id, e.dim, e.vector FROM embeddings e "
                f"JOIN articles a ON a.id = e.article_id{where} ORDER BY a.seq",
                tuple(params),
            )
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        dims = {int(r[1]) for r in rows}
        if len(dims) > 1:
            raise StoreError(f"embedder {embedder!r} has vectors of several sizes: {sorted(dims)}")
        matrix = matrix_from_bytes(b"".join(bytes(r[2]) for r in rows), len(rows), dims.pop())
        return [str(r[0]) for r in rows], matrix

    def get_sentence_vectors(self, article_id: str, embedder: str) -> np.ndarray | None:
        with self._tx(write=False):
            row = self._one(
                "SELECT n_rows, dim, matrix FROM sentence_embeddings WHERE article_id = ? AND embedder = ?",
                (article_id, embedder),
            )
        return None if row is None else matrix_from_bytes(bytes(row[2]), int(row[0]), int(row[1]))
