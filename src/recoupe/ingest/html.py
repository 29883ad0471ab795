"""HTML pages: main text with trafilatura; metadata from the page's structured data first.

Publication date: JSON-LD ``datePublished`` / ``article:published_time`` and
similar meta tags, then trafilatura's date (htmldate), then htmldate's
extensive search, then (in :func:`~recoupe.ingest.build.finish`) a byline in
the text. Canonical URL: ``<link rel=canonical>`` then ``og:url`` (the fetched
URL goes to ``meta["fetched_url"]``). Outlet: ``og:site_name``, the JSON-LD
publisher, trafilatura's site name, then the host without ``www.``. The author
is cleaned of byline junk (:func:`~recoupe.ingest.metadata.clean_author`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import MissingDependency, NoArticleFound
from .build import Draft
from .metadata import clean_author, parse_date_field

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


_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
)
_AUTHOR_META = ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author")
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting"}
    | {"opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"}
)
_MAX_JSON_LD = 200_000


@dataclass
class PageMeta:
    """What a page declares about itself in ``<head>`` and JSON-LD."""

    meta: dict[str, str] = field(default_factory=dict)
    canonical: str = ""
    json_ld: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Collects meta tags, ``<link rel=canonical>``, itemprop dates and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageMeta()
        self._in_json_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.page.meta.setdefault(key, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.page.canonical = self.page.canonical or a.get("href", "")
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_json_ld, self._buffer = True, []
        elif a.get("itemprop", "").lower() == "datepublished" and a.get("datetime"):
            self.page.meta.setdefault("datepublished", a["datetime"])

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.page.json_ld.append("".join(self._buffer)[:_MAX_JSON_LD])


def scan_page(html: str) -> PageMeta:
    scanner = _Scanner()
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError) as exc:  # HTMLParser on very broken markup
        log.debug("page scan stopped: %s", exc)
    return scanner.page


def _ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _ld_objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _ld_objects(value.get("@graph"))


def _ld_types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _ld_article(blocks: list[str]) -> dict[str, Any]:
    """The JSON-LD object describing the article (or the first one with a date)."""
    dated: dict[str, Any] = {}
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            log.debug("unreadable JSON-LD block skipped")
            continue
        for obj in _ld_objects(data):
            if _ld_types(obj) & _ARTICLE_TYPES:
                return obj
            if not dated and obj.get("datePublished"):
                dated = obj
    return dated


def _ld_name(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _str(value.get("name"))
    if isinstance(value, list):
        return ", ".join(n for n in (_ld_name(v) for v in value) if n)
    return ""


def _canonical(page: PageMeta, url: str | None) -> str | None:
    for href in (page.canonical, page.meta.get("og:url", "")):
        absolute = urljoin(url, href) if url and href else href
        if absolute.lower().startswith(("http://", "https://")):
            return absolute
    return None


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _published(
    page: PageMeta, article: dict[str, Any], found: dict[str, Any], html: str, url: str | None
) -> tuple[date | None, str]:
    """The publication date and where it was read."""
    structured = [("json-ld", article.get("datePublished"))]
    structured += [(f"meta {key}", page.meta.get(key)) for key in _DATE_META]
    for where, value in structured:
        found_date = parse_date_field(value)
        if found_date is not None:
            return found_date, where
    from_trafilatura = parse_date_field(found.get("date"))
    if from_trafilatura is not None:
        return from_trafilatura, "htmldate"
    fallback = _fallback_date(html, url)
    return fallback, "htmldate" if fallback else ""


def _outlet(
    page: PageMeta, article: dict[str, Any], found: dict[str, Any], url: str | None
) -> tuple[str, str]:
    candidates = [
        ("og:site_name", _str(page.meta.get("og:site_name"))),
        ("json-ld publisher", _ld_name(article.get("publisher"))),
        ("trafilatura", _str(found.get("sitename"))),
        ("host", _host(url)),
        ("host", _str(found.get("hostname")).removeprefix("www.")),
    ]
    return next(((name, where) for where, name in candidates if name), ("", ""))


def html_draft(html: str, *, origin: str, id_hint: str, url: str | None = None) -> Draft:
    """A draft from an HTML page; :class:`NoArticleFound` when it has no article text.

    ``url`` is where the page was fetched from (None for a local file).
    """
    found = _extract(html, url)
    text = _str(found.get("text"))
    if not _has_prose(text):
        raise NoArticleFound(origin, "HTML page with no article text")
    page = scan_page(html)
    article = _ld_article(page.json_ld)
    published, date_from = _published(page, article, found, html, url)
    canonical = _canonical(page, url) or url or (_str(found.get("url")) or None)
    source, outlet_from = _outlet(page, article, found, canonical)
    raw_author = _ld_name(article.get("author"))
    raw_author = raw_author or next((page.meta[k] for k in _AUTHOR_META if k in page.meta), "")
    raw_author = raw_author or _str(found.get("author"))
    meta: dict[str, Any] = {
        "format": "html",
        "author": clean_author(raw_author, site_names=(source, _host(canonical))),
        "date_from": date_from or None,
        "outlet_from": outlet_from or None,
    }
    if url is not None:
        meta["fetched_url"] = url
    return Draft(
        raw_text=text,
        origin=origin,
        id_hint=id_hint,
        source=source,
        title=_str(found.get("title")) or _str(article.get("headline")),
        published=published,
        url=canonical,
        meta=meta,
    )
