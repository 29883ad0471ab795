"""Export the stored articles (latest revisions by default) to JSONL or Parquet.

One record per article: its text and metadata, content hash, ingestion time,
revision links, wire-copy link and story id. Parquet needs ``pyarrow``.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import MissingDependency, StoreError
from .base import Store, StoredArticle

log = logging.getLogger(__name__)

PARQUET_BATCH = 1000

FIELDS = (
    "id",
    "title",
    "source",
    "published",
    "language",
    "url",
    "origin",
    "text",
    "meta",
    "content_hash",
    "ingested_at",
    "revision",
    "previous_id",
    "latest",
    "duplicate_of",
    "story_id",
)


def article_record(article: StoredArticle) -> dict[str, Any]:
    """A JSON-ready dict (dates as ISO strings) for one stored article."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "url": article.url,
        "origin": article.origin,
        "text": article.text,
        "meta": article.meta,
        "content_hash": article.content_hash,
        "ingested_at": article.ingested_at.isoformat(),
        "revision": article.revision,
        "previous_id": article.previous_id,
        "latest": article.latest,
        "duplicate_of": article.duplicate_of,
        "story_id": article.story_id,
    }


def export_jsonl(store: Store, path: str | Path, *, latest_only: bool = True) -> int:
    """Write one JSON object per article to ``path``; returns the count."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8") as out:
            for article in store.iter_articles(latest_only=latest_only):
                out.write(json.dumps(article_record(article), ensure_ascii=False, default=str))
                out.write("\n")
                count += 1
        tmp.replace(target)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc}") from exc
    log.info("exported %d articles to %s", count, target)
    return count


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        record["meta"] = json.dumps(record["meta"], ensure_ascii=False, default=str)
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_parquet(store: Store, path: str | Path, *, latest_only: bool = True) -> int:
    """Write the articles to a Parquet file (``meta`` as a JSON string); returns the count."""
    try:  # optional, untyped: loaded as Any
        pa: Any = importlib.import_module("pyarrow")
        pq: Any = importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise MissingDependency("pyarrow (for Parquet export)", "pip install pyarrow") from exc
    schema = pa.schema(
        [(name, pa.string()) for name in FIELDS if name not in ("revision", "latest")]
        + [("revision", pa.int32()), ("latest", pa.bool_())]
    )
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    count = 0
    records = (article_record(a) for a in store.iter_articles(latest_only=latest_only))
    try:
        with pq.ParquetWriter(str(tmp), schema) as writer:
            for batch in _batches(records, PARQUET_BATCH):
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        tmp.replace(target)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc}") from exc
    log.info("exported %d articles to %s", count, target)
    return count
