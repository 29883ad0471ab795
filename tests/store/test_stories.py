"""Stories (assign, merge, list, search), rejects and ingest runs on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from recoupe.errors import NotFound
from recoupe.store import PostgresStore, SQLiteStore, Store

from .conftest import make_article


def _fill(store: Store) -> None:
    """Two stories: the Tillerson visit (3 outlets, 2 languages) and a strike (1 outlet)."""
    specs = [
        (1, "rts", "fr", date(2017, 4, 12), "Rex Tillerson reçu à Moscou", "tillerson"),
        (
            2,
            "france24",
            "fr",
            date(2017, 4, 12),
            "Les États-Unis et la Russie divisés sur la Syrie",
            "tillerson",
        ),
        (3, "reuters", "en", date(2017, 4, 13), "Tillerson meets Putin in Moscow", "tillerson"),
        (4, "lemonde", "fr", date(2017, 3, 2), "Grève à la SNCF : trafic perturbé", "greve"),
    ]
    for n, source, lang, day, title, story in specs:
        result = store.add_article(
            make_article(n, source=source, language=lang, published=day, title=title)
        )
        store.assign_story(result.article_id, story)


def test_list_stories_summaries(store: Store) -> None:
    _fill(store)
    stories = store.list_stories()
    assert [s.id for s in stories] == ["tillerson", "greve"]
    visit = stories[0]
    assert visit.title == "Rex Tillerson reçu à Moscou"  # the first article's title
    assert visit.size == 3
    assert visit.sources == ["france24", "reuters", "rts"]
    assert visit.languages == ["en", "fr"]
    assert visit.first_seen == datetime(2017, 4, 12, tzinfo=UTC)
    assert visit.last_seen == datetime(2017, 4, 13, tzinfo=UTC)
    assert store.get_story("tillerson").article_ids == ["art-1", "art-2", "art-3"]


def test_list_stories_filters(store: Store) -> None:
    _fill(store)
    assert [s.id for s in store.list_stories(lang="en")] == ["tillerson"]
    assert [s.id for s in store.list_stories(source="lemonde")] == ["greve"]
    assert [s.id for s in store.list_stories(since=datetime(2017, 4, 1))] == ["tillerson"]
    assert store.list_stories(lang="de") == []
    # case- and accent-insensitive search in story and article titles
    assert [s.id for s in store.list_stories(query="etats-unis")] == ["tillerson"]
    assert [s.id for s in store.list_stories(query="GRÈVE")] == ["greve"]
    assert [s.id for s in store.list_stories(query="putin")] == ["tillerson"]
    assert store.list_stories(query="100%") == []
    assert store.list_stories(query="_") == []
    assert [s.id for s in store.list_stories(limit=1)] == ["tillerson"]
    assert [s.id for s in store.list_stories(limit=1, offset=1)] == ["greve"]


def test_count_stories_counts_every_page_of_the_same_filters(store: Store) -> None:
    _fill(store)
    assert store.count_stories() == 2
    assert store.count_stories(lang="en") == 1
    assert store.count_stories(since=datetime(2017, 4, 1)) == 1
    assert store.count_stories(query="GRÈVE") == 1
    assert store.count_stories(lang="de") == 0
    store.merge_stories("greve", "tillerson")
    assert store.count_stories() == 1 == len(store.list_stories())


def test_reassign_moves_the_article(store: Store) -> None:
    _fill(store)
    store.assign_story("art-4", "tillerson")
    assert store.get_story("tillerson").article_ids == ["art-4", "art-1", "art-2", "art-3"]
    assert store.get_story("greve").article_ids == []
    assert [s.id for s in store.list_stories()] == ["tillerson"]  # empty stories are not listed
    assert store.get_article("art-4").story_id == "tillerson"
    assert [s.id for s in store.list_stories(query="grève")] == ["tillerson"]
    with pytest.raises(NotFound):
        store.assign_story("missing", "tillerson")


def test_assign_with_title(store: Store) -> None:
    store.add_article(make_article(1))
    store.assign_story("art-1", "s", title="Visite de Tillerson")
    assert store.get_story("s").title == "Visite de Tillerson"
    store.assign_story("art-1", "s", title="Tillerson à Moscou")
    assert store.get_story("s").title == "Tillerson à Moscou"


def test_merge_stories_keeps_history(store: Store) -> None:
    _fill(store)
    store.merge_stories("greve", "tillerson")
    merged = store.get_story("greve")
    assert merged.id == "tillerson"
    assert merged.article_ids == ["art-4", "art-1", "art-2", "art-3"]
    assert merged.merged_from == ["greve"]
    raw = store.get_story("greve", follow=False)
    assert (raw.merged_into, raw.article_ids) == ("tillerson", [])
    assert [(s.id, s.size) for s in store.list_stories()] == [("tillerson", 4)]
    # assigning to a merged story lands in the live one
    store.add_article(make_article(5))
    assert store.assign_story("art-5", "greve") == "tillerson"
    # chains are followed and compressed
    store.add_article(make_article(6))
    store.assign_story("art-6", "third")
    store.merge_stories("tillerson", "third")
    assert store.get_story("greve").id == "third"
    assert store.get_story("third").merged_from == ["greve", "tillerson"]
    store.merge_stories("greve", "third")  # already the same story: no-op
    with pytest.raises(NotFound):
        store.merge_stories("nope", "third")
    with pytest.raises(NotFound):
        store.get_story("nope")


def test_rejects_newest_first(store: Store) -> None:
    ids = [store.add_reject(f"file{i}.txt", "ingest", f"empty input {i}") for i in range(5)]
    assert ids == sorted(ids)
    rejects = store.list_rejects(limit=2)
    assert [r.item for r in rejects] == ["file4.txt", "file3.txt"]
    assert rejects[0].stage == "ingest" and rejects[0].reason == "empty input 4"
    assert rejects[0].at.tzinfo is not None
    assert [r.item for r in store.list_rejects(limit=10, offset=3)] == ["file1.txt", "file0.txt"]


def test_ingest_run_records_items(store: Store) -> None:
    run = store.start_run(params={"inputs": ["a.jsonl"]})
    store.add_article(make_article(1), run_id=run)
    store.add_article(make_article(1), run_id=run)
    store.add_article(make_article(2), run_id=run)
    store.add_reject("broken.html", "ingest", "no article text found", run_id=run)
    assert store.run_items(run) == {
        "feed:rts/1": "unchanged",
        "feed:rts/2": "added",
        "broken.html": "rejected",
    }
    record = store.get_run(run)
    assert record.params == {"inputs": ["a.jsonl"]}
    assert record.counts == {"unchanged": 1, "added": 1, "rejected": 1}
    assert record.finished_at is None
    store.finish_run(run)
    assert store.get_run(run).finished_at is not None
    assert store.start_run(run) == run  # resuming reopens it
    assert store.get_run(run).finished_at is None
    assert store.list_rejects()[0].run_id == run
    with pytest.raises(NotFound):
        store.get_run("nope")
    with pytest.raises(NotFound):
        store.finish_run("nope")


def test_optimize_gathers_planner_statistics(store: Store) -> None:
    _fill(store)
    store.optimize()
    assert isinstance(store, SQLiteStore | PostgresStore)
    if isinstance(store, SQLiteStore):
        row = store._one("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'stories'")
    else:
        row = store._one("SELECT reltuples FROM pg_class WHERE oid = 'stories'::regclass")
    assert row is not None and row[0] > 0
    assert [s.id for s in store.list_stories()] == ["tillerson", "greve"]
