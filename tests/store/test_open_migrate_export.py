"""open_store URLs, schema migrations and exports."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from recoupe.errors import ConfigError, MigrationError, MissingDependency
from recoupe.store import Migration, PostgresStore, SQLiteStore, Store, default_path, open_store
from recoupe.store.export import export_jsonl, export_parquet
from recoupe.store.postgres import split_url

from .conftest import make_article


def _reopen(cls: type[SQLiteStore] | type[PostgresStore], url: str) -> Store:
    if issubclass(cls, SQLiteStore):
        return cls(url.removeprefix("sqlite:///"))
    return cls(url)


# ---- open_store ---------------------------------------------------------------
def test_open_store_default_path_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECOUPE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with open_store(None) as store:
        assert isinstance(store, SQLiteStore) and isinstance(store, Store)
        assert store.path == default_path() == tmp_path / "xdg" / "recoupe" / "corpus.sqlite3"
        assert store.path.exists()
    monkeypatch.setenv("RECOUPE_DB", str(tmp_path / "env.sqlite3"))
    with open_store(None) as store:
        assert isinstance(store, SQLiteStore) and store.path == tmp_path / "env.sqlite3"


def test_open_store_sqlite_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(f"sqlite:///{tmp_path}/a.sqlite3") as store:
        assert isinstance(store, SQLiteStore) and store.path == tmp_path / "a.sqlite3"
    with open_store(str(tmp_path / "b.db")) as store:
        assert isinstance(store, SQLiteStore) and store.path == tmp_path / "b.db"
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as store:
        assert isinstance(store, SQLiteStore) and store.path == Path("rel.db")
    assert (tmp_path / "rel.db").exists()
    with open_store("sqlite://") as store:
        store.add_article(make_article(1))
        assert store.count_articles() == 1


def test_open_store_bad_urls(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        open_store("mysql://localhost/db")
    with pytest.raises(ConfigError):
        open_store("   ")


def test_wal_mode(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "c.sqlite3"):
        pass
    conn = sqlite3.connect(tmp_path / "c.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_postgres_without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingDependency, match=r"recoupe\[postgres\]"):
        open_store("postgresql://recoupe:recoupe@127.0.0.1:1/none")


def test_split_url_strips_schema() -> None:
    url, schema = split_url("postgresql://u:p@h:5432/db?sslmode=disable&schema=corpus")
    assert (url, schema) == ("postgresql://u:p@h:5432/db?sslmode=disable", "corpus")


# ---- migrations ----------------------------------------------------------------------
def test_schema_is_at_latest_and_reopen_is_a_no_op(store_url: str) -> None:
    with open_store(store_url) as store:
        assert isinstance(store, SQLiteStore | PostgresStore)
        assert store.schema_version() == store.latest_version == 1
        store.add_article(make_article(1))
    with open_store(store_url) as store:
        assert store.count_articles() == 1


def test_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as store:
        assert isinstance(store, SQLiteStore | PostgresStore)
        with store._tx():
            store._exec(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (99, "from the future", "2099-01-01"),
            )
        cls = type(store)
    with pytest.raises(MigrationError, match="newer"):
        _reopen(cls, store_url)


def test_a_failing_migration_is_rolled_back(store_url: str) -> None:
    with open_store(store_url) as store:
        assert isinstance(store, SQLiteStore | PostgresStore)
        base = type(store)
    bad = Migration(
        2, "broken step", ("CREATE TABLE extra (x INTEGER)", "INSERT INTO no_such_table VALUES (1)")
    )
    good = Migration(2, "extra table", ("CREATE TABLE extra (x INTEGER)",))
    broken_cls = type("Broken", (base,), {"migrations": (*base.migrations, bad)})
    with pytest.raises(MigrationError, match="migration failed"):
        _reopen(broken_cls, store_url)
    fixed_cls = type("Fixed", (base,), {"migrations": (*base.migrations, good)})
    fixed = _reopen(fixed_cls, store_url)  # CREATE TABLE extra did not survive the failure
    assert isinstance(fixed, SQLiteStore | PostgresStore)
    assert fixed.schema_version() == 2
    fixed.close()


# ---- exports ---------------------------------------------------------------------------
def test_export_jsonl(store: Store, tmp_path: Path) -> None:
    for i in range(3):
        store.add_article(make_article(i))
    store.assign_story("art-1", "s1")
    out = tmp_path / "corpus.jsonl"
    assert export_jsonl(store, out) == 3
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["art-0", "art-1", "art-2"]
    assert records[1]["story_id"] == "s1"
    assert records[0]["meta"] == {"n": 0, "tags": ["russie", "états-unis"]}
    assert records[0]["published"] == "2017-04-01T09:30:00"
    assert records[0]["text"] == make_article(0).text


def test_export_parquet(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    for i in range(3):
        store.add_article(make_article(i))
    out = tmp_path / "corpus.parquet"
    assert export_parquet(store, out) == 3
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["art-0", "art-1", "art-2"]
    assert table.column("revision").to_pylist() == [1, 1, 1]
    assert json.loads(table.column("meta")[0].as_py())["n"] == 0


def test_export_parquet_without_pyarrow(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependency, match="pyarrow"):
        export_parquet(store, tmp_path / "x.parquet")
