"""The default store: one SQLite file in WAL mode (one writer, many readers).

Writes take the write lock up front (``BEGIN IMMEDIATE``) and wait up to
``timeout`` seconds for another writer (``busy_timeout``); readers never block
and are never blocked. ``synchronous=NORMAL``: a committed article survives a
crash of the process (not necessarily a power cut of the machine).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import StoreError
from .sql import Migration
from .stories import SQLStore

log = logging.getLogger(__name__)

DEFAULT_FILENAME = "corpus.sqlite3"

SQLITE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, annotations, embeddings, stories, rejects, ingest runs",
        (
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL UNIQUE,
                url TEXT,
                title TEXT NOT NULL DEFAULT '',
                title_fold TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',
                published TEXT,
                language TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL,
                meta TEXT NOT NULL DEFAULT '{}',
                origin TEXT NOT NULL DEFAULT '',
                ingested_at TEXT NOT NULL,
                seen_at TEXT NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                previous_id TEXT REFERENCES articles(id),
                latest INTEGER NOT NULL DEFAULT 1,
                duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL)""",
            "CREATE UNIQUE INDEX articles_latest_url ON articles(url) WHERE url IS NOT NULL AND latest = 1",
            "CREATE INDEX articles_url ON articles(url)",
            "CREATE INDEX articles_seen ON articles(seen_at)",
            """CREATE TABLE annotations (
                article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                doc BLOB NOT NULL,
                annotator TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL)""",
            """CREATE TABLE embeddings (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                embedder TEXT NOT NULL,
                dim INTEGER NOT NULL,
                vector BLOB NOT NULL,
                PRIMARY KEY (article_id, embedder))""",
            "CREATE INDEX embeddings_embedder ON embeddings(embedder)",
            """CREATE TABLE sentence_embeddings (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                embedder TEXT NOT NULL,
                n_rows INTEGER NOT NULL,
                dim INTEGER NOT NULL,
                matrix BLOB NOT NULL,
                PRIMARY KEY (article_id, embedder))""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL DEFAULT '',
                title_fold TEXT NOT NULL DEFAULT '',
                titles_fold TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                size INTEGER NOT NULL DEFAULT 0,
                first_seen TEXT,
                last_seen TEXT,
                merged_into TEXT REFERENCES stories(id),
                merged_at TEXT)""",
            "CREATE INDEX stories_live ON stories(last_seen DESC, id) WHERE merged_into IS NULL",
            "CREATE INDEX stories_merged ON stories(merged_into) WHERE merged_into IS NOT NULL",
            """CREATE TABLE story_articles (
                article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                story_id TEXT NOT NULL REFERENCES stories(id))""",
            "CREATE INDEX story_articles_story ON story_articles(story_id)",
            """CREATE TABLE rejects (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                item TEXT NOT NULL,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TEXT NOT NULL,
                run_id TEXT)""",
            """CREATE TABLE ingest_runs (
                id TEXT PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                params TEXT NOT NULL DEFAULT '{}')""",
            """CREATE TABLE ingest_items (
                run_id TEXT NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
                item TEXT NOT NULL,
                status TEXT NOT NULL,
                article_id TEXT REFERENCES articles(id),
                at TEXT NOT NULL,
                PRIMARY KEY (run_id, item))""",
        ),
    ),
)


def default_path() -> Path:
    """``<user data dir>/recoupe/corpus.sqlite3`` (platform-specific)."""
    return Path(platformdirs.user_data_dir("recoupe")) / DEFAULT_FILENAME


class SQLiteStore(SQLStore):
    """A corpus in one SQLite file (``:memory:`` for a throw-away store)."""

    migrations = SQLITE_MIGRATIONS

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0) -> None:
        super().__init__()
        self.path = Path(path).expanduser() if path is not None else default_path()
        memory = str(path) == ":memory:"
        self.url = f"sqlite:///{self.path}"
        try:
            if not memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if not memory and str(mode).lower() != "wal":
                log.warning("%s: could not switch to WAL (journal_mode=%s)", self.path, mode)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open SQLite store {self.path}: {exc}") from exc
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise
        log.debug("opened %s", self.url)

    def integrity_check(self) -> list[str]:
        """SQLite's ``PRAGMA integrity_check`` and ``foreign_key_check`` problems (empty: fine)."""
        with self._tx(write=False):
            problems = [str(r[0]) for r in self._all("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {tuple(r)}" for r in self._all("PRAGMA foreign_key_check")]
        return problems

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large ingest)."""
        with self._tx():
            self._exec("ANALYZE")

    # ---- dialect hooks -----------------------------------------------------
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, tuple(params))

    def _begin(self, write: bool) -> None:
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _close(self) -> None:
        self._conn.close()

    def _lock_schema(self) -> None:
        """``BEGIN IMMEDIATE`` already holds the database's write lock."""

    def _is_driver_error(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.Error)

    def _ts(self, value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def _from_ts(self, value: Any) -> datetime:
        return datetime.fromisoformat(str(value)).astimezone(UTC)

    def _json(self, value: Mapping[str, Any]) -> str:
        return json.dumps(dict(value), ensure_ascii=False, default=str)

    def _from_json(self, value: Any) -> dict[str, Any]:
        loaded = json.loads(value) if value else {}
        return loaded if isinstance(loaded, dict) else {"value": loaded}
