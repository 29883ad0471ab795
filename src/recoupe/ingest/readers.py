"""Dispatch each input (file, directory, URL) to its format reader.

URLs go through one :class:`~recoupe.ingest.http.Fetcher` per batch (robots.txt,
politeness delay, retries); a URL or a local ``.rss``/``.atom``/``.xml`` file
holding an RSS/Atom feed yields the articles its items link to
(:mod:`recoupe.ingest.feeds`); ``.warc``/``.warc.gz`` files yield their HTML
responses (:mod:`recoupe.ingest.warc`).

:func:`read_inputs` never stops on a bad item: each one becomes a
:class:`~recoupe.pipeline.Failure` with a one-line reason. :func:`read_one` is
the strict form: it raises the first :class:`~recoupe.errors.IngestError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IngestError, MalformedInput, NoArticleFound, SourceNotFound
from ..model import Article
from ..pipeline import Failure
from .build import Draft, finish
from .decode import check_binary, decode_bytes, read_limited
from .feeds import FEED_SUFFIXES, FeedResult, feed_articles, parse_feed
from .fetch import page_draft
from .html import html_draft, looks_like_html
from .http import Fetcher, is_url, looks_like_feed
from .jsonl import read_jsonl
from .metadata import slugify, unique_ids
from .text import text_draft
from .warc import WARC_SUFFIXES, is_warc, read_warc

log = logging.getLogger(__name__)

STAGE = "ingest"
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
) | frozenset(WARC_SUFFIXES)
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0
_HEAD = 4096


@dataclass
class IngestResult:
    """The articles read and the inputs (or JSONL lines) that were rejected."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class _Options:
    source: str | None
    max_bytes: int
    fetcher: Fetcher


def _suffix(path: Path) -> str:
    return path.suffix.lower() if path.suffix.strip(".") else ""


def _walk(directory: Path) -> list[Path]:
    """Supported, non-hidden files under ``directory``, sorted, recursively."""
    found: list[Path] = []
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts
        if any(p.startswith(".") for p in parts) or not path.is_file():
            continue
        if _suffix(path) == ".xml" and not _is_feed_file(path):
            continue
        if _suffix(path) in SUPPORTED_SUFFIXES or is_warc(path):
            found.append(path)
    return found


def _is_feed_file(path: Path) -> bool:
    with path.open("rb") as fh:
        return looks_like_feed(fh.read(_HEAD))


def _feed_file(path: Path, item: str, opts: _Options) -> Iterator[Article | IngestError]:
    data = read_limited(path, item, opts.max_bytes)
    if _suffix(path) == ".xml" and not looks_like_feed(data[:_HEAD]):
        raise MalformedInput(item, "XML file that is not an RSS/Atom feed")
    feed = parse_feed(data, item)
    yield from _feed(feed, item, opts)


def _feed(feed: FeedResult, item: str, opts: _Options) -> Iterator[Article | IngestError]:
    for failure in feed.failures:
        yield IngestError(failure.item, failure.reason)
    if not feed.items:
        raise NoArticleFound(item, "feed with no items")
    yield from feed_articles(feed, opts.fetcher, source=opts.source)


def _finish(draft: Draft, opts: _Options) -> Article:
    return finish(draft, source=opts.source)


def _document(path: Path, item: str, opts: _Options) -> Article:
    """One article from a text, Markdown or HTML file."""
    data = read_limited(path, item, opts.max_bytes)
    text, encoding = decode_bytes(data, item)
    stem = slugify(path.stem)
    suffix = _suffix(path)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        draft = html_draft(text, origin=item, id_hint=stem)
        draft.source = draft.source or path.stem
    else:
        draft = text_draft(
            text, origin=item, id_hint=stem, source=path.stem, markdown=suffix in MARKDOWN_SUFFIXES
        )
    draft.meta["encoding"] = encoding
    return _finish(draft, opts)


def _jsonl(path: Path, item: str, opts: _Options) -> Iterator[Article | IngestError]:
    with path.open("rb") as fh:
        head = fh.read(65536)
    if not head.strip():
        decode_bytes(head, item)  # raises EmptyInput with the right wording
    check_binary(head, item)
    produced = False
    for out in read_jsonl(path, item=item, stem=slugify(path.stem), max_bytes=opts.max_bytes):
        produced = True
        if isinstance(out, IngestError):
            yield out
            continue
        try:
            yield _finish(out, opts)
        except IngestError as exc:
            yield exc
    if not produced:
        raise NoArticleFound(item, "JSONL file with no records")


def _file(path: Path, item: str, opts: _Options) -> Iterator[Article | IngestError]:
    try:
        if is_warc(path):
            yield from read_warc(path, item, max_bytes=opts.max_bytes)
        elif _suffix(path) in FEED_SUFFIXES:
            yield from _feed_file(path, item, opts)
        elif _suffix(path) in JSONL_SUFFIXES:
            yield from _jsonl(path, item, opts)
        else:
            yield _document(path, item, opts)
    except OSError as exc:
        raise IngestError(item, f"cannot read file: {exc.strerror or exc}") from exc


def _url(item: str, opts: _Options) -> Iterator[Article | IngestError]:
    """The page at ``item``, or the articles of the feed it serves; nothing on a 304."""
    fetched = opts.fetcher.fetch(item)
    if fetched.not_modified:
        log.info("%s: not modified since the last fetch, no new article", item)
        return
    if fetched.is_feed:
        feed = parse_feed(
            fetched.body, item, base_url=fetched.url, content_type=fetched.content_type
        )
        yield from _feed(feed, item, opts)
        return
    yield _finish(page_draft(fetched, origin=item), opts)


def _item(item: str, opts: _Options) -> Iterator[Article | IngestError]:
    """Articles (or per-file/per-line errors) from one input; raises for the item itself."""
    if is_url(item):
        yield from _url(item, opts)
        return
    path = Path(item).expanduser()
    if not path.exists():
        raise SourceNotFound(item, "no such file")
    if not path.is_dir():
        yield from _file(path, item, opts)
        return
    files = _walk(path)
    if not files:
        raise NoArticleFound(item, "directory has no .txt, .md, .html, .jsonl, feed or WARC files")
    for child in files:
        try:
            yield from _file(child, str(child), opts)
        except IngestError as exc:
            yield exc


def _with_unique_ids(articles: list[Article]) -> list[Article]:
    for article, new_id in zip(articles, unique_ids(a.id for a in articles), strict=True):
        article.id = new_id
    return articles


@contextmanager
def _options(
    source: str | None, max_bytes: int, fetch_timeout: float, fetcher: Fetcher | None
) -> Iterator[_Options]:
    """Options with the caller's fetcher, or a fresh one closed at the end."""
    if fetcher is not None:
        yield _Options(source, max_bytes, fetcher)
        return
    with Fetcher(timeout=fetch_timeout, max_bytes=max_bytes) as own:
        yield _Options(source, max_bytes, own)


def read_one(
    item: str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_timeout: float = DEFAULT_TIMEOUT,
    fetcher: Fetcher | None = None,
) -> list[Article]:
    """The articles of one input (several for JSONL, a feed, a WARC file or a directory).

    Strict: raises the first :class:`~recoupe.errors.IngestError` met
    (a bad JSONL line included). ``fetcher`` (its own limits apply) is used
    for URLs; by default a fresh one with ``fetch_timeout`` and ``max_bytes``.
    """
    articles: list[Article] = []
    with _options(source, max_bytes, fetch_timeout, fetcher) as opts:
        for out in _item(item, opts):
            if isinstance(out, IngestError):
                raise out
            articles.append(out)
    return _with_unique_ids(articles)


def _failure(exc: IngestError) -> Failure:
    log.info("skipping %s: %s", exc.source, exc.detail)
    return Failure(item=exc.source, stage=STAGE, reason=exc.detail)


def read_inputs(
    items: Sequence[str],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_timeout: float = DEFAULT_TIMEOUT,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Read every item (path, directory, feed, WARC or http(s) URL); bad ones become failures.

    Article ids are unique within the batch (``rts``, ``rts-2``). One fetcher
    serves the whole batch, so the per-host delay and robots.txt cache apply.
    """
    result = IngestResult()
    with _options(source, max_bytes, fetch_timeout, fetcher) as opts:
        for item in items:
            try:
                for out in _item(item, opts):
                    if isinstance(out, IngestError):
                        result.failures.append(_failure(out))
                    else:
                        result.articles.append(out)
            except IngestError as exc:
                result.failures.append(_failure(exc))
    _with_unique_ids(result.articles)
    log.info("ingested %d articles, %d failures", len(result.articles), len(result.failures))
    return result
