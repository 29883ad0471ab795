"""From a fetched response (HTTP or a WARC record) to an article draft.

The HTTP side lives in :mod:`recoupe.ingest.http` (:class:`Fetcher`); this
module turns what came back into a :class:`~recoupe.ingest.build.Draft`:
binary types refused, text decoded with the declared charset, HTML read with
trafilatura (:func:`~recoupe.ingest.html.html_draft`), anything else as text.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import BinaryInput
from .build import Draft
from .decode import decode_declared
from .html import html_draft, looks_like_html
from .http import Fetched, Fetcher, is_url
from .metadata import slugify
from .text import text_draft

log = logging.getLogger(__name__)

BINARY_MIME = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")

__all__ = ["BINARY_MIME", "Fetched", "fetch", "is_url", "page_draft", "url_id"]


def fetch(item: str, *, timeout: float, max_bytes: int) -> Fetched:
    """Download one URL with a fresh :class:`Fetcher` (robots.txt, retries, size cap)."""
    with Fetcher(timeout=timeout, max_bytes=max_bytes) as fetcher:
        return fetcher.fetch(item)


def url_id(url: str) -> str:
    """An article id from a URL: the last path segment without extension, else the host."""
    parts = urlsplit(url)
    last = PurePosixPath(parts.path.rstrip("/")).stem
    return slugify(last or parts.hostname or "page", default="page")


def page_draft(fetched: Fetched, origin: str) -> Draft:
    """A draft from a fetched page: HTML through trafilatura, other text as plain text."""
    if fetched.content_type.startswith(BINARY_MIME):
        raise BinaryInput(origin, f"binary response ({fetched.content_type}, not text)")
    text, encoding = decode_declared(fetched.body, fetched.charset, origin)
    host = (urlsplit(fetched.url).hostname or "").removeprefix("www.")
    if "html" in fetched.content_type or looks_like_html(text):
        draft = html_draft(text, origin=origin, id_hint=url_id(fetched.url), url=fetched.url)
        draft.source = draft.source or host
    else:
        draft = text_draft(
            text, origin=origin, id_hint=url_id(fetched.url), source=host, markdown=False
        )
        draft.url = fetched.url
        draft.meta["fetched_url"] = fetched.url
    draft.meta["encoding"] = encoding
    if fetched.requested_url and fetched.requested_url != fetched.url:
        draft.meta["requested_url"] = fetched.requested_url
    return draft
