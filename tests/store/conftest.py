"""The ``store`` fixture: every store test runs against SQLite and PostgreSQL.

PostgreSQL runs when ``RECOUPE_TEST_PG`` holds a server URL (see
``scripts/start_postgres.sh``); each test gets its own fresh schema, dropped
afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from recoupe.model import Article
from recoupe.store import Store, open_store

PG_ENV = "RECOUPE_TEST_PG"
PG_SKIP = f"PostgreSQL tests need {PG_ENV}=postgresql://... (run: export {PG_ENV}=$(scripts/start_postgres.sh))"


def with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("schema", schema)]
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty store (SQLite file in tmp_path, or a fresh PostgreSQL schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.sqlite3'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    yield with_schema(base, schema)
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def make_article(
    n: int,
    *,
    text: str | None = None,
    source: str = "rts",
    language: str = "fr",
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """A small hand-written French article, distinct for each ``n``."""
    return Article(
        id=f"art-{n}",
        text=text
        or f"Article {n}. Rex Tillerson a rencontré Sergueï Lavrov à Moscou, le {n} avril.",
        title=title if title is not None else f"Tillerson à Moscou ({n})",
        source=source,
        published=published if published is not None else datetime(2017, 4, 1 + n % 28, 9, 30),
        language=language,
        url=url if url is not None else f"https://example.org/{source}/{n}",
        origin=f"feed:{source}/{n}",
        meta={"n": n, "tags": ["russie", "états-unis"]},
    )
