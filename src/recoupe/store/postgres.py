"""The PostgreSQL store (optional extra ``recoupe[postgres]``, psycopg 3).

``postgresql://user:password@host:port/db`` as usual; a recoupe-only query
parameter ``schema=NAME`` keeps the tables in that schema (created if absent),
which lets several corpora or test runs share one database.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import ConfigError, MissingDependency, StoreError
from .sql import Migration
from .stories import SQLStore

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'recoupe[postgres]'"
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")

POSTGRES_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, annotations, embeddings, stories, rejects, ingest runs",
        (
            """CREATE TABLE articles (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL UNIQUE,
                url TEXT,
                title TEXT NOT NULL DEFAULT '',
                title_fold TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',
                published TEXT,
                language TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL,
                meta JSONB NOT NULL DEFAULT '{}',
                origin TEXT NOT NULL DEFAULT '',
                ingested_at TIMESTAMPTZ NOT NULL,
                seen_at TIMESTAMPTZ NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                previous_id TEXT REFERENCES articles(id),
                latest BOOLEAN NOT NULL DEFAULT TRUE,
                duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL)""",
            "CREATE UNIQUE INDEX articles_latest_url ON articles(url) WHERE url IS NOT NULL AND latest",
            "CREATE INDEX articles_url ON articles(url)",
            "CREATE INDEX articles_seen ON articles(seen_at)",
            """CREATE TABLE annotations (
                article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                doc BYTEA NOT NULL,
                annotator TEXT NOT NULL DEFAULT '',
                created_at TIMESTAMPTZ NOT NULL)""",
            """CREATE TABLE embeddings (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                embedder TEXT NOT NULL,
                dim INTEGER NOT NULL,
                vector BYTEA NOT NULL,
                PRIMARY KEY (article_id, embedder))""",
            "CREATE INDEX embeddings_embedder ON embeddings(embedder)",
            """CREATE TABLE sentence_embeddings (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                embedder TEXT NOT NULL,
                n_rows INTEGER NOT NULL,
                dim INTEGER NOT NULL,
                matrix BYTEA NOT NULL,
                PRIMARY KEY (article_id, embedder))""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL DEFAULT '',
                title_fold TEXT NOT NULL DEFAULT '',
                titles_fold TEXT NOT NULL DEFAULT '',
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                size INTEGER NOT NULL DEFAULT 0,
                first_seen TIMESTAMPTZ,
                last_seen TIMESTAMPTZ,
                merged_into TEXT REFERENCES stories(id),
                merged_at TIMESTAMPTZ)""",
            "CREATE INDEX stories_live ON stories(last_seen DESC, id) WHERE merged_into IS NULL",
            "CREATE INDEX stories_merged ON stories(merged_into) WHERE merged_into IS NOT NULL",
            """CREATE TABLE story_articles (
                article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                story_id TEXT NOT NULL REFERENCES stories(id))""",
            "CREATE INDEX story_articles_story ON story_articles(story_id)",
            """CREATE TABLE rejects (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item TEXT NOT NULL,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TIMESTAMPTZ NOT NULL,
                run_id TEXT)""",
            """CREATE TABLE ingest_runs (
                id TEXT PRIMARY KEY,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                params JSONB NOT NULL DEFAULT '{}')""",
            """CREATE TABLE ingest_items (
                run_id TEXT NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
                item TEXT NOT NULL,
                status TEXT NOT NULL,
                article_id TEXT REFERENCES articles(id),
                at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (run_id, item))""",
        ),
    ),
)


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """``?`` placeholders -> psycopg's ``%s`` (the shared SQL holds no literal ``%``)."""
    return sql.replace("?", "%s")


def split_url(url: str) -> tuple[str, str | None]:
    """The libpq URL without recoupe's ``schema`` parameter, and that schema."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [v for k, v in query if k == "schema"]
    rest = [(k, v) for k, v in query if k != "schema"]
    return urlunsplit(parts._replace(query=urlencode(rest))), (schemas[-1] if schemas else None)


def redact(url: str) -> str:
    """The URL without its password (for logs and messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


class PostgresStore(SQLStore):
    """A corpus in a PostgreSQL database (optionally in its own schema)."""

    migrations = POSTGRES_MIGRATIONS

    def __init__(self, url: str, *, schema: str | None = None, connect_timeout: int = 10) -> None:
        super().__init__()
        try:
            import psycopg
            from psycopg.types.json import Jsonb
        except ImportError as exc:
            raise MissingDependency("psycopg", INSTALL_HINT) from exc
        self._psycopg = psycopg
        self._jsonb = Jsonb
        conninfo, url_schema = split_url(url)
        self.schema = schema or url_schema
        if self.schema is not None and not _SCHEMA_NAME.match(self.schema):
            raise ConfigError(f"bad PostgreSQL schema name {self.schema!r}")
        self.url = redact(url)
        try:
            self._conn = psycopg.connect(
                conninfo, autocommit=False, connect_timeout=connect_timeout
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.url}: {exc}") from exc
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise
        log.debug("opened %s", self.url)

    def drop_schema(self) -> None:
        """Drop this store's schema and everything in it, then close (tests, resets)."""
        if self.schema is None:
            raise StoreError("drop_schema() needs a store opened with a schema")
        with self._tx():
            self._exec(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')
        self.close()

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large ingest)."""
        with self._tx():
            self._exec("ANALYZE articles, stories, story_articles, embeddings")

    # ---- dialect hooks -----------------------------------------------------
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if params:
            return self._conn.execute(_pg_sql(sql), tuple(params))
        return self._conn.execute(sql)

    def _begin(self, write: bool) -> None:
        """psycopg opens the transaction; writers queue on a lock (one writer, like SQLite).

        The lock makes check-then-insert (content hash, URL, story id) safe
        between processes; readers never wait for it.
        """
        if write:
            self._exec(
                "SELECT pg_advisory_xact_lock(hashtext(?))",
                (f"recoupe-write:{self.schema or 'public'}",),
            )

    def _commit(self) -> None:
        self._conn.commit()

    def _rollback(self) -> None:
        self._conn.rollback()

    def _close(self) -> None:
        self._conn.close()

    def _lock_schema(self) -> None:
        name = self.schema or "public"
        self._exec("SELECT pg_advisory_xact_lock(hashtext(?))", (f"recoupe-schema:{name}",))
        if self.schema is not None:
            self._exec(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            self._exec(f'SET search_path TO "{self.schema}"')

    def _is_driver_error(self, exc: BaseException) -> bool:
        return isinstance(exc, self._psycopg.Error)

    def _ts(self, value: datetime) -> datetime:
        return value.astimezone(UTC)

    def _from_ts(self, value: Any) -> datetime:
        if not isinstance(value, datetime):
            raise StoreError(f"expected a timestamp, got {value!r}")
        return value.astimezone(UTC)

    def _json(self, value: Mapping[str, Any]) -> Any:
        return self._jsonb(dict(value), dumps=_dumps)

    def _from_json(self, value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {"value": value}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
