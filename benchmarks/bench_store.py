"""Benchmark the corpus stores: ingest throughput and story query latency.

Data: the first N OrangeSum articles (../shared/data/orangesum-fr, read in
place), spread over 8 fake outlets, with precomputed random unit float32
vectors (no annotation), grouped into fake stories of ~5 random articles.

Measured per backend (each article and each story assignment is its own
transaction, as during a real ingest):

* ingest: ``add_article`` + ``assign_story``, articles/s;
* re-ingest of 1,000 already stored articles (resumption: all ``unchanged``);
* ``get_vectors`` for the whole corpus;
* ``list_stories`` (first page, deep page, ``lang``+``source`` filter, title
  query) and ``get_story`` latency, p50/p95 in ms.

PostgreSQL runs when ``--pg URL`` or ``$RECOUPE_TEST_PG`` is given (a fresh
schema, dropped afterwards).

Usage: python benchmarks/bench_store.py [--n 36000] [--dim 512] [--queries 200] [--pg URL]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from recoupe.model import Article
from recoupe.store import PostgresStore, SQLiteStore, Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "orangesum-fr" / "orangesum_parsed_docs.jsonl.gz"
OUTLETS = ["afp", "rts", "france24", "lemonde", "liberation", "lefigaro", "ouestfrance", "orange"]
SEED = 7


def load_articles(n: int) -> Iterator[Article]:
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= n:
                return
            rec = json.loads(line)
            try:
                published: date | None = date.fromisoformat(rec.get("date") or "")
            except ValueError:
                published = None
            yield Article(
                id=f"orangesum-{rec['id']}",
                text=rec["article"],
                title=rec.get("title") or "",
                source=OUTLETS[i % len(OUTLETS)],
                published=published,
                language="fr",
                url=f"https://orangesum.example/{rec['id']}",
                origin=f"orangesum:{rec['id']}",
                meta={"heading": rec.get("heading") or ""},
            )


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return percentiles(times)


def ingest(
    store: Store, articles: list[Article], vectors: np.ndarray, stories: np.ndarray
) -> float:
    start = time.perf_counter()
    for i, article in enumerate(articles):
        result = store.add_article(article, None, {"use": vectors[i]})
        store.assign_story(result.article_id, f"story-{stories[i]}")
        if (i + 1) % 5000 == 0:
            print(
                f"  {i + 1} articles, {(i + 1) / (time.perf_counter() - start):.0f}/s",
                file=sys.stderr,
            )
    return len(articles) / (time.perf_counter() - start)


def bench(store: Store, articles: list[Article], args: argparse.Namespace) -> dict[str, str]:
    rng = np.random.default_rng(SEED)
    vectors = rng.standard_normal((len(articles), args.dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stories = rng.permutation(len(articles)) // 5
    row: dict[str, str] = {"ingest art/s": f"{ingest(store, articles, vectors, stories):.0f}"}
    store.optimize()

    again = articles[: min(1000, len(articles))]
    start = time.perf_counter()
    statuses = {store.add_article(a, None, {"use": vectors[i]}).status for i, a in enumerate(again)}
    assert statuses == {"unchanged"}, statuses
    row["re-add art/s"] = f"{len(again) / (time.perf_counter() - start):.0f}"

    start = time.perf_counter()
    ids, matrix = store.get_vectors("use")
    row["get_vectors s"] = f"{time.perf_counter() - start:.2f}"
    assert matrix.shape == (store.count_articles(), args.dim) and len(ids) == matrix.shape[0]
    row["stored"] = str(len(ids))  # OrangeSum repeats a few texts: those are 'unchanged'

    n_stories = int(stories.max()) + 1
    words = [w for a in articles[:500] for w in a.title.split() if len(w) > 6][:50] or ["France"]
    q = args.queries
    queries: dict[str, Callable[[], Any]] = {
        "list p1": lambda: store.list_stories(limit=50),
        "list deep": lambda: store.list_stories(
            limit=50, offset=int(rng.integers(0, max(1, n_stories - 50)))
        ),
        "list lang+src": lambda: store.list_stories(
            lang="fr", source=OUTLETS[int(rng.integers(0, 8))], limit=50
        ),
        "list query": lambda: store.list_stories(query=str(rng.choice(words)), limit=50),
        "get_story": lambda: store.get_story(f"story-{int(rng.integers(0, n_stories))}"),
    }
    for name, fn in queries.items():
        p50, p95 = timed(fn, q)
        row[name] = f"{p50:.1f}/{p95:.1f}"
    return row


def print_table(rows: dict[str, dict[str, str]], n: int, dim: int) -> None:
    print(f"\nStore benchmark: {n} OrangeSum articles, {dim}-d vectors, stories of ~5")
    print("(query columns: p50/p95 ms; list_* return 50 stories)\n")
    columns = list(next(iter(rows.values())))
    widths = [max(len(c), *(len(r[c]) for r in rows.values())) for c in columns]
    print("backend    " + "  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for backend, row in rows.items():
        print(
            f"{backend:<10} "
            + "  ".join(row[c].rjust(w) for c, w in zip(columns, widths, strict=True))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=36_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--pg", default=os.environ.get("RECOUPE_TEST_PG"))
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"OrangeSum data not found at {DATA}")
    articles = list(load_articles(args.n))
    rows: dict[str, dict[str, str]] = {}
    if not args.skip_sqlite:
        with (
            tempfile.TemporaryDirectory() as tmp,
            SQLiteStore(Path(tmp) / "bench.sqlite3") as store,
        ):
            print("sqlite ...", file=sys.stderr)
            rows["sqlite"] = bench(store, articles, args)
    if args.pg:
        sep = "&" if "?" in args.pg else "?"
        pg = PostgresStore(f"{args.pg}{sep}schema=bench_{uuid.uuid4().hex[:8]}")
        try:
            print("postgres ...", file=sys.stderr)
            rows["postgres"] = bench(pg, articles, args)
        finally:
            pg.drop_schema()
    print_table(rows, len(articles), args.dim)


if __name__ == "__main__":
    main()
