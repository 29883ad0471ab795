"""Page metadata read from structured data: date, author, canonical URL, outlet."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date

import pytest

from recoupe.ingest import read_inputs, read_one
from recoupe.ingest.metadata import clean_author

from .test_http_support import LocalServer, article_html, quick_fetcher


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


def _json_ld(**fields: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def test_json_ld_date_author_canonical_publisher(server: LocalServer) -> None:
    head = (
        _json_ld(
            headline="Genève adopte son budget",
            datePublished="2024-03-12T23:30:00+01:00",
            author={"@type": "Person", "name": "Par Jean Dupont | 12 mars 2024"},
            publisher={"@type": "Organization", "name": "Le Courrier genevois"},
        )
        + '<link rel="canonical" href="/geneve/budget-2024?ref=home">'
    )
    # the page text carries another date: the structured one must win
    page = article_html("budget", site=None, head=head).replace(
        "<h1>", "<p>Publié le 3 janvier 2020</p><h1>"
    )
    url = server.page("/a/12345", page)
    with quick_fetcher() as fetcher:
        [article] = read_one(url, fetcher=fetcher)
    assert article.published == date(2024, 3, 12)
    assert article.meta["date_from"] == "json-ld"
    assert article.meta["author"] == "Jean Dupont"
    assert article.url == server.url("/geneve/budget-2024?ref=home")
    assert article.meta["fetched_url"] == url
    assert article.source == "Le Courrier genevois"
    assert article.meta["outlet_from"] == "json-ld publisher"
    assert article.origin == url


def test_graph_json_ld_and_meta_author_and_og_url(server: LocalServer) -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Site"},
            {
                "@type": ["NewsArticle"],
                "datePublished": "2023-11-05",
                "author": [{"name": "By Marie Curie"}, {"name": "Paul Martin (paul@example.org)"}],
            },
        ],
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
        '<meta property="og:url" content="https://www.tribune-leman.ch/neige">'
    )
    url = server.page("/neige.html", article_html("neige", head=head))
    with quick_fetcher() as fetcher:
        [article] = read_one(url, fetcher=fetcher)
    assert article.published == date(2023, 11, 5)
    assert article.meta["author"] == "Marie Curie, Paul Martin"
    assert article.url == "https://www.tribune-leman.ch/neige"
    assert article.source == "La Tribune du Léman"
    assert article.meta["outlet_from"] == "og:site_name"


def test_meta_published_time_and_host_as_outlet(server: LocalServer) -> None:
    url = server.page("/train.html", article_html("train", site=None, dated=True))
    with quick_fetcher() as fetcher:
        [article] = read_one(url, fetcher=fetcher)
    assert article.published == date(2024, 3, 12)
    assert article.meta["date_from"] == "meta article:published_time"
    assert article.url == url and article.meta["author"] is None
    assert article.title == "Les CFF annoncent de nouvelles liaisons vers Milan"


def test_batch_of_urls_with_one_shared_fetcher(server: LocalServer) -> None:
    urls = [server.page(f"/{k}.html", article_html(k)) for k in ("budget", "neige")]
    urls.append(server.url("/absent.html"))
    with quick_fetcher(delay=0.2) as fetcher:
        result = read_inputs(urls, fetcher=fetcher)
    assert [a.id for a in result.articles] == ["budget", "neige"]
    assert [(f.item, f.reason) for f in result.failures] == [(urls[2], "HTTP 404 Not Found")]
    assert len(server.hits_for("/robots.txt")) == 1
    times = sorted(h.at for h in server.hits if h.path != "/robots.txt")
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(times))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Par Jean Dupont | 12 mars 2024", "Jean Dupont"),
        ("By Jane Doe (jane.doe@example.com)", "Jane Doe"),
        ("Publié le 12/03/2024 par Marie Curie", "Marie Curie"),
        ("Jean Dupont et Marie Curie, Le Temps", "Jean Dupont, Marie Curie"),
        ("Par Jean Le Gall, publié le 3 mars 2024 à 10h", "Jean Le Gall"),
        ("Le Temps", None),
        ("12 mars 2024", None),
        ("https://twitter.com/jdupont", None),
    ],
)
def test_clean_author(raw: str, expected: str | None) -> None:
    assert clean_author(raw, site_names=["Le Temps", "letemps.ch"]) == expected
