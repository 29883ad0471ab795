"""GET /api/articles/{id} (annotations with offsets) and POST /api/articles (ingest)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.api import create_app
from recoupe.corpus import Corpus
from recoupe.store import open_store

from .conftest import XSS_IMG, Filled

pytestmark = pytest.mark.slow


def test_article_spans_point_into_its_text(client: TestClient, filled: Filled) -> None:
    body = client.get(f"/api/articles/{filled.pair_articles['rts']}").json()
    assert body["source"] == "rts" and body["story_id"] == filled.pair_story
    text = body["text"]
    ann = body["annotations"]
    assert set(ann) == {"sentences", "entities", "quotes", "dates", "numbers"}
    for group in ("entities", "quotes", "dates", "numbers"):
        for span in ann[group]:
            assert text[span["start"] : span["end"]] == span["text"]
    sentences = ann["sentences"]
    assert sentences[0]["start"] == 0 and len(sentences) > 10
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(sentences))
    tillerson = [q for q in ann["quotes"] if q["speaker"] == "Rex Tillerson"]
    assert any("faible niveau de confiance" in q["text"] for q in tillerson)
    lavrov = next(q for q in ann["quotes"] if q["speaker"] == "Sergueï Lavrov")
    where = lavrov["speaker_span"]
    assert where is not None and "Lavrov" in text[where["start"] : where["end"]]
    names = {e["entity"] for e in ann["entities"] if e["label"] == "PER"}
    assert {"Rex Tillerson", "Sergueï Lavrov", "Vladimir Poutine"} <= names
    assert any(n["unit"] == "mort" and n["value"] == 87 for n in ann["numbers"])


def test_json_returns_the_raw_text_of_an_xss_attempt(client: TestClient, filled: Filled) -> None:
    body = client.get(f"/api/articles/{filled.xss_article}").json()
    assert "<script>alert(1)</script>" in body["title"]
    assert XSS_IMG in body["text"] and "<script>alert(2)</script>" in body["text"]


def test_unknown_article_is_404(client: TestClient) -> None:
    res = client.get("/api/articles/a-000000000000")
    assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"


@pytest.fixture
def empty_client(tmp_path: Path) -> TestClient:
    corpus = Corpus(open_store(f"sqlite:///{tmp_path / 'corpus.sqlite3'}"))
    return TestClient(create_app(corpus))


def test_post_articles_stores_them_in_a_story(
    empty_client: TestClient, flood_texts: dict[str, str]
) -> None:
    payload = {
        "articles": [
            {"text": text, "source": name, "published": "2023-10-17", "language": "fr"}
            for name, text in flood_texts.items()
        ]
    }
    res = empty_client.post("/api/articles", json=payload)
    assert res.status_code == 201, res.text
    body = res.json()
    assert [a["status"] for a in body["articles"]] == ["added"] * 3
    assert len(body["story_ids"]) == 1 and body["rejected"] == []
    story = body["story_ids"][0]
    listed = empty_client.get("/api/stories").json()
    assert [s["id"] for s in listed["stories"]] == [story]
    first = empty_client.get(f"/api/articles/{body['articles'][0]['id']}").json()
    assert first["story_id"] == story and first["published"] == "2023-10-17"
    again = empty_client.post("/api/articles", json=payload)
    assert again.status_code == 200
    assert [a["status"] for a in again.json()["articles"]] == ["unchanged"] * 3
    assert again.json()["story_ids"] == [story]


def test_post_articles_with_only_unusable_text_is_422(empty_client: TestClient) -> None:
    res = empty_client.post("/api/articles", json={"articles": [{"text": "   \n  "}]})
    assert res.status_code == 422
    assert res.json()["error"]["code"] == "unusable_input"
    assert empty_client.get("/api/stories").json()["total"] == 0


def test_post_articles_refuses_local_paths(empty_client: TestClient) -> None:
    res = empty_client.post("/api/articles", json={"urls": ["/etc/passwd"]})
    assert res.status_code == 422
    assert "http" in res.json()["error"]["message"]
