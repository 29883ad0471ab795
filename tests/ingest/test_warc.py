"""WARC archives written with warcio in the test, then read back as articles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from recoupe.errors import NoArticleFound
from recoupe.ingest import read_inputs, read_one

from .test_http_support import article_html

warcio = pytest.importorskip("warcio", reason="warcio is not installed (pip install warcio)")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

BUDGET_URL = "https://www.tribune-leman.ch/suisse/budget-geneve"
NEIGE_URL = "https://www.tribune-leman.ch/meteo/neige-alpes"


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str) -> None:
    http = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http)
    writer.write_record(record)


def _write_warc(path: Path, *, gzip: bool, extra: Sequence[tuple[str, bytes, str]] = ()) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        _response(
            writer,
            BUDGET_URL,
            article_html("budget", dated=True).encode(),
            "text/html; charset=utf-8",
        )
        _response(
            writer,
            "https://www.tribune-leman.ch/logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            "image/png",
        )
        for url, body, kind in extra:
            _response(writer, url, body, kind)
        _response(writer, NEIGE_URL, article_html("neige").encode(), "text/html")


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("capture.warc.gz" if gzip else "capture.warc")
    _write_warc(path, gzip=gzip)
    result = read_inputs([str(path)])
    assert result.failures == []
    budget, neige = result.articles
    assert (budget.url, neige.url) == (BUDGET_URL, NEIGE_URL)
    assert budget.title == "Genève adopte son budget après une nuit de débats"
    assert budget.source == "La Tribune du Léman"
    assert budget.published == date(2024, 3, 12)
    assert budget.meta["format"] == "warc" and budget.meta["warc_date"]
    assert "Davos" in neige.text and neige.language == "fr"
    assert budget.origin == f"{path}#{BUDGET_URL}"


def test_bad_record_is_a_failure_for_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc"
    bad_url = "https://www.tribune-leman.ch/vide"
    empty_page = b"<!DOCTYPE html><html><body><nav>Accueil</nav></body></html>"
    _write_warc(path, gzip=False, extra=[(bad_url, empty_page, "text/html")])
    result = read_inputs([str(path)])
    assert [a.url for a in result.articles] == [BUDGET_URL, NEIGE_URL]
    assert [(f.item, f.reason) for f in result.failures] == [
        (f"{path}#{bad_url}", "HTML page with no article text")
    ]


def test_truncated_archive_keeps_the_records_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    _write_warc(path, gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 400])  # the last record is cut short
    result = read_inputs([str(path)])
    assert [a.url for a in result.articles] == [BUDGET_URL]
    [failure] = result.failures
    assert failure.item.startswith(str(path)) and "WARC record" in failure.reason


def test_warc_without_html_and_garbage_file(tmp_path: Path) -> None:
    only_image = tmp_path / "images.warc"
    with only_image.open("wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://x.ch/a.png", b"\x89PNG....", "image/png")
    with pytest.raises(NoArticleFound):
        read_one(str(only_image))
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not a WARC file at all\n" * 10)
    [failure] = read_inputs([str(garbage)]).failures
    assert failure.reason == "not a WARC file (no WARC/ header)"
