"""RSS/Atom feeds served over real HTTP on 127.0.0.1: items, item pages, watch()."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from recoupe.errors import MalformedInput
from recoupe.ingest import read_inputs
from recoupe.ingest.feeds import read_feed, watch
from recoupe.model import Article

from .test_http_support import ARTICLES, LocalServer, article_html, quick_fetcher, reply

DATES = {
    "budget": "Thu, 14 Mar 2024 22:40:00 +0100",
    "neige": "Wed, 13 Mar 2024 08:00:00 +0100",
    "train": "Tue, 12 Mar 2024 17:15:00 +0100",
    "vignes": "Fri, 15 Mar 2024 06:30:00 +0100",
}


def _rss(base: str, keys: list[str], *, title: str = "La Tribune du Léman - Suisse") -> str:
    items = "".join(
        f"<item><title>{ARTICLES[k][0]}</title><link>{base}/articles/{k}.html</link>"
        f"<guid isPermaLink='false'>tribune-{k}</guid><pubDate>{DATES[k]}</pubDate>"
        f"<description>&lt;p&gt;{ARTICLES[k][1][0][:60]}&lt;/p&gt;</description></item>"
        for k in keys
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link>{items}</channel></rss>"
    )


def _atom(base: str, keys: list[str]) -> str:
    entries = "".join(
        f"<entry><title>{ARTICLES[k][0]}</title><link href='/articles/{k}.html'/>"
        f"<id>urn:tribune:{k}</id><updated>2024-03-1{i}T10:00:00+01:00</updated></entry>"
        for i, k in enumerate(keys, start=2)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Tribune Atom</title><id>urn:tribune</id><updated>2024-03-15T10:00:00Z</updated>"
        f"{entries}</feed>"
    )


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        for key in ARTICLES:  # pages without og:site_name and without a date
            srv.page(f"/articles/{key}.html", article_html(key, site=None))
        yield srv


def _serve_rss(server: LocalServer, path: str, keys: list[str]) -> str:
    return server.page(path, _rss(server.base, keys), content_type="application/rss+xml")


def test_rss_items(server: LocalServer, caplog: pytest.LogCaptureFixture) -> None:
    url = _serve_rss(server, "/rss.xml", ["budget", "neige", "train"])
    with quick_fetcher() as fetcher, caplog.at_level(logging.WARNING):
        feed = read_feed(url, fetcher)
    assert caplog.records == [] and feed.failures == []
    assert feed.title == "La Tribune du Léman - Suisse"
    assert [i.guid for i in feed.items] == ["tribune-budget", "tribune-neige", "tribune-train"]
    first = feed.items[0]
    assert first.link == server.url("/articles/budget.html")
    assert first.title == "Genève adopte son budget après une nuit de débats"
    assert first.published == date(2024, 3, 14)  # the publisher's day, not UTC's
    assert first.summary.startswith("Le Grand Conseil genevois") and "<p>" not in first.summary


def test_rss_feed_url_becomes_three_articles(server: LocalServer) -> None:
    url = _serve_rss(server, "/rss.xml", ["budget", "neige", "train"])
    with quick_fetcher() as fetcher:
        result = read_inputs([url], fetcher=fetcher)
    assert result.failures == []
    assert [a.id for a in result.articles] == ["budget", "neige", "train"]
    budget = result.articles[0]
    assert budget.title == "Genève adopte son budget après une nuit de débats"
    assert budget.published == date(2024, 3, 14)  # the page has none: the feed's
    assert budget.source == "La Tribune du Léman - Suisse"  # no og:site_name: the feed title
    assert budget.language == "fr"
    assert "excédent de 12 millions de francs" in budget.text
    assert budget.meta["feed"] == url and budget.meta["guid"] == "tribune-budget"


def test_page_site_name_and_date_win_over_the_feed(server: LocalServer) -> None:
    server.page("/articles/train.html", article_html("train", dated=True))
    url = _serve_rss(server, "/rss.xml", ["train"])
    with quick_fetcher() as fetcher:
        [article] = read_inputs([url], fetcher=fetcher).articles
    assert article.source == "La Tribune du Léman"
    assert article.published == date(2024, 3, 12)
    assert article.meta["feed_published"] == "2024-03-12"


def test_atom_feed(server: LocalServer) -> None:
    url = server.page(
        "/atom", _atom(server.base, ["neige", "vignes"]), content_type="application/atom+xml"
    )
    with quick_fetcher() as fetcher:
        feed = read_feed(url, fetcher)
        result = read_inputs([url], fetcher=fetcher)
    assert [i.link for i in feed.items] == [
        server.url("/articles/neige.html"),
        server.url("/articles/vignes.html"),
    ]
    assert [i.published for i in feed.items] == [date(2024, 3, 12), date(2024, 3, 13)]
    assert [a.source for a in result.articles] == ["Tribune Atom", "Tribune Atom"]
    assert "Lavaux" in result.articles[1].text


def test_broken_xml_feed(server: LocalServer) -> None:
    broken = '<?xml version="1.0"?><rss version="2.0"><channel><title>Cassé</title><<<&&&'
    url = server.page("/casse.xml", broken, content_type="application/rss+xml")
    with quick_fetcher() as fetcher:
        with pytest.raises(MalformedInput) as info:
            read_feed(url, fetcher)
        result = read_inputs([url], fetcher=fetcher)
    assert info.value.detail.startswith("broken feed XML")
    assert [f.reason for f in result.failures] == [info.value.detail]
    assert result.articles == []


def test_broken_xml_with_entries_is_kept_with_a_warning(
    server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_xml = _rss(server.base, ["budget", "neige"]).replace(
        "</channel>", "<item><title>Fin &nbsp; cassée</title></item></channel>"
    )
    url = server.page("/mi-casse.xml", feed_xml, content_type="application/rss+xml")
    with quick_fetcher() as fetcher, caplog.at_level(logging.WARNING):
        feed = read_feed(url, fetcher)
    assert [i.guid for i in feed.items] == ["tribune-budget", "tribune-neige"]
    assert any("feed XML is broken" in r.message for r in caplog.records)
    assert [f.reason for f in feed.failures] == ["feed item without an http(s) link"]


def test_local_feed_files(server: LocalServer, tmp_path: Path) -> None:
    (tmp_path / "tribune.rss").write_text(_rss(server.base, ["neige"]), encoding="utf-8")
    (tmp_path / "flux.xml").write_text(_rss(server.base, ["train"]), encoding="utf-8")
    (tmp_path / "config.xml").write_text("<config><a>1</a></config>", encoding="utf-8")
    with quick_fetcher() as fetcher:
        single = read_inputs([str(tmp_path / "tribune.rss")], fetcher=fetcher)
        folder = read_inputs([str(tmp_path)], fetcher=fetcher)
        not_feed = read_inputs([str(tmp_path / "config.xml")], fetcher=fetcher)
    assert [a.id for a in single.articles] == ["neige"]
    assert sorted(a.id for a in folder.articles) == ["neige", "train"]
    assert folder.failures == []  # config.xml is not a feed: skipped in a directory
    assert [f.reason for f in not_feed.failures] == ["XML file that is not an RSS/Atom feed"]


def test_item_page_failure_does_not_stop_the_feed(server: LocalServer) -> None:
    del server.routes["/articles/neige.html"]
    url = _serve_rss(server, "/rss.xml", ["budget", "neige"])
    with quick_fetcher() as fetcher:
        result = read_inputs([url], fetcher=fetcher)
    assert [a.id for a in result.articles] == ["budget"]
    assert [(f.item, f.reason) for f in result.failures] == [
        (server.url("/articles/neige.html"), "HTTP 404 Not Found")
    ]


def test_watch_hands_over_only_new_articles(server: LocalServer, tmp_path: Path) -> None:
    keys = ["budget", "neige", "train"]

    def feed(handler: BaseHTTPRequestHandler) -> None:
        body = _rss(server.base, keys)
        etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:12] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.end_headers()
            return
        reply(handler, body, content_type="application/rss+xml", headers={"ETag": etag})

    server.routes["/rss.xml"] = feed
    url = server.url("/rss.xml")
    batches: list[list[Article]] = []

    def on_articles(articles: list[Article]) -> None:
        batches.append(articles)
        keys.append("vignes")  # the feed gains one item before the next poll

    state = tmp_path / "watch.json"
    with quick_fetcher() as fetcher:
        delivered = watch(
            [url],
            interval=0.05,
            iterations=2,
            on_articles=on_articles,
            state_path=state,
            fetcher=fetcher,
        )
    assert delivered == 4
    assert [[a.id for a in b] for b in batches] == [["budget", "neige", "train"], ["vignes"]]
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert set(saved["seen"]) == {f"tribune-{k}" for k in ["budget", "neige", "train", "vignes"]}
    assert url in saved["validators"]

    # a later run from the saved state: the feed answers 304, nothing is handed over
    with quick_fetcher() as fetcher:
        again = watch(
            [url],
            interval=0.05,
            iterations=1,
            on_articles=on_articles,
            state_path=state,
            fetcher=fetcher,
        )
    assert again == 0 and len(batches) == 2
    assert server.hits_for("/rss.xml")[-1].headers.get("If-None-Match")
    assert len(server.hits_for("/articles/vignes.html")) == 1


def test_watch_interrupted_in_the_callback_delivers_again_next_run(
    server: LocalServer, tmp_path: Path
) -> None:
    etag = '"fixe"'

    def feed(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.end_headers()
            return
        body = _rss(server.base, ["budget", "train"])
        reply(handler, body, content_type="application/rss+xml", headers={"ETag": etag})

    server.routes["/rss.xml"] = feed
    state = tmp_path / "etat.json"
    received: list[list[str]] = []

    def interrupted(articles: list[Article]) -> None:
        raise KeyboardInterrupt

    def keep(articles: list[Article]) -> None:
        received.append([a.id for a in articles])

    with quick_fetcher() as fetcher:
        first = watch(
            [server.url("/rss.xml")],
            interval=0.05,
            iterations=3,
            on_articles=interrupted,
            state_path=state,
            fetcher=fetcher,
        )
        second = watch(
            [server.url("/rss.xml")],
            interval=0.05,
            iterations=1,
            on_articles=keep,
            state_path=state,
            fetcher=fetcher,
        )
    assert (first, second) == (0, 2)
    assert received == [["budget", "train"]]
    assert len(server.hits_for("/rss.xml")) == 2  # the interrupted run stopped at once
