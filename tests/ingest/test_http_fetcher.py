"""The Fetcher against a real HTTP server on 127.0.0.1: timeouts, retries, robots.txt,
politeness, conditional requests, size and redirect limits, truncated bodies."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from recoupe.errors import FetchError, InputTooLarge
from recoupe.ingest import read_inputs
from recoupe.ingest.http import ValidatorCache, retry_after_seconds, sniff_type

from .test_http_support import LocalServer, article_html, quick_fetcher, reply


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


def test_page_fetched_with_recoupe_user_agent(server: LocalServer) -> None:
    url = server.page("/suisse/budget.html", article_html("budget"))
    with quick_fetcher() as fetcher:
        fetched = fetcher.fetch(url)
    assert fetched.status == 200 and fetched.url == url
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"
    assert b"Grand Conseil genevois" in fetched.body
    [hit] = server.hits_for("/suisse/budget.html")
    assert hit.headers["User-Agent"].startswith("recoupe/")


def test_slow_endpoint_times_out(server: LocalServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        reply(handler, "trop tard")

    server.routes["/lent"] = slow
    start = time.monotonic()
    with quick_fetcher(timeout=0.3) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/lent"))
    assert "timed out" in info.value.detail
    assert time.monotonic() - start < 1.4  # not retried, not waited out
    assert len(server.hits_for("/lent")) == 1


def test_500_then_200_is_retried_with_backoff(server: LocalServer) -> None:
    calls: list[int] = []

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        if len(calls) == 1:
            reply(handler, "panne", status=500)
        else:
            reply(handler, article_html("neige"))

    server.routes["/flaky"] = flaky
    with quick_fetcher(backoff=0.2) as fetcher:
        fetched = fetcher.fetch(server.url("/flaky"))
    assert "MétéoSuisse".encode() in fetched.body
    first, second = server.hits_for("/flaky")
    assert second.at - first.at >= 0.2


def test_retries_are_bounded(server: LocalServer) -> None:
    server.page("/toujours-en-panne", "indisponible", status=503)
    with quick_fetcher(retries=2) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/toujours-en-panne"))
    assert info.value.detail == "HTTP 503 Service Unavailable"
    assert len(server.hits_for("/toujours-en-panne")) == 3


def test_retry_after_is_honoured_or_refused_when_too_long(server: LocalServer) -> None:
    calls: list[int] = []

    def limited(handler: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        if len(calls) == 1:
            reply(handler, "doucement", status=429, headers={"Retry-After": "1"})
        else:
            reply(handler, article_html("train"))

    server.routes["/quota"] = limited
    server.page("/quota-long", "revenez demain", status=429, headers={"Retry-After": "120"})
    with quick_fetcher() as fetcher:
        fetcher.fetch(server.url("/quota"))
        first, second = server.hits_for("/quota")
        assert second.at - first.at >= 0.95
        with pytest.raises(FetchError) as info:
            fetcher.fetch(server.url("/quota-long"))
    assert "Retry-After 120 s is over the 2 s limit" in info.value.detail
    assert len(server.hits_for("/quota-long")) == 1
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None


def test_404_is_a_fetch_error_without_retry(server: LocalServer) -> None:
    with quick_fetcher() as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/absent"))
    assert info.value.detail == "HTTP 404 Not Found"
    assert len(server.hits_for("/absent")) == 1


def test_redirect_loop_stops(server: LocalServer) -> None:
    server.page("/boucle", "", status=302, headers={"Location": "/boucle-2"})
    server.page("/boucle-2", "", status=301, headers={"Location": "/boucle"})
    with quick_fetcher(max_redirects=5) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/boucle"))
    assert info.value.detail == "too many redirects"
    assert len(server.hits_for("/boucle")) + len(server.hits_for("/boucle-2")) == 6


def test_redirect_followed_to_the_final_url(server: LocalServer) -> None:
    final = server.page("/vrai/budget", article_html("budget"))
    server.page("/court", "", status=301, headers={"Location": "/vrai/budget"})
    with quick_fetcher() as fetcher:
        fetched = fetcher.fetch(server.url("/court"))
    assert fetched.url == final and fetched.requested_url == server.url("/court")


def test_etag_and_304(server: LocalServer, tmp_path: Path) -> None:
    etag = '"v1-budget"'

    def tagged(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
        else:
            reply(handler, article_html("budget"), headers={"ETag": etag})

    server.routes["/etag"] = tagged
    url = server.url("/etag")
    with quick_fetcher() as fetcher:
        assert not fetcher.fetch(url).not_modified
        again = fetcher.fetch(url)
        assert again.not_modified and again.body == b""
        fetcher.validators.save(tmp_path / "validators.json")
    first, second = server.hits_for("/etag")
    assert "If-None-Match" not in first.headers and second.headers["If-None-Match"] == etag

    # a new run with the saved validators: read_inputs yields no new article
    cache = ValidatorCache.load(tmp_path / "validators.json")
    with quick_fetcher(validators=cache) as fetcher:
        result = read_inputs([url], fetcher=fetcher)
    assert result.articles == [] and result.failures == []
    with quick_fetcher() as fresh:
        assert len(read_inputs([url], fetcher=fresh).articles) == 1


def test_robots_txt_disallows_and_is_fetched_once(server: LocalServer) -> None:
    server.page("/robots.txt", "User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    server.page("/prive/secret.html", article_html("train"))
    server.page("/public/budget.html", article_html("budget"))
    with quick_fetcher() as fetcher:
        with pytest.raises(FetchError) as info:
            fetcher.fetch(server.url("/prive/secret.html"))
        assert info.value.detail == "disallowed by robots.txt"
        fetcher.fetch(server.url("/public/budget.html"))
        assert not fetcher.allowed(server.url("/prive/autre.html"))
    assert server.hits_for("/prive/secret.html") == []
    assert len(server.hits_for("/robots.txt")) == 1


def test_robots_txt_server_error_means_disallowed(server: LocalServer) -> None:
    server.page("/robots.txt", "panne", status=500)
    server.page("/budget.html", article_html("budget"))
    with quick_fetcher(retries=1) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/budget.html"))
    assert info.value.detail.startswith("disallowed by robots.txt (robots.txt unavailable")
    assert server.hits_for("/budget.html") == []
    with quick_fetcher(respect_robots=False) as fetcher:
        assert fetcher.fetch(server.url("/budget.html")).status == 200


def test_politeness_delay_between_requests_to_one_host(server: LocalServer) -> None:
    server.page("/a.html", article_html("budget"))
    server.page("/b.html", article_html("neige"))
    with quick_fetcher(delay=0.4) as fetcher:
        fetcher.fetch(server.url("/a.html"))
        fetcher.fetch(server.url("/b.html"))
    [a] = server.hits_for("/a.html")
    [b] = server.hits_for("/b.html")
    assert b.at - a.at >= 0.4


def test_crawl_delay_from_robots_txt_raises_the_delay(server: LocalServer) -> None:
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    server.page("/a.html", article_html("budget"))
    server.page("/b.html", article_html("neige"))
    with quick_fetcher(delay=0.01) as fetcher:
        fetcher.fetch(server.url("/a.html"))
        fetcher.fetch(server.url("/b.html"))
    assert server.hits_for("/b.html")[0].at - server.hits_for("/a.html")[0].at >= 0.95


def test_oversized_body_with_and_without_content_length(server: LocalServer) -> None:
    big = b"<html><body>" + b"x" * 50_000 + b"</body></html>"
    server.page("/gros-declare", big)

    def undeclared(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: HTTP/1.0 body ends at close
        for _ in range(50):
            handler.wfile.write(b"y" * 1000)

    server.routes["/gros-flux"] = undeclared
    with quick_fetcher(max_bytes=10_000) as fetcher:
        with pytest.raises(InputTooLarge) as declared:
            fetcher.fetch(server.url("/gros-declare"))
        with pytest.raises(InputTooLarge) as streamed:
            fetcher.fetch(server.url("/gros-flux"))
    assert "page is 50.0 kB, over the 10.0 kB limit" in declared.value.detail
    assert "page (at least)" in streamed.value.detail


def test_truncated_body_is_a_fetch_error(server: LocalServer) -> None:
    server.routes["/coupe"] = lambda h: reply(h, "<html><body>début", length=5000)
    with quick_fetcher() as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/coupe"))
    assert info.value.detail.startswith("truncated body")
    assert "of 5000 bytes" in info.value.detail


def test_connection_refused_is_retried_then_fails_in_bounded_time() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    start = time.monotonic()
    with quick_fetcher(retries=2, backoff=0.1) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(f"http://127.0.0.1:{port}/page.html")
    assert info.value.detail.startswith("network error")
    assert 0.3 <= time.monotonic() - start < 5


def test_content_type_sniffing(server: LocalServer) -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    html = article_html("budget").encode()
    server.page("/flux.txt", rss, content_type="text/plain")
    server.page("/page.bin", html, content_type="application/octet-stream")
    with quick_fetcher() as fetcher:
        feed = fetcher.fetch(server.url("/flux.txt"))
        page = fetcher.fetch(server.url("/page.bin"))
    assert feed.is_feed and feed.declared_type == "text/plain"
    assert page.content_type == "text/html"
    assert sniff_type(b"%PDF-1.4", "application/pdf") == "application/pdf"
    assert sniff_type(b"<feed xmlns='http://www.w3.org/2005/Atom'>", "") == "application/atom+xml"


def test_unsupported_scheme() -> None:
    with quick_fetcher() as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch("ftp://127.0.0.1/fichier.txt")
    assert "only http and https" in info.value.detail
