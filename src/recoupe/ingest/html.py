"""HTML pages: main text and metadata with trafilatura, date fallback with htmldate."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from ..errors import MissingDependency, NoArticleFound
from .build import Draft
from .metadata import parse_date_field

log = logging.getLogger(__name__)

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
MIN_TEXT_CHARS = 40
MIN_LINE_WORDS = 5


def looks_like_html(head: bytes | str) -> bool:
    """True when the content starts with ``<!doctype html`` or ``<html``."""
    data = head.encode("utf-8", "replace") if isinstance(head, str) else head
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def _extract(html: str, url: str | None) -> dict[str, Any]:
    try:
        import trafilatura
    except ImportError as exc:  # a core dependency, but say so clearly
        raise MissingDependency("trafilatura", "pip install trafilatura") from exc
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    result: dict[str, Any] = doc.as_dict()
    return result


def _fallback_date(html: str, url: str | None) -> date | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception as exc:  # htmldate is best-effort: never fail an article on it
        log.debug("htmldate failed: %s", exc)
        return None
    return parse_date_field(found)


def _has_prose(text: str) -> bool:
    if len(text.strip()) < MIN_TEXT_CHARS:
        return False
    return any(len(line.split()) >= MIN_LINE_WORDS for line in text.splitlines())


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def html_draft(html: str, *, origin: str, id_hint: str, url: str | None = None) -> Draft:
    """A draft from an HTML page; :class:`NoArticleFound` when it has no article text."""
    found = _extract(html, url)
    text = _str(found.get("text"))
    if not _has_prose(text):
        raise NoArticleFound(origin, "HTML page with no article text")
    published = parse_date_field(found.get("date")) or _fallback_date(html, url)
    sitename = _str(found.get("sitename")) or _str(found.get("hostname"))
    return Draft(
        raw_text=text,
        origin=origin,
        id_hint=id_hint,
        source=sitename,
        title=_str(found.get("title")),
        published=published,
        url=_str(found.get("url")) or url,
        meta={"format": "html", "author": _str(found.get("author")) or None},
    )
