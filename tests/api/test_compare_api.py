"""POST /api/compare and /api/similarity; body limits and media types."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from recoupe.api import create_app

from .conftest import Filled

pytestmark = pytest.mark.slow


def _articles(texts: dict[str, str]) -> list[dict[str, str]]:
    return [{"text": t, "source": name, "language": "fr"} for name, t in texts.items()]


def test_compare_builds_a_brief_of_pasted_articles(
    client: TestClient, flood_texts: dict[str, str]
) -> None:
    res = client.post("/api/compare", json={"articles": _articles(flood_texts)})
    assert res.status_code == 200, res.text
    brief = res.json()
    assert [a["source"] for a in brief["articles"]] == list(flood_texts)
    assert brief["rejected"] == []
    shared = [f for f in brief["facts"] if f["shared"]]
    assert shared, "three reports of the same flood share facts"
    by_id = {a["id"]: flood_texts[a["source"]] for a in brief["articles"]}
    for fact in brief["facts"]:
        for ev in fact["evidence"]:
            assert by_id[ev["article"]][ev["start"] : ev["end"]] == ev["sentence"]
    assert any(c["kind"] == "number" for c in brief["contradictions"]), "the death toll differs"
    assert client.get("/api/stories").json()["total"] == 3, "ad-hoc comparisons are not stored"


def test_compare_needs_two_articles(client: TestClient, flood_texts: dict[str, str]) -> None:
    one = _articles(flood_texts)[:1]
    res = client.post("/api/compare", json={"articles": one})
    assert res.status_code == 400
    assert res.json()["error"]["code"] == "not_enough_articles"
    blank = [*one, {"text": "  \n "}]
    res = client.post("/api/compare", json={"articles": blank})
    assert res.status_code == 400
    assert "input-2" in res.json()["error"]["message"], "says which input was rejected"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"articles": [], "urls": []},
        {"articles": [{"title": "no text"}]},
        {"articles": [{"text": "x", "published": "not a date"}]},
        {"articles": [{"text": "x", "colour": "red"}]},
        {"urls": ["file:///etc/passwd", "/etc/hosts"]},
        {"articles": "nope"},
    ],
)
def test_invalid_compare_bodies_are_422(client: TestClient, body: object) -> None:
    res = client.post("/api/compare", json=body)
    assert res.status_code == 422
    error = res.json()["error"]
    assert error["code"] == "invalid_request" and isinstance(error["details"], list)


def test_broken_json_is_422(client: TestClient) -> None:
    res = client.post(
        "/api/compare", content=b'{"articles": [', headers={"content-type": "application/json"}
    )
    assert res.status_code == 422 and res.json()["error"]["code"] == "invalid_request"


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", None])
def test_non_json_body_is_415(client: TestClient, ctype: str | None) -> None:
    headers = {"content-type": ctype} if ctype else {}
    for path in ("/api/compare", "/api/articles", "/api/similarity"):
        res = client.post(path, content=b'{"articles": []}', headers=headers)
        assert res.status_code == 415, path
        assert res.json()["error"]["code"] == "unsupported_media_type"


@pytest.fixture(scope="module")
def small_client(filled: Filled) -> TestClient:
    return TestClient(create_app(filled.corpus, max_body=1000))


def test_body_over_declared_length_is_413(small_client: TestClient) -> None:
    body = {"articles": [{"text": "mot " * 400}, {"text": "autre " * 10}]}
    res = small_client.post("/api/compare", json=body)
    assert res.status_code == 413
    assert res.json()["error"]["code"] == "payload_too_large"


def test_streamed_body_over_limit_is_413(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}]}'

    res = small_client.post(
        "/api/compare", content=chunks(), headers={"content-type": "application/json"}
    )
    assert res.status_code == 413
    assert res.json()["error"]["code"] == "payload_too_large"


def test_small_body_passes_the_limit(small_client: TestClient) -> None:
    res = small_client.post("/api/compare", json={"articles": [{"text": "Une phrase."}]})
    assert res.status_code == 400, "under the limit, the request reaches the endpoint"


def test_similarity_ranks_same_event_above_unrelated(
    client: TestClient, pair_texts: dict[str, str], flood_texts: dict[str, str]
) -> None:
    same = client.post(
        "/api/similarity",
        json={"a": {"text": pair_texts["rts"]}, "b": {"text": pair_texts["france24"]}},
    )
    assert same.status_code == 200, same.text
    other = client.post(
        "/api/similarity",
        json={"a": {"text": pair_texts["rts"]}, "b": {"text": flood_texts["var-info"]}},
    ).json()
    body = same.json()
    assert 1.0 <= body["score"] <= 4.0 and 1.0 <= other["score"] <= 4.0
    assert body["score"] < 2.5 < other["score"], (body["score"], other["score"])
    assert body["features"] and all(
        v is None or isinstance(v, float) for v in body["features"].values()
    )
    assert body["scale"]["min"] == 1.0 and body["scale"]["max"] == 4.0


def test_similarity_needs_two_texts(client: TestClient) -> None:
    res = client.post("/api/similarity", json={"a": {"text": "Bonjour."}})
    assert res.status_code == 422
    assert res.json()["error"]["details"][0]["loc"] == ["body", "b"]
