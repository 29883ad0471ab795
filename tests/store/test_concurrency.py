"""Readers during writes, and an ingest killed mid-way (SIGKILL) then resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from recoupe.errors import StoreError
from recoupe.store import PostgresStore, SQLiteStore, Store, open_store

from .conftest import make_article


def test_readers_are_not_blocked_by_an_open_write(store_url: str) -> None:
    with open_store(store_url) as writer, open_store(store_url) as reader:
        writer.add_article(make_article(0))
        writer.assign_story("art-0", "s0")
        assert isinstance(writer, SQLiteStore | PostgresStore)
        with writer._tx():
            writer.add_article(make_article(1))
            writer.assign_story("art-1", "s1")
            started = time.monotonic()
            assert reader.count_articles() == 1  # the last committed state
            assert [s.id for s in reader.list_stories()] == ["s0"]
            assert time.monotonic() - started < 1.0
        assert reader.count_articles() == 2


def test_sqlite_has_one_writer_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with SQLiteStore(path) as first, SQLiteStore(path, timeout=0.2) as second:
        with first._tx():
            first.add_article(make_article(1))
            with pytest.raises(StoreError, match="locked"):
                second.add_article(make_article(2))
        assert second.add_article(make_article(2)).status == "added"
        assert first.count_articles() == 2


def test_reader_threads_list_stories_while_a_writer_inserts(store_url: str) -> None:
    total = 150
    errors: list[BaseException] = []
    seen: list[int] = []
    done = threading.Event()

    def write() -> None:
        try:
            with open_store(store_url) as store:
                for i in range(total):
                    result = store.add_article(make_article(i))
                    store.assign_story(result.article_id, f"story-{i // 5}")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            done.set()

    def read(store: Store) -> None:
        try:
            while not done.is_set():
                stories = store.list_stories(limit=1000)
                seen.append(sum(s.size for s in stories))
                for summary in stories[:3]:
                    # a later read sees the story as large or larger (it only grows here)
                    assert len(store.get_story(summary.id).article_ids) >= summary.size
        except BaseException as exc:
            errors.append(exc)

    with open_store(store_url) as own, open_store(store_url) as shared:
        threads = [
            threading.Thread(target=write),
            threading.Thread(target=read, args=(own,)),
            threading.Thread(target=read, args=(shared,)),
            threading.Thread(target=read, args=(shared,)),  # one instance, two threads
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors
        assert len(seen) > 10
        assert max(seen) <= total and seen[-1] > 0
        final = own.list_stories(limit=1000)
        assert len(final) == total // 5 and all(s.size == 5 for s in final)


INGEST_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import date

    import numpy as np

    from recoupe.model import Article
    from recoupe.store import open_store

    url, n = sys.argv[1], int(sys.argv[2])
    with open_store(url) as store:
        run = store.start_run("crash-run", {"n": n})
        for i in range(n):
            article = Article(
                id=f"c{i}",
                text=f"Dépêche {i} : le conseil municipal de Lyon a voté le budget numéro {i}.",
                title=f"Budget {i}",
                source=f"outlet{i % 3}",
                language="fr",
                published=date(2020, 1, 1 + i % 28),
                url=f"https://example.org/budget/{i}",
                origin=f"item-{i}",
            )
            vector = np.full(64, i, dtype=np.float32)
            result = store.add_article(article, b"doc" * 200, {"use": vector}, run_id=run)
            store.assign_story(result.article_id, f"story-{i // 5}")
            print(result.status, result.article_id, flush=True)
        store.finish_run(run)
    """
)


def _check_consistent(store: Store) -> None:
    if isinstance(store, SQLiteStore):
        assert store.integrity_check() == []
    stories = store.list_stories(limit=100_000)
    in_stories = 0
    for summary in stories:
        record = store.get_story(summary.id)
        assert len(record.article_ids) == summary.size
        assert all(store.has_article(a) for a in record.article_ids)
        in_stories += summary.size
    assert in_stories == sum(1 for a in store.iter_articles() if a.story_id is not None)
    ids, matrix = store.get_vectors("use")
    assert len(ids) == store.count_articles() == matrix.shape[0]


def test_killed_ingest_leaves_whole_articles_and_resumes(store_url: str, tmp_path: Path) -> None:
    n = 600
    script = tmp_path / "ingest.py"
    script.write_text(INGEST_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(script), store_url, str(n)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    printed = [proc.stdout.readline().split() for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    printed += [line.split() for line in proc.stdout.read().splitlines()]
    assert proc.returncode == -signal.SIGKILL
    assert 40 <= len(printed) < n, "the ingest finished before it was killed"

    with open_store(store_url) as store:
        _check_consistent(store)
        stored = store.count_articles()
        for _, article_id in printed:
            assert store.get_article(article_id).story_id is not None
        # killed after a commit and before its print, at most one article is unreported
        assert len(printed) <= stored <= len(printed) + 1
        assert len(store.run_items("crash-run")) == stored
        assert store.get_run("crash-run").finished_at is None

    rerun = subprocess.run(
        [sys.executable, str(script), store_url, str(n)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr
    statuses = [line.split()[0] for line in rerun.stdout.splitlines()]
    assert statuses.count("unchanged") == stored
    assert statuses.count("added") == n - stored
    with open_store(store_url) as store:
        _check_consistent(store)
        assert store.count_articles() == n
        stories = store.list_stories(limit=100_000)
        assert len(stories) == n // 5 and all(s.size == 5 for s in stories)
        assert store.get_run("crash-run").finished_at is not None
        assert store.get_run("crash-run").counts == {"added": n - stored, "unchanged": stored}


def test_two_writers_adding_the_same_articles(store_url: str) -> None:
    """Check-then-insert is safe between writers: each article is added once."""
    statuses: list[str] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with open_store(store_url) as store:
                for i in range(40):
                    result = store.add_article(make_article(i))
                    store.assign_story(result.article_id, f"story-{i // 4}")
                    statuses.append(result.status)
        except BaseException as exc:  # reported below
            errors.append(exc)

    open_store(store_url).close()  # migrate once, before the race
    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(statuses) == ["added"] * 40 + ["unchanged"] * 40
    with open_store(store_url) as store:
        assert store.count_articles() == 40
        assert [s.size for s in store.list_stories()] == [4] * 10
