"""`recoupe watch` polls a real feed on 127.0.0.1 and stores only new items."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recoupe.cli.main import cli
from recoupe.store import open_store

from ..ingest.test_feeds import _serve_rss
from ..ingest.test_http_support import ARTICLES, LocalServer, article_html

pytestmark = pytest.mark.slow


def test_watch_ingests_feed_items_once(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    with LocalServer() as server:
        for key in ARTICLES:
            server.page(f"/articles/{key}.html", article_html(key, site=None))
        url = _serve_rss(server, "/rss.xml", ["budget", "neige"])
        args = ["watch", url, "--db", db, "--iterations", "1", "--interval", "0"]
        first = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert first.exit_code == 0, first.output
        assert "watch stopped: 2 new articles" in first.stdout
        second = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert "watch stopped: 0 new articles" in second.stdout
    with open_store(db) as store:
        articles = list(store.iter_articles())
        assert len(articles) == 2 and all(a.story_id for a in articles)
        assert {a.language for a in articles} == {"fr"}
    assert Path(db + ".watch.json").exists()
