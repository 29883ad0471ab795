"""WARC archives (``.warc``, ``.warc.gz``) read with warcio (optional dependency).

Each ``response`` record whose HTTP payload is HTML (status 200) becomes an
article; the URL is the record's ``WARC-Target-URI`` (or the page's canonical
URL, with the archived one in ``meta["fetched_url"]``) and ``meta["warc_date"]``
is the capture time. Other records (requests, metadata, images, redirects) are
skipped. A record that cannot be read or has no article text is a failure for
that record only; a broken record structure ends the file (later records cannot
be found again), after the articles already read.
"""

from __future__ import annotations

import gzip
import importlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError, MalformedInput, MissingDependency, NoArticleFound
from ..model import Article
from .build import finish
from .decode import too_large
from .fetch import page_draft
from .http import Fetched, sniff_type

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _archive_iterator() -> Any:
    try:
        module = importlib.import_module("warcio.archiveiterator")
    except ImportError as exc:
        raise MissingDependency("warcio (for WARC files)", "pip install warcio") from exc
    return module.ArchiveIterator


def _html_response(record: Any) -> tuple[str, str, str | None] | None:
    """``(uri, mime, charset)`` for a 200 HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    status = str(record.http_headers.get_statuscode() or "")
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if not uri or status != "200" or (mime and mime not in _HTML_TYPES):
        log.debug("WARC record skipped: %s %s %s", uri, status, mime)
        return None
    m = _CHARSET.search(content_type)
    return uri, mime, m[1] if m else None


def _record_article(
    record: Any, item: str, uri: str, mime: str, charset: str | None, max_bytes: int
) -> Article:
    origin = f"{item}#{uri}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        raise too_large(origin, len(body), max_bytes, what="WARC record")
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise MalformedInput(origin, f"truncated WARC record ({missing} bytes missing)")
    kind = sniff_type(body, mime)
    if not kind.startswith(_HTML_TYPES) and mime:
        raise MalformedInput(origin, f"WARC record is not HTML ({kind})")
    fetched = Fetched(uri, body, kind or "text/html", charset, 200, uri, declared_type=mime)
    draft = page_draft(fetched, origin=origin)
    draft.meta["format"] = "warc"
    draft.meta["warc_date"] = record.rec_headers.get_header("WARC-Date")
    draft.meta["warc_record_id"] = record.rec_headers.get_header("WARC-Record-ID")
    return finish(draft)


def _check_header(path: Path, item: str) -> None:
    """MalformedInput unless the file starts with ``WARC/`` (after gunzipping)."""
    with path.open("rb") as fh:
        head = fh.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as fh:
            start = fh.read(5)
    except (OSError, EOFError) as exc:
        raise MalformedInput(item, f"unreadable WARC file: {exc}") from exc
    if start != b"WARC/":
        raise MalformedInput(item, "not a WARC file (no WARC/ header)")


def _records(path: Path, item: str) -> Iterator[Any]:
    """The file's records; a structural error ends the iteration with MalformedInput."""
    iterator_cls = _archive_iterator()
    _check_header(path, item)
    with path.open("rb") as fh:
        records = iter(iterator_cls(fh))
        n = 0
        while True:
            n += 1
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as exc:  # warcio raises many types on corrupt data
                raise MalformedInput(f"{item}#record-{n}", f"corrupt WARC record: {exc}") from exc
            yield record


def read_warc(path: Path, item: str, *, max_bytes: int) -> Iterator[Article | IngestError]:
    """Articles (or per-record errors) from a WARC file; raises when it holds no page."""
    produced = 0
    try:
        for record in _records(path, item):
            found = _html_response(record)
            if found is None:
                continue
            produced += 1
            uri, mime, charset = found
            try:
                yield _record_article(record, item, uri, mime, charset, max_bytes)
            except IngestError as exc:
                yield exc
            except Exception as exc:  # a corrupt payload (chunking, gzip): this record only
                yield MalformedInput(f"{item}#{uri}", f"corrupt WARC record: {exc}")
    except MalformedInput as exc:
        if not produced:
            raise
        yield exc
    if not produced:
        raise NoArticleFound(item, "WARC file with no HTML response records")
