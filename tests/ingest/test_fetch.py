"""URLs fetched from a real local HTTP server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from recoupe.errors import FetchError, InputTooLarge
from recoupe.ingest import read_inputs, read_one


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path, article_page: Callable[..., str]) -> Iterator[str]:
    (tmp_path / "monde").mkdir()
    (tmp_path / "monde" / "tillerson-moscou.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "depeche.txt").write_text(
        "Dépêche\nLe ministre a été reçu à Genève par son homologue.", encoding="utf-8"
    )
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_good_page(server: str) -> None:
    url = f"{server}/monde/tillerson-moscou.html"
    [article] = read_one(url, fetch_timeout=5)
    assert article.id == "tillerson-moscou"
    assert article.origin == url
    assert article.url == url
    assert article.title == "Rex Tillerson reçu par Vladimir Poutine"
    assert article.source == "Le Quotidien du Soir"
    assert article.published == date(2017, 4, 12)
    assert "Sergueï Lavrov" in article.text


def test_plain_text_response(server: str) -> None:
    [article] = read_one(f"{server}/depeche.txt")
    assert article.meta["format"] == "text"
    assert article.title == "Dépêche"
    assert article.source == "127.0.0.1"


def test_404_is_a_fetch_error(server: str) -> None:
    url = f"{server}/absent.html"
    with pytest.raises(FetchError) as info:
        read_one(url)
    assert info.value.detail == "HTTP 404 File not found"
    result = read_inputs([url, f"{server}/monde/tillerson-moscou.html"])
    assert len(result.articles) == 1
    assert [(f.item, f.reason) for f in result.failures] == [(url, "HTTP 404 File not found")]


def test_response_over_the_size_limit(server: str) -> None:
    with pytest.raises(InputTooLarge) as info:
        read_one(f"{server}/monde/tillerson-moscou.html", max_bytes=500)
    assert "page is" in info.value.detail and "over the 500 bytes limit" in info.value.detail


def test_unreachable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError) as info:
        read_one("http://127.0.0.1:9/article.html", fetch_timeout=2)
    assert info.value.detail.startswith("network error")
