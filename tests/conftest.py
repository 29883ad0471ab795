"""Shared fixtures: the real spaCy model, the example pair, the shared data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from recoupe.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples" / "tillerson-moscow"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    from recoupe.annotate.nlp import load_nlp

    return load_nlp("fr")


@pytest.fixture(scope="session")
def fr_doc(nlp_fr: Language) -> Callable[[str], Doc]:
    """Parse a hand-written French text with the real model."""

    def make(text: str) -> Doc:
        return nlp_fr(text)

    return make


@pytest.fixture(scope="session")
def example_pair() -> list[Path]:
    paths = [EXAMPLES / "rts.txt", EXAMPLES / "france24.txt"]
    if not all(p.exists() for p in paths):
        pytest.skip(f"example pair not found in {EXAMPLES} (../shared is absent)")
    return paths


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA} (../shared/data is absent)")
    return DATA


# Every store-backed test runs on SQLite and, when RECOUPE_TEST_PG is set, PostgreSQL.
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
