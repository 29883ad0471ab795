"""OrangeSum for benchmarks: records in date order, as Articles or as JSONL files.

The data is read in place from ``../shared/data/orangesum-fr`` (never copied
into the project).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from recoupe.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
SOURCE = "orangesum"

Record = dict[str, Any]


def load_records(limit: int = 0) -> list[Record]:
    """OrangeSum records sorted by (date, id): a chronological feed; ``limit`` 0 = all."""
    if not DATA.exists():
        raise SystemExit(f"OrangeSum not found at {DATA} (see ../shared/data/README.md)")
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    records.sort(key=lambda r: (str(r.get("date") or ""), int(str(r["id"]))))
    return records[:limit] if limit else records


def _published(record: Record) -> date | None:
    try:
        return date.fromisoformat(str(record.get("date") or ""))
    except ValueError:
        return None


def to_article(record: Record) -> Article:
    """The Article a caller of ``Corpus.add_articles`` would build from one record."""
    return Article(
        id=str(record["id"]),
        text=str(record["article"]),
        title=str(record.get("title") or ""),
        source=SOURCE,
        published=_published(record),
        language="fr",
    )


def write_partitions(records: Sequence[Record], folder: Path, size: int) -> list[str]:
    """Write ``records`` as JSONL files of ``size`` lines each; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, start in enumerate(range(0, len(records), size)):
        path = folder / f"part-{n:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in records[start : start + size]:
                line = {
                    "id": str(record["id"]),
                    "text": record["article"],
                    "title": record.get("title") or "",
                    "date": record.get("date") or "",
                    "language": "fr",
                    "source": SOURCE,
                }
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths
