"""Dispatch each input (file, directory, URL) to its format reader.

:func:`read_inputs` never stops on a bad item: each one becomes a
:class:`~recoupe.pipeline.Failure` with a one-line reason. :func:`read_one` is
the strict form: it raises the first :class:`~recoupe.errors.IngestError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BinaryInput, IngestError, NoArticleFound, SourceNotFound
from ..model import Article
from ..pipeline import Failure
from .build import Draft, finish
from .decode import check_binary, decode_bytes, decode_declared, read_limited
from .fetch import fetch, is_url
from .html import html_draft, looks_like_html
from .jsonl import read_jsonl
from .metadata import slugify, unique_ids
from .text import text_draft

log = logging.getLogger(__name__)

STAGE = "ingest"
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0
_BINARY_MIME = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")


@dataclass
class IngestResult:
    """The articles read and the inputs (or JSONL lines) that were rejected."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class _Options:
    source: str | None
    max_bytes: int
    fetch_timeout: float


def _suffix(path: Path) -> str:
    return path.suffix.lower() if path.suffix.strip(".") else ""


def _walk(directory: Path) -> list[Path]:
    """Supported, non-hidden files under ``directory``, sorted, recursively."""
    found: list[Path] = []
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts
        if any(p.startswith(".") for p in parts) or not path.is_file():
            continue
        if _suffix(path) in SUPPORTED_SUFFIXES:
            found.append(path)
    return found


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
        if _suffix(path) in JSONL_SUFFIXES:
            yield from _jsonl(path, item, opts)
        else:
            yield _document(path, item, opts)
    except OSError as exc:
        raise IngestError(item, f"cannot read file: {exc.strerror or exc}") from exc


def _url_id(url: str) -> str:
    parts = urlsplit(url)
    last = Path(parts.path.rstrip("/")).stem
    return slugify(last or parts.hostname or "page", default="page")


def _url(item: str, opts: _Options) -> Article:
    fetched = fetch(item, timeout=opts.fetch_timeout, max_bytes=opts.max_bytes)
    if fetched.content_type.startswith(_BINARY_MIME):
        raise BinaryInput(item, f"binary response ({fetched.content_type}, not text)")
    text, encoding = decode_declared(fetched.body, fetched.charset, item)
    host = urlsplit(fetched.url).hostname or ""
    if "html" in fetched.content_type or looks_like_html(text):
        draft = html_draft(text, origin=item, id_hint=_url_id(fetched.url), url=fetched.url)
        draft.source = draft.source or host
    else:
        draft = text_draft(
            text, origin=item, id_hint=_url_id(fetched.url), source=host, markdown=False
        )
        draft.url = fetched.url
    draft.meta["encoding"] = encoding
    return _finish(draft, opts)


def _item(item: str, opts: _Options) -> Iterator[Article | IngestError]:
    """Articles (or per-file/per-line errors) from one input; raises for the item itself."""
    if is_url(item):
        yield _url(item, opts)
        return
    path = Path(item).expanduser()
    if not path.exists():
        raise SourceNotFound(item, "no such file")
    if not path.is_dir():
        yield from _file(path, item, opts)
        return
    files = _walk(path)
    if not files:
        raise NoArticleFound(item, "directory has no .txt, .md, .html or .jsonl files")
    for child in files:
        try:
            yield from _file(child, str(child), opts)
        except IngestError as exc:
            yield exc


def _with_unique_ids(articles: list[Article]) -> list[Article]:
    for article, new_id in zip(articles, unique_ids(a.id for a in articles), strict=True):
        article.id = new_id
    return articles


def read_one(
    item: str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_timeout: float = DEFAULT_TIMEOUT,
) -> list[Article]:
    """The articles of one input (several for JSONL or a directory).

    Strict: raises the first :class:`~recoupe.errors.IngestError` met
    (a bad JSONL line included).
    """
    opts = _Options(source, max_bytes, fetch_timeout)
    articles: list[Article] = []
    for out in _item(item, opts):
        if isinstance(out, IngestError):
            raise out
        articles.append(out)
    return _with_unique_ids(articles)


def _failure(exc: IngestError) -> Failure:
    log.warning("skipping %s: %s", exc.source, exc.detail)
    return Failure(item=exc.source, stage=STAGE, reason=exc.detail)


def read_inputs(
    items: Sequence[str],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_timeout: float = DEFAULT_TIMEOUT,
) -> IngestResult:
    """Read every item (path, directory or http(s) URL); bad ones become failures.

    Article ids are unique within the batch (``rts``, ``rts-2``).
    """
    opts = _Options(source, max_bytes, fetch_timeout)
    result = IngestResult()
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
