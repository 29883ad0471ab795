"""Persistent corpus storage: SQLite by default, PostgreSQL optionally.

>>> store = open_store("sqlite:////tmp/corpus.sqlite3")   # or open_store(None)
>>> result = store.add_article(article, doc_to_bytes(doc), {"use": vector})
>>> store.assign_story(result.article_id, "story-1")

:func:`open_store` chooses the backend from a URL:

* ``None`` -> ``$RECOUPE_DB`` -> ``<user data dir>/recoupe/corpus.sqlite3``;
* ``sqlite:///relative/path``, ``sqlite:////absolute/path``, ``sqlite://``
  (in memory) or a bare file path -> :class:`SQLiteStore`;
* ``postgresql://user:pw@host:port/db[?schema=name]`` -> :class:`PostgresStore`
  (needs ``pip install 'recoupe[postgres]'``).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConfigError
from .base import (
    AddResult,
    RejectRecord,
    RunRecord,
    Store,
    StoredArticle,
    StoryRecord,
    StorySummary,
)
from .postgres import PostgresStore
from .serialize import doc_from_bytes, doc_to_bytes
from .sql import Migration
from .sqlite import SQLiteStore, default_path

__all__ = [
    "AddResult",
    "Migration",
    "PostgresStore",
    "RejectRecord",
    "RunRecord",
    "SQLiteStore",
    "Store",
    "StoredArticle",
    "StoryRecord",
    "StorySummary",
    "default_path",
    "doc_from_bytes",
    "doc_to_bytes",
    "open_store",
]

ENV_VAR = "RECOUPE_DB"


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``url``."""
    if url is None:
        url = os.environ.get(ENV_VAR) or None
    if url is None:
        return SQLiteStore(default_path())
    url = url.strip()
    if not url:
        raise ConfigError("empty store URL")
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        return PostgresStore(url)
    if scheme == "sqlite":
        rest = url[len("sqlite://") :]
        if rest in ("", "/", "/:memory:"):
            return SQLiteStore(":memory:")
        if not rest.startswith("/"):
            raise ConfigError(
                f"bad SQLite URL {url!r}: use sqlite:///relative or sqlite:////absolute"
            )
        return SQLiteStore(Path(rest[1:]))
    if scheme:
        raise ConfigError(
            f"unsupported store URL {url!r}: use a file path, sqlite:/// or postgresql://"
        )
    return SQLiteStore(Path(url))
